"""How indicator figures combine across localities, and how ratios are computed.

Over time, values are combined in the database by each indicator's ``time_rule``
(``sum`` for flows, ``latest`` for cumulative or as-of figures): see
``data_access.dashboard``. Here: what happens next, across localities and for ratios.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Figure:
    """A figure for one locality (or a roll-up), with what it is made of."""

    value: float
    reporting: int = 1  # how many localities' figures it contains
    is_illustrative: bool = False
    period_start: date | None = None
    period_end: date | None = None


def ratio_percent(numerator: float | None, denominator: float | None) -> float | None:
    """A rate in percent; missing when either side is missing or the base is zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * 100


def sum_figures(figures: list[Figure | None]) -> Figure | None:
    """Sum across localities. Missing stays missing: it is not a zero."""
    present = [f for f in figures if f is not None]
    if not present:
        return None
    starts = [f.period_start for f in present if f.period_start]
    ends = [f.period_end for f in present if f.period_end]
    return Figure(
        value=sum(f.value for f in present),
        reporting=sum(f.reporting for f in present),
        is_illustrative=any(f.is_illustrative for f in present),
        period_start=min(starts) if starts else None,
        period_end=max(ends) if ends else None,
    )


def ratio_figure(
    numerator: Figure | None,
    denominator: Figure | None,
    reported: Figure | None = None,
) -> Figure | None:
    """A ratio for one locality or a roll-up, recomputed from its parts.

    A rate the locality reported itself is shown as reported when it covers exactly the
    same period as its parts (the document's own "đạt 36,4%"); any combination of
    localities or periods is recomputed from the summed numerator and denominator,
    never averaged.
    """
    if (
        reported is not None
        and reported.reporting == 1
        and numerator is not None
        and denominator is not None
        and numerator.reporting == 1
        and reported.period_end == numerator.period_end == denominator.period_end
        and reported.period_start == numerator.period_start == denominator.period_start
    ):
        return reported
    rate = ratio_percent(
        numerator.value if numerator else None, denominator.value if denominator else None
    )
    if rate is None:
        return reported if numerator is None and denominator is None else None
    assert numerator is not None and denominator is not None
    return Figure(
        value=rate,
        reporting=min(numerator.reporting, denominator.reporting),
        is_illustrative=numerator.is_illustrative or denominator.is_illustrative,
        period_start=numerator.period_start,
        period_end=numerator.period_end,
    )


@dataclass(frozen=True)
class RatioParts:
    """A ratio indicator and the two indicators it is computed from."""

    ratio: object
    numerator: object
    denominator: object


def rates_not_reported(
    values: dict[tuple[object, object, date, date], float], ratios: list[RatioParts]
) -> dict[tuple[object, object, date, date], float]:
    """For one locality: each rate computable from its reported parts for a period where
    the rate itself was not reported. ``values``: (campaign, indicator, start, end) ->
    value; the answer is keyed the same way, with the ratio as indicator."""
    computed: dict[tuple[object, object, date, date], float] = {}
    for campaign, indicator, start, end in values:
        for parts in ratios:
            if indicator != parts.numerator:
                continue
            denominator = values.get((campaign, parts.denominator, start, end))
            if (campaign, parts.ratio, start, end) in values:
                continue  # the locality reported its own rate: it is kept
            rate = ratio_percent(values[(campaign, indicator, start, end)], denominator)
            if rate is not None:
                computed[(campaign, parts.ratio, start, end)] = rate
    return computed
