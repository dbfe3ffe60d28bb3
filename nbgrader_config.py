"""nbgrader configuration of the course (read by every nbgrader command and by course/)."""
import os
import sys

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)
from course.deadlines import CourseDeadlines  # noqa: E402
from course.feedback import FeedbackVerdictsOnly  # noqa: E402

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "ml-interview-practice"
c.CourseDirectory.root = HERE
# The gradebook: a sqlite file by default (also when NBGRADER_DB_URL is set but empty); point
# NBGRADER_DB_URL at PostgreSQL for a course shared by several graders, e.g.
# postgresql://grader@db.example.org/ml_interview (see README).
c.CourseDirectory.db_url = os.environ.get("NBGRADER_DB_URL") or "sqlite:///" + os.path.join(HERE, "gradebook.db")
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# Every released notebook starts with the same "before you submit" note.
c.IncludeHeaderFooter.header = os.path.join(HERE, "source", "header.ipynb")
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A cell that runs longer than this is interrupted and fails; the notebook goes on.
c.Execute.timeout = 20
c.Execute.startup_timeout = 60
# A student who deleted a locked test cell gets it back, failing, instead of an error.
c.OverwriteCells.add_missing_cells = True

# Feedback never carries a secret out: hidden-test code is removed (ClearHiddenTests) and every
# output the student's code produced during grading is replaced by one line of the course's own
# words per failed cell (FeedbackVerdictsOnly; see course/feedback.py and the README's threat model).
c.GenerateFeedback.preprocessors = [GetGrades, FeedbackVerdictsOnly, ClearHiddenTests, CSSHTMLHeaderPreprocessor]

# The grading sandbox (course/sandbox.py): limits per submission. `python -m course grade`
# options (--memory, --processes, --disk, --output, --cpu-seconds) override these.
c.CourseSandbox.memory = "2GiB"        # address space per process, and all processes together (cgroup)
c.CourseSandbox.processes = 256        # processes and threads
c.CourseSandbox.disk = "512MiB"        # bytes written in its folder, and again in /tmp
c.CourseSandbox.output = "1MiB"        # output sent back by the kernel
c.CourseSandbox.cpu_seconds = 300      # CPU time per process
c.ClearHiddenTests.enforce_metadata = True

# Deadlines and late penalties (course/deadlines.py; README "Deadlines and late penalties").
# Due dates per topic, each with its time zone; `python -m course grade` writes them into the
# gradebook as nbgrader's assignment duedate. The handed-in time is nbgrader's timestamp.txt in
# submitted/<student>/<topic>/ (written by `nbgrader collect`); without it a submission is on time.
c.CourseDeadlines.due = {
    "rain_water": "2026-12-15 23:59:00 UTC",
    "coding_questions": "2026-12-22 23:59:00 UTC",
    "preprocessing": "2027-01-12 23:59:00 UTC",
    "pandas_tasks": "2027-01-19 23:59:00 UTC",
    "from_scratch": "2027-01-26 23:59:00 UTC",
    "ml_concepts": "2027-02-02 23:59:00 UTC",
    "cnn_concepts": "2027-02-09 23:59:00 UTC",
}
# The penalty, applied by nbgrader's AssignLatePenalties through the course's plugin:
# "percent_per_day" (below), or nbgrader's own "zero" (late scores 0) or "none".
c.AssignLatePenalties.plugin_class = CourseDeadlines
c.CourseDeadlines.penalty_method = "percent_per_day"
c.CourseDeadlines.percent_per_day = 10   # % of the raw score per started day late
c.CourseDeadlines.max_percent = 50       # never more than this % of the raw score
c.CourseDeadlines.grace_minutes = 15     # handed in at most this late: on time
