"""Checks, not cells, are the unit of grading (issue #13, course/checks.py).

Every exercise's hidden tests are named checks with their own points: input validation is one
small check, correctness carries most of the points, every check keeps the guards, and the
title and hint a failed check shows in feedback are course prose, never test code."""
from __future__ import annotations

import re

import nbformat
import pytest

from course.checks import (CHECKS, CORRECTNESS, GATED, GENERIC_HINT, VALIDATION_SHARE, anchor, header, right_flag,
                           split_grade_id)
from course.feedback import verdict
from course.notebooks import exercises, has_hidden, hidden_lines, nbgrader_meta, question_headings, source_path
from conftest import TOPICS


def _exercises(topic):
    nb = nbformat.read(str(source_path(topic)), as_version=4)
    return nb, exercises(nb)


def _points(cell) -> float:
    return float(nbgrader_meta(cell).get("points", 0))


@pytest.mark.parametrize("topic", TOPICS)
def test_hidden_tests_are_named_checks(topic):
    _, found = _exercises(topic)
    problems = []
    for ex in found:
        for cell in ex.hidden:
            grade_id = nbgrader_meta(cell)["grade_id"]
            split = split_grade_id(grade_id)
            if split is None or split[0] != ex.grade_id:
                problems.append(f"{grade_id}: not <exercise>-<check> with a check of course/checks.py {sorted(CHECKS)}")
                continue
            title, hint = header(cell.source)
            if not title or not hint:
                problems.append(f"{grade_id}: starts without '# Hidden check: ...' and '# If it fails: ...'")
            if "_importlib.reload(_testing)" not in cell.source:
                problems.append(f"{grade_id}: does not take the checkers from a fresh reload of utils.testing")
        names = [split_grade_id(nbgrader_meta(c)["grade_id"]) for c in ex.hidden]
        if len(set(names)) != len(names):
            problems.append(f"{ex.grade_id}: two hidden cells with the same check")
    assert not problems, f"{topic}:\n" + "\n".join(problems)


@pytest.mark.parametrize("topic", TOPICS)
def test_points_follow_what_matters(topic):
    nb, found = _exercises(topic)
    problems = []
    for ex in found:
        total = sum(_points(c) for c in ex.tests)
        by_check = {}
        for cell in ex.hidden:
            split = split_grade_id(nbgrader_meta(cell)["grade_id"])
            if split:
                by_check[split[1]] = _points(cell)
        visible = sum(_points(c) for c in ex.visible)
        for cell in ex.tests:
            if (_points(cell) * 2) % 1:
                problems.append(f"{nbgrader_meta(cell)['grade_id']}: points must be a multiple of 0.5, got {_points(cell)}")
        if by_check.get("validation", 0) > total * VALIDATION_SHARE + 1e-9:
            problems.append(f"{ex.grade_id}: validation carries {by_check['validation']} of {total} points "
                            f"(at most {total * VALIDATION_SHARE:.2f})")
        correct = visible + sum(by_check.get(name, 0) for name in CORRECTNESS)
        if correct < total / 2:
            problems.append(f"{ex.grade_id}: visible tests and correctness checks carry {correct} of {total} points (at least half)")
        if not by_check:
            problems.append(f"{ex.grade_id}: no hidden check")
    assert not problems, f"{topic}:\n" + "\n".join(problems)


@pytest.mark.parametrize("topic", TOPICS)
def test_visible_tests_leave_validation_to_its_check(topic):
    """A right answer without input checks passes the visible tests: the desk-side assert_raises
    lines live in the validation check's visible part."""
    _, found = _exercises(topic)
    offenders = [nbgrader_meta(c)["grade_id"] for ex in found for c in ex.visible
                 if re.search(r"\bassert_raises\(|pytest\.raises|except (ValueError|TypeError)", c.source)]
    assert not offenders, f"{topic}: visible tests that check input validation: {offenders}"


@pytest.mark.parametrize("topic", TOPICS)
def test_hints_name_the_mistake_and_never_test_code(topic):
    nb, found = _exercises(topic)
    secret = hidden_lines(nb, min_length=12)
    problems = []
    for ex in found:
        for cell in ex.hidden:
            grade_id = nbgrader_meta(cell)["grade_id"]
            title, hint = header(cell.source)
            if not hint:
                continue  # reported by test_hidden_tests_are_named_checks
            text = f"{title} {hint}"
            leaked = [line for line in secret if line in text]
            if leaked:
                problems.append(f"{grade_id}: the hint contains the hidden line {leaked[0]!r}")
            if len(hint) < 30:
                problems.append(f"{grade_id}: the hint {hint!r} is too short to help")
            shown = verdict(cell, [{"ename": "AssertionError", "evalue": "SECRET-FROM-KERNEL"}])
            if hint not in shown or title not in shown or "SECRET-FROM-KERNEL" in shown:
                problems.append(f"{grade_id}: the feedback line {shown!r} does not carry the check's title and hint alone")
            if hint == GENERIC_HINT:
                problems.append(f"{grade_id}: write a hint for this check's mistake, not the generic one")
    assert not problems, f"{topic}:\n" + "\n".join(problems)


