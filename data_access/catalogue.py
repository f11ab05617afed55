"""Reads of the reference catalogue: localities, campaigns, indicators."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import pandas as pd
from sqlalchemy import Engine, select

from data_access.db import session_scope
from data_access.models import (
    Campaign,
    CampaignIndicator,
    DataVersion,
    Indicator,
    Locality,
    LocalitySuccession,
)
from domain.localities import LocalityTree, Unit
from domain.overview import IndicatorDef


@dataclass(frozen=True)
class DataVersions:
    """Read caches are keyed on these: ``any`` changes with every write, ``figures``
    only when the dashboards' figures or catalogue change (see data_access.writes)."""

    any: int
    figures: int


@dataclass(frozen=True)
class IndicatorLabel:
    """How an indicator is named and shown, in both languages."""

    code: str
    name_vi: str
    name_en: str | None
    unit_vi: str
    unit_en: str | None
    decimals: int


def data_versions(engine: Engine) -> DataVersions:
    with session_scope(engine, read_only=True) as session:
        counters = dict(session.execute(select(DataVersion.id, DataVersion.version)).all())
    return DataVersions(any=counters.get(1, 0), figures=counters.get(2, 0))


def list_campaigns(engine: Engine) -> pd.DataFrame:
    launcher = select(Locality.id, Locality.name).subquery()
    query = (
        select(
            Campaign.id,
            Campaign.code,
            Campaign.name,
            Campaign.plan_document,
            Campaign.plan_date,
            Campaign.start_date,
            Campaign.end_date,
            Campaign.source,
            Campaign.is_illustrative,
            launcher.c.name.label("launched_by"),
        )
        .outerjoin(launcher, launcher.c.id == Campaign.launched_by_id)
        .where(Campaign.deleted_at.is_(None))
        # The longest-running campaigns first: the main programme, then special drives.
        .order_by(Campaign.end_date.desc().nulls_last(), Campaign.start_date, Campaign.name)
    )
    with session_scope(engine, read_only=True) as session:
        return pd.DataFrame(session.execute(query).mappings().all())


def list_localities(engine: Engine) -> pd.DataFrame:
    """The whole catalogue (a few thousand rows at national scale) with successions."""
    with session_scope(engine, read_only=True) as session:
        # Plain tuples: building the frame from row objects costs more than the query.
        units = [
            tuple(row)
            for row in session.execute(
                select(
                    Locality.id,
                    Locality.code,
                    Locality.name,
                    Locality.level,
                    Locality.parent_id,
                    Locality.valid_from,
                    Locality.valid_to,
                ).where(Locality.deleted_at.is_(None))
            )
        ]
        links = session.execute(
            select(
                LocalitySuccession.predecessor_id,
                LocalitySuccession.successor_id,
                LocalitySuccession.kind,
            )
        ).all()
    frame = pd.DataFrame(
        units, columns=["id", "code", "name", "level", "parent_id", "valid_from", "valid_to"]
    )
    successors: dict[UUID, list[tuple[UUID, str]]] = {}
    for predecessor, successor, kind in links:
        successors.setdefault(predecessor, []).append((successor, kind))
    frame["successors"] = [tuple(successors.get(i, ())) for i in frame["id"]]
    return frame


def locality_tree(localities: pd.DataFrame) -> LocalityTree:
    return LocalityTree.from_units(
        Unit(
            id=row.id,
            code=row.code,
            name=row.name,
            level=row.level,
            parent_id=row.parent_id if pd.notna(row.parent_id) else None,
            valid_from=row.valid_from if pd.notna(row.valid_from) else None,
            valid_to=row.valid_to if pd.notna(row.valid_to) else None,
            successors=row.successors,
        )
        for row in localities.itertuples(index=False)
    )


INDICATOR_COLUMNS = [
    "id",
    "code",
    "name_vi",
    "name_en",
    "unit_vi",
    "unit_en",
    "kind",
    "time_rule",
    "numerator_id",
    "denominator_id",
    "target_value",
    "decimals",
]


def campaign_indicators(engine: Engine, campaign_id: UUID) -> pd.DataFrame:
    """The indicators a campaign follows, in the campaign's order."""
    query = (
        select(*[getattr(Indicator, c) for c in INDICATOR_COLUMNS])
        .join(CampaignIndicator, CampaignIndicator.indicator_id == Indicator.id)
        .where(CampaignIndicator.campaign_id == campaign_id, Indicator.deleted_at.is_(None))
        .order_by(CampaignIndicator.sort_order, Indicator.sort_order)
    )
    with session_scope(engine, read_only=True) as session:
        return pd.DataFrame(session.execute(query).mappings().all(), columns=INDICATOR_COLUMNS)


def indicator_defs(indicators: pd.DataFrame) -> list[IndicatorDef]:
    return [
        IndicatorDef(
            id=row.id,
            code=row.code,
            kind=row.kind,
            numerator_id=row.numerator_id if pd.notna(row.numerator_id) else None,
            denominator_id=row.denominator_id if pd.notna(row.denominator_id) else None,
            target_value=row.target_value if pd.notna(row.target_value) else None,
        )
        for row in indicators.itertuples(index=False)
    ]
