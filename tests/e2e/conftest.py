"""One Playwright and one Chromium for every browser test of the session.

Playwright's sync API runs an event loop in the thread that starts it: a second
``sync_playwright()`` while the first is open fails ("using Playwright Sync API inside the asyncio
loop"), which is what happened when test_browser.py's session browser was still open as
test_browser_mock.py started its own. Every module takes its browser from here instead.
"""
from __future__ import annotations

import pytest

import lab_driver as ld


@pytest.fixture(scope="session")
def chromium():
    from test_browser import _skip_reason

    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(ld.CHROMIUM), args=ld.CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
