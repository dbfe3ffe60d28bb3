"""End-to-end: the course in a real JupyterLab, driven in Debian's Chromium by Playwright.

One JupyterLab server for the whole session, started from this project's .venv on
127.0.0.1 with a token; its root is a temporary copy of the course, so nothing is ever
written into source/, release/ or submitted/ (nbgrader's Validate button saves the
notebook it validates). While the browser works, the main job grades the copy's demo
class in the background for the formgrader check. Screenshots: screenshots/ (git-ignored).

Checks, parametrized over what exists (topics in source/, lessons in notebooks/):
1. notebooks/index.ipynb: every link leads to an existing lesson or assignment, and every
   lesson and assignment is linked;
2. each lesson runs top to bottom (Run > Run All Cells) without an error output, every figure
   is drawn, and moving the first slider redraws the figure;
3. a student's copy of a released assignment: the stubs raise NotImplementedError; with the
   reference answer typed into the first exercise its visible tests pass; nbgrader's Validate
   button reports failure on the untouched copy and success on a fully solved one. By default on
   BROWSER_TOPICS (two topics: this is the button's path, the same for every notebook, and it
   cost 61-194 s per topic, 15 of the 20 minutes of the browser part); COURSE_BROWSER_TOPICS=all
   (or a comma-separated list) runs it on others. Every topic's stubs failing and solved release
   validating are checked without a browser by tests/test_release.py, with nbgrader's Validator;
4. /formgrader lists every assignment, and every demo student's submission with its score.

Needs /usr/bin/chromium (Debian's package; `apt-get install chromium`) and Playwright for
Python (requirements.txt); Playwright's own browser download is never used.
"""
from __future__ import annotations

import contextlib
import csv
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course.demo_class import _solved, _strip_markers
from course.notebooks import exercises, lessons, nbgrader_meta, release_path, source_path, topics

import lab_driver as ld

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TOPICS = topics()
# what the main job grades in the background for formgrader: the late student's topic and the
# copiers' (grading the whole class again here costs minutes; tests/test_autograde.py grades it all)
from course.demo_class import COPY_TOPIC, LATE_TOPIC  # noqa: E402
FORMGRADER_TOPICS = sorted({LATE_TOPIC, COPY_TOPIC})
LESSONS = [p.name for p in lessons()]
# the topics whose released assignment is worked through in the browser (check 3 above)
BROWSER_TOPICS = ["rain_water", "pandas_tasks"]
_asked = os.environ.get("COURSE_BROWSER_TOPICS", "").strip()
if _asked:
    BROWSER_TOPICS = TOPICS if _asked == "all" else [t.strip() for t in _asked.split(",") if t.strip()]
    _unknown = sorted(set(BROWSER_TOPICS) - set(TOPICS))
    if _unknown:
        raise ValueError(f"COURSE_BROWSER_TOPICS names no topic of source/: {_unknown}; topics: {TOPICS}")
BROWSER_TOPICS = [t for t in TOPICS if t in BROWSER_TOPICS]
STEP = 180_000  # ms: opening a notebook, a validation, a redraw on a busy 2-core machine


def _skip_reason() -> str | None:
    if not ld.CHROMIUM.is_file() or not os.access(ld.CHROMIUM, os.X_OK):
        return (f"browser tests need Chromium at {ld.CHROMIUM}: install Debian's package with "
                "`sudo apt-get install chromium` (or set COURSE_CHROMIUM to another Chromium binary)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests need Playwright for Python: `.venv/bin/pip install -r requirements.txt`"
    return None


# --- fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    base = tmp_path_factory.mktemp("e2e")
    root = ld.copy_course(base / "course")
    # a student's copies of every released assignment: untouched, and fully solved
    for topic in TOPICS:
        shutil.copytree(release_path(topic, root).parent, root / "student" / topic)
        shutil.copytree(release_path(topic, root).parent, root / "student" / f"{topic}-solved")
        nbformat.write(_solved(topic, root), str(root / "student" / f"{topic}-solved" / f"{topic}.ipynb"))
    server = ld.Lab(root=root, home=base / "home")
    # the main job on the copy, in the background (one worker: the browser needs the other core)
    grading_log = open(base / "grading.log", "w")
    grading = subprocess.Popen([sys.executable, "-m", "course", "grade", *FORMGRADER_TOPICS, "--root", str(root),
                                "--quiet", "--no-feedback", "-j", "1"], cwd=ld.ROOT, stdout=grading_log,
                               stderr=subprocess.STDOUT, env=server.env())
    server.grading, server.grading_log = grading, base / "grading.log"
    server.start()
    yield server
    server.stop()
    if grading.poll() is None:
        grading.terminate()
        grading.wait(timeout=60)
    grading_log.close()


@pytest.fixture(scope="session")
def browser(lab, chromium):
    return chromium  # tests/conftest.py: one Playwright per session


@pytest.fixture(scope="session")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(STEP)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, lab, request):
    pg = context.new_page()
    yield pg
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
    ld.screenshot(pg, f"last-{name}")
    pg.close()
    lab.shutdown_kernels()


