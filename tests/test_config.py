"""nbgrader_config.py: which gradebook an instructor's environment selects."""
from __future__ import annotations

import pytest
from traitlets.config.loader import PyFileConfigLoader

from course import ROOT


def _db_url(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("NBGRADER_DB_URL", raising=False)
    else:
        monkeypatch.setenv("NBGRADER_DB_URL", value)
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config().CourseDirectory.db_url


@pytest.mark.parametrize("value", [None, ""])
def test_unset_or_empty_means_the_course_s_sqlite_file(monkeypatch, value):
    # an empty NBGRADER_DB_URL (`NBGRADER_DB_URL= make grade`) used to reach SQLAlchemy as the URL ""
    assert _db_url(monkeypatch, value) == "sqlite:///" + str(ROOT / "gradebook.db")


def test_a_url_is_used_as_given(monkeypatch):
    url = "postgresql://grader@db.example.org/ml_interview"
    assert _db_url(monkeypatch, url) == url
