"""Leak guard: no line of any solution or hidden test appears in release/, utils/ or notebooks/.

The rule is the student edition's (course/publish.py, which refuses to publish on any match): the
lines of course.notebooks.hidden_lines of every source notebook, except a line that the same
notebook shows outside its solution and hidden-test regions (a visible test or the statement) and
the few generic lines of publish.COMMON_LINES. tests/test_publish.py checks the whole edition.
"""
from __future__ import annotations

import pytest

from course import ROOT, publish
from conftest import TOPICS

SHIPPED = ("release", "utils", "notebooks")


@pytest.fixture(scope="module")
def secrets():
    return publish.secret_lines()


@pytest.mark.parametrize("topic", TOPICS)
def test_no_solution_or_hidden_line_ships(topic, secrets):
    mine = {line: t for line, t in secrets.items() if t == topic}
    assert mine, f"{topic}: found no solution lines at all; is the source notebook marked up?"
    leaks = [f"{folder}/{problem}" for folder in SHIPPED for problem in publish.check(ROOT / folder, secrets=mine)]
    assert not leaks, f"{topic}: solution or hidden-test lines ship to students:\n" + "\n".join(leaks[:10])


def test_the_guard_can_fail(tmp_path, secrets):
    """The same check flags a file that holds a solution line, with its line number."""
    planted = sorted(secrets)[0]
    (tmp_path / "notes.py").write_text(f"x = 1\n    {planted}\n", encoding="utf-8")
    assert [(p.path, p.line) for p in publish.check(tmp_path, secrets=secrets)] == [("notes.py", 2)]