# --- 1. the course map --------------------------------------------------------------------------

def _resolve(lab, href: str) -> str | None:
    """The course path a rendered link points at, or None for an anchor or an external site."""
    if not href or href.startswith("#"):
        return None
    m = re.match(rf"{re.escape(lab.base)}/(files|lab/tree|tree)/([^?#]*)", href)
    if not m:
        return None
    from urllib.parse import unquote
    return unquote(m.group(2))


def test_index_links_lead_to_existing_lessons_and_assignments(lab, page):
    path = "notebooks/index.ipynb"
    assert (lab.root / path).is_file(), "notebooks/index.ipynb is missing: it is where a student starts"
    page.goto(lab.url(path, "index"))
    page.wait_for_selector(f"{ld.NOTEBOOK} .jp-RenderedMarkdown", timeout=STEP)
    time.sleep(1)
    links = page.eval_on_selector_all(f"{ld.NOTEBOOK} .jp-RenderedMarkdown a:not(.jp-InternalAnchorLink)",
                                      "els => els.map(e => [e.href, e.textContent.trim()])")
    ld.screenshot(page, "index")
    assert links, f"{path}: no link found in the rendered notebook"
    lessons_ = {f"notebooks/{name}" for name in LESSONS}
    assignments = {str(release_path(t, lab.root).relative_to(lab.root)) for t in TOPICS}
    problems, targets = [], set()
    for href, text in links:
        target = _resolve(lab, href)
        if target is None:
            continue
        targets.add(target)
        if not (lab.root / target).exists():
            problems.append(f"link {text!r} -> {target}: no such file")
        elif target.endswith(".ipynb") and target not in lessons_ | assignments:
            problems.append(f"link {text!r} -> {target}: a notebook that is neither a lesson nor an assignment")
        else:
            response = page.request.get(href)
            if response.status != 200:
                problems.append(f"link {text!r} -> {target}: the server answers {response.status}")
    assert not problems, f"{path}: broken links:\n  " + "\n  ".join(problems)
    # a student clicks the first lesson link: JupyterLab opens it in a tab
    first = next((t for t in (_resolve(lab, h) for h, _ in links) if t in lessons_), None)
    if first:
        page.click(f"{ld.NOTEBOOK} .jp-RenderedMarkdown a[href*='{Path(first).name}']")
        page.wait_for_selector(f".lm-TabBar-tab:has-text('{Path(first).name}')", timeout=STEP)
    unlinked = sorted((lessons_ | assignments) - targets)
    assert not unlinked, f"{path} does not link these lessons/assignments: {unlinked}"


# --- 2. lessons ---------------------------------------------------------------------------------

def _cell_images(page, cell) -> list[str]:
    return cell.locator(".jp-OutputArea-output img").evaluate_all("els => els.map(e => e.src)")


