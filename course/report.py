"""The class report: one self-contained HTML page for the instructor, read from the gradebook.

``python -m course report [--root DIR] [--out FILE] [--stuck-below 0.5] [--stuck-topics 2]``

The gradebook is the one nbgrader uses (``CourseDirectory.db_url`` from nbgrader_config.py: the
sqlite file, or PostgreSQL when NBGRADER_DB_URL says so); it is only read. The page holds:

* the score distribution per topic (a histogram per topic and a table of counts per bin);
* the pass rate per exercise and per graded cell, each hidden check being a cell of its own
  (kind "check: <name>"; a cell passes with its full points);
* the most frequent mistakes: per failed hidden check, the mistake its feedback names (the check's
  title and hint) and how many students made it (``named_mistakes``), then every failing test cell;
* the students who are stuck: below half of the points in several topics;
* the problems grades.csv reports per student (broken notebooks, edited cells, timeouts), when the
  CSV exists;
* the late submissions: per student and topic, when it was handed in, the due date, the started
  days late, the raw score, the late penalty nbgrader recorded and the final score (see
  course/deadlines.py). The other sections count the raw score of every graded cell.

Figures are PNG images embedded as base64 data: the page needs no network and no other file.
"""
from __future__ import annotations

import argparse
import base64
import csv
import html
import io
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import ROOT

# Every grade of every graded cell, with its maximum: nbgrader's own tables, read-only.
GRADES_SQL = """
SELECT s.student_id, a.name, n.name, bc.name, g.auto_score, g.manual_score, g.extra_credit,
       gc.max_score, g.needs_manual_grade
FROM grade g
JOIN submitted_notebook sn ON g.notebook_id = sn.id
JOIN submitted_assignment s ON sn.assignment_id = s.id
JOIN assignment a ON s.assignment_id = a.id
JOIN notebook n ON sn.notebook_id = n.id
JOIN base_cell bc ON g.cell_id = bc.id
JOIN grade_cells gc ON gc.id = bc.id
"""


@dataclass(frozen=True)
class CellGrade:
    student: str
    topic: str
    notebook: str
    cell: str
    score: float          # manual score if a grader gave one, else the autograder's; plus extra credit
    max_score: float
    needs_manual: bool

    @property
    def passed(self) -> bool:
        return not self.needs_manual and self.score >= self.max_score - 1e-9


