"""Build the demo class in submitted/ from source/, release/ and the bank of planted answers.

``python -m course.demo_class`` rewrites submitted/; ``--check`` only compares (a test runs it).
For every topic the class has six students:

  ada  every answer right (the reference solutions)
  ben  submitted the release untouched
  cho  passes every visible test, fails a hidden check (the bank's "partial" answer)
  dev  one answer raises an exception (the bank's "raises" answer)
  fay  the notebook is not valid JSON (the file was cut off)
  gus  edited a locked test cell to `pass` and deleted another, with the "raises" answer

one topic (LOOPS_TOPIC, pandas_tasks) has one more, for answers that never return:

  eli  one answer loops forever (the bank's "loops" answer): its exercise's first test cell runs
       into the per-cell timeout and the later ones into a 5 s one, which costs a minute of
       grading, so only in this topic

and one topic (COPY_TOPIC, coding_questions) has two more, for ``python -m course similarity``:

  hal  every answer right; one of them (COPY_EXERCISE) is the bank's correct "two_ended" answer,
       written with its input check and its neighbour loop as helper functions
  ida  handed in hal's answer to that exercise with every name changed, the helpers in another
       order, other comments and another layout; the reference answers elsewhere

and one topic (LATE_TOPIC, rain_water) has one more, for deadlines and late penalties:

  kim  every answer right, handed in KIM_HANDED_IN: three started days after the topic's due date
       in nbgrader_config.py, so nbgrader's AssignLatePenalties takes the course's penalty

Every submission has nbgrader's timestamp.txt (as ``nbgrader collect`` writes it): HANDED_IN,
before every due date of nbgrader_config.py, except kim's.
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path

import nbformat

from . import ROOT
from .notebooks import (SOLUTION_BEGIN, SOLUTION_END, exercises, has_hidden, nbgrader_meta, release_path, source_path,
                        topics)

STUDENTS = {
    "ada": "every answer right",
    "ben": "submitted the release untouched",
    "cho": "passes every visible test, fails a hidden one",
    "dev": "one answer raises an exception",
    "fay": "the notebook is not valid JSON",
    "gus": "edited one locked test cell and deleted another",
}

# Two students who copied one answer (only in this topic, to keep grading time low).
COPY_TOPIC = "coding_questions"
COPY_EXERCISE = "shortest_transformation"
COPIERS = {
    "hal": f"every answer right; {COPY_EXERCISE} is a correct answer of his own, with helper functions",
    "ida": f"copied hal's {COPY_EXERCISE}: names changed, helpers reordered, comments and layout changed",
}
# hal's answer: the bank's correct "two_ended" answer (tests/wrong_answers/coding_questions.py), with the
# input check and the one-letter neighbours moved into helpers, as a student would write it.
HAL_ANSWER = '''\
def _check_words(begin_word, end_word, word_list):
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError("begin_word and end_word must be strings")
    if not isinstance(word_list, (list, tuple, set, frozenset)):
        raise TypeError(f"word_list must be a list of strings, got {type(word_list).__name__}")
    if not all(isinstance(w, str) for w in word_list):
        raise TypeError("word_list must hold strings only")


def _neighbours(word, alphabet):
    """Every word one letter away from word (including word itself)."""
    for i in range(len(word)):
        for c in alphabet:
            yield word[:i] + c + word[i + 1:]


def shortest_transformation(begin_word, end_word, word_list):
    _check_words(begin_word, end_word, word_list)
    if begin_word == end_word:
        return 1
    words = {w for w in word_list if len(w) == len(begin_word)}
    if end_word not in words:
        return 0
    alphabet = set("".join(words))
    # grow the smaller frontier, from both ends
    front, back = {begin_word}, {end_word}
    words -= {begin_word, end_word}
    count = 2
    while front and back:
        if len(front) > len(back):
            front, back = back, front
        grown = set()
        for word in front:
            for nxt in _neighbours(word, alphabet):
                if nxt in back:
                    return count
                if nxt in words:
                    words.discard(nxt)
                    grown.add(nxt)
        front = grown
        count += 1
    return 0
'''
# ida's copy: the same code with every name she could change renamed, the helpers below the main
# function and in the other order, her own comments and line breaks.
IDA_ANSWER = '''\
def shortest_transformation(begin_word, end_word, word_list):
    # check the input first
    validate_input(begin_word, end_word, word_list)
    if begin_word == end_word:
        return 1
    pool = {s for s in word_list
            if len(s) == len(begin_word)}
    if end_word not in pool:
        return 0
    letters = set(''.join(pool))

    left, right = {begin_word}, {end_word}
    pool -= {begin_word, end_word}
    steps = 2
    while left and right:
        if len(left) > len(right):  # always expand the smaller side
            left, right = right, left
        new_level = set()
        for current in left:
            for candidate in one_letter_away(current, letters):
                if candidate in right:
                    return steps
                if candidate in pool:
                    pool.discard(candidate)
                    new_level.add(candidate)
        left = new_level
        steps += 1
    return 0


def one_letter_away(w, letters):
    for pos in range(len(w)):
        for ch in letters:
            yield w[:pos] + ch + w[pos + 1:]


def validate_input(begin_word, end_word, word_list):
    if not isinstance(begin_word, str) or not isinstance(end_word, str):
        raise TypeError('begin_word and end_word have to be str')
    if not isinstance(word_list, (list, tuple, set, frozenset)):
        raise TypeError(f'word_list should be a list of strings, not {type(word_list).__name__}')
    if not all(isinstance(item, str) for item in word_list):
        raise TypeError('only strings are allowed in word_list')
'''


# A student whose answer never returns (only in this topic: every cell of the exercise, the visible
# tests and each hidden check, waits for the per-cell timeout).
LOOPS_TOPIC = "pandas_tasks"
LOOPS = {"eli": "one answer loops forever"}


# A student who handed one topic in late (only in this topic, to keep grading time low).
LATE_TOPIC = "rain_water"
LATE = {"kim": "every answer right, handed in three days after the due date"}
# timestamp.txt, in nbgrader collect's format. The demo's due dates are in nbgrader_config.py
# (rain_water: 2026-12-15 23:59 UTC); kim's time is 2 days 20 hours after it: three started days.
HANDED_IN = "2026-12-14 18:00:00.000000 UTC"
KIM_HANDED_IN = "2026-12-18 20:00:00.000000 UTC"


def students(topic: str) -> dict[str, str]:
    """{student: what they handed in} for one topic."""
    return {**STUDENTS, **(COPIERS if topic == COPY_TOPIC else {}), **(LATE if topic == LATE_TOPIC else {}),
            **(LOOPS if topic == LOOPS_TOPIC else {})}


def handed_in(student: str, topic: str) -> str:
    """The demo submission's timestamp.txt."""
    return KIM_HANDED_IN if (student, topic) == ("kim", LATE_TOPIC) else HANDED_IN


