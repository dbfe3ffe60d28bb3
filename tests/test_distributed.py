"""Grading on a real Dask cluster: `python -m course grade --scheduler tcp://...` (course/distributed.py).

Each test starts a scheduler and two workers with Dask's own command line (`.venv/bin/dask
scheduler`, `.venv/bin/dask worker --nthreads 1`, each in its own process group, on free ports, in
a temporary folder) and always tears them down, even when the test fails. The class is five
rain_water submissions of the demo class, one of every kind that takes a different path through
grading: ada (every answer right), cho (a hidden test fails), fay (not valid JSON), gus (edited and
deleted locked cells) and kim (three days late: the penalty comes from the course's gradebook).
The whole demo class is not graded: on two busy cores one rain_water submission costs 5 to 30 s,
and the other topics only repeat these paths more slowly.

1. every grade of every cell (tests/harness.py's GRADES_SQL), every row of grades.csv and every
   feedback page equal local grading (`-j 2`) of the same copy;
2. one worker is killed (SIGKILL to its process group, nanny included) while it grades, after the
   first result arrived: every submission is still graded, once, with the same grades;
3. a submission whose grading process dies on every worker (the test hook of course.grading,
   COURSE_GRADING_TEST_CRASH, set in the workers' environment; the scheduler allows 1 failure) is
   given up after 2 x 2 tries and named in the output and grades.csv; the others are graded.
"""
from __future__ import annotations

import contextlib
import csv
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course import ROOT
from harness import GRADES_SQL

pytestmark = [pytest.mark.slow, pytest.mark.alone, pytest.mark.xdist_group("distributed")]

pytest.importorskip("distributed", reason="dask.distributed is missing: `.venv/bin/pip install -r requirements.txt`")

BIN = Path(sys.executable).parent
TOPIC = "rain_water"
STUDENTS = ["ada", "cho", "fay", "gus", "kim"]
TIMEOUT = 900
# On two busy cores a hidden test that takes 2 s when quiet can pass nbgrader's 20 s per cell in one
# run and not in the other: both copies get a longer cell timeout and no per-submission budget, so
# that the machine's load cannot change a grade between the runs compared (as tests/test_hostile.py).
CELL_TIMEOUT = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.pop("NBGRADER_DB_URL", None)  # the copies use their own sqlite gradebook
    env.pop(grading_crash_env(), None)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env.update(extra)
    return env


def grading_crash_env() -> str:
    from course.grading import CRASH_ENV

    return CRASH_ENV