def db_url(root: Path = ROOT) -> str:
    """The gradebook's URL as nbgrader sees it for the course at root."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    url = config.CourseDirectory.get("db_url") if "CourseDirectory" in config else None
    return str(url) if url else "sqlite:///" + str(Path(root) / "gradebook.db")


def read_grades(url: str) -> list[CellGrade]:
    """Every grade in the gradebook at url (sqlite or PostgreSQL, through SQLAlchemy)."""
    from sqlalchemy import create_engine, text

    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise FileNotFoundError(f"no gradebook at {url[len('sqlite:///'):]}: grade the class first "
                                "(python -m course grade)")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(GRADES_SQL)).fetchall()
    finally:
        engine.dispose()
    grades = []
    for student, topic, notebook, cell, auto, manual, extra, max_score, needs_manual in rows:
        score = (manual if manual is not None else auto) or 0.0
        grades.append(CellGrade(student, topic, notebook, cell, float(score) + float(extra or 0.0),
                                float(max_score or 0.0), bool(needs_manual)))
    return grades


def cell_kinds(root: Path, topic: str) -> dict[str, tuple[str, str]]:
    """{grade cell: (exercise, kind)} from source/<topic>, kind "visible", "hidden" or "written"."""
    from .checks import split_grade_id
    from .notebooks import exercises, has_hidden, nbgrader_meta, source_path
    import nbformat

    path = source_path(topic, root)
    if not path.exists():
        return {}
    nb = nbformat.read(str(path), as_version=4)
    kinds: dict[str, tuple[str, str]] = {}
    for exercise in exercises(nb):
        for cell in exercise.tests:
            grade_id = nbgrader_meta(cell)["grade_id"]
            split = split_grade_id(grade_id)
            kind = f"check: {split[1]}" if split and split[0] == exercise.grade_id else (
                "hidden" if has_hidden(cell) else "visible")
            kinds[grade_id] = (exercise.grade_id, kind)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "markdown" and meta.get("grade"):
            kinds[meta["grade_id"]] = (meta["grade_id"], "written")
    return kinds


def _kind(kinds: dict, cell: str) -> tuple[str, str]:
    if cell in kinds:
        return kinds[cell]
    for suffix, kind in (("-hidden-tests", "hidden"), ("-tests", "visible")):
        if cell.endswith(suffix):
            return cell[: -len(suffix)], kind
    return cell, "other"


def named_mistakes(root: Path, grades: list[CellGrade]) -> list[tuple[str, str, str, int]]:
    """(topic, exercise, mistake, number of students) for the mistakes the feedback names, most
    frequent first.

    A failed named check (course/checks.py) is the mistake its feedback names: the check's title
    and the hint written for it, read from the check cell's comment lines in source/<topic>.
    A gated check that failed together with its exercise's anchor check is left out: it was not
    counted (the answer is wrong on the examples), which is not a mistake of its own.
    """
    from .checks import GATED, anchor, header, split_grade_id
    from .notebooks import nbgrader_meta, source_path
    import nbformat

    texts: dict[tuple[str, str], str] = {}
    for topic in sorted({g.topic for g in grades}):
        path = source_path(topic, root)
        if not path.exists():
            continue
        for cell in nbformat.read(str(path), as_version=4).cells:
            grade_id = nbgrader_meta(cell).get("grade_id", "")
            title, hint = header(cell.source) if cell.cell_type == "code" else (None, None)
            if split_grade_id(grade_id) and title:
                texts[(topic, grade_id)] = f"{title}: {hint}" if hint else title
    # a gated check (course.checks.GATED) that failed while the exercise's anchor check failed too
    # was not counted rather than failed: it names no mistake of its own (utils.testing.NotCounted)
    cells_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in grades:
        split = split_grade_id(g.cell)
        if split:
            cells_of[(g.topic, split[0])].add(split[1])
    failed = {(g.student, g.topic, g.cell) for g in grades if not g.passed}

    def not_counted(g) -> bool:
        exercise, check = split_grade_id(g.cell)
        first = anchor(cells_of[(g.topic, exercise)])
        return (check in GATED and first is not None and first != check
                and (g.student, g.topic, f"{exercise}-{first}") in failed)

    counts: dict[tuple[str, str], set] = defaultdict(set)
    for g in grades:
        if (g.topic, g.cell) in texts and not g.passed and not not_counted(g):
            counts[(g.topic, g.cell)].add(g.student)
    rows = [(topic, split_grade_id(cell)[0], texts[(topic, cell)], len(students))
            for (topic, cell), students in counts.items()]
    return sorted(rows, key=lambda row: (-row[3], row[0], row[1], row[2]))


def read_problems(path: Path) -> dict[str, list[tuple[str, str]]]:
    """{student: [(topic, problems)]} from grades.csv, only rows that report a problem."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if not path.exists():
        return found
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row.get("problems") or "").strip():
                found[row["student"]].append((row["topic"], row["problems"].strip()))
    return found


@dataclass(frozen=True)
class Late:
    student: str
    topic: str
    handed_in: str
    due: str
    days_late: int
    raw: float
    penalty: float

    @property
    def final(self) -> float:
        return self.raw - self.penalty


def read_late(root: Path, url: str) -> list[Late]:
    """Every submission handed in after its due date, or with a late penalty, from the gradebook
    (nbgrader's own total_seconds_late and late_submission_penalty)."""
    from nbgrader.api import Gradebook

    from .deadlines import rule_from_config
    from .grading import _load_config

    config = _load_config(str(root))
    rule = rule_from_config(config)
    course_id = config.CourseDirectory.get("course_id", "default_course") if "CourseDirectory" in config else "default_course"
    stamp = lambda t: t.strftime("%Y-%m-%d %H:%M UTC") if t else ""  # noqa: E731
    late = []
    with Gradebook(url, course_id) as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                penalty = float(sub.late_submission_penalty or 0.0)
                if penalty or sub.total_seconds_late > 0:
                    late.append(Late(sub.student.id, assignment.name, stamp(sub.timestamp), stamp(sub.duedate),
                                     rule.days_late(sub.total_seconds_late), float(sub.score), penalty))
    return sorted(late, key=lambda x: (x.student, x.topic))


# --- the numbers -------------------------------------------------------------------------------

@dataclass
class Summary:
    totals: dict            # {(student, topic): (score, max)}
    topic_max: dict         # {topic: max score}
    exercises: list         # [(topic, exercise, max, students, full marks)]
    cells: list             # [(topic, cell, exercise, kind, max, students, passed)]
    failures: list          # [(topic, cell, exercise, kind, students who failed)] most first
    stuck: list             # [(student, [(topic, score, max)])]


