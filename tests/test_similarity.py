"""Similar submissions (course/similarity.py), without kernels: on the demo class the two students
who copied one answer (hal, ida; see course/demo_class.py) rank first; the bank's correct answers,
written independently and put into synthetic submissions, rank low; submissions holding only the
released stub or the reference answer (ben, ada) are never paired; the report escapes what students
wrote and never prints the reference answer."""
from __future__ import annotations

import html
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course import ROOT, demo_class, similarity
from course.demo_class import COPY_EXERCISE, COPY_TOPIC, HAL_ANSWER, IDA_ANSWER
from course.notebooks import SOLUTION_BEGIN, SOLUTION_END, source_path


def _write(root: Path, student: str, topic: str, nb_or_text) -> None:
    path = root / "submitted" / student / topic / f"{topic}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nb_or_text if isinstance(nb_or_text, str) else nbformat.writes(nb_or_text), encoding="utf-8")


@pytest.fixture(scope="module")
def with_bank(tmp_path_factory):
    """A copy of the course whose COPY_TOPIC class is the demo class plus one student per correct
    answer of the bank (the reference answer everywhere else): answers written independently."""
    root = tmp_path_factory.mktemp("similarity")
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    for student, text in demo_class.build(COPY_TOPIC, root).items():
        _write(root, student, COPY_TOPIC, text)
    solved = demo_class._solved(COPY_TOPIC, root)
    independent = []
    for answer in demo_class._bank(COPY_TOPIC).answers:
        if answer.correct:
            student = f"bank-{answer.exercise}-{answer.name}"
            _write(root, student, COPY_TOPIC, demo_class._with_answer(solved, answer))
            independent.append(student)
    assert len(independent) >= 2, f"the bank of {COPY_TOPIC} has too few correct answers to compare"
    return root, independent, similarity.compare(COPY_TOPIC, root)


def test_renaming_reformatting_and_reordering_change_nothing():
    hal = [t.text for t in similarity.normalise(HAL_ANSWER)]
    ida = [t.text for t in similarity.normalise(IDA_ANSWER)]
    assert hal == ida, "ida's copy (names changed, helpers reordered, comments and layout changed) " \
                       "does not normalise to hal's answer"
    changed = IDA_ANSWER.replace("steps += 1", "steps += 2")  # a change of logic is still seen
    assert [t.text for t in similarity.normalise(changed)] != hal
    f1 = 'def f(a):\n    """Doc."""\n    return a.real + 1  # one more\n'
    f2 = "def g(b):\n    return b.real+1\n"
    assert [t.text for t in similarity.normalise(f1)] == [t.text for t in similarity.normalise(f2)]
    f3 = "def g(b):\n    return b.imag+1\n"  # attribute names are kept: they carry meaning
    assert [t.text for t in similarity.normalise(f3)] != [t.text for t in similarity.normalise(f2)]


def test_the_copiers_rank_first_on_the_demo_class():
    report = similarity.compare(COPY_TOPIC)
    assert report.pairs, "no pair found on the demo class"
    top = report.pairs[0]
    assert {top.a, top.b} == {"hal", "ida"}, f"first pair is {top.a} & {top.b}, not the copiers hal & ida"
    assert top.score >= similarity.DEFAULT_THRESHOLD and top.jaccard == 1.0, top
    assert set(top.exercises) == {COPY_EXERCISE}, top.exercises
    for p in report.pairs[1:]:
        assert p.score < top.score
    assert "fay" in report.unreadable, "the notebook that is not JSON should be named as unread"


def test_stub_and_reference_only_submissions_are_never_paired():
    report = similarity.compare(COPY_TOPIC)
    for student in ("ada", "ben"):  # the reference answers / the untouched release
        assert not report.submissions[student].prints, f"{student} keeps fingerprints beyond the baselines"
        paired = [(p.a, p.b, round(p.score, 2)) for p in report.pairs if student in (p.a, p.b)]
        assert not paired, f"{student} is paired: {paired}"


def test_independent_correct_answers_rank_low(with_bank):
    root, independent, report = with_bank
    top = report.pairs[0]
    assert {top.a, top.b} == {"hal", "ida"}, f"first pair is {top.a} & {top.b} ({top.score:.2f})"
    among = [p for p in report.pairs if p.a in independent and p.b in independent]
    for p in among:
        assert p.score < similarity.DEFAULT_THRESHOLD and p.score < top.score, \
            f"independent correct answers {p.a} & {p.b} score {p.score:.2f} (Jaccard {p.jaccard:.2f})"
    highest = max((p.score for p in among), default=0.0)
    print(f"\n{len(independent)} independent correct answers of {COPY_TOPIC}: highest pair score {highest:.2f}; "
          f"hal & ida {top.score:.2f}")


def test_report_is_escaped_marked_and_never_shows_the_reference(with_bank, tmp_path):
    root, _, report = with_bank
    page = similarity.render(report, top=50)
    assert "For review, not proof" in page
    assert "hal &amp; ida" in page
    source = nbformat.read(str(source_path(COPY_TOPIC, root)), as_version=4)
    shown = "\n".join(sub.cells.get(g, "") for p in report.pairs[:50] for s in (p.a, p.b)
                      for sub in [report.submissions[s]] for g in p.exercises)
    for cell in source.cells:
        if "BEGIN SOLUTION" not in cell.source:
            continue
        body = cell.source.split(SOLUTION_BEGIN, 1)[1].split(SOLUTION_END, 1)[0]
        for line in body.splitlines():
            line = line.strip()
            if len(line) >= 20 and line not in shown:
                assert html.escape(line) not in page, f"the report shows a line of the reference answer: {line!r}"
    # what students write is escaped: two students who share a cell holding markup
    hostile = 'def shortest_transformation(a, b, c):\n    return "</pre><script>alert(1)</script>" * len(a) + b + c\n'
    copy = root.parent / "escape"
    shutil.copytree(root, copy)
    solved = demo_class._solved(COPY_TOPIC, copy)
    for student in ("mallory", "trent"):
        _write(copy, student, COPY_TOPIC, demo_class._with_source(solved, COPY_EXERCISE, hostile))
    page = similarity.render(similarity.compare(COPY_TOPIC, copy), top=50)
    assert "mallory &amp; trent" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_command_line(tmp_path):
    out = tmp_path / "report.html"
    run = subprocess.run([sys.executable, "-m", "course", "similarity", COPY_TOPIC, "--out", str(out), "--top", "3"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].split(":")[0].strip() in ("1. hal & ida", "1. ida & hal"), run.stdout
    assert "for review, not proof" in run.stdout and out.is_file()
    run = subprocess.run([sys.executable, "-m", "course", "similarity", "no_such_topic", "--out", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "unknown topic 'no_such_topic'" in run.stderr, run.stderr


@pytest.mark.parametrize("bad, message", [(["--top", "0"], "--top"), (["--threshold", "2"], "--threshold")])
def test_bad_options_are_named(bad, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as stop:
        similarity.main([COPY_TOPIC, *bad, "--out", str(tmp_path / "x.html")])
    assert stop.value.code == 2 and message in capsys.readouterr().err
