"""For maintainers: which hidden checks each planted answer of a topic fails.

    .venv/bin/python tests/checks_report.py TOPIC [EXERCISE]

Prints one line per planted answer: its id, the checks it fails now, and the ``fails=`` it
declares (tests/test_planted.py requires the two to be equal). Use it while splitting an
exercise's hidden tests into checks, then read every line: a mistake should fail the check
whose hint explains it (a missing input check fails only ``validation``).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import harness  # noqa: E402
import wrong_answers  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    topic, only = argv[0], (argv[1] if len(argv) > 1 else None)
    bank = wrong_answers.load(topic)
    if bank is None:
        print(f"no tests/wrong_answers/{topic}.py")
        return 2
    for answer in bank.answers:
        if only and answer.exercise != only:
            continue
        outcome = harness.run_answer(topic, answer.exercise, answer.source)
        got = sorted(outcome.failed_checks())
        declared = sorted(answer.fails or ())
        kind = "correct" if answer.correct else ("interview" if answer.interview else "wrong")
        mark = "" if (answer.correct and not got and outcome.visible_passed) or (not answer.correct and got == declared) else "   <-- differs"
        visible = "" if outcome.visible_passed else " (visible FAIL)"
        print(f"{answer.id:70s} {kind:9s} fails {got}{visible} declared {declared}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
