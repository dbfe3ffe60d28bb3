"""utils.complexity: the verdict for every reference answer of the exercises that state a complexity
(and for every exercise of rain_water and coding_questions), for the planted answers of the wrong
complexity, and the same verdicts on a machine whose both cores are kept busy.

Run as a script (``.venv/bin/python tests/test_complexity.py``) to print every verdict with its
exponent and the CPU time it took.
"""
from __future__ import annotations

import multiprocessing
import random
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # wrong_answers, when run as a script
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import wrong_answers  # noqa: E402
from course.notebooks import reference_namespace  # noqa: E402
from utils.complexity import CLASSES, check_complexity  # noqa: E402

pytestmark = [pytest.mark.alone]  # the loaded-machine test starts two busy processes: run it alone

BUDGET = 1.0   # CPU seconds per check


def _heights(n):
    rng = random.Random(n)
    return ([rng.randint(0, 999) for _ in range(n)],)


def _digits(n):
    rng = random.Random(n)
    return ("1" + "".join(rng.choice("0123456789") for _ in range(n - 1)) + ".5e-3",)


def _linked(ns):
    def make(n):
        return (ns["LinkedList"].from_values(range(n)), -1)
    return make


def _rotation(n):
    rng = random.Random(n)
    a = "".join(rng.choice("ab") for _ in range(n))
    return (a, a[n // 3:] + a[: n // 3])


def _dictionary(n):
    rng = random.Random(n)
    d = {f"k{i}": [rng.choice("abcd") for _ in range(3)] for i in range(n)}
    d[f"k{n - 1}"] = ["z", "a", "b"]
    return (d, "z")


def _words(n):
    """n five-letter words along a random walk (each one letter from the one before): one connected web."""
    rng = random.Random(n)
    word, words = list("aaaaa"), {"aaaaa"}
    while len(words) < n:
        word[rng.randrange(5)] = rng.choice("abcdefghij")
        words.add("".join(word))
    return ("aaaaa", "zzzzz", sorted(words) + ["zzzzz"])   # nothing reaches zzzzz: the whole web is searched


def _two_strings(n):
    rng = random.Random(n)
    return tuple("".join(rng.choice("ACGT") for _ in range(n)) for _ in range(2))


def _sorted(n):
    return (list(range(0, 2 * n, 2)), n + 0.5, 2)


def _labels_scores(n):
    rng = random.Random(n)
    y = [i % 2 for i in range(n)]
    return (y, [rng.random() for _ in range(n)])


def _long_gap(n):
    return ([7] + [None] * (n - 1),)


def _doubling(start, count):
    return [start * 2 ** i for i in range(count)]


@dataclass(frozen=True)
class Case:
    topic: str
    exercise: str
    expected: str
    sizes: tuple
    make: Callable        # make(namespace) -> make_input(n)
    stated: bool = True   # the statement asks for this complexity (else: only what the reference shows)


LINEAR = tuple(_doubling(1000, 6))   # 1,000 .. 32,000
CASES = [
    Case("rain_water", "trap_brute_force", "O(n^2)", tuple(_doubling(50, 6)), lambda ns: _heights, stated=False),
    Case("rain_water", "trap", "O(n)", LINEAR, lambda ns: _heights),
    Case("rain_water", "trap_two_pointers", "O(n)", LINEAR, lambda ns: _heights),
    Case("rain_water", "water_levels", "O(n)", LINEAR, lambda ns: _heights),
    # n: the position of the secret PIN
    Case("coding_questions", "crack_pin", "O(n)", (31, 62, 125, 250, 500, 1000),
         lambda ns: (lambda n: ((lambda pin, secret=f"{n - 1:03d}": pin == secret),)), stated=False),
    Case("coding_questions", "digit_accumulator", "O(n)", LINEAR, lambda ns: _digits, stated=False),
    Case("coding_questions", "search_list", "O(n)", LINEAR, _linked, stated=False),
    Case("coding_questions", "is_shift", "O(n)", tuple(_doubling(4000, 7)), lambda ns: _rotation, stated=False),
    Case("coding_questions", "closest_key", "O(n)", LINEAR, lambda ns: _dictionary, stated=False),
    Case("coding_questions", "shortest_transformation", "O(n)", tuple(_doubling(250, 6)), lambda ns: _words),
    Case("coding_questions", "longest_common_subsequence", "O(n^2)", tuple(_doubling(25, 6)), lambda ns: _two_strings),
    Case("coding_questions", "lcs_length", "O(n^2)", tuple(_doubling(25, 6)), lambda ns: _two_strings),
    Case("coding_questions", "closest_elements", "O(log n)", tuple(1000 * 4 ** i for i in range(6)), lambda ns: _sorted),
    Case("ml_concepts", "roc_auc", "O(n log n)", LINEAR, lambda ns: _labels_scores),
    Case("preprocessing", "fill_none", "O(n)", LINEAR, lambda ns: _long_gap),
]

# planted answers of the wrong complexity (tests/wrong_answers), found by what their `why` says
SLOW_WORDS = ("o(n^2)", "o(n_pos * n_neg)", "quadratic", "exponential", "n reads", "every pair", "walks back")


@lru_cache(maxsize=None)
def _namespace(topic: str) -> dict:
    return reference_namespace(topic)


def _function(case: Case, answer=None) -> Callable:
    namespace = dict(_namespace(case.topic))
    if answer is not None:
        exec(compile(answer.source, f"<{answer.id}>", "exec"), namespace)
    return namespace[case.exercise], namespace


def slow_answers():
    by_exercise = {(c.topic, c.exercise): c for c in CASES}
    found = []
    for topic in sorted({c.topic for c in CASES}):
        for answer in wrong_answers.load(topic).answers:
            if (not answer.correct and (topic, answer.exercise) in by_exercise
                    and any(word in answer.why.lower() for word in SLOW_WORDS) and "space" not in answer.why):
                found.append((by_exercise[(topic, answer.exercise)], answer))
    return found


def correct_answers():
    """The alternative correct answers of the same exercises: they must pass too."""
    by_exercise = {(c.topic, c.exercise): c for c in CASES}
    return [(by_exercise[(t, a.exercise)], a) for t in sorted({c.topic for c in CASES})
            for a in wrong_answers.load(t).answers
            if a.correct and (t, a.exercise) in by_exercise and by_exercise[(t, a.exercise)].stated]


def run(case: Case, answer=None):
    func, namespace = _function(case, answer)
    return check_complexity(func, case.make(namespace), list(case.sizes), expected=case.expected,
                            budget=BUDGET, fail=False)


def _label(case, answer=None):
    return f"{case.topic}::{case.exercise}" + (f"::{answer.name}" if answer else "")


# --- the checker on functions whose class is known ------------------------------------------------

def _linear(xs):
    total = 0
    for x in xs:
        total += x
    return total


def _n_log_n(xs):
    return sorted(xs, key=lambda x: -x)


def _quadratic(xs):
    count = 0
    for i in range(len(xs)):
        for j in range(i):
            count += xs[i] < xs[j]
    return count


def _constant(xs):
    return xs[len(xs) // 2]


@pytest.mark.parametrize("func,sizes,looks_like", [
    (_constant, _doubling(1000, 6), "O(1) or O(log n)"),
    (_linear, _doubling(1000, 7), "O(n)"),
    (_n_log_n, _doubling(1000, 7), "O(n)"),          # a logarithmic factor is within what timing can tell apart
    (_quadratic, _doubling(50, 6), "O(n²)"),
])
def test_known_classes(func, sizes, looks_like):
    result = check_complexity(func, _heights, sizes, budget=BUDGET)
    assert result.looks_like == looks_like, f"{func.__name__}: {result}"
    assert result.ok is None and result.verdict == f"{func.__name__}: looks like {looks_like}."


def test_verdict_sentences_and_failure():
    fine = check_complexity(_linear, _heights, _doubling(1000, 6), expected="O(n)", budget=BUDGET)
    assert fine.ok and fine.verdict == "_linear: looks like O(n), as the statement asks.", fine
    better = check_complexity(_constant, _heights, _doubling(1000, 6), expected="O(n)", budget=BUDGET)
    assert better.ok and better.verdict == "_constant: looks like O(1) or O(log n), within the O(n) the statement asks."
    with pytest.raises(AssertionError, match=r"^_quadratic: looks like O\(n²\); the statement asks for O\(n\)\.\n"):
        check_complexity(_quadratic, _heights, _doubling(50, 6), expected="O(n)", budget=BUDGET)


def test_a_runaway_call_is_stopped_within_the_budget():
    def exponential(xs):
        return sum(1 for _ in __import__("itertools").product(range(2), repeat=len(xs)))
    start = time.process_time()
    result = check_complexity(exponential, lambda n: ([0] * n,), [4, 8, 16, 32, 64], expected="O(n^2)",
                              budget=1.0, fail=False)
    assert time.process_time() - start < 2.5, "the check ran far past its budget"
    assert result.ok is False and "the statement asks for O(n²)" in result.verdict, result


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="at least 4 sizes"):
        check_complexity(_linear, _heights, [10, 100, 1000])
    with pytest.raises(ValueError, match="span at least a factor of 10"):
        check_complexity(_linear, _heights, [100, 200, 300, 400])
    with pytest.raises(ValueError, match="increasing"):
        check_complexity(_linear, _heights, [100, 50, 1000, 2000])
    with pytest.raises(ValueError, match="expected must be one of"):
        check_complexity(_linear, _heights, _doubling(100, 5), expected="O(2^n)")
    with pytest.raises(TypeError, match="must return a tuple of arguments"):
        check_complexity(_linear, lambda n: [0] * n, _doubling(100, 5))
    with pytest.raises(TypeError, match="func must be a function"):
        check_complexity("trap", _heights, _doubling(100, 5))
    assert set(CLASSES) == {"O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n²)", "O(n³)"}


# --- the course's exercises -----------------------------------------------------------------------

def _busy(stop):
    while not stop.is_set():
        pass


def _all_verdicts() -> dict:
    out = {_label(case): run(case) for case in CASES}
    out.update({_label(case, answer): run(case, answer) for case, answer in slow_answers()})
    return out


@pytest.fixture(scope="module")
def quiet():
    """Every reference answer and every slow planted answer, measured once (the later tests share it)."""
    return _all_verdicts()


@pytest.mark.parametrize("case", CASES, ids=_label)
def test_reference_answers_meet_their_complexity(quiet, case):
    result = quiet[_label(case)]
    assert result.ok, f"the reference answer: {result}"


def test_the_planted_slow_answers_are_all_found():
    found = {_label(c, a) for c, a in slow_answers()}
    assert found >= {"rain_water::trap::quadratic", "coding_questions::shortest_transformation::all_pairs",
                     "coding_questions::longest_common_subsequence::exhaustive",
                     "coding_questions::closest_elements::linear_scan", "coding_questions::closest_elements::copies_to_list",
                     "ml_concepts::roc_auc::all_pairs_loop", "preprocessing::fill_none::walks_back"}, found


@pytest.mark.parametrize("case,answer", slow_answers(), ids=lambda v: getattr(v, "name", None) or _label(v))
def test_planted_slow_answers_fail(quiet, case, answer):
    result = quiet[_label(case, answer)]
    assert result.ok is False, f"{answer.id} ({answer.why}) passed: {result}"
    assert f"the statement asks for {result.expected}" in result.verdict


@pytest.mark.parametrize("case,answer", correct_answers(), ids=lambda v: getattr(v, "name", None) or _label(v))
def test_planted_correct_answers_pass(case, answer):
    result = run(case, answer)
    assert result.ok, f"{answer.id} ({answer.why}) failed: {result}"


def test_same_verdicts_with_both_cores_busy(quiet):
    stop = multiprocessing.Event()
    workers = [multiprocessing.Process(target=_busy, args=(stop,), daemon=True) for _ in range(2)]
    for worker in workers:
        worker.start()
    try:
        loaded = _all_verdicts()
    finally:
        stop.set()
        for worker in workers:
            worker.join(5)
            if worker.is_alive():
                worker.kill()
    different = [f"{key}: quiet {quiet[key].verdict!r} (p={quiet[key].exponent}), "
                 f"loaded {loaded[key].verdict!r} (p={loaded[key].exponent})"
                 for key in quiet if (quiet[key].ok, quiet[key].verdict) != (loaded[key].ok, loaded[key].verdict)]
    assert not different, "verdicts changed under load:\n" + "\n".join(different)


if __name__ == "__main__":
    for case, answer in [(c, None) for c in CASES] + slow_answers() + correct_answers():
        wall = time.perf_counter()
        result = run(case, answer)
        p = "-" if result.exponent is None else f"{result.exponent:.2f}"
        print(f"{_label(case, answer):62s} ok={str(result.ok):5s} p={p:5s} {result.fitted_class or '-':10s} "
              f"cpu={result.cpu_seconds:4.2f} wall={time.perf_counter() - wall:4.2f}  {result.verdict}"
              + (f"  [{result.stopped}]" if result.stopped else ""))
