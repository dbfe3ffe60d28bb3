"""Timed mock interviews (utils/mock.py, course/mock.py): drawing, reproducibility, history, grading.

The grading of a mock is compared with the planted-answer harness (tests/harness.py): a mock filled
with the reference answers scores full marks, one filled with a planted wrong answer fails exactly the
cells that answer fails in the harness.
"""
from __future__ import annotations

import json
import os

import nbformat
import pytest

import harness
from harness import reference_upto
import wrong_answers
from course.notebooks import hidden_lines, source_path
from course.publish import secret_lines
from utils import mock

SEEDS = range(8)


def _namespace(topic: str, answer: str) -> dict:
    ns: dict = {"__name__": "__main__"}
    for source in mock.read_topic(topic).setup:
        exec(source, ns)
    exec(answer, ns)
    return ns


# --- drawing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("preset", sorted(mock.PRESETS))
def test_every_preset_draws_the_kinds_it_promises(preset):
    spec = mock.PRESETS[preset]
    secrets = secret_lines()
    for seed in SEEDS:
        plan = mock.plan(preset, seed=seed)
        ids = [item["id"] for item in plan["questions"]]
        assert len(ids) == len(set(ids)), f"{preset} seed {seed} repeats a question: {ids}"
        kinds = [slot for slot in spec.slots for _ in range(2 if slot == "case" else 1)]
        assert len(ids) == len(kinds), f"{preset} seed {seed}: {ids} for slots {spec.slots}"
        for qid, kind, item in zip(ids, kinds, plan["questions"]):
            topic, key = qid.split("/")
            q = mock.read_topic(topic).questions[key]
            if kind == "case":
                assert q.kind == "written" and topic == mock.CASE_TOPIC, f"{qid} is not a written case study"
                assert mock.CHECKLISTS.get(key), f"{qid}: a case study needs a self-review checklist"
            else:
                assert topic in mock.POOLS[kind] and q.kind == "code" and q.visible, f"{qid} is not a {kind} question"
            if item.get("follow_up"):
                assert item["follow_up"].split("/")[0] == topic
        code_topics = [i.split("/")[0] for i, k in zip(ids, kinds) if k != "case"]
        if preset == "python-coding":
            assert len(set(code_topics)) == 2, f"seed {seed}: two coding questions of one topic {ids}"
        nb = mock.build(plan)
        nbformat.validate(nb)
        text = "\n".join(c.source for c in nb.cells)
        leaked = [line for line in secrets if line in text]
        assert not leaked, f"{preset} seed {seed}: the mock shows solution or hidden-test lines {leaked[:3]}"
        assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text


def test_questions_are_copied_from_the_release():
    plan = {"name": "copy", "preset": "python-coding", "minutes": 30, "seed": 0,
            "questions": [{"id": "rain_water/trap", "follow_up": "rain_water/trap_two_pointers"}]}
    nb = mock.build(plan)
    release = nbformat.read("release/rain_water/rain_water.ipynb", as_version=4)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in release.cells}
    answer = next(c for c in nb.cells if c.metadata.get("mock", {}).get("answer"))
    assert answer.source == by_id["trap"]
    tests = [c for c in nb.cells if c.metadata.get("mock", {}).get("test")]
    assert [c.source for c in tests] == [by_id[c.metadata["mock"]["test"]] for c in tests] and tests
    # the follow-up is not in the notebook: only the cells that reveal and check it
    assert by_id["trap_two_pointers"] not in "\n".join(c.source for c in nb.cells)


def test_same_seed_same_notebook_byte_for_byte(tmp_path):
    a = mock.create("full-loop", seed=11, folder=tmp_path / "a")
    b = mock.create("full-loop", seed=11, folder=tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    others = {mock.create("full-loop", seed=s, folder=tmp_path / "c").read_bytes() for s in (12, 13, 14)}
    assert a.read_bytes() not in others and len(others) > 1, "other seeds should give other mocks"


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="unknown preset"):
        mock.plan("lunch")
    with pytest.raises(ValueError, match="minutes"):
        mock.plan("ml-coding", minutes=2)
    with pytest.raises(TypeError, match="seed"):
        mock.plan("ml-coding", seed="7")


def _finished(plan: dict, n: int) -> dict:
    return {"name": plan["name"], "finished": 1000.0 + n, "started": 900.0 + n,
            "questions": [{"id": q} for item in plan["questions"] for q in (item["id"], item["follow_up"]) if q]}


