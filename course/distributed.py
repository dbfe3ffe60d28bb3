"""Grading on a Dask cluster: ``python -m course grade --scheduler tcp://HOST:8786``.

One Dask task per submission. What travels, and why:

* **To the workers**: the course once per run (every topic's source/ and release/ folder,
  source/header.ipynb, nbgrader_config.py and a small sqlite gradebook that holds only the
  assignments, their cells and their due dates, prepared here from the course's own gradebook),
  then, with each task, the student's submission folder as bytes. A worker needs nothing but the
  course's Python environment (``.venv/bin/dask worker``) and bubblewrap: no shared folder, no
  access to the gradebook. The course travels as the result of a tiny task (not scattered data),
  so that the scheduler can recompute it if every worker holding it dies.
* **On a worker**: the task rebuilds a private course in a temporary folder (kept for the next
  task of the same run), grades the submission there with the code path of local grading
  (``grading.grade_one``: the sandbox, the limits, the guard, the feedback that carries no secret)
  and returns the autograded folder, the feedback folder and the Result (problems, notes, limits).
* **Back on the client**: the gradebook (sqlite or PostgreSQL, whatever ``NBGRADER_DB_URL`` says)
  is written only here, by nbgrader's own Autograde run on the returned, already executed
  notebook with every preprocessor that runs code removed (SaveAutoGrades, AssignLatePenalties,
  CheckCellMetadata: the same grades, the late penalty from the course's gradebook with its
  extensions), which also writes autograded/; the feedback pages go to feedback/; grades.csv is
  written by the caller as for local grading. Each submission is written once (a result that
  arrives twice is ignored) and every write is nbgrader's ``force`` update, so a rerun replaces.

Failures:

* a task whose worker dies is run again elsewhere by the scheduler, up to its
  ``distributed.scheduler.allowed-failures`` (3 by default: 4 tries); a task that raises (a
  worker without the sandbox, a full disk) is retried ``RETRIES`` more times;
* the scheduler counts a death against every task the dead worker held, including one that was
  only waiting behind the culprit. So a task that runs out of tries is graded once more, alone
  on the cluster, after the others; if its worker dies again it is given up and named
  ("given up after N tries"), and the rest of the class is graded;
* a submission still grading ``grading.KILL_GRACE`` seconds after its ``--max-seconds`` budget
  ends its worker process (as local grading kills its worker): a death, handled as above.

Workers must grade one submission at a time (``--nthreads 1``; use ``--nworkers N`` for N
at once on one machine): grading keeps per-process state, so a lock serialises the tasks of a
worker that has more threads.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
import warnings
from dataclasses import asdict
from pathlib import Path

RETRIES = 1                   # more tries of a task that raised (deaths are the scheduler's allowed-failures)
CONNECT_TIMEOUT = 20          # seconds to reach the scheduler
WORKER_WAIT = 120             # seconds to wait for a first worker
WINDOW_PER_THREAD = 2         # tasks in flight per worker thread (bounds the client's and scheduler's memory)
MIN_WINDOW = 8


LAST_STATS: dict = {}         # what the last grade_all did (see describe)


class SchedulerUnreachable(RuntimeError):
    """The Dask scheduler at the given address cannot be reached (or has no worker)."""


# --- the client ---------------------------------------------------------------------------------

def connect(address: str, timeout: float = CONNECT_TIMEOUT):
    """A dask.distributed Client for the scheduler at address; SchedulerUnreachable naming it."""
    if not isinstance(address, str) or not address.strip():
        raise ValueError(f"--scheduler must be an address such as tcp://HOST:8786, not {address!r}")
    from distributed import Client

    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address} within {timeout:g} s "
                                   f"({type(error).__name__}: {error}); start it with "
                                   f"`.venv/bin/dask scheduler` and check the address and port") from error


def grade_all(root: Path, todo: list[tuple[str, str]], scheduler, scratch: Path, feedback: bool,
              max_seconds: float, report, limits: dict | None, stats: dict | None = None) -> list:
    """Grade every (student, topic) of todo on the cluster; write the gradebook, autograded/ and
    feedback/ of root here. scheduler: an address or a Client. Returns grading.Result objects.
    stats (if given) receives counts: written, duplicates, suspects, given_up, tries."""
    from . import grading

    root = Path(root).resolve()
    own_client = isinstance(scheduler, str)
    client = connect(scheduler) if own_client else scheduler
    stats = stats if stats is not None else LAST_STATS
    stats.clear()
    stats.update(written=0, duplicates=0, suspects=[], given_up=[], workers=set(), write_seconds=0.0)
    try:
        _wait_for_workers(client)
        _check_workers(client, limits is not None)
        course = _course_payload(root, scratch, todo)
        course_future = client.submit(_identity, course, key=f"course-{course['digest']}-{uuid.uuid4().hex[:8]}",
                                      pure=False)
        try:
            allowed = int(client.run_on_scheduler(_allowed_failures))
        except Exception:  # an old scheduler: the documented default
            allowed = 3
        stats["tries"] = allowed + 1
        writer = _Writer(root, scratch, feedback)
        results: dict[tuple[str, str], object] = {}

        def done(key, payload=None, problem=None):
            if key in results:  # a second result of the same submission: never written twice
                stats["duplicates"] += 1
                return
            if problem is not None:
                result = grading.Result(*key, problems=[problem])
            else:
                began = time.perf_counter()
                result = writer.write(key, payload)
                stats["write_seconds"] += time.perf_counter() - began
                stats["written"] += 1
                stats["workers"].add(payload.get("worker", "?"))
            results[key] = result
            report(result)

        suspects = _run_round(client, course_future, root, list(todo), feedback, max_seconds, limits, done,
                              window=None)
        stats["suspects"] = list(suspects)
        for key in suspects:  # alone on the cluster: a death now is this submission's own
            again = _run_round(client, course_future, root, [key], feedback, max_seconds, limits, done, window=1)
            if again:
                stats["given_up"].append(key)
                done(key, problem=f"given up after {2 * (allowed + 1)} tries: every Dask worker that graded it "
                                  f"died ({allowed + 1} tries among the class, {allowed + 1} alone); the other "
                                  "submissions were not affected")
        course_future.release()
        return list(results.values())
    finally:
        if own_client:
            with contextlib.suppress(Exception):
                client.close()


def _identity(value):
    return value


def _allowed_failures(dask_scheduler=None):
    return dask_scheduler.allowed_failures


def _wait_for_workers(client) -> None:
    if client.scheduler_info().get("workers"):
        return
    print(f"waiting up to {WORKER_WAIT} s for a Dask worker to join {client.scheduler.address} ...",
          file=sys.stderr, flush=True)
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError as error:
        raise SchedulerUnreachable(f"no Dask worker joined the scheduler at {client.scheduler.address} within "
                                   f"{WORKER_WAIT} s: start one with `.venv/bin/dask worker "
                                   f"{client.scheduler.address} --nthreads 1`") from error


def _check_workers(client, sandboxed: bool) -> None:
    """Every worker has the course's environment and, unless --no-sandbox, the sandbox."""
    from .sandbox import SandboxUnavailable

    answers = client.run(_worker_check, sandboxed)
    bad = {address: why for address, why in answers.items() if why}
    if bad:
        raise SandboxUnavailable("; ".join(f"worker {a}: {why}" for a, why in sorted(bad.items())))


