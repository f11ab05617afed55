"""In a real browser (Debian's Chromium driven by Playwright): the app as people use it.

Each server is started on a free port with a fresh database holding the sample.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.helpers.browser import (
    CONNECTED,
    IDLE,
    add_finding,
    add_recommendation,
    assert_no_error_boxes,
    choose,
    download,
    new_visit,
    screenshot,
    settle,
    sign_in_at,
)
from tests.helpers.data import TEST_PASSWORD
from tests.helpers.excel import cell_texts


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="vi-VN")
    return context.new_page()


def _open(page, url: str, username: str | None = "quantri.kt") -> None:
    """Open an address and, at the sign-in screen, sign in."""
    page.goto(url)
    page.wait_for_selector(CONNECTED, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    if username is None:
        return
    sign_in_at(page, username, TEST_PASSWORD)


def test_a_bookmarked_locality_opens_inside_the_app(server, page):
    # The very first request of the process is a direct link to a profile.
    _open(page, f"{server}/locality?locality=502")
    page.get_by_role("heading", name="Thành phố Tam Kỳ").wait_for(timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Tổng quan").wait_for()  # the app's navigation
    sidebar.get_by_text("Tiếng Việt").wait_for()  # its language switch
    assert sidebar.get_by_text("overview", exact=True).count() == 0  # not the legacy list
    assert_no_error_boxes(page)
    page.get_by_role("tab", name="Buổi làm việc").click()
    page.get_by_text("Tiêu chí thi đua ngành dọc (kinh tế, tài chính).").wait_for()
    assert page.get_by_text("139 công trình với tổng mức đầu tư 203,4 tỷ đồng").count() == 1
    screenshot(page, "locality-tam-ky")


def test_overview_renders_charts_and_opens_a_locality(server, page):
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or ""))
    _open(page, server)
    page.get_by_role("heading", name="Tổng quan phong trào thi đua").wait_for()
    page.locator(".vega-embed").first.wait_for(timeout=30_000)
    assert page.locator(".vega-embed").count() >= 3
    assert page.get_by_text("Tỷ lệ giải ngân").count() >= 1
    assert_no_error_boxes(page)
    screenshot(page, "overview")
    # Offline on a laptop: no font, icon or script is fetched from the internet.
    assert hosts <= {"127.0.0.1", ""}, hosts
    # Narrow to one city: its districts can now be chosen, charts redraw, no error.
    from playwright.sync_api import expect

    below = page.get_by_role("combobox", name="Cấp dưới")
    expect(below).to_be_disabled()
    choose(page, "Tỉnh, thành phố", "Thành phố Hải Phòng")
    # While the run goes on, the old box can still be shown beside the new one.
    page.locator("input[aria-label='Cấp dưới']:not([disabled])").wait_for(timeout=30_000)
    settle(page)
    expect(below).to_be_enabled()
    page.locator(".vega-embed").first.wait_for(timeout=30_000)
    assert page.locator(".vega-embed").count() >= 3
    assert_no_error_boxes(page)
    screenshot(page, "overview-hai-phong")
    page.get_by_role("button", name="Mở hồ sơ").click()
    page.wait_for_url("**/locality?locality=*", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_text("Hồ sơ địa phương").first.wait_for()
    assert_no_error_boxes(page)


def _wait_for_draft(data_dir: Path, text: str) -> None:
    """The promise is "saved in the database as typed": wait until it is there."""
    from data_access.db import create_db_engine
    from data_access.drafts import drafts_under

    engine = create_db_engine(f"sqlite:///{data_dir / 'giamsat.sqlite3'}")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if any(d.text == text for d in drafts_under(engine, "visit:", "quantri.kt").values()):
                return
            time.sleep(0.2)
        pytest.fail("the typed text never reached the database")
    finally:
        engine.dispose()


@pytest.fixture
def server_data(tmp_path: Path) -> Path:
    """Where the ``server`` fixture keeps its database (the same tmp_path)."""
    return tmp_path


def test_typed_text_survives_a_reload_of_the_page(server, server_data, page):
    from sample_data.builder import stable_id

    visit_id = stable_id("visit", "ngo-quyen-2026-05-20")
    _open(page, f"{server}/visit?visit={visit_id}")
    summary = page.get_by_label("Nội dung làm việc")
    summary.fill("Đoàn làm việc về tiến độ giải phóng mặt bằng năm 2026")
    page.get_by_label("Thư ký").click()  # leaving the field keeps the text as a draft
    _wait_for_draft(server_data, "Đoàn làm việc về tiến độ giải phóng mặt bằng năm 2026")
    page.reload()
    page.wait_for_selector(CONNECTED, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    # Still signed in after the refresh: no sign-in screen.
    page.locator("[data-testid='stSidebar']").get_by_text("Đăng xuất").wait_for(timeout=30_000)
    page.get_by_text("Đã khôi phục nội dung chưa lưu").wait_for(timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)  # the notice shows while the run goes on
    restored = page.get_by_label("Nội dung làm việc")
    restored.wait_for(timeout=30_000)  # widgets can still be placeholders a moment after
    assert restored.input_value() == "Đoàn làm việc về tiến độ giải phóng mặt bằng năm 2026"
    assert_no_error_boxes(page)
    screenshot(page, "visit-draft-restored")


def test_the_disbursement_rate_is_read_on_one_date_the_user_can_change(server, page):
    """The headline a director reads first: 61,7% as of 30/09/2026 (5/5 units), and the
    same view on another date of the range, chosen from the list with its coverage."""
    from playwright.sync_api import expect

    _open(page, server)
    rate = page.get_by_test_id("stMetric").filter(has_text="Tỷ lệ giải ngân")
    expect(rate).to_contain_text("61,7%")
    expect(rate).to_contain_text("đến 30/09/2026")
    page.get_by_text("5/5 đơn vị có số liệu").first.wait_for()
    page.get_by_role("button", name="Đổi ngày").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("30/09/2025 — 4/5 đơn vị có số liệu").wait_for()
    dialog.get_by_text("31/12/2025 — 5/5 đơn vị có số liệu").click()
    dialog.get_by_role("button", name="Xem theo ngày này").click()
    expect(dialog).to_be_hidden(timeout=30_000)
    settle(page)
    expect(rate).to_contain_text("đến 31/12/2025")
    expect(rate).to_contain_text("92,1%")
    page.get_by_text("(ngày đã chọn)").wait_for()
    assert_no_error_boxes(page)
    screenshot(page, "overview-as-of-31-12-2025")


def test_a_visit_recorded_in_the_browser_survives_a_reload_and_reaches_the_workbooks(server, page):

    finding = "Hoàn thành 12 tuyến đường giao thông nông thôn trước kế hoạch"
    shortcoming = "Giải ngân vốn đầu tư công 9 tháng mới đạt 41% kế hoạch"
    recommendation = "Đẩy nhanh giải ngân, hoàn thành trước ngày 31/12/2026"
    _open(page, f"{server}/visits", "thuky")
    screenshot(page, "visits")
    new_visit(page, "Đoàn giám sát Sở Nội vụ thành phố Đà Nẵng", chair="Trần Văn Trưởng")
    assert_no_error_boxes(page)

    add_finding(page, "achievement", finding)
    add_finding(page, "shortcoming", shortcoming)
    add_recommendation(page, recommendation, addressee="UBND phường Tam Kỳ")
    assert_no_error_boxes(page)
    # Each add reran its tab only; the minutes still hold what was just saved.
    at_once = cell_texts(download(page, "Tải biên bản (Excel)", "bien-ban-ngay.xlsx"))
    for text in (finding, shortcoming, recommendation):
        assert text in at_once, text

    page.reload()
    settle(page)
    page.get_by_role("tab", name="Kết quả giám sát").click()
    for text in (finding, shortcoming):
        page.get_by_text(text).first.wait_for(timeout=30_000)
    page.get_by_role("tab", name="Kiến nghị").click()
    page.get_by_text(recommendation).first.wait_for(timeout=30_000)
    screenshot(page, "visit-recommendations")

    minutes = cell_texts(download(page, "Tải biên bản (Excel)", "bien-ban.xlsx"))
    for text in (finding, shortcoming, recommendation, "Trần Văn Trưởng", "Phường Tam Kỳ"):
        assert text in minutes, text

    page.goto(f"{server}/recommendations")
    settle(page)
    page.get_by_role("heading", name="Theo dõi kiến nghị").wait_for(timeout=30_000)
    # The table is drawn on a canvas; its accessible cells say when it is there.
    page.locator("[role=gridcell]", has_text=recommendation).first.wait_for(
        state="attached", timeout=30_000
    )
    screenshot(page, "recommendations-tracker")
    register = cell_texts(download(page, "Tải sổ theo dõi kiến nghị (Excel)", "so.xlsx"))
    assert recommendation in register
    assert "UBND phường Tam Kỳ" in register


def test_the_overview_summary_and_the_report_template_download(server, page):
    _open(page, server)
    page.get_by_role("heading", name="Tổng quan phong trào thi đua").wait_for()
    settle(page)
    summary = cell_texts(download(page, "Tải báo cáo tổng hợp (Excel)", "tong-hop.xlsx"))
    assert "TỔNG HỢP PHONG TRÀO THI ĐUA" in summary
    assert "Thành phố Đà Nẵng" in summary
    page.goto(f"{server}/imports")
    settle(page)
    screenshot(page, "imports")
    template = download(page, "Tải mẫu báo cáo (Excel)", "mau-bao-cao.xlsx")
    texts = cell_texts(template)
    assert "Vốn đầu tư công đã giải ngân" in texts
    assert "Thành phố Đà Nẵng" in texts  # one row per unit, ready to fill in
    assert "HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO" in texts
    page.goto(f"{server}/admin")
    settle(page)
    page.get_by_role("heading", name="Quản trị").wait_for(timeout=30_000)
    assert_no_error_boxes(page)
    screenshot(page, "admin")


def test_signing_out_right_after_the_forced_password_change_signs_out(server, server_data, page):
    """A new account must change its temporary password; a "Đăng xuất" click while the app
    opened after the change did nothing: the run that entered the app switched the browser
    to its page, which dropped the click (decision 57). Clicked at moments spread over the
    opening, each click signs out."""
    from data_access.accounts import SYSTEM, find_user_id, reset_password
    from data_access.db import create_db_engine

    engine = create_db_engine(f"sqlite:///{server_data / 'giamsat.sqlite3'}")
    user_id = find_user_id(engine, "thuky")
    sidebar = page.locator("[data-testid='stSidebar']")
    try:
        for moment in (0, 150, 300, 450, 600, 750):  # milliseconds after "Đổi mật khẩu"
            reset_password(engine, SYSTEM, user_id, TEST_PASSWORD)  # a temporary one again
            _open(page, server, "thuky")
            page.get_by_text("hãy đổi mật khẩu").wait_for(timeout=30_000)
            page.get_by_label("Mật khẩu hiện tại").fill(TEST_PASSWORD)
            page.get_by_label("Mật khẩu mới (ít nhất 10 ký tự)").fill("Mat-khau-moi-2026")
            page.get_by_label("Nhập lại mật khẩu").fill("Mat-khau-moi-2026")
            page.get_by_role("button", name="Đổi mật khẩu").click()
            page.wait_for_timeout(moment)
            sidebar.get_by_role("button", name="Đăng xuất").click()
            page.get_by_role("button", name="Đăng nhập").wait_for(timeout=30_000)
            assert_no_error_boxes(page)
    finally:
        engine.dispose()


def test_the_session_cookie_is_set_by_the_server_out_of_reach_of_scripts(server, page):
    """Set by a script before, a script could read it; now the server sets it HttpOnly."""
    _open(page, server)

    def session_cookies() -> list[dict]:
        return [c for c in page.context.cookies() if c["name"] == "giamsat_phien"]

    (cookie,) = session_cookies()  # sign-in waits for it
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["secure"]) == (True, "Strict", False)
    assert "giamsat_phien" not in page.evaluate("document.cookie")
    page.reload()
    page.wait_for_selector(CONNECTED, timeout=60_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Đăng xuất").first.wait_for(timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    sidebar.get_by_role("button", name="Đăng xuất").click()
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=30_000)
    deadline = time.monotonic() + 30
    while session_cookies() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert session_cookies() == []


def test_switching_to_english_translates_the_choices_already_on_screen(server, page):
    """A choice left as it was kept its Vietnamese words after the switch ("Tất cả" on the
    English tracker): Streamlit sends a choice's words only when the choice moves."""
    from playwright.sync_api import expect

    def shown(label: str) -> str:
        """What the box reads: its choice, or the placeholder standing for "all"."""
        box = page.get_by_role("combobox", name=label)
        return box.input_value() or box.get_attribute("placeholder") or ""

    _open(page, f"{server}/recommendations")
    expect(page.get_by_role("combobox", name="Phong trào thi đua")).to_have_value("Tất cả")
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Recommendations tracker").wait_for(timeout=30_000)
    settle(page)
    assert (shown("Emulation campaign"), shown("Locality")) == ("All", "All")
    # The overview's place boxes too, and the language box names itself in both languages.
    page.locator("[data-testid='stSidebar']").get_by_text("Overview", exact=True).click()
    page.get_by_role("heading", name="Campaign overview").wait_for(timeout=30_000)
    settle(page)
    assert (shown("Province"), shown("Level below")) == ("Whole country", "All")
    page.get_by_text("Ngôn ngữ / Language").wait_for()
    assert_no_error_boxes(page)
