"""The student edition: ``python -m course publish DIR [--binder-repo OWNER/NAME] [--force] [--git]``.

This repository holds every solution and hidden test (source/), the planted answers (tests/),
the grading tools and the gradebook: it stays private. Students get, and Binder opens, another
repository written by ``publish``:

  notebooks/        the lessons and the course map index.ipynb, as committed
  release/<topic>/  the released assignments of every topic of source/
  utils/            the modules of utils/ that those notebooks import (and what those import)
  QUESTIONS.md      the question bank and where each question is answered (the course map links it)
  README.md         written for students: how to start on Binder or locally, the topics with badges
  requirements.txt  the course's pins without the instructor-only ones (INSTRUCTOR_ONLY says why)
  runtime.txt, postBuild   the Binder set-up, as in the course
  pyproject.toml    packages utils only, so that ``-e .`` in requirements.txt installs it
  .gitignore, LICENSE*     the edition's ignore list; the course's licence if it has one

Before anything reaches DIR, the edition is built in a temporary folder beside it and checked
(``check``): no path that belongs to the instructors (FORBIDDEN) and no line of any solution or
hidden test of any source notebook, in any file. A problem stops the publication with the file and
line number and DIR stays as it was. DIR must be outside the course. A non-empty DIR needs
``--force``, which replaces only the paths listed in OWNED and keeps everything else (a .git
folder, a CI workflow the instructor added), after checking those other files the same way.
``--git`` then commits the edition in DIR (``git init`` first if needed), ready to push.
"""
from __future__ import annotations

import ast
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import ROOT
from .docs import README_END, README_START, STUDENT_REPO, binder_badge, binder_url, readme_table
from .notebooks import hidden_lines, lessons, nbgrader_meta, source_path, topics

# What publish writes at the top of DIR; with --force these paths are replaced, nothing else is touched.
LICENSES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING")
OWNED = ("notebooks", "release", "utils", "QUESTIONS.md", "README.md", "requirements.txt", "runtime.txt",
         "postBuild", "pyproject.toml", ".gitignore") + LICENSES

# Names that must not appear anywhere in an edition (outside .git), and why.
FORBIDDEN = {
    "source": "instructor notebooks: every solution and hidden test",
    "tests": "the test suite and the planted-answer banks",
    "course": "the instructor tools (grading, demo class); no released notebook imports them",
    "submitted": "students' submissions",
    "autograded": "graded copies of submissions",
    "feedback": "feedback pages of students",
    "benchmarks": "grading benchmarks with synthetic submissions",
    ".ci": "the instructor repository's CI",
    "gradebook.db": "the gradebook",
    "gradebook.db-journal": "the gradebook",
    ".gradebook.lock": "the gradebook's lock",
    "grades.csv": "the grades of the class",
    "nbgrader_config.py": "instructor nbgrader settings (header, feedback scrubbing, gradebook URL)",
}

# Lines of the course's requirements.txt that students do not need: the edition leaves them out so that
# Binder builds faster and students install less. Everything else stays, pinned as in the course, so a
# lesson runs on Binder with the same versions as in CI; nbgrader stays for the Validate button.
INSTRUCTOR_ONLY = {
    "tqdm": "progress bar of `python -m course grade`",
    "psycopg": "driver of a PostgreSQL gradebook",
    "pytest": "the course's test suite",
    "pytest-xdist": "the course's test suite on all cores",
    "nbval": "re-executes the course's notebooks as tests",
    "playwright": "the browser tests",
    "dask": "grading on a cluster (`python -m course grade --scheduler`)",
    "distributed": "grading on a cluster (`python -m course grade --scheduler`)",
}

# Section headings of requirements.txt that read differently for students.
SECTION_NOTES = {"# --- grading": "# --- nbgrader: students use its Validate button (postBuild switches the instructors' parts off)"}

