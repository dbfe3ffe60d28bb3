"""Build the demo class in submitted/ from source/, release/ and the bank of planted answers.

``python -m course.demo_class`` rewrites submitted/; ``--check`` only compares (a test runs it).
For every topic the class has seven students:

  ada  every answer right (the reference solutions)
  ben  submitted the release untouched
  cho  passes every visible test, fails a hidden one (the bank's "partial" answer)
  dev  one answer raises an exception (the bank's "raises" answer)
  eli  one answer loops forever (the bank's "loops" answer)
  fay  the notebook is not valid JSON (the file was cut off)
  gus  edited a locked test cell to `pass` and deleted another, with the "raises" answer
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path

import nbformat

from . import ROOT
from .notebooks import SOLUTION_BEGIN, SOLUTION_END, exercises, nbgrader_meta, release_path, source_path, topics

STUDENTS = {
    "ada": "every answer right",
    "ben": "submitted the release untouched",
    "cho": "passes every visible test, fails a hidden one",
    "dev": "one answer raises an exception",
    "eli": "one answer loops forever",
    "fay": "the notebook is not valid JSON",
    "gus": "edited one locked test cell and deleted another",
}


def _bank(topic: str):
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import wrong_answers
        return wrong_answers.load(topic)
    finally:
        sys.path.remove(str(ROOT / "tests"))


def _strip_markers(src: str) -> str:
    return "\n".join(l for l in src.splitlines() if l.strip() not in (SOLUTION_BEGIN, SOLUTION_END))


def _cell(nb, grade_id):
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def _solved(topic: str, root: Path):
    """The release with every answer cell holding the reference solution."""
    release = nbformat.read(str(release_path(topic, root)), as_version=4)
    source = nbformat.read(str(source_path(topic, root)), as_version=4)
    for cell in source.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution"):
            _cell(release, meta["grade_id"]).source = _strip_markers(cell.source)
    return release


def _with_answer(nb, answer):
    nb = copy.deepcopy(nb)
    cell = _cell(nb, answer.exercise)
    cell.source = answer.source.rstrip()
    return nb


def build(topic: str, root: Path = ROOT) -> dict[str, str]:
    """Return {student: notebook text} for one topic."""
    bank = _bank(topic)
    solved = _solved(topic, root)
    release = nbformat.read(str(release_path(topic, root)), as_version=4)

    def pick(role):
        chosen = bank.demo(role) if bank else []
        if not chosen:
            raise ValueError(f"tests/wrong_answers/{topic}.py needs an answer marked demo={role!r}")
        return chosen[0]

    out = {
        "ada": solved,
        "ben": release,
        "cho": _with_answer(solved, pick("partial")),
        "dev": _with_answer(solved, pick("raises")),
        "eli": _with_answer(solved, pick("loops")),
    }
    gus = _with_answer(solved, pick("raises"))
    target = next(e for e in exercises(nbformat.read(str(source_path(topic, root)), as_version=4))
                  if e.grade_id == pick("raises").exercise)
    _cell(gus, target.visible[0].metadata.nbgrader.grade_id).source = "# this test kept failing, so I switched it off\npass"
    last_hidden = [c for c in gus.cells if nbgrader_meta(c).get("grade") and "hidden" in nbgrader_meta(c)["grade_id"]][-1]
    gus.cells.remove(last_hidden)
    out["gus"] = gus
    texts = {name: nbformat.writes(nb) + "\n" for name, nb in out.items()}
    texts["fay"] = texts["ada"][: len(texts["ada"]) // 2]  # cut off mid-file: invalid JSON
    return texts


def expected_scores(topic: str, root: Path = ROOT) -> dict[str, float]:
    """Designed autograde scores: what each student must get."""
    bank = _bank(topic)
    source = nbformat.read(str(source_path(topic, root)), as_version=4)
    by_id = {e.grade_id: e for e in exercises(source)}
    auto_max = sum(e.points for e in by_id.values())
    partial = bank.demo("partial")[0]
    lost_partial = sum(float(nbgrader_meta(c)["points"]) for c in by_id[partial.exercise].hidden)
    lost_raises = by_id[bank.demo("raises")[0].exercise].points
    lost_loops = by_id[bank.demo("loops")[0].exercise].points
    return {"ada": auto_max, "ben": 0.0, "cho": auto_max - lost_partial, "dev": auto_max - lost_raises,
            "eli": auto_max - lost_loops, "fay": 0.0, "gus": auto_max - lost_raises}


def write(root: Path = ROOT, target: Path | None = None) -> None:
    target = target or root / "submitted"
    for topic in topics(root):
        for student, text in build(topic, root).items():
            path = target / student / topic / f"{topic}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def differences(root: Path = ROOT) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        write(root, Path(tmp))
        fresh = {p.relative_to(tmp): p.read_bytes() for p in Path(tmp).rglob("*.ipynb")}
    committed = {p.relative_to(root / "submitted"): p.read_bytes() for p in (root / "submitted").rglob("*.ipynb")}
    problems = [f"submitted/{p} is missing" for p in sorted(set(fresh) - set(committed))]
    problems += [f"submitted/{p} is not part of the demo class" for p in sorted(set(committed) - set(fresh))]
    problems += [f"submitted/{p} differs from what course.demo_class builds" for p in sorted(set(fresh) & set(committed))
                 if fresh[p] != committed[p]]
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report differences")
    args = parser.parse_args(argv)
    if args.check:
        problems = differences()
        print("\n".join(problems) or "submitted/ is up to date")
        return 1 if problems else 0
    write()
    print(f"wrote the demo class for {', '.join(topics())} into submitted/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
