"""Every range and area of the overview agrees with a recomputation from the stored values,
written apart from the code it checks: plain SQL rows and the rules of PRODUCT.md."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import select

from data_access import models as m
from data_access.catalogue import list_localities, locality_tree
from data_access.db import session_scope
from domain.periods import Period
from tests.helpers.data import TODAY, campaign_named, overview_view

CAMPAIGN = "ha-tang-thtk-2023-2030"
RANGES = [(first, last) for first in range(2022, 2027) for last in range(first, 2027)]


def _stored(engine):
    query = (
        select(
            m.IndicatorValue.locality_id,
            m.Indicator.code,
            m.Indicator.time_rule,
            m.IndicatorValue.period_start,
            m.IndicatorValue.period_end,
            m.IndicatorValue.value,
            m.Locality.valid_from,
            m.Locality.valid_to,
        )
        .join(m.Indicator, m.Indicator.id == m.IndicatorValue.indicator_id)
        .join(m.Locality, m.Locality.id == m.IndicatorValue.locality_id)
        .join(m.Campaign, m.Campaign.id == m.IndicatorValue.campaign_id)
        .where(
            m.Campaign.code == CAMPAIGN,
            m.IndicatorValue.deleted_at.is_(None),
            m.IndicatorValue.is_check.is_(False),
            m.Indicator.kind == "raw",
        )
    )
    with session_scope(engine, read_only=True) as s:
        return s.execute(query).all()


def _recompute(rows, area: set, first: int, last: int) -> dict[str, float]:
    """Flows: the sum of the values lying in the range. As-of: the latest end in the
    range over the area; on it, each unit valid then with its longest value ending then."""
    start, end = date(first, 1, 1), date(last, 12, 31)
    inside = [
        r for r in rows if r.locality_id in area and start <= r.period_start and r.period_end <= end
    ]
    totals: dict[str, float] = defaultdict(float)
    for r in inside:
        if r.time_rule == "sum":
            totals[r.code] += r.value
    as_of = [r for r in inside if r.time_rule == "latest"]
    if as_of:
        on = max(r.period_end for r in as_of)
        chosen: dict[tuple, object] = {}
        for r in as_of:
            valid = (r.valid_from is None or r.valid_from <= on) and (
                r.valid_to is None or r.valid_to >= on
            )
            key = (r.locality_id, r.code)
            if (
                r.period_end == on
                and valid
                and (key not in chosen or r.period_start < chosen[key].period_start)
            ):
                chosen[key] = r
        for (_, code), r in chosen.items():
            totals[code] += r.value
    if totals.get("allocated_capital"):
        totals["disbursement_rate"] = (
            totals["disbursed_capital"] / totals["allocated_capital"] * 100
        )
    return dict(totals)


def test_every_range_and_province_agrees_with_a_recomputation(sample_engine):
    campaign = campaign_named(sample_engine, CAMPAIGN)
    tree = locality_tree(list_localities(sample_engine))
    rows = _stored(sample_engine)
    provinces = [u.id for u in tree.units.values() if u.level == "province" and u.valid_to is None]
    checked = 0
    for first, last in RANGES:
        for parent in [None, *provinces]:
            area = set(tree.units) if parent is None else tree.descendants(parent) | {parent}
            view = overview_view(
                sample_engine, campaign.id, Period.years(first, last), parent, TODAY, tree=tree
            )
            expected = _recompute(rows, area, first, last)
            shown = {code: figure.value for code, figure in view.table.totals.items()}
            for code in ("allocated_capital", "disbursed_capital", "disbursement_rate"):
                assert shown.get(code) == pytest.approx(expected.get(code)), (
                    first,
                    last,
                    parent,
                    code,
                )
                checked += 1
            assert shown.get("works_count") == pytest.approx(expected.get("works_count")), (
                first,
                last,
                parent,
            )
    assert checked == len(RANGES) * (len(provinces) + 1) * 3
