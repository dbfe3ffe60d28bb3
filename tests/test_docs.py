"""Documents that state things twice are generated and checked; every link works."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from course import ROOT, docs
from course.questions import QUESTIONS

LINK = re.compile(r"\[[^\]]*\]\(([^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*\S)\s*$", re.M)
DOCUMENTS = ["README.md", "QUESTIONS.md", "CONTRIBUTING.md", "submitted/README.md",
             "autograded/README.md", "feedback/README.md"] + \
            sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))


def test_generated_documents_are_fresh_and_every_question_is_covered():
    problems = docs.problems(ROOT)
    assert not problems, "run `make docs` and cover these questions:\n" + "\n".join(problems)


def test_question_bank_is_complete():
    """The course keeps its own copy of the bank: the IDs QB-01..QB-100 of the seven sections."""
    ids = sorted(int(q[3:]) for q in QUESTIONS)
    expected = list(range(1, 12)) + list(range(20, 25)) + list(range(30, 49)) + list(range(50, 62)) + \
        list(range(70, 78)) + list(range(80, 89)) + list(range(90, 101))
    assert ids == expected, f"course/questions.py has IDs {ids}"


def _text(rel: str) -> str:
    path = ROOT / rel
    if path.suffix == ".ipynb":
        nb = nbformat.read(str(path), as_version=4)
        return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def _headings(path: Path) -> set[str]:
    return {m.group(1).replace(" ", "-") for m in HEADING.finditer(_text(str(path.relative_to(ROOT))))}


@pytest.mark.parametrize("rel", DOCUMENTS)
def test_every_link_points_at_an_existing_file_and_heading(rel):
    broken = []
    for target in LINK.findall(_text(rel)):
        if re.match(r"^[a-z]+:", target):
            continue  # web links (Binder, nbgrader docs) are not checked offline
        path_part, _, anchor = target.partition("#")
        path = (ROOT / rel).parent / unquote(path_part) if path_part else ROOT / rel
        if not path.resolve().exists():
            broken.append(f"{target}: no file {path.resolve().relative_to(ROOT) if ROOT in path.resolve().parents else path}")
            continue
        if anchor and path.suffix in (".ipynb", ".md"):
            if unquote(anchor) not in _headings(path.resolve()):
                broken.append(f"{target}: no heading '{unquote(anchor)}' in {path.name}")
    assert not broken, f"{rel} has broken links:\n" + "\n".join(broken)


LESSON_LINK = re.compile(r"\bls: \[[^\]]*\]\(([^()\s#]+)")


def _lesson_links_outside_notebooks(text: str) -> list[str]:
    return [target for target in LESSON_LINK.findall(text) if not target.startswith("notebooks/")]


def test_lesson_links_of_questions_md_point_into_notebooks():
    """A lesson section ("ls") is a part of a lesson in notebooks/, never a heading of an assignment
    (an assignment's Summary recalls IDs but asks nothing)."""
    text = _text("QUESTIONS.md")
    assert LESSON_LINK.findall(text), "QUESTIONS.md has no lesson links at all"
    wrong = _lesson_links_outside_notebooks(text)
    assert not wrong, "QUESTIONS.md links these as lesson sections:\n" + "\n".join(wrong)


def test_the_lesson_link_check_can_fail():
    line = ("| QB-41 | q | ls | ls: [from_scratch.ipynb › Summary](release/from_scratch/from_scratch.ipynb#Summary)"
            "<br>ls: [from_scratch.ipynb › Logistic](notebooks/from_scratch.ipynb#Logistic) |")
    assert _lesson_links_outside_notebooks(line) == ["release/from_scratch/from_scratch.ipynb"]


def test_the_link_check_can_fail(tmp_path):
    assert LINK.findall("see [x](missing.ipynb#Nowhere)") == ["missing.ipynb#Nowhere"]
    assert not (ROOT / "missing.ipynb").exists()


def test_index_links_every_lesson_and_assignment():
    text = _text("notebooks/index.ipynb")
    from course.notebooks import lessons, topics
    for lesson in lessons():
        assert f"]({lesson.name})" in text, f"the course map does not link {lesson.name}"
    for topic in topics():
        assert f"](../release/{topic}/{topic}.ipynb)" in text, f"the course map does not link the {topic} assignment"
