"""In a real browser: a supervision round planned, the Tam Kỳ visit counted under it, its
report drafted from the visit's results, typed into, kept through a reload, saved over
nobody, downloaded in Word and finalised by the head."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from tests.documents.test_minutes_word import docx_text
from tests.helpers.browser import (
    ARTIFACTS,
    assert_no_error_boxes,
    choose,
    choose_file,
    close_list,
    download,
    screenshot,
    settle,
    sign_in_at,
    wait_for_drafts,
)
from tests.helpers.data import TEST_PASSWORD

SUBJECT = "việc triển khai phong trào thi đua năm 2023"
RESULTS = "I. Tình hình và kết quả đạt được"
SHORTCOMINGS = "II. Hạn chế, tồn tại"
WORD_EDIT = "Đoàn giám sát đề nghị các địa phương báo cáo kết quả trước ngày 15/01/2024."


def _edited_in_word(content: bytes, sentence: str) -> bytes:
    """The downloaded draft with a paragraph added, as the head does in Word."""
    document = Document(io.BytesIO(content))
    document.add_paragraph(sentence)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path, server: str) -> Path:
    """Where the server of ``server`` keeps its database."""
    return tmp_path


def _window(browser, server: str, path: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{server}{path}")
    settle(page)
    sign_in_at(page, username, TEST_PASSWORD)
    if path not in page.url:  # the sign-in may land on the overview
        page.goto(f"{server}{path}")
        settle(page)
    return page


def _report_tab(page) -> None:
    page.get_by_role("tab", name="Báo cáo kết quả giám sát").click()
    page.get_by_label(RESULTS).wait_for()
    settle(page)


def test_a_round_from_plan_to_finalised_report(server, folder, browser):
    from playwright.sync_api import expect

    head = _window(browser, server, "/rounds", "quantri.kt")
    head.get_by_text("Tạo đợt giám sát mới").click()
    form = head.locator("[data-testid='stForm']")
    form.get_by_label("Nội dung giám sát").fill(SUBJECT)
    form.get_by_label("Số quyết định hoặc kế hoạch").fill("15/QĐ-SNV")
    choose(form, "Các địa phương sẽ đến", "Thành phố Tam Kỳ (cũ) — 502")
    close_list(head)
    form.get_by_role("button", name="Tạo đợt giám sát").click()
    head.wait_for_url("**/rounds?round=*")
    settle(head)
    head.get_by_role("heading", name=f"Giám sát {SUBJECT}").wait_for()

    # The Tam Kỳ visit of 14/9/2023 counts under the round: Tam Kỳ is visited.
    link = head.locator("[data-testid='stForm']").filter(has_text="Gắn vào đợt")
    choose(link, "Buổi làm việc của đoàn chưa thuộc đợt nào", "14/09/2023")
    close_list(head)
    link.get_by_role("button", name="Gắn vào đợt").click()
    head.get_by_role("link", name="Buổi làm việc ngày 14/09/2023 (Đã ký duyệt)").wait_for()
    settle(head)
    visited = head.locator("[data-testid='stMetric']").filter(has_text="Đã làm việc")
    expect(visited.locator("[data-testid='stMetricValue']")).to_have_text("1", timeout=30_000)
    assert_no_error_boxes(head)
    screenshot(head, "round-plan")

    # The report drafted from the visit's results.
    _report_tab(head)
    head.get_by_role("button", name="Soạn dự thảo từ kết quả các buổi làm việc").click()
    expect(head.get_by_label(RESULTS)).to_have_value(
        re.compile(r"^Thành phố Tam Kỳ \(làm việc ngày 14/09/2023\):\n- UBND"), timeout=30_000
    )
    settle(head)

    # Typed, not saved, and the page reloaded: the words are still there.
    typed = "Một số công trình chậm hoàn thiện hồ sơ quyết toán."
    head.get_by_label(SHORTCOMINGS).fill(typed)
    head.get_by_label(SHORTCOMINGS).press("Tab")  # as a person moves to the next box
    wait_for_drafts(folder, typed)
    head.reload()
    settle(head)
    _report_tab(head)
    expect(head.get_by_label(SHORTCOMINGS)).to_have_value(typed, timeout=30_000)

    # A second editor saves first; the head's save is refused and both texts are shown.
    other = _window(browser, server, head.url.removeprefix(server), "chanhvp.kt")
    _report_tab(other)
    other.get_by_label(RESULTS).fill("Bản của Chánh Văn phòng.")
    other.get_by_role("button", name="Lưu báo cáo").click()
    expect(other.get_by_label(RESULTS)).to_have_value("Bản của Chánh Văn phòng.", timeout=30_000)
    settle(other)
    head.get_by_role("button", name="Lưu báo cáo").click()
    head.get_by_text("Người khác đã lưu nội dung này sau khi bạn mở.").wait_for()
    head.get_by_text("Bản đang lưu (của người khác)").wait_for()
    expect(head.get_by_label(SHORTCOMINGS)).to_have_value(typed, timeout=30_000)  # nothing lost
    screenshot(head, "round-report-conflict")
    head.get_by_role("button", name="Lưu bản của tôi thay thế").click()
    head.get_by_text("Người khác đã lưu nội dung này").wait_for(state="detached")
    settle(head)

    # The draft in Word carries what was saved.
    draft = download(head, "Tải dự thảo báo cáo (Word)", "bao-cao-du-thao.docx")
    lines = docx_text(draft.read_bytes()).splitlines()
    assert "BÁO CÁO" in lines
    assert typed in lines
    assert "- Tiêu chí thi đua ngành dọc (kinh tế, tài chính)." in lines
    assert_no_error_boxes(head)
    screenshot(head, "round-report")

    # Edited in Word and uploaded back; a spreadsheet renamed .docx is refused first.
    fake = ARTIFACTS / "bao-cao-gia.docx"
    fake.write_bytes("TT;Tên\n1;Phường Tam Kỳ\n".encode())
    choose_file(head, "round-upload", fake)
    head.get_by_role("button", name="Dùng bản này").click()
    head.get_by_text("Tệp không phải văn bản Word .docx.").wait_for()
    edited = ARTIFACTS / "bao-cao-da-sua.docx"
    edited.write_bytes(_edited_in_word(draft.read_bytes(), WORD_EDIT))
    choose_file(head, "round-upload", edited)
    head.get_by_role("button", name="Dùng bản này").click()
    head.get_by_text("Báo cáo đang dùng bản sửa trong Word “bao-cao-da-sua.docx”").wait_for()
    settle(head)

    # Finalised by the head: the Word copy is stored with the round, read-only.
    head.get_by_text("Tôi đã rà soát báo cáo").click()
    head.get_by_role("button", name="Hoàn thành báo cáo").click()
    head.get_by_text("Báo cáo đã hoàn thành (Quản trị Kiểm thử").wait_for()
    settle(head)
    final = download(head, "Tải báo cáo đã hoàn thành (Word)", "bao-cao-hoan-thanh.docx")
    assert WORD_EDIT in docx_text(final.read_bytes()).splitlines()
    assert head.get_by_role("button", name="Lưu báo cáo").count() == 0
    assert_no_error_boxes(head)
