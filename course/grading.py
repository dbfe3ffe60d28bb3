"""Release, autograde and report: the course's main job, built on nbgrader's Python API.

``autograde`` grades every submission of one assignment or of all of them in parallel:

* Workers are spawned processes; each pays nbgrader's start-up once, not once per
  submission, and grades one submission at a time with ``NbGraderAPI.autograde`` (the
  code path of ``nbgrader autograde``), then writes its feedback.
* The gradebook is never written by two processes at once: every nbgrader ``Gradebook``
  holds an exclusive file lock while it is open (sqlite by default; the lock is harmless
  with a PostgreSQL ``db_url``). Kernels still run side by side.
* A submission costs at most ``max_seconds`` of wall-clock time: once that budget is
  spent, the cell that is running is interrupted and the remaining cells are not run
  (they fail, so their points are lost). nbgrader's own per-cell ``Execute.timeout``
  still applies. A worker that does not come back ``KILL_GRACE`` seconds after the
  budget is killed, with its kernel.
* A broken submission (invalid JSON, timeout, crash of the grading process itself,
  edited locked cells) is reported with the student's name and never stops or changes
  the others: when a worker process dies, the submissions it was grading are retried
  one by one in a fresh worker, so the one that kills its grader is named and the
  others are graded normally.
* Reruns are idempotent (nbgrader's ``force``), and submitted/ and release/ are only
  read: an assignment missing from the gradebook is registered by generating it into
  a scratch folder.
"""
from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import math
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import ROOT
from .notebooks import topics as source_topics

LOCK_NAME = ".gradebook.lock"
DEFAULT_MAX_SECONDS = 180      # wall-clock budget of one submission (all its notebooks)
KILL_GRACE = 60                # a worker still busy this long after the budget is killed
# Test hook: "student/topic" whose grading process dies abruptly (see tests/test_grading.py).
CRASH_ENV = "COURSE_GRADING_TEST_CRASH"
# A kernel that dies before it answers kernel_info has not run a line of the student's notebook:
# kernels started at the same moment by parallel workers can race for the same ports. Grading
# starts again (force=True makes a retry idempotent), at most this many more times.
KERNEL_START_RETRIES = 2
KERNEL_START_FAILURE = "Kernel died before replying to kernel_info"


# --- the gradebook lock (installed in every process that opens a Gradebook) ----------------------

def _install_gradebook_lock(lock_path: Path) -> None:
    """Make every nbgrader Gradebook hold an exclusive file lock while it is open."""
    from nbgrader import api

    api.Gradebook._course_lock_path = str(lock_path)
    if getattr(api.Gradebook, "_course_locked", False):
        return
    state = {"depth": 0, "fd": None}
    original_init, original_close = api.Gradebook.__init__, api.Gradebook.close

    def acquire():
        if state["depth"] == 0:
            fd = os.open(api.Gradebook._course_lock_path, os.O_CREAT | os.O_RDWR, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX)
            state["fd"] = fd
        state["depth"] += 1

    def release():
        state["depth"] -= 1
        if state["depth"] == 0 and state["fd"] is not None:
            fcntl.flock(state["fd"], fcntl.LOCK_UN)
            os.close(state["fd"])
            state["fd"] = None

    def locked_init(self, *args, **kwargs):
        acquire()
        self._course_lock_held = True
        try:
            original_init(self, *args, **kwargs)
        except BaseException:
            self._course_lock_held = False
            release()
            raise

    def locked_close(self):
        try:
            original_close(self)
        finally:
            if getattr(self, "_course_lock_held", False):
                self._course_lock_held = False
                release()

    api.Gradebook.__init__ = locked_init
    api.Gradebook.close = locked_close
    api.Gradebook._course_locked = True


# --- a per-submission wall-clock budget ---------------------------------------------------------

_DEADLINE: float | None = None     # time.monotonic() after which no cell of this submission runs
_BUDGET: float = 0.0
_CURRENT: dict = {}                # what this worker is grading (written to its marker file)


_NOTES: list[str] = []             # what this submission ran into (limits, tampering), for the report
GUARD_TIMEOUT = 10                 # seconds the kernel has to run the guard's restore or a canary
# Once a test cell of a question runs out of time (nbgrader's Execute.timeout), the question's
# later test cells get this many seconds each: an answer that loops would otherwise spend the
# timeout in every cell of its question (7 cells x 20 s) and the submission's budget with it, and
# the questions after it would not be run. A right answer's test cell takes far less (tests/harness.py).
AFTER_TIMEOUT = 5
SAFE_ERROR_NAMES = {               # exception names feedback may show (anything else: "an error")
    "AssertionError", "TypeError", "ValueError", "NotImplementedError", "IndexError", "KeyError",
    "AttributeError", "NameError", "ZeroDivisionError", "RecursionError", "MemoryError", "SyntaxError",
    "IndentationError", "ImportError", "ModuleNotFoundError", "RuntimeError", "StopIteration", "OverflowError",
    "FileNotFoundError", "OSError", "KeyboardInterrupt", "UnboundLocalError", "CellTimeoutError",
    "GradingTimeLimit", "KernelStopped", "KernelTampering", "KernelUnresponsive", "OutputLimit"}


