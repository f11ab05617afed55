"""Overlaps stored before the writers refused them: listed, and resolved by a person."""

from datetime import date

import pytest
from sqlalchemy import select

from data_access import models as m
from data_access.catalogue import list_localities, locality_tree
from data_access.db import session_scope
from data_access.errors import PermissionDenied
from data_access.flows import set_flow_aside, stored_flow_overlaps
from domain.periods import Period
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import TODAY, campaign_named, overview_view, person

ADMIN = person("Quản trị")


def store_nine_months(engine, campaign_id) -> None:
    """As an older version did: a "9 tháng" works figure beside Phường Tam Kỳ's quarters."""
    with session_scope(engine) as s:
        ward = s.scalar(select(m.Locality).where(m.Locality.code == "20341"))
        works = s.scalar(select(m.Indicator).where(m.Indicator.code == "works_count"))
        s.add(
            m.IndicatorValue(
                campaign_id=campaign_id,
                locality_id=ward.id,
                indicator_id=works.id,
                period_start=date(2026, 1, 1),
                period_end=date(2026, 9, 30),
                period_label="9 tháng năm 2026",
                value=60,
                source="Báo cáo tại buổi làm việc ngày 05/10/2026",
            )
        )


def _national_works(engine, campaign_id) -> float:
    tree = locality_tree(list_localities(engine))
    view = overview_view(engine, campaign_id, Period.years(2022, 2026), None, TODAY, tree=tree)
    return view.table.totals["works_count"].value


@pytest.fixture
def overlapping(engine):
    load_sample(engine)
    campaign = campaign_named(engine, INFRASTRUCTURE).id
    assert stored_flow_overlaps(engine) == []  # the sample holds none
    store_nine_months(engine, campaign)
    return engine, campaign


def test_stored_overlaps_are_listed_pair_by_pair(overlapping):
    engine, campaign = overlapping
    assert _national_works(engine, campaign) == 1641  # the same works counted twice
    found = stored_flow_overlaps(engine)
    assert [(o.locality_code, o.first.label, o.second.label) for o in found] == [
        ("20341", "Quý I năm 2026", "9 tháng năm 2026"),  # by start, then end
        ("20341", "9 tháng năm 2026", "Quý II năm 2026"),
        ("20341", "9 tháng năm 2026", "Quý III năm 2026"),
    ]
    assert found[0].indicator == "Số công trình"


def test_keeping_the_longer_as_a_check_figure_resolves_them(overlapping):
    engine, campaign = overlapping
    nine = stored_flow_overlaps(engine)[1].first
    assert nine.label == "9 tháng năm 2026"
    with pytest.raises(PermissionDenied):
        set_flow_aside(engine, person("Thư ký", "inspector"), nine.id, keep_as_check=True)
    set_flow_aside(engine, ADMIN, nine.id, keep_as_check=True)
    assert stored_flow_overlaps(engine) == []
    assert _national_works(engine, campaign) == 1581


def test_deleting_one_resolves_its_pairs(overlapping):
    engine, campaign = overlapping
    quarter = stored_flow_overlaps(engine)[0].first
    assert quarter.label == "Quý I năm 2026"
    set_flow_aside(engine, ADMIN, quarter.id, keep_as_check=False)
    assert len(stored_flow_overlaps(engine)) == 2
    assert _national_works(engine, campaign) == 1641 - quarter.value
