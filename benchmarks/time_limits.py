"""How much room the hidden tests' time limits leave, on both sides (a script, not a test).

    .venv/bin/python benchmarks/time_limits.py [topic ...]

A complexity check (`with time_limit(seconds, ...)` in a hidden cell) must let every correct
answer through with room to spare and stop every answer of the wrong complexity by a wide margin,
on this machine and on a slower or faster one. For every exercise whose hidden tests hold such a
check, this runs the reference solution and every planted answer of tests/wrong_answers/ with the
limits *recorded instead of enforced* (the harness's 20 s of CPU per cell still applies: a ratio
marked >= was cut there), and prints the CPU seconds each used inside each check, as a ratio to
the check's limit.

Goals: every correct answer at most 0.25x of the limit; every wrong answer that exceeds its limit
(the ones the check is there for) at least 2x of it. Exit status 1 when a goal is missed.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("MPLBACKEND", "Agg")

from tqdm import tqdm  # noqa: E402

import harness  # noqa: E402
import utils.testing  # noqa: E402
import wrong_answers  # noqa: E402
from course.notebooks import exercises, topics  # noqa: E402

CORRECT_AT_MOST = 0.25
TOO_SLOW_AT_LEAST = 2.0


def _recording(log: Path):
    @contextlib.contextmanager
    def time_limit(seconds, what="the call"):
        start = time.process_time()
        try:
            yield
        finally:
            with open(log, "a", encoding="utf-8") as out:
                out.write(json.dumps({"limit": seconds, "what": what, "used": time.process_time() - start}) + "\n")
    return time_limit


def _measure(job):
    """CPU seconds of each time-limited block when (topic, exercise) runs with the answer in place."""
    topic, exercise, name, correct, source = job
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "limits.jsonl"
        utils.testing.time_limit = _recording(log)  # the harness forks: its child imports this one
        outcome = harness.run_answer(topic, exercise, source)
        records = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return topic, exercise, name, correct, records, outcome.setup_error


def jobs(selected: list[str]):
    for topic in selected:
        bank = wrong_answers.load(topic)
        for ex in exercises(harness.load_source(topic)):
            if not any("time_limit(" in cell.source for cell in ex.hidden):
                continue
            yield topic, ex.grade_id, "reference", True, None
            for answer in bank.answers if bank else []:
                if answer.exercise == ex.grade_id:
                    yield topic, ex.grade_id, answer.name, answer.correct, answer.source


def main(argv: list[str]) -> int:
    selected = argv or topics()
    work = list(jobs(selected))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(tqdm(pool.map(_measure, work), total=len(work), desc="answers", unit="answer"))

    print(f"\n{'exercise':38} {'answer':28} {'kind':7} {'check':44} {'limit s':>7} {'CPU s':>7} {'ratio':>6}")
    missed = []
    for topic, exercise, name, correct, records, error in results:
        if error:
            print(f"{topic}/{exercise:30} {name:28} could not run: {error[:80]}")
            continue
        for record in records:
            ratio = record["used"] / record["limit"]
            # stopped by the harness's per-cell limit: the ratio is a lower bound
            capped = record["used"] >= 0.99 * harness.CELL_TIMEOUT
            kind = "correct" if correct else "wrong"
            flag = ""
            if correct and ratio > CORRECT_AT_MOST:
                flag = f"  <- correct answer above {CORRECT_AT_MOST}x"
            elif not correct and 1 < ratio < TOO_SLOW_AT_LEAST and not capped:
                flag = f"  <- too-slow answer under {TOO_SLOW_AT_LEAST}x"
            if flag:
                missed.append(f"{topic}/{exercise} {name}: {ratio:.2f}x")
            shown = f"{'>=' if capped else '':>2}{ratio:.2f}"
            print(f"{topic + '/' + exercise:38} {name:28} {kind:7} {record['what'][:44]:44} "
                  f"{record['limit']:7g} {record['used']:7.3f} {shown:>6}{flag}")
    correct_ratios = [r["used"] / r["limit"] for *_, c, recs, e in results if c and not e for r in recs]
    slow_ratios = [r["used"] / r["limit"] for *_, c, recs, e in results if not c and not e for r in recs
                   if r["used"] > r["limit"]]
    print(f"\nslowest correct answer: {max(correct_ratios):.2f}x its limit (goal <= {CORRECT_AT_MOST}x)")
    if slow_ratios:
        print(f"fastest too-slow answer: {min(slow_ratios):.2f}x its limit (goal >= {TOO_SLOW_AT_LEAST}x)")
    for line in missed:
        print("missed:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
