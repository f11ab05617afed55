"""Field sync in a real browser: a laptop with no network takes out its visits by file,
records a visit, and the shared server sees it once the package has travelled both ways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from data_access.accounts import SYSTEM, find_user_id, set_membership
from data_access.db import create_db_engine
from sample_data.builder import stable_id
from tests.helpers.browser import (
    CONNECTED,
    IDLE,
    add_finding,
    add_recommendation,
    assert_no_error_boxes,
    choose_file,
    choose_many,
    download,
    new_visit,
    require_browser,
    screenshot,
    serve,
    settle,
    sign_in_at,
)
from tests.helpers.data import TEST_PASSWORD, prepare_app_database

QUANG_NAM = "Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam"


@pytest.fixture
def shared_server(tmp_path: Path) -> Iterator[str]:
    """The office's server, with the secretary a member of the Quảng Nam delegation."""
    require_browser()
    folder = tmp_path / "server"
    prepare_app_database(folder)
    engine = create_db_engine(f"sqlite:///{folder / 'giamsat.sqlite3'}")
    delegation = stable_id("delegation", "so-noi-vu-quang-nam")
    set_membership(engine, SYSTEM, delegation, find_user_id(engine, "thuky"), "member")
    engine.dispose()
    yield from serve(folder)


@pytest.fixture
def new_laptop(tmp_path: Path) -> Iterator[str]:
    """A laptop just installed: an empty database, no sample."""
    require_browser()
    yield from serve(tmp_path / "laptop", GIAMSAT_LOAD_SAMPLE="0")


def _window(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    # A take-out or a merge runs inside the click's run: on a loaded machine it can take
    # longer than Playwright's default 30 s before the next control is there.
    context.set_default_timeout(90_000)
    return context.new_page()


def _go(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(CONNECTED, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def test_a_visit_recorded_offline_reaches_the_server_by_file(shared_server, new_laptop, browser):

    finding = "Nhà văn hóa khu phố 3 xây xong, chưa có biên bản nghiệm thu"
    recommendation = "Hoàn thiện hồ sơ nghiệm thu nhà văn hóa khu phố 3 trước 31/12/2026"

    # At the office: the administrator registers the laptop and makes its take-out package.
    office = _window(browser)
    _go(office, f"{shared_server}/sync")
    sign_in_at(office, "quantri.kt", TEST_PASSWORD)
    if "/sync" not in office.url:
        _go(office, f"{shared_server}/sync")
    office.get_by_text("Đăng ký máy trạm mới").click()
    form = office.locator("[data-testid='stForm']")
    form.get_by_label("Máy trạm", exact=True).fill("Máy Tam Kỳ")
    choose_many(form, "Địa phương được mang đi", "Phường Tam Kỳ")
    choose_many(form, "Đoàn giám sát", QUANG_NAM)
    form.get_by_role("button", name="Đăng ký").click()
    registration = download(office, "Tải tệp đăng ký (.json)", "dang-ky-may-tram.json")
    settle(office)
    office.get_by_role("button", name="Tạo gói dữ liệu mang đi").click()
    take_out = download(office, "Tải gói dữ liệu mang đi (.zip)", "may-tam-ky-lay-di.zip")
    screenshot(office, "sync-server-laptops")

    # On the laptop, first start: it becomes the laptop, takes out its data, signs in.
    laptop = _window(browser)
    _go(laptop, new_laptop)
    choose_file(laptop, "sync-registration", registration)
    laptop.get_by_role("button", name="Dùng máy này làm máy trạm").click()
    laptop.get_by_text("Máy này là máy trạm").wait_for(timeout=30_000)
    choose_file(laptop, "sync-first-zip", take_out)
    laptop.get_by_role("button", name="Lấy dữ liệu").click()
    sign_in_at(laptop, "thuky", TEST_PASSWORD)
    assert_no_error_boxes(laptop)

    # Offline: a visit with a new delegation, a finding and a recommendation.
    _go(laptop, f"{new_laptop}/visits")
    new_visit(laptop, "Tổ giám sát phường Tam Kỳ")
    add_finding(laptop, "shortcoming", finding)
    add_recommendation(laptop, recommendation)

    # By file: the laptop's package to the office, the office's reply back.
    _go(laptop, f"{new_laptop}/sync")
    laptop.get_by_text("Máy trạm Máy Tam Kỳ").wait_for(timeout=30_000)
    laptop.get_by_role("button", name="Tạo gói gửi máy chủ").click()
    package = download(laptop, "Tải gói thay đổi (.zip)", "may-tam-ky-gui-may-chu.zip")
    screenshot(laptop, "sync-laptop")
    _go(office, f"{shared_server}/sync")
    choose_file(office, "sync-push", package)
    office.get_by_role("button", name="Nhận gói", exact=True).click()
    reply = download(office, "Tải gói trả lời (.zip)", "tra-loi-may-tram.zip")
    choose_file(laptop, "sync-reply", reply)
    laptop.get_by_role("button", name="Nhập gói trả lời").click()
    laptop.get_by_text("Đã đồng bộ: gửi").wait_for(timeout=60_000)
    assert_no_error_boxes(laptop)
    assert laptop.get_by_text("Máy chủ không nhận").count() == 0
    screenshot(laptop, "sync-laptop-synced")

    # At the office: the visit is listed and its recommendation is in the tracker.
    _go(office, f"{shared_server}/visits")
    office.locator("[role=gridcell]", has_text="Tổ giám sát phường Tam Kỳ").first.wait_for(
        state="attached", timeout=30_000
    )
    _go(office, f"{shared_server}/recommendations")
    office.locator("[role=gridcell]", has_text=recommendation).first.wait_for(
        state="attached", timeout=30_000
    )
    assert_no_error_boxes(office)
    screenshot(office, "sync-server-tracker")
