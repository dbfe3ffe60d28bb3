"""The bank of planted answers: for every exercise, realistic wrong answers that the
hidden tests must reject, and alternative correct answers they must accept.

One module per topic (named like the topic), each with a ``bank = Bank("<topic>")``
and answers registered with ``@bank.wrong(exercise, name, why)`` or
``@bank.correct(exercise, name, why)`` on a function that carries the exercise's real
name (``def trap(heights): ...``; the module redefines it once per answer).
``exercise`` is the grade_id of the solution cell, ``name`` a short label.
An answer is the *source code* of a function (or class) as a student would write it
in that cell: the harness runs it in the notebook after the reference solution cell,
so it may call anything the notebook defines before it. ``demo="partial" | "raises" |
"loops"`` marks the answer that the demo class in submitted/ uses.
"""
from __future__ import annotations

import importlib
import inspect
import textwrap
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Answer:
    topic: str
    exercise: str
    name: str
    why: str
    correct: bool
    source: str
    demo: str | None = None
    # the exact hidden checks (course/checks.py names) this wrong answer fails, so the feedback
    # gives it the hints meant for its mistake; an interview answer fails ("validation",) only
    fails: tuple[str, ...] | None = None
    interview: bool = False

    @property
    def id(self) -> str:
        return f"{self.topic}::{self.exercise}::{self.name}"


def _source_of(obj) -> str:
    lines = textwrap.dedent(inspect.getsource(obj)).splitlines()
    while lines and not lines[0].startswith(("def ", "class ")):
        lines.pop(0)  # the decorator, however many lines it spans
    return "\n".join(lines) + "\n"


class Bank:
    def __init__(self, topic: str):
        self.topic = topic
        self.answers: list[Answer] = []
        self._names: set[str] = set()

    def _register(self, exercise, name, why, correct, demo=None, fails=None, interview=False):
        def decorate(obj):
            self.raw(exercise, name, why, _source_of(obj), correct=correct, demo=demo, fails=fails,
                     interview=interview)
            return obj
        return decorate

    def wrong(self, exercise: str, name: str, why: str, *, demo: str | None = None,
              fails: tuple[str, ...] | str | None = None):
        """A realistic mistake; *fails* names the exact hidden checks it fails (course/checks.py)."""
        return self._register(exercise, name, why, False, demo, fails)

    def interview(self, exercise: str, name: str, why: str):
        """A right answer written as in an interview (idiomatic, no input checks): it must pass the
        visible tests and every hidden check except ``validation``, which it fails."""
        return self._register(exercise, name, why, False, None, ("validation",), True)

    def correct(self, exercise: str, name: str, why: str):
        return self._register(exercise, name, why, True)

    def raw(self, exercise: str, name: str, why: str, source: str, *, correct: bool = False, demo: str | None = None,
            fails: tuple[str, ...] | str | None = None, interview: bool = False):
        """Register an answer given as text (for answers that are more than one def)."""
        key = f"{exercise}::{name}"
        if key in self._names:
            raise ValueError(f"{self.topic}: two answers named {key}")
        self._names.add(key)
        if demo not in (None, "partial", "raises", "loops"):
            raise ValueError(f"{self.topic}: demo must be partial, raises or loops, not {demo!r}")
        if isinstance(fails, str):
            fails = (fails,)
        if fails is not None:
            from course.checks import CHECKS
            unknown = [f for f in fails if f not in CHECKS]
            if unknown or not fails:
                raise ValueError(f"{self.topic}: {key} fails={fails!r}: name checks of course/checks.py {sorted(CHECKS)}")
            if correct:
                raise ValueError(f"{self.topic}: {key} is correct, so it fails no check")
        self.answers.append(Answer(self.topic, exercise, name, why, correct, textwrap.dedent(source).strip() + "\n", demo,
                                   tuple(fails) if fails else None, interview))

    def demo(self, role: str) -> list[Answer]:
        return [a for a in self.answers if a.demo == role]


def load(topic: str) -> Bank | None:
    """The bank of *topic*, or None when tests/wrong_answers/<topic>.py does not exist."""
    if not (HERE / f"{topic}.py").exists():
        return None
    module = importlib.import_module(f"{__name__}.{topic}")
    return module.bank