def test_history_prevents_repeats():
    first = mock.plan("python-coding", seed=3)
    asked = {q for item in first["questions"] for q in (item["id"], item["follow_up"]) if q}
    history = [_finished(first, 0)]
    again = mock.plan("python-coding", seed=3, history=history)
    assert not asked & {item["id"] for item in again["questions"]}, "a question of the last mock came back"
    assert mock.plan("python-coding", seed=3, history=[]) == first  # the history, not the seed, made the change
    # three finished mocks in a row: none of their questions in the fourth
    history, seen = [], set()
    for n in range(3):
        plan = mock.plan("python-coding", seed=n, history=history)
        fresh = {item["id"] for item in plan["questions"]}
        assert not fresh & seen, f"mock {n + 1} repeats {fresh & seen}"
        seen |= {q for item in plan["questions"] for q in (item["id"], item["follow_up"]) if q}
        history.append(_finished(plan, n))
    # an unfinished mock does not count
    assert mock.plan("python-coding", seed=3, history=[dict(_finished(first, 0), finished=None)]) == first


def test_follow_up_table():
    assert len(mock.FOLLOW_UPS) >= 10
    for (topic, first), (follow, said) in mock.FOLLOW_UPS.items():
        questions = mock.read_topic(topic).questions
        assert first in questions and follow in questions, f"{topic}: {first} -> {follow} is not two exercises"
        assert questions[follow].kind == "code" and questions[follow].visible and said.strip()


def test_checklists_are_the_course_s_own_words():
    model_answers = set()
    for topic in mock.topics():
        model_answers |= hidden_lines(nbformat.read(str(source_path(topic)), as_version=4))
    written = mock.read_topic(mock.CASE_TOPIC).questions
    for key in (*mock.CASES, *mock.ANY_FOLLOW_UPS, *mock.CASE_FOLLOW_UPS.values()):
        assert written[key].kind == "written" and mock.CHECKLISTS[key], key
    for key, points in mock.CHECKLISTS.items():
        for point in points:
            assert not any(point in line or line in point for line in model_answers if len(line) >= 30), \
                f"{key}: a checklist point copies a model answer or rubric line: {point!r}"


# --- the session: timing, follow-ups ----------------------------------------------------------------

def test_session_times_answers_and_reveals_the_follow_up_only_after_a_pass(tmp_path, monkeypatch, capsys):
    plan = {"name": "s", "preset": "ml-coding", "minutes": 45, "seed": 0,
            "questions": [{"id": "ml_concepts/mse", "follow_up": "ml_concepts/r2_score"}]}
    session = mock.Session(plan, folder=tmp_path, now=100.0)
    assert session.record("def mse(y_true, y_pred):\n    pass", when=160.0) == ["ml_concepts/mse"]
    assert session.record("x = 1", when=170.0) == []
    session.record("def mse(a, b):\n    return 0", when=400.0)
    assert session.state["answers"]["ml_concepts/mse"] == {"first": 160.0, "last": 400.0}
    assert session.time_taken("ml_concepts/mse") == 300.0
    # the state survives a kernel restart: a new session picks up the same start and times
    again = mock.Session(plan, folder=tmp_path, now=999.0)
    assert again.state["started"] == 100.0 and again.deadline == 100.0 + 45 * 60

    user_ns = _namespace("ml_concepts", mock.read_topic("ml_concepts").questions["mse"].stub)
    monkeypatch.setattr(again, "_namespace", lambda: user_ns)
    assert again.follow_up("r2_score") is False, "the follow-up showed before the first answer passed"
    with pytest.raises(AssertionError, match="not revealed"):
        again.check("r2_score")
    user_ns.update(_namespace("ml_concepts", reference_upto("ml_concepts", "mse")))
    assert again.follow_up("r2_score") is True
    assert "def r2_score(" in capsys.readouterr().out and "ml_concepts/r2_score" in again.state["revealed"]
    with pytest.raises(AssertionError):
        again.check("r2_score")  # the stub of the follow-up fails its visible tests
    user_ns.update(_namespace("ml_concepts", reference_upto("ml_concepts", "r2_score")))
    assert not again.check("r2_score").failed


# --- grading: the same verdicts as the harness ----------------------------------------------------------

def _wrong(topic: str, exercise: str, count: int) -> list:
    return [a for a in wrong_answers.load(topic).answers
            if a.exercise == exercise and not a.correct and a.demo != "loops"][:count]


# a few fast exercises of three topics; every planted answer is checked against the harness in test_planted.py
WRONG = (_wrong("coding_questions", "search_list", 1) + _wrong("coding_questions", "is_shift", 1)
         + _wrong("pandas_tasks", "missing_report", 2) + _wrong("ml_concepts", "mse", 2))


