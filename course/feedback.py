"""Feedback that never shows a hidden test.

nbgrader's feedback HTML keeps hidden-test code and whatever the cell printed. The
course removes the code with nbgrader's ClearHiddenTests and, before that, this
preprocessor reduces the outputs of every hidden-test cell to the error's name and
message, and removes any line of hidden-test code from every output of the notebook
(a student's function could print its caller's source).
"""
from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from .notebooks import HIDDEN_BEGIN, hidden_lines

MAX_MESSAGE = 500


def _scrub(text: str, secret: set[str]) -> str:
    kept = [line for line in text.splitlines() if not any(s in line for s in secret)]
    return "\n".join(kept)


class ScrubHiddenOutputs(NbGraderPreprocessor):
    """Reduce hidden-test outputs to one line and remove hidden lines from all outputs."""

    def preprocess(self, nb, resources):
        secret = hidden_lines(nb, min_length=8, solutions=False)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            hidden = HIDDEN_BEGIN in cell.source
            outputs = []
            for out in cell.get("outputs", []):
                if out.output_type == "error":
                    message = _scrub(str(out.get("evalue", "")), secret)[:MAX_MESSAGE]
                    out.evalue = message
                    if hidden:
                        out.traceback = [f"{out.ename}: {message}" if message else out.ename]
                    else:
                        out.traceback = [_scrub(line, secret) for line in out.get("traceback", [])]
                    outputs.append(out)
                elif hidden:
                    continue  # printed output of a hidden-test cell is never shown
                elif out.output_type == "stream":
                    out.text = _scrub(out.text, secret)
                    outputs.append(out)
                else:
                    data = out.get("data", {})
                    for key in list(data):
                        if key.startswith("text/") and isinstance(data[key], str):
                            data[key] = _scrub(data[key], secret)
                    outputs.append(out)
            cell.outputs = outputs
        return nb, resources