def _move(page, slider, fraction: float) -> None:
    """Drag the slider's handle to a fraction of its track, as a student does with the mouse;
    if the readout did not change (a narrow selection slider can swallow a drag), use the
    keyboard on the focused handle instead (arrow keys, which noUiSlider supports)."""
    handle = slider.locator(".noUi-handle").first
    track = slider.locator(".noUi-base").first
    readout = slider.locator(".widget-readout").first
    value = readout.text_content() if readout.count() else None
    handle.scroll_into_view_if_needed()
    h, t = handle.bounding_box(), track.bounding_box()
    page.mouse.move(h["x"] + h["width"] / 2, h["y"] + h["height"] / 2)
    page.mouse.down()
    page.mouse.move(t["x"] + t["width"] * fraction, h["y"] + h["height"] / 2, steps=8)
    page.mouse.up()
    time.sleep(0.5)
    if readout.count() and readout.text_content() == value:
        handle.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight" if fraction >= 0.5 else "ArrowLeft")


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_draws_and_its_slider_redraws(lab, page, lesson):
    path = f"notebooks/{lesson}"
    ld.open_notebook(page, lab, path, f"lesson-{Path(lesson).stem}")
    seconds = ld.run_all(page, timeout=400)
    nb = ld.save(page, lab, path)
    ld.screenshot(page, f"lesson-{Path(lesson).stem}")
    errors = ld.error_outputs(nb)
    assert not errors, f"{path}: Run All in the browser ({seconds:.0f} s) left error outputs:\n{ld.describe(errors)}"
    pngs = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    images = page.eval_on_selector_all(
        f"{ld.NOTEBOOK} .jp-Notebook .jp-Cell",
        "cells => cells.flatMap((c, i) => Array.from(c.querySelectorAll('.jp-OutputArea-output img'))"
        ".map(e => [e.naturalWidth, i + 1]))")
    assert images, f"{path}: no figure was drawn in the browser"
    blank = [cell for width, cell in images if not width]
    assert not blank, f"{path}: figures that did not render (zero width) in cells {blank}"
    assert len(images) >= pngs, f"{path}: {pngs} figures in the saved outputs, only {len(images)} drawn"

    cells = page.locator(f"{ld.NOTEBOOK} .jp-Notebook .jp-Cell").filter(has=page.locator(".widget-slider"))
    assert cells.count(), f"{path}: no ipywidgets slider (every lesson needs one that redraws a figure)"
    cell = cells.first
    slider = cell.locator(".widget-slider").first
    label = slider.locator(".widget-label").first.text_content() or "the first slider"
    before = _cell_images(page, cell)
    readout = slider.locator(".widget-readout").first
    value = readout.text_content() if readout.count() else None
    changed = False
    for fraction in (0.8, 0.2, 0.5):
        _move(page, slider, fraction)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = _cell_images(page, cell)
            if now and now != before:
                changed = True
                break
            time.sleep(0.5)
        if changed:
            break
    ld.screenshot(page, f"lesson-{Path(lesson).stem}-slider")
    after_value = readout.text_content() if readout.count() else None
    assert changed, (f"{path}: moving slider {label!r} (value {value} -> {after_value}) did not change its figure "
                     f"({len(before)} image(s) before)")
    errors = ld.error_outputs(ld.save(page, lab, path))
    assert not errors, f"{path}: moving the slider raised:\n{ld.describe(errors)}"


# --- 3. assignments -----------------------------------------------------------------------------

def _validate(page) -> str:
    """Click nbgrader's Validate button; return the text of the results dialog."""
    page.click(f"{ld.NOTEBOOK} .validate-button")
    dialog = page.wait_for_selector(".jp-Dialog:has-text('Validation')", timeout=STEP * 2)
    page.wait_for_function("() => !document.querySelector('.validate-button')?.textContent.includes('Validating')",
                           timeout=STEP * 2)
    text = dialog.inner_text()
    return text


def _close_dialog(page) -> None:
    with contextlib.suppress(Exception):
        page.click(".jp-Dialog .jp-mod-accept", timeout=10_000)
        page.wait_for_selector(".jp-Dialog", state="detached", timeout=10_000)


def _errors_by_cell(nb) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in ld.error_outputs(nb):
        out.setdefault(e["grade_id"] or f"cell {e['cell']}", []).append(e)
    return out