def summarise(grades: list[CellGrade], kinds: dict[str, dict], below: float = 0.5, topics_needed: int = 2) -> Summary:
    totals: dict = defaultdict(lambda: [0.0, 0.0])
    per_exercise: dict = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    per_cell: dict = defaultdict(lambda: [0, 0, 0.0])
    cell_info: dict = {}
    for g in grades:
        exercise, kind = _kind(kinds.get(g.topic, {}), g.cell)
        totals[(g.student, g.topic)][0] += g.score
        totals[(g.student, g.topic)][1] += g.max_score
        per_exercise[(g.topic, exercise)][g.student][0] += g.score
        per_exercise[(g.topic, exercise)][g.student][1] += g.max_score
        entry = per_cell[(g.topic, g.cell)]
        entry[0] += 1
        entry[1] += int(g.passed)
        entry[2] = g.max_score
        cell_info[(g.topic, g.cell)] = (exercise, kind)
    topic_max = {}
    for (student, topic), (score, maximum) in totals.items():
        topic_max[topic] = max(topic_max.get(topic, 0.0), maximum)
    exercises = []
    for (topic, exercise), students in sorted(per_exercise.items()):
        maximum = max(m for _, m in students.values())
        full = sum(1 for s, m in students.values() if s >= m - 1e-9)
        exercises.append((topic, exercise, maximum, len(students), full))
    cells, failures = [], []
    for (topic, cell), (count, passed, maximum) in sorted(per_cell.items()):
        exercise, kind = cell_info[(topic, cell)]
        cells.append((topic, cell, exercise, kind, maximum, count, passed))
        if count > passed and kind != "written":
            failures.append((topic, cell, exercise, kind, count - passed))
    failures.sort(key=lambda row: (-row[4], row[0], row[1]))
    by_student: dict = defaultdict(list)
    for (student, topic), (score, maximum) in sorted(totals.items()):
        if maximum and score < below * maximum:
            by_student[student].append((topic, score, maximum))
    stuck = sorted(((s, rows) for s, rows in by_student.items() if len(rows) >= topics_needed),
                   key=lambda item: (-len(item[1]), item[0]))
    return Summary({k: tuple(v) for k, v in totals.items()}, topic_max, exercises, cells, failures, stuck)


# --- the page ----------------------------------------------------------------------------------

def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


BINS = 10  # score bins per topic: 0-10 %, ..., 90-100 %


def _bins(fractions: list[float]) -> list[int]:
    counts = [0] * BINS
    for f in fractions:
        counts[min(BINS - 1, int(f * BINS + 1e-9))] += 1
    return counts


def _histograms(summary: Summary) -> str:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    topics = sorted(summary.topic_max)
    fig, axes = plt.subplots(len(topics), 1, figsize=(6, 1.6 * len(topics) + 0.4), squeeze=False, sharex=True)
    for ax, topic in zip(axes[:, 0], topics):
        scores = [100 * s / m for (_, t), (s, m) in summary.totals.items() if t == topic and m]
        ax.hist(scores, bins=[10 * i for i in range(BINS + 1)], color="#4878a8", edgecolor="white")
        ax.set_ylabel(topic, rotation=0, ha="right", va="center")
        ax.yaxis.get_major_locator().set_params(integer=True)
    axes[-1, 0].set_xlabel("score (% of the topic's points)")
    return _png(fig)


def _pass_rates(summary: Summary) -> str:
    import matplotlib.pyplot as plt

    rows = summary.exercises
    fig, ax = plt.subplots(figsize=(6, 0.25 * len(rows) + 0.8))
    labels = [f"{t} / {e}" for t, e, *_ in rows]
    ax.barh(range(len(rows)), [100 * full / n if n else 0 for *_, n, full in rows], color="#6a9f58")
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("students with every point of the exercise (%)")
    return _png(fig)


def _table(table_id: str, header: list[str], rows: list[list], caption: str = "") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table id="{table_id}">{cap}<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


STYLE = """
body { font-family: sans-serif; margin: 2em; max-width: 60em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
th { background: #eee; } caption { text-align: left; font-style: italic; padding-bottom: 0.3em; }
img { max-width: 100%; }
"""


