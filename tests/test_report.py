"""`python -m course report` on a graded copy of the demo class: every figure in the page agrees
with the gradebook (read here with plain sqlite3 and nbgrader's own tables), and the page loads
nothing from outside itself."""
from __future__ import annotations

import base64
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from course import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report")]

TOPICS = ["rain_water", "coding_questions"]       # grading is slow: two topics are enough for the page
STUDENTS = ["ada", "ben", "cho", "dev", "fay"]     # perfect, blank, partial, one answer raising, not JSON

# (student, topic, cell, score, max score) of every grade, straight from nbgrader's tables
SQL = """
SELECT s.student_id, a.name, bc.name,
       COALESCE(g.manual_score, g.auto_score, 0) + COALESCE(g.extra_credit, 0), gc.max_score
FROM grade g
JOIN submitted_notebook sn ON g.notebook_id = sn.id
JOIN submitted_assignment s ON sn.assignment_id = s.id
JOIN assignment a ON s.assignment_id = a.id
JOIN base_cell bc ON g.cell_id = bc.id
JOIN grade_cells gc ON gc.id = bc.id
"""


class _Tables(HTMLParser):
    """Every <table id=...> of the page as a list of rows of cell texts, and every src/href."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for name in ("src", "href"):
            if name in attrs:
                self.links.append((tag, name, attrs[name]))
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id", f"table{len(self.tables)}"), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _parse(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    return parser


def _records(table: list[list[str]]) -> list[dict[str, str]]:
    header, *rows = table
    return [dict(zip(header, row)) for row in rows]


def _exercise(cell: str) -> str:
    from course.checks import split_grade_id

    split = split_grade_id(cell)
    return split[0] if split else re.sub(r"(-hidden)?-tests$", "", cell)


def _kind(cell: str) -> str:
    from course.checks import split_grade_id

    split = split_grade_id(cell)
    if split:
        return f"check: {split[1]}"
    return "hidden" if cell.endswith("-hidden-tests") else "visible"


def _grades(db: Path) -> list[tuple[str, str, str, float, float]]:
    with sqlite3.connect(db) as connection:
        return [tuple(row) for row in connection.execute(SQL)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A copy of the course with TOPICS graded for STUDENTS (the report reads it, never changes it)."""
    course = tmp_path_factory.mktemp("report")
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, course / name)
    for student in STUDENTS:
        for topic in TOPICS:
            src = ROOT / "submitted" / student / topic
            if src.exists():
                shutil.copytree(src, course / "submitted" / student / topic)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    command = [sys.executable, "-m", "course", "grade", *TOPICS, "--root", str(course), "--quiet"]
    for student in STUDENTS:
        command += ["--student", student]
    help_text = subprocess.run([sys.executable, "-m", "course", "--help"], capture_output=True, text=True).stdout
    if "--no-sandbox" in help_text:
        command.append("--no-sandbox")   # the demo class is the course's own code
    run = subprocess.run(command, capture_output=True, text=True, timeout=1200, cwd=ROOT)
    assert run.returncode == 0, f"grading the copy failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    return course


