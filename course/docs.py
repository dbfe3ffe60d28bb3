"""Generate what would otherwise be written twice: QUESTIONS.md, the course map
notebooks/index.ipynb and the README's table of topics.

``python -m course.docs`` writes them; ``--check`` reports stale files and questions
that are not covered the way course/questions.py asks, and exits 1 if there are any.
Coverage comes from ``QB-xx`` tags in markdown headings: a heading in notebooks/ is a
lesson section ("ls"); a heading in source/ whose section holds an answer cell is an
exercise ("ex") or, for a hand-graded markdown answer, a written answer ("wa").
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat

from . import ROOT
from .notebooks import lessons, nbgrader_meta, notebook, md, source_path, topics, total_points, write
from .questions import QUESTIONS, SECTIONS

HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$", re.M)
TAG = re.compile(r"\bQB-(\d+)([a-z]?)\b")  # QB-94, and QB-94a for one prompt of a grouped entry
# The public repository of the student edition (`python -m course publish DIR`, course/publish.py).
# Every Binder badge opens it, never this instructor repository: that one holds the solutions and stays
# private. Change the slug here once; publish.py's --binder-repo overrides it for one edition.
STUDENT_REPO = "ml-interview-course/ml-interview-practice"
BINDER_LOGO = "https://mybinder.org/badge_logo.svg"
README_START, README_END = "<!-- topics:start -->", "<!-- topics:end -->"
FOLLOW_START, FOLLOW_END = "<!-- follow-ups:start -->", "<!-- follow-ups:end -->"


@dataclass(frozen=True)
class Place:
    path: str        # relative to the root, the notebook a student opens
    heading: str
    way: str         # ls, ex or wa

    @property
    def anchor(self) -> str:
        return self.heading.replace(" ", "-")

    def link(self, base: str = "") -> str:
        return f"[{Path(self.path).name} › {self.heading}]({base}{self.path}#{quote(self.anchor, safe='()-_.')})"


def _sections(nb):
    """Yield (heading text, level, cells of its section, tags in the heading's paragraph)."""
    marks = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for m in HEADING.finditer(cell.source):
            marks.append((index, len(m.group(1)), m.group(2), cell.source))
    for n, (index, level, text, src) in enumerate(marks):
        end = len(nb.cells)
        for later_index, later_level, _, _ in marks[n + 1:]:
            if later_level <= level and later_index > index:
                end = later_index
                break
        # tags: in the heading itself or in the first paragraph of the same cell
        after = src.split(text, 1)[1].split("\n\n")[:2]
        tags = {f"QB-{int(n):02d}{p}" for n, p in TAG.findall(text + " " + " ".join(after))}
        yield text, level, nb.cells[index:end], tags


def question_order(qid: str) -> tuple[int, str]:
    """Sort key of an ID: QB-9 < QB-94 < QB-94a < QB-94b < QB-100."""
    m = re.fullmatch(r"QB-(\d+)([a-z]?)", qid)
    if not m:
        raise ValueError(f"not a question ID: {qid!r}")
    return int(m.group(1)), m.group(2)


def coverage(root: Path = ROOT) -> dict[str, set[Place]]:
    found: dict[str, set[Place]] = {}
    for lesson in lessons(root):
        nb = nbformat.read(str(lesson), as_version=4)
        for text, _, _, tags in _sections(nb):
            for tag in tags:
                found.setdefault(tag, set()).add(Place(str(lesson.relative_to(root)), text, "ls"))
    for topic in topics(root):
        nb = nbformat.read(str(source_path(topic, root)), as_version=4)
        shown = f"release/{topic}/{topic}.ipynb"
        for text, _, cells, tags in _sections(nb):
            ways = set()
            for cell in cells:
                meta = nbgrader_meta(cell)
                if meta.get("solution") and cell.cell_type == "code":
                    ways.add("ex")
                if meta.get("solution") and meta.get("grade") and cell.cell_type == "markdown":
                    ways.add("wa")
            # A section of an assignment without an answer cell (its title, a Summary that recalls the
            # IDs) asks nothing: it is not a place where a question is covered. Only lessons give "ls".
            for tag in tags:
                for way in ways:
                    found.setdefault(tag, set()).add(Place(shown, text, way))
    return found


def problems(root: Path = ROOT) -> list[str]:
    out = []
    found = coverage(root)
    for qid, (_, _, ways) in QUESTIONS.items():
        have = {p.way for p in found.get(qid, set())}
        for way in ways.split():
            if way not in have:
                out.append(f"{qid} must be covered as '{way}' but is covered as {sorted(have) or 'nothing'}")
    for qid in sorted(set(found) - set(QUESTIONS)):
        out.append(f"{qid} is tagged in {sorted(p.path for p in found[qid])} but is not in course/questions.py")
    for name, text in generated(root).items():
        path = root / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            out.append(f"{name} is stale: run `python -m course.docs`")
    return out


def questions_md(root: Path = ROOT) -> str:
    found = coverage(root)
    lines = ["# Question bank coverage", "",
             "Every interview question of the course, in the course's words, with where it is covered.",
             "Generated by `python -m course.docs` from course/questions.py and the `QB-xx` tags in the",
             "notebooks' headings; a test fails when this file is stale or a question is not covered.",
             "Ways: **ex** autograded exercise, **wa** written answer graded by hand, **ls** lesson section.", ""]
    for key, title in SECTIONS.items():
        lines += [f"## {title}", "", "| ID | question | asked | covered in |", "|---|---|---|---|"]
        for qid, (section, question, ways) in QUESTIONS.items():
            if section != key:
                continue
            places = sorted(found.get(qid, set()), key=lambda p: (p.way, p.path, p.heading))
            cover = "<br>".join(f"{p.way}: {p.link()}" for p in places) or "**not covered yet**"
            lines.append(f"| {qid} | {question} | {ways.replace(' ', ' + ')} | {cover} |")
        lines.append("")
    return "\n".join(lines)


def _title(path: Path) -> str:
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        m = re.search(r"^# (.+)$", cell.source, re.M)
        if cell.cell_type == "markdown" and m:
            return m.group(1).strip()
    return path.stem


def _rows(root: Path):
    for topic in topics(root):
        nb = nbformat.read(str(source_path(topic, root)), as_version=4)
        lesson = root / "notebooks" / f"{topic}.ipynb"
        ids = sorted({t for _, _, _, tags in _sections(nb) for t in tags}, key=question_order)
        yield topic, _title(source_path(topic, root)), lesson if lesson.exists() else None, total_points(nb), ids


def index_notebook(root: Path = ROOT) -> str:
    rows = ["| # | topic | lesson | assignment | points | questions |", "|---|---|---|---|---|---|"]
    for n, (topic, title, lesson, points, ids) in enumerate(_rows(root), 1):
        lesson_link = f"[{lesson.name}]({lesson.name})" if lesson else "—"
        rows.append(f"| {n} | {title} | {lesson_link} | [{topic}.ipynb](../release/{topic}/{topic}.ipynb) | "
                    f"{points:g} | {', '.join(ids)} |")
    extra = [p for p in lessons(root) if p.stem not in topics(root)]
    more = "".join(f"- [{_title(p)}]({p.name})\n" for p in extra)
    nb = notebook([
        md("# Machine-learning interview practice: start here\n\n"
           "Real interview questions, turned into lessons you can run and assignments that check your answers.\n\n"
           "**How to work through a topic.** Open its lesson first: it explains the ideas with code, plots and "
           "sliders. Then open the assignment: write each function where it says `YOUR CODE HERE`, run the "
           "visible tests under it, and use the hints when you are stuck. Before you hand in, restart the "
           "kernel, run all cells and press **Validate**. Hidden tests run when your work is graded.\n\n"
           "This page is generated from the course's files (`python -m course.docs`); a test checks that "
           "every link on it works."),
        md("## Topics\n\n" + "\n".join(rows) + ("\n\n## More lessons\n\n" + more if more else "")),
        md("## Where every interview question is answered\n\n"
           "[QUESTIONS.md](../QUESTIONS.md) lists each question of the bank with the lesson section, exercise "
           "or written answer that covers it."),
    ])
    return nbformat.writes(nb) + "\n"


def binder_url(path: str, repo: str = STUDENT_REPO) -> str:
    """The Binder link that opens *path* (relative to the edition's root) in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{repo}/HEAD?labpath={quote(path, safe='')}"


def binder_badge(path: str, repo: str = STUDENT_REPO) -> str:
    return f"[![Binder]({BINDER_LOGO})]({binder_url(path, repo)})"


def readme_table(root: Path = ROOT, repo: str = STUDENT_REPO) -> str:
    lines = [README_START, "| topic | lesson | assignment | points | questions | Binder |", "|---|---|---|---|---|---|"]
    for topic, title, lesson, points, ids in _rows(root):
        lesson_link = f"[lesson](notebooks/{lesson.name})" if lesson else "—"
        badge = binder_badge(f"release/{topic}/{topic}.ipynb", repo)
        lines.append(f"| {title} | {lesson_link} | [{topic}](release/{topic}/{topic}.ipynb) | {points:g} | "
                     f"{', '.join(ids)} | {badge} |")
    lines.append(README_END)
    return "\n".join(lines)


def follow_up_table() -> str:
    """The README's table of the mock interviews' follow-ups, from utils.mock.FOLLOW_UPS."""
    from utils.mock import FOLLOW_UPS

    lines = [FOLLOW_START, "| first | follow-up | the interviewer says |", "|---|---|---|"]
    lines += [f"| {topic} `{first}` | `{follow}` | {said} |" for (topic, first), (follow, said) in FOLLOW_UPS.items()]
    lines.append(FOLLOW_END)
    return "\n".join(lines)


def _replace_block(text: str, start: str, end: str, block: str) -> str:
    if start not in text or end not in text:
        raise SystemExit(f"README.md needs the markers {start} and {end}")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    return before + block + after


def readme(root: Path = ROOT) -> str:
    text = (root / "README.md").read_text(encoding="utf-8")
    text = _replace_block(text, README_START, README_END, readme_table(root))
    return _replace_block(text, FOLLOW_START, FOLLOW_END, follow_up_table())


def generated(root: Path = ROOT) -> dict[str, str]:
    return {"QUESTIONS.md": questions_md(root), "notebooks/index.ipynb": index_notebook(root),
            "README.md": readme(root)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report problems, write nothing")
    args = parser.parse_args(argv)
    if not args.check:
        for name, text in generated(ROOT).items():
            (ROOT / name).write_text(text, encoding="utf-8")
    found = problems(ROOT)
    print("\n".join(found) if found else "QUESTIONS.md, notebooks/index.ipynb and README.md are up to date; every question is covered")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
