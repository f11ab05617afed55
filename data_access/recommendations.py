"""The recommendations tracker: every recommendation across visits, filtered in SQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, case, exists, func, select

from data_access import models as m
from data_access.db import fetch_records, session_scope
from domain.recommendations import days_overdue


@dataclass(frozen=True)
class TrackedRecommendation:
    """A recommendation as the tracker and the register list it."""

    id: uuid.UUID
    version: int
    visit_id: uuid.UUID
    visit_date: date
    locality_id: uuid.UUID
    locality: str
    direction: str
    addressee: str | None
    text: str
    due_date: date | None
    priority: str
    status: str
    is_illustrative: bool
    days_overdue: int  # 0 unless open past its due date


@dataclass(frozen=True)
class TrackerFilter:
    statuses: tuple[str, ...] = ()
    overdue_only: bool = False
    addressee: str = ""
    # None: every locality; empty: none (a scope that matched nothing stays closed).
    locality_ids: tuple[uuid.UUID, ...] | None = None
    campaign_id: uuid.UUID | None = None


def _conditions(today: date, where: TrackerFilter) -> list:
    conditions = [m.Recommendation.deleted_at.is_(None), m.Visit.deleted_at.is_(None)]
    if where.statuses:
        conditions.append(m.Recommendation.status.in_(where.statuses))
    if where.overdue_only:
        conditions.append(m.Recommendation.overdue_clause(today))
    if where.addressee.strip():
        conditions.append(
            func.lower(m.Recommendation.addressee).contains(where.addressee.strip().lower())
        )
    if where.locality_ids is not None:
        conditions.append(m.Visit.locality_id.in_(where.locality_ids))
    if where.campaign_id is not None:
        conditions.append(
            exists().where(
                m.VisitCampaign.visit_id == m.Visit.id,
                m.VisitCampaign.campaign_id == where.campaign_id,
            )
        )
    return conditions


def status_counts(engine: Engine, today: date, where: TrackerFilter) -> dict[str, int]:
    """How many matching recommendations are in each status, and how many are overdue."""
    overdue = m.Recommendation.overdue_clause(today)
    query = (
        select(
            m.Recommendation.status,
            func.count(),
            func.sum(case((overdue, 1), else_=0)),
        )
        .join(m.Visit, m.Visit.id == m.Recommendation.visit_id)
        .where(*_conditions(today, where))
        .group_by(m.Recommendation.status)
    )
    with session_scope(engine, read_only=True) as session:
        rows = session.execute(query).all()
    counts = {status: int(n) for status, n, _ in rows}
    counts["overdue"] = sum(int(late or 0) for _, _, late in rows)
    return counts


def list_recommendations(
    engine: Engine,
    today: date,
    where: TrackerFilter = TrackerFilter(),
    limit: int | None = 5000,
    offset: int = 0,
) -> tuple[tuple[TrackedRecommendation, ...], int]:
    """The matching recommendations (overdue first, then by due date) and how many match
    in all; one page of at most ``limit`` rows from ``offset`` (``None``: all of them)."""
    conditions = _conditions(today, where)
    overdue = m.Recommendation.overdue_clause(today)
    base = (
        select(
            m.Recommendation.id,
            m.Recommendation.version,
            m.Visit.id,
            m.Visit.visit_date,
            m.Visit.locality_id,
            m.Locality.name,
            m.Recommendation.direction,
            m.Recommendation.addressee,
            m.Recommendation.text,
            m.Recommendation.due_date,
            m.Recommendation.priority,
            m.Recommendation.status,
            m.Recommendation.is_illustrative,
        )
        .join(m.Visit, m.Visit.id == m.Recommendation.visit_id)
        .join(m.Locality, m.Locality.id == m.Visit.locality_id)
        .where(*conditions)
    )
    query = base.order_by(
        case((overdue, 0), else_=1),
        m.Recommendation.due_date.is_(None),
        m.Recommendation.due_date,
        m.Visit.visit_date.desc(),
        m.Recommendation.id,  # a stable order, so pages neither repeat nor skip a row
    )
    if limit is not None:
        query = query.limit(limit).offset(offset)
    count = select(func.count()).select_from(base.subquery())
    with session_scope(engine, read_only=True) as session:
        rows = fetch_records(
            session,
            query,
            TrackedRecommendation,
            days_overdue=lambda r: days_overdue(r["status"], r["due_date"], today),
        )
        total = session.scalar(count) or 0
    return rows, total