# Solution or hidden-test lines that also appear, by coincidence, in a lesson or in utils/ and give nothing
# away (generic syntax or set-up code). Checked by hand; any other match stops the publication.
COMMON_LINES = {
    "for _ in range(400):": "ml_concepts lesson: sentences of a toy corpus; a cnn_concepts hidden test",
    "w = np.zeros(X.shape[1])": "preprocessing lesson: gradient descent starts at 0; from_scratch's Newton method too",
    "except ValueError:": "rain_water lesson: plain exception handling",
    "import itertools": "coding_questions lesson: an import",
    "return levels": "coding_questions lesson: its own BFS returns its own variable",
    "for i, value in enumerate(values):": "utils/coding_plots.py draws one box per value of a list; a preprocessing solution loops the same way",
}

REPO_SLUG = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
SKIP_COPY = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", ".DS_Store")


class LeakError(RuntimeError):
    """The edition holds something students must not see; ``problems`` names each file and line."""

    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the student edition:\n" + "\n".join(map(str, problems)))


@dataclass(frozen=True)
class Problem:
    path: str        # relative to the edition
    line: int        # 1-based line of the file; 0 when the path itself is the problem
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}" if self.line else f"{self.path}: {self.what}"


# --- the leak check --------------------------------------------------------------------------------

_REGION = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n.*?### END \1", re.S)


def public_text(nb) -> str:
    """What the release of a source notebook shows by design: every cell without its solution and
    hidden-test regions, written answers (model answer and rubric) left out."""
    return "\n".join(_REGION.sub("", cell.source) for cell in nb.cells
                     if not (cell.cell_type == "markdown" and nbgrader_meta(cell).get("solution")))


def secret_lines(root: Path = ROOT) -> dict[str, str]:
    """Every line that must never reach a student -> the topic it comes from: course.notebooks.hidden_lines
    of every source notebook (solutions, hidden tests, model answers), except a line that the same
    notebook also shows outside those regions (a visible test or the statement uses it too) and
    COMMON_LINES."""
    found: dict[str, str] = {}
    for topic in topics(root):
        nb = nbformat.read(str(source_path(topic, root)), as_version=4)
        shown = public_text(nb)
        for line in sorted(hidden_lines(nb, min_length=12)):
            if line not in shown:
                found.setdefault(line, topic)
    if not found:
        raise ValueError(f"{root / 'source'} holds no solution or hidden-test line: is it a course?")
    return {line: topic for line, topic in found.items() if line not in COMMON_LINES}


_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=None)
def _inner_words(secret: str) -> frozenset[str]:
    """The words of *secret* with a non-word character of the secret on both sides: wherever the secret
    occurs, each of them occurs as a whole word, so a file that lacks one cannot hold the secret (a fast
    first filter before the substring search)."""
    return frozenset(m.group() for m in _WORD.finditer(secret) if m.start() > 0 and m.end() < len(secret))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _read(path: Path) -> tuple[str, list[str], bool]:
    """(the file's whole text as a student would read it, its lines as they are on disk, whether it is JSON).

    A notebook is JSON: its cells' text, outputs and metadata are compared once decoded (a quote or
    backslash in a line is escaped on disk); the raw text is compared too."""
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raw = data.decode("latin-1")  # still finds an ASCII line hidden in a binary file
    if path.suffix in (".ipynb", ".json"):
        try:
            return "\n".join(_strings(json.loads(raw))) + "\n" + raw, raw.splitlines(), True
        except ValueError:
            pass
    return raw, raw.splitlines(), False


def _decoded(line: str) -> str:
    """A line of a JSON file with its string literals decoded (the line of a notebook cell it holds)."""
    parts = []
    for literal in _JSON_STRING.findall(line):
        try:
            parts.append(json.loads(f'"{literal}"'))
        except ValueError:
            parts.append(literal)
    return " ".join(parts) + " " + line