def _error_output(ename: str, evalue: str):
    from nbformat import NotebookNode

    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def _cell_label(cell, index: int) -> str:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return f"cell `{grade_id}`" if grade_id else f"cell {index + 1} (a cell the student added)"


def _execute_class():
    """nbgrader's Execute preprocessor, for code from strangers.

    * Bounded by the submission's deadline (what is left of --max-seconds).
    * Kernels start in the sandbox (course.sandbox) when the worker has limits.
    * Output beyond the output limit is dropped and the cell interrupted.
    * A kernel that dies (a limit, or killed by the student's code) fails the cell it died
      in and every later cell, which are not run; the report names the cell and the cause.
    * The guard (course.guard): the kernel's error reporting is restored before every graded
      test cell and checked with a canary after it.
    """
    import asyncio
    import secrets
    from queue import Empty

    from jupyter_core.utils import run_sync
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbformat import NotebookNode
    from nbgrader.preprocessors import Execute

    from . import guard, sandbox
    from .notebooks import exercises, nbgrader_meta

    manager_class = sandbox.kernel_manager_class()

    class GradingExecute(Execute):
        """Execute that grades code from strangers (see _execute_class)."""

        def __init__(self, *args, **kwargs):
            kwargs["kernel_manager_class"] = manager_class
            super().__init__(*args, **kwargs)

        def preprocess(self, nb, resources=None, km=None):
            self._stopped = None            # (cell label, why) once the kernel is gone
            self._lost = None               # (ename, evalue) every graded test cell gets once the guard failed
            self._guarded = False
            self._out_bytes = 0
            self._out_stopped = set()
            self._disk_named = False
            self._since_canary = []         # graded test cells run since the last good canary
            self._out_of_time = set()       # questions one of whose test cells ran out of time
            self._question = {nbgrader_meta(test).get("grade_id"): ex.grade_id  # test cell -> its exercise
                              for ex in exercises(nb) for test in ex.tests}
            return super().preprocess(nb, resources, km)

        # -- outputs --------------------------------------------------------------------------
        def output(self, outs, msg, display_id, cell_index):
            limits = sandbox.SETTINGS.limits
            if limits is None or msg.get("msg_type") == "error":
                return super().output(outs, msg, display_id, cell_index)
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(len(v) if isinstance(v, str) else len(json.dumps(v))
                                                      for v in content.get("data", {}).values())
            self._out_bytes += size
            if self._out_bytes <= limits.output:
                return super().output(outs, msg, display_id, cell_index)
            if cell_index not in self._out_stopped:
                self._out_stopped.add(cell_index)
                label = _cell_label(self.nb.cells[cell_index], cell_index)
                _NOTES.append(f"{limits.describe('output')} reached in {label}; the rest of its output was "
                              "dropped and the cell interrupted")
                outs.append(NotebookNode(output_type="stream", name="stderr",
                                         text=f"[output stopped: {limits.describe('output')} reached]\n"))
                with contextlib.suppress(Exception):
                    asyncio.ensure_future(self.km.interrupt_kernel())
            return None

        # -- talking to the kernel outside the notebook -----------------------------------------
        async def _run_private(self, code: str, silent: bool, expressions: dict | None = None):
            """Run code in the kernel, not as a cell of the notebook: (reply content, error contents),
            or (None, []) if the kernel does not answer in time."""
            msg_id = self.kc.execute(code, silent=silent, store_history=False, allow_stdin=False,
                                     user_expressions=expressions or {})
            deadline = time.monotonic() + GUARD_TIMEOUT
            reply = None
            while reply is None:
                try:
                    msg = await self.kc.shell_channel.get_msg(timeout=max(0.01, deadline - time.monotonic()))
                except Empty:
                    return None, []
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg["content"]
            errors = []
            while True:
                try:
                    msg = await self.kc.iopub_channel.get_msg(timeout=max(0.5, deadline - time.monotonic()))
                except Empty:
                    break
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    errors.append(msg["content"])
                elif msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                    break
            return reply, errors

        async def _guard_ok(self, what: str, cell, index: int, code: str, silent: bool, nonce=None,
                            expressions: dict | None = None) -> bool:
            reply, errors = await self._run_private(code, silent, expressions)
            if nonce is None:
                good = reply is not None and reply.get("status") == "ok"
                restored = (reply or {}).get("user_expressions", {}).get("restored", {})
                if good and restored.get("status") == "ok":
                    import ast

                    with contextlib.suppress(ValueError, SyntaxError):
                        names = ast.literal_eval(restored.get("data", {}).get("text/plain", "[]"))
                        if names:
                            _NOTES.append(f"the kernel was tampered with before {_cell_label(cell, index)} "
                                          f"(put back: {', '.join(map(str, names))[:300]}); the tests ran on "
                                          "the restored kernel")
            else:
                good = (reply is not None and reply.get("status") == "error" and nonce in str(reply.get("evalue"))
                        and any(nonce in str(e.get("evalue")) for e in errors))
            if not good and self._lost is None:
                label = _cell_label(cell, index)
                if reply is None:
                    # no answer at all: the kernel is still busy (an answer that loops, stopped by the
                    # cell timeout, is often still running) or gone; that is not tampering, and the
                    # student is not accused of it
                    self._lost = ("KernelUnresponsive", f"the kernel did not answer (from {label} on)")
                    _NOTES.append(f"the kernel did not answer within {GUARD_TIMEOUT} s ({what} after "
                                  f"{label}): still busy or stopped; every graded test cell from there on fails")
                else:
                    self._lost = ("KernelTampering", f"the kernel stopped reporting errors (tampering detected after {label})")
                    _NOTES.append(f"the kernel stopped reporting errors ({what} failed after {label}): "
                                  "tampering with the kernel; every graded test cell from there on fails")
            return good

        # -- cells ------------------------------------------------------------------------------
        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            if cell.cell_type != "code":
                return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
            _note_kernel(self)
            meta = cell.get("metadata", {}).get("nbgrader", {})
            graded_test = bool(meta.get("grade")) and not meta.get("solution")
            if self._stopped is not None:
                label, why = self._stopped
                cell.outputs = [_error_output("KernelStopped", f"not run: the kernel stopped in {label} ({why})")]
                cell.execution_count = None
                return cell
            remaining = _DEADLINE - time.monotonic() if _DEADLINE is not None else None
            if remaining is not None and remaining <= 0:
                cell.outputs = [_error_output(
                    "GradingTimeLimit", f"not run: this submission used up its {_BUDGET:g} s grading budget")]
                cell.execution_count = None
                return cell
            guarded = True  # the guard does not need the sandbox: it runs with --no-sandbox too
            if guarded and not self._guarded:
                self._guarded = True
                await self._guard_ok("the guard's setup", cell, cell_index, guard.SETUP, silent=True)
                await self._guard_ok("the guard's setup", cell, cell_index, guard.RESTORE, silent=True)
            if guarded and graded_test and self._lost is None:
                await self._guard_ok("restoring the kernel", cell, cell_index, guard.RESTORE, silent=True,
                                     expressions={"restored": guard.RESTORED})
            events = self._events()
            configured = self.timeout
            if remaining is not None and (configured is None or configured > remaining):
                self.timeout = max(1, math.ceil(remaining))
            question = self._question.get(meta.get("grade_id")) if graded_test else None
            if question in self._out_of_time and (self.timeout is None or self.timeout > AFTER_TIMEOUT):
                self.timeout = AFTER_TIMEOUT
            try:
                cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
            except CellTimeoutError as error:
                # nbclient gives up waiting for the outputs of a cell that floods them
                label = _cell_label(cell, cell_index)
                _NOTES.append(f"{label} did not finish sending its output in time ({str(error).splitlines()[0][:120]})")
                cell.outputs.append(_error_output("CellTimeoutError", "the cell's output did not arrive in time"))
                self._ran_out_of_time(question, cell)
                return cell
            except DeadKernelError:
                why = self._why_dead(events)
                label = _cell_label(cell, cell_index)
                self._stopped = (label, why)
                _NOTES.append(f"{why} in {label}; the cells after it were not run")
                cell.outputs = [_error_output("KernelStopped", f"the kernel stopped in this cell ({why})")]
                return cell
            finally:
                self.timeout = configured
            self._ran_out_of_time(question, cell)
            self._name_limits(cell, cell_index, events)
            if graded_test:
                # The course gives no partial credit. nbgrader reads a number shown as a test cell's
                # value as that cell's score (and fails grading above its points); the value may come
                # from the student's function, so it is not kept: a test cell passes or fails.
                cell.outputs = [o for o in cell.outputs if o.get("output_type") != "execute_result"]
            if guarded and graded_test:
                self._since_canary.append(cell)
                if self._lost is None:
                    # the canary looks like the test cell it follows (its code, behind a line that
                    # must fail), so that a hook that hides failures of test cells hides it too
                    nonce = "course-canary-" + secrets.token_hex(8)
                    body = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%%"))
                    code = f"raise AssertionError({nonce!r})\n" + body
                    if await self._guard_ok("the canary", cell, cell_index, code, silent=False, nonce=nonce):
                        self._since_canary = []
                if self._lost is not None:
                    self._fail_since_canary(*self._lost)
            return cell

        def _ran_out_of_time(self, question, cell) -> None:
            """Shorten the timeout of the question's later test cells once one of them ran out of time."""
            if question is None or question in self._out_of_time:
                return
            if any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError" for o in cell.outputs):
                self._out_of_time.add(question)
                _NOTES.append(f"a test cell of {question} ran out of time: its later test cells had "
                              f"{AFTER_TIMEOUT} s each, so that the questions after it are still graded")

        def _fail_since_canary(self, ename: str, evalue: str) -> None:
            for earlier in self._since_canary:
                if not any(o.get("output_type") == "error" for o in earlier.outputs):
                    earlier.outputs.append(_error_output(ename, evalue))

        def _events(self) -> dict:
            box = getattr(self.km, "box", None)
            return box.events() if box is not None else {}

        def _why_dead(self, before: dict) -> str:
            limits = sandbox.SETTINGS.limits
            after = self._events()
            code = None
            with contextlib.suppress(Exception):
                code = self.km.provisioner.process.poll()
            if limits is not None:
                if after.get("memory", 0) > before.get("memory", 0):
                    return f"{limits.describe('memory')} reached"
                if code in (128 + signal.SIGXCPU, -signal.SIGXCPU):
                    return f"{limits.describe('cpu_seconds')} reached"
                if code in (128 + signal.SIGXFSZ, -signal.SIGXFSZ):
                    return f"{limits.describe('disk')} reached"
            if code is not None and (code < 0 or code > 128):
                number = -code if code < 0 else code - 128
                with contextlib.suppress(ValueError):
                    return f"the kernel was killed by {signal.Signals(number).name}"
            return "the kernel died" + (f" (exit code {code})" if code is not None else "")

        def _name_limits(self, cell, index: int, before: dict) -> None:
            limits = sandbox.SETTINGS.limits
            if limits is None:
                return
            label = _cell_label(cell, index)
            after = self._events()
            hit = set()
            if after.get("processes", 0) > before.get("processes", 0):
                hit.add("processes")
            if after.get("memory", 0) > before.get("memory", 0):
                hit.add("memory")
            box = getattr(self.km, "box", None)
            if box is not None and box.disk_full() and not self._disk_named:
                self._disk_named = True  # a full tmpfs stays full: name it once, in the cell that filled it
                hit.add("disk")
            for out in cell.outputs:
                if out.get("output_type") != "error":
                    continue
                text = f"{out.get('ename')}: {out.get('evalue')}"
                if out.get("ename") == "MemoryError":
                    hit.add("memory")
                elif "can't start new thread" in text or "Resource temporarily unavailable" in text:
                    hit.add("processes")
                elif "File too large" in text or "No space left on device" in text:
                    hit.add("disk")
            for name in ("memory", "processes", "disk"):
                if name in hit:
                    _NOTES.append(f"{limits.describe(name)} reached in {label}")

        execute_cell = run_sync(async_execute_cell)  # nbclient binds the base method otherwise

    return GradingExecute


