"""The two promises, in a real browser: no word typed is lost, and nobody silently
overwrites anybody. Each step waits for the state it needs (the app idle, the element
drawn, the draft in the database), never for a fixed time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.browser import (
    CONNECTED,
    IDLE,
    assert_no_error_boxes,
    download,
    drafts_in,
    free_port,
    require_browser,
    screenshot,
    settle,
    sign_in_at,
    start_app,
    wait_for_drafts,
    wait_until_up,
)
from tests.helpers.data import TEST_PASSWORD, TODAY, prepare_app_database
from tests.helpers.excel import cell_texts


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
        return drafts_in(self.folder)

    def wait_for_drafts(self, *texts: str) -> None:
        wait_for_drafts(self.folder, *texts)


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
        settle(page)
    _until_ready(page)
    return page


def _until_ready(page) -> None:
    """The visit drawn, the app idle, and the draft keeper listening."""
    page.get_by_label("Nội dung làm việc").wait_for(timeout=30_000)
    settle(page)
    page.wait_for_selector("body[data-draft-keeper='ready']", state="attached", timeout=30_000)


def _reload(page) -> None:
    page.reload()
    settle(page)
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
    assert_no_error_boxes(page)


def _kill(app: App) -> None:
    app.process.kill()
    app.process.wait(timeout=20)


FINDING = "Tiến độ giải ngân một số dự án chậm so với kế hoạch."


def test_two_fields_typed_a_moment_apart_are_both_back(app, browser):
    page = _person(browser, app, "quantri.kt")
    page.get_by_label("Nội dung làm việc").click()
    page.keyboard.type("Kiểm tra tiến độ")
    page.get_by_label("Địa điểm").click()  # 0,3 s later at typing speed
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Hội trường UBND phường")
    app.wait_for_drafts("Kiểm tra tiến độ", "Hội trường UBND phường")
    _reload(page)
    kept = app.drafts()  # what the database held, said if a field comes back otherwise
    assert page.get_by_label("Nội dung làm việc").input_value() == "Kiểm tra tiến độ", kept
    assert page.get_by_label("Địa điểm").input_value() == "Hội trường UBND phường", kept


def test_text_typed_before_the_server_is_killed_is_back_after_its_restart(app, browser):
    page = _person(browser, app, "quantri.kt")
    page.get_by_label("Nội dung làm việc").click()
    page.keyboard.type("Trước khi mất điện")
    app.wait_for_drafts("Trước khi mất điện")
    # The last words typed, and the server gone before they were sent (the app disables
    # its fields while it is unreachable): the browser keeps them and sends them when the
    # server is back.
    page.keyboard.type(", và cả sau đó")
    _kill(app)
    app.start()
    page.wait_for_selector(CONNECTED, timeout=60_000)
    app.wait_for_drafts("Trước khi mất điện, và cả sau đó")
    _reload(page)
    assert page.get_by_label("Nội dung làm việc").input_value() == (
        "Trước khi mất điện, và cả sau đó"
    )


def _saved(page) -> None:
    """The toast of a save (not the drafts' "Đã lưu nháp lúc …"), then the app idle."""
    page.get_by_text("Đã lưu.", exact=True).first.wait_for(timeout=30_000)
    settle(page)


def test_the_second_of_two_editors_of_a_finding_is_refused_with_both_texts_kept(app, browser):
    first = _person(browser, app, "quantri.kt")
    second = _person(browser, app, "chanhvp.kt")
    for page in (first, second):
        page.get_by_role("tab", name="Kết quả giám sát").click()
        page.get_by_label("1.").wait_for(timeout=30_000)
    first.get_by_label("1.").fill(FINDING + " Mới giải ngân 41%.")
    second.get_by_label("1.").fill(FINDING + " Vướng mặt bằng.")
    first.get_by_role("button", name="Lưu", exact=True).click()
    _saved(first)
    second.get_by_role("button", name="Lưu", exact=True).click()
    second.get_by_text("Bản đang lưu (của người khác)").wait_for(timeout=30_000)
    settle(second)
    assert second.get_by_text(f"Nội dung: {FINDING} Mới giải ngân 41%.").count() == 1
    assert second.get_by_label("1.").input_value() == FINDING + " Vướng mặt bằng."
    screenshot(second, "visit-conflict")
    # The second merges both into the field and keeps that over the first's save.
    second.get_by_label("1.").fill(FINDING + " Mới giải ngân 41%; vướng mặt bằng.")
    second.get_by_role("button", name="Lưu bản của tôi thay thế").click()
    _saved(second)
    _reload(first)
    first.get_by_role("tab", name="Kết quả giám sát").click()
    assert first.get_by_label("1.").input_value() == FINDING + " Mới giải ngân 41%; vướng mặt bằng."
    assert app.drafts() == []  # both editors' drafts went with their saves


def test_sign_off_with_an_unsaved_field_is_refused_and_the_minutes_match_the_screen(app, browser):
    page = _person(browser, app, "quantri.kt")
    page.get_by_label("Nội dung làm việc").click()
    page.keyboard.type("Tóm tắt chưa bấm lưu")
    app.wait_for_drafts("Tóm tắt chưa bấm lưu")
    _reload(page)  # the sign-off tab reads the drafts as the page opens
    page.get_by_role("tab", name="Ký duyệt").click()
    page.get_by_text("Còn 1 nội dung đang gõ dở, chưa lưu").wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Ký duyệt", exact=True).count() == 0
    screenshot(page, "visit-sign-off-unsaved")
    page.get_by_role("button", name="Lưu tất cả nội dung nháp của tôi").click()
    page.get_by_text("Đã lưu 1 nội dung nháp.").wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("tab", name="Ký duyệt").click()
    # Streamlit draws its own box over the checkbox: a person clicks the label.
    page.get_by_text("Tôi xác nhận nội dung biên bản đã đầy đủ, chính xác.").click()
    settle(page)
    page.get_by_role("button", name="Ký duyệt", exact=True).click()
    page.get_by_text("Đã ký duyệt bởi Quản trị Kiểm thử").first.wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_label("Nội dung làm việc").input_value() == "Tóm tắt chưa bấm lưu"
    minutes = cell_texts(download(page, "Tải biên bản (Excel)", "bien-ban-ky.xlsx"))
    assert "Tóm tắt chưa bấm lưu" in minutes
    assert app.drafts() == []


# Streamlit's own English, and what pandas leaves where a text is missing.
FOREIGN_WORDS = ("None", "nan", "Choose an option", "Select", "Upload", "per file", "Add row")


def _foreign_words(page) -> set[str]:
    """Words of those shown or announced (placeholders, titles) in the main area."""
    import re

    text = page.evaluate(
        "document.querySelector('[data-testid=stMain]').innerText + ' ' + "
        "[...document.querySelectorAll('[data-testid=stMain] [placeholder], "
        "[data-testid=stMain] [title]')]"
        ".map(e => (e.getAttribute('placeholder') || '') + ' ' + (e.getAttribute('title') || ''))"
        ".join(' ')"
    )
    return {word for word in FOREIGN_WORDS if re.search(rf"\b{re.escape(word)}\b", text)}


VISIT_TABS = (
    "Thông tin chung",
    "Trước buổi làm việc",
    "Tiêu chí",
    "Số liệu báo cáo",
    "Kết quả giám sát",
    "Kiến nghị",
    "Tệp đính kèm",
    "Ký duyệt",
)


def test_the_visit_record_and_the_tracker_hold_no_english_or_nan_in_vietnamese(app, browser):
    page = _person(browser, app, "quantri.kt")
    for tab in VISIT_TABS:
        page.get_by_role("tab", name=tab).click()
        assert _foreign_words(page) == set(), tab
    page.get_by_role("tab", name="Tệp đính kèm").click()
    page.get_by_role("button", name="Chọn tệp").wait_for(timeout=30_000)
    page.goto(f"{app.url}/recommendations")
    settle(page)
    page.get_by_role("heading", name="Theo dõi kiến nghị").wait_for(timeout=30_000)
    assert _foreign_words(page) == set()


def test_the_english_choice_survives_a_reload_and_a_bookmarked_link(app, browser):
    page = _person(browser, app, "quantri.kt")
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    page.get_by_role("tab", name="General").wait_for(timeout=30_000)
    settle(page)
    assert "lang=en" in page.url
    page.reload()
    settle(page)
    page.get_by_role("tab", name="General").wait_for(timeout=30_000)
    bookmarked = page.url
    other = browser.new_context(locale="vi-VN").new_page()
    other.goto(bookmarked)
    other.wait_for_selector(CONNECTED, timeout=60_000)
    other.get_by_role("button", name="Sign in").wait_for(timeout=30_000)  # in English


def test_figures_typed_with_tab_keep_every_keystroke_and_the_period_stays(app, browser):
    page = _person(browser, app, "quantri.kt")
    page.get_by_role("tab", name="Số liệu báo cáo").click()
    page.get_by_label("Kỳ báo cáo").fill("9 tháng năm 2026")
    # The ward has each quarter of 2026: its nine months restate them (check figures).
    page.get_by_role("spinbutton", name="day, Đến ngày").click()
    page.keyboard.type("30092026")  # day, month, year: each segment moves to the next
    page.keyboard.press("Tab")
    settle(page)
    page.get_by_label("Số công trình — Giá trị").click()
    page.keyboard.type("48")
    page.keyboard.press("Tab")  # to its note
    page.keyboard.press("Tab")  # to the next indicator's value
    page.keyboard.type("1.060,8")
    page.get_by_label("Diện tích đất hiến — Giá trị").click()
    page.keyboard.type("2.701")  # m², a whole number: the dot groups thousands
    page.keyboard.press("Tab")
    settle(page)
    _reload(page)
    page.get_by_role("tab", name="Số liệu báo cáo").click()
    assert page.get_by_label("Số công trình — Giá trị").input_value() == "48"
    page.get_by_role("button", name="Lưu số liệu").click()
    _saved(page)
    # The table of what is recorded is drawn on a canvas; its accessible cells say it.
    for shown in ("48", "1.060,8", "2.701"):
        page.locator("[role=gridcell]", has_text=shown).first.wait_for(
            state="attached", timeout=30_000
        )
    assert page.get_by_label("Kỳ báo cáo").input_value() == "9 tháng năm 2026"
    assert page.get_by_role("spinbutton", name="day, Đến ngày").inner_text() == "30"
    assert page.get_by_role("spinbutton", name="month, Đến ngày").inner_text() == "09"
    assert page.get_by_label("Số công trình — Giá trị").input_value() == ""
    # Kept beside the three quarters it restates, never added to them.
    page.get_by_text("được giữ làm số kiểm tra, không cộng thêm").first.wait_for()


def test_a_finding_added_right_after_typing_leaves_no_draft_behind(app, browser):
    page = _person(browser, app, "quantri.kt")
    page.get_by_role("tab", name="Kết quả giám sát").click()
    page.get_by_label("Thêm kết quả đạt được").click()
    page.keyboard.type("Hoàn thành 12 tuyến đường")
    page.locator(".st-key-add-achievement button").click()  # before the draft is sent
    _saved(page)
    # The keystrokes' send still on its way arrives after the add: it must not come back
    # as a draft of the emptied box (nor block a sign-off). Wait past its retries.
    page.wait_for_function(
        "() => !Object.keys(localStorage).some(k => k.startsWith('giamsat-draft:'))",
        timeout=30_000,
    )
    assert app.drafts() == []
    _reload(page)
    page.get_by_role("tab", name="Kết quả giám sát").click()
    assert page.get_by_label("Thêm kết quả đạt được").input_value() == ""
    assert page.get_by_label("1.").first.input_value() == "Hoàn thành 12 tuyến đường"
