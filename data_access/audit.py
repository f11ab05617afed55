"""The append-only audit log, written in the same transaction as the change it records."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from data_access.models import AuditEvent, Base
from domain.permissions import Actor


def snapshot(record: Base) -> dict[str, Any]:
    """A record's columns as JSON-safe values."""
    values: dict[str, Any] = {}
    for column in inspect(record).mapper.column_attrs:
        value = getattr(record, column.key)
        if isinstance(value, uuid.UUID):
            value = str(value)
        elif isinstance(value, (date, datetime)):
            value = value.isoformat()
        elif isinstance(value, bytes):  # a file: which one, not its bytes again
            value = f"sha256:{hashlib.sha256(value).hexdigest()} ({len(value)} bytes)"
        values[column.key] = value
    return values


def record_event(
    session: Session,
    actor: Actor,
    action: str,
    record: Base,
    before: dict[str, Any] | None,
) -> None:
    """Log a change: ``before`` is the snapshot taken before it (None for a creation)."""
    session.flush()
    session.add(
        AuditEvent(
            actor=actor.label,
            action=action,
            entity=record.__tablename__,
            entity_id=record.id,
            before=before,
            after=snapshot(record),
        )
    )


@dataclass(frozen=True)
class AuditRecord:
    occurred_at: datetime
    actor: str | None
    action: str
    entity: str
    entity_id: uuid.UUID | None
    before: dict | None
    after: dict | None


def list_events(
    engine,
    *,
    actor_contains: str = "",
    entity: str = "",
    start: date | None = None,
    end: date | None = None,
    limit: int = 2000,
) -> tuple[AuditRecord, ...]:
    """The audit log, newest first, filtered by who, what kind of record, and when."""
    from sqlalchemy import func, select

    from data_access.db import fetch_records, session_scope

    query = select(
        AuditEvent.occurred_at,
        AuditEvent.actor,
        AuditEvent.action,
        AuditEvent.entity,
        AuditEvent.entity_id,
        AuditEvent.before,
        AuditEvent.after,
    )
    if actor_contains.strip():
        query = query.where(func.lower(AuditEvent.actor).contains(actor_contains.strip().lower()))
    if entity:
        query = query.where(AuditEvent.entity == entity)
    if start:
        query = query.where(AuditEvent.occurred_at >= datetime.combine(start, datetime.min.time()))
    if end:
        query = query.where(AuditEvent.occurred_at < datetime.combine(end, datetime.max.time()))
    query = query.order_by(AuditEvent.occurred_at.desc()).limit(limit)
    with session_scope(engine, read_only=True) as session:
        return fetch_records(session, query, AuditRecord)