def _note_kernel(client) -> None:
    """Remember the kernel's pid in the worker's marker (so a hung worker can be cleaned up)."""
    if _CURRENT.get("kernel_pid") or not _CURRENT.get("marker"):
        return
    with contextlib.suppress(Exception):
        pid = client.km.provisioner.process.pid
        _CURRENT["kernel_pid"] = pid
        Path(_CURRENT["marker"]).write_text(json.dumps({k: v for k, v in _CURRENT.items() if k != "marker"}))


# --- one worker's job ---------------------------------------------------------------------------

@dataclass
class Result:
    student: str
    topic: str
    score: float = 0.0
    max_score: float = 0.0
    ok: bool = False
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    raw_score: float = 0.0       # before the late penalty (score = raw_score - late_penalty)
    late_penalty: float = 0.0
    days_late: int = 0           # started days after the due date and its grace (course.deadlines)
    handed_in: str = ""          # timestamp.txt's time in UTC, "" when the submission has none
    due: str = ""                # the topic's due date in UTC, "" when it has none


_API = None
_ROOT: Path | None = None
_SCRATCH: Path | None = None
_FEEDBACK = True


def _load_config(root: str):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def _api(root: Path, **overrides):
    """An NbGraderAPI for the course at root, with the gradebook lock installed."""
    import course  # noqa: F401  (puts this Python's bin/ on PATH for nbgrader's alembic call)
    from nbgrader.apps import NbGraderAPI

    _install_gradebook_lock(_lock_path(root))
    config = _load_config(str(root))
    for key, value in overrides.items():
        section, name = key.split(".")
        config[section][name] = value
    return NbGraderAPI(config=config)


