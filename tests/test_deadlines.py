"""Deadlines and late penalties (course/deadlines.py): the penalty rule's arithmetic, the checks of
nbgrader_config.py's deadlines section, grades.csv across the change of its header, and one real
grading run (the late demo student and one on-time student, one topic) in which the gradebook's
late_submission_penalty, grades.csv, the export and the class report agree."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import datetime

import pytest
from traitlets.config import Config

from course import ROOT, deadlines, demo_class, export, grading, report
from course.deadlines import DAY, CourseDeadlines, Rule

COURSE_ID = "ml-interview-practice"


@pytest.fixture(autouse=True)
def sqlite_gradebook(monkeypatch):
    monkeypatch.delenv("NBGRADER_DB_URL", raising=False)  # the copy's own sqlite file, even where CI sets PostgreSQL


# --- the rule -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seconds_late, days, percent", [
    (0, 0, 0),                     # on time
    (-3600, 0, 0),                 # early
    (1, 1, 10),                    # one second late: a started day
    (DAY, 1, 10),                  # exactly one day
    (DAY + 1, 2, 20),              # one second into the second day
    (3 * DAY, 3, 30),              # exactly three days
    (5 * DAY, 5, 50),              # exactly at the cap
    (9 * DAY + 7, 10, 50),         # beyond the cap: the cap
])
def test_percent_per_started_day_with_a_cap(seconds_late, days, percent):
    rule = Rule("percent_per_day", percent_per_day=10, max_percent=50)
    assert rule.days_late(seconds_late) == days
    assert rule.percent(seconds_late) == percent
    assert rule.penalty(8.0, seconds_late) == pytest.approx(8.0 * percent / 100)


def test_grace_minutes_move_the_due_date():
    rule = Rule("percent_per_day", percent_per_day=10, max_percent=50, grace_minutes=15)
    assert rule.penalty(10, 15 * 60) == 0                   # within the grace: on time
    assert rule.days_late(15 * 60 + 1) == 1                 # one second after it: a started day
    assert rule.penalty(10, 15 * 60 + 1) == pytest.approx(1)
    assert rule.days_late(DAY + 10 * 60) == 1               # the day boundary moves by the grace too
    assert rule.days_late(DAY + 15 * 60 + 1) == 2


def test_nbgraders_own_methods_stay_possible():
    zero = Rule("zero", grace_minutes=5)
    assert zero.penalty(7, 1) == 0 and zero.penalty(7, 5 * 60 + 1) == 7
    assert Rule("none").penalty(7, 10 * DAY) == 0
    assert Rule("percent_per_day", percent_per_day=0).penalty(7, 10 * DAY) == 0   # the default: no penalty
    assert Rule("percent_per_day", percent_per_day=10).penalty(-1, DAY) == 0      # never a bonus


def test_the_plugin_reads_its_section_like_nbgrader_does():
    config = Config()
    config.CourseDeadlines.percent_per_day = 20
    config.CourseDeadlines.max_percent = 30
    plugin = CourseDeadlines(config=config)
    assert plugin.late_submission_penalty("kim", 10.0, 1.0) == pytest.approx(2)
    assert plugin.late_submission_penalty("kim", 10.0, 4 * DAY) == pytest.approx(3)
    config.CourseDeadlines.penalty_method = "none"
    assert CourseDeadlines(config=config).late_submission_penalty("kim", 10.0, 4 * DAY) is None  # nbgrader: no penalty
    config.CourseDeadlines.penalty_method = "zero"
    assert CourseDeadlines(config=config).late_submission_penalty("kim", 10.0, 4 * DAY) == 10


# --- the settings -------------------------------------------------------------------------------

def _config(**settings) -> Config:
    config = Config()
    config.AssignLatePenalties.plugin_class = CourseDeadlines
    for name, value in settings.items():
        config.CourseDeadlines[name] = value
    return config


@pytest.mark.parametrize("settings, named", [
    ({"percent_per_day": "10"}, "c.CourseDeadlines.percent_per_day must be a number"),
    ({"percent_per_day": -5}, "c.CourseDeadlines.percent_per_day must be between 0 and 100"),
    ({"percent_per_day": True}, "c.CourseDeadlines.percent_per_day must be a number"),
    ({"max_percent": 150}, "c.CourseDeadlines.max_percent must be between 0 and 100"),
    ({"grace_minutes": -1}, "c.CourseDeadlines.grace_minutes must be 0 or more"),
    ({"grace_minutes": float("nan")}, "c.CourseDeadlines.grace_minutes must be a number"),
    ({"penalty_method": "half"}, "c.CourseDeadlines.penalty_method must be one of"),
    ({"percent_per_days": 10}, "unknown setting(s) c.CourseDeadlines.percent_per_days"),
    ({"due": ["rain_water"]}, "c.CourseDeadlines.due must be a dict"),
    ({"due": {"rain_waters": "2026-12-15 23:59:00 UTC"}}, "c.CourseDeadlines.due names 'rain_waters'"),
    ({"due": {"rain_water": "2026-12-15 23:59:00"}}, "due['rain_water']: '2026-12-15 23:59:00' has no time zone"),
    ({"due": {"rain_water": "2026-12-15 23:59:00 Mars/Olympus"}}, "unknown time zone 'Mars/Olympus'"),
    ({"due": {"rain_water": "next friday"}}, "due['rain_water']: 'next friday' is not a date"),
    ({"due": {"rain_water": 20261215}}, "due['rain_water'] must be a date and time with its time zone"),
])
def test_bad_settings_are_named(settings, named):
    with pytest.raises(ValueError) as error:
        deadlines.check(_config(**settings), ["rain_water", "coding_questions"])
    assert named in str(error.value), str(error.value)


def test_good_settings_and_time_zones():
    rule, due = deadlines.check(_config(percent_per_day=5, due={
        "rain_water": "2026-12-15 23:59:00 UTC", "coding_questions": "2026-12-16T00:59:00+01:00"}),
        ["rain_water", "coding_questions"])
    assert rule == Rule("percent_per_day", 5, 100, 0)
    assert due == {"rain_water": datetime(2026, 12, 15, 23, 59), "coding_questions": datetime(2026, 12, 15, 23, 59)}
    assert deadlines.parse_due("2026-06-15 23:59:00 Europe/Paris") == datetime(2026, 6, 15, 21, 59)
    assert deadlines.due_dates(_config(due={"rain_water": None})) == {"rain_water": None}  # clears it


def test_penalty_settings_without_the_plugin_are_refused():
    config = _config(percent_per_day=10)
    del config.AssignLatePenalties["plugin_class"]
    with pytest.raises(ValueError, match="c.AssignLatePenalties.plugin_class"):
        deadlines.check(config)
    only_dates = Config()
    only_dates.CourseDeadlines.due = {"rain_water": "2026-12-15 23:59:00 UTC"}
    deadlines.check(only_dates)  # due dates alone need no plugin


def test_the_course_config_is_valid_and_the_demo_is_designed_around_it():
    from nbgrader.utils import parse_utc

    rule, due = grading.check_deadlines(ROOT)
    topic = demo_class.LATE_TOPIC
    late = (parse_utc(demo_class.handed_in("kim", topic)) - due[topic]).total_seconds()
    assert rule.days_late(late) == 3, "kim is designed to be three started days late"
    for t, date in due.items():
        assert date is None or parse_utc(demo_class.HANDED_IN) < date, f"the on-time demo students are late for {t}"
    raw = demo_class.expected_scores(topic, late_penalty=False)
    final = demo_class.expected_scores(topic)
    assert raw["kim"] == raw["ada"] > 0
    assert final["kim"] == pytest.approx(raw["kim"] - rule.penalty(raw["kim"], late)) and final["kim"] < raw["kim"]
    assert {s: v for s, v in final.items() if s != "kim"} == {s: v for s, v in raw.items() if s != "kim"}


# --- grades.csv and the table -------------------------------------------------------------------

def test_grades_csv_merges_a_file_with_the_old_header(tmp_path):
    path = tmp_path / "grades.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(grading.OLD_CSV_FIELDS)
        writer.writerow(["ada", "coding_questions", "12", "12", "yes", "", "30.0"])
        writer.writerow(["kim", "rain_water", "10", "10", "yes", "", "30.0"])
    kim = grading.Result("kim", "rain_water", score=7, max_score=10, ok=True, raw_score=10, late_penalty=3,
                         days_late=3, handed_in="2026-12-18 20:00:00 UTC", due="2026-12-15 23:59:00 UTC")
    grading.write_csv([kim], path)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    assert list(rows[0]) == grading.CSV_FIELDS and grading.CSV_FIELDS[:7] == grading.OLD_CSV_FIELDS
    by = {(r["student"], r["topic"]): r for r in rows}
    assert set(by) == {("ada", "coding_questions"), ("kim", "rain_water")}, "the old row must be kept"
    assert by[("ada", "coding_questions")]["raw_score"] == "12" and by[("ada", "coding_questions")]["late_penalty"] == "0"
    k = by[("kim", "rain_water")]
    assert (k["score"], k["raw_score"], k["late_penalty"], k["days_late"]) == ("7", "10", "3", "3")
    grading.write_csv([], path)  # the new header is read back as it is
    assert list(csv.DictReader(open(path, encoding="utf-8"))) == rows


def test_the_table_marks_late_submissions():
    ada = grading.Result("ada", "rain_water", 10, 10, True, raw_score=10, handed_in="x", due="y")
    kim = grading.Result("kim", "rain_water", 7, 10, True, raw_score=10, late_penalty=3, days_late=3,
                         handed_in="2026-12-18 20:00:00 UTC", due="2026-12-15 23:59:00 UTC")
    lee = grading.Result("lee", "rain_water", 10, 10, True, raw_score=10, due="2026-12-15 23:59:00 UTC")
    text = grading.table([ada, kim, lee])
    assert "7/10 L" in text and "10/10 L" not in text, text
    assert "kim / rain_water: 3 day(s) late" in text and "raw 10, penalty 3, final 7" in text, text
    assert "No timestamp.txt" in text and "lee/rain_water" in text and "ada/rain_water" not in text, text


# --- a real grading run -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A copy of the course; rain_water graded for kim (late) and ada (on time)."""
    course = tmp_path_factory.mktemp("deadlines")
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, course / name)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    topic = demo_class.LATE_TOPIC
    for student in ("ada", "kim"):
        shutil.copytree(ROOT / "submitted" / student / topic, course / "submitted" / student / topic)
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_DB_URL"}
    run = subprocess.run([sys.executable, "-m", "course", "grade", topic, "--root", str(course), "--quiet",
                          "--no-feedback", "-j", "2"], capture_output=True, text=True, timeout=900, env=env)
    assert run.returncode == 0, f"grading failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return course, run


