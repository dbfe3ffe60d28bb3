"""Release, autograde and report: the course's main job, built on nbgrader's Python API.

Autograding runs in parallel worker processes (one nbgrader start-up per worker, not
per submission). Kernels run side by side; every opening of the gradebook is
serialized by a file lock, so sqlite is never written by two processes at once.
A broken submission is reported with the student's name and never stops the others.
submitted/ is only read.
"""
from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import ROOT
from .notebooks import topics as source_topics

LOCK_NAME = ".gradebook.lock"


# --- the gradebook lock (installed in every worker) ---------------------------------------------

def _install_gradebook_lock(lock_path: Path) -> None:
    """Make every nbgrader Gradebook hold an exclusive file lock while it is open."""
    from nbgrader import api

    if getattr(api.Gradebook, "_course_locked", False):
        return
    state = {"depth": 0, "fd": None}
    original_init, original_close = api.Gradebook.__init__, api.Gradebook.close

    def acquire():
        if state["depth"] == 0:
            fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
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


_API = None


def _worker_init(root: str) -> None:
    global _API
    os.chdir(root)
    sys.path.insert(0, root)
    import course  # noqa: F401  (puts this Python's bin/ on PATH for nbgrader's alembic call)
    from nbgrader.apps import NbGraderAPI

    _install_gradebook_lock(Path(root) / LOCK_NAME)
    _API = NbGraderAPI(config=_load_config(root))


def _load_config(root: str):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=root).load_config()


def _first_error_line(text: str) -> str:
    lines = [l.strip() for l in (text or "").splitlines() if l.strip()]
    for line in reversed(lines):
        if "Error" in line or "Exception" in line or "invalid" in line.lower():
            return line[:300]
    return lines[-1][:300] if lines else "unknown error"


def _locked_cell_notes(student: str, topic: str) -> list[str]:
    """Compare the submission's locked cells with the release: edited or deleted ones."""
    notes = []
    for release_nb in sorted((Path.cwd() / "release" / topic).glob("*.ipynb")):
        submitted = Path.cwd() / "submitted" / student / topic / release_nb.name
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
        for cell in nb.get("cells", []):
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "?")
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error" and out.get("ename") == "CellTimeoutError":
                    notes.append(f"cell {grade_id} of {path.name} ran out of time and was stopped")
    return notes


def grade_one(student: str, topic: str) -> Result:
    """Autograde and write feedback for one submission (runs inside a worker)."""
    start = time.perf_counter()
    result = Result(student, topic)
    try:
        out = _API.autograde(topic, student, force=True, create=True)
        if not out.get("success"):
            result.problems.append(f"could not be graded: {_first_error_line(out.get('error', '') + out.get('log', ''))}")
        else:
            result.ok = True
            result.problems += _locked_cell_notes(student, topic)
            result.problems += _notes_from_notebooks(Path.cwd() / "autograded" / student / topic)
            fb = _API.generate_feedback(topic, student, force=True)
            if not fb.get("success"):
                result.problems.append(f"feedback failed: {_first_error_line(fb.get('error', ''))}")
    except Exception as error:  # never let one submission stop the class
        result.problems.append(f"grading crashed: {type(error).__name__}: {error}")
    result.seconds = time.perf_counter() - start
    return result


# --- the commands -------------------------------------------------------------------------------

def release(root: Path = ROOT, topics: list[str] | None = None) -> dict[str, str]:
    """Regenerate release/<topic>/ from source/ with nbgrader generate_assignment."""
    _worker_init(str(root))
    errors = {}
    for topic in topics or source_topics(root):
        out = _API.generate_assignment(topic, force=True, create=True)
        if not out.get("success"):
            errors[topic] = _first_error_line(out.get("error", "") + out.get("log", ""))
    return errors


def submissions(root: Path, topics: list[str]) -> list[tuple[str, str]]:
    found = []
    for student_dir in sorted((root / "submitted").iterdir()):
        if not student_dir.is_dir():
            continue
        for topic in topics:
            if (student_dir / topic).is_dir():
                found.append((student_dir.name, topic))
    return found


