"""Benchmark: autograding a class of 60 with serial `nbgrader autograde` and with `python -m course grade`.

    .venv/bin/python benchmarks/grading.py [--topic rain_water] [--size 60] [-j N] [--feedback]

A synthetic class of SIZE submissions of one topic is built from the demo class's archetypes
(perfect, partial, raising, blank, invalid JSON, edited locked cells, endless loop) and
copied into two temporary courses. In one run, on the same machine:

1. serial:   `nbgrader autograde TOPIC` (one command grades the whole class, one after another);
2. parallel: `python -m course grade TOPIC -j N --no-feedback` (the course's command, grades only,
             every kernel in the sandbox), and the same with `--no-sandbox`: the sandbox's cost;
3. floor:    for every submission, a bare kernel starts, runs the same code (the notebook
             with its locked cells restored, as graded) with the same per-cell timeout, and stops;
             no nbgrader. This is the least any grader can pay per submission.
   With --feedback, also nbgrader generate_feedback after 1 and the course command with feedback.

Printed ratios (goals from issue 7):
  speed-up       = serial wall time / parallel wall time                         (goal >= 1.7)
  cost vs floor  = parallel worker-seconds per submission / floor seconds per submission
                 = (parallel wall x workers / SIZE) / (floor wall / SIZE)          (goal <= 1.5)
  sandbox cost   = (parallel wall - parallel wall without sandbox) x workers / SIZE, in seconds and
                   as a share of the run without the sandbox      (goal <= 0.3 s or <= 10 %, the larger)
Nothing in the repository is written: everything happens in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

# archetype (demo student) -> share of the class
MIX = [("ada", "perfect", 0.40), ("cho", "partial", 0.17), ("dev", "raises", 0.10), ("ben", "blank", 0.13),
       ("fay", "invalid JSON", 0.07), ("gus", "edited locked cells", 0.10), ("eli", "endless loop", 0.03)]


def build_class(topic: str, size: int, dest: Path) -> dict[str, str]:
    """Write submitted/<sNN>/<topic>/ into dest; return {student: archetype}."""
    counts = [max(1, round(size * share)) for _, _, share in MIX]
    counts[0] += size - sum(counts)
    kinds = [i for i, n in enumerate(counts) for _ in range(n)]
    random.Random(7).shuffle(kinds)
    who = {}
    for number, kind in enumerate(kinds, 1):
        demo, label, _ = MIX[kind]
        student = f"s{number:02d}"
        src = ROOT / "submitted" / demo / topic
        if not src.is_dir():
            raise SystemExit(f"submitted/{demo}/{topic} is missing: build the demo class first "
                             "(python -m course.demo_class)")
        shutil.copytree(src, dest / "submitted" / student / topic)
        who[student] = label
    return who


def course_copy(dest: Path, topic: str) -> Path:
    """A course with every topic's source and release (nbgrader_config.py names them all, e.g. in
    its due dates) and submissions of none; the benchmark adds submissions of `topic`."""
    dest.mkdir(parents=True)
    for name in ("source", "release"):
        for folder in sorted((ROOT / name).iterdir()):
            if folder.is_dir():
                shutil.copytree(folder, dest / name / folder.name)
    shutil.copy(ROOT / "source" / "header.ipynb", dest / "source" / "header.ipynb")
    shutil.copy(ROOT / "nbgrader_config.py", dest)
    return dest


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PATH"] = str(Path(sys.executable).parent) + os.pathsep + e.get("PATH", "")
    e.pop("NBGRADER_DB_URL", None)
    e.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return e


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    run = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env())
    seconds = time.perf_counter() - start
    if run.returncode not in (0, 1):  # nbgrader autograde exits 1 when one notebook is invalid JSON
        raise SystemExit(f"{' '.join(args)} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return seconds


def floor(graded: Path, topic: str, timeout: int) -> tuple[float, dict[str, float]]:
    """A bare kernel per submission running the graded code; returns (seconds, {student: seconds})."""
    import nbformat
    from nbclient import NotebookClient

    notebooks = sorted(graded.glob(f"autograded/*/{topic}/*.ipynb"))
    each: dict[str, float] = {}
    start = time.perf_counter()
    devnull, saved = os.open(os.devnull, os.O_WRONLY), os.dup(2)
    os.dup2(devnull, 2)  # the kernels' start-up warnings
    try:
        for path in notebooks:
            began = time.perf_counter()
            nb = nbformat.read(str(path), as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
                           error_on_timeout={"ename": "CellTimeoutError", "evalue": "", "traceback": []},
                           extra_arguments=["--HistoryManager.hist_file=:memory:"],
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            each[path.parts[-3]] = time.perf_counter() - began
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)
    return time.perf_counter() - start, each


def per_submission(parallel: Path) -> dict[str, float]:
    """{student: seconds a worker spent on the submission} from the course command's grades.csv."""
    import csv

    with open(parallel / "grades.csv", encoding="utf-8") as f:
        return {row["student"]: float(row["seconds"]) for row in csv.DictReader(f)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topic", default="rain_water")
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--feedback", action="store_true", help="also compare with feedback written")
    args = parser.parse_args(argv)
    bindir = Path(sys.executable).parent
    from course.grading import _load_config

    timeout = int(_load_config(str(ROOT)).Execute.timeout)

    with tempfile.TemporaryDirectory(prefix="course-benchmark-") as tmp:
        tmp = Path(tmp)
        serial, parallel = course_copy(tmp / "serial", args.topic), course_copy(tmp / "parallel", args.topic)
        nobox = course_copy(tmp / "nobox", args.topic)
        who = build_class(args.topic, args.size, serial)
        shutil.copytree(serial / "submitted", parallel / "submitted")
        shutil.copytree(serial / "submitted", nobox / "submitted")
        # both gradebooks start with the assignment registered (not timed)
        subprocess.run([str(bindir / "nbgrader"), "generate_assignment", args.topic, "--force"], cwd=serial,
                       capture_output=True, check=True, env=env())
        shutil.copy(serial / "gradebook.db", parallel / "gradebook.db")
        shutil.copy(serial / "gradebook.db", nobox / "gradebook.db")
        mix = {label: sum(1 for v in who.values() if v == label) for _, label, _ in MIX}
        load_before = os.getloadavg()

        t_serial = timed([str(bindir / "nbgrader"), "autograde", args.topic, "--force"], serial)
        print(f"serial nbgrader autograde:   {t_serial:7.1f} s", flush=True)
        t_parallel = timed([sys.executable, "-m", "course", "grade", args.topic, "--root", str(parallel),
                            "-j", str(args.workers), "--no-feedback", "--quiet"], ROOT)
        print(f"python -m course grade -j {args.workers}: {t_parallel:7.1f} s", flush=True)
        t_nobox = timed([sys.executable, "-m", "course", "grade", args.topic, "--root", str(nobox),
                         "-j", str(args.workers), "--no-feedback", "--quiet", "--no-sandbox"], ROOT)
        print(f"the same, --no-sandbox:      {t_nobox:7.1f} s", flush=True)
        ours_each = per_submission(parallel)
        t_floor, floor_each = floor(serial, args.topic, timeout)
        kernels = len(floor_each)
        print(f"floor (bare kernels):        {t_floor:7.1f} s for {kernels} notebooks", flush=True)
        if args.feedback:
            t_serial_fb = timed([str(bindir / "nbgrader"), "generate_feedback", args.topic, "--force"], serial)
            t_parallel_fb = timed([sys.executable, "-m", "course", "grade", args.topic, "--root", str(parallel),
                                   "-j", str(args.workers), "--quiet"], ROOT)
        load_after = os.getloadavg()

    n = args.size
    speedup = t_serial / t_parallel
    cost = t_parallel * args.workers / n
    floor_cost = t_floor / n
    print()
    print(f"class: {n} submissions of {args.topic}: " + ", ".join(f"{k} {v}" for k, v in mix.items()))
    print(f"machine: {os.cpu_count()} cores, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after; "
          f"Execute.timeout {timeout} s; workers {args.workers}")
    print(f"{'':34s}{'wall s':>9s}{'s/submission':>14s}")
    print(f"{'serial nbgrader autograde':34s}{t_serial:9.1f}{t_serial / n:14.2f}")
    print(f"{'python -m course grade -j ' + str(args.workers):34s}{t_parallel:9.1f}{t_parallel / n:14.2f}"
          f"   ({cost:.2f} worker-s per submission)")
    print(f"{'the same, --no-sandbox':34s}{t_nobox:9.1f}{t_nobox / n:14.2f}")
    print(f"{'floor: bare kernel, same code':34s}{t_floor:9.1f}{floor_cost:14.2f}")
    if args.feedback:
        print(f"{'serial autograde + generate_feedback':34s}{t_serial + t_serial_fb:9.1f}"
              f"{(t_serial + t_serial_fb) / n:14.2f}")
        print(f"{'course grade with feedback':34s}{t_parallel_fb:9.1f}{t_parallel_fb / n:14.2f}")
    print()
    print(f"speed-up vs serial nbgrader: {speedup:.2f}x  (goal >= 1.7x: {'met' if speedup >= 1.7 else 'MISSED'})")
    box_cost = (t_parallel - t_nobox) * args.workers / n
    box_share = (t_parallel - t_nobox) / t_nobox
    box_ok = box_cost <= max(0.3, 0.10 * t_nobox * args.workers / n)
    print(f"sandbox cost per submission: {box_cost:+.2f} worker-s ({box_share:+.1%} of the run without it)  "
          f"(goal <= 0.3 s or 10 %, the larger: {'met' if box_ok else 'MISSED'})")
    print(f"per-submission cost vs floor: {cost / floor_cost:.2f}x  "
          f"(goal <= 1.5x: {'met' if cost / floor_cost <= 1.5 else 'MISSED'}; worker-seconds per submission / "
          f"bare-kernel seconds per submission)")
    print()
    print("per archetype, median seconds of one submission: the course command's worker (from grades.csv) "
          "and the bare kernel")
    import statistics

    print(f"{'archetype':22s}{'n':>4s}{'course':>9s}{'floor':>9s}{'ratio':>8s}")
    for _, label, _ in MIX:
        students = [s for s, v in who.items() if v == label]
        ours = [ours_each[s] for s in students if s in ours_each]
        bare = [floor_each[s] for s in students if s in floor_each]
        if not ours:
            continue
        line = f"{label:22s}{len(students):4d}{statistics.median(ours):9.2f}"
        line += f"{statistics.median(bare):9.2f}{statistics.median(ours) / statistics.median(bare):8.2f}" if bare \
            else f"{'-':>9s}{'-':>8s}   (not a notebook: no kernel runs)"
        print(line)
    runnable = [s for s, v in who.items() if v not in ("endless loop",) and s in floor_each and s in ours_each]
    if runnable:
        print(f"without the endless loops (whose cost is the 20 s cell timeout for both): cost vs floor "
              f"{sum(ours_each[s] for s in runnable) / sum(floor_each[s] for s in runnable):.2f}x "
              f"over {len(runnable)} submissions")
    if args.feedback:
        print(f"with feedback: speed-up {(t_serial + t_serial_fb) / t_parallel_fb:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
