"""The hidden tests, tested: the reference passes, the stub fails, every planted wrong
answer is rejected by the hidden tests alone, every alternative correct answer passes."""
from __future__ import annotations

import json

import pytest

import harness
from course.notebooks import nbgrader_meta
import wrong_answers
from conftest import TOPICS
from wrong_answers.gaming import equal_to_everything, frozen_result

BANKS = {topic: wrong_answers.load(topic) for topic in TOPICS}
EXERCISES = [(t, e) for t in TOPICS for e in harness.exercise_ids(t)]
ANSWERS = [a for bank in BANKS.values() if bank for a in bank.answers]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_exercise_has_planted_answers(topic):
    bank = BANKS[topic]
    assert bank is not None, f"tests/wrong_answers/{topic}.py is missing"
    for exercise in harness.exercise_ids(topic):
        wrong = [a for a in bank.answers if a.exercise == exercise and not a.correct]
        right = [a for a in bank.answers if a.exercise == exercise and a.correct]
        assert len(wrong) >= 3, f"{topic}/{exercise}: plant at least 3 realistic wrong answers (has {len(wrong)})"
        assert right, f"{topic}/{exercise}: plant at least one alternative correct answer"
    unknown = sorted({a.exercise for a in bank.answers} - set(harness.exercise_ids(topic)))
    assert not unknown, f"tests/wrong_answers/{topic}.py names exercises that do not exist: {unknown}"
    for role in ("partial", "raises", "loops"):
        assert len(bank.demo(role)) == 1, f"{topic}: mark exactly one answer demo={role!r}"


@pytest.mark.parametrize("topic", TOPICS)
def test_every_exercise_with_a_validation_check_has_an_interview_answer(topic):
    """Item 5 of #13: right answers written the way candidates write them (idiomatic, no input
    checks) must keep every point but the validation check's."""
    from course.checks import split_grade_id
    from course.notebooks import exercises

    missing = []
    for ex in exercises(harness.load_source(topic)):
        checks = {split_grade_id(nbgrader_meta(c)["grade_id"]) for c in ex.hidden}
        if (ex.grade_id, "validation") in checks and not any(
                a.interview and a.exercise == ex.grade_id for a in BANKS[topic].answers):
            missing.append(ex.grade_id)
    assert not missing, f"{topic}: plant a @bank.interview answer for {missing}"


def _assert_clear_of_the_clock(name, outcome):
    """A check that passes only just inside the harness's CPU limit would fail on a loaded machine
    (stop 20's CI: a right but slow k-means answer timed out in the random check): every passing cell
    stays under harness.PASS_MARGIN of the limit, so that a check is decided by the answer, not the load."""
    slow = outcome.near_the_limit()
    assert not slow, (f"{name}: {', '.join(f'{c.grade_id} took {c.cpu:.1f} s' for c in slow)} of user CPU, more than "
                      f"{harness.PASS_MARGIN:.0%} of the {harness.CELL_TIMEOUT:g} s limit: make the check's data smaller "
                      f"(a right answer written slowly must pass it with room to spare)")


@pytest.mark.parametrize("topic,exercise", EXERCISES, ids=[f"{t}::{e}" for t, e in EXERCISES])
def test_reference_passes_and_stub_fails(topic, exercise):
    reference = harness.run_answer(topic, exercise, None)
    assert reference.all_passed, f"{topic}/{exercise}: the reference solution fails its own tests: {reference.describe()}"
    _assert_clear_of_the_clock(f"{topic}/{exercise}'s reference", reference)
    stub = harness.run_answer(topic, exercise, harness.stub_source(topic, exercise))
    assert not stub.visible_passed, f"{topic}/{exercise}: the visible tests pass against the stub: {stub.describe()}"
    assert not stub.hidden_passed, f"{topic}/{exercise}: the hidden tests pass against the stub: {stub.describe()}"


