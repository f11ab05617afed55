"""What the browser tests share: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.browser import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, require_browser, serve
from tests.helpers.data import prepare_app_database


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.call_failed = report.failed


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A fresh app process on the sample's database in ``tmp_path``: its first request
    decides Streamlit's page mode."""
    require_browser()
    prepare_app_database(tmp_path)
    yield from serve(tmp_path)


@pytest.fixture
def browser(request):
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        if getattr(request.node, "call_failed", False):
            _keep_what_was_on_screen(launched, request.node.name)
        launched.close()


def _keep_what_was_on_screen(browser, test_name: str) -> None:
    """Each open window of a failed test as a picture: what the person would have seen."""
    ARTIFACTS.mkdir(exist_ok=True)
    stem = "failed-" + re.sub(r"[^\w-]+", "-", test_name)[:80]
    pages = [page for context in browser.contexts for page in context.pages]
    for number, page in enumerate(pages, start=1):
        with contextlib.suppress(Exception):  # a window already closed: nothing to see
            page.screenshot(path=ARTIFACTS / f"{stem}-{number}.png", full_page=True)
