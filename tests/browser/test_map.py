"""The overview's map in a real browser: the provinces at their official places, drawn
without any tile server; a click on a province shows its units, a click on a commune
opens its profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.browser import assert_no_error_boxes, screenshot, serve, settle, sign_in_at
from tests.helpers.data import TEST_PASSWORD, prepare_app_database

UNITS = "[data-testid='stVegaLiteChart'] svg path[aria-roledescription='circle'][aria-label*='{}']"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    prepare_app_database(tmp_path)
    yield from serve(tmp_path)


def test_a_click_on_the_map_drills_down_then_opens_a_profile(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(server)
    settle(page)
    sign_in_at(page, "lanhdao.kt", TEST_PASSWORD)
    page.goto(server)
    settle(page)
    page.get_by_role("heading", name="Bản đồ").scroll_into_view_if_needed()
    da_nang = page.locator(UNITS.format("Địa phương: Thành phố Đà Nẵng"))
    da_nang.wait_for()
    # The circle says what the table says: the rate, its date's coverage, its source.
    label = da_nang.get_attribute("aria-label")
    assert "Tỷ lệ giải ngân (%): 62,3" in label
    assert "Số liệu lũy kế: 2/2 đơn vị có số liệu" in label
    assert page.locator(UNITS.format("Địa phương:")).count() == 3  # the three provinces
    screenshot(page, "overview-map")

    da_nang.click()
    tam_ky = page.locator(UNITS.format("Địa phương: Phường Tam Kỳ"))
    tam_ky.wait_for()
    settle(page)
    province = page.get_by_role("combobox", name="Tỉnh, thành phố")
    assert province.input_value() == "Thành phố Đà Nẵng"
    assert_no_error_boxes(page)

    page.locator(UNITS.format("Địa phương: Phường Tam Kỳ")).click()
    page.wait_for_url("**/locality?locality=20341")
    settle(page)
    page.get_by_role("heading", name="Phường Tam Kỳ").first.wait_for()
    assert_no_error_boxes(page)
