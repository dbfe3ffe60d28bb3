"""Run one exercise's test cells against a planted answer, the way autograding would.

For an answer to exercise E of a topic, a fresh forked process runs in an IPython
shell: the notebook's code cells before E (setup and reference solutions; earlier
test cells are skipped), E's reference solution cell, then the planted answer's
source (which replaces the function it defines), then each of E's test cells.
Every cell has a CPU-time limit of half nbgrader's Execute.timeout (see CELL_TIMEOUT), so an answer
that loops forever fails its cell just as it would when graded.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import traceback
from dataclasses import dataclass, field
from functools import lru_cache

import nbformat

from course.notebooks import exercises, nbgrader_meta, reference_namespace, release_path, source_path  # noqa: F401

# every grade of every cell in an nbgrader gradebook (sqlite or PostgreSQL):
# (student, assignment, notebook, cell, auto_score, manual_score, needs_manual_grade)
GRADES_SQL = """
SELECT s.student_id, a.name, n.name, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade
FROM grade g
JOIN submitted_notebook sn ON g.notebook_id = sn.id
JOIN submitted_assignment s ON sn.assignment_id = s.id
JOIN assignment a ON s.assignment_id = a.id
JOIN notebook n ON sn.notebook_id = n.id
JOIN base_cell bc ON g.cell_id = bc.id
"""

# seconds of user CPU per cell: half of nbgrader's Execute.timeout (20 s of wall-clock). CPU time
# never exceeds wall-clock time, so a cell that finishes here also finishes when graded; an answer
# that loops costs this once per cell of its exercise (the visible tests and every hidden check).
CELL_TIMEOUT = 10
# a cell that passes must stay under this share of CELL_TIMEOUT: on a loaded machine (CI runs two
# workers) the same cell costs more CPU, and a check that passes or fails by the clock is a flaky test
PASS_MARGIN = 0.4
WALL_TIMEOUT = 240     # seconds for a whole run, a last resort, plus WALL_PER_CELL per test cell
WALL_PER_CELL = 4 * CELL_TIMEOUT  # a looping cell on a machine loaded four times over


@dataclass
class CellResult:
    grade_id: str
    hidden: bool
    points: float
    passed: bool
    error: str = ""
    cpu: float = 0.0  # seconds of user CPU the cell took (what CELL_TIMEOUT limits)


@dataclass
class Outcome:
    cells: list[CellResult] = field(default_factory=list)
    setup_error: str = ""

    @property
    def visible_passed(self) -> bool:
        return all(c.passed for c in self.cells if not c.hidden)

    @property
    def hidden_passed(self) -> bool:
        return all(c.passed for c in self.cells if c.hidden)

    @property
    def all_passed(self) -> bool:
        return not self.setup_error and all(c.passed for c in self.cells)

    @property
    def score(self) -> float:
        return sum(c.points for c in self.cells if c.passed)

    def failed_checks(self) -> set[str]:
        """Names of the hidden checks (course/checks.py) that failed; a hidden cell that is not a
        named check is reported by its grade_id."""
        from course.checks import split_grade_id

        out = set()
        for c in self.cells:
            if c.hidden and not c.passed:
                split = split_grade_id(c.grade_id)
                out.add(split[1] if split else c.grade_id)
        return out

    def near_the_limit(self) -> list[CellResult]:
        """Cells that passed but used more than PASS_MARGIN of CELL_TIMEOUT: their verdict depends on
        the machine's load."""
        return [c for c in self.cells if c.passed and c.cpu > PASS_MARGIN * CELL_TIMEOUT]

    def describe(self) -> str:
        if self.setup_error:
            return f"could not run: {self.setup_error}"
        return "; ".join(f"{c.grade_id}: {'pass' if c.passed else 'FAIL ' + c.error}" for c in self.cells)


@lru_cache(maxsize=None)
def load_source(topic: str):
    return nbformat.read(str(source_path(topic)), as_version=4)


