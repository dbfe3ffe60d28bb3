"""The Binder set-up, tested the only way possible here: build it as repo2docker would.

Binder opens the student edition, not this repository (which holds the solutions), so the
edition is what is built: `python -m course publish` writes it into a temporary folder,
then, as repo2docker does with a repository, a Python of runtime.txt's version runs
`pip install -r requirements.txt` in it (a fresh virtual environment; pip's cache is
reused), then `postBuild`. The course then runs from that environment: `import utils`
(from the edition, without the instructor tools in `course/`), one lesson top to bottom,
and the rain_water release (the stubs raise, the rest runs). It also checks that postBuild
switched the instructor-only nbgrader parts off, and that the edition's Binder badges open
the index and every topic of the edition.

Slow (a few minutes): deselect with `-m "not slow"`.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import urllib.parse
from pathlib import Path

import pytest

from course import ROOT, docs, publish
from course.notebooks import lessons, release_path, topics

pytestmark = [pytest.mark.slow, pytest.mark.alone, pytest.mark.xdist_group("binder")]

INSTRUCTOR_LAB_PLUGINS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"]
INSTRUCTOR_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader"]
STUDENT_LAB_PLUGINS = ["@jupyter/nbgrader:validate-assignment"]


def _base_python() -> str:
    return getattr(sys, "_base_executable", None) or sys.executable


def _run(args, cwd, env=None, timeout=1800):
    run = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert run.returncode == 0, f"`{' '.join(map(str, args))}` failed ({run.returncode}) in {cwd}:\n" \
                                f"{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return run


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """(the published student edition, its bin/ folder, environment) after requirements.txt and postBuild."""
    base = tmp_path_factory.mktemp("binder")
    repo = base / "edition"
    publish.publish(repo)
    venv = base / "env"
    _run([_base_python(), "-m", "venv", str(venv)], base)
    bindir = venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER_PATH",
                                                             "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR")}
    env.update(PATH=str(bindir) + os.pathsep + env.get("PATH", ""), VIRTUAL_ENV=str(venv),
               JUPYTER_PLATFORM_DIRS="1", MPLBACKEND="Agg",
               # keep the user's Jupyter config out: only the environment's (sys-prefix) config counts
               JUPYTER_CONFIG_DIR=str(base / "jupyter-config"), JUPYTER_DATA_DIR=str(base / "jupyter-data"))
    _run([str(bindir / "python"), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"], repo, env)
    _run(["bash", "postBuild"], repo, env)
    return repo, bindir, env


def test_runtime_txt_matches_the_environment(binder):
    repo, bindir, env = binder
    wanted = (repo / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.\d+", wanted), f"runtime.txt should read like python-3.11, got {wanted!r}"
    got = _run([str(bindir / "python"), "-c", "import sys; print(f'python-{sys.version_info[0]}.{sys.version_info[1]}')"],
               repo, env).stdout.strip()
    assert got == wanted, f"the environment runs {got}, runtime.txt asks for {wanted}"


def test_postbuild_turns_the_instructor_parts_off(binder):
    repo, bindir, env = binder
    lab = _run([str(bindir / "jupyter"), "labextension", "list"], repo, env)
    text = re.sub(r"\x1b\[[0-9;]*m", "", lab.stdout + lab.stderr)
    disabled = text.split("Disabled extensions:", 1)[1] if "Disabled extensions:" in text else ""
    for plugin in INSTRUCTOR_LAB_PLUGINS:
        assert plugin in disabled, f"postBuild should disable {plugin}; `jupyter labextension list` says:\n{text}"
    for plugin in STUDENT_LAB_PLUGINS:
        assert plugin not in disabled, f"students need {plugin} (Validate); postBuild disabled it:\n{text}"
    server = _run([str(bindir / "jupyter"), "server", "extension", "list"], repo, env)
    text = re.sub(r"\x1b\[[0-9;]*m", "", server.stdout + server.stderr)
    for extension in INSTRUCTOR_SERVER_EXTENSIONS:
        assert re.search(rf"{re.escape(extension)}\s+disabled", text), \
            f"postBuild should disable the server extension {extension}:\n{text}"
    assert re.search(r"nbgrader\.server_extensions\.validate_assignment\s+enabled", text), \
        f"students need the validate_assignment server extension:\n{text}"


def test_utils_imports_cheaply(binder):
    repo, bindir, env = binder
    code = ("import sys, utils; heavy = [m for m in ('matplotlib', 'pandas', 'sklearn', 'scipy') if m in sys.modules];"
            "print(utils.__file__); assert not heavy, heavy")
    out = _run([str(bindir / "python"), "-c", code], repo, env).stdout
    assert str(repo) in out, f"utils should come from the student edition, got {out}"


def test_the_edition_has_no_instructor_tools(binder):
    """`-e .` of the edition installs utils only: the grading tools are neither copied nor importable."""
    repo, bindir, env = binder
    assert not (repo / "course").exists() and not (repo / "source").exists()
    code = "import importlib.util as u; print(u.find_spec('course'), u.find_spec('utils').origin)"
    out = _run([str(bindir / "python"), "-c", code], repo / "notebooks", env).stdout.split()
    assert out[0] == "None", f"the Binder environment can import the instructor tools: course is {out[0]}"
    assert out[1].startswith(str(repo / "utils")), f"utils should be installed from the edition: {out[1]}"


RUNNER = textwrap.dedent("""
    import json, sys
    import nbformat
    from nbclient import NotebookClient
    path = sys.argv[1]
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": sys.argv[2]}}).execute()
    report = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                report.append({"cell": index, "grade_id": cell.metadata.get("nbgrader", {}).get("grade_id"),
                               "ename": out["ename"], "evalue": out["evalue"][:300]})
    print(json.dumps(report))
