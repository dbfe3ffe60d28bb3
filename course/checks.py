"""Checks, not cells, are the unit of grading (issue #13).

Every exercise's hidden tests are split into named checks, each a graded cell of its own with
grade_id ``<exercise>-<check>`` and its own points, so a right algorithm that forgets one input
check loses that check, not the exercise. A check cell starts with two comment lines that stay
in the student's release (they name what is checked and give the hint for the mistake it
catches; they never contain test code), then, optionally, visible assertions a student can run
at their desk, then the hidden region::

    # Hidden check: randomized cases against an independent method.
    # If it fails: <a hint for the mistake this check catches, in the course's words>
    ### BEGIN HIDDEN TESTS
    %xmode Minimal
    ...
    ### END HIDDEN TESTS

The feedback page names a failed check by its title and shows its hint (course.feedback); the
planted wrong answers of tests/wrong_answers declare the exact checks they fail (``fails=``),
which is how tests/test_planted.py proves that every catalogued mistake gets the hint meant for it.
"""
from __future__ import annotations

import re

# The vocabulary of checks: name (the grade_id's suffix) -> what it checks, as the feedback says it.
CHECKS = {
    "examples": "the statement's examples and edge cases",
    "random": "randomized cases against an independent method",
    "properties": "properties every right answer has",
    "types": "the types the statement asks for",
    "input-unchanged": "does not change its input",
    "complexity": "the time or memory the statement asks for",
    "validation": "input validation",
}

# Checks that decide whether the answer is right (the machine learning, not the bookkeeping):
# together with the visible tests they carry at least half of an exercise's points.
CORRECTNESS = ("examples", "random", "properties")

# Checks that count only for an answer that is right on the exercise's anchor check (the
# ``examples`` check, else its first correctness check): a function that returns one constant has
# the right type, changes nothing and is instant, and would otherwise earn them. The anchor cell
# sets ``_right_<exercise>`` (False when it starts, True when it ends); each gated cell ends with
# ``_testing.count_only_if_right(lambda: _right_<exercise>)``, which raises NotCounted (no points,
# and the feedback says "not counted" instead of a hint). tests/test_checks.py enforces both ends,
# tests/test_planted.py proves it with a constant answer for every exercise.
GATED = ("properties", "types", "input-unchanged", "complexity")


def anchor(checks) -> str | None:
    """The check that decides whether an exercise's gated checks count: ``examples`` if it has
    one, else its first correctness check; *checks* are the exercise's check names."""
    checks = list(checks)
    if "examples" in checks:
        return "examples"
    return next((c for c in checks if c in CORRECTNESS), None)


def right_flag(exercise: str) -> str:
    """The kernel variable that the anchor cell of *exercise* sets."""
    return "_right_" + re.sub(r"\W", "_", exercise)


# At most this share of an exercise's points goes to input validation.
VALIDATION_SHARE = 1 / 6

GENERIC_HINT = ("compare your function with the statement once more: this check tries inputs the "
                "statement describes, and your answer gave a different result or raised an error")

_TITLE = re.compile(r"^# Hidden check: (.+?)\.?$", re.M)
_HINT = re.compile(r"^# If it fails: (.+(?:\n#   .+)*)", re.M)


def check_name(exercise: str, grade_id: str) -> str | None:
    """The check's name for a hidden cell of *exercise*, or None if grade_id is not a check's."""
    prefix = f"{exercise}-"
    if grade_id.startswith(prefix) and grade_id[len(prefix):] in CHECKS:
        return grade_id[len(prefix):]
    return None


def split_grade_id(grade_id: str) -> tuple[str, str] | None:
    """(exercise, check) for a check cell's grade_id, else None (longest known suffix wins)."""
    for name in sorted(CHECKS, key=len, reverse=True):
        if grade_id.endswith(f"-{name}") and len(grade_id) > len(name) + 1:
            return grade_id[: -len(name) - 1], name
    return None


def header(source: str) -> tuple[str | None, str | None]:
    """(title, hint) from a check cell's comment lines, either None when missing."""
    head = source.split("### BEGIN HIDDEN TESTS", 1)[0]
    title = _TITLE.search(head)
    hint = _HINT.search(head)
    hint_text = re.sub(r"\n#   ", " ", hint.group(1)).strip() if hint else None
    return (title.group(1).strip() if title else None), hint_text


def title_and_hint(cell) -> tuple[str, str]:
    """What the feedback says about a failed check cell: its title and its hint (generic if none)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    split = split_grade_id(str(meta.get("grade_id", "")))
    title, hint = header(cell.get("source", ""))
    if title is None:
        title = CHECKS[split[1]] if split else "a hidden test"
    return title, hint or GENERIC_HINT