def render(summary: Summary, mistakes: list, problems: dict, source: str, below: float, topics_needed: int,
           late: list | None = None) -> str:
    parts = [f"<h1>Class report</h1><p>Read from the gradebook {html.escape(source)}: "
             f"{len({s for s, _ in summary.totals})} students, {len(summary.topic_max)} topics, "
             f"{len(summary.totals)} graded submissions.</p>"]

    parts.append("<h2>Score distribution per topic</h2>")
    topic_rows = []
    for topic in sorted(summary.topic_max):
        scores = [(s, m) for (_, t), (s, m) in summary.totals.items() if t == topic]
        fractions = [s / m for s, m in scores if m]
        topic_rows.append([topic, summary.topic_max[topic], len(scores),
                           round(statistics.mean(s for s, _ in scores), 2),
                           statistics.median(s for s, _ in scores),
                           sum(1 for s, m in scores if m and s < below * m)] + _bins(fractions))
    bin_names = [f"{10 * i}-{10 * i + 10} %" for i in range(BINS)]
    if summary.totals:
        parts.append(f'<img alt="score histograms per topic" src="{_histograms(summary)}">')
    parts.append(_table("topics", ["topic", "points", "students", "mean", "median", f"below {below:.0%}"] + bin_names,
                        topic_rows, "scores per topic; the last columns count students per score bin "
                                    "(a bin holds its lower end; 100 % falls in the last one)"))

    parts.append("<h2>Pass rate per exercise</h2>")
    if summary.exercises:
        parts.append(f'<img alt="pass rate per exercise" src="{_pass_rates(summary)}">')
    parts.append(_table("exercises", ["topic", "exercise", "points", "students", "full marks", "pass rate"],
                        [[t, e, m, n, full, _pct(full, n)] for t, e, m, n, full in summary.exercises],
                        "full marks: every point of the exercise's graded cells"))
    parts.append("<h2>Pass rate per graded cell</h2>")
    parts.append(_table("cells", ["topic", "cell", "exercise", "kind", "points", "students", "passed", "pass rate"],
                        [[t, c, e, k, m, n, p, _pct(p, n)] for t, c, e, k, m, n, p in summary.cells],
                        "a cell passes with its full points; written answers pass once graded in full"))

    parts.append("<h2>Most frequent failures</h2>")
    if mistakes:
        parts.append(_table("mistakes", ["topic", "exercise", "mistake", "students"], mistakes,
                            "failed hidden checks, each with the hint its feedback gives (course/checks.py)"))
    else:
        parts.append("<p>The feedback does not name mistakes yet; the failing test cells follow.</p>")
    parts.append(_table("failures", ["topic", "cell", "exercise", "kind", "students who failed it"],
                        [list(row) for row in summary.failures], "autograded cells, most failed first"))

    parts.append(f"<h2>Students who are stuck</h2><p>Below {below:.0%} of the points in at least "
                 f"{topics_needed} topics.</p>")
    parts.append(_table("stuck", ["student", "topics below", "scores"],
                        [[s, len(rows), ", ".join(f"{t} {sc:g}/{m:g}" for t, sc, m in rows)]
                         for s, rows in summary.stuck]))

    parts.append("<h2>Late submissions</h2>")
    if late:
        parts.append(_table("late", ["student", "topic", "handed in", "due", "days late", "raw score", "late penalty",
                                     "final score"],
                            [[x.student, x.topic, x.handed_in, x.due, x.days_late, x.raw, x.penalty, x.final]
                             for x in late],
                            "days late: started days after the due date and its grace minutes; "
                            "final score = raw score - late penalty"))
    else:
        parts.append("<p>No submission was handed in after its due date.</p>")

    parts.append("<h2>Problems reported by grading (grades.csv)</h2>")
    if problems:
        parts.append(_table("problems", ["student", "topic", "problems"],
                            [[s, t, p] for s in sorted(problems) for t, p in problems[s]]))
    else:
        parts.append("<p>No grades.csv, or no problem in it.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report</title>"
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


def _shown_url(url: str) -> str:
    """The URL without its password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return url


def build(root: Path = ROOT, url: str | None = None, below: float = 0.5, topics_needed: int = 2,
          csv_path: Path | None = None) -> str:
    """The report's HTML for the course at root."""
    if not 0 < below <= 1:
        raise ValueError(f"below must be a fraction between 0 and 1, got {below}")
    if topics_needed < 1:
        raise ValueError(f"topics_needed must be at least 1, got {topics_needed}")
    url = url or db_url(root)
    grades = read_grades(url)
    kinds = {topic: cell_kinds(root, topic) for topic in sorted({g.topic for g in grades})}
    summary = summarise(grades, kinds, below, topics_needed)
    problems = read_problems(csv_path or Path(root) / "grades.csv")
    return render(summary, named_mistakes(root, grades), problems, _shown_url(url), below, topics_needed,
                  read_late(Path(root), url))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="the course folder (default: this repository)")
    parser.add_argument("--out", type=Path, default=None, help="the HTML file to write (default: ROOT/report.html)")
    parser.add_argument("--csv", type=Path, default=None, help="grades CSV (default: ROOT/grades.csv)")
    parser.add_argument("--stuck-below", type=float, default=0.5, help="a topic below this fraction counts (0.5)")
    parser.add_argument("--stuck-topics", type=int, default=2, help="stuck: this many topics below (2)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        page = build(root, below=args.stuck_below, topics_needed=args.stuck_topics, csv_path=args.csv)
    except (FileNotFoundError, ValueError) as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    out = args.out or root / "report.html"
    out.write_text(page, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
