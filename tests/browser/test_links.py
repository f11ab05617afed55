"""A link to one screen (sent by a colleague, bookmarked) opened while signed out: after
signing in, that screen opens, with what its address names, not the overview."""

from __future__ import annotations

from tests.helpers.browser import assert_no_error_boxes, settle, sign_in_at
from tests.helpers.data import TEST_PASSWORD


def test_a_link_opened_signed_out_opens_its_screen_after_signing_in(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/locality?locality=502")
    settle(page)
    sign_in_at(page, "lanhdao.kt", TEST_PASSWORD)
    page.wait_for_url("**/locality?locality=502")
    page.get_by_role("heading", name="Thành phố Tam Kỳ").first.wait_for()
    assert_no_error_boxes(page)


def test_a_screen_the_person_may_not_open_falls_back_to_the_overview(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/admin")
    settle(page)
    sign_in_at(page, "lanhdao.kt", TEST_PASSWORD)  # leadership: no administration screen
    page.get_by_role("heading", name="Tổng quan phong trào thi đua").wait_for()
    assert "/admin" not in page.url
