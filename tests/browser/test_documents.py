"""In a real browser: the administrator puts the agency's own biên bản template in place,
and the next minutes downloaded from a visit are filled into it."""

from __future__ import annotations

from pathlib import Path

from tests.documents.test_minutes_word import TAM_KY_VISIT, agency_variant, docx_text
from tests.helpers.browser import (
    ARTIFACTS,
    assert_no_error_boxes,
    choose_file,
    download,
    screenshot,
    settle,
    sign_in_at,
)
from tests.helpers.data import TEST_PASSWORD

LETTERHEAD = "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG"


def _upload(page, path: Path) -> None:
    choose_file(page, "template-upload", path)
    page.get_by_role("button", name="Kiểm tra và dùng mẫu này").click()


def test_the_agency_template_is_checked_kept_and_used_for_the_next_minutes(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/admin")
    settle(page)
    sign_in_at(page, "quantri.kt", TEST_PASSWORD)
    page.get_by_role("tab", name="Mẫu văn bản").click()
    page.get_by_text("Đang dùng mẫu có sẵn của phần mềm.").wait_for(timeout=30_000)

    # A spreadsheet renamed .docx is refused, in Vietnamese, and nothing is kept.
    ARTIFACTS.mkdir(exist_ok=True)
    fake = ARTIFACTS / "mau-gia.docx"
    fake.write_bytes("TT;Tên\n1;Phường Tam Kỳ\n".encode())
    _upload(page, fake)
    page.get_by_text("Tệp không phải văn bản Word .docx.").wait_for(timeout=60_000)
    assert page.get_by_text("Đang dùng mẫu có sẵn của phần mềm.").count() == 1

    # The agency's copy of the shipped template, its letterhead changed in Word.
    own = ARTIFACTS / "mau-bien-ban-da-nang.docx"
    own.write_bytes(agency_variant("{{ parent_agency }}", LETTERHEAD))
    _upload(page, own)
    page.get_by_text("Đang dùng mẫu của cơ quan: mau-bien-ban-da-nang.docx").wait_for(
        timeout=60_000
    )
    assert_no_error_boxes(page)
    screenshot(page, "admin-templates")

    page.goto(f"{server}/visit?visit={TAM_KY_VISIT}")
    settle(page)
    page.get_by_role("button", name="Tải biên bản (Word)").wait_for(timeout=60_000)
    minutes = download(page, "Tải biên bản (Word)", "bien-ban-mau-co-quan.docx")
    lines = docx_text(minutes.read_bytes()).splitlines()
    assert LETTERHEAD in lines
    assert "Thời gian bắt đầu: Buổi sáng, ngày 14 tháng 9 năm 2023." in lines
    assert_no_error_boxes(page)
