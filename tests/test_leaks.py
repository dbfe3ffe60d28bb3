"""Leak guard: no line of any solution or hidden test appears in release/ or utils/."""
from __future__ import annotations

import nbformat
import pytest

from course import ROOT
from course.notebooks import hidden_lines, source_path
from conftest import TOPICS

SHIPPED = sorted(p for folder in ("release", "utils") for p in (ROOT / folder).rglob("*")
                 if p.is_file() and p.suffix in (".ipynb", ".py", ".md", ".txt") and "__pycache__" not in p.parts)


@pytest.mark.parametrize("topic", TOPICS)
def test_no_solution_or_hidden_line_ships(topic):
    secret = hidden_lines(nbformat.read(str(source_path(topic)), as_version=4), min_length=12)
    assert secret, f"{topic}: found no solution lines at all; is the source notebook marked up?"
    leaks = []
    for path in SHIPPED:
        raw = path.read_text(encoding="utf-8")
        text = raw
        if path.suffix == ".ipynb":  # compare with the cells' text, not the JSON escaping
            text = "\n".join(c.source for c in nbformat.reads(raw, as_version=4).cells)
        leaks += [f"{path.relative_to(ROOT)}: {line!r}" for line in secret if line in text]
    assert not leaks, f"{topic}: solution or hidden-test lines ship to students:\n" + "\n".join(leaks[:10])


def test_the_guard_can_fail(tmp_path):
    """The same comparison flags a release that contains a solution line."""
    nb = nbformat.read(str(source_path(TOPICS[0])), as_version=4)
    secret = hidden_lines(nb)
    planted = next(iter(sorted(secret)))
    assert any(line in f"x = 1\n{planted}\n" for line in secret)