def _worker_check(sandboxed: bool) -> str:
    """'' if this worker can grade, else why not (runs on every worker)."""
    try:
        import nbgrader  # noqa: F401

        from . import sandbox
        if sandboxed:
            sandbox.check_available()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return ""


def _run_round(client, course_future, root, keys, feedback, max_seconds, limits, done, window) -> list:
    """Grade keys, at most `window` tasks in flight (default: twice the cluster's threads). Returns
    the keys whose every try ended with a dead worker (KilledWorker)."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    options = {"feedback": feedback, "max_seconds": max_seconds, "limits": limits}
    queue = list(keys)
    killed = []
    pending = as_completed(loop=client.loop)
    futures = {}

    def capacity():
        if window is not None:
            return window
        threads = sum(client.nthreads().values()) or 1
        return max(MIN_WINDOW, WINDOW_PER_THREAD * threads)

    def submit():
        while queue and len(futures) < capacity():
            student, topic = queue.pop(0)
            files = _read_folder(root / "submitted" / student / topic)
            future = client.submit(_grade_task, course_future, student, topic, files,
                                   _extension_seconds(root, topic, student), options,
                                   key=f"grade-{student}-{topic}-{uuid.uuid4().hex[:8]}", pure=False,
                                   retries=RETRIES)
            futures[future] = (student, topic)
            pending.add(future)

    submit()
    for future in pending:
        key = futures.pop(future)
        try:
            payload = future.result()
        except KilledWorker:
            killed.append(key)
        except Exception as error:  # the task itself failed on every try: name it, go on
            done(key, problem=f"could not be graded on the cluster: {type(error).__name__}: {error}")
        else:
            done(key, payload)
        future.release()
        submit()
    return killed


def _read_folder(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _write_folder(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = folder / rel
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            raise ValueError(f"refusing to write {rel!r} outside {folder}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


_EXTENSIONS: dict[tuple[str, str], float] = {}


def _extension_seconds(root: Path, topic: str, student: str) -> float:
    """The student's extension on topic in the course's gradebook, in seconds (0: none)."""
    return _EXTENSIONS.get((student, topic), 0.0)


def _load_extensions(root: Path) -> None:
    from nbgrader.api import Gradebook

    from . import grading

    _EXTENSIONS.clear()
    config = grading._load_config(str(root))
    with contextlib.chdir(root), Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                if sub.extension:
                    _EXTENSIONS[(sub.student_id, assignment.name)] = sub.extension.total_seconds()


def _copy_assignment(gb, out, topic: str) -> None:
    """Copy one assignment's definition (not its submissions) from gradebook gb into out."""
    assignment = gb.find_assignment(topic)
    out.update_or_create_assignment(topic, duedate=assignment.duedate)
    for nb in assignment.notebooks:
        out.update_or_create_notebook(nb.name, topic, kernelspec=nb.kernelspec)
        for cell in nb.grade_cells:
            out.update_or_create_grade_cell(cell.name, nb.name, topic, max_score=cell.max_score,
                                            cell_type=cell.cell_type)
        for cell in nb.solution_cells:
            out.update_or_create_solution_cell(cell.name, nb.name, topic)
        for cell in nb.task_cells:
            out.update_or_create_task_cell(cell.name, nb.name, topic, max_score=cell.max_score,
                                           cell_type=cell.cell_type)
        for cell in nb.source_cells:
            out.update_or_create_source_cell(cell.name, nb.name, topic, cell_type=cell.cell_type, locked=cell.locked,
                                             source=cell.source, checksum=cell.checksum)


