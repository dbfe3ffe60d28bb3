"""Shared fixtures and the planted-answer summary printed at the end of a run."""
from __future__ import annotations

import json
import os
from collections import defaultdict

import pytest

from course import ROOT
from course.notebooks import lessons, topics

os.environ.setdefault("MPLBACKEND", "Agg")

TOPICS = topics()
LESSONS = [p.name for p in lessons()]


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def chromium():
    """One Playwright and one Chromium for every browser test of the session (tests/e2e).

    Playwright's sync API runs an event loop in the thread that starts it: a second
    ``sync_playwright()`` while the first is open fails ("using Playwright Sync API inside the
    asyncio loop"). Every browser module takes its browser from here. It lives in this conftest,
    not in one under tests/e2e: two rootdir-less conftest.py files are both imported as the module
    ``conftest``, and the test modules' ``from conftest import TOPICS`` then found the wrong one.
    The imports are lazy: only tests/e2e (on sys.path once its modules are collected) asks for it.
    """
    import lab_driver as ld
    from test_browser import _skip_reason

    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(ld.CHROMIUM), args=ld.CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


_planted: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
_interview: list[tuple[str, str, float]] = []  # (topic, exercise, share of the points kept)


def pytest_runtest_logreport(report):
    """Collect the planted-answer outcomes (works under xdist: user_properties travel with reports)."""
    if report.when != "call":
        return
    for key, value in report.user_properties:
        if key == "planted":
            data = json.loads(value)
            counts = _planted[(data["topic"], data["exercise"])]
            counts[1] += 1
            counts[0] += int(data["caught"])
        elif key == "interview":
            data = json.loads(value)
            _interview.append((data["topic"], data["exercise"], float(data["kept"])))


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    if _interview:
        kept = [k for _, _, k in _interview]
        tr.section("interview-style right answers (no input checks): share of the exercise's points kept")
        tr.write_line(f"{len(kept)} answers in {len({(t, e) for t, e, _ in _interview})} exercises: "
                      f"mean {sum(kept) / len(kept):.1%}, lowest {min(kept):.1%}, "
                      f"{sum(k >= 0.8 for k in kept)} keep 80 % or more")
    if not _planted:
        return
    tr.section("planted wrong answers caught by the hidden tests")
    total_caught = total = 0
    for (topic, exercise), (caught, planted) in sorted(_planted.items()):
        tr.write_line(f"{topic:18s} {exercise:32s} {caught:3d} / {planted:<3d} caught")
        total_caught += caught
        total += planted
    tr.write_line(f"{'all':18s} {'':32s} {total_caught:3d} / {total:<3d} caught")
