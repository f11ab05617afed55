"""What a sync carries: which tables, in which direction, and each record as JSON.

*Field records* (visits and what hangs from them) are edited on both sides and merged
field by field. *Reference records* (the catalogue, campaigns, figures, works, accounts)
are the server's: a laptop receives them and never sends them. Lists are in insertion
order, parents first, so foreign keys hold on both databases at every step.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Select, Uuid, inspect, select
from sqlalchemy.orm import Session

from data_access import models as m
from domain.vocabulary import INDICATOR_KINDS, LOCALITY_LEVELS


@dataclass(frozen=True)
class Synced:
    model: type[m.Base]
    append_only: bool = False  # history rows: added, never changed
    derived: tuple[str, ...] = ()  # computed after the merge from merged history
    natural_key: tuple[str, ...] = ()  # a unique constraint besides the id

    @property
    def entity(self) -> str:
        return self.model.__tablename__


# The visit and everything recorded at it, in the order they are written.
FIELD = (
    Synced(m.Delegation),
    Synced(m.DelegationMember),
    Synced(m.Visit),
    Synced(m.VisitCampaign, natural_key=("visit_id", "campaign_id")),
    Synced(m.Attendee),
    Synced(m.CriterionRating, natural_key=("visit_id", "criterion_id")),
    Synced(m.Finding),
    Synced(m.Recommendation, derived=("status", "verified_at_visit_id", "verification_note")),
    Synced(m.RecommendationUpdate, append_only=True),
    Synced(m.Attachment),
    Synced(m.IndicatorValue),  # only the figures reported at a visit (source_visit_id)
    Synced(m.SyncConflict),  # travels with its visit: either side may resolve it
)
REFERENCE = (
    Synced(m.Locality),
    Synced(m.LocalitySuccession, natural_key=("predecessor_id", "successor_id")),
    Synced(m.Campaign),
    Synced(m.CampaignPhase),
    Synced(m.Criterion),
    Synced(m.Indicator),
    Synced(m.CampaignIndicator, natural_key=("campaign_id", "indicator_id")),
    Synced(m.Implementation, natural_key=("campaign_id", "locality_id")),
    Synced(m.Milestone),
    Synced(m.ImportedFile),
    Synced(m.Work),
    Synced(m.User),
    Synced(m.UserLocalityScope, natural_key=("user_id", "locality_id")),
)
AUDIT = Synced(m.AuditEvent, append_only=True)
BY_ENTITY = {synced.entity: synced for synced in (*FIELD, *REFERENCE, AUDIT)}


def to_json(value: Any) -> Any:
    """One column's value as the package carries it; timestamps in UTC (SQLite hands
    them back without a zone, PostgreSQL with one: both must compare equal)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_json(model: type[m.Base], row: Any) -> dict[str, Any]:
    return {column.key: to_json(getattr(row, column.key)) for column in _columns(model)}


def from_json(model: type[m.Base], values: dict[str, Any]) -> dict[str, Any]:
    """Column values ready for an INSERT or UPDATE, from what the package carried."""
    converted: dict[str, Any] = {}
    for column in _columns(model):
        if column.key not in values:
            continue
        value = values[column.key]
        kind = column.columns[0].type
        if value is not None and isinstance(kind, Uuid):
            value = uuid.UUID(value)
        elif value is not None and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = date.fromisoformat(value)
        converted[column.key] = value
    return converted


def _columns(model: type[m.Base]):
    return inspect(model).mapper.column_attrs


def select_rows(model: type[m.Base]) -> Select:
    columns = [getattr(model, column.key) for column in _columns(model)]
    return select(*columns)


def rows(session: Session, query: Select, model: type[m.Base]) -> Iterator[dict[str, Any]]:
    for row in session.execute(query):
        yield row_json(model, row)


def parents_first(entity: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Localities refer to their parents (provinces, then districts, then communes), ratio
    indicators to the raw ones they divide."""
    if entity == m.Locality.__tablename__:
        return sorted(records, key=lambda r: LOCALITY_LEVELS.index(r["level"]))
    if entity == m.Indicator.__tablename__:
        return sorted(records, key=lambda r: INDICATOR_KINDS.index(r["kind"]))
    return records