@pytest.mark.slow
@pytest.mark.xdist_group("deadlines")
def test_raw_penalty_and_final_agree_everywhere(graded):
    from nbgrader.api import Gradebook
    from nbgrader.utils import parse_utc

    course, run = graded
    topic = demo_class.LATE_TOPIC
    rule, due = grading.check_deadlines(course)
    gradebook = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        assert gb.find_assignment(topic).duedate == due[topic], "the due date was not written into the gradebook"
        for student in ("ada", "kim"):
            sub = gb.find_submission(topic, student)
            assert sub.timestamp == parse_utc(demo_class.handed_in(student, topic)), "timestamp.txt was not read"
            gradebook[student] = (float(sub.score), float(sub.late_submission_penalty), sub.total_seconds_late)
    raw, penalty, seconds = gradebook["kim"]
    assert seconds > 0 and rule.days_late(seconds) == 3
    assert penalty == pytest.approx(rule.penalty(raw, seconds)) and penalty > 0
    assert gradebook["ada"][1:] == (0.0, 0)
    designed_raw = demo_class.expected_scores(topic, late_penalty=False)
    designed = demo_class.expected_scores(topic)
    assert raw == designed_raw["kim"] and raw - penalty == pytest.approx(designed["kim"])

    rows = {r["student"]: r for r in csv.DictReader(open(course / "grades.csv", encoding="utf-8"))}
    for student, (raw_s, penalty_s, seconds_s) in gradebook.items():
        row = rows[student]
        assert float(row["raw_score"]) == raw_s and float(row["late_penalty"]) == pytest.approx(penalty_s)
        assert float(row["score"]) == pytest.approx(raw_s - penalty_s) == pytest.approx(designed[student])
        assert int(row["days_late"]) == rule.days_late(seconds_s)
    assert f"{float(rows['kim']['score']):g}/{float(rows['kim']['max_score']):g} L" in run.stdout, run.stdout
    assert "kim / rain_water: 3 day(s) late" in run.stdout and "ada / rain_water" not in run.stdout, run.stdout

    grades = export.read_gradebook(course)
    wide = list(csv.DictReader(io.StringIO(export.export(grades, "csv")[0])))
    kim = next(r for r in wide if r["student"] == "kim")
    assert (float(kim[topic]), float(kim[f"{topic} raw"]), float(kim[f"{topic} late penalty"])) == \
        pytest.approx((raw - penalty, raw, penalty))
    canvas = list(csv.reader(io.StringIO(export.export(grades, "canvas")[0])))
    column = canvas[0].index(topic)
    assert {r[3]: float(r[column]) for r in canvas[2:]} == pytest.approx({"ada": designed["ada"], "kim": raw - penalty})

    page = report.build(course)
    assert '<table id="late">' in page
    late_rows = report.read_late(course, f"sqlite:///{course / 'gradebook.db'}")
    assert [(x.student, x.days_late, x.raw, x.penalty) for x in late_rows] == [("kim", 3, raw, pytest.approx(penalty))]


@pytest.mark.slow
def test_grade_stops_on_a_bad_setting_before_grading(tmp_path):
    shutil.copytree(ROOT / "source", tmp_path / "source")
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    with open(tmp_path / "nbgrader_config.py", "a", encoding="utf-8") as f:
        f.write("\nc.CourseDeadlines.max_percent = 120\n")
    run = subprocess.run([sys.executable, "-m", "course", "grade", "--root", str(tmp_path), "--quiet"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "c.CourseDeadlines.max_percent must be between 0 and 100" in run.stderr, run.stderr
    assert not (tmp_path / "gradebook.db").exists()