def test_a_failed_check_names_itself_in_feedback_and_a_passed_one_is_silent():
    cell = nbformat.v4.new_code_cell("# Hidden check: does not change its input.\n"
                                     "# If it fails: your function sorts the list it was given;\n"
                                     "#   sort a copy instead.\n### BEGIN HIDDEN TESTS\nassert secret_line\n### END HIDDEN TESTS")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": "f-input-unchanged", "points": 1}
    line = verdict(cell, [{"ename": "AssertionError", "evalue": "anything"}])
    assert line == ("✗ hidden check failed: does not change its input (AssertionError). "
                    "Hint: your function sorts the list it was given; sort a copy instead."), line
    assert "secret_line" not in line
    odd = verdict(cell, [{"ename": "EvilError", "evalue": "x"}])
    assert "EvilError" not in odd and "an error" in odd, odd


def test_split_grade_id_knows_every_check():
    assert split_grade_id("trap-input-unchanged") == ("trap", "input-unchanged")
    assert split_grade_id("closest_key-validation") == ("closest_key", "validation")
    assert split_grade_id("trap-hidden-tests") is None
    assert split_grade_id("validation") is None


@pytest.mark.parametrize("topic", TOPICS)
def test_headings_equal_the_sum_of_checks(topic):
    nb, found = _exercises(topic)
    heads = question_headings(nb)
    assert heads, f"{topic}: no question headings"
    # every exercise's points (visible + checks) are counted under exactly one heading
    total_heads = sum(points for _, _, points, _ in heads)
    total_cells = sum(_points(c) for c in nb.cells if nbgrader_meta(c).get("grade"))
    assert total_heads == total_cells, f"{topic}: headings give {total_heads} points, the graded cells {total_cells}"


def _functions_asked(nb) -> set[str]:
    import ast

    names = set()
    for ex in exercises(nb):
        try:
            tree = ast.parse("\n".join(l for l in ex.solution.source.splitlines() if not l.startswith("###")))
        except SyntaxError:
            continue
        names |= {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    return names


@pytest.mark.parametrize("topic", TOPICS)
def test_no_test_cell_ends_with_the_answers_value(topic):
    """nbgrader reads a number shown as a test cell's value as that cell's score (partial credit,
    which the course does not use): a cell ending with `mse(_a, _a)` scored 0 for every student
    when mse returned 0.0. The grader drops such values now; the Validate button does not."""
    import ast

    nb = nbformat.read(str(source_path(topic)), as_version=4)
    asked = _functions_asked(nb)
    offenders = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        code = "\n".join(l for l in cell.source.splitlines() if not l.lstrip().startswith(("%", "!", "###")))
        body = ast.parse(code).body
        last = body[-1] if body else None
        if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
            called = last.value.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            if name in asked:
                offenders.append(f"{meta['grade_id']}: ends with {ast.unparse(last.value)[:60]}")
    assert not offenders, f"{topic}: test cells whose last line shows the answer's value:\n" + "\n".join(offenders)


def _hidden_code(source: str) -> list[str]:
    body = source.split("### BEGIN HIDDEN TESTS\n", 1)[1].split("### END HIDDEN TESTS", 1)[0]
    return [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("topic", TOPICS)
def test_secondary_checks_count_only_for_a_right_answer(topic):
    """course.checks.GATED: the anchor check sets _right_<exercise> (False first, True last, no
    code before its hidden region) and every gated check ends with count_only_if_right on it."""
    _, found = _exercises(topic)
    problems = []
    for ex in found:
        cells = {split_grade_id(nbgrader_meta(c)["grade_id"])[1]: c for c in ex.hidden
                 if split_grade_id(nbgrader_meta(c)["grade_id"])}
        first = anchor(cells)
        flag = right_flag(ex.grade_id)
        gated = [name for name in cells if name in GATED and name != first]
        if not gated:
            continue
        if first is None:
            problems.append(f"{ex.grade_id}: gated checks {gated} but no correctness check to anchor them")
            continue
        anchor_cell = cells[first].source
        code = _hidden_code(anchor_cell)
        before = [line for line in anchor_cell.split("### BEGIN HIDDEN TESTS", 1)[0].splitlines()
                  if line.strip() and not line.startswith("#")]
        if before or not code or code[0].split("#")[0].strip() != f"{flag} = False" or code[-1].strip() != f"{flag} = True":
            problems.append(f"{ex.grade_id}-{first}: must set {flag} = False first and {flag} = True last, "
                            f"with no code before its hidden region")
        for name in gated:
            if _hidden_code(cells[name].source)[-1].strip() != f"_testing.count_only_if_right(lambda: {flag})":
                problems.append(f"{ex.grade_id}-{name}: must end with _testing.count_only_if_right(lambda: {flag})")
    assert not problems, f"{topic}:\n" + "\n".join(problems)


def test_a_check_that_was_not_counted_names_no_mistake():
    cell = {"cell_type": "code", "metadata": {"nbgrader": {"grade": True, "solution": False, "grade_id": "trap-types",
                                                          "points": 1}},
            "source": "# Hidden check: the types the statement asks for.\n# If it fails: return an int.\n"
                      "### BEGIN HIDDEN TESTS\npass\n### END HIDDEN TESTS"}
    line = verdict(cell, [{"ename": "NotCounted", "evalue": "x"}])
    assert line.startswith("✗ hidden check not counted: the types the statement asks for.") and "return an int" not in line, line
    line = verdict(cell, [{"ename": "AssertionError", "evalue": "x"}])
    assert "hidden check failed" in line and "return an int" in line, line
