"""Notebook hygiene and structure, for every notebook in source/, release/ and notebooks/."""
from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest

from course import ROOT
from course.notebooks import (HIDDEN_BEGIN, QUESTION_HEADING, exercises, has_hidden, nbgrader_meta,
                              question_headings, release_path, source_path)
from conftest import LESSONS, TOPICS

CLEAN_DIRS = ["source", "release", "notebooks"]
NOTEBOOKS = sorted(str(p.relative_to(ROOT)) for d in CLEAN_DIRS for p in (ROOT / d).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
ALLOWED_CELL_META = {"nbgrader", "deletable", "editable", "tags"}
ALLOWED_NB_META = {"kernelspec", "language_info"}
READABLE_ID = re.compile(r"^[a-z][a-z0-9_]*(-[a-z0-9_]+)*$")


def _read(rel):
    return nbformat.read(str(ROOT / rel), as_version=4)


@pytest.mark.parametrize("rel", NOTEBOOKS)
def test_no_outputs_and_clean_metadata(rel):
    raw = json.loads((ROOT / rel).read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(raw))
    problems = []
    if raw["metadata"].get("kernelspec", {}).get("name") != "python3":
        problems.append(f"kernelspec is {raw['metadata'].get('kernelspec')}, not python3")
    extra = set(raw["metadata"]) - ALLOWED_NB_META
    if extra:
        problems.append(f"notebook metadata has editor keys {sorted(extra)}")
    for n, cell in enumerate(raw["cells"]):
        if cell.get("outputs"):
            problems.append(f"cell {n} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {n} has an execution count")
        extra = set(cell.get("metadata", {})) - ALLOWED_CELL_META
        if extra:
            problems.append(f"cell {n} has editor metadata {sorted(extra)}")
    assert not problems, f"{rel}: " + "; ".join(problems) + " (save it with course.notebooks.write)"


ASSIGNMENTS = [str(source_path(t).relative_to(ROOT)) for t in TOPICS] + \
              [str(release_path(t).relative_to(ROOT)) for t in TOPICS]


@pytest.mark.parametrize("rel", ASSIGNMENTS)
def test_grade_ids_readable_unique_and_valid(rel):
    nb = _read(rel)
    ids = []
    for n, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if not meta:
            continue
        assert meta.get("schema_version") == 3, f"{rel} cell {n}: nbgrader schema_version is {meta.get('schema_version')}"
        gid = meta.get("grade_id", "")
        assert READABLE_ID.match(gid) and not re.match(r"^cell-[0-9a-f]{6,}$", gid), \
            f"{rel} cell {n}: grade_id {gid!r} is not readable (use the function name, <name>-tests, ...)"
        if meta.get("grade"):
            assert float(meta.get("points", 0)) > 0, f"{rel}: graded cell {gid} has no points"
            assert meta.get("locked") or meta.get("solution"), f"{rel}: test cell {gid} is not locked"
        ids.append(gid)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{rel}: duplicate grade_ids {duplicates}"


@pytest.mark.parametrize("rel", ASSIGNMENTS)
def test_heading_points_equal_metadata(rel):
    nb = _read(rel)
    headings = question_headings(nb)
    assert headings, f"{rel} has no '## Question N (k points)' heading"
    numbers = [h[1] for h in headings]
    assert numbers == list(range(1, len(numbers) + 1)), f"{rel}: questions are numbered {numbers}"
    bounds = [h[0] for h in headings] + [len(nb.cells)]
    graded_before = [nbgrader_meta(c).get("grade_id") for c in nb.cells[: bounds[0]] if nbgrader_meta(c).get("grade")]
    assert not graded_before, f"{rel}: graded cells {graded_before} come before Question 1"
    for (index, number, points, _), end in zip(headings, bounds[1:]):
        section = [c for c in nb.cells[index:end] if nbgrader_meta(c).get("grade")]
        meta_points = sum(float(nbgrader_meta(c)["points"]) for c in section)
        assert meta_points == points, (f"{rel}: 'Question {number} ({points} points)' but its graded cells "
                                       f"{[nbgrader_meta(c)['grade_id'] for c in section]} hold {meta_points:g} points")


@pytest.mark.parametrize("topic", TOPICS)
def test_skeleton_and_exercise_anatomy(topic):
    nb = _read(str(source_path(topic).relative_to(ROOT)))
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.search(r"^# \S", nb.cells[0].source, re.M), f"{topic}: the first cell must hold the '# Title'"
    assert "Learning goals" in text, f"{topic}: no 'Learning goals'"
    assert re.search(r"^## Run this first", text, re.M), f"{topic}: no '## Run this first' section"
    setup = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "setup"]
    assert setup and setup[0].cell_type == "code" and nbgrader_meta(setup[0]).get("locked"), \
        f"{topic}: the setup cell must be a locked code cell with grade_id 'setup'"
    assert re.search(r"^## Summary", text, re.M), f"{topic}: no '## Summary' section"
    found = exercises(nb)
    assert found, f"{topic} has no exercise"
    for ex in found:
        assert ex.visible, f"{topic}/{ex.grade_id}: no visible test cell"
        assert ex.hidden, f"{topic}/{ex.grade_id}: no hidden test cell"
        assert "### BEGIN SOLUTION" in ex.solution.source, f"{topic}/{ex.grade_id}: no solution region"
        after = nb.cells[ex.index + 1:]
        nxt = next((i for i, c in enumerate(after) if nbgrader_meta(c).get("solution")), len(after))
        assert any("<details><summary>" in c.source for c in after[:nxt] if c.cell_type == "markdown"), \
            f"{topic}/{ex.grade_id}: no collapsible hint (<details><summary>Hint</summary>...)"


