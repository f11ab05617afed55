"""How figures combine: ratios recomputed from parts, sums that keep missing missing."""

from datetime import date

import pytest

from domain.figures import Figure, ratio_figure, ratio_percent, sum_figures

NINE_MONTHS = (date(2023, 1, 1), date(2023, 9, 30))


def figure(value, reporting=1, illustrative=False, period=NINE_MONTHS):
    return Figure(value, reporting, illustrative, *period)


def test_tam_ky_disbursement_rate_from_its_parts():
    # 231 / 635,7 is 36,34%: the document's "36,4%" comes from an unrounded 231,x.
    assert ratio_percent(231, 635.7) == pytest.approx(36.338, abs=1e-3)


def test_rate_is_missing_without_a_base():
    assert ratio_percent(231, 0) is None
    assert ratio_percent(None, 635.7) is None


def test_reported_rate_is_kept_for_the_same_locality_and_period():
    reported = figure(36.4)
    assert ratio_figure(figure(231), figure(635.7), reported) is reported


def test_reported_rate_is_not_used_for_another_period():
    reported = figure(36.4, period=(date(2023, 1, 1), date(2023, 6, 30)))
    rate = ratio_figure(figure(231), figure(635.7), reported)
    assert rate.value == pytest.approx(36.338, abs=1e-3)


def test_ratio_over_localities_is_recomputed_from_sums_never_averaged():
    # Locality A: 90 of 100 (90%); locality B: 10 of 900 (1,1%).
    disbursed = sum_figures([figure(90), figure(10)])
    allocated = sum_figures([figure(100), figure(900)])
    rate = ratio_figure(disbursed, allocated)
    assert rate.value == pytest.approx(10.0)  # 100 / 1000, not (90 + 1,1) / 2
    assert rate.reporting == 2


def test_sum_keeps_missing_missing_and_counts_reporters():
    total = sum_figures([figure(139), None, figure(48, illustrative=True)])
    assert total.value == 187
    assert total.reporting == 2
    assert total.is_illustrative
    assert sum_figures([None, None]) is None


def test_a_rate_is_computed_only_where_its_parts_were_reported_and_it_was_not():
    from domain.figures import RatioParts, rates_not_reported

    nine_months, year = NINE_MONTHS, (date(2023, 1, 1), date(2023, 12, 31))
    values = {
        ("c", "disbursed", *nine_months): 231.0,
        ("c", "allocated", *nine_months): 635.7,
        ("c", "disbursed", *year): 500.0,
        ("c", "allocated", *year): 600.0,
        ("c", "rate", *year): 80.0,  # reported: kept, not recomputed
        ("c", "allocated", date(2024, 1, 1), date(2024, 6, 30)): 700.0,  # no numerator
    }
    rates = rates_not_reported(values, [RatioParts("rate", "disbursed", "allocated")])
    assert list(rates) == [("c", "rate", *nine_months)]
    assert rates[("c", "rate", *nine_months)] == pytest.approx(36.338, abs=1e-3)
