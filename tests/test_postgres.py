"""A gradebook in PostgreSQL: the course's parallel grading through nbgrader's db_url.

A throwaway PostgreSQL cluster (Debian's postgresql package: initdb, pg_ctl) is started on
127.0.0.1 in a temporary folder; a copy of the course is graded with
NBGRADER_DB_URL=postgresql://..., another copy with the default sqlite file, and every grade
of every cell must be the same. Skipped, with the way to enable it, where PostgreSQL's
server programs are not installed (`.ci/run` installs them).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from course import ROOT
from course.notebooks import topics
from harness import GRADES_SQL

pytestmark = [pytest.mark.slow, pytest.mark.alone, pytest.mark.xdist_group("grading")]

TOPIC = "rain_water" if "rain_water" in topics() else topics()[0]
STUDENTS = ["ada", "cho", "fay", "gus"]  # perfect, partial, not valid JSON, edited locked cells
def _server_bin() -> Path | None:
    """The folder of PostgreSQL's initdb / pg_ctl / postgres, or None."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.insert(0, Path(found).resolve().parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """URL of an empty database on a throwaway PostgreSQL server."""
    pg = _server_bin()
    if pg is None:
        pytest.skip("PostgreSQL's server programs are not installed: `apt-get install postgresql` "
                    "(Debian) enables this test")
    pytest.importorskip("psycopg", reason="psycopg is missing: `.venv/bin/pip install -r requirements.txt`")
    base = Path(tempfile.mkdtemp(prefix="course-pg-"))
    data, sock = base / "data", base / "sock"
    data.mkdir()
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as its own user
        base.chmod(0o755)
        shutil.chown(data, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = subprocess.run(prefix + [str(pg / "initdb"), "-D", str(data), "-U", "grader", "--auth=trust",
                                   "--no-sync", "-E", "UTF8"], capture_output=True, text=True)
    assert run.returncode == 0, f"initdb failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}"
    log = sock / "server.log"
    start = subprocess.run(prefix + [str(pg / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                                     "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off",
                                     "start"], capture_output=True, text=True)
    assert start.returncode == 0, f"pg_ctl start failed:\n{start.stdout}{start.stderr}"
    try:
        import psycopg

        with contextlib.closing(psycopg.connect(host="127.0.0.1", port=port, user="grader",
                                                 dbname="postgres")) as db:
            db.autocommit = True
            db.cursor().execute("CREATE DATABASE gradebook")
        yield f"postgresql://grader@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(prefix + [str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _copy(dest: Path) -> Path:
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, dest / name)
    for student in STUDENTS:
        shutil.copytree(ROOT / "submitted" / student / TOPIC, dest / "submitted" / student / TOPIC)
    shutil.copy(ROOT / "nbgrader_config.py", dest)
    return dest


def _grade(course: Path, db_url: str | None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("NBGRADER_DB_URL", None)
    if db_url:
        env["NBGRADER_DB_URL"] = db_url
    return subprocess.run([sys.executable, "-m", "course", "grade", TOPIC, "--root", str(course), "--quiet",
                           "--no-feedback", "-j", "2"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900)


def test_grading_into_postgresql_equals_grading_into_sqlite(postgres, tmp_path):
    import psycopg

    on_pg, on_sqlite = _copy(tmp_path / "pg"), _copy(tmp_path / "sqlite")
    runs = {"postgresql": _grade(on_pg, postgres), "sqlite": _grade(on_sqlite, None)}
    for name, run in runs.items():
        assert run.returncode == 0, f"grading into {name} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    assert not (on_pg / "gradebook.db").exists(), \
        "with NBGRADER_DB_URL set, grading still wrote a sqlite gradebook.db"
    with contextlib.closing(psycopg.connect(postgres)) as db, db.cursor() as cursor:
        cursor.execute(GRADES_SQL)
        pg_grades = {tuple(row[:4]): tuple(row[4:]) for row in cursor.fetchall()}
    with contextlib.closing(sqlite3.connect(on_sqlite / "gradebook.db")) as db:
        sqlite_grades = {tuple(row[:4]): (row[4], row[5], bool(row[6])) for row in db.execute(GRADES_SQL)}
    assert pg_grades, f"no grade reached PostgreSQL:\n{runs['postgresql'].stdout[-3000:]}"
    pg_grades = {k: (v[0], v[1], bool(v[2])) for k, v in pg_grades.items()}
    different = {k: (sqlite_grades.get(k), pg_grades.get(k)) for k in set(pg_grades) | set(sqlite_grades)
                 if pg_grades.get(k) != sqlite_grades.get(k)}
    assert not different, f"{len(different)} grade(s) differ (sqlite, postgresql): {sorted(different.items())[:8]}"
    graded = {k[0] for k in pg_grades}
    assert graded == set(STUDENTS), f"students with grades in PostgreSQL: {sorted(graded)}"
    assert any(v[0] for k, v in pg_grades.items() if k[0] == "ada"), "ada's perfect answers scored nothing"
    assert "fay / " + TOPIC in runs["postgresql"].stdout, "fay's invalid notebook should be named in the table"
