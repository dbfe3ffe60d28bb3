"""Instructor-side tools of the course: building notebooks, releasing, grading, reports.

Nothing here holds an answer: the tools read the answers from source/ when they run.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _venv_on_path() -> None:
    """nbgrader runs helper commands (alembic, jupyter) by name: find them beside this Python."""
    import os
    import sys

    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


_venv_on_path()
