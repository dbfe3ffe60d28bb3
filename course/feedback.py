"""Feedback that cannot carry a secret out.

While a notebook is graded, the assignment's hidden tests are inside the student's kernel
(a student's function can read its caller's frame, IPython's input history or register a
hook that sees every later cell). So anything the student's code prints, raises or returns
during grading may be an encoding of a hidden test, and the feedback page must not show it.

What the feedback page keeps:

* every cell's code and text as the student handed it in (the hidden tests' code is removed by
  nbgrader's ``ClearHiddenTests``, which runs after this preprocessor);
* the points of every graded cell (nbgrader's feedback template);
* for a code cell that failed, ONE line written by the course, from a fixed vocabulary: the kind
  of failure, the exception's name if it is one of Python's own (``course.grading.SAFE_ERROR_NAMES``,
  otherwise "an error") and, for a visible test, the advice to run it at one's desk, where the
  message appears. A limit or a stopped kernel is named by its kind only.
* for a named hidden check that failed (course/checks.py), its title and the hint written for the
  mistake it catches, both taken from the check cell's two comment lines in the *source* notebook
  (course prose that the release already shows), never from anything the kernel printed. The exact
  input that failed is not shown: it would have to come from the kernel, which the student's code
  controls; the title says in words what kind of input the check tries.
* a secondary check (types, input unchanged, complexity) that the answer passed but that gives its
  points only to a right answer (``utils.testing.count_only_if_right``) says "not counted", with
  no hint: its failure is not a mistake of its own. (A student's code could raise an exception of
  that name itself; it would only make its own check say "not counted".)

What it drops: every output the kernel produced during grading (printed text, figures,
return values, error messages and tracebacks). Instructors still see all of them in
``autograded/`` and formgrader; ``grades.csv`` names every limit and cell.

What a student can still learn from feedback: which graded cells passed (the grade itself)
and the exception name of each failure, a handful of bits per cell, never a line of code.
"""
from __future__ import annotations

import re

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from .notebooks import HIDDEN_BEGIN

LIMIT_KINDS = ("memory", "process", "disk", "output", "CPU time")
_LIMIT = re.compile(r"\b(memory|process|disk|output|CPU time) limit of ")


def _safe_names():
    from .grading import SAFE_ERROR_NAMES

    return SAFE_ERROR_NAMES


def verdict(cell, errors) -> str:
    """The one line the feedback page shows for a failed code cell."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    hidden = HIDDEN_BEGIN in cell.get("source", "")
    test = bool(meta.get("grade")) and not meta.get("solution")
    names = [str(e.get("ename", "")) for e in errors]
    if "KernelTampering" in names:
        return "✗ failed: the kernel stopped reporting errors during grading (tampering), so no test counts from here on"
    if "KernelUnresponsive" in names:
        return ("✗ failed: the kernel stopped answering during grading (an earlier cell was still running), "
                "so no test counts from here on")
    if "KernelStopped" in names:
        text = str(errors[names.index("KernelStopped")].get("evalue", ""))
        kind = _LIMIT.search(text)
        cause = f"the {kind.group(1)} limit of a submission was reached" if kind else "the kernel was stopped"
        if text.startswith("not run"):
            return f"✗ not run: the kernel had stopped in an earlier cell ({cause})"
        return f"✗ the kernel stopped in this cell ({cause}); the cells after it were not run"
    if "GradingTimeLimit" in names:
        return "✗ not run: this submission used up its grading time"
    if "CellTimeoutError" in names:
        return "✗ stopped: this cell ran longer than the time allowed for one cell"
    name = next((n for n in names if n in _safe_names()), None)
    shown = name or "an error"
    if test and hidden:
        from .checks import header, title_and_hint

        if header(cell.get("source", ""))[0] is not None:  # a named check (course/checks.py)
            title, hint = title_and_hint(cell)
            if names == ["NotCounted"]:  # utils.testing.count_only_if_right: no mistake of its own
                return (f"✗ hidden check not counted: {title}. It counts only for an answer that is right "
                        f"on the statement's examples; fix the failed checks of this exercise first")
            return f"✗ hidden check failed: {title} ({shown}). Hint: {hint}"
        return f"✗ a hidden test failed ({shown})"
    if test:
        return f"✗ this test failed ({shown}); run the cell in your notebook to see its message"
    return f"✗ this cell raised {shown} when it was graded"


class FeedbackVerdictsOnly(NbGraderPreprocessor):
    """Replace every code cell's outputs with the course's one-line verdict (see the module)."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            cell.outputs = [NotebookNode(output_type="stream", name="stderr", text=verdict(cell, errors) + "\n")] \
                if errors else []
            cell.execution_count = None
        return nb, resources


# the old name, kept for configurations that still list it
ScrubHiddenOutputs = FeedbackVerdictsOnly
