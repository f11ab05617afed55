"""Flow values already recorded, for the writers' overlap rule (domain/flows.py) and the
administrators' list of overlaps stored before the writers refused them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, case, func, select
from sqlalchemy.orm import Session, aliased

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import found_record, session_scope
from data_access.writes import require, write_scope
from domain.flows import RecordedFlow, StoredOverlap, stored_overlaps
from domain.permissions import Actor, is_admin

FlowKey = tuple[uuid.UUID, uuid.UUID]  # locality, indicator


def _is_flow():
    return (m.Indicator.kind == "raw") & (m.Indicator.time_rule == "sum")


def recorded_flows(
    session: Session,
    campaign_id: uuid.UUID,
    locality_ids: Iterable[uuid.UUID],
    indicator_ids: Iterable[uuid.UUID],
    start: date,
    end: date,
) -> dict[FlowKey, list[RecordedFlow]]:
    """The flow values (not check figures) of these units and indicators whose period
    shares a day with ``start``–``end``, by (locality, indicator)."""
    query = (
        select(
            m.IndicatorValue.locality_id,
            m.IndicatorValue.indicator_id,
            m.IndicatorValue.period_start,
            m.IndicatorValue.period_end,
            m.IndicatorValue.value,
            m.IndicatorValue.period_label,
            m.IndicatorValue.source,
        )
        .join(m.Indicator, m.Indicator.id == m.IndicatorValue.indicator_id)
        .where(
            _is_flow(),
            m.IndicatorValue.campaign_id == campaign_id,
            m.IndicatorValue.locality_id.in_(list(locality_ids)),
            m.IndicatorValue.indicator_id.in_(list(indicator_ids)),
            m.IndicatorValue.period_start <= end,
            m.IndicatorValue.period_end >= start,
            m.IndicatorValue.deleted_at.is_(None),
            m.IndicatorValue.is_check.is_(False),
        )
    )
    found: dict[FlowKey, list[RecordedFlow]] = {}
    for locality, indicator, first, last, value, label, source in session.execute(query):
        found.setdefault((locality, indicator), []).append(
            RecordedFlow(first, last, value, label, source)
        )
    return found


def restated_sum():
    """For a check figure: the sum of the flow values it restates (the unit's values of
    the indicator lying within its period), as a column; None for any other value."""
    part = aliased(m.IndicatorValue)
    total = (
        select(func.sum(part.value))
        .where(
            part.campaign_id == m.IndicatorValue.campaign_id,
            part.locality_id == m.IndicatorValue.locality_id,
            part.indicator_id == m.IndicatorValue.indicator_id,
            part.period_start >= m.IndicatorValue.period_start,
            part.period_end <= m.IndicatorValue.period_end,
            part.deleted_at.is_(None),
            part.is_check.is_(False),
        )
        .correlate(m.IndicatorValue)
        .scalar_subquery()
    )
    return case((m.IndicatorValue.is_check, total), else_=None).label("restated")


@dataclass(frozen=True)
class OverlapRecord:
    """Two stored flow values that overlap, named for the person who resolves them."""

    campaign: str
    locality_code: str
    locality: str
    indicator: str
    first: RecordedFlow
    second: RecordedFlow


def stored_flow_overlaps(engine: Engine) -> list[OverlapRecord]:
    """Every pair of stored flow values of one unit and indicator whose periods overlap.

    The database keeps the values that start before an earlier one of their unit ends,
    or end after a later one starts (two windows over the period index, one pass); the
    exact pairs are worked out here from those few."""
    key = (
        m.IndicatorValue.campaign_id,
        m.IndicatorValue.locality_id,
        m.IndicatorValue.indicator_id,
    )
    order = (m.IndicatorValue.period_start, m.IndicatorValue.period_end)
    flows = (
        select(
            *key,
            m.IndicatorValue.period_start,
            m.IndicatorValue.period_end,
            m.IndicatorValue.value,
            m.IndicatorValue.period_label,
            m.IndicatorValue.source,
            m.IndicatorValue.id,
            func.max(m.IndicatorValue.period_end)
            .over(partition_by=key, order_by=order, rows=(None, -1))
            .label("earlier_end"),
            func.lead(m.IndicatorValue.period_start)
            .over(partition_by=key, order_by=order)
            .label("next_start"),
        )
        .join(m.Indicator, m.Indicator.id == m.IndicatorValue.indicator_id)
        .where(
            _is_flow(),
            m.IndicatorValue.deleted_at.is_(None),
            m.IndicatorValue.is_check.is_(False),
        )
        .subquery()
    )
    query = (
        select(
            flows.c.campaign_id,
            flows.c.locality_id,
            flows.c.indicator_id,
            m.Campaign.name,
            m.Locality.code,
            m.Locality.name,
            m.Indicator.name_vi,
            flows.c.period_start,
            flows.c.period_end,
            flows.c.value,
            flows.c.period_label,
            flows.c.source,
            flows.c.id,
        )
        .join(m.Indicator, m.Indicator.id == flows.c.indicator_id)
        .join(m.Locality, m.Locality.id == flows.c.locality_id)
        .join(m.Campaign, m.Campaign.id == flows.c.campaign_id)
        .where(
            (flows.c.earlier_end >= flows.c.period_start)
            | (flows.c.next_start <= flows.c.period_end)
        )
        .order_by(
            flows.c.campaign_id,
            flows.c.locality_id,
            flows.c.indicator_id,
            flows.c.period_start,
            flows.c.period_end,
        )
    )
    with session_scope(engine, read_only=True) as session:
        rows = session.execute(query).all()
    names = {tuple(row[:3]): tuple(row[3:7]) for row in rows}
    pairs = [(tuple(row[:3]), RecordedFlow(*row[7:])) for row in rows]
    return [_record(overlap, names[overlap.key]) for overlap in stored_overlaps(pairs)]


def _record(overlap: StoredOverlap, names: tuple) -> OverlapRecord:
    campaign, code, name, indicator = names
    return OverlapRecord(campaign, code, name, indicator, overlap.first, overlap.second)


def set_flow_aside(
    engine: Engine, actor: Actor, value_id: uuid.UUID, *, keep_as_check: bool
) -> None:
    """Resolve a stored overlap: keep one value as a check figure (it restates the other)
    or delete it. Administrators only; audited."""
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "resolve_overlap")
        value = found_record(session, m.IndicatorValue, value_id, "indicator_value")
        before = snapshot(value)
        if keep_as_check:
            value.is_check = True
            record_event(session, actor, "update", value, before)
        else:
            value.deleted_at = m.utcnow()
            record_event(session, actor, "delete", value, before)