def _lock_path(root: Path) -> Path:
    """The lock lives in autograded/ (git-ignored), next to what grading writes."""
    folder = Path(root) / "autograded"
    folder.mkdir(exist_ok=True)
    return folder / LOCK_NAME


def _worker_init(root: str, scratch: str | None = None, feedback: bool = True,
                 limits: dict | None = None) -> None:
    """Runs once in every worker process. limits: the sandbox's Limits as a dict (None: no sandbox)."""
    global _API, _ROOT, _SCRATCH, _FEEDBACK
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    os.chdir(root)
    if root not in sys.path:
        sys.path.insert(0, root)
    _ROOT, _FEEDBACK = Path(root), feedback
    _SCRATCH = Path(scratch) if scratch else None
    if _SCRATCH is not None:
        # kernels and nbgrader write warnings to stderr: keep them out of the progress bar
        log = os.open(_SCRATCH / f"worker-{os.getpid()}.log", os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput,
                                        SaveAutoGrades)
    from nbconvert.preprocessors import ClearMetadataPreprocessor

    from . import sandbox

    sandbox.SETTINGS.limits = sandbox.Limits(**limits) if limits is not None else None
    _API = _api(Path(root), **{"Autograde.autograde_preprocessors": [
        _execute_class(), IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
        AssignLatePenalties, CheckCellMetadata]})


