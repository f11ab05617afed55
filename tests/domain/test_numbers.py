"""Vietnamese number input: read what is unambiguous, refuse what is not."""

import pytest

from domain.numbers import NumberFormatError, check_reported_figures, parse_vietnamese_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("203,4", 203.4),
        ("1.234.567", 1234567),
        ("1.234.567,8", 1234567.8),
        ("635,7", 635.7),
        ("231", 231),
        (" 36,4 ", 36.4),
        ("203.4", 203.4),
        ("-5", -5),
    ],
)
def test_reads_vietnamese_numbers(text, expected):
    assert parse_vietnamese_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.234", "ambiguous"),
        ("", "empty"),
        ("abc", "not_a_number"),
        ("1,234.5", "not_a_number"),
        ("١٢٣", "not_a_number"),
    ],
)
def test_refuses_what_it_cannot_read_for_sure(text, reason):
    with pytest.raises(NumberFormatError) as refused:
        parse_vietnamese_number(text)
    assert refused.value.reason == reason


def test_a_whole_number_indicator_reads_a_dot_as_thousands():
    assert parse_vietnamese_number("2.701", decimals=0) == 2701
    assert parse_vietnamese_number("1.234.567", decimals=0) == 1234567
    assert parse_vietnamese_number("48", decimals=0) == 48


def test_a_whole_number_indicator_refuses_decimals():
    for text in ("2,5", "203.4"):
        with pytest.raises(NumberFormatError) as refused:
            parse_vietnamese_number(text, decimals=0)
        assert refused.value.reason == "not_whole"


def test_where_decimals_are_allowed_the_refusal_names_both_readings():
    with pytest.raises(NumberFormatError) as refused:
        parse_vietnamese_number("2.701", decimals=1)
    assert (refused.value.reason, refused.value.readings) == ("ambiguous", ("2701", "2,701"))


def test_impossible_figures():
    units = {"disbursement_rate": "%", "works_count": "công trình"}
    problems = check_reported_figures({"disbursement_rate": 364, "works_count": -1}, units=units)
    assert {(p.indicator, p.reason) for p in problems} == {
        ("disbursement_rate", "percent_over_100"),
        ("works_count", "negative"),
    }
    over = {"disbursed_capital": 700.0, "allocated_capital": 635.7}
    assert check_reported_figures(over, units={})[0].reason == "disbursed_over_allocated"
    assert (
        check_reported_figures(over, units={}, notes={"disbursed_capital": "Vốn năm trước"}) == []
    )


def test_figures_no_locality_could_report_are_refused_with_their_bound():
    units = {"total_investment": "tỷ đồng", "works_count": "công trình", "land_area": "m²"}
    values = {
        "total_investment": 1_000_000.1,  # above a year's public investment of the country
        "works_count": float("inf"),
        "land_area": float("nan"),
    }
    problems = {
        p.indicator: (p.reason, p.bound) for p in check_reported_figures(values, units=units)
    }
    assert problems == {
        "total_investment": ("implausible", 1_000_000),
        "works_count": ("implausible", 10_000_000),
        "land_area": ("implausible", 10_000_000_000),
    }
    at_the_bound = {"total_investment": 1_000_000, "works_count": 10_000_000}
    assert check_reported_figures(at_the_bound, units=units) == []
