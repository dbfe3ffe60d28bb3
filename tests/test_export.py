"""Grades into the LMS (course/export.py): a small gradebook built with nbgrader's API (no kernels),
exported for Canvas, Moodle and as the course's wide CSV, each checked against the format the LMS
documents (see the module docstring of course/export.py for the pages)."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys

import pytest

from course import ROOT, export

COURSE_ID = "ml-interview-practice"  # nbgrader_config.py's CourseDirectory.course_id


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture(autouse=True)
def sqlite_gradebook(monkeypatch):
    monkeypatch.delenv("NBGRADER_DB_URL", raising=False)  # the course's own sqlite file, even where CI sets PostgreSQL


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with a gradebook: two assignments (5 and 10 points), three students; bob handed
alpha in late and nbgrader recorded a late penalty of 0.5 (raw 2, final 1.5).
    Built once (a new nbgrader gradebook runs alembic in a subprocess); the tests only read it."""
    from nbgrader.api import Gradebook

    tmp_path = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}", COURSE_ID) as gb:
        for name, cells in (("alpha", {"q1": 3, "q2": 2}), ("beta", {"b1": 6, "essay": 4})):
            gb.add_assignment(name)
            gb.add_notebook(name, name)
            for cell, points in cells.items():
                gb.add_grade_cell(cell, name, name, max_score=points, cell_type="code")
        gb.add_student("ann", first_name="Ann", last_name="Lee", email="ann@example.org", lms_user_id="101")
        gb.add_student("bob")                                   # nothing but the nbgrader id
        gb.add_student("cy", first_name="Cy", email="cy@example.org")
        scores = {("ann", "alpha"): {"q1": 3, "q2": 1.5}, ("ann", "beta"): {"b1": 6, "essay": 1},
                  ("bob", "alpha"): {"q1": 2, "q2": 0}}
        for (student, assignment), cells in scores.items():
            gb.add_submission(assignment, student)
            for cell, score in cells.items():
                grade = gb.find_grade(cell, assignment, assignment, student)
                grade.auto_score = score
                grade.needs_manual_grade = (cell == "essay")
        gb.find_submission_notebook("alpha", "alpha", "bob").late_submission_penalty = 0.5
        gb.db.commit()
    return tmp_path


def test_the_gradebook_is_read_with_nbgrader(course):
    grades = export.read_gradebook(course)
    assert [s.id for s in grades.students] == ["ann", "bob", "cy"]
    assert grades.max_scores == {"alpha": 5.0, "beta": 10.0}
    assert grades.scores == {("ann", "alpha"): 4.5, ("ann", "beta"): 7.0, ("bob", "alpha"): 1.5}  # final scores
    assert grades.penalties == {("bob", "alpha"): 0.5}
    assert grades.raw("bob", "alpha") == 2.0 and grades.raw("ann", "alpha") == 4.5 and grades.raw("cy", "alpha") is None
    assert grades.needs_manual == [("ann", "beta")]


def test_canvas_file_has_canvas_columns_and_a_points_possible_row(course):
    text, warnings = export.export(export.read_gradebook(course), "canvas")
    rows = _rows(text)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "alpha", "beta"], rows[0]
    assert rows[1] == ["Points Possible", "", "", "", "", "5", "10"], rows[1]
    assert rows[2:] == [["Lee, Ann", "101", "", "ann", "", "4.5", "7"],
                        ["bob", "", "", "bob", "", "1.5", ""],    # final score (raw 2 less 0.5 late); no beta: empty
                        ["Cy", "", "", "cy", "", "", ""]]
    assert all(len(r) == len(rows[0]) for r in rows)
    for row in rows[1:]:
        for cell in row[5:]:
            assert cell == "" or float(cell) >= 0, f"not a number: {cell!r} in {row}"
    assert any("ann / beta" in w and "manual" in w for w in warnings), warnings
    assert any("lms_user_id" in w and "bob" in w and "cy" in w for w in warnings), warnings
    assert any("1 late submission" in w and "final score" in w for w in warnings), warnings