def autograde(root: Path = ROOT, topics: list[str] | None = None, workers: int | None = None,
              progress: bool = True) -> list[Result]:
    """Grade every submission of the given topics (default: all) in parallel."""
    topics = topics or source_topics(root)
    todo = submissions(root, topics)
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    _prepare_gradebook(root, topics)
    results: list[Result] = []
    from tqdm import tqdm

    bar = tqdm(total=len(todo), desc="autograding", unit="submission", disable=not progress, file=sys.stderr)
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(str(root),),
                             mp_context=_spawn()) as pool:
        futures = {pool.submit(grade_one, s, t): (s, t) for s, t in todo}
        for future in as_completed(futures):
            student, topic = futures[future]
            try:
                result = future.result()
            except Exception as error:  # a worker died: report it, keep the others
                result = Result(student, topic, problems=[f"grading crashed: {type(error).__name__}: {error}"])
            results.append(result)
            bar.set_postfix_str(f"{student}/{topic}")
            bar.update()
    bar.close()
    _fill_scores(root, results)
    return sorted(results, key=lambda r: (r.student, r.topic))


def _spawn():
    import multiprocessing

    return multiprocessing.get_context("spawn")


def _prepare_gradebook(root: Path, topics: list[str]) -> None:
    """Make sure every assignment is in the gradebook (generate_assignment records it)."""
    from nbgrader.api import Gradebook, MissingEntry

    _worker_init(str(root))
    config = _load_config(str(root))
    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb:
        missing = []
        for topic in topics:
            try:
                gb.find_assignment(topic)
            except MissingEntry:
                missing.append(topic)
    if missing:
        errors = release(root, missing)
        if errors:
            raise RuntimeError(f"could not release {errors}")


def _fill_scores(root: Path, results: list[Result]) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    config = _load_config(str(root))
    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.course_id) as gb:
        for r in results:
            assignment = gb.find_assignment(r.topic)
            r.max_score = float(assignment.max_score)
            if not r.ok:
                r.score = 0.0
                continue
            try:
                r.score = float(gb.find_submission(r.topic, r.student).score)
            except MissingEntry:
                r.ok = False
                r.problems.append("no grade was recorded")


def write_csv(results: list[Result], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "topic", "score", "max_score", "graded", "problems"])
        for r in results:
            writer.writerow([r.student, r.topic, f"{r.score:g}", f"{r.max_score:g}", "yes" if r.ok else "no",
                             "; ".join(r.problems)])


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
            row.append(f"{r.score:g}/{r.max_score:g}" + ("" if r.ok else " !"))
            total += r.score
            top += r.max_score
        row.append(f"{total:g}/{top:g}")
        rows.append(row)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths))  # noqa: E731
    lines = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]
    problems = [f"  {r.student} / {r.topic}: {p}" for r in results for p in r.problems]
    if problems:
        lines += ["", "Problems (! = not graded, scored 0):"] + problems
    return "\n".join(lines)


def clean_outputs(root: Path) -> None:
    """Empty autograded/ and feedback/ (keeping their README) and drop the gradebook."""
    for name in ("autograded", "feedback"):
        folder = root / name
        for child in folder.iterdir() if folder.exists() else []:
            if child.name == "README.md":
                continue
            if child.is_dir():
                shutil.rmtree(child, onerror=_make_writable_and_retry)
            else:
                child.unlink()
    for name in ("gradebook.db", LOCK_NAME):
        with contextlib.suppress(FileNotFoundError):
            (root / name).unlink()


def _make_writable_and_retry(func, path, _exc_info):
    os.chmod(path, 0o755)
    parent = os.path.dirname(path)
    os.chmod(parent, 0o755)
    func(path)


def results_as_json(results: list[Result]) -> str:
    return json.dumps([asdict(r) for r in results], indent=1)
