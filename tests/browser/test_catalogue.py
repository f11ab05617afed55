"""The built-in catalogue in a real browser: an office that knows only the sample's units
completes its catalogue from the admin screen, then records a visit in a ward the sample
never had."""

from __future__ import annotations

from tests.helpers.browser import (
    assert_no_error_boxes,
    new_visit,
    screenshot,
    settle,
    sign_in_at,
)
from tests.helpers.data import TEST_PASSWORD


def test_the_catalogue_is_completed_and_a_new_ward_can_be_visited(server, browser):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{server}/admin")
    settle(page)
    sign_in_at(page, "quantri.kt", TEST_PASSWORD)
    page.wait_for_url("**/admin")
    page.get_by_role("tab", name="Danh mục đơn vị hành chính").click()
    page.get_by_text("Cơ sở dữ liệu còn thiếu 30 tỉnh, 3.311 xã, phường").wait_for()
    page.get_by_role("button", name="Bổ sung từ danh mục chính thức").click()
    page.get_by_text("Cơ sở dữ liệu đã có đủ danh mục chính thức.").wait_for()
    expect(page.get_by_text("Đã bổ sung 30 tỉnh, 3.311 xã, phường")).to_be_visible()
    screenshot(page, "catalogue-admin")
    assert_no_error_boxes(page)

    page.goto(f"{server}/visits")
    settle(page)
    new_visit(page, "Tổ giám sát phường Hội An Tây", locality="Phường Hội An Tây")
    page.get_by_text("Phường Hội An Tây").first.wait_for()
    assert_no_error_boxes(page)
