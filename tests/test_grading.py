"""The course's parallel grading command against serial `nbgrader autograde`, on copies.

One copy of the course is graded by nbgrader itself, one assignment after another (what
an instructor would otherwise run); another by `python -m course grade` with all cores,
then a second time (a rerun). The tests compare every grade of every cell, check that a
rerun changes nothing, that submitted/ and release/ are only read, that the sqlite
gradebook is consistent, and that a submission which kills its grading process or loops
in every cell is named and costs at most its budget, without touching the others.

eli (the demo student whose answer loops) is left out of the serial comparison: each of
their notebooks costs nbgrader's full per-cell timeout in both runs, and the stop of a
looping cell is checked by tests/test_autograde.py and by the budget test below.
"""
from __future__ import annotations

import csv
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course import ROOT
from course.demo_class import STUDENTS
from course.notebooks import nbgrader_meta, topics
from harness import GRADES_SQL

pytestmark = [pytest.mark.slow, pytest.mark.alone, pytest.mark.xdist_group("grading")]

# Serial nbgrader against the course's command, on three topics of different kinds (a small
# algorithmic one, the copiers' one, a pandas one): every topic's designed scores are checked by
# tests/test_autograde.py already, and grading all seven three times here cost ~20 min of CI.
TOPICS = [t for t in topics() if t in ("rain_water", "coding_questions", "pandas_tasks")]
COMPARED = [s for s in STUDENTS if s != "eli"]
BIN = Path(sys.executable).parent
TIMEOUT = 1800


def _copy_course(dest: Path, students: list[str]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, dest / name)
    for student in students:
        if (ROOT / "submitted" / student).is_dir():
            shutil.copytree(ROOT / "submitted" / student, dest / "submitted" / student)
    shutil.copy(ROOT / "nbgrader_config.py", dest)
    return dest


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.pop("NBGRADER_DB_URL", None)  # these copies use their own sqlite gradebook
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return env


def _run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, env=_env(), **kwargs)


def _grades(course: Path) -> dict[tuple, tuple]:
    """{(student, assignment, notebook, cell): (auto_score, manual_score, needs_manual_grade)}"""
    with sqlite3.connect(course / "gradebook.db") as db:
        return {row[:4]: row[4:] for row in db.execute(GRADES_SQL)}