def _bank(topic: str):
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import wrong_answers
        return wrong_answers.load(topic)
    finally:
        sys.path.remove(str(ROOT / "tests"))


def _strip_markers(src: str) -> str:
    return "\n".join(l for l in src.splitlines() if l.strip() not in (SOLUTION_BEGIN, SOLUTION_END))


def _cell(nb, grade_id):
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def _solved(topic: str, root: Path):
    """The release with every answer cell holding the reference solution."""
    release = nbformat.read(str(release_path(topic, root)), as_version=4)
    source = nbformat.read(str(source_path(topic, root)), as_version=4)
    for cell in source.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution"):
            _cell(release, meta["grade_id"]).source = _strip_markers(cell.source)
    return release


def _with_answer(nb, answer):
    nb = copy.deepcopy(nb)
    cell = _cell(nb, answer.exercise)
    cell.source = answer.source.rstrip()
    return nb


def _with_source(nb, grade_id, source):
    nb = copy.deepcopy(nb)
    _cell(nb, grade_id).source = source.rstrip()
    return nb


def build(topic: str, root: Path = ROOT) -> dict[str, str]:
    """Return {student: notebook text} for one topic."""
    bank = _bank(topic)
    solved = _solved(topic, root)
    release = nbformat.read(str(release_path(topic, root)), as_version=4)

    def pick(role):
        chosen = bank.demo(role) if bank else []
        if not chosen:
            raise ValueError(f"tests/wrong_answers/{topic}.py needs an answer marked demo={role!r}")
        return chosen[0]

    out = {
        "ada": solved,
        "ben": release,
        "cho": _with_answer(solved, pick("partial")),
        "dev": _with_answer(solved, pick("raises")),
    }
    if topic == LOOPS_TOPIC:
        out["eli"] = _with_answer(solved, pick("loops"))
    gus = _with_answer(solved, pick("raises"))
    target = next(e for e in exercises(nbformat.read(str(source_path(topic, root)), as_version=4))
                  if e.grade_id == pick("raises").exercise)
    _cell(gus, target.visible[0].metadata.nbgrader.grade_id).source = "# this test kept failing, so I switched it off\npass"
    source = nbformat.read(str(source_path(topic, root)), as_version=4)
    hidden_ids = {nbgrader_meta(c)["grade_id"] for c in source.cells if nbgrader_meta(c).get("grade") and has_hidden(c)}
    last_hidden = [c for c in gus.cells if nbgrader_meta(c).get("grade_id") in hidden_ids][-1]
    gus.cells.remove(last_hidden)
    out["gus"] = gus
    if topic == COPY_TOPIC:
        out["hal"] = _with_source(solved, COPY_EXERCISE, HAL_ANSWER)
        out["ida"] = _with_source(solved, COPY_EXERCISE, IDA_ANSWER)
    if topic == LATE_TOPIC:
        out["kim"] = solved
    texts = {name: nbformat.writes(nb) + "\n" for name, nb in out.items()}
    texts["fay"] = texts["ada"][: len(texts["ada"]) // 2]  # cut off mid-file: invalid JSON
    return texts


def expected_scores(topic: str, root: Path = ROOT, late_penalty: bool = True) -> dict[str, float]:
    """Designed autograde scores: what each student must get. With late_penalty (the default), the
    final score: the raw score less the penalty that nbgrader_config.py's deadlines section gives
    for the student's timestamp.txt; without it, the raw score."""
    bank = _bank(topic)
    source = nbformat.read(str(source_path(topic, root)), as_version=4)
    by_id = {e.grade_id: e for e in exercises(source)}
    auto_max = sum(e.points for e in by_id.values())
    partial = bank.demo("partial")[0]
    lost_partial = sum(float(nbgrader_meta(c)["points"]) for c in by_id[partial.exercise].hidden
                       if _fails_cell(partial, nbgrader_meta(c)["grade_id"]))
    lost_raises = by_id[bank.demo("raises")[0].exercise].points
    scores = {"ada": auto_max, "ben": 0.0, "cho": auto_max - lost_partial, "dev": auto_max - lost_raises,
              "fay": 0.0, "gus": auto_max - lost_raises}
    if topic == LOOPS_TOPIC:
        scores.update(eli=auto_max - by_id[bank.demo("loops")[0].exercise].points)
    if topic == COPY_TOPIC:
        scores.update(hal=auto_max, ida=auto_max)  # a copied correct answer still passes every test
    if topic == LATE_TOPIC:
        scores.update(kim=auto_max)
    if late_penalty:
        scores = {student: raw - _penalty(student, topic, raw, root) for student, raw in scores.items()}
    return scores


def _fails_cell(answer, grade_id: str) -> bool:
    """Whether a planted answer loses this hidden cell: the checks it declares (``fails=``), or
    every hidden cell when it declares none."""
    from .checks import split_grade_id

    if not answer.fails:
        return True
    split = split_grade_id(grade_id)
    return split is not None and split[1] in answer.fails


def _penalty(student: str, topic: str, raw: float, root: Path) -> float:
    from nbgrader.utils import parse_utc

    from . import deadlines
    from .grading import _load_config

    config = _load_config(str(root))
    rule, due = deadlines.check(config, topics(root))
    if due.get(topic) is None:
        return 0.0
    late = (parse_utc(handed_in(student, topic)) - due[topic]).total_seconds()
    return rule.penalty(raw, max(0.0, late))


def write(root: Path = ROOT, target: Path | None = None) -> None:
    target = target or root / "submitted"
    for topic in topics(root):
        for student, text in build(topic, root).items():
            path = target / student / topic / f"{topic}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            (path.parent / "timestamp.txt").write_text(handed_in(student, topic) + "\n", encoding="utf-8")


def _generated(folder: Path) -> list[Path]:
    return sorted([*folder.rglob("*.ipynb"), *folder.rglob("timestamp.txt")])


def differences(root: Path = ROOT) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        write(root, Path(tmp))
        fresh = {p.relative_to(tmp): p.read_bytes() for p in _generated(Path(tmp))}
    committed = {p.relative_to(root / "submitted"): p.read_bytes() for p in _generated(root / "submitted")}
    problems = [f"submitted/{p} is missing" for p in sorted(set(fresh) - set(committed))]
    problems += [f"submitted/{p} is not part of the demo class" for p in sorted(set(committed) - set(fresh))]
    problems += [f"submitted/{p} differs from what course.demo_class builds" for p in sorted(set(fresh) & set(committed))
                 if fresh[p] != committed[p]]
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report differences")
    args = parser.parse_args(argv)
    if args.check:
        problems = differences()
        print("\n".join(problems) or "submitted/ is up to date")
        return 1 if problems else 0
    write()
    print(f"wrote the demo class for {', '.join(topics())} into submitted/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
