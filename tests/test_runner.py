"""The test runner does what the Makefile relies on: `--dist loadgroup` keeps the tests of one
xdist_group on one worker, so a module fixture that grades a copy of the demo class (minutes of
CPU) runs once, not once per worker. pytest 9.2 with pytest-xdist 3.8 silently stopped grouping
(pytest-xdist#1386): every heavy fixture ran on both workers and nothing failed."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from course import ROOT


def test_loadgroup_keeps_a_group_on_one_worker(tmp_path):
    log = tmp_path / "setups.log"
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    xdist_group: one worker\n")
    (tmp_path / "test_grouped.py").write_text(textwrap.dedent(f"""
        import os
        import pytest

        pytestmark = pytest.mark.xdist_group("heavy")

        @pytest.fixture(scope="module")
        def heavy():
            with open({str(log)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")

        @pytest.mark.parametrize("i", range(6))
        def test_uses_heavy(heavy, i):
            pass
        """))
    (tmp_path / "test_other.py").write_text(textwrap.dedent("""
        import time
        import pytest

        @pytest.mark.parametrize("i", range(6))
        def test_other(i):
            time.sleep(0.05)
        """))
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup",
                          "-p", "no:cacheprovider", "-c", str(tmp_path / "pytest.ini"), str(tmp_path)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    setups = log.read_text().split()
    assert len(setups) == 1, (f"the module fixture of one xdist_group ran {len(setups)} times (workers {setups}): "
                              f"--dist loadgroup does not group (check the pytest pin in requirements.txt)")


def test_tests_have_one_conftest():
    # tests/ is not a package: every conftest.py under it is imported as the module `conftest`, and a
    # second one (tests/e2e/conftest.py, stop 19) made `from conftest import TOPICS` fail in six modules
    found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("conftest.py"))
    assert found == ["tests/conftest.py"], f"put shared fixtures into tests/conftest.py, not {found}"
