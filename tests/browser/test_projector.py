"""The overview on a meeting room's projector, in a real browser: at 1024×768 and at
1280×720 no figure, label or note of a card is cut short, and at 1280×720 the five
figures a leader reads first and the ranked rates chart are on screen before any scroll."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.browser import assert_no_error_boxes, screenshot, serve, settle, sign_in_at
from tests.helpers.data import TEST_PASSWORD, prepare_app_database

# Each text of a card whose box is narrower than its text (an ellipsis on screen).
CUT_TEXTS = """cards => cards.flatMap(card =>
    [...card.querySelectorAll('.stMarkdownEllipsis, p')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
        .map(e => e.innerText))"""


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("projector")
    prepare_app_database(folder)
    yield from serve(folder)


def _overview(browser, server: str, width: int, height: int):
    """The overview as leadership opens it, in a window of this size."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(server)
    settle(page)
    sign_in_at(page, "lanhdao.kt", TEST_PASSWORD)
    page.goto(server)
    settle(page)
    return page


@pytest.mark.parametrize("width, height", [(1024, 768), (1280, 720)])
def test_no_figure_or_label_of_the_overview_is_cut_on_a_projector(server, browser, width, height):
    page = _overview(browser, server, width, height)
    cards = page.locator("[data-testid='stMetric']")
    cards.first.wait_for()
    assert cards.count() == 10
    assert cards.evaluate_all(CUT_TEXTS) == []
    change = page.get_by_role("button", name="Đổi ngày")
    assert change.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert_no_error_boxes(page)
    screenshot(page, f"overview-{width}x{height}")


def test_the_five_figures_and_the_ranked_rates_are_above_the_fold_at_1280x720(server, browser):
    page = _overview(browser, server, 1280, 720)
    headline = page.locator(".st-key-cards-headline [data-testid='stMetric']")
    headline.first.wait_for()
    labels = headline.locator("[data-testid='stMetricLabel']").all_inner_texts()
    assert [label.split(" (")[0] for label in labels] == [
        "Số công trình",
        "Tổng mức đầu tư",
        "Kế hoạch vốn đầu tư công được giao",
        "Vốn đầu tư công đã giải ngân",
        "Tỷ lệ giải ngân",
    ]
    for card in headline.all():
        box = card.bounding_box()
        assert box["y"] + box["height"] <= 720, card.inner_text()
    title = page.get_by_text("Tỷ lệ giải ngân theo địa phương (mục tiêu 100%)")
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for()
    assert title.bounding_box()["y"] < 720
    assert chart.bounding_box()["y"] + 60 < 720  # its first bars, not only its top edge