def _error_line(*texts: str) -> str:
    """The most useful line of an nbgrader error or log: the last exception that is not
    nbgrader's generic 'see the above traceback'."""
    lines = [l.strip() for text in texts for l in (text or "").splitlines() if l.strip()]
    generic = ("NbGraderException", "see the the above traceback", "see the above traceback")
    for line in reversed(lines):
        if any(g in line for g in generic):
            continue
        if re.search(r"(Error|Exception)\b", line) or "invalid" in line.lower():
            return line[:300]
    return lines[-1][:300] if lines else "unknown error"


_first_error_line = _error_line  # the old name


def _locked_cell_notes(root: Path, student: str, topic: str) -> list[str]:
    """Compare the submission's locked cells with the release: edited or deleted ones."""
    notes = []
    for release_nb in sorted((root / "release" / topic).glob("*.ipynb")):
        submitted = root / "submitted" / student / topic / release_nb.name
        try:
            theirs = json.loads(submitted.read_text(encoding="utf-8"))
            ours = json.loads(release_nb.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue

        def by_id(nb):
            return {c.get("metadata", {}).get("nbgrader", {}).get("grade_id"): c for c in nb.get("cells", [])}
        their_cells = by_id(theirs)
        for grade_id, cell in by_id(ours).items():
            if grade_id is None or not cell["metadata"]["nbgrader"].get("locked"):
                continue
            if grade_id not in their_cells:
                notes.append(f"locked cell {grade_id} was deleted; the original was put back and graded")
            elif "".join(their_cells[grade_id].get("source", "")) != "".join(cell.get("source", "")):
                notes.append(f"locked cell {grade_id} was edited; the original was put back and graded")
    return notes


def _notes_from_notebooks(folder: Path) -> list[str]:
    notes = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        skipped = []
        for cell in nb.get("cells", []):
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "?")
            for out in cell.get("outputs", []):
                if out.get("output_type") != "error":
                    continue
                if out.get("ename") == "CellTimeoutError":
                    notes.append(f"cell {grade_id} of {path.name} ran out of time and was stopped")
                elif out.get("ename") == "GradingTimeLimit":
                    skipped.append(grade_id)
        if skipped:
            notes.append(f"grading of {path.name} stopped at the {_BUDGET:g} s limit of a submission; "
                         f"{len(skipped)} cell(s) not run, from {skipped[0]}")
    return notes


def grade_one(student: str, topic: str) -> Result:
    """Autograde and write feedback for one submission (runs inside a worker)."""
    global _DEADLINE
    start = time.perf_counter()
    result = Result(student, topic)
    marker = _SCRATCH / "inflight" / f"{student}@{topic}" if _SCRATCH else None
    _CURRENT.clear()
    _CURRENT.update(student=student, topic=topic, pid=os.getpid(), started=time.time())
    if marker is not None:
        _CURRENT["marker"] = str(marker)
        marker.write_text(json.dumps({k: v for k, v in _CURRENT.items() if k != "marker"}))
    if os.environ.get(CRASH_ENV) == f"{student}/{topic}":
        os._exit(70)  # simulate a grading process that dies (tests only)
    _DEADLINE = time.monotonic() + _BUDGET if _BUDGET > 0 else None
    from . import sandbox

    sandbox.SETTINGS.name = f"{student}@{topic}"
    try:
        for _ in range(1 + KERNEL_START_RETRIES):
            _NOTES.clear()
            out = _API.autograde(topic, student, force=True, create=True)
            if out.get("success") or KERNEL_START_FAILURE not in f"{out.get('error', '')}{out.get('log', '')}":
                break
        if not out.get("success"):
            error = _error_line(out.get("error", ""), out.get("log", ""))
            if "NotJSONError" in error or "JSONDecodeError" in error:
                error = "the notebook file is not valid JSON (damaged or cut off); " + error
            result.problems.append(f"could not be graded: {error}")
        else:
            result.ok = True
            result.problems += list(dict.fromkeys(_NOTES))
            result.problems += _locked_cell_notes(_ROOT, student, topic)
            result.problems += _notes_from_notebooks(_ROOT / "autograded" / student / topic)
            if _FEEDBACK:
                _DEADLINE = None
                fb = _API.generate_feedback(topic, student, force=True)
                if not fb.get("success"):
                    result.problems.append(f"feedback failed: {_error_line(fb.get('log', ''), fb.get('error', ''))}")
    except Exception as error:  # never let one submission stop the class
        result.problems.append(f"grading crashed: {type(error).__name__}: {error}")
    finally:
        _DEADLINE = None
        _CURRENT.clear()
        if marker is not None:
            with contextlib.suppress(FileNotFoundError):
                marker.unlink()
    result.seconds = time.perf_counter() - start
    return result