@pytest.mark.parametrize("answer", WRONG, ids=[a.id for a in WRONG])
def test_a_planted_wrong_answer_fails_exactly_the_harness_checks(answer):
    question = mock.read_topic(answer.topic).questions[answer.exercise]
    ns = _namespace(answer.topic, reference_upto(answer.topic, answer.exercise) + "\n\n" + answer.source)
    graded = mock.grade(question, ns)
    outcome = harness.run_answer(answer.topic, answer.exercise, answer.source)
    assert not outcome.setup_error, outcome.setup_error
    assert graded.hidden_available
    assert graded.failed == {c.grade_id for c in outcome.cells if not c.passed}, \
        f"{answer.id}: the mock fails {sorted(graded.failed)}, the harness {outcome.describe()}"
    from course.checks import split_grade_id
    failed_checks = {(split_grade_id(g) or (None, g))[1] for g in graded.failed if g in {
        c.grade_id for c in outcome.cells if c.hidden}}
    assert failed_checks == outcome.failed_checks()
    assert graded.failed, f"{answer.id} is wrong but passes every check of the mock"


def test_a_mock_notebook_with_reference_answers_scores_full_marks(tmp_path):
    """The whole path in a real kernel (nbclient): the first cell, answers, a follow-up, finish()."""
    from nbclient import NotebookClient

    planted = next(a for a in wrong_answers.load("coding_questions").answers
                   if a.exercise == "search_list" and not a.correct and a.demo != "loops")
    plan = {"name": "filled", "preset": "ml-coding", "minutes": 45, "seed": 0,
            "questions": [{"id": "ml_concepts/mse", "follow_up": "ml_concepts/r2_score"},
                          {"id": "coding_questions/search_list", "follow_up": ""},
                          {"id": "ml_concepts/system-design", "follow_up": ""}]}
    nb = mock.build(plan)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("mock", {})
        if meta.get("answer") and cell.cell_type == "code":
            topic, key = meta["question"].split("/")
            cell.source = reference_upto(topic, key) + ("\n\n" + planted.source if key == "search_list" else "")
        cells.append(cell)
        if cell.get("id") == "q1-follow-up":  # what the student types into the cell the follow-up adds
            cells.append(nbformat.v4.new_code_cell(reference_upto("ml_concepts", "r2_score")))
    nb.cells = cells
    nbformat.write(nb, str(tmp_path / "filled.ipynb"))
    env_backend = os.environ.pop("MPLBACKEND", None)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    report = "".join(o.get("text", "") for c in nb.cells if c.get("id") == "mock-finish" for o in c.outputs)
    assert "Mock interview report: filled" in report, report
    assert "A strong answer covers" in report and "[ ]" in report
    errors = [(c.get("id"), o.get("ename"), str(o.get("evalue"))[:200]) for c in nb.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    history = json.loads((tmp_path / "history.json").read_text())
    rows = {q["id"]: q for q in history[-1]["questions"]}
    for qid in ("ml_concepts/mse", "ml_concepts/r2_score"):
        assert rows[qid]["score"] == rows[qid]["max_score"] > 0 and not rows[qid]["failed"], (rows[qid], report, errors)
        assert rows[qid]["seconds"] is not None, (rows[qid], errors)
    outcome = harness.run_answer("coding_questions", "search_list", planted.source)
    assert set(rows["coding_questions/search_list"]["failed"]) == {c.grade_id for c in outcome.cells if not c.passed}, \
        (rows["coding_questions/search_list"], outcome.describe())
    assert rows["ml_concepts/system-design"]["kind"] == "written"
    assert (tmp_path / ".filled.state.json").is_file()


# --- progress ---------------------------------------------------------------------------------------

def test_progress_plot_and_command(tmp_path):
    from course import mock as command

    history = [{"name": f"m{n}", "finished": 10.0 + n, "started": float(n), "questions": [
        {"id": "rain_water/trap", "topic": "rain_water", "kind": "code", "passed": n, "checks": 3,
         "seconds": 600.0 - 60 * n, "expected": 540.0},
        {"id": "ml_concepts/system-design", "topic": "ml_concepts", "kind": "written", "passed": None, "checks": 0,
         "seconds": None, "expected": 900.0}]} for n in range(3)]
    (tmp_path / "history.json").write_text(json.dumps(history))
    fig = mock.plot_progress(folder=tmp_path)
    left, right = fig.axes
    assert len(left.collections[0].get_offsets()) == 3
    assert [round(y) for y in right.lines[0].get_ydata()] == [0, 33, 67]
    assert command.main(["progress", "--folder", str(tmp_path), "--out", str(tmp_path / "p.png")]) == 0
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
    (tmp_path / "history.json").write_text("{not json")
    assert command.main(["progress", "--folder", str(tmp_path)]) == 2


def test_mock_command_writes_a_notebook(tmp_path, capsys):
    from course import mock as command

    assert command.main(["mock", "--preset", "case-study", "--seed", "4", "--folder", str(tmp_path)]) == 0
    assert (tmp_path / "case-study-seed4.ipynb").is_file()
    assert "wrote" in capsys.readouterr().out
    assert command.main(["mock", "--preset", "case-study", "--minutes", "1", "--folder", str(tmp_path)]) == 2