def _submissions(course: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(course / "gradebook.db") as db:
        return set(db.execute("SELECT s.student_id, a.name FROM submitted_assignment s "
                              "JOIN assignment a ON s.assignment_id = a.id"))


def _csv_rows(course: Path) -> dict[tuple[str, str], dict]:
    with open(course / "grades.csv", encoding="utf-8") as f:
        return {(r["student"], r["topic"]): r for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    """Graded by nbgrader's own commands, one assignment after another."""
    course = _copy_course(tmp_path_factory.mktemp("serial"), COMPARED)
    logs = []
    start = time.perf_counter()
    for topic in TOPICS:
        gen = _run([str(BIN / "nbgrader"), "generate_assignment", topic, "--force"], course)
        assert gen.returncode == 0, f"nbgrader generate_assignment {topic} failed:\n{gen.stderr[-3000:]}"
        # exits 1 when one notebook of the batch is not valid JSON (fay): that is expected
        logs.append(_run([str(BIN / "nbgrader"), "autograde", topic, "--force"], course))
    return course, logs, time.perf_counter() - start


@pytest.fixture(scope="module")
def parallel(tmp_path_factory):
    """Graded by the course's command, then regraded (one topic, then all of them)."""
    course = _copy_course(tmp_path_factory.mktemp("parallel"), COMPARED)
    before = {name: _digest(course / name) for name in ("submitted", "release", "source")}
    start = time.perf_counter()
    first = _run([sys.executable, "-m", "course", "grade", *TOPICS, "--root", str(course), "--quiet"], ROOT)
    seconds = time.perf_counter() - start
    snapshot = {"grades": _grades(course), "submissions": _submissions(course), "csv": _csv_rows(course),
                "autograded": sorted(str(p.relative_to(course)) for p in (course / "autograded").rglob("*.ipynb")),
                "feedback": sorted(str(p.relative_to(course)) for p in (course / "feedback").rglob("*.html"))}
    rerun_one = _run([sys.executable, "-m", "course", "grade", TOPICS[0], "--root", str(course), "--quiet",
                      "-j", "2"], ROOT)
    after_one = {"grades": _grades(course), "csv": _csv_rows(course)}
    rerun_all = _run([sys.executable, "-m", "course", "grade", *TOPICS, "--root", str(course), "--quiet"], ROOT)
    after = {name: _digest(course / name) for name in ("submitted", "release", "source")}
    return {"course": course, "first": first, "seconds": seconds, "snapshot": snapshot, "rerun_one": rerun_one,
            "after_one": after_one, "rerun_all": rerun_all, "before": before, "after": after}


def test_the_command_exits_0_every_time(parallel):
    for name in ("first", "rerun_one", "rerun_all"):
        run = parallel[name]
        assert run.returncode == 0, f"{name}: `python -m course grade` exited {run.returncode}:\n" \
                                    f"{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


@pytest.mark.parametrize("topic", TOPICS)
def test_parallel_grades_equal_serial_nbgrader(serial, parallel, topic):
    serial_course, logs, _ = serial
    have = [s for s in COMPARED if (ROOT / "submitted" / s / topic).is_dir()]
    assert have, f"{topic} has no demo class in submitted/: run `python -m course.demo_class`"
    ours = {k: v for k, v in parallel["snapshot"]["grades"].items() if k[1] == topic}
    theirs = {k: v for k, v in _grades(serial_course).items() if k[1] == topic}
    assert theirs, f"{topic}: serial nbgrader autograde recorded no grade:\n" + \
        "\n".join(log.stderr[-2000:] for log in logs)
    missing = sorted(set(theirs) - set(ours))
    extra = sorted(set(ours) - set(theirs))
    assert not missing and not extra, f"{topic}: cells graded only by nbgrader {missing[:5]}, only by us {extra[:5]}"
    different = {k: (theirs[k], ours[k]) for k in theirs if theirs[k] != ours[k]}
    assert not different, "\n".join(
        [f"{topic}: {len(different)} grade(s) differ from serial `nbgrader autograde` "
         "((auto, manual, needs_manual) serial -> parallel):"]
        + [f"  {k[0]} {k[2]} cell {k[3]}: {a} -> {b}" for k, (a, b) in sorted(different.items())])
    subs = {k for k in _submissions(serial_course) if k[1] == topic}
    assert subs == {k for k in parallel["snapshot"]["submissions"] if k[1] == topic}, \
        f"{topic}: the two gradebooks do not hold the same submissions"


@pytest.mark.parametrize("topic", TOPICS)
def test_every_student_is_in_the_csv_and_broken_ones_are_named(parallel, topic):
    rows = parallel["snapshot"]["csv"]
    for student in COMPARED:
        assert (student, topic) in rows, f"{topic}: {student} is missing from grades.csv"
    fay = rows[("fay", topic)]
    assert fay["graded"] == "no" and "JSON" in fay["problems"], \
        f"{topic}: fay's notebook is not valid JSON and should be named so, got {fay}"
    gus = rows[("gus", topic)]["problems"]
    assert "edited" in gus and "deleted" in gus, f"{topic}: gus's edited and deleted locked cells: {gus!r}"
    table = parallel["first"].stdout
    assert "fay / " + topic in table, f"{topic}: the printed table does not name fay under Problems:\n{table}"


def test_submitted_release_and_source_are_only_read(parallel):
    for name in ("submitted", "release", "source"):
        before, after = parallel["before"][name], parallel["after"][name]
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        assert not changed, f"grading changed {name}/: {changed[:10]}"


def test_a_rerun_is_idempotent(parallel):
    first = parallel["snapshot"]
    for name, state in (("rerun of one topic", parallel["after_one"]), ("rerun of all", None)):
        grades = state["grades"] if state else _grades(parallel["course"])
        rows = state["csv"] if state else _csv_rows(parallel["course"])
        changed = sorted(k for k in set(grades) | set(first["grades"]) if grades.get(k) != first["grades"].get(k))
        assert not changed, f"{name}: grades changed, e.g. {changed[:5]}"
        strip = lambda r: {k: v for k, v in r.items() if k != "seconds"}  # noqa: E731
        assert set(rows) == set(first["csv"]), f"{name}: grades.csv rows differ"
        differ = [k for k in rows if strip(rows[k]) != strip(first["csv"][k])]
        assert not differ, f"{name}: grades.csv changed for {differ}: " \
                           f"{[(first['csv'][k], rows[k]) for k in differ][:2]}"
    course = parallel["course"]
    assert sorted(str(p.relative_to(course)) for p in (course / "autograded").rglob("*.ipynb")) == first["autograded"]
    assert sorted(str(p.relative_to(course)) for p in (course / "feedback").rglob("*.html")) == first["feedback"]


def test_the_sqlite_gradebook_is_consistent(parallel):
    course = parallel["course"]
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not db.execute("PRAGMA foreign_key_check").fetchall(), "dangling references in the gradebook"
        students = {r[0] for r in db.execute("SELECT id FROM student")}
        assert students == set(COMPARED), f"students in the gradebook: {sorted(students)}"
        pairs = db.execute("SELECT s.student_id, a.name, COUNT(*) FROM submitted_assignment s "
                           "JOIN assignment a ON s.assignment_id = a.id GROUP BY 1, 2").fetchall()
        assert {(s, a) for s, a, _ in pairs} == {(s, t) for s in COMPARED for t in TOPICS}
        assert all(n == 1 for *_, n in pairs)
        # every submitted notebook has exactly one grade per grade cell of its notebook
        rows = db.execute("""
            SELECT sn.id, n.name, COUNT(g.id),
                   (SELECT COUNT(*) FROM base_cell bc JOIN grade_cells gc ON gc.id = bc.id
                    WHERE bc.notebook_id = n.id)
            FROM submitted_notebook sn JOIN notebook n ON sn.notebook_id = n.id
            LEFT JOIN grade g ON g.notebook_id = sn.id GROUP BY sn.id""").fetchall()
        bad = [(name, got, want) for _, name, got, want in rows if got != want]
        assert not bad, f"submitted notebooks with a wrong number of grades (notebook, grades, grade cells): {bad}"


def _loop_everywhere(src: Path, dest: Path) -> None:
    nb = nbformat.read(str(src), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and nbgrader_meta(cell).get("solution"):
            cell.source += "\nwhile True:\n    pass"
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(dest))


def test_a_crashed_grader_and_an_endless_submission_are_named_and_bounded(tmp_path):
    """ada's grading process dies (a test hook makes it exit abruptly), hal loops in every
    answer: both are named, hal costs at most the budget, ben is graded as usual."""
    topic = TOPICS[0]
    course = _copy_course(tmp_path / "course", ["ada", "ben"])
    _loop_everywhere(ROOT / "submitted" / "ada" / topic / f"{topic}.ipynb",
                     course / "submitted" / "hal" / topic / f"{topic}.ipynb")
    budget = 8
    env = _env()
    env["COURSE_GRADING_TEST_CRASH"] = f"ada/{topic}"
    run = subprocess.run([sys.executable, "-m", "course", "grade", topic, "--root", str(course), "--quiet",
                          "--max-seconds", str(budget), "-j", "2"],
                         cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    rows = _csv_rows(course)
    assert set(rows) == {("ada", topic), ("ben", topic), ("hal", topic)}, sorted(rows)
    ada, ben, hal = rows[("ada", topic)], rows[("ben", topic)], rows[("hal", topic)]
    assert ada["graded"] == "no" and "grading crashed" in ada["problems"], f"ada should be named as crashed: {ada}"
    assert "ada / " + topic in run.stdout, f"the table does not name ada:\n{run.stdout}"
    assert ben["graded"] == "yes" and not ben["problems"], f"ben should be graded normally: {ben}"
    assert hal["graded"] == "yes" and float(hal["score"]) == 0.0, f"hal: {hal}"
    assert "limit of a submission" in hal["problems"], f"hal's stop at the budget should be reported: {hal}"
    # the budget, plus kernel start-up, feedback and a loaded machine; without it hal would
    # cost nbgrader's per-cell timeout once per answer
    assert float(hal["seconds"]) < budget + 45, f"hal took {hal['seconds']} s with a {budget} s budget"


def test_an_endless_answer_costs_its_own_question_only(tmp_path):
    """zed's answer to the third of rain_water's four questions loops forever (the bank's "loops"
    answer), the others are the reference: zed loses that question's points and nothing else. Before
    stop 21 the guard's restore broke the kernel's ZMQ stream after an interrupt (it removed a
    callback pyzmq had set) and every later cell waited for its timeout: zed got 12 of 24 in 195 s."""
    import wrong_answers
    from course.demo_class import _solved, _with_answer
    from course.notebooks import exercises, source_path

    topic = "rain_water"
    loops = wrong_answers.load(topic).demo("loops")[0]
    questions = exercises(nbformat.read(str(source_path(topic)), as_version=4))
    assert [e.grade_id for e in questions].index(loops.exercise) < len(questions) - 1, \
        "the looping answer must not be the last question: the test is about the questions after it"
    course = _copy_course(tmp_path / "course", ["ada"])
    dest = course / "submitted" / "zed" / topic
    dest.mkdir(parents=True)
    nbformat.write(_with_answer(_solved(topic, ROOT), loops), str(dest / f"{topic}.ipynb"))
    shutil.copy(course / "submitted" / "ada" / topic / "timestamp.txt", dest)
    run = _run([sys.executable, "-m", "course", "grade", topic, "--root", str(course), "--quiet",
                "--student", "zed"], cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    zed = _csv_rows(course)[("zed", topic)]
    full = sum(e.points for e in questions)
    lost = next(e.points for e in questions if e.grade_id == loops.exercise)
    assert float(zed["score"]) == full - lost, f"zed should lose only {loops.exercise}'s {lost} points: {zed}"
    assert "did not answer" not in zed["problems"] and "limit of a submission" not in zed["problems"], zed["problems"]
    assert f"a test cell of {loops.exercise} ran out of time" in zed["problems"], zed["problems"]


def test_grading_an_empty_class_says_so(tmp_path):
    course = _copy_course(tmp_path / "course", [])
    (course / "submitted").mkdir(exist_ok=True)
    run = _run([sys.executable, "-m", "course", "grade", "--root", str(course), "--quiet"], ROOT)
    assert run.returncode == 0 and "nothing to grade" in run.stdout, run.stdout + run.stderr


def test_cli_rejects_an_unknown_topic_and_a_missing_course(tmp_path):
    bad_topic = _run([sys.executable, "-m", "course", "grade", "no_such_topic"], ROOT)
    assert bad_topic.returncode == 2 and "unknown topic" in bad_topic.stderr
    no_course = _run([sys.executable, "-m", "course", "grade", "--root", str(tmp_path)], ROOT)
    assert no_course.returncode == 2 and "nbgrader_config.py" in no_course.stderr


def test_timings_for_the_record(serial, parallel, record_property):
    """Not a timed test: records both wall-clock times (see benchmarks/grading.py for the figures)."""
    record_property("serial_nbgrader_seconds", round(serial[2], 1))
    record_property("course_grade_seconds", round(parallel["seconds"], 1))