class Cluster:
    """A Dask scheduler and workers started from the command line, each in its own process group."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.procs: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []

    def start(self, workers: int = 2, worker_env: dict | None = None, scheduler_env: dict | None = None) -> None:
        port = _free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        self.scheduler = self._start("scheduler", [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port",
                                                   str(port), "--no-dashboard"], scheduler_env or {})
        self._wait_for_port(port)
        for i in range(workers):
            self.add_worker(f"w{i + 1}", worker_env or {})
        self.wait_for_workers(workers)

    def _start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "ab")
        proc = subprocess.Popen(args, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                env=_env(TMPDIR=str(self.folder), **env))
        log.close()
        self.procs.append(proc)
        return proc

    def add_worker(self, name: str, env: dict) -> None:
        (self.folder / name).mkdir(exist_ok=True)
        self.workers.append(self._start(name, [str(BIN / "dask"), "worker", self.address, "--nthreads", "1",
                                               "--no-dashboard", "--name", name, "--local-directory",
                                               str(self.folder / name), "--death-timeout", "60"], env))

    def _wait_for_port(self, port: int) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                return
            assert self.scheduler.poll() is None, f"dask scheduler exited:\n{self.log('scheduler')}"
            time.sleep(0.3)
        raise AssertionError(f"dask scheduler did not listen on {port} within 120 s:\n{self.log('scheduler')}")

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=60, set_as_default=False) as client:
            try:
                client.wait_for_workers(n, timeout=180)
            except TimeoutError:
                raise AssertionError(f"{n} dask workers did not join within 180 s:\n"
                                     + "\n".join(self.log(f"w{i + 1}") for i in range(n))) from None

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return f"--- {name}.log\n" + (path.read_text(errors="replace")[-3000:] if path.exists() else "(none)")

    def busy_worker(self) -> subprocess.Popen | None:
        """A worker whose process group holds a grading kernel right now (it is mid-task)."""
        import psutil

        for proc in self.workers:
            if proc.poll() is not None:
                continue
            with contextlib.suppress(psutil.Error):
                for child in psutil.Process(proc.pid).children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        if "ipykernel" in " ".join(child.cmdline()) or child.name() == "bwrap":
                            return proc
        return None

    def kill(self, proc: subprocess.Popen) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)

    def close(self) -> None:
        for proc in reversed(self.procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in self.procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)


@contextlib.contextmanager
def cluster(folder: Path, **kwargs):
    """A running cluster, torn down (every process group it started) however the test ends."""
    folder.mkdir(parents=True, exist_ok=True)
    started = Cluster(folder)
    try:
        started.start(**kwargs)
        yield started
    finally:
        started.close()


def _copy_course(dest: Path, students: list[str]) -> Path:
    dest.mkdir(parents=True)
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, dest / name)
    for student in students:
        shutil.copytree(ROOT / "submitted" / student / TOPIC, dest / "submitted" / student / TOPIC)
    shutil.copy(ROOT / "nbgrader_config.py", dest)
    with open(dest / "nbgrader_config.py", "a", encoding="utf-8") as f:
        f.write(f"\nc.Execute.timeout = {CELL_TIMEOUT}  # tests/test_distributed.py: see CELL_TIMEOUT there\n")
    return dest


def _grade(course: Path, *extra: str, popen: bool = False):
    args = [sys.executable, "-m", "course", "grade", TOPIC, "--root", str(course), "--quiet", "--max-seconds", "0",
            *extra]
    if popen:
        return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, env=_env())


def _grades(course: Path) -> dict[tuple, tuple]:
    with contextlib.closing(sqlite3.connect(course / "gradebook.db")) as db:
        rows = list(db.execute(GRADES_SQL))
    return {row[:4]: row[4:] for row in rows}


def _submissions(course: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(course / "gradebook.db")) as db:
        return sorted(db.execute("SELECT s.student_id, a.name FROM submitted_assignment s "
                                 "JOIN assignment a ON s.assignment_id = a.id"))


def _csv(course: Path) -> dict[tuple[str, str], dict]:
    with open(course / "grades.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["student"], r["topic"]) for r in rows]
    assert len(keys) == len(set(keys)), f"grades.csv holds a submission twice: {keys}"
    return {(r["student"], r["topic"]): {k: v for k, v in r.items() if k != "seconds"} for r in rows}


def _feedback(course: Path) -> dict[str, str]:
    """Feedback pages; a locked cell the student deleted comes back with a random cell id (nbgrader's
    OverwriteCells), different in every run, so cell ids are left out."""
    return {str(p.relative_to(course / "feedback")): re.sub(r'id="cell-id=[^"]*"', "", p.read_text(encoding="utf-8"))
            for p in sorted((course / "feedback").rglob("*.html"))}


def _same_grades(ours: dict, theirs: dict, what: str) -> None:
    missing, extra = sorted(set(theirs) - set(ours)), sorted(set(ours) - set(theirs))
    assert not missing and not extra, f"{what}: cells graded only locally {missing[:5]}, only on the cluster {extra[:5]}"
    different = {k: (theirs[k], ours[k]) for k in theirs if theirs[k] != ours[k]}
    assert not different, "\n".join([f"{what}: {len(different)} grade(s) differ ((auto, manual, needs_manual) "
                                      "local -> cluster):"]
                                     + [f"  {k[0]} {k[2]} {k[3]}: {a} -> {b}" for k, (a, b) in sorted(different.items())])


def _check_run(run, what: str) -> None:
    assert run.returncode == 0, f"{what}: exit {run.returncode}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The same class graded on this machine's cores."""
    course = _copy_course(tmp_path_factory.mktemp("local") / "course", STUDENTS)
    run = _grade(course, "-j", "2")
    _check_run(run, "local grading")
    ada = _csv(course)[("ada", TOPIC)]
    assert ada["graded"] == "yes" and ada["score"] == ada["max_score"], \
        f"ada's perfect {TOPIC} is not fully graded locally ({ada}): is the demo class stale? " \
        "(`python -m course release` and `python -m course.demo_class`)"
    return course


