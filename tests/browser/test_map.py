"""The overview's map in a real browser: the provinces at their official places, drawn
without any tile server; a click on a province shows its units, a click on a commune
opens its profile."""

from __future__ import annotations

from tests.helpers.browser import assert_no_error_boxes, screenshot, settle, sign_in_at
from tests.helpers.data import TEST_PASSWORD

UNITS = "[data-testid='stVegaLiteChart'] svg path[aria-roledescription='circle'][aria-label*='{}']"
MAP = "[data-testid='stVegaLiteChart']:has(path[aria-roledescription='circle'])"


def names_on_the_map(page) -> dict[str, tuple[float, float, float, float]]:
    """The names written on the map as the browser lays them out (left, top, right, bottom)."""
    return page.locator(MAP).first.evaluate(
        """chart => Object.fromEntries([...chart.querySelectorAll("g.mark-text text")]
            .filter(text => text.textContent)
            .map(text => { const r = text.getBoundingClientRect();
                           return [text.textContent, [r.left, r.top, r.right, r.bottom]]; }))"""
    )


def assert_apart(names: dict[str, tuple[float, float, float, float]]) -> None:
    placed = list(names.items())
    for i, (name, (left, top, right, bottom)) in enumerate(placed):
        for other, (o_left, o_top, o_right, o_bottom) in placed[i + 1 :]:
            apart = right <= o_left or o_right <= left or bottom <= o_top or o_bottom <= top
            assert apart, f"{name} overlaps {other} on the map"


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
    # Each written by its short name, none over another.
    names = names_on_the_map(page)
    assert {"Đà Nẵng", "Hải Phòng", "Đồng Tháp"} <= set(names)
    assert_apart(names)
    screenshot(page, "overview-map")

    da_nang.click()
    tam_ky = page.locator(UNITS.format("Địa phương: Phường Tam Kỳ"))
    tam_ky.wait_for()
    settle(page)
    province = page.get_by_role("combobox", name="Tỉnh, thành phố")
    assert province.input_value() == "Thành phố Đà Nẵng"
    assert "Tam Kỳ" in names_on_the_map(page)
    assert_apart(names_on_the_map(page))
    assert_no_error_boxes(page)

    page.locator(UNITS.format("Địa phương: Phường Tam Kỳ")).click()
    page.wait_for_url("**/locality?locality=20341")
    settle(page)
    page.get_by_role("heading", name="Phường Tam Kỳ").first.wait_for()
    assert_no_error_boxes(page)