def _course_payload(root: Path, scratch: Path, todo: list[tuple[str, str]]) -> dict:
    """Every file a worker needs to grade, and a gradebook holding only the assignments."""
    from nbgrader.api import Gradebook

    from . import grading
    from .notebooks import topics as source_topics

    grading._install_gradebook_lock(grading._lock_path(root))
    _load_extensions(root)
    files: dict[str, bytes] = {"nbgrader_config.py": (root / "nbgrader_config.py").read_bytes()}
    for name in ("source", "release"):
        for topic in source_topics(root):
            for rel, data in _read_folder(root / name / topic).items():
                files[f"{name}/{topic}/{rel}"] = data
    header = root / "source" / "header.ipynb"
    if header.is_file():
        files["source/header.ipynb"] = header.read_bytes()
    # the assignments' gradebook: a copy of what the course's gradebook knows of each topic (its
    # notebooks, cells, locked sources and due date), so that the worker restores locked cells and
    # counts points exactly as local grading does
    topics = sorted({topic for _, topic in todo})
    copy = scratch / "course-for-workers"
    copy.mkdir(parents=True, exist_ok=True)
    config = grading._load_config(str(root))
    with contextlib.chdir(root), Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb, \
            Gradebook("sqlite:///" + str(copy / "gradebook.db"), config.CourseDirectory.course_id) as out:
        for topic in topics:
            _copy_assignment(gb, out, topic)
    files["gradebook.db"] = (copy / "gradebook.db").read_bytes()
    digest = hashlib.sha256()
    for rel in sorted(files):
        digest.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    return {"digest": digest.hexdigest()[:16], "files": files}