@pytest.mark.parametrize("answer", ANSWERS, ids=[a.id for a in ANSWERS])
def test_planted_answer(answer, record_property):
    outcome = harness.run_answer(answer.topic, answer.exercise, answer.source)
    assert not outcome.setup_error, f"{answer.id}: the harness could not run it: {outcome.setup_error}"
    _assert_clear_of_the_clock(answer.id, outcome)
    if answer.correct:
        assert outcome.all_passed, f"{answer.id} is correct ({answer.why}) but was rejected: {outcome.describe()}"
        return
    record_property("planted", json.dumps({"topic": answer.topic, "exercise": answer.exercise,
                                           "caught": not outcome.hidden_passed}))
    assert not outcome.hidden_passed, (f"{answer.id} is wrong ({answer.why}) but the hidden tests accept it: "
                                       f"{outcome.describe()}")
    # the catalogue of mistakes (#13): the answer fails exactly the checks it declares, so the
    # feedback gives it the hints of those checks and no others (course.feedback.verdict)
    assert answer.fails, (f"{answer.id}: declare the hidden checks it fails with fails=(...); it fails "
                          f"{sorted(outcome.failed_checks())} now (tests/checks_report.py {answer.topic})")
    assert outcome.failed_checks() == set(answer.fails), (
        f"{answer.id} ({answer.why}) should fail exactly the checks {sorted(answer.fails)}, "
        f"it fails {sorted(outcome.failed_checks())}: {outcome.describe()}")
    if answer.interview:
        assert outcome.visible_passed, (f"{answer.id} is a right answer written as in an interview (no input "
                                        f"checks) but fails a visible test: {outcome.describe()}")
        lost = sum(c.points for c in outcome.cells if not c.passed)
        total = sum(c.points for c in outcome.cells)
        record_property("interview", json.dumps({"topic": answer.topic, "exercise": answer.exercise,
                                                 "kept": (total - lost) / total}))
    if answer.demo == "partial":
        assert outcome.visible_passed, f"{answer.id} is the demo's 'partial' answer but fails visible tests: {outcome.describe()}"
    if answer.demo in ("raises", "loops"):
        assert not any(c.passed for c in outcome.cells), \
            f"{answer.id} is the demo's '{answer.demo}' answer but passes some tests: {outcome.describe()}"


def _built_answers(build):
    """pytest params (topic, exercise, source) of the answer *build* makes from each exercise's
    solution cell and the code of its tests (exercises it cannot build one for are left out)."""
    for topic, exercise in EXERCISES:
        ex = next(e for e in harness.exercises(harness.load_source(topic)) if e.grade_id == exercise)
        source = build(ex.solution.source, "".join(c.source for c in ex.tests))
        if source:
            yield pytest.param(topic, exercise, source, id=f"{topic}::{exercise}")


@pytest.mark.parametrize("topic,exercise,source", list(_built_answers(equal_to_everything)))
def test_hidden_tests_reject_results_that_claim_to_equal_everything(topic, exercise, source):
    outcome = harness.run_answer(topic, exercise, source)
    assert not outcome.setup_error, f"{topic}/{exercise}: the harness could not run the gaming answer: {outcome.setup_error}"
    assert not outcome.hidden_passed, (f"{topic}/{exercise}: the hidden tests accept wrong results of a class whose "
                                       f"__eq__ says yes to everything: {outcome.describe()}")


@pytest.mark.parametrize("topic,exercise,source", list(_built_answers(frozen_result)))
def test_a_constant_answer_earns_only_validation(topic, exercise, source):
    """The reference's input checks, time and care for the input, but one result for every call:
    no check except input validation may give it points (a types, input-unchanged or complexity
    check must also ask for a right value, utils.testing.count_only_if_right)."""
    outcome = harness.run_answer(topic, exercise, source)
    assert not outcome.setup_error, f"{topic}/{exercise}: the harness could not run the constant answer: {outcome.setup_error}"
    earned = [c.grade_id for c in outcome.cells if c.hidden and c.passed and not c.grade_id.endswith("-validation")]
    assert not earned, (f"{topic}/{exercise}: a function that returns the same result for every input earns "
                        f"{earned}: end those checks with _testing.count_only_if_right(...)")
