"""Grades into the LMS: ``python -m course export --format canvas|moodle|csv [--out FILE]``.

Reads every student and every submission of the course's gradebook (nbgrader's ``Gradebook`` on
``CourseDirectory.db_url``: the sqlite file, or PostgreSQL when NBGRADER_DB_URL says so) and writes
one CSV file with one row per student and one column per assignment (topic). A score is the
final score of the submission: the gradebook's score (autograded plus manual grades) less the late
penalty nbgrader recorded (``late_submission_penalty``, see course/deadlines.py). Canvas and Moodle
get the final score only, as their imports take one number per assignment; the course's csv
format shows the raw score and the penalty too. A student who handed nothing in for a topic gets
an empty cell, which both LMSs leave as it was. The command warns, on stderr,
about submissions that still need manual grading and about students the LMS cannot identify.

Formats, as the LMSs document their imports
-------------------------------------------
canvas
    Canvas's Gradebook import ("Import" in the Gradebook's actions; Canvas Instructor Guide,
    "How do I import grades in the Gradebook?",
    https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807,
    and the Ohio State summary of it, https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/
    calculating-final-grades/import-csv-file-carmen-grades) takes the columns of Canvas's own export:
    ``Student, ID, SIS User ID, SIS Login ID, Section``, then one column per assignment. Canvas
    matches a student by one of Student (``Last, First``), ID (the Canvas user id) or SIS User ID,
    and needs the SIS Login ID and Section columns to be present. An assignment column named
    ``Name (12345)`` updates Canvas assignment 12345; a column with a name Canvas does not know
    creates a new assignment (OSU's page: "New assignment columns in the Gradebook generate new
    assignments"). As in Canvas's export, the second row is ``Points Possible`` under Student, with
    each assignment's maximum score, so a new assignment gets the right points.
    Filled in here: Student = ``Last, First`` (the nbgrader id when the gradebook has no name),
    ID = nbgrader's ``lms_user_id``, SIS Login ID = the nbgrader student id, SIS User ID and
    Section empty. Assignment columns are the topic names, or ``topic (ID)`` with ``--canvas-ids``.
moodle
    Moodle's "Import grades: CSV file" (MoodleDocs, "Grade import",
    https://docs.moodle.org/311/en/Grade_import, and its code, moodle/moodle
    grade/import/csv/classes/load_data.php): the first row is the header; after the upload the
    teacher maps one column to a user field ("Map from" a column, "Map to" userid, username,
    useridnumber or useremail: MoodleDocs advises "Email address" to useremail) and every other
    column to a grade item, to "New grade item", or to nothing. Every following row is a student:
    no row of maximum points, and a row whose identifier is empty or unknown stops the import.
    Written here: ``First name, Last name, Username, Email address, User ID`` (``lms_user_id``, the
    Moodle user id an LTI launch from Moodle gives nbgrader), then one column per topic. Students
    without the field chosen with ``--match`` (default: email) are left out of the file and named
    on stderr, so the file never stops Moodle's import half-way.
csv
    The course's own wide table, one row per student: ``student``, then for every topic
    ``<topic>`` (the final score), ``<topic> raw`` and ``<topic> late penalty``, then ``total``,
    ``total raw`` and ``total late penalty`` (totals count only the submissions handed in).
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT

FORMATS = ("canvas", "moodle", "csv")
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["First name", "Last name", "Username", "Email address", "User ID"]
MOODLE_MATCH = {"email": "Email address", "userid": "User ID", "username": "Username"}


@dataclass
class Student:
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""


@dataclass
class Grades:
    """What the gradebook holds: students, assignments with their maximum score, scores."""
    students: list[Student]
    max_scores: dict[str, float]                                    # assignment -> points possible
    scores: dict[tuple[str, str], float] = field(default_factory=dict)  # (student, assignment) -> final score
    needs_manual: list[tuple[str, str]] = field(default_factory=list)
    penalties: dict[tuple[str, str], float] = field(default_factory=dict)  # late penalties (absent: none)

    def penalty(self, student: str, assignment: str) -> float:
        return self.penalties.get((student, assignment), 0.0)

    def raw(self, student: str, assignment: str) -> float | None:
        """The score before the late penalty (None: nothing handed in)."""
        score = self.scores.get((student, assignment))
        return None if score is None else score + self.penalty(student, assignment)

    @property
    def assignments(self) -> list[str]:
        return sorted(self.max_scores)


def read_gradebook(root: Path = ROOT, db_url: str | None = None) -> Grades:
    """Students, assignments and submission scores from the course's nbgrader gradebook."""
    from nbgrader.api import Gradebook

    from .grading import _load_config

    root = Path(root).resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise ValueError(f"{root} has no nbgrader_config.py: not a course")
    config = _load_config(str(root))
    db_url = db_url or config.CourseDirectory.db_url
    if db_url.startswith("sqlite:///") and not Path(db_url[len("sqlite:///"):]).is_file():
        raise ValueError(f"there is no gradebook at {db_url[len('sqlite:///'):]}: grade first (python -m course grade)")
    with contextlib.chdir(root), Gradebook(db_url, config.CourseDirectory.course_id) as gb:
        students = [Student(s.id, s.first_name or "", s.last_name or "", s.email or "", s.lms_user_id or "")
                    for s in sorted(gb.students, key=lambda s: s.id)]
        grades = Grades(students, {a.name: float(a.max_score) for a in gb.assignments})
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                penalty = float(sub.late_submission_penalty or 0.0)
                grades.scores[(sub.student.id, assignment.name)] = float(sub.score) - penalty
                if penalty:
                    grades.penalties[(sub.student.id, assignment.name)] = penalty
                if sub.needs_manual_grade:
                    grades.needs_manual.append((sub.student.id, assignment.name))
    return grades


