"""Benchmark: what the grading sandbox costs one submission.

    .venv/bin/python benchmarks/sandbox_overhead.py [--topic rain_water] [--rounds 2] [STUDENT ...]

One worker process grades the same demo submissions (default ada, ben, cho) alternately with
and without the sandbox (course.grading.grade_one, as `python -m course grade` does in each
worker), in rounds whose order alternates (with, without; then without, with), so that a
change of load during the run falls on both sides. Grading runs one submission at a time, so
the figure is per submission and does not depend on the number of cores. The kernel guard
runs on both sides (it does not need the sandbox), so the difference is the sandbox alone:
bubblewrap's start, the private copy of the folder, the cgroups and the limits.

Printed: seconds per submission with and without, the difference per submission and as a share
(goal: at most 0.3 s or 10 %, whichever is larger). Nothing in the repository is written.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("students", nargs="*", default=["ada", "ben", "cho"])
    parser.add_argument("--topic", default="rain_water")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    from grading import course_copy

    from course import grading, sandbox

    sandbox.check_available()
    with tempfile.TemporaryDirectory(prefix="course-sandbox-cost-") as tmp:
        course = course_copy(Path(tmp) / "course", args.topic)
        for student in args.students:
            shutil.copytree(ROOT / "submitted" / student / args.topic, course / "submitted" / student / args.topic)
        grading._prepare_gradebook(course, [args.topic])
        grading._worker_init(str(course), None, False, asdict(sandbox.Limits()))
        grading._set_budget(grading.DEFAULT_MAX_SECONDS)
        seconds = {True: [], False: []}
        for number in range(args.rounds):
            for boxed in ((True, False) if number % 2 == 0 else (False, True)):
                sandbox.SETTINGS.limits = sandbox.Limits() if boxed else None
                for student in args.students:
                    start = time.perf_counter()
                    result = grading.grade_one(student, args.topic)
                    seconds[boxed].append(time.perf_counter() - start)
                    if not result.ok:
                        raise SystemExit(f"{student}: {result.problems}")
                    print(f"{student:6s} {'sandbox' if boxed else 'no sandbox':10s} {seconds[boxed][-1]:7.2f} s",
                          flush=True)
    n = len(seconds[True])
    with_box, without = sum(seconds[True]) / n, sum(seconds[False]) / n
    cost = with_box - without
    ok = cost <= max(0.3, 0.10 * without)
    print(f"\n{n} gradings each: {with_box:.2f} s per submission in the sandbox, {without:.2f} s without: "
          f"{cost:+.2f} s ({cost / without:+.1%}); goal <= 0.3 s or 10 %, the larger: {'met' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
