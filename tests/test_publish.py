"""The student edition (`python -m course publish DIR`, course/publish.py): what students get and Binder opens.

Built once into a temporary folder: no instructor path, every file the notebooks need, no line of any
solution or hidden test in any file (and the check rejects a planted one, naming file and line), every
link of its documents resolving inside it, Binder badges opening it. Then the command's refusals: a
folder inside the course, a non-empty folder without --force, and what --force keeps and replaces.
Building it the way repo2docker would is tests/test_binder.py (slow, run alone).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from course import ROOT, docs, publish
from course.__main__ import main
from course.notebooks import hidden_lines, lessons, source_path, topics

pytestmark = pytest.mark.xdist_group("publish")

LINK = re.compile(r"\[[^\]]*\]\(([^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*\S)\s*$", re.M)
BINDER = re.compile(r"https://mybinder\.org/v2/gh/([^/\s)]+/[^/\s)]+)/HEAD\?labpath=([^)\s&]+)")


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("published") / "ml-interview-practice"
    publish.publish(dest)
    return dest


def _all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.relative_to(folder).parts)


def _utils_imports(paths) -> set[str]:
    """utils modules imported by the code cells of notebooks, read with a plain regex (not publish's AST walk)."""
    found = set()
    for path in paths:
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.cell_type == "code":
                for m in re.finditer(r"^\s*(?:from|import)\s+(utils\.\w+)", cell.source, re.M):
                    found.add(m.group(1))
                for m in re.finditer(r"^\s*from\s+utils\s+import\s+([\w, ]+)", cell.source, re.M):
                    found |= {f"utils.{name.strip()}" for name in m.group(1).split(",")}
    return found


# --- what is in it -------------------------------------------------------------------------------

def test_no_instructor_path_is_published(edition):
    names = {p.name for p in edition.rglob("*")}
    present = sorted(names & set(publish.FORBIDDEN))
    assert not present, f"the student edition holds instructor paths: {present}"
    for name in ("source", "tests", "course", "submitted", "autograded", "feedback", "benchmarks", ".ci",
                 "gradebook.db", "grades.csv", "nbgrader_config.py"):  # the list in the task, independent of FORBIDDEN
        assert not (edition / name).exists(), f"{name} must not be in the student edition"
    stray = sorted(p.name for p in edition.iterdir() if p.name not in publish.OWNED)
    assert not stray, f"publish wrote paths it does not own: {stray}"


def test_every_needed_file_is_published_as_in_the_course(edition):
    needed = ["notebooks/index.ipynb", "README.md", "QUESTIONS.md", "requirements.txt", "runtime.txt", "postBuild",
              "pyproject.toml", "utils/__init__.py"]
    needed += [f"notebooks/{p.name}" for p in lessons()]
    needed += [f"release/{t}/{t}.ipynb" for t in topics()]
    shipped_notebooks = [ROOT / n for n in needed if n.endswith(".ipynb")]
    needed += [m.replace(".", "/") + ".py" for m in sorted(_utils_imports(shipped_notebooks))]
    missing = [n for n in needed if not (edition / n).is_file()]
    assert not missing, f"the student edition lacks {missing}"
    for name in needed:
        if name.startswith(("notebooks/", "release/", "utils/")) or name in ("QUESTIONS.md", "runtime.txt", "postBuild"):
            assert (edition / name).read_bytes() == (ROOT / name).read_bytes(), f"{name} differs from the course's"
    assert os.stat(edition / "postBuild").st_mode & stat.S_IXUSR, "postBuild must stay executable for repo2docker"


def test_utils_holds_exactly_what_the_notebooks_import(edition):
    shipped = {f"utils.{p.stem}" for p in (edition / "utils").glob("*.py") if p.stem != "__init__"}
    notebooks = sorted(edition.glob("notebooks/*.ipynb")) + sorted(edition.glob("release/*/*.ipynb"))
    wanted = _utils_imports(notebooks)
    wanted |= {m for m in publish.imported_modules(sorted((edition / "utils").glob("*.py"))) if m in shipped}
    assert shipped == wanted, f"utils/ in the edition: {sorted(shipped)}; imported: {sorted(wanted)}"
    course_imports = sorted(m for m in publish.imported_modules(notebooks + _all_files(edition / "utils"))
                            if m == "course" or m.startswith("course."))
    assert not course_imports, f"a published notebook or module imports the instructor tools: {course_imports}"


def test_requirements_leave_out_only_instructor_tools(edition):
    theirs = (edition / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ours = set((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    pins = [line for line in theirs if line.strip() and not line.startswith("#")]
    foreign = [line for line in pins if line not in ours]
    assert not foreign, f"requirements.txt of the edition has lines the course's has not: {foreign}"
    names = {re.match(r"[A-Za-z0-9._-]+", line).group(0).lower().replace("_", "-") for line in pins if line != "-e ."}
    assert not names & set(publish.INSTRUCTOR_ONLY), f"instructor-only packages ship: {names & set(publish.INSTRUCTOR_ONLY)}"
    for student_needs in ("jupyterlab", "nbgrader", "numpy", "pandas", "matplotlib", "ipywidgets", "scikit-learn"):
        assert student_needs in names, f"students need {student_needs}: it must stay in requirements.txt"
    assert "-e ." in pins, "utils is installed with -e . (the notebooks import it from any folder)"
    project = tomllib.loads((edition / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["setuptools"]["packages"] == ["utils"], "the edition's pyproject must package utils only"


# --- the leak check ------------------------------------------------------------------------------

def test_the_leak_check_passes_over_every_file(edition):
    assert sorted(publish.files(edition)) == _all_files(edition), "the leak check must read every file of the edition"
    problems = publish.check(edition)
    assert not problems, "the student edition leaks:\n" + "\n".join(map(str, problems[:20]))


def test_no_solution_or_hidden_line_anywhere_independent_check(edition):
    """The same rule with test_leaks.py's simpler comparison, over every file (cells' text for notebooks)."""
    texts = {}
    for path in _all_files(edition):
        raw = path.read_text(encoding="utf-8")
        texts[path] = "\n".join(c.source for c in nbformat.reads(raw, as_version=4).cells) \
            if path.suffix == ".ipynb" else raw
    leaks = []
    for topic in topics():
        nb = nbformat.read(str(source_path(topic)), as_version=4)
        secret = hidden_lines(nb, min_length=12)
        assert secret, f"{topic}: no solution lines found; is the source notebook marked up?"
        shown = publish.public_text(nb)  # a line the statement or a visible test shows on purpose
        secret = {line for line in secret if line not in shown} - set(publish.COMMON_LINES)
        leaks += [f"{p.relative_to(edition)} ({topic}): {line!r}" for p, text in texts.items()
                  for line in secret if line in text]
    assert not leaks, "solution or hidden-test lines in the student edition:\n" + "\n".join(leaks[:10])


def test_exceptions_to_the_leak_check_are_few_short_and_shipped():
    """COMMON_LINES are generic lines that a lesson or utils/ holds; a line shown on purpose is exempt only
    in its own topic: the public text of a source notebook never includes its solutions or hidden tests."""
    assert len(publish.COMMON_LINES) <= 10
    shipped = "\n".join(c.source for p in lessons() for c in nbformat.read(str(p), as_version=4).cells)
    shipped += "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "utils").glob("*.py")))
    for line in publish.COMMON_LINES:
        assert len(line) <= 40, f"{line!r} is too long to be generic: reword the lesson instead"
        assert line in shipped, f"{line!r} is in no lesson or utils module any more: remove it from COMMON_LINES"
    for topic in topics():
        nb = nbformat.read(str(source_path(topic)), as_version=4)
        shown = publish.public_text(nb)
        assert "### BEGIN" not in shown and "### END" not in shown, f"{topic}: a region survived public_text"
    fake = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "x = 1\n### BEGIN SOLUTION\nanswer = compute_it_all()\n### END SOLUTION\nprint(x)")])
    assert "compute_it_all" not in publish.public_text(fake) and "print(x)" in publish.public_text(fake)


def _secret_with_quote() -> tuple[str, str]:
    secrets = publish.secret_lines()
    line = next((s for s in sorted(secrets) if '"' in s and secrets[s] == "rain_water"), None) or \
        next(s for s in sorted(secrets) if secrets[s] == "rain_water")
    return line, secrets[line]


def test_the_leak_check_can_fail(edition, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(edition, copy)
    secret, topic = _secret_with_quote()
    plots = copy / "utils" / "plots.py"
    lines = plots.read_text(encoding="utf-8").splitlines()
    lines.insert(9, "    " + secret)                                  # becomes line 10
    plots.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lesson = copy / "notebooks" / "rain_water.ipynb"
    nb = nbformat.read(str(lesson), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(f"x = 1\n{secret}\n"))
    nbformat.write(nb, str(lesson))
    leak_line = next(n for n, text in enumerate(lesson.read_text(encoding="utf-8").splitlines(), 1)
                     if json.dumps(secret)[1:-1] in text)
    (copy / "source").mkdir()
    (copy / "release" / "rain_water" / "gradebook.db").write_bytes(b"SQLite format 3\x00")
    found = {(p.path, p.line) for p in publish.check(copy)}
    assert ("utils/plots.py", 10) in found, f"a solution line planted in utils/plots.py:10 was not found: {found}"
    assert ("notebooks/rain_water.ipynb", leak_line) in found, \
        f"a solution line planted in a lesson (JSON line {leak_line}) was not found: {found}"
    assert ("source", 0) in found and ("release/rain_water/gradebook.db", 0) in found, \
        f"forbidden paths were not flagged: {found}"
    assert len(found) == 4, f"only the four planted problems should be reported: {sorted(found)}"
    assert f"source/{topic}" in str(next(p for p in publish.check(copy) if p.path == "utils/plots.py"))


def test_publish_refuses_a_leak_and_writes_nothing(tmp_path, capsys):
    """With --force, files publish does not own stay in DIR: they are checked too, and a leak stops everything."""
    dest = tmp_path / "edition"
    (dest / "notes").mkdir(parents=True)
    secret, _ = _secret_with_quote()
    (dest / "notes" / "planted.py").write_text(f"# notes\n{secret}\n", encoding="utf-8")
    code = main(["publish", str(dest), "--force"])
    err = capsys.readouterr().err
    assert code == 1, f"publish should refuse a leak with exit status 1, got {code}: {err}"
    assert "notes/planted.py:2:" in err, f"the refusal must name the file and line: {err}"
    assert sorted(p.name for p in dest.iterdir()) == ["notes"], "a refused publication must leave DIR as it was"
    assert not list(tmp_path.glob(".*publishing*")), "the staging folder must be removed"


# --- links and Binder ----------------------------------------------------------------------------

def _markdown(path: Path) -> str:
    if path.suffix == ".ipynb":
        return "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def test_every_link_of_the_edition_resolves_inside_it(edition):
    documents = [p for p in _all_files(edition) if p.suffix in (".md", ".ipynb")]
    assert edition / "README.md" in documents
    broken, checked = [], 0
    for doc in documents:
        for target in LINK.findall(_markdown(doc)):
            if re.match(r"^[a-z]+:", target):
                continue
            checked += 1
            path_part, _, anchor = target.partition("#")
            path = (doc.parent / unquote(path_part)).resolve() if path_part else doc
            if edition.resolve() not in path.parents or not path.exists():
                broken.append(f"{doc.relative_to(edition)}: {target} is not a file of the edition")
            elif anchor and path.suffix in (".md", ".ipynb"):
                headings = {m.group(1).replace(" ", "-") for m in HEADING.finditer(_markdown(path))}
                if unquote(anchor) not in headings:
                    broken.append(f"{doc.relative_to(edition)}: {target}: no such heading")
    assert checked > 50, f"only {checked} links found: is the link pattern right?"
    assert not broken, "links that leave the edition or point nowhere:\n" + "\n".join(broken[:20])


def test_readme_badges_open_the_student_edition(edition):
    readme = (edition / "README.md").read_text(encoding="utf-8")
    badges = BINDER.findall(readme)
    repos = {repo for repo, _ in badges}
    assert repos == {docs.STUDENT_REPO}, f"the badges must open {docs.STUDENT_REPO}, they open {repos}"
    targets = {unquote(path) for _, path in badges}
    assert "notebooks/index.ipynb" in targets, "the student README needs a badge opening the course map"
    for topic in topics():
        assert f"release/{topic}/{topic}.ipynb" in targets, f"no Binder badge opens the {topic} assignment"
    missing = sorted(t for t in targets if not (edition / t).is_file())
    assert not missing, f"Binder badges open files that are not in the edition: {missing}"
    for topic in topics():
        assert f"](release/{topic}/{topic}.ipynb)" in readme and f"](notebooks/{topic}.ipynb)" in readme
    assert "source/" not in readme and "nbgrader_config" not in readme


def test_instructor_readme_badges_open_the_student_edition():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    repos = {repo for repo, _ in BINDER.findall(text)}
    assert repos == {docs.STUDENT_REPO}, \
        f"README.md's Binder badges must open the student edition {docs.STUDENT_REPO}, not {repos - {docs.STUDENT_REPO}}"
    assert "The student edition" in text, "README.md should explain the student edition"


def test_binder_repo_option_and_its_check(tmp_path, capsys):
    dest = tmp_path / "other"
    assert main(["publish", str(dest), "--binder-repo", "someone/their-course"]) == 0
    repos = {repo for repo, _ in BINDER.findall((dest / "README.md").read_text(encoding="utf-8"))}
    assert repos == {"someone/their-course"}, repos
    assert main(["publish", str(tmp_path / "bad"), "--binder-repo", "not a repo"]) == 2
    assert "OWNER/NAME" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()


# --- where it may be written, and --force ---------------------------------------------------------

@pytest.mark.parametrize("where", ["inside", "root", "parent"])
def test_a_folder_inside_or_around_the_course_is_refused(where, capsys):
    dest = {"inside": ROOT / "student-edition", "root": ROOT, "parent": ROOT.parent}[where]
    before = sorted(p.name for p in ROOT.iterdir())
    assert main(["publish", str(dest), "--force"]) == 2
    err = capsys.readouterr().err
    assert "course" in err and str(dest) in err, err
    assert sorted(p.name for p in ROOT.iterdir()) == before, "a refused publication must not touch the course"


def test_force_replaces_only_what_publish_owns(tmp_path, capsys):
    dest = tmp_path / "edition"
    assert main(["publish", str(dest)]) == 0
    assert main(["publish", str(dest)]) == 2, "a non-empty folder needs --force"
    assert "--force" in capsys.readouterr().err
    (dest / "NOTES.md").write_text("instructor's own notes for the public repository\n", encoding="utf-8")
    (dest / ".github" / "workflows").mkdir(parents=True)
    (dest / ".github" / "workflows" / "check.yml").write_text("on: push\n", encoding="utf-8")
    (dest / "release" / "old_topic").mkdir()
    (dest / "release" / "old_topic" / "old_topic.ipynb").write_text("{}", encoding="utf-8")
    (dest / "README.md").write_text("stale\n", encoding="utf-8")
    assert main(["publish", str(dest), "--force"]) == 0
    assert (dest / "NOTES.md").read_text(encoding="utf-8").startswith("instructor's own notes"), "--force kept NOTES.md"
    assert (dest / ".github" / "workflows" / "check.yml").is_file(), "--force must keep paths publish does not own"
    assert not (dest / "release" / "old_topic").exists(), "--force must replace release/ as a whole"
    assert (dest / "README.md").read_text(encoding="utf-8") != "stale\n"
    assert (dest / "notebooks" / "index.ipynb").is_file()


def test_a_file_as_destination_is_refused(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    assert main(["publish", str(target), "--force"]) == 2
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_commits_the_edition(tmp_path):
    dest = tmp_path / "edition"
    assert main(["publish", str(dest), "--git"]) == 0
    tracked = subprocess.run(["git", "ls-files"], cwd=dest, capture_output=True, text=True, check=True).stdout.split()
    assert sorted(tracked) == sorted(str(p.relative_to(dest)) for p in _all_files(dest)), "every file is committed"
    assert subprocess.run(["git", "status", "--porcelain"], cwd=dest, capture_output=True, text=True).stdout == ""
    assert main(["publish", str(dest), "--force", "--git"]) == 0
    log = subprocess.run(["git", "log", "--oneline"], cwd=dest, capture_output=True, text=True, check=True).stdout
    assert len(log.splitlines()) == 2, f"a second publication adds one commit on top: {log}"