""")


def _execute(binder, notebook: Path) -> list[dict]:
    repo, bindir, env = binder
    run = _run([str(bindir / "python"), "-c", RUNNER, str(notebook), str(notebook.parent)], repo, env)
    return json.loads(run.stdout.strip().splitlines()[-1])


def _lesson() -> str:
    names = [p.name for p in lessons()]  # the edition ships every lesson (tests/test_publish.py)
    if not names:
        pytest.fail("notebooks/ has no lesson to run on Binder")
    return "rain_water.ipynb" if "rain_water.ipynb" in names else names[0]


def test_a_lesson_runs_top_to_bottom(binder):
    repo, _, _ = binder
    name = _lesson()
    errors = _execute(binder, repo / "notebooks" / name)
    assert not errors, f"notebooks/{name} raised on Binder: " + "; ".join(
        f"cell {e['cell']}: {e['ename']}: {e['evalue']}" for e in errors)


def test_the_rain_water_release_runs_and_its_stubs_raise(binder):
    repo, _, _ = binder
    topic = "rain_water" if "rain_water" in topics() else topics()[0]
    notebook = repo / release_path(topic).relative_to(ROOT)
    errors = _execute(binder, notebook)
    setup = [e for e in errors if e["grade_id"] == "setup"]
    assert not setup, f"the setup cell of release/{topic} fails on Binder: {setup}"
    stubs = [e for e in errors if e["ename"] == "NotImplementedError"]
    assert stubs, f"release/{topic}: no stub raised NotImplementedError; errors were {errors}"
    odd = [e for e in errors if e["ename"] not in ("NotImplementedError", "AssertionError", "NameError")]
    assert not odd, f"release/{topic} fails on Binder for another reason than its stubs: {odd}"


def test_readme_binder_badges_open_the_index_and_every_topic(binder):
    repo, _, _ = binder
    text = (repo / "README.md").read_text(encoding="utf-8")
    badges = re.findall(r"mybinder\.org/v2/gh/([^/\s)]+/[^/\s)]+)/[^)\s]*[?&]labpath=([^)\s&]+)", text)
    assert {slug for slug, _ in badges} == {docs.STUDENT_REPO}, \
        f"the edition's Binder badges must open {docs.STUDENT_REPO}: {sorted({slug for slug, _ in badges})}"
    targets = {urllib.parse.unquote(path) for _, path in badges}
    missing_files = sorted(t for t in targets if not (repo / t).exists())
    assert not missing_files, f"the edition's Binder badges open files it does not hold: {missing_files}"
    assert "notebooks/index.ipynb" in targets, "README needs a Binder badge with ?labpath=notebooks%2Findex.ipynb"
    uncovered = [t for t in topics() if not any(f"/{t}/" in x or x.endswith(f"/{t}.ipynb") for x in targets)]
    assert not uncovered, f"README has no Binder badge opening these topics: {uncovered}"
