"""For maintainers: after gating checks with utils.testing.count_only_if_right, add to every
planted wrong answer's ``fails=`` the checks it now loses only because they are not counted.

    .venv/bin/python tests/fails_update.py TOPIC

Rewrites tests/wrong_answers/TOPIC.py in place and prints what it changed; an answer whose
other failures differ from what it declares is printed, never changed (read it by hand).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import harness  # noqa: E402
import wrong_answers  # noqa: E402
from course.checks import split_grade_id  # noqa: E402


def main(topic: str) -> int:
    bank = wrong_answers.load(topic)
    path = Path(__file__).resolve().parent / "wrong_answers" / f"{topic}.py"
    text = path.read_text(encoding="utf-8")
    for answer in bank.answers:
        if answer.correct:
            continue
        outcome = harness.run_answer(topic, answer.exercise, answer.source)
        not_counted = {split_grade_id(c.grade_id)[1] for c in outcome.cells
                       if c.hidden and not c.passed and c.error.startswith("NotCounted")}
        real = outcome.failed_checks() - not_counted
        declared = set(answer.fails or ())
        if not not_counted - declared:
            continue
        if real != declared - not_counted:
            print(f"REVIEW {answer.id}: fails {sorted(real)} (+ not counted {sorted(not_counted)}), declares {sorted(declared)}")
            continue
        new = tuple(sorted(declared | not_counted))
        # the answer's decorator: its name is unique within an exercise
        pattern = re.compile(r"""(bank\.(?:wrong|raw)\(\s*["']""" + re.escape(answer.exercise) + r"""["'],\s*["']"""
                             + re.escape(answer.name) + r"""["'].*?fails=)(\([^)]*\))""", re.S)
        text, n = pattern.subn(lambda m: m.group(1) + repr(new), text, count=1)
        print(f"{'updated' if n else 'NOT FOUND'} {answer.id}: fails={new}")
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