def _set_budget(seconds: float) -> None:
    global _BUDGET
    _BUDGET = float(seconds or 0)


def _grade_in_worker(student: str, topic: str, budget: float) -> Result:
    _set_budget(budget)
    return grade_one(student, topic)


# --- the commands -------------------------------------------------------------------------------

def release(root: Path = ROOT, topics: list[str] | None = None) -> dict[str, str]:
    """Regenerate release/<topic>/ from source/ with nbgrader generate_assignment."""
    root = Path(root).resolve()
    return _generate(root, topics or source_topics(root))


def _generate(root: Path, topics: list[str], into: Path | None = None) -> dict[str, str]:
    overrides = {"CourseDirectory.release_directory": str(into)} if into else {}
    with contextlib.chdir(root):
        api = _api(root, **overrides)
        errors = {}
        for topic in topics:
            out = api.generate_assignment(topic, force=True, create=True)
            if not out.get("success"):
                errors[topic] = _error_line(out.get("error", ""), out.get("log", ""))
    return errors


def sandbox_limits(root: Path = ROOT, **overrides):
    """The sandbox's limits: defaults, then nbgrader_config.py's CourseSandbox section, then overrides."""
    from .sandbox import Limits

    config = _load_config(str(root))
    section = config.CourseSandbox if "CourseSandbox" in config else None
    return Limits.from_config(section, **overrides)


def submissions(root: Path, topics: list[str], students: list[str] | None = None) -> list[tuple[str, str]]:
    found = []
    folder = Path(root) / "submitted"
    for student_dir in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not student_dir.is_dir() or student_dir.name.startswith("."):
            continue
        if students and student_dir.name not in students:
            continue
        for topic in topics:
            if (student_dir / topic).is_dir():
                found.append((student_dir.name, topic))
    return found


def autograde(root: Path = ROOT, topics: list[str] | None = None, workers: int | None = None,
              progress: bool = True, *, students: list[str] | None = None, feedback: bool = True,
              max_seconds: float = DEFAULT_MAX_SECONDS, sandbox: bool = True,
              limits=None, scheduler=None) -> list[Result]:
    """Grade every submission of the given topics (default: all) in parallel.

    scheduler: a Dask scheduler's address (or a distributed.Client): one task per submission on
    the cluster's workers instead of local processes (course.distributed); workers is then unused.

    Every kernel runs in the sandbox (course.sandbox) unless sandbox=False, which is only for
    code you trust; limits: a sandbox.Limits (default: nbgrader_config.py's CourseSandbox
    section, else the defaults). Raises sandbox.SandboxUnavailable, naming what to install,
    when the sandbox cannot run here.

    Returns one Result per submission, sorted by student and topic. Never raises for a
    broken submission: its problems are in Result.problems.
    """
    from . import sandbox as _sandbox

    root = Path(root).resolve()
    if sandbox:
        _sandbox.check_available()
        if limits is None:
            limits = sandbox_limits(root)
        limits = asdict(limits)
    else:
        limits = None
    topics = topics or source_topics(root)
    todo = submissions(root, topics, students)
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    scratch = Path(tempfile.mkdtemp(prefix="course-grading-"))
    (scratch / "inflight").mkdir()
    try:
        _prepare_gradebook(root, topics, scratch)
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc="autograding", unit="submission", disable=not progress,
                   file=sys.stderr, dynamic_ncols=True)

        def report(result: Result) -> None:
            bar.set_postfix_str(f"{result.student}/{result.topic}")
            bar.update()

        if scheduler is not None:
            from . import distributed

            results = distributed.grade_all(root, todo, scheduler, scratch, feedback, max_seconds, report, limits)
        else:
            results = _grade_all(root, todo, workers, scratch, feedback, max_seconds, report, limits)
        bar.close()
        _fill_scores(root, results)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return sorted(results, key=lambda r: (r.student, r.topic))


def _grade_all(root, todo, workers, scratch, feedback, max_seconds, report, limits=None) -> list[Result]:
    """Run the pool; when a worker dies, retry what it was grading alone to name the culprit."""
    results: dict[tuple[str, str], Result] = {}

    def crashed(key, why):
        results[key] = Result(*key, problems=[f"grading crashed: {why}; the other submissions were not affected"])
        report(results[key])

    queue = list(todo)
    suspects: list[tuple[str, str]] = []
    while queue or suspects:
        alone = bool(suspects)
        batch = [suspects.pop(0)] if alone else queue
        if not alone:
            queue = []
        done, lost, deaths, inflight = _run_pool(root, batch, 1 if alone else workers, scratch, feedback,
                                                 max_seconds, report, limits)
        results.update(done)
        if lost and not inflight and not deaths:
            # the pool broke before any submission started: a broken environment, not a student
            for key in lost:
                crashed(key, f"the grading process could not start (see {scratch}/worker-*.log)")
            break
        for key in lost:
            if key in deaths:
                crashed(key, deaths[key])
            elif alone:
                crashed(key, "its grading process died")
            elif key in inflight:
                suspects.append(key)
            else:
                queue.append(key)
    return list(results.values())