class _Writer:
    """Writes one graded submission into the course: gradebook and autograded/ through nbgrader's
    Autograde without execution, then feedback/."""

    def __init__(self, root: Path, scratch: Path, feedback: bool):
        self.root, self.feedback = root, feedback
        self.inbox = scratch / "returned"
        self._apis = {}

    def api(self, graded: bool):
        if graded not in self._apis:
            from nbgrader.preprocessors import AssignLatePenalties, CheckCellMetadata, SaveAutoGrades

            from . import grading

            steps = [SaveAutoGrades, AssignLatePenalties, CheckCellMetadata] if graded else [_not_graded_class()]
            with contextlib.chdir(self.root):
                self._apis[graded] = grading._api(self.root, **{
                    "CourseDirectory.submitted_directory": str(self.inbox),
                    "Autograde.sanitize_preprocessors": [],
                    "Autograde.autograde_preprocessors": steps})
        return self._apis[graded]

    def write(self, key: tuple[str, str], payload: dict):
        from . import grading

        student, topic = key
        result = grading.Result(**payload["result"])
        folder = self.inbox / student / topic
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        # graded on the worker: its executed notebooks; not graded: the submission as it is, so that
        # nbgrader records it (and fails on it) as local grading does
        _write_folder(folder, payload["autograded"] if result.ok else _read_folder(self.root / "submitted" / student / topic))
        try:
            with contextlib.chdir(self.root), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SQLAlchemy's notes on nbgrader's sessions (a worker's log holds them)
                out = self.api(result.ok).autograde(topic, student, force=True, create=True)
            if result.ok and not out.get("success"):
                result.ok = False
                result.problems.append("graded on the cluster, but the gradebook could not be written: "
                                       + grading._error_line(out.get("error", ""), out.get("log", "")))
            if result.ok and self.feedback:
                target = self.root / "feedback" / student / topic
                shutil.rmtree(target, ignore_errors=True)
                _write_folder(target, payload["feedback"])
        except Exception as error:  # never let one submission stop the class
            result.ok = False
            result.problems.append(f"graded on the cluster, but writing it failed: {type(error).__name__}: {error}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return result


def _not_graded_class():
    from nbgrader.preprocessors import NbGraderPreprocessor

    class NotGraded(NbGraderPreprocessor):
        """Stops nbgrader's Autograde after it recorded the submission (a submission the worker could
        not grade): the gradebook ends as local grading leaves it."""

        def preprocess(self, nb, resources):
            raise RuntimeError("not graded on the cluster")

    return NotGraded


# --- the worker ---------------------------------------------------------------------------------

_LOCK = threading.Lock()
_WORKER: dict = {}


def _grade_task(course: dict, student: str, topic: str, files: dict[str, bytes], extension: float,
                options: dict) -> dict:
    """Runs on a Dask worker: grade one submission in a private course copy; return what the
    client writes."""
    from . import grading

    with _LOCK:
        root = _worker_course(course, options)
        for name in ("submitted", "autograded", "feedback"):
            shutil.rmtree(root / name / student / topic, ignore_errors=True)
        _write_folder(root / "submitted" / student / topic, files)
        _set_extension(root, topic, student, extension)
        grading._set_budget(options["max_seconds"])
        # as local grading kills a worker that does not come back long after the budget: this worker
        # process ends, the scheduler counts a death (the task is tried again, then given up)
        watchdog = None
        if options["max_seconds"]:
            watchdog = threading.Timer(options["max_seconds"] + grading.KILL_GRACE, os._exit, args=(71,))
            watchdog.daemon = True
            watchdog.start()
        try:
            result = grading.grade_one(student, topic)
        finally:
            if watchdog is not None:
                watchdog.cancel()
        payload = {"result": asdict(result),
                   "autograded": _read_folder(root / "autograded" / student / topic),
                   "feedback": _read_folder(root / "feedback" / student / topic) if options["feedback"] else {},
                   "worker": _worker_address(), "pid": os.getpid()}
        for name in ("submitted", "autograded", "feedback"):
            shutil.rmtree(root / name / student / topic, ignore_errors=True)
        return payload


def _worker_address() -> str:
    with contextlib.suppress(Exception):
        from distributed import get_worker

        return get_worker().address
    return f"pid {os.getpid()}"


def _worker_course(course: dict, options: dict) -> Path:
    """This worker's private course for this run (built once, reused by the next tasks)."""
    from . import grading

    key = (course["digest"], options["feedback"], repr(options["limits"]))
    if _WORKER.get("key") == key:
        return _WORKER["root"]
    if _WORKER.get("root"):
        shutil.rmtree(_WORKER["root"], ignore_errors=True)
    if options["limits"] is not None:  # a worker without the sandbox refuses (the task is tried elsewhere)
        from . import sandbox

        sandbox.check_available()
    root = Path(tempfile.mkdtemp(prefix="course-worker-"))
    _write_folder(root, course["files"])
    # the private copy's own sqlite gradebook, whatever this machine's NBGRADER_DB_URL says
    os.environ["NBGRADER_DB_URL"] = "sqlite:///" + str(root / "gradebook.db")
    grading._worker_init(str(root), None, options["feedback"], options["limits"])
    _WORKER.update(key=key, root=root)
    return root


def _set_extension(root: Path, topic: str, student: str, seconds: float) -> None:
    """The student's extension from the course's gradebook, in the private one (for feedback)."""
    from nbgrader.api import Gradebook

    from . import grading

    config = grading._load_config(str(root))
    with contextlib.chdir(root), Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb:
        gb.update_or_create_student(student)
        gb.update_or_create_submission(topic, student)
        gb.grant_extension(topic, student, minutes=seconds / 60.0)


def describe(stats: dict) -> str:
    """One paragraph on what the cluster did, for the command's output."""
    written = stats.get("written", 0)
    lines = [f"graded on the Dask cluster: {written} results written by {len(stats.get('workers', ()))} "
             f"worker(s), {stats.get('duplicates', 0)} duplicate(s) ignored; the client writes "
             f"{stats.get('write_seconds', 0.0) / max(1, written):.3f} s per submission"]
    if stats.get("suspects"):
        lines.append(f"graded again alone after their workers died: {', '.join('/'.join(k) for k in stats['suspects'])}")
    if stats.get("given_up"):
        lines.append(f"given up: {', '.join('/'.join(k) for k in stats['given_up'])}")
    return "; ".join(lines)
