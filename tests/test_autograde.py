"""The main job on a copy of the course: the demo class gets its designed scores, every
student is in the grades CSV, broken submissions are named, feedback never shows a hidden
test, and submitted/ is never modified."""
from __future__ import annotations

import csv
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course import ROOT
from course.demo_class import LOOPS_TOPIC, STUDENTS, expected_scores
from course.notebooks import hidden_lines, release_path, source_path
from conftest import TOPICS

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("graded")
    for name in ("source", "release", "submitted"):
        shutil.copytree(ROOT / name, course / name)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    before = _digest(course / "submitted")
    run = subprocess.run([sys.executable, "-m", "course", "grade", "--root", str(course), "--quiet"],
                         capture_output=True, text=True, timeout=1800)
    return course, run, before


def test_main_job_exits_0_and_prints_the_table(graded):
    course, run, _ = graded
    assert run.returncode == 0, f"`python -m course grade` failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    for student in STUDENTS:
        assert re.search(rf"^{student}\s", run.stdout, re.M), f"the table does not list {student}:\n{run.stdout}"


def test_submitted_is_never_modified(graded):
    course, _, before = graded
    assert _digest(course / "submitted") == before, "grading changed files in submitted/"


@pytest.mark.parametrize("topic", TOPICS)
def test_demo_class_gets_designed_scores(graded, topic):
    course, _, _ = graded
    rows = {(r["student"], r["topic"]): r for r in csv.DictReader(open(course / "grades.csv", encoding="utf-8"))}
    expected = expected_scores(topic)  # every student of this topic (the copiers of course.demo_class are in one)
    got = {s: float(rows[(s, topic)]["score"]) for s in expected if (s, topic) in rows}
    assert set(got) == set(expected), f"{topic}: students missing from grades.csv: {sorted(set(expected) - set(got))}"
    assert got == expected, f"{topic}: scores {got} differ from the designed {expected}"
    problems = {s: rows[(s, topic)]["problems"] for s in STUDENTS}
    assert "could not be graded" in problems["fay"] and "JSON" in problems["fay"], \
        f"{topic}: fay's invalid notebook should be named as not JSON, got {problems['fay']!r}"
    assert "deleted" in problems["gus"] and "edited" in problems["gus"], \
        f"{topic}: gus's edited and deleted locked cells should be reported, got {problems['gus']!r}"
    if topic == LOOPS_TOPIC:
        eli = rows[("eli", topic)]["problems"]
        assert "ran out of time" in eli, f"{topic}: eli's endless loop should be reported, got {eli!r}"
        # an answer that loops is slow, not hostile: it must not be called tampering with the kernel
        assert "tamper" not in eli.lower(), f"{topic}: eli's endless loop is reported as tampering: {eli!r}"
    assert not problems["ada"], f"{topic}: the perfect student has problems reported: {problems['ada']!r}"


@pytest.mark.parametrize("topic", TOPICS)
def test_feedback_never_shows_hidden_tests(graded, topic):
    course, _, _ = graded
    secret = hidden_lines(nbformat.read(str(source_path(topic)), as_version=4), min_length=12, solutions=False)
    # A hidden test may repeat a line the statement itself prints (expand_abbreviation's
    # `a = abbr.casefold()`): that line is public, so seeing it in feedback leaks nothing.
    public = release_path(topic).read_text(encoding="utf-8")
    secret = {line for line in secret if line not in public}
    assert secret, f"{topic}: no hidden-test line left to look for"
    files = sorted((course / "feedback").glob(f"*/{topic}/*.html"))
    graded_students = [s for s in expected_scores(topic) if s != "fay"]
    assert {f.parent.parent.name for f in files} == set(graded_students), \
        f"{topic}: feedback written for {[f.parent.parent.name for f in files]}, expected {graded_students}"
    import html
    for path in files:
        text = html.unescape(path.read_text(encoding="utf-8"))
        assert "BEGIN HIDDEN TESTS" not in text, f"{path} shows a hidden-test region"
        leaked = [line for line in secret if line in text]
        assert not leaked, f"{path} shows {len(leaked)} hidden-test line(s), e.g. {leaked[0]!r}"