def _asserts_without_message(src: str) -> list[str]:
    src = "\n".join(l for l in src.splitlines() if not l.lstrip().startswith("%"))
    tree = ast.parse(src)
    return [ast.unparse(node)[:80] for node in ast.walk(tree) if isinstance(node, ast.Assert) and node.msg is None]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_assert_in_a_test_cell_has_a_message(topic):
    nb = _read(str(source_path(topic).relative_to(ROOT)))
    bare = {}
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade") and cell.cell_type == "code":
            found = _asserts_without_message(cell.source)
            if found:
                bare[nbgrader_meta(cell)["grade_id"]] = found
    assert not bare, f"{topic}: asserts that say nothing when they fail: {bare}"


@pytest.mark.parametrize("topic", TOPICS)
def test_release_holds_stubs_not_solutions(topic):
    nb = _read(str(release_path(topic).relative_to(ROOT)))
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        assert "BEGIN SOLUTION" not in cell.source and HIDDEN_BEGIN not in cell.source, \
            f"release/{topic}: cell {meta.get('grade_id')} still has a solution or hidden-test marker"
        if meta.get("solution") and cell.cell_type == "code":
            assert "raise NotImplementedError" in cell.source, f"release/{topic}: {meta['grade_id']} has no stub"
        if has_hidden(cell):
            raise AssertionError(f"release/{topic}: {meta.get('grade_id')} shows hidden tests")


@pytest.mark.parametrize("name", LESSONS)
def test_lessons_have_the_skeleton_and_a_widget(name):
    nb = _read(f"notebooks/{name}")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert re.search(r"^# \S", nb.cells[0].source, re.M), f"{name}: the first cell must hold the '# Title'"
    assert "Learning goals" in text, f"{name}: no 'Learning goals'"
    assert re.search(r"^## Run this first", text, re.M), f"{name}: no '## Run this first' section"
    assert re.search(r"^## Summary", text, re.M), f"{name}: no '## Summary'"
    assert "ipywidgets" in code and re.search(r"Slider\(", code), f"{name}: no ipywidgets slider"
    assert re.search(r"from utils[.\w]* import|import utils", code), f"{name}: plots must come from utils"
    assert "QUESTION_HEADING" not in text and not QUESTION_HEADING.search(text), f"{name}: lessons are ungraded"


@pytest.mark.parametrize("name", LESSONS)
def test_widget_callbacks_show_what_they_draw(name):
    """A function run by ipywidgets.interactive/interact is called from a widget event, not
    at the end of a cell, so matplotlib's inline backend never draws its figure on its own:
    it must call plt.show() or display() (or print). The browser test moves one slider per
    lesson; this check covers every widget (it found two silent ones in cnn_concepts)."""
    nb = _read(f"notebooks/{name}")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code" and not c.source.lstrip().startswith("%"))
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    tree = ast.parse(code)
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    callbacks = {node.args[0].id for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name)
                 and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("interactive", "interact")}
    assert callbacks, f"{name}: no function is run by ipywidgets.interactive or interact"
    silent = []
    for callback in sorted(callbacks):
        body = ast.unparse(functions[callback]) if callback in functions else ""
        if not re.search(r"\b(plt\.show|display|print)\(", body):
            silent.append(callback)
    assert not silent, f"{name}: widget callbacks that draw nothing when a slider moves (add plt.show()): {silent}"
