"""End-to-end: a mock interview in a real JupyterLab (Debian's Chromium driven by Playwright).

A generated mock is opened on a copy of the course; its first cell draws the clock, which counts
down in the browser, also while a cell keeps the kernel busy; the kernel is restarted in the middle,
the first cell run again keeps the same deadline, and ``session.finish()`` prints the report.
Same requirements and skip reason as tests/e2e/test_browser.py.
"""
from __future__ import annotations

import re
import time

import nbformat
import pytest

from utils import mock

import lab_driver as ld
from harness import reference_upto
from test_browser import _skip_reason

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
STEP = 180_000
NAME = "e2e-mock"
PLAN = {"name": NAME, "preset": "ml-coding", "minutes": 30, "seed": 0,
        "questions": [{"id": "ml_concepts/mse", "follow_up": "ml_concepts/r2_score"},
                      {"id": "ml_concepts/system-design", "follow_up": ""}]}


@pytest.fixture(scope="module")
def mock_lab(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    base = tmp_path_factory.mktemp("e2e-mock")
    root = ld.copy_course(base / "course")
    nb = mock.build(PLAN)
    for cell in nb.cells:  # the answer typed in, and a few seconds of work that keep the kernel busy
        if cell.metadata.get("mock", {}).get("answer") and cell.cell_type == "code":
            cell.source = reference_upto("ml_concepts", "mse") + "\n\nimport time\ntime.sleep(6)"
    (root / "mocks").mkdir(exist_ok=True)
    nbformat.write(nb, str(root / "mocks" / f"{NAME}.ipynb"))
    server = ld.Lab(root=root, home=base / "home")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mock_page(mock_lab, chromium):
    # the session's one Playwright (tests/conftest.py): a second sync_playwright() fails
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(STEP)
    page = context.new_page()
    yield page
    ld.screenshot(page, "last-mock")
    context.close()
    mock_lab.shutdown_kernels()


def _clock(page) -> tuple[str, str]:
    clock = page.locator(f"{ld.NOTEBOOK} .mock-clock").last
    return clock.inner_text(), clock.get_attribute("data-deadline")


def _seconds_left(text: str) -> int:
    m = re.search(r"time left (\d+):(\d\d)", text)
    assert m, f"the clock does not read 'time left m:ss': {text!r}"
    return int(m.group(1)) * 60 + int(m.group(2))


def _run_cell(page, index: int) -> None:
    ld.select_code_cell(page, index)
    page.keyboard.press("Control+Enter")


def test_mock_clock_restart_and_report(mock_lab, mock_page):
    page = mock_page
    path = f"mocks/{NAME}.ipynb"
    ld.open_notebook(page, mock_lab, path, "mock")

    # the first cell starts the clock, which then counts down in the browser
    _run_cell(page, 0)
    page.wait_for_selector(f"{ld.NOTEBOOK} .mock-clock", timeout=STEP)
    ld.wait_kernel_idle(page)
    first, deadline = _clock(page)
    assert 29 * 60 <= _seconds_left(first) <= 30 * 60, first
    time.sleep(3)
    later, _ = _clock(page)
    assert _seconds_left(later) < _seconds_left(first), f"the clock did not move: {first!r} then {later!r}"

    # a cell that keeps the kernel busy: the clock goes on meanwhile
    _run_cell(page, 1)  # the setup cell of ml_concepts
    ld.wait_kernel_idle(page)
    _run_cell(page, 2)  # the answer, which sleeps 6 s
    page.wait_for_selector(f"{ld.NOTEBOOK} .jp-Notebook-ExecutionIndicator[data-status='busy']",
                           state="attached", timeout=30_000)
    busy_start, _ = _clock(page)
    time.sleep(3)
    busy_later, _ = _clock(page)
    assert _seconds_left(busy_later) < _seconds_left(busy_start), \
        f"the clock stopped while the kernel was busy: {busy_start!r} then {busy_later!r}"
    ld.wait_kernel_idle(page)
    ld.screenshot(page, "mock-clock")

    # restart the kernel in the middle of the mock, then run everything: same deadline, then the report
    ld.menu(page, "Kernel", "kernelmenu:restart")
    page.click(".jp-Dialog .jp-mod-accept")
    page.wait_for_selector(".jp-Dialog", state="detached")
    time.sleep(2)
    ld.wait_kernel_idle(page)
    ld.run_all(page, timeout=400, keep_going=True)
    ld.screenshot(page, "mock-finished")
    after, deadline_after = _clock(page)
    assert deadline_after == deadline, "the restarted mock got a new deadline"
    assert _seconds_left(after) < _seconds_left(first)
    nb = ld.save(page, mock_lab, path)
    report = "".join(o.get("text", "") for c in nb.cells if c.get("id") == "mock-finish" for o in c.get("outputs", []))
    assert "Mock interview report: e2e-mock" in report, f"finish() printed no report:\n{report[:2000]}"
    assert "ml_concepts/mse: " in report and "checks passed" in report, report[:2000]
    assert "A strong answer covers" in report, report[:2000]
    shown = page.locator(f"{ld.NOTEBOOK} .jp-OutputArea-output:has-text('Mock interview report')")
    assert shown.count() >= 1, "the report is not shown in the browser"
    # the follow-up was revealed (mse passes) and its stub put into a new cell under it
    sources = [c.source for c in nb.cells]
    assert any(s.startswith("def r2_score(") for s in sources), "the follow-up's stub did not appear in a new cell"