def _type_into_cell(page, index: int, text: str) -> None:
    cell = page.locator(f"{ld.NOTEBOOK} .jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    editor = cell.locator(".cm-content").first
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")  # back to command mode


@pytest.mark.parametrize("topic", BROWSER_TOPICS)
def test_assignment_stubs_fail_reference_passes_and_validate_reports(lab, page, topic):
    source = nbformat.read(str(source_path(topic)), as_version=4)
    coded = [e for e in exercises(source) if e.solution.cell_type == "code" and e.visible]
    assert coded, f"source/{topic}: no code exercise with visible tests"
    path = f"student/{topic}/{topic}.ipynb"
    shown = f"a copy of release/{topic}/{topic}.ipynb"

    # the untouched release: the setup cell runs, every stub raises NotImplementedError
    ld.open_notebook(page, lab, path, f"assignment-{topic}")
    ld.run_all(page, timeout=600, keep_going=True)
    nb = ld.save(page, lab, path)
    ld.screenshot(page, f"assignment-{topic}-untouched")
    errors = _errors_by_cell(nb)
    setup_errors = [e for e in ld.error_outputs(nb) if not (e["grade_id"] or "").endswith("tests")
                    and "NotImplementedError" not in e["ename"] + e["evalue"] + e["traceback"]]
    assert not setup_errors, f"{shown}: cells other than tests fail:\n{ld.describe(setup_errors)}"
    for ex in coded:
        visible_ids = [nbgrader_meta(c)["grade_id"] for c in ex.visible]
        texts = [e["ename"] + e["evalue"] + e["traceback"] for gid in visible_ids for e in errors.get(gid, [])]
        assert any("NotImplementedError" in t for t in texts), \
            f"{shown}: the stub of {ex.grade_id} did not raise NotImplementedError in its visible tests " \
            f"{visible_ids}; errors there: {[t[:200] for t in texts]}"

    # Validate on the untouched copy reports failure
    report = _validate(page)
    ld.screenshot(page, f"assignment-{topic}-validate-untouched")
    _close_dialog(page)
    assert "Success!" not in report and ("failed" in report.lower() or "error" in report.lower()), \
        f"{shown}: Validate on the untouched stubs should report failures, said:\n{report[:1500]}"

    # the reference answer typed into the first exercise: its visible tests pass
    ex = coded[0]
    reference = _strip_markers(ex.solution.source)
    index = next(i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade_id") == ex.grade_id)
    _type_into_cell(page, index, reference)
    ld.run_all(page, timeout=600, keep_going=True)
    nb = ld.save(page, lab, path)
    ld.screenshot(page, f"assignment-{topic}-first-exercise")
    typed = next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == ex.grade_id).source
    assert typed.strip() == reference.strip(), \
        f"{shown}: typing the reference into {ex.grade_id} did not give the reference text:\n{typed[:800]}"
    failing = [e for c in ex.visible for e in ld.error_outputs(nb)
               if e["grade_id"] == nbgrader_meta(c)["grade_id"]]
    assert not failing, f"{shown}: with the reference answer of {ex.grade_id}, its visible tests fail:\n" \
                        f"{ld.describe(failing)}"

    # a fully solved copy: Validate reports success
    solved = f"student/{topic}-solved/{topic}.ipynb"
    ld.open_notebook(page, lab, solved, f"assignment-{topic}-solved")
    report = _validate(page)
    ld.screenshot(page, f"assignment-{topic}-validate-solved")
    _close_dialog(page)
    assert "Success! Your notebook passes all the tests." in report, \
        f"a fully solved copy of release/{topic}: Validate should report success, said:\n{report[:1500]}"


# --- 4. the instructor's formgrader -------------------------------------------------------------

def test_formgrader_lists_assignments_submissions_and_scores(lab, page):
    try:
        code = lab.grading.wait(timeout=1800)
    except subprocess.TimeoutExpired:
        pytest.fail("the main job on the copy did not finish within 30 min")
    log = lab.grading_log.read_text(errors="replace")
    assert code == 0, f"`python -m course grade` on the copy failed ({code}):\n{log[-3000:]}"
    rows = list(csv.DictReader(open(lab.root / "grades.csv", encoding="utf-8")))

    page.goto(f"{lab.base}/formgrader/manage_assignments?token={lab.token}")
    # the table first shows "Loading, please wait..." and then one row per assignment
    with contextlib.suppress(Exception):
        page.wait_for_function(f"() => document.querySelectorAll('#main-table tr td.name').length >= {len(TOPICS)}",
                               timeout=STEP)
    ld.screenshot(page, "formgrader-assignments")
    listed = page.eval_on_selector_all("#main-table tr td.name", "els => els.map(e => e.textContent.trim())")
    missing = [t for t in FORMGRADER_TOPICS if t not in listed]
    assert not missing, f"/formgrader/manage_assignments does not list {missing} (lists {listed})"

    for topic in FORMGRADER_TOPICS:
        expected = {r["student"]: r for r in rows if r["topic"] == topic}
        assert expected, f"grades.csv of the copy has no row for {topic}:\n{log[-2000:]}"
        page.goto(f"{lab.base}/formgrader/manage_submissions/{topic}?token={lab.token}")
        page.wait_for_selector("#main-table tr td.student-id", timeout=STEP)
        time.sleep(0.5)
        ld.screenshot(page, f"formgrader-{topic}")
        shown = dict(page.eval_on_selector_all(
            "#main-table tr", "rows => rows.filter(r => r.querySelector('td.student-id')).map(r => "
            "[r.querySelector('td.student-id').textContent.trim(), r.querySelector('td.score').textContent.trim()])"))
        absent = sorted(set(expected) - set(shown))
        assert not absent, f"/formgrader/manage_submissions/{topic} does not list {absent} (lists {sorted(shown)})"
        wrong = {}
        for student, row in expected.items():
            if row["graded"] != "yes":
                continue
            # formgrader shows nbgrader's score before the late penalty: grades.csv's raw_score
            want = f"{float(row.get('raw_score') or row['score']):g} / {float(row['max_score']):g}"
            if shown[student].replace(" ", "") != want.replace(" ", ""):
                wrong[student] = (shown[student], want)
        assert not wrong, f"/formgrader/manage_submissions/{topic}: scores (shown, in grades.csv) differ: {wrong}"