def _number(x: float) -> str:
    """Plain decimal, no exponent, no trailing zeros (both LMSs read 7.5 and 7)."""
    text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _score(grades: Grades, student: str, assignment: str) -> str:
    score = grades.scores.get((student, assignment))
    return "" if score is None else _number(score)


def _write(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends; both LMSs read them
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def canvas(grades: Grades, canvas_ids: dict[str, str] | None = None) -> str:
    canvas_ids = canvas_ids or {}
    columns = [f"{a} ({canvas_ids[a]})" if a in canvas_ids else a for a in grades.assignments]
    rows = [["Points Possible", "", "", "", ""] + [_number(grades.max_scores[a]) for a in grades.assignments]]
    for s in grades.students:
        name = f"{s.last_name}, {s.first_name}" if s.last_name and s.first_name else (s.last_name or s.first_name or s.id)
        rows.append([name, s.lms_user_id, "", s.id, ""] + [_score(grades, s.id, a) for a in grades.assignments])
    return _write(CANVAS_HEADER + columns, rows)


def moodle(grades: Grades, match: str = "email") -> tuple[str, list[str]]:
    """The file, and the students left out because they lack the identifier Moodle will match on."""
    if match not in MOODLE_MATCH:
        raise ValueError(f"--match must be one of {sorted(MOODLE_MATCH)}, not {match!r}")
    rows, left_out = [], []
    for s in grades.students:
        row = [s.first_name, s.last_name, s.id, s.email, s.lms_user_id]
        if not row[MOODLE_HEADER.index(MOODLE_MATCH[match])]:
            left_out.append(s.id)
            continue
        rows.append(row + [_score(grades, s.id, a) for a in grades.assignments])
    return _write(MOODLE_HEADER + grades.assignments, rows), left_out


def wide_csv(grades: Grades) -> str:
    header = ["student"]
    for a in grades.assignments:
        header += [a, f"{a} raw", f"{a} late penalty"]
    rows = []
    for s in grades.students:
        row, totals = [s.id], [0.0, 0.0, 0.0]
        for a in grades.assignments:
            if (s.id, a) not in grades.scores:
                row += ["", "", ""]
                continue
            values = [grades.scores[(s.id, a)], grades.raw(s.id, a), grades.penalty(s.id, a)]
            row += [_number(v) for v in values]
            totals = [t + v for t, v in zip(totals, values)]
        rows.append(row + [_number(t) for t in totals])
    return _write(header + ["total", "total raw", "total late penalty"], rows)


def export(grades: Grades, fmt: str, match: str = "email",
           canvas_ids: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """(file text, warnings) for one format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if not grades.students or not grades.max_scores:
        raise ValueError("the gradebook is empty (no student or no assignment): grade first (python -m course grade)")
    if not grades.scores:
        raise ValueError("the gradebook has no submission: grade first (python -m course grade)")
    unknown = sorted(set(canvas_ids or {}) - set(grades.max_scores))
    if unknown:
        raise ValueError(f"--canvas-ids names assignments the gradebook does not have: {unknown}")
    warnings = [f"{student} / {topic}: still needs manual grading; its score holds only what is graded so far"
                for student, topic in grades.needs_manual]
    if grades.penalties and fmt != "csv":
        warnings.append(f"{len(grades.penalties)} late submission(s): the file holds their final score (raw score less "
                        "the late penalty); the csv format shows both")
    if fmt == "canvas":
        text = canvas(grades, canvas_ids)
        missing = [s.id for s in grades.students if not s.lms_user_id]
        if missing:
            warnings.append(f"{len(missing)} student(s) without an lms_user_id (Canvas matches them by name or SIS "
                            f"Login ID only): {', '.join(missing)}")
    elif fmt == "moodle":
        text, left_out = moodle(grades, match)
        if len(left_out) == len(grades.students):
            raise ValueError(f"no student has a {MOODLE_MATCH[match]!r} in the gradebook, which Moodle would match "
                             "on: fill it in (nbgrader db student add/import, see README) or choose another --match")
        if left_out:
            warnings.append(f"left out of the file, no {MOODLE_MATCH[match]!r} in the gradebook: {', '.join(left_out)}")
    else:
        text = wide_csv(grades)
    return text, warnings


def _canvas_ids(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        topic, sep, number = pair.partition("=")
        if not sep or not topic or not number.isdigit():
            raise ValueError(f"--canvas-id takes TOPIC=NUMBER (the Canvas assignment id), not {pair!r}")
        out[topic] = number
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course export", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", required=True, choices=FORMATS, help="which LMS import to write for")
    parser.add_argument("--out", type=Path, default=None, help="file to write (default: ROOT/grades-canvas.csv, grades-moodle.csv or grades-wide.csv)")
    parser.add_argument("--match", default="email", choices=sorted(MOODLE_MATCH),
                        help="moodle: the column Moodle identifies students by (default: email)")
    parser.add_argument("--canvas-id", action="append", default=[], metavar="TOPIC=NUMBER",
                        help="canvas: update the existing Canvas assignment NUMBER with TOPIC's scores (repeat)")
    parser.add_argument("--root", type=Path, default=ROOT, help="course root (default: this checkout)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        grades = read_gradebook(root)
        text, warnings = export(grades, args.format, args.match, _canvas_ids(args.canvas_id))
    except ValueError as error:
        parser.error(str(error))
    out = args.out or root / f"grades-{'wide' if args.format == 'csv' else args.format}.csv"
    out.write_text(text, encoding="utf-8")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{len(grades.students)} students x {len(grades.max_scores)} assignments written for {args.format} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
