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
    """The course keeps its own copy of the bank: the IDs QB-01..QB-100 of the seven sections, one ID per
    prompt inside the grouped entries (QB-94a..QB-97b, QB-100a) and QB-101..QB-103."""
    prompts = ["QB-94a", "QB-94b", "QB-94c", "QB-94d", "QB-95a", "QB-95b", "QB-95c", "QB-95d", "QB-95e",
               "QB-95f", "QB-96a", "QB-96b", "QB-96c", "QB-97a", "QB-97b", "QB-100a"]
    numbers = list(range(1, 12)) + list(range(20, 25)) + list(range(30, 49)) + list(range(50, 62)) + \
        list(range(70, 78)) + list(range(80, 89)) + list(range(90, 104))
    expected = sorted([f"QB-{n:02d}" for n in numbers] + prompts, key=docs.question_order)
    assert list(QUESTIONS) == expected, f"course/questions.py has IDs {list(QUESTIONS)}"


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


ROW = re.compile(r"^\| (QB-\d+[a-z]?) \|(.*)$", re.M)


def _heading_cell(path: Path, anchor: str) -> str | None:
    """The source of the markdown cell (or the whole .md file) that holds the heading *anchor*."""
    if path.suffix != ".ipynb":
        text = path.read_text(encoding="utf-8")
        return text if anchor in {m.group(1).replace(" ", "-") for m in HEADING.finditer(text)} else None
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and anchor in {m.group(1).replace(" ", "-") for m in HEADING.finditer(cell.source)}:
            return cell.source
    return None


def _links_that_do_not_mention_their_id(text: str, root: Path = ROOT) -> list[str]:
    """Every link of a QUESTIONS.md row must lead to a cell that names the row's ID itself (QB-94a, not only
    QB-94 or QB-94b): the cell that asks the question says which question it asks."""
    wrong = []
    for qid, rest in ROW.findall(text):
        mention = re.compile(rf"\b{re.escape(qid)}\b")
        for target in LINK.findall(rest):
            path_part, _, anchor = target.partition("#")
            path = root / unquote(path_part)
            cell = _heading_cell(path, unquote(anchor)) if path.exists() and anchor else None
            if cell is None:
                wrong.append(f"{qid}: {target} leads to no heading")
            elif not mention.search(cell):
                wrong.append(f"{qid}: the cell of {target} does not mention {qid}")
    return wrong


def test_every_prompt_has_its_own_line_in_questions_md():
    text = _text("QUESTIONS.md")
    rows = [qid for qid, _ in ROW.findall(text)]
    assert rows == list(QUESTIONS), "QUESTIONS.md needs one line per ID of course/questions.py, in its order"


def test_every_linked_cell_of_questions_md_mentions_its_id():
    text = _text("QUESTIONS.md")
    assert len(ROW.findall(text)) == len(QUESTIONS)
    wrong = _links_that_do_not_mention_their_id(text)
    assert not wrong, "QUESTIONS.md links cells that do not ask their question:\n" + "\n".join(wrong)


def test_the_mention_check_can_fail():
    asks_94a = "release/ml_concepts/ml_concepts.ipynb#" + next(
        c.source.splitlines()[0][3:].replace(" ", "-") for c in nbformat.read(
            str(ROOT / "source/ml_concepts/ml_concepts.ipynb"), as_version=4).cells
        if c.cell_type == "markdown" and c.source.startswith("## Question") and "QB-94a" in c.source)
    good = f"| QB-94a | q | wa | wa: [x]({asks_94a}) |"
    parent = f"| QB-94 | q | wa | wa: [x]({asks_94a}) |"
    assert _links_that_do_not_mention_their_id(good) == []
    assert _links_that_do_not_mention_their_id(parent) == []      # "part of QB-94" names the group
    assert len(_links_that_do_not_mention_their_id(f"| QB-94b | q | wa | wa: [x]({asks_94a}) |")) == 1
    assert len(_links_that_do_not_mention_their_id("| QB-94b | q | wa | wa: [x](QUESTIONS.md#Nowhere) |")) == 1
