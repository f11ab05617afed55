"""The test day, the people who act, the app's database, and short ways to read figures."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from uuid import UUID

from sqlalchemy import Engine

from data_access.accounts import SYSTEM, UserInput, create_user
from data_access.catalogue import CampaignRecord, list_campaigns, list_localities, locality_tree
from data_access.dashboard import (
    combine_spans,
    overview_figures,
    recommendation_counts,
    value_spans,
    with_recommendations,
)
from data_access.db import create_db_engine
from data_access.migrate import upgrade_to_head
from domain.periods import Period
from domain.permissions import Actor
from sample_data.load import load_sample

# The day the tests consider "today", so that overdue counts do not drift with the clock.
TODAY = date(2026, 11, 22)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def person(full_name: str, role: str = "admin", **options) -> Actor:
    """Someone acting on the data layer directly (tests of rules, not of sign-in)."""
    username = "".join(ch for ch in full_name.lower() if ch.isalnum())[:30] or "nguoi"
    return Actor(username=username, full_name=full_name, role=role, **options)


# Accounts every app test can sign in with.
TEST_PASSWORD = "Kiem-thu-2026"
TEST_ACCOUNTS = {
    "thuky": ("Nguyễn Thư Ký", "inspector", ()),
    "quantri.kt": ("Quản trị Kiểm thử", "admin", ()),
    "chanhvp.kt": ("Chánh Văn phòng Kiểm thử", "admin", ()),  # a second editor
    "lanhdao.kt": ("Lãnh đạo Kiểm thử", "viewer", ()),
    "haiphong.kt": ("Lãnh đạo Hải Phòng", "viewer", ("31",)),  # limited to one city
}


def app_database_url(folder: Path) -> str:
    """The database the app under test uses: DATABASE_URL when set, else its SQLite file."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'giamsat.sqlite3'}"


def prepare_app_database(folder: Path, url: str | None = None) -> None:
    """What a running office has: the sample data and people who can sign in."""
    engine = create_db_engine(url or f"sqlite:///{folder / 'giamsat.sqlite3'}")
    upgrade_to_head(engine)
    load_sample(engine)
    tree = locality_tree(list_localities(engine))
    for username, (full_name, role, codes) in TEST_ACCOUNTS.items():
        scope = tuple(tree.find_code(code) for code in codes)
        create_user(
            engine,
            SYSTEM,
            UserInput(username, full_name, role, TEST_PASSWORD, scope, must_change_password=False),
        )
    engine.dispose()


def combined_values(engine: Engine, campaign_id: UUID, period: Period, *, by_year: bool = False):
    """Each locality's own figure per indicator over ``period`` (or per calendar year)."""
    return combine_spans(value_spans(engine, campaign_id, period), by_year=by_year)


def overview_view(engine: Engine, campaign_id: UUID, period: Period, parent_id, today, **options):
    """Everything the overview shows, in one call (the screen caches the two halves apart);
    ``options``: ``overview_figures``'s tree and allowed localities."""
    view = overview_figures(engine, campaign_id, period, parent_id, today, **options)
    return with_recommendations(view, recommendation_counts(engine, campaign_id, today))


def campaign_named(engine: Engine, code: str) -> CampaignRecord:
    return next(c for c in list_campaigns(engine) if c.code == code)


def sample_with_a_visit(engine: Engine, actor: Actor, on: date) -> UUID:
    """The sample loaded, and a visit to Tam Kỳ (code 502) on ``on`` for its first campaign."""
    from data_access.visits import VisitInput, create_visit

    load_sample(engine)
    tree = locality_tree(list_localities(engine))
    campaign = list_campaigns(engine)[0].id
    return create_visit(engine, actor, VisitInput(tree.find_code("502"), on, [campaign]))


CAPITAL_INDICATORS = (  # code, name, English name, unit, English unit, time rule
    ("works_count", "Số công trình", "Works", "công trình", "works", "sum"),
    ("allocated_capital", "Kế hoạch vốn", "Allocated", "tỷ đồng", "bn", "latest"),
    ("disbursed_capital", "Giải ngân", "Disbursed", "tỷ đồng", "bn", "latest"),
)


def capital_campaign(session) -> tuple:
    """A small campaign in ``session``: works built (a flow), capital allocated and disbursed
    (cumulative) and the disbursement rate computed from them (target 100 %). Returns the
    campaign and its indicators by code, flushed."""
    from data_access import models as m

    indicators = {
        code: m.Indicator(
            code=code, name_vi=name, name_en=name_en, unit_vi=unit, unit_en=unit_en, time_rule=rule
        )
        for code, name, name_en, unit, unit_en, rule in CAPITAL_INDICATORS
    }
    campaign = m.Campaign(code="c", name="Phong trào")
    session.add_all([*indicators.values(), campaign])
    session.flush()
    indicators["disbursement_rate"] = m.Indicator(
        code="disbursement_rate",
        name_vi="Tỷ lệ giải ngân",
        name_en="Rate",
        unit_vi="%",
        unit_en="%",
        kind="ratio",
        numerator_id=indicators["disbursed_capital"].id,
        denominator_id=indicators["allocated_capital"].id,
        target_value=100,
    )
    session.add(indicators["disbursement_rate"])
    session.flush()
    session.add_all(
        m.CampaignIndicator(campaign_id=campaign.id, indicator_id=indicator.id, sort_order=order)
        for order, indicator in enumerate(indicators.values())
    )
    return campaign, indicators


def add_value(session, campaign, locality, indicator, start, end, number, illustrative=False):
    """One reported figure of ``locality`` for ``indicator`` over ``start``–``end``."""
    from data_access import models as m

    session.add(
        m.IndicatorValue(
            campaign_id=campaign.id,
            locality_id=locality.id,
            indicator_id=indicator.id,
            period_start=start,
            period_end=end,
            value=number,
            is_illustrative=illustrative,
        )
    )