@pytest.mark.parametrize("topic", TOPICS)
def test_feedback_names_the_partial_answers_mistake(graded, topic):
    """cho hands in the topic's 'partial' planted answer: the feedback names each check it fails
    (course/checks.py) with the hint written for it, and no check it passes."""
    import html

    from course.checks import header, split_grade_id
    from course.demo_class import _bank
    from course.notebooks import exercises, nbgrader_meta

    course, _, _ = graded
    partial = _bank(topic).demo("partial")[0]
    nb = nbformat.read(str(source_path(topic)), as_version=4)
    exercise = next(e for e in exercises(nb) if e.grade_id == partial.exercise)
    text = html.unescape(next((course / "feedback" / "cho" / topic).glob("*.html")).read_text(encoding="utf-8"))
    checks = [(split_grade_id(nbgrader_meta(c)["grade_id"]), header(c.source)) for c in exercise.hidden]
    assert all(split and title for split, (title, _) in checks), f"{topic}/{partial.exercise}: hidden tests are not named checks"
    assert partial.fails, f"{partial.id}: declare the checks it fails"
    # which of its failures are "not counted" (a gated check it passes, lost because the answer is
    # wrong on the examples: utils.testing.NotCounted): the harness runs it and reads the errors
    import harness

    outcome = harness.run_answer(topic, partial.exercise, partial.source)
    not_counted = {split_grade_id(c.grade_id)[1] for c in outcome.cells if c.error.startswith("NotCounted")}
    for (_, name), (title, hint) in checks:
        failed = f"hidden check failed: {title}" in text
        uncounted = f"hidden check not counted: {title}" in text
        if name in not_counted:
            assert uncounted and not failed, f"cho's {topic} feedback should say the check {title!r} was not counted"
        elif name in partial.fails:
            assert failed and hint in text, f"cho's {topic} feedback should name the failed check {title!r} and its hint"
        else:
            assert not failed and not uncounted, f"cho's {topic} feedback names the check {title!r}, which the answer passes"


def test_a_kernel_that_dies_at_start_up_is_started_again(monkeypatch, tmp_path):
    """Seen once in CI: two workers' kernels raced for a port and one student scored 0. The
    student's code never ran, so grading starts again; a real failure is still reported."""
    from course import grading

    class FakeAPI:
        def __init__(self, failures, error):
            self.calls, self.failures, self.error = 0, failures, error

        def autograde(self, topic, student, force, create):
            self.calls += 1
            if self.calls <= self.failures:
                return {"success": False, "error": self.error, "log": ""}
            return {"success": True}

    monkeypatch.setattr(grading, "_FEEDBACK", False)
    monkeypatch.setattr(grading, "_SCRATCH", None)
    monkeypatch.setattr(grading, "_ROOT", tmp_path)
    monkeypatch.setattr(grading, "_locked_cell_notes", lambda *args: [])
    monkeypatch.setattr(grading, "_notes_from_notebooks", lambda *args: [])
    assert grading.KERNEL_START_RETRIES >= 1, "a kernel start-up failure must be retried"
    died = f"RuntimeError: {grading.KERNEL_START_FAILURE}"

    api = FakeAPI(grading.KERNEL_START_RETRIES, died)
    monkeypatch.setattr(grading, "_API", api)
    result = grading.grade_one("cho", "coding_questions")
    assert result.ok and not result.problems, result
    assert api.calls == grading.KERNEL_START_RETRIES + 1

    api = FakeAPI(99, died)  # it keeps dying: named, after the retries
    monkeypatch.setattr(grading, "_API", api)
    result = grading.grade_one("cho", "coding_questions")
    assert not result.ok and grading.KERNEL_START_FAILURE in result.problems[0], result
    assert api.calls == grading.KERNEL_START_RETRIES + 1

    api = FakeAPI(1, "NameError: name 'x' is not defined")  # any other failure: no retry
    monkeypatch.setattr(grading, "_API", api)
    result = grading.grade_one("cho", "coding_questions")
    assert not result.ok and api.calls == 1, result
