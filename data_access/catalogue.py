"""Reads of the reference catalogue: localities, campaigns, indicators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from uuid import UUID

import pandas as pd
from sqlalchemy import Engine, select

from data_access.db import fetch_records, session_scope
from data_access.models import (
    Campaign,
    CampaignIndicator,
    DataVersion,
    Indicator,
    Locality,
    LocalitySuccession,
)
from data_access.writes import ANY_WRITE, CATALOGUE, FIGURES
from domain.as_of import is_as_of
from domain.localities import LocalityTree, Unit
from domain.overview import IndicatorDef


@dataclass(frozen=True)
class DataVersions:
    """Read caches are keyed on these: ``any`` changes with every write, ``figures``
    only when the dashboards' figures or catalogue change, ``catalogue`` only when the
    catalogue does (see data_access.writes)."""

    any: int
    figures: int
    catalogue: int


@dataclass(frozen=True)
class IndicatorLabel:
    """How an indicator is named and shown, in both languages."""

    code: str
    name_vi: str
    name_en: str | None
    unit_vi: str
    unit_en: str | None
    decimals: int


def indicator_label_columns() -> list:
    """The columns that fill an ``IndicatorLabel``, first in a query of a record built on it."""
    return [getattr(Indicator, f.name) for f in fields(IndicatorLabel)]


def data_versions(engine: Engine) -> DataVersions:
    with session_scope(engine, read_only=True) as session:
        counters = dict(session.execute(select(DataVersion.id, DataVersion.version)).all())
    return DataVersions(
        any=counters.get(ANY_WRITE, 0),
        figures=counters.get(FIGURES, 0),
        catalogue=counters.get(CATALOGUE, 0),
    )


@dataclass(frozen=True)
class CampaignRecord:
    id: UUID
    code: str
    name: str
    plan_document: str | None
    plan_date: date | None
    start_date: date | None
    end_date: date | None
    source: str | None
    is_illustrative: bool
    launched_by: str | None  # the locality that launched it


def list_campaigns(engine: Engine) -> tuple[CampaignRecord, ...]:
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
        return fetch_records(session, query, CampaignRecord)


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


@dataclass(frozen=True)
class IndicatorRecord:
    """An indicator a campaign follows; a ratio names its two parts."""

    id: UUID
    code: str
    name_vi: str
    name_en: str
    unit_vi: str
    unit_en: str
    kind: str  # vocabulary.INDICATOR_KINDS
    time_rule: str  # vocabulary.TIME_RULES
    numerator_id: UUID | None
    denominator_id: UUID | None
    target_value: float | None
    decimals: int

    @property
    def is_as_of(self) -> bool:
        return is_as_of(self.kind, self.time_rule)


def campaign_indicators(engine: Engine, campaign_id: UUID) -> tuple[IndicatorRecord, ...]:
    """The indicators a campaign follows, in the campaign's order."""
    query = (
        select(*[getattr(Indicator, f.name) for f in fields(IndicatorRecord)])
        .join(CampaignIndicator, CampaignIndicator.indicator_id == Indicator.id)
        .where(CampaignIndicator.campaign_id == campaign_id, Indicator.deleted_at.is_(None))
        .order_by(CampaignIndicator.sort_order, Indicator.sort_order)
    )
    with session_scope(engine, read_only=True) as session:
        return fetch_records(session, query, IndicatorRecord)


def indicator_defs(indicators: Sequence[IndicatorRecord]) -> list[IndicatorDef]:
    return [
        IndicatorDef(
            id=i.id,
            code=i.code,
            kind=i.kind,
            numerator_id=i.numerator_id,
            denominator_id=i.denominator_id,
            target_value=i.target_value,
        )
        for i in indicators
    ]


def has_localities(engine: Engine) -> bool:
    """False for an empty database (a first start)."""
    with session_scope(engine, read_only=True) as session:
        return session.scalar(select(Locality.id).limit(1)) is not None