@lru_cache(maxsize=None)
def stub_source(topic: str, exercise: str) -> str:
    nb = nbformat.read(str(release_path(topic)), as_version=4)
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") == exercise:
            return cell.source
    raise KeyError(f"release/{topic} has no cell {exercise!r}")


def reference_upto(topic: str, key: str) -> str:
    """The reference answer of *key* as one cell: the topic's solution cells up to it (earlier ones
    define the helpers it may call, as run_answer runs them)."""
    from course.demo_class import _strip_markers

    out = []
    for ex in exercises(load_source(topic)):
        out.append(_strip_markers(ex.solution.source))
        if ex.grade_id == key:
            return "\n\n".join(out)
    raise KeyError(f"{topic} has no exercise {key!r}")


def exercise_ids(topic: str) -> list[str]:
    return [e.grade_id for e in exercises(load_source(topic))]


class _CellTimeout(Exception):
    pass


def _on_timeout(signum, frame):
    raise _CellTimeout(f"cell ran longer than {CELL_TIMEOUT} s of user CPU time")


def _child(topic: str, exercise: str, answer_source: str | None, conn) -> None:
    os.environ["MPLBACKEND"] = "Agg"
    try:
        from IPython.core.interactiveshell import InteractiveShell
        import io
        import contextlib

        nb = load_source(topic)
        target = next(e for e in exercises(nb) if e.grade_id == exercise)
        shell = InteractiveShell.instance()
        signal.signal(signal.SIGVTALRM, _on_timeout)

        def user_cpu() -> float:
            return resource.getrusage(resource.RUSAGE_SELF).ru_utime

        def run(src: str) -> str:
            signal.setitimer(signal.ITIMER_VIRTUAL, CELL_TIMEOUT)
            sink = io.StringIO()
            try:
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                    result = shell.run_cell(src, silent=True, store_history=False)
            finally:
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            error = result.error_in_exec or result.error_before_exec
            if error is None:
                return ""
            return f"{type(error).__name__}: {str(error)[:300]}"

        for cell in nb.cells[: target.index + 1]:
            if cell.cell_type != "code" or nbgrader_meta(cell).get("grade"):
                continue
            error = run(cell.source)
            if error:
                conn.send(Outcome(setup_error=f"reference cell {nbgrader_meta(cell).get('grade_id', '?')} failed: {error}"))
                return
        if answer_source is not None:
            error = run(answer_source)
            if error:  # a planted answer must at least define its function: this is a bank bug
                conn.send(Outcome(setup_error=f"the planted answer does not run: {error}"))
                return
        outcome = Outcome()
        for cell in target.tests:
            start = user_cpu()
            error = run(cell.source)
            meta = nbgrader_meta(cell)
            outcome.cells.append(CellResult(meta["grade_id"], "BEGIN HIDDEN TESTS" in cell.source,
                                            float(meta.get("points", 0)), not error, error, user_cpu() - start))
        conn.send(outcome)
    except BaseException:  # report the harness's own failure instead of hanging
        conn.send(Outcome(setup_error=traceback.format_exc(limit=3)))
    finally:
        conn.close()


def run_answer(topic: str, exercise: str, answer_source: str | None) -> Outcome:
    """Run E's test cells with *answer_source* in place (None: the reference solution)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(topic, exercise, answer_source, child))
    proc.start()
    child.close()
    cells = next((len(e.tests) for e in exercises(load_source(topic)) if e.grade_id == exercise), 0)
    wall = WALL_TIMEOUT + WALL_PER_CELL * cells
    if parent.poll(wall):
        try:
            outcome = parent.recv()
        except EOFError:
            outcome = Outcome(setup_error=f"the test process died (exit code {proc.exitcode})")
    else:
        outcome = Outcome(setup_error=f"no answer within {wall} s")
    proc.join(5)
    if proc.is_alive():
        proc.kill()
        proc.join()
    return outcome