def test_canvas_columns_can_name_existing_canvas_assignments(course):
    text, _ = export.export(export.read_gradebook(course), "canvas", canvas_ids={"beta": "12345"})
    assert _rows(text)[0][5:] == ["alpha", "beta (12345)"]
    with pytest.raises(ValueError, match="gamma"):
        export.export(export.read_gradebook(course), "canvas", canvas_ids={"gamma": "1"})


def test_moodle_file_has_one_identifier_column_and_no_points_row(course):
    grades = export.read_gradebook(course)
    text, warnings = export.export(grades, "moodle")  # matched on the email address (MoodleDocs' advice)
    rows = _rows(text)
    assert rows[0] == ["First name", "Last name", "Username", "Email address", "User ID", "alpha", "beta"], rows[0]
    assert rows[1:] == [["Ann", "Lee", "ann", "ann@example.org", "101", "4.5", "7"],
                        ["Cy", "", "cy", "cy@example.org", "", "", ""]]
    assert all(r[3] for r in rows[1:]), "every row must hold the identifier Moodle matches on"
    assert any("bob" in w and "left out" in w for w in warnings), warnings
    text, warnings = export.export(grades, "moodle", match="userid")
    assert [r[2] for r in _rows(text)[1:]] == ["ann"]
    text, _ = export.export(grades, "moodle", match="username")
    assert [r[2] for r in _rows(text)[1:]] == ["ann", "bob", "cy"]
    assert _rows(text)[2][5:] == ["1.5", ""], "Moodle gets bob's final score (raw 2 less the 0.5 late penalty)"
    with pytest.raises(ValueError, match="match"):
        export.export(grades, "moodle", match="shoe size")
    nobody = export.Grades([export.Student("bob")], grades.max_scores, {("bob", "alpha"): 2.0})
    with pytest.raises(ValueError, match="no student has a 'Email address'"):
        export.export(nobody, "moodle")


def test_course_csv_is_one_row_per_student_with_final_raw_and_penalty_per_topic(course):
    text, _ = export.export(export.read_gradebook(course), "csv")
    assert _rows(text) == [
        ["student", "alpha", "alpha raw", "alpha late penalty", "beta", "beta raw", "beta late penalty",
         "total", "total raw", "total late penalty"],
        ["ann", "4.5", "4.5", "0", "7", "7", "0", "11.5", "11.5", "0"],
        ["bob", "1.5", "2", "0.5", "", "", "", "1.5", "2", "0.5"],
        ["cy", "", "", "", "", "", "", "0", "0", "0"]]


def test_bad_input_is_named(course, tmp_path_factory):
    grades = export.read_gradebook(course)
    with pytest.raises(ValueError, match="unknown format 'blackboard'"):
        export.export(grades, "blackboard")
    with pytest.raises(ValueError, match="empty"):
        export.export(export.Grades([], {}), "canvas")
    with pytest.raises(ValueError, match="no submission"):
        export.export(export.Grades(grades.students, grades.max_scores), "csv")
    with pytest.raises(ValueError, match="--canvas-id takes TOPIC=NUMBER"):
        export._canvas_ids(["alpha:12"])
    bare = tmp_path_factory.mktemp("no-gradebook")
    shutil.copy(ROOT / "nbgrader_config.py", bare)
    with pytest.raises(ValueError, match="no gradebook"):
        export.read_gradebook(bare)
    assert not (bare / "gradebook.db").exists(), "reading must not create an empty gradebook"
    with pytest.raises(ValueError, match="nbgrader_config.py"):
        export.read_gradebook(tmp_path_factory.mktemp("not-a-course"))


def test_command_line(course, tmp_path):
    out = tmp_path / "canvas.csv"
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_DB_URL"}
    run = subprocess.run([sys.executable, "-m", "course", "export", "--format", "canvas", "--root", str(course),
                          "--out", str(out)], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    assert _rows(out.read_text(encoding="utf-8"))[1][0] == "Points Possible"
    assert "manual grading" in run.stderr
    run = subprocess.run([sys.executable, "-m", "course", "export", "--format", "blackboard", "--root", str(course)],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 2 and "blackboard" in run.stderr, run.stderr
