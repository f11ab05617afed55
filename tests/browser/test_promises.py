"""The two promises, in a real browser: no word typed is lost, and nobody silently
overwrites anybody. Each step waits for the state it needs (the app idle, the element
drawn, the draft in the database), never for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_journeys import _assert_no_error_boxes, _settle
from tests.helpers.browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    CONNECTED,
    IDLE,
    free_port,
    require_browser,
    sign_in_at,
    start_app,
    wait_until_up,
)
from tests.helpers.data import TEST_PASSWORD, TODAY, prepare_app_database


class App:
    """The app's server, which a test may kill and start again on the same data."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self) -> None:
        env = {
            "GIAMSAT_DATA_DIR": str(self.folder),
            "GIAMSAT_TODAY": TODAY.isoformat(),
            "DATABASE_URL": "",
        }
        self.process = start_app(self.port, env)
        try:
            wait_until_up(self.url, 60)
        except RuntimeError as never:
            pytest.fail(str(never))

    def drafts(self) -> list[str]:
        from sqlalchemy import select

        from data_access.db import create_db_engine
        from data_access.models import Draft

        engine = create_db_engine(f"sqlite:///{self.folder / 'giamsat.sqlite3'}")
        try:
            with engine.connect() as connection:
                return list(connection.scalars(select(Draft.text)))
        finally:
            engine.dispose()

    def wait_for_drafts(self, *texts: str) -> None:
        """The promise is "kept in the database as typed": wait until every text is there."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if set(texts) <= set(self.drafts()):
                return
            time.sleep(0.2)
        pytest.fail(f"never reached the database: {set(texts) - set(self.drafts())}")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    require_browser()
    prepare_app_database(tmp_path)
    server = App(tmp_path)
    server.start()
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.process.terminate()
            server.process.wait(timeout=20)


@pytest.fixture
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _person(browser, app: App, username: str):
    """One person in a browser of their own, on the Ngô Quyền visit, signed in."""
    from sample_data.builder import stable_id

    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="vi-VN")
    page = context.new_page()
    address = f"{app.url}/visit?visit={stable_id('visit', 'ngo-quyen-2026-05-20')}"
    page.goto(address)
    page.wait_for_selector(CONNECTED, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    sign_in_at(page, username, TEST_PASSWORD)
    if "/visit" not in page.url:  # signed in on the overview: open the visit again
        page.goto(address)
        _settle(page)
    _until_ready(page)
    return page


def _until_ready(page) -> None:
    """The visit drawn, the app idle, and the draft keeper listening."""
    page.get_by_label("Nội dung làm việc").wait_for(timeout=30_000)
    _settle(page)
    page.wait_for_selector("body[data-draft-keeper='ready']", state="attached", timeout=30_000)


def _reload(page) -> None:
    page.reload()
    _settle(page)
    _until_ready(page)


def test_text_typed_without_leaving_the_field_is_back_after_a_reload(app, browser):
    page = _person(browser, app, "quantri.kt")
    page.get_by_label("Nội dung làm việc").click()
    page.keyboard.type("Đoàn làm việc về giải phóng mặt bằng")  # and never leaves the field
    app.wait_for_drafts("Đoàn làm việc về giải phóng mặt bằng")
    page.get_by_text("Đã lưu nháp lúc").first.wait_for(timeout=30_000)
    _reload(page)
    assert page.get_by_label("Nội dung làm việc").input_value() == (
        "Đoàn làm việc về giải phóng mặt bằng"
    )
    _assert_no_error_boxes(page)