def files(edition: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every file of the edition except .git/ and the top-level names in *skip*."""
    out = []
    for dirpath, dirnames, filenames in os.walk(edition):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not (here == edition and (d == ".git" or d in skip)))
        out += [here / f for f in sorted(filenames) if not (here == edition and f in skip)]
    return out


def check(edition: Path, root: Path = ROOT, skip: tuple[str, ...] = (),
          secrets: dict[str, str] | None = None) -> list[Problem]:
    """Everything in *edition* a student must not get: forbidden paths, and every line of a file that
    contains a solution or hidden-test line of any source notebook of the course at *root*."""
    edition = Path(edition)
    secrets = secret_lines(root) if secrets is None else secrets
    problems = []
    for dirpath, dirnames, filenames in os.walk(edition):
        here = Path(dirpath)
        if here == edition:
            dirnames[:] = [d for d in dirnames if d != ".git" and d not in skip]
            filenames = [f for f in filenames if f not in skip]
        for name in sorted(dirnames + filenames):
            if name in FORBIDDEN:
                problems.append(Problem(str((here / name).relative_to(edition)), 0,
                                        f"must not be published ({FORBIDDEN[name]})"))
    for path in files(edition, skip):
        whole, lines, is_json = _read(path)
        words = set(_WORD.findall(whole))
        found = [line for line in secrets if _inner_words(line) <= words and line in whole]
        rel = str(path.relative_to(edition))
        if found and is_json:
            lines = [_decoded(line) for line in lines]
        for secret in found:
            numbers = [n for n, text in enumerate(lines, 1) if secret in text] or [1]
            for n in numbers:
                problems.append(Problem(rel, n, f"holds a solution or hidden-test line of "
                                                f"source/{secrets[secret]}: {secret!r}"))
    return sorted(problems, key=lambda p: (p.path, p.line, p.what))


# --- what the edition holds -----------------------------------------------------------------------

def _code_of(path: Path) -> list[str]:
    if path.suffix == ".ipynb":  # plain JSON: nbformat's validation would double the time of a publication
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        sources = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                   for c in cells if c["cell_type"] == "code"]
        return ["\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
                for source in sources]
    return [path.read_text(encoding="utf-8")]


def imported_modules(paths) -> set[str]:
    """Dotted names of the modules that the code of *paths* (notebooks or .py files) imports."""
    found = set()
    for path in paths:
        package = ".".join(path.with_suffix("").parts[-2:-1]) if path.suffix == ".py" else ""
        for source in _code_of(path):
            try:
                tree = ast.parse(source)
            except SyntaxError as error:
                raise ValueError(f"{path}: cannot read its imports: {error}") from None
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found |= {alias.name for alias in node.names}
                elif isinstance(node, ast.ImportFrom):
                    base = node.module or ""
                    if node.level:  # `from . import x` inside utils/
                        base = package + ("." + base if base else "")
                    found.add(base)
                    found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def needed_utils(root: Path = ROOT) -> list[Path]:
    """The files of utils/ the shipped notebooks need: __init__.py, every module they import, what those
    modules import from utils in turn, and the data files of utils/ (anything but Python)."""
    utils = root / "utils"
    module = lambda name: utils / (name.split(".", 1)[1].replace(".", "/") + ".py")
    wanted = {n for n in imported_modules(shipped_notebooks(root)) if n.startswith("utils.") and module(n).is_file()}
    todo = sorted(wanted)
    while todo:
        for name in imported_modules([module(todo.pop())]):
            if name.startswith("utils.") and module(name).is_file() and name not in wanted:
                wanted.add(name)
                todo.append(name)
    data = [p for p in utils.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
            and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts]
    return sorted({utils / "__init__.py", *(module(n) for n in wanted), *data})


def shipped_notebooks(root: Path = ROOT) -> list[Path]:
    index = root / "notebooks" / "index.ipynb"
    released = [root / "release" / topic / f"{topic}.ipynb" for topic in topics(root)]
    missing = [str(p.relative_to(root)) for p in released if not p.is_file()]
    if missing:
        raise ValueError(f"not released yet: {missing}; run `python -m course release` first")
    return ([index] if index.is_file() else []) + lessons(root) + released


def student_requirements(root: Path = ROOT) -> str:
    """The course's requirements.txt without INSTRUCTOR_ONLY lines or the sections they leave empty."""
    text = (root / "requirements.txt").read_text(encoding="utf-8")
    kept, dropped = [], []
    for line in text.splitlines():
        m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
        name = m.group(1).lower().replace("_", "-") if m and not line.lstrip().startswith("#") else None
        if name in INSTRUCTOR_ONLY:
            dropped.append(name)
        else:
            kept.append(line)
    body = []  # drop the course's opening comment (it talks about make) and emptied "# ---" sections
    for n, line in enumerate(kept):
        if not body and (line.startswith("#") or not line.strip()):
            continue
        if line.startswith("# ---"):
            rest = kept[n + 1:]
            nxt = next((i for i, later in enumerate(rest) if later.startswith("# ---")), len(rest))
            if not any(later.strip() and not later.lstrip().startswith("#") for later in rest[:nxt]):
                continue
        body.append(SECTION_NOTES.get(line.strip(), line))
    while body and not body[-1].strip():
        body.pop()
    head = ["# What the course needs, pinned with == as in the instructors' course, so that a laptop and Binder",
            "# run the same versions as the course's tests. Install with `pip install -r requirements.txt`.",
            f"# Left out (instructors only): {', '.join(dropped) or 'nothing'}.", ""]
    return "\n".join(head + body) + "\n"


def pyproject(root: Path = ROOT) -> str:
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    name = project.get("name", "course")
    return "\n".join([
        "# `-e .` in requirements.txt installs the course's helpers (utils/) so every notebook can import them.",
        "[build-system]", 'requires = ["setuptools>=64"]', 'build-backend = "setuptools.build_meta"', "",
        "[project]", f'name = "{name}-student-edition"', f'version = "{project.get("version", "0.1.0")}"',
        f'description = {json.dumps(project.get("description", "") + " (student edition)")}',
        f'requires-python = "{project.get("requires-python", ">=3.11")}"', "",
        "[tool.setuptools]", 'packages = ["utils"]', ""])


def _title(root: Path) -> str:
    m = re.search(r"^# (.+)$", (root / "README.md").read_text(encoding="utf-8"), re.M)
    return m.group(1).strip() if m else "Jupyter course"


def student_readme(root: Path = ROOT, repo: str = STUDENT_REPO) -> str:
    table = readme_table(root, repo).replace(README_START + "\n", "").replace("\n" + README_END, "")
    licence = next((name for name in LICENSES if (root / name).is_file()), None)
    name = repo.split("/", 1)[1]
    runtime = (root / "runtime.txt").read_text(encoding="utf-8").strip().replace("python-", "Python ")
    parts = [
        f"# {_title(root)}", "",
        "Real machine-learning interview questions turned into Jupyter **lessons** you can run and **assignments**",
        "that check your answers as you go. Every lesson explains its ideas with code, plots and sliders; every",
        "assignment asks you to write functions (or short written answers) and tests them.", "",
        f"{binder_badge('notebooks/index.ipynb', repo)} opens the course map in your browser: nothing to install.", "",
        "## Start on Binder", "",
        "Click a Binder badge (above, or in the table of topics below). Binder builds the course's environment,",
        "which takes a few minutes the first time, and opens the notebook in JupyterLab. A Binder session is",
        "temporary: it is deleted after some minutes without activity, with your work. Download your notebook",
        "(File › Download) before you close the tab, and upload it again (the upload arrow of the file browser)",
        "to go on later.", "",
        "## Start on your computer", "",
        f"With {runtime} and git:", "",
        "```bash",
        f"git clone https://github.com/{repo}.git",
        f"cd {name}",
        "python3 -m venv .venv",
        ".venv/bin/pip install -r requirements.txt",
        ".venv/bin/jupyter lab notebooks/index.ipynb",
        "```", "",
        "On Windows the two last commands are `.venv\\Scripts\\pip install -r requirements.txt` and",
        "`.venv\\Scripts\\jupyter lab notebooks\\index.ipynb`.", "",
        "## How to work through a topic", "",
        "1. Read the topic's **lesson** and play with its plots.",
        "2. Open the **assignment**: write each function where it says `YOUR CODE HERE` (and each written answer",
        "   where it says `YOUR ANSWER HERE`), then run the visible tests under it. Open the hints when you are stuck.",
        "3. Before you hand in: restart the kernel, run all cells, and press **Validate** in the notebook's toolbar.",
        "   More tests, hidden here, run when your notebook is graded: passing the visible tests is a good start,",
        "   not a guarantee.",
        "4. Hand in the assignment's notebook the way your instructor tells you.", "",
        "[QUESTIONS.md](QUESTIONS.md) lists every interview question of the course with the lesson section,",
        "exercise or written answer that covers it.", "",
        *(["**Timed mock interviews**: [notebooks/mock_interview.ipynb](notebooks/mock_interview.ipynb) writes a",
            "notebook of questions from several topics with a clock, follow-ups and a report (into `mocks/`, yours).", ""]
          if (root / "notebooks" / "mock_interview.ipynb").is_file() else []),
        "## Topics", "",
        table, "",
        "## What is in this repository", "",
        "| path | what |", "|---|---|",
        "| [`notebooks/`](notebooks/index.ipynb) | the lessons and the course map `index.ipynb` |",
        "| `release/<topic>/` | the assignments, one folder per topic |",
        "| `utils/` | plotting, data and test helpers that the notebooks import |",
        "| `requirements.txt`, `runtime.txt`, `postBuild` | the environment, also used by Binder (`postBuild` switches off the instructors' grading tools) |",
        "",
        "This repository is generated from the instructors' course; changes made here are replaced at the",
        "next publication. Report a mistake to your instructor.",
    ]
    if licence:
        parts += ["", f"The course is published under the terms in [{licence}]({licence})."]
    return "\n".join(parts) + "\n"


GITIGNORE = """.venv/
__pycache__/
*.pyc
*.egg-info/
build/
.ipynb_checkpoints/
mocks/
"""


def build(root: Path, out: Path, repo: str = STUDENT_REPO) -> list[Path]:
    """Write the edition of the course at *root* into the empty folder *out*; return the files written."""
    for path in shipped_notebooks(root):
        target = out / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for other in (root / "notebooks").iterdir():  # files the lessons read (images, data), if any
        if other.is_file() and other.suffix != ".ipynb" and not other.name.startswith("."):
            shutil.copy2(other, out / "notebooks" / other.name)
    for topic in topics(root):  # anything else an assignment folder holds (data files)
        shutil.copytree(root / "release" / topic, out / "release" / topic, ignore=SKIP_COPY, dirs_exist_ok=True)
    for path in needed_utils(root):
        target = out / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for name in ("QUESTIONS.md", "runtime.txt", "postBuild", *LICENSES):
        if (root / name).is_file():
            shutil.copy2(root / name, out / name)
    (out / "requirements.txt").write_text(student_requirements(root), encoding="utf-8")
    (out / "pyproject.toml").write_text(pyproject(root), encoding="utf-8")
    (out / "README.md").write_text(student_readme(root, repo), encoding="utf-8")
    (out / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return files(out)


# --- publishing -----------------------------------------------------------------------------------

def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def publish(dest: Path | str, root: Path = ROOT, repo: str = STUDENT_REPO, force: bool = False) -> list[Path]:
    """Build, check and write the student edition of the course at *root* into *dest*; return its files.

    Raises ValueError (bad arguments, dest inside the course), FileExistsError (non-empty dest without
    force) or LeakError (the edition, or a file of dest that publish does not own, holds something
    students must not see). On any error dest is left as it was."""
    if not isinstance(repo, str) or not REPO_SLUG.fullmatch(repo):
        raise ValueError(f"--binder-repo must read OWNER/NAME as on GitHub, got {repo!r}")
    root = Path(root).resolve()
    dest = Path(dest).expanduser().resolve()
    if not (root / "source").is_dir() or not (root / "release").is_dir():
        raise ValueError(f"{root} is not a course: it needs source/ and release/")
    if dest == root or root in dest.parents:
        raise ValueError(f"{dest} is inside the course {root}: the student edition must be written elsewhere, "
                         "e.g. ../student-edition")
    if dest in root.parents:
        raise ValueError(f"{dest} contains the course {root}: choose a folder outside it")
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"{dest} is a file, not a folder")
    occupied = dest.is_dir() and any(dest.iterdir())
    if occupied and not force:
        raise FileExistsError(f"{dest} is not empty; --force replaces the paths publish writes "
                              f"({', '.join(n for n in OWNED if n not in LICENSES[1:])}) and keeps everything else")
    secrets = secret_lines(root)
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.publishing-", dir=dest.parent))
    try:
        build(root, staging, repo)
        problems = check(staging, root, secrets=secrets)
        if occupied:  # what stays in dest is part of the edition students get: check it too
            problems += check(dest, root, skip=OWNED, secrets=secrets)
        if problems:
            raise LeakError(problems)
        dest.mkdir(exist_ok=True)
        for name in OWNED:
            _remove(dest / name)
        for item in sorted(staging.iterdir()):
            os.replace(item, dest / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files(dest)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def commit(dest: Path, root: Path = ROOT) -> str:
    """Commit everything in *dest* (``git init`` first if it is not a repository); return the commit's id."""
    if shutil.which("git") is None:
        raise RuntimeError("--git needs git (Debian: apt-get install git)")
    dest = Path(dest)
    if not (dest / ".git").exists():
        run = _git(["-c", "init.defaultBranch=main", "init", "-q"], dest)
        if run.returncode:
            raise RuntimeError(f"git init failed in {dest}: {run.stderr.strip()}")
    source = _git(["rev-parse", "--short", "HEAD"], root)
    origin = f", from commit {source.stdout.strip()} of the course" if source.returncode == 0 else ""
    identity = []
    if not _git(["config", "user.email"], dest).stdout.strip():
        identity = ["-c", "user.name=course publish", "-c", "user.email=course-publish@localhost"]
    for args in (["add", "--all", "."], [*identity, "commit", "-q", "--allow-empty",
                                         "-m", f"Student edition{origin}"]):
        run = _git(args, dest)
        if run.returncode:
            raise RuntimeError(f"git {' '.join(args)} failed in {dest}: {run.stderr.strip() or run.stdout.strip()}")
    return _git(["rev-parse", "--short", "HEAD"], dest).stdout.strip()


def cli(dest: Path, root: Path = ROOT, repo: str = STUDENT_REPO, force: bool = False, git: bool = False) -> int:
    """``python -m course publish``: 0 when the edition is written, 1 when the leak check refused it,
    2 for bad arguments or a non-empty folder without --force."""
    try:
        written = publish(dest, root, repo, force)
    except LeakError as error:
        print(f"publish refused: {len(error.problems)} thing(s) students must not see; nothing was written to "
              f"{Path(dest).resolve()}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (ValueError, FileExistsError) as error:
        print(f"publish refused: {error}", file=sys.stderr)
        return 2
    dest = Path(dest).resolve()
    notebooks = [p for p in written if p.suffix == ".ipynb"]
    print(f"wrote the student edition to {dest}: {len(written)} files, "
          f"{sum(p.parent.name == 'notebooks' for p in notebooks)} notebooks in notebooks/, "
          f"{sum('release' in p.relative_to(dest).parts[:1] for p in notebooks)} assignments, "
          f"{sum(p.suffix == '.py' for p in written if p.relative_to(dest).parts[0] == 'utils')} modules of utils/")
    print(f"leak check: no solution or hidden-test line of {len(topics(root))} source notebooks and no "
          "instructor path in any file")
    print(f"Binder badges open https://github.com/{repo} ({binder_url('notebooks/index.ipynb', repo)})")
    if git:
        try:
            print(f"committed as {commit(dest, root)} in {dest}")
        except RuntimeError as error:
            print(f"publish wrote the edition but could not commit it: {error}", file=sys.stderr)
            return 2
    print(f"next: push {dest} to https://github.com/{repo} (public); keep this course repository private")
    return 0