@pytest.fixture(scope="module")
def report(graded):
    out = graded / "report.html"
    run = subprocess.run([sys.executable, "-m", "course", "report", "--root", str(graded), "--out", str(out)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, f"`python -m course report` failed:\n{run.stdout}\n{run.stderr}"
    page = out.read_text(encoding="utf-8")
    return page, _parse(page), _grades(graded / "gradebook.db")


def test_the_page_loads_nothing_from_outside(report):
    page, parsed, _ = report
    assert not {"script", "link", "iframe", "object", "embed"} & set(parsed.tags), "the page pulls in other files"
    assert not re.search(r"https?://|url\(", page), "the page names an address outside itself"
    images = [value for tag, name, value in parsed.links if tag == "img"]
    assert len(images) >= 2, f"expected the histogram and the pass-rate figure, found {len(images)} images"
    for tag, name, value in parsed.links:
        assert value.startswith("data:image/png;base64,"), f"<{tag} {name}={value[:60]!r}> is not embedded"
        assert base64.b64decode(value.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n", "an embedded image is not a PNG"


def test_score_distribution_per_topic_matches_the_gradebook(report):
    _, parsed, grades = report
    totals = defaultdict(lambda: [0.0, 0.0])
    for student, topic, _, score, maximum in grades:
        totals[(student, topic)][0] += score
        totals[(student, topic)][1] += maximum
    rows = {r["topic"]: r for r in _records(parsed.tables["topics"])}
    assert set(rows) == set(TOPICS), rows.keys()
    for topic in TOPICS:
        scores = [(s, m) for (_, t), (s, m) in totals.items() if t == topic]
        row = rows[topic]
        assert int(row["students"]) == len(scores) == len(STUDENTS), (topic, row)   # fay's broken notebook scores 0
        assert float(row["points"]) == max(m for _, m in scores)
        assert float(row["mean"]) == pytest.approx(statistics.mean(s for s, _ in scores), abs=0.01)
        assert float(row["median"]) == pytest.approx(statistics.median(s for s, _ in scores))
        assert int(row["below 50%"]) == sum(1 for s, m in scores if s < 0.5 * m)
        bins = [0] * 10
        for s, m in scores:
            bins[min(9, int(10 * s / m + 1e-9))] += 1
        assert [int(row[f"{10 * i}-{10 * i + 10} %"]) for i in range(10)] == bins, (topic, row)


def test_pass_rates_per_cell_and_exercise_match_the_gradebook(report):
    _, parsed, grades = report
    passed = defaultdict(lambda: [0, 0])
    per_exercise = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for student, topic, cell, score, maximum in grades:
        passed[(topic, cell)][0] += 1
        passed[(topic, cell)][1] += int(score >= maximum)
        per_exercise[(topic, _exercise(cell))][student][0] += score
        per_exercise[(topic, _exercise(cell))][student][1] += maximum
    cells = {(r["topic"], r["cell"]): r for r in _records(parsed.tables["cells"])}
    assert set(cells) == set(passed), set(cells) ^ set(passed)
    for key, (count, ok) in passed.items():
        assert (int(cells[key]["students"]), int(cells[key]["passed"])) == (count, ok), (key, cells[key])
        assert cells[key]["kind"] == _kind(key[1]), cells[key]
    exercises = {(r["topic"], r["exercise"]): r for r in _records(parsed.tables["exercises"])}
    assert set(exercises) == set(per_exercise)
    for key, students in per_exercise.items():
        full = sum(1 for s, m in students.values() if s >= m)
        assert (int(exercises[key]["students"]), int(exercises[key]["full marks"])) == (len(students), full), key
    failures = {(r["topic"], r["cell"]): int(r["students who failed it"]) for r in _records(parsed.tables["failures"])}
    assert failures == {key: count - ok for key, (count, ok) in passed.items() if count > ok}
    counts = list(failures.values())
    order = [int(r["students who failed it"]) for r in _records(parsed.tables["failures"])]
    assert order == sorted(counts, reverse=True), "the most frequent failures come first"


def test_most_frequent_mistakes_are_the_failed_checks_with_their_hints(report):
    """Item 2 of #13 in the report: each failed named check is a mistake, counted per student,
    shown with the title and hint its feedback gives."""
    from course.checks import header, split_grade_id
    from course.notebooks import nbgrader_meta, source_path

    _, parsed, grades = report
    lost = {(student, topic, cell) for student, topic, cell, score, maximum in grades if score < maximum}
    checks = defaultdict(set)
    for _, topic, cell, _, _ in grades:
        if split_grade_id(cell):
            checks[(topic, split_grade_id(cell)[0])].add(split_grade_id(cell)[1])
    failed = defaultdict(set)
    for student, topic, cell, score, maximum in grades:
        if split_grade_id(cell) and score < maximum:
            exercise, check = split_grade_id(cell)
            # a types, input-unchanged, complexity or properties check lost together with the
            # exercise's examples check (or its one randomized check when it has no examples)
            # was not counted: no mistake of its own
            names = checks[(topic, exercise)]
            first = "examples" if "examples" in names else "random"
            if check in ("types", "input-unchanged", "complexity", "properties") and check != first and \
                    (student, topic, f"{exercise}-{first}") in lost:
                continue
            failed[(topic, cell)].add(student)
    rows = _records(parsed.tables["mistakes"]) if "mistakes" in parsed.tables else []
    assert failed, "the demo class fails no named check: the report has no mistake to show"
    assert len(rows) == len(failed), (rows, dict(failed))
    hints = {}
    for topic in {t for t, _ in failed}:
        for cell in nbformat.read(str(source_path(topic)), as_version=4).cells:
            title, hint = header(cell.source)
            if title:
                hints[(topic, nbgrader_meta(cell)["grade_id"])] = (title, hint)
    seen = set()
    for row in rows:
        match = [key for key in failed if key[0] == row["topic"] and _exercise(key[1]) == row["exercise"]
                 and hints[key][0] in row["mistake"] and hints[key][1] in row["mistake"]]
        assert len(match) == 1, (row, match)
        assert int(row["students"]) == len(failed[match[0]]), (row, failed[match[0]])
        seen.add(match[0])
    assert seen == set(failed)
    order = [int(r["students"]) for r in rows]
    assert order == sorted(order, reverse=True), "the most frequent mistakes come first"


def test_stuck_students_and_reported_problems(report):
    _, parsed, grades = report
    below = defaultdict(list)
    totals = defaultdict(lambda: [0.0, 0.0])
    for student, topic, _, score, maximum in grades:
        totals[(student, topic)][0] += score
        totals[(student, topic)][1] += maximum
    for (student, topic), (score, maximum) in totals.items():
        if score < 0.5 * maximum:
            below[student].append(topic)
    expected = {s for s, topics in below.items() if len(topics) >= 2}
    stuck = {r["student"]: int(r["topics below"]) for r in _records(parsed.tables["stuck"])}
    assert set(stuck) == expected and "ben" in stuck, (stuck, dict(below))   # ben handed in the blank release
    problems = _records(parsed.tables["problems"])
    assert any(r["student"] == "fay" and "JSON" in r["problems"] for r in problems), problems
    assert not any(r["student"] == "ada" for r in problems), problems


def test_a_changed_gradebook_changes_the_page(graded, report, tmp_path):
    """The figures come from the gradebook: one grade changed in a copy shows in the page."""
    from course import report as course_report

    copy = tmp_path / "gradebook.db"
    shutil.copy(graded / "gradebook.db", copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE grade SET auto_score = 0 WHERE id IN (SELECT g.id FROM grade g "
                           "JOIN submitted_notebook sn ON g.notebook_id = sn.id JOIN submitted_assignment s "
                           "ON sn.assignment_id = s.id WHERE s.student_id = 'ada')")
    page = course_report.build(graded, url=f"sqlite:///{copy}")
    stuck = {r["student"] for r in _records(_parse(page).tables["stuck"])}
    assert "ada" in stuck and "ada" not in {r["student"] for r in _records(report[1].tables["stuck"])}


def test_a_missing_gradebook_is_named(tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    run = subprocess.run([sys.executable, "-m", "course", "report", "--root", str(tmp_path)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 1 and "no gradebook at" in run.stderr, run.stderr