def _run_pool(root, batch, workers, scratch, feedback, max_seconds, report, limits=None):
    """Grade a batch. Returns the results, the keys not graded, {key: why} for the ones
    killed or known to have killed their worker, and the keys in flight when the pool broke."""
    done: dict[tuple[str, str], Result] = {}
    deaths: dict[tuple[str, str], str] = {}
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                               initargs=(str(root), str(scratch), feedback, limits), mp_context=_spawn())
    futures = {pool.submit(_grade_in_worker, s, t, max_seconds): (s, t) for s, t in batch}
    pending = set(futures)
    broken = False
    try:
        while pending and not broken:
            finished, pending = wait(pending, timeout=2, return_when=FIRST_COMPLETED)
            for future in finished:
                key = futures[future]
                try:
                    done[key] = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as error:  # an exception that escaped grade_one
                    done[key] = Result(*key, problems=[f"grading crashed: {type(error).__name__}: {error}"])
                report(done[key])
            if max_seconds and not broken:
                _kill_overdue(scratch, max_seconds + KILL_GRACE, deaths)
    finally:
        markers = _read_markers(scratch)
        exitcodes = _exitcodes(pool)
        pool.shutdown(wait=True, cancel_futures=True)
    lost = [key for key in batch if key not in done]
    inflight = {key for key in lost if key in markers}
    for key in inflight:
        if key not in deaths and len(batch) == 1:
            code = exitcodes.get(markers[key].get("pid"))
            deaths[key] = "its grading process died" + (f" (exit code {code})" if code is not None else "")
        with contextlib.suppress(FileNotFoundError):
            (scratch / "inflight" / f"{key[0]}@{key[1]}").unlink()
    return done, lost, deaths, inflight


def _read_markers(scratch: Path) -> dict[tuple[str, str], dict]:
    markers = {}
    for path in (scratch / "inflight").glob("*@*"):
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(path.read_text())
            markers[(data["student"], data["topic"])] = data
    return markers


def _exitcodes(pool) -> dict[int, int]:
    with contextlib.suppress(Exception):
        return {pid: p.exitcode for pid, p in (pool._processes or {}).items()}  # noqa: SLF001
    return {}


def _kill_overdue(scratch: Path, limit: float, deaths: dict) -> None:
    """Kill a worker (and its kernel) whose submission has run far past its budget."""
    now = time.time()
    for key, marker in _read_markers(scratch).items():
        if now - marker.get("started", now) <= limit or key in deaths:
            continue
        for pid in (marker.get("kernel_pid"), marker.get("pid")):
            if pid:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
        deaths[key] = f"stopped after {limit:g} s: the grader did not come back from this submission"


def _spawn():
    import multiprocessing

    return multiprocessing.get_context("spawn")


def _prepare_gradebook(root: Path, topics: list[str], scratch: Path | None = None) -> None:
    """Make sure every assignment is in the gradebook. generate_assignment records it; it
    writes into a scratch folder so that release/ is never touched by grading. Then every
    topic's due date from nbgrader_config.py (c.CourseDeadlines.due) becomes its nbgrader duedate.
    A bad deadlines section raises ValueError naming the setting, before anything is graded."""
    from nbgrader.api import Gradebook, MissingEntry

    from . import deadlines

    root = Path(root).resolve()
    config = _load_config(str(root))
    _, due = deadlines.check(config, source_topics(root))
    _install_gradebook_lock(_lock_path(root))
    with contextlib.chdir(root), Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb:
        missing = []
        for topic in topics:
            try:
                gb.find_assignment(topic)
            except MissingEntry:
                missing.append(topic)
    if missing:
        with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
            errors = _generate(root, missing, into=Path(tmp))
        if errors:
            raise RuntimeError(f"could not register {errors} in the gradebook")
    dated = {topic: date for topic, date in due.items() if topic in topics}
    if dated:  # topics the section does not name keep the gradebook's date (formgrader can set one)
        with contextlib.chdir(root), Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb:
            for topic, date in dated.items():
                gb.update_or_create_assignment(topic, duedate=date)


def check_deadlines(root: Path = ROOT):
    """The late-penalty rule and due dates of the course at root (ValueError naming a bad setting)."""
    from . import deadlines

    return deadlines.check(_load_config(str(root)), source_topics(root))


