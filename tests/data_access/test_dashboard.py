"""Time combination in SQL on real databases: flows are summed, cumulative figures are
never added together."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from data_access import models as m
from data_access.db import session_scope
from domain.periods import Period
from tests.helpers.data import add_value, capital_campaign, combined_values, overview_view

YEAR_2023 = Period.years(2023, 2023)


@pytest.fixture
def small(engine):
    """One province, two districts, one campaign with a flow and a cumulative figure."""
    with session_scope(engine) as s:
        province = m.Locality(code="49", name="Tỉnh Quảng Nam", level="province")
        s.add(province)
        s.flush()
        tam_ky = m.Locality(
            code="502", name="Thành phố Tam Kỳ", level="district", parent_id=province.id
        )
        hoi_an = m.Locality(
            code="503", name="Thành phố Hội An", level="district", parent_id=province.id
        )
        s.add_all([tam_ky, hoi_an])
        campaign, indicators = capital_campaign(s)
        works, disbursed, allocated = (
            indicators[code] for code in ("works_count", "disbursed_capital", "allocated_capital")
        )

        def value(locality, indicator, start, end, number, illustrative=False):
            add_value(s, campaign, locality, indicator, start, end, number, illustrative)

        # Flows: works built in each quarter.
        value(tam_ky, works, date(2023, 1, 1), date(2023, 3, 31), 10)
        value(tam_ky, works, date(2023, 4, 1), date(2023, 6, 30), 15)
        value(tam_ky, works, date(2024, 1, 1), date(2024, 3, 31), 99)
        # Cumulative: disbursed to 30/6 and to 30/9 of the same year.
        value(tam_ky, disbursed, date(2023, 1, 1), date(2023, 6, 30), 120)
        value(tam_ky, disbursed, date(2023, 1, 1), date(2023, 9, 30), 231)
        value(tam_ky, allocated, date(2023, 1, 1), date(2023, 9, 30), 635.7)
        value(hoi_an, disbursed, date(2023, 1, 1), date(2023, 9, 30), 400, True)
        value(hoi_an, allocated, date(2023, 1, 1), date(2023, 9, 30), 500, True)
    return {
        "engine": engine,
        "campaign": campaign.id,
        "province": province.id,
        "tam_ky": tam_ky.id,
        "hoi_an": hoi_an.id,
        "works": works.id,
        "disbursed": disbursed.id,
    }


def test_flows_are_summed_within_the_period(small):
    frame = combined_values(small["engine"], small["campaign"], YEAR_2023)
    row = frame[(frame.locality_id == small["tam_ky"]) & (frame.indicator_id == small["works"])]
    assert row["value"].tolist() == [25]
    assert row["n_values"].tolist() == [2]


def test_cumulative_figures_take_the_latest_never_the_sum(small):
    frame = combined_values(small["engine"], small["campaign"], YEAR_2023)
    row = frame[(frame.locality_id == small["tam_ky"]) & (frame.indicator_id == small["disbursed"])]
    assert row["value"].tolist() == [231]  # not 120 + 231
    assert row["period_end"].tolist() == [date(2023, 9, 30)]


def test_values_partly_outside_the_period_are_left_out(small):
    frame = combined_values(small["engine"], small["campaign"], Period.years(2024, 2024))
    assert frame[frame.indicator_id == small["works"]]["value"].tolist() == [99]


def test_by_year_buckets(small):
    frame = combined_values(
        small["engine"], small["campaign"], Period.years(2023, 2024), by_year=True
    )
    works = frame[frame.indicator_id == small["works"]].sort_values("bucket")
    assert works[["bucket", "value"]].values.tolist() == [[2023, 25], [2024, 99]]


def test_overview_of_a_province(small):
    view = overview_view(
        small["engine"], small["campaign"], YEAR_2023, small["province"], date(2026, 11, 22)
    )
    table = view.table
    assert table.rows == [small["tam_ky"], small["hoi_an"]]
    assert table.value(small["tam_ky"], "works_count") == 25
    assert table.totals["disbursed_capital"].value == 631
    assert table.totals["disbursed_capital"].reporting == 2
    assert table.totals["disbursement_rate"].value == pytest.approx(631 / 1135.7 * 100)
    assert table.reporting("works_count") == 1  # Hội An reported no works
    assert view.trend[2023]["works_count"].value == 25


def test_same_period_reported_twice_counts_once_real_first(small):
    engine = small["engine"]
    with session_scope(engine) as s:
        tam_ky = s.get(m.Locality, small["tam_ky"])
        for value, illustrative in ((10, False), (40, True)):
            s.add(
                m.IndicatorValue(
                    campaign_id=small["campaign"],
                    locality_id=tam_ky.id,
                    indicator_id=small["works"],
                    period_start=date(2023, 7, 1),
                    period_end=date(2023, 9, 30),
                    value=value,
                    is_illustrative=illustrative,
                )
            )
    frame = combined_values(engine, small["campaign"], YEAR_2023)
    row = frame[(frame.locality_id == small["tam_ky"]) & (frame.indicator_id == small["works"])]
    # Q1 10 + Q2 15 + Q3 once (the real 10, not the illustrative 40, never both).
    assert row["value"].tolist() == [35]
    assert not row["is_illustrative"].iloc[0]


def _works_of(small, period: Period) -> float | None:
    frame = combined_values(small["engine"], small["campaign"], period)
    row = frame[(frame.locality_id == small["tam_ky"]) & (frame.indicator_id == small["works"])]
    return float(row.value.iloc[0]) if len(row) else None


def _works_value(session, small, period_end: date) -> m.IndicatorValue:
    return session.scalars(
        select(m.IndicatorValue).where(
            m.IndicatorValue.indicator_id == small["works"],
            m.IndicatorValue.period_end == period_end,
        )
    ).one()


def test_spans_follow_every_change_of_a_value(small):
    """The overview reads spans kept with the values: an edit, a removal or a value moved
    to another locality shows at once, whatever wrote it."""
    engine = small["engine"]
    assert _works_of(small, YEAR_2023) == 25
    with session_scope(engine) as s:
        first = _works_value(s, small, date(2023, 3, 31))
        first.value = 12
    assert _works_of(small, YEAR_2023) == 27
    with session_scope(engine) as s:
        second = _works_value(s, small, date(2023, 6, 30))
        second.locality_id = small["hoi_an"]  # it was Hội An's all along
    assert _works_of(small, YEAR_2023) == 12
    frame = combined_values(engine, small["campaign"], YEAR_2023)
    assert frame[frame.locality_id == small["hoi_an"]].value.tolist().count(15) == 1
    with session_scope(engine) as s:
        s.get_one(m.IndicatorValue, first.id).deleted_at = datetime.now(UTC)
    assert _works_of(small, YEAR_2023) is None


def test_kept_spans_match_spans_combined_from_the_values(sample_engine):
    """Whole years read the kept spans; any other period combines the values: both agree."""
    from data_access.catalogue import list_campaigns
    from data_access.dashboard import value_spans

    for campaign_id in (c.id for c in list_campaigns(sample_engine)):
        kept = value_spans(sample_engine, campaign_id, Period.years(2020, 2026))
        # One day less on each side: not whole years, so combined from the values.
        combined = value_spans(
            sample_engine, campaign_id, Period(date(2019, 12, 31), date(2027, 1, 1))
        )
        order = ["locality_id", "indicator_id", "first_year", "last_year"]
        kept = kept.sort_values(order, key=lambda c: c.astype(str)).reset_index(drop=True)
        combined = combined.sort_values(order, key=lambda c: c.astype(str)).reset_index(drop=True)
        assert len(kept) > 0
        # Sums may add in another order: equal to the last meaningful digit.
        kept["value"], combined["value"] = kept["value"].round(6), combined["value"].round(6)
        assert kept.astype(str).equals(combined.astype(str))


def test_a_database_from_before_spans_gets_them_when_migrated(engine):
    from sqlalchemy import delete, func

    from data_access.migrate import upgrade_to_head
    from sample_data.load import load_sample

    def count() -> int:
        with session_scope(engine, read_only=True) as s:
            return s.scalar(select(func.count()).select_from(m.IndicatorSpan))

    load_sample(engine)
    before = count()
    assert before > 0
    with engine.begin() as connection:
        connection.execute(delete(m.IndicatorSpan))
    upgrade_to_head(engine)
    assert count() == before


def test_a_view_reading_its_own_units_spans_shows_what_reading_all_of_them_shows(
    sample_engine, monkeypatch
):
    """A province's view reads its units' spans by id; the country's reads them all and
    keeps its area's: the two agree on every province and on the whole country."""
    from data_access import dashboard
    from data_access.catalogue import list_campaigns, list_localities, locality_tree

    tree = locality_tree(list_localities(sample_engine))
    parents = [None] + [u.id for u in tree.units.values() if u.level == "province"]
    period, today = Period.years(2020, 2026), date(2026, 11, 22)

    def shown(campaign_id, parent_id):
        view = dashboard.overview_figures(
            sample_engine, campaign_id, period, parent_id, today, tree
        )
        return view.table.rows, view.table.cells, view.table.totals, view.trend, view.coverage

    for campaign_id in (c.id for c in list_campaigns(sample_engine)):
        by_ids = {parent: shown(campaign_id, parent) for parent in parents}
        monkeypatch.setattr(dashboard, "AREA_READ_LIMIT", 0)  # every view reads all spans
        by_all = {parent: shown(campaign_id, parent) for parent in parents}
        monkeypatch.undo()
        assert by_ids == by_all
        assert any(rows for rows, *_ in by_ids.values())