def test_cluster_grades_equal_local_grading(local, tmp_path):
    course = _copy_course(tmp_path / "course", STUDENTS)
    with cluster(tmp_path / "cluster") as c:
        start = time.perf_counter()
        run = _grade(course, "--scheduler", c.address)
        seconds = time.perf_counter() - start
        _check_run(run, "grading on the cluster")
        logs = c.log("w1") + c.log("w2")
    _same_grades(_grades(course), _grades(local), "cluster vs local")
    assert _submissions(course) == _submissions(local)
    assert _csv(course) == _csv(local), "grades.csv differs from local grading"
    assert _feedback(course) == _feedback(local), "feedback pages differ from local grading"
    assert sorted(p.name for p in (course / "autograded" / "ada" / TOPIC).iterdir()) == \
        sorted(p.name for p in (local / "autograded" / "ada" / TOPIC).iterdir())
    assert re.search(rf"{len(STUDENTS)} results written by [12] worker\(s\), 0 duplicate\(s\)", run.stderr), \
        run.stderr[-2000:] + logs
    print(f"{len(STUDENTS)} submissions on 2 dask workers: {seconds:.1f} s")


def test_a_worker_killed_mid_run_loses_nothing(local, tmp_path):
    course = _copy_course(tmp_path / "course", STUDENTS)
    with cluster(tmp_path / "cluster") as c:
        proc = _grade(course, "--scheduler", c.address, popen=True)
        try:
            killed = None
            deadline = time.monotonic() + TIMEOUT
            while killed is None and proc.poll() is None and time.monotonic() < deadline:
                if list((course / "feedback").glob(f"*/{TOPIC}/*.html")):  # the first result is written
                    victim = c.busy_worker()
                    if victim is not None:
                        c.kill(victim)
                        killed = victim
                time.sleep(0.2)
            stdout, stderr = proc.communicate(timeout=TIMEOUT)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert killed is not None, "no worker was busy grading after the first result: nothing was killed " \
                                   f"(the run ended first?)\n{stderr[-2000:]}"
    assert proc.returncode == 0, f"exit {proc.returncode}\n{stdout[-3000:]}\n{stderr[-3000:]}"
    _same_grades(_grades(course), _grades(local), "after a worker was killed")
    assert _submissions(course) == _submissions(local)
    assert _csv(course) == _csv(local), "grades.csv differs from local grading"
    # each result written once: the client counts what it wrote and what it ignored
    assert f"{len(STUDENTS)} results written" in stderr and "0 duplicate(s)" in stderr, stderr[-2000:]


def test_a_submission_that_kills_every_worker_is_given_up_and_named(local, tmp_path):
    students = ["ada", "gus", "kim"]
    course = _copy_course(tmp_path / "course", students)
    with cluster(tmp_path / "cluster", worker_env={grading_crash_env(): f"gus/{TOPIC}"},
                 scheduler_env={"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}) as c:
        run = _grade(course, "--scheduler", c.address)
        _check_run(run, "grading on the cluster")
        logs = c.log("w1") + c.log("w2")
    rows = _csv(course)
    assert rows[("gus", TOPIC)]["graded"] == "no"
    assert "given up after 4 tries" in rows[("gus", TOPIC)]["problems"], rows[("gus", TOPIC)]
    assert "gus / rain_water: given up after 4 tries" in run.stdout, run.stdout[-3000:]
    assert "given up: gus/rain_water" in run.stderr, run.stderr[-2000:]
    ours = {k: v for k, v in _grades(course).items() if k[0] != "gus"}
    theirs = {k: v for k, v in _grades(local).items() if k[0] in ("ada", "kim")}
    _same_grades(ours, theirs, "the others, beside a submission that kills its workers")
    for student in ("ada", "kim"):
        assert rows[(student, TOPIC)] == _csv(local)[(student, TOPIC)], logs[-3000:]


def test_an_unreachable_scheduler_is_named_and_nothing_is_graded(tmp_path):
    course = _copy_course(tmp_path / "course", ["ada"])
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    run = _grade(course, "--scheduler", address)
    assert run.returncode == 2, f"exit {run.returncode}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    assert f"cannot reach the Dask scheduler at {address}" in run.stderr, run.stderr[-2000:]
    assert not (course / "grades.csv").exists() and not (course / "gradebook.db").exists()
