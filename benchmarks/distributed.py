"""Benchmark: a synthetic class graded locally and on a Dask cluster of 1 and 2 workers.

    .venv/bin/python benchmarks/distributed.py [--n 500] [--topic rain_water] [--feedback]

The class is N submissions of one topic with the mix of benchmarks/grading.py (perfect 40 %,
partial 17 %, raising 10 %, blank 13 %, invalid JSON 7 %, edited locked cells 10 %, endless loop
3 %), copied into three temporary courses and graded, on this machine, by

1. `python -m course grade TOPIC -j 2` (local grading, two worker processes);
2. the same command with `--scheduler` on a cluster of one `dask worker --nthreads 1`;
3. the same on a cluster of two such workers (a scheduler and its workers started with the
   `dask` command line, as tests/test_distributed.py does).

Printed: wall time, throughput (submissions per minute) and the ratio to local grading; the
worker-seconds per submission (grades.csv); the client's cost of writing one result (gradebook,
autograded/, feedback/; the command reports it); and the scheduler's own overhead per task,
measured apart: 400 tasks that do nothing, and 100 that carry a submission's bytes, on the
2-worker cluster. From these, what 10,000 and 100,000 submissions take on N machines (the
assumptions are printed with the table). Nothing in the repository is written.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# this file's name would hide Dask's `distributed` package: take benchmarks/ off the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))


def _load_grading_benchmark():
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmark_grading", HERE / "grading.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_bench = _load_grading_benchmark()  # benchmarks/grading.py: the class's mix and how it is built
MIX, build_class, course_copy, env = _bench.MIX, _bench.build_class, _bench.course_copy, _bench.env

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def dask_cluster(folder: Path, workers: int):
    """`dask scheduler` and `workers` x `dask worker --nthreads 1`, torn down on exit."""
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = []
    e = dict(env(), TMPDIR=str(folder))

    def start(name, args):
        with open(folder / f"{name}.log", "ab") as log:
            procs.append(subprocess.Popen(args, cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=e,
                                          start_new_session=True))
    try:
        start("scheduler", [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                            "--no-dashboard"])
        for i in range(workers):
            start(f"w{i + 1}", [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard",
                                "--name", f"w{i + 1}", "--local-directory", str(folder / f"w{i + 1}")])
        from distributed import Client

        deadline = time.monotonic() + 120
        while True:
            try:
                with Client(address, timeout=5, set_as_default=False) as client:
                    client.wait_for_workers(workers, timeout=180)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(15)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)


def grade(course: Path, topic: str, feedback: bool, *extra: str) -> tuple[float, str]:
    args = [sys.executable, "-m", "course", "grade", topic, "--root", str(course), "--quiet", *extra]
    if not feedback:
        args.append("--no-feedback")
    start = time.perf_counter()
    run = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env())
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
    return seconds, run.stderr


def worker_seconds(course: Path) -> list[float]:
    with open(course / "grades.csv", encoding="utf-8") as f:
        return [float(r["seconds"]) for r in csv.DictReader(f)]


def _noop(x):
    return x


def scheduler_overhead(address: str, payload: bytes) -> tuple[float, float]:
    """Seconds per task of the scheduler round trip: (empty tasks, tasks carrying payload)."""
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        client.submit(_noop, 0, pure=False).result()  # warm up
        start = time.perf_counter()
        client.gather([client.submit(_noop, i, pure=False) for i in range(400)])
        empty = (time.perf_counter() - start) / 400
        start = time.perf_counter()
        futures = [client.submit(len, payload + str(i).encode(), pure=False) for i in range(100)]
        client.gather(futures)
        carrying = (time.perf_counter() - start) / 100
    return empty, carrying


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="submissions in the synthetic class (default 500)")
    parser.add_argument("--topic", default="rain_water")
    parser.add_argument("--feedback", action="store_true", help="also write feedback (default: grades only)")
    parser.add_argument("--cores", type=int, default=8, help="grading workers per machine in the scale table")
    args = parser.parse_args(argv)
    if args.n < len(MIX):
        parser.error(f"--n must be at least {len(MIX)} (one submission of each kind)")
    runs = {}
    with tempfile.TemporaryDirectory(prefix="course-bench-dask-") as tmp:
        tmp = Path(tmp)
        courses = {name: course_copy(tmp / name, args.topic) for name in ("local", "dask-1", "dask-2")}
        who = build_class(args.topic, args.n, courses["local"])
        for name in ("dask-1", "dask-2"):
            build_class(args.topic, args.n, courses[name])
        mix = {label: sum(1 for v in who.values() if v == label) for _, label, _ in MIX}
        load = [os.getloadavg()[0]]
        runs["local -j 2"] = grade(courses["local"], args.topic, args.feedback, "-j", "2") + (courses["local"],)
        print(f"local -j 2:        {runs['local -j 2'][0]:7.1f} s", flush=True)
        for workers in (1, 2):
            name = f"dask, {workers} worker{'s' if workers > 1 else ''}"
            with dask_cluster(tmp / f"cluster-{workers}", workers) as address:
                runs[name] = grade(courses[f"dask-{workers}"], args.topic, args.feedback, "--scheduler", address) \
                    + (courses[f"dask-{workers}"],)
                print(f"{name}: {runs[name][0]:7.1f} s", flush=True)
                if workers == 2:
                    sample = next((courses["local"] / "submitted").glob(f"*/{args.topic}/{args.topic}.ipynb"))
                    sample_kib = sample.stat().st_size // 1024
                    empty, carrying = scheduler_overhead(address, sample.read_bytes())
        load.append(os.getloadavg()[0])
        per_sub = {name: statistics.mean(worker_seconds(course)) for name, (_, _, course) in runs.items()}

    n = args.n
    base = runs["local -j 2"][0]
    print()
    print(f"class: N={n} submissions of {args.topic}: " + ", ".join(f"{k} {v}" for k, v in mix.items()))
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} before, {load[1]:.1f} after; "
          f"feedback {'written' if args.feedback else 'not written'}")
    print(f"{'':22s}{'wall s':>8s}{'subs/min':>10s}{'vs local':>10s}{'worker-s/sub':>14s}{'client write s/sub':>20s}")
    writes = {}
    for name, (seconds, stderr, _) in runs.items():
        match = re.search(r"client writes ([0-9.]+) s per submission", stderr)
        writes[name] = float(match.group(1)) if match else None
        shown = f"{writes[name]:.3f}" if writes[name] is not None else "-"
        print(f"{name:22s}{seconds:8.1f}{n / seconds * 60:10.1f}{base / seconds:9.2f}x{per_sub[name]:14.2f}{shown:>20s}")
    print(f"scheduler overhead per task (2 workers): {empty * 1000:.1f} ms empty, {carrying * 1000:.1f} ms carrying "
          f"a {sample_kib} KiB submission")

    # --- what a large class would take ---------------------------------------------------------
    cost = per_sub["dask, 2 workers"]          # worker-seconds per submission, on this machine
    write = writes["dask, 2 workers"] or 0.0   # the client's share, sequential
    print()
    print(f"scale (computed, not measured): {args.cores} grading workers per machine, each "
          f"{cost:.2f} worker-s per submission (this topic mix, measured above), the client writing "
          f"{write:.3f} s per submission to sqlite one after another, the scheduler {carrying * 1000:.1f} ms per task; "
          f"hours = max(submissions x {cost:.2f} / (machines x {args.cores}), submissions x client write, "
          f"submissions x scheduler overhead) / 3600")
    print(f"{'submissions':>12s}" + "".join(f"{m:>10d} m" for m in (1, 5, 10, 50)))
    for total in (10_000, 100_000):
        cells = []
        for machines in (1, 5, 10, 50):
            hours = max(total * cost / (machines * args.cores), total * write, total * carrying) / 3600
            cells.append(f"{hours:9.1f} h")
        print(f"{total:12d}" + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
