"""Build and read nbgrader notebooks.

Authoring: ``md``, ``code``, ``setup``, ``solution``, ``tests``, ``hidden_tests``,
``written`` and ``notebook`` make cells with the right nbgrader metadata, and
``write`` saves a notebook without outputs. Reading: ``topics``, ``exercises``
and ``question_headings`` give the tests and tools one view of every notebook.
See CONTRIBUTING.md for the anatomy of an exercise.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import ROOT

SCHEMA_VERSION = 3
QUESTION_HEADING = re.compile(r"^## Question (\d+) \((\d+) points?\)(.*)$", re.M)
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
SOLUTION_BEGIN = "### BEGIN SOLUTION"
SOLUTION_END = "### END SOLUTION"
# Switch the traceback to one line, so a failing hidden test never prints its own source.
HIDDEN_PREAMBLE = "%xmode Minimal"


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int | None = None, task: bool = False):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": task}
    if grade or task:
        meta["points"] = points
    return {"nbgrader": meta}


def md(text: str):
    return nbformat.v4.new_markdown_cell(text.strip("\n"))


def code(src: str):
    return nbformat.v4.new_code_cell(src.strip("\n"))


def setup(src: str, grade_id: str = "setup"):
    """The locked "run this first" cell."""
    cell = nbformat.v4.new_code_cell(src.strip("\n"))
    cell.metadata.update(_meta(grade_id, grade=False, solution=False, locked=True))
    return cell


def locked_md(text: str, grade_id: str):
    cell = md(text)
    cell.metadata.update(_meta(grade_id, grade=False, solution=False, locked=True))
    return cell


def solution(grade_id: str, src: str):
    """An answer cell: the part between BEGIN/END SOLUTION becomes a stub in the release."""
    if SOLUTION_BEGIN not in src:
        raise ValueError(f"solution cell {grade_id!r} has no '{SOLUTION_BEGIN}' marker")
    cell = nbformat.v4.new_code_cell(src.strip("\n"))
    cell.metadata.update(_meta(grade_id, grade=False, solution=True, locked=False))
    return cell


def tests(grade_id: str, points: int, src: str):
    """A locked, autograded cell of visible tests."""
    cell = nbformat.v4.new_code_cell(src.strip("\n"))
    cell.metadata.update(_meta(grade_id, grade=True, solution=False, locked=True, points=points))
    return cell


def hidden_tests(grade_id: str, points: int, src: str, note: str | None = None):
    """A locked, autograded cell whose body students never see."""
    note = note or "# Hidden tests: they run when your notebook is graded."
    body = f"{note}\n{HIDDEN_BEGIN}\n{HIDDEN_PREAMBLE}\n{src.strip(chr(10))}\n{HIDDEN_END}"
    return tests(grade_id, points, body)


def check(exercise: str, name: str, points: float, title: str, hint: str, src: str, visible: str = ""):
    """One named hidden check of *exercise* (see course/checks.py): grade_id ``<exercise>-<name>``.

    *title* and *hint* become the cell's two comment lines (they stay in the release and the
    feedback shows them when the check fails: no test code in them); *visible* are assertions a
    student may run at their desk, before the hidden region; *src* is the hidden code."""
    from .checks import CHECKS

    if name not in CHECKS:
        raise ValueError(f"unknown check {name!r}: use one of {sorted(CHECKS)} (course/checks.py)")
    hint_lines = "\n#   ".join(textwrap.wrap(hint.strip(), 96))
    note = f"# Hidden check: {title.strip().rstrip('.')}.\n# If it fails: {hint_lines}"
    if visible.strip():
        note += "\n" + visible.strip("\n")
    return hidden_tests(f"{exercise}-{name}", points, src, note=note)


def written(grade_id: str, points: int, model_answer: str):
    """A manually graded markdown answer; the model answer and rubric stay in source/."""
    cell = md(model_answer)
    cell.metadata.update(_meta(grade_id, grade=True, solution=True, locked=False, points=points))
    return cell


def notebook(cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for index, cell in enumerate(nb.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell["id"] = grade_id or f"cell-{index:02d}"
    return nb


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop outputs, execution counts and editor metadata (what the hygiene test enforces)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in list(cell.metadata):
            if key not in ("nbgrader", "tags", "deletable", "editable"):
                del cell.metadata[key]
    for key in list(nb.metadata):
        if key not in ("kernelspec", "language_info"):
            del nb.metadata[key]
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write(nb: nbformat.NotebookNode, path: Path | str, keep_outputs: bool = False) -> None:
    if not keep_outputs:
        nb = clean(nb)
    nbformat.validate(nb)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


# --- reading -----------------------------------------------------------------------------------

def topics(root: Path = ROOT) -> list[str]:
    """Every assignment: a folder of source/ holding <topic>/<topic>.ipynb."""
    return sorted(p.parent.name for p in (root / "source").glob("*/*.ipynb")
                  if p.stem == p.parent.name)


def source_path(topic: str, root: Path = ROOT) -> Path:
    return root / "source" / topic / f"{topic}.ipynb"


def release_path(topic: str, root: Path = ROOT) -> Path:
    return root / "release" / topic / f"{topic}.ipynb"


def lessons(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / "notebooks").glob("*.ipynb") if p.name != "index.ipynb")


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_cells(nb) -> list:
    return [c for c in nb.cells if nbgrader_meta(c).get("grade")]


def total_points(nb) -> float:
    return sum(float(nbgrader_meta(c).get("points", 0)) for c in grade_cells(nb))


def has_hidden(cell) -> bool:
    return HIDDEN_BEGIN in cell.source


def hidden_lines(nb, min_length: int = 12, solutions: bool = True) -> set[str]:
    """Stripped lines of every hidden-test region and, with solutions=True, of every solution
    region and model answer: what must never reach a student."""
    lines = set()
    kinds = "SOLUTION|HIDDEN TESTS" if solutions else "HIDDEN TESTS"
    pattern = re.compile(rf"### BEGIN ({kinds})\n(.*?)### END \1", re.S)
    for cell in nb.cells:
        for _, block in pattern.findall(cell.source):
            for line in block.splitlines():
                line = line.strip()
                if len(line) >= min_length and not line.startswith("#") and line != HIDDEN_PREAMBLE:
                    lines.add(line)
        if solutions and cell.cell_type == "markdown" and nbgrader_meta(cell).get("solution") and nbgrader_meta(cell).get("grade"):
            for line in cell.source.splitlines():  # model answers of written questions
                line = line.strip()
                if len(line) >= 40:
                    lines.add(line)
    return lines


@dataclass
class Exercise:
    """A solution cell and the test cells that follow it, up to the next solution cell."""
    grade_id: str
    index: int
    solution: object
    tests: list = field(default_factory=list)

    @property
    def visible(self):
        return [c for c in self.tests if not has_hidden(c)]

    @property
    def hidden(self):
        return [c for c in self.tests if has_hidden(c)]

    @property
    def points(self) -> float:
        return sum(float(nbgrader_meta(c).get("points", 0)) for c in self.tests)


def exercises(nb) -> list[Exercise]:
    found: list[Exercise] = []
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code":
            continue
        if meta.get("solution") and not meta.get("grade"):
            found.append(Exercise(meta["grade_id"], index, cell))
        elif meta.get("grade") and found:
            found[-1].tests.append(cell)
    return found


def question_headings(nb) -> list[tuple[int, int, int, str]]:
    """(cell index, question number, points, rest of the heading) for each question heading."""
    out = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for m in QUESTION_HEADING.finditer(cell.source):
                out.append((index, int(m.group(1)), int(m.group(2)), m.group(3).strip()))
    return out


def reference_namespace(topic: str) -> dict:
    """Execute the instructors' version of *topic* into a fresh dict and return it.

    Every code cell of source/<topic>/<topic>.ipynb that carries nbgrader metadata and is
    not a grade (test) cell runs, in notebook order: the setup cell, locked provided cells
    and the solution cells. The ``### BEGIN/END SOLUTION`` marker lines and IPython magic
    or shell lines (starting with ``%`` or ``!``) are dropped first. Each cell is compiled
    with the filename ``<topic:grade_id>`` so tracebacks name the cell. The repository root
    is put on sys.path, as in a notebook started there. The namespace is not cached: each
    call runs the notebook again, so a caller may mutate what it gets.
    """
    import sys

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    namespace: dict = {"__name__": f"reference_{topic}"}
    for cell in nbformat.read(str(source_path(topic)), as_version=4).cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or not meta or meta.get("grade"):
            continue
        source = "\n".join(line for line in cell.source.splitlines()
                           if line.strip() not in (SOLUTION_BEGIN, SOLUTION_END)
                           and not line.lstrip().startswith(("%", "!")))
        exec(compile(source, f"<{topic}:{meta.get('grade_id')}>", "exec"), namespace)
    return namespace