def _fill_scores(root: Path, results: list[Result]) -> None:
    """Scores from the gradebook: raw (nbgrader's score), the late penalty nbgrader's
    AssignLatePenalties recorded, and the final score, their difference."""
    from nbgrader.api import Gradebook, MissingEntry

    from . import deadlines

    config = _load_config(str(root))
    rule = deadlines.rule_from_config(config)
    with contextlib.chdir(root), Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb:
        for r in results:
            assignment = gb.find_assignment(r.topic)
            r.max_score = float(assignment.max_score)
            if not r.ok:
                r.score = r.raw_score = r.late_penalty = 0.0
                continue
            try:
                sub = gb.find_submission(r.topic, r.student)
            except MissingEntry:
                r.ok = False
                r.problems.append("no grade was recorded")
                continue
            r.raw_score = float(sub.score)
            r.late_penalty = float(sub.late_submission_penalty or 0.0)
            r.score = r.raw_score - r.late_penalty
            r.days_late = rule.days_late(sub.total_seconds_late)
            r.handed_in = sub.timestamp.strftime("%Y-%m-%d %H:%M:%S UTC") if sub.timestamp else ""
            r.due = sub.duedate.strftime("%Y-%m-%d %H:%M:%S UTC") if sub.duedate else ""


# The columns of grades.csv. The first seven are the file's columns from before deadlines, with the
# same meaning (score is the final score); older files (OLD_CSV_FIELDS) are still merged.
OLD_CSV_FIELDS = ["student", "topic", "score", "max_score", "graded", "problems", "seconds"]
CSV_FIELDS = OLD_CSV_FIELDS + ["raw_score", "late_penalty", "days_late", "handed_in"]


def write_csv(results: list[Result], path: Path) -> None:
    """Write grades.csv. Rows of submissions graded in this run replace their old rows; rows of
    other submissions (a rerun of one topic) are kept, so the file always covers the class. A file
    written before deadlines existed is read too: no penalty was applied then (raw = final) and
    its submission time is unknown."""
    rows: dict[tuple[str, str], dict] = {}
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames == CSV_FIELDS:
                rows = {(r["student"], r["topic"]): r for r in reader}
            elif reader.fieldnames == OLD_CSV_FIELDS:
                rows = {(r["student"], r["topic"]): {**r, "raw_score": r["score"], "late_penalty": "0",
                                                     "days_late": "", "handed_in": ""} for r in reader}
    for r in results:
        rows[(r.student, r.topic)] = {
            "student": r.student, "topic": r.topic, "score": f"{r.score:g}", "max_score": f"{r.max_score:g}",
            "graded": "yes" if r.ok else "no", "problems": "; ".join(r.problems), "seconds": f"{r.seconds:.1f}",
            "raw_score": f"{r.raw_score:g}", "late_penalty": f"{r.late_penalty:g}",
            "days_late": str(r.days_late), "handed_in": r.handed_in}
    tmp = path.with_suffix(".csv.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for key in sorted(rows, key=lambda k: (k[1], k[0])):
            writer.writerow(rows[key])
    os.replace(tmp, path)


def table(results: list[Result]) -> str:
    topics = sorted({r.topic for r in results})
    students = sorted({r.student for r in results})
    by = {(r.student, r.topic): r for r in results}
    header = ["student"] + topics + ["total"]
    rows = []
    for s in students:
        row, total, top = [s], 0.0, 0.0
        for t in topics:
            r = by.get((s, t))
            if r is None:
                row.append("-")
                continue
            row.append(f"{r.score:g}/{r.max_score:g}" + ("" if r.ok else " !") + (" L" if r.late_penalty or r.days_late else ""))
            total += r.score
            top += r.max_score
        row.append(f"{total:g}/{top:g}")
        rows.append(row)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    lines = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]
    late = [f"  {r.student} / {r.topic}: {r.days_late} day(s) late (handed in {r.handed_in}): raw {r.raw_score:g}, "
            f"penalty {r.late_penalty:g}, final {r.score:g}" for r in results if r.ok and (r.late_penalty or r.days_late)]
    if late:
        lines += ["", "Late submissions (L; the table shows the final score = raw - penalty):"] + late
    undated = [f"{r.student}/{r.topic}" for r in results if r.ok and r.due and not r.handed_in]
    if undated:
        lines += ["", f"No timestamp.txt although the topic has a due date (graded as on time): {', '.join(undated)}"]
    problems = [f"  {r.student} / {r.topic}: {p}" for r in results for p in r.problems]
    if problems:
        lines += ["", "Problems (! = not graded, scored 0):"] + problems
    return "\n".join(lines)


def clean_outputs(root: Path) -> None:
    """Empty autograded/ and feedback/ (keeping their README), drop the gradebook and grades.csv."""
    for name in ("autograded", "feedback"):
        folder = root / name
        for child in folder.iterdir() if folder.exists() else []:
            if child.name == "README.md":
                continue
            if child.is_dir():
                shutil.rmtree(child, onerror=_make_writable_and_retry)
            else:
                child.unlink()
    for name in ("gradebook.db", "gradebook.db-journal", "grades.csv", LOCK_NAME):  # (older runs kept the lock here)
        with contextlib.suppress(FileNotFoundError):
            (root / name).unlink()


def _make_writable_and_retry(func, path, _exc_info):
    os.chmod(path, 0o755)
    parent = os.path.dirname(path)
    os.chmod(parent, 0o755)
    func(path)


def results_as_json(results: list[Result]) -> str:
    return json.dumps([asdict(r) for r in results], indent=1)
