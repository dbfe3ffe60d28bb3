"""release/ is exactly what nbgrader generates from source/, and its stubs fail every test."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from course import ROOT
from course.demo_class import _solved
from course.notebooks import release_path


def _has_code(src: str) -> bool:
    return any(line.strip() and not line.strip().startswith("#") for line in src.splitlines())
from conftest import TOPICS


@pytest.fixture(scope="module")
def fresh_release(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "source", course / "source")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    (course / "submitted").mkdir()
    run = subprocess.run([sys.executable, "-m", "course", "release", "--root", str(course)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"generate_assignment failed:\n{run.stdout}\n{run.stderr}"
    return course


@pytest.mark.xdist_group("release")
@pytest.mark.parametrize("topic", TOPICS)
def test_release_is_fresh(topic, fresh_release):
    committed = json.loads(release_path(topic).read_text(encoding="utf-8"))
    generated = json.loads(release_path(topic, fresh_release).read_text(encoding="utf-8"))
    if committed != generated:
        for n, (a, b) in enumerate(zip(committed["cells"], generated["cells"])):
            assert a == b, (f"release/{topic} cell {n} differs from what generate_assignment makes from source/; "
                            f"run `make release`")
        assert len(committed["cells"]) == len(generated["cells"]), f"release/{topic} has a different number of cells"
        assert committed == generated, f"release/{topic} metadata differs; run `make release`"
    extra = sorted(p.name for p in (ROOT / "release" / topic).iterdir()) != \
        sorted(p.name for p in (fresh_release / "release" / topic).iterdir())
    assert not extra, f"release/{topic} holds files that generate_assignment does not make"


def _validator(invert: bool):
    from nbgrader.validator import Validator
    from traitlets.config import Config

    config = Config()
    config.Validator.invert = invert
    config.Execute.timeout = 60
    return Validator(config=config)


@pytest.mark.parametrize("topic", TOPICS)
def test_every_test_cell_fails_against_the_stubs(topic):
    """nbgrader's Validator with invert=True lists the graded cells that *pass* on the release.

    Hidden-test cells are empty in the release (their tests against the stubs run in
    test_planted.py), so only the visible test cells are expected to fail here.
    """
    result = _validator(invert=True).validate(str(release_path(topic)))
    assert "changed" not in result, f"release/{topic}: locked cells differ from their checksums"
    passed = [c["source"].splitlines()[0] for c in result.get("passed", [])
              if _has_code(c["source"])]
    assert not passed, f"release/{topic}: these test cells pass against the untouched stubs: {passed}"


@pytest.mark.parametrize("topic", TOPICS)
def test_release_with_reference_answers_validates(topic, tmp_path):
    path = tmp_path / f"{topic}.ipynb"
    import nbformat

    nbformat.write(_solved(topic, ROOT), str(path))
    result = _validator(invert=False).validate(str(path))
    failed = [(c["source"].splitlines()[0], c["raw_error"][-300:]) for c in result.get("failed", [])]
    assert not failed and "changed" not in result, f"release/{topic} with the reference answers fails: {failed or result}"
