"""Two app processes on one PostgreSQL database, as a shared server runs them behind a
reverse proxy: what one person saves through the first is on the second's screen at its
next run, whatever the second process had cached."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.browser import assert_no_error_boxes, serve, settle, sign_in_at
from tests.helpers.data import TEST_PASSWORD, prepare_app_database

SUBJECT = "việc triển khai phong trào thi đua năm 2026"
NO_ROUND = "Chưa có đợt giám sát nào."


@pytest.fixture
def two_processes(tmp_path: Path, postgres_url: str) -> Iterator[tuple[str, str]]:
    prepare_app_database(tmp_path, postgres_url)
    first, second = (serve(tmp_path / name, DATABASE_URL=postgres_url) for name in ("one", "two"))
    try:
        yield next(first), next(second)
    finally:
        first.close()
        second.close()


def _signed_in(browser, server: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/rounds")
    settle(page)
    sign_in_at(page, "quantri.kt", TEST_PASSWORD)
    page.goto(f"{server}/rounds")
    settle(page)
    return page


def test_a_save_through_one_process_shows_through_the_other(two_processes, browser):
    one, two = two_processes
    # The second process reads (and caches) the empty list of rounds first.
    watcher = _signed_in(browser, two)
    watcher.get_by_text(NO_ROUND).wait_for()

    planner = _signed_in(browser, one)
    planner.get_by_text("Tạo đợt giám sát mới").click()
    form = planner.locator("[data-testid='stForm']")
    form.get_by_label("Nội dung giám sát").fill(SUBJECT)
    form.get_by_role("button", name="Tạo đợt giám sát").click()
    planner.get_by_role("heading", name=f"Giám sát {SUBJECT}").wait_for()

    watcher.reload()
    settle(watcher)
    watcher.locator("[data-testid='stDataFrame']").wait_for()
    assert watcher.get_by_text(NO_ROUND).count() == 0
    assert_no_error_boxes(watcher)
