"""The append-only audit log, written in the same transaction as the change it records."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from data_access.models import AuditEvent, Base


def snapshot(record: Base) -> dict[str, Any]:
    """A record's columns as JSON-safe values."""
    values: dict[str, Any] = {}
    for column in inspect(record).mapper.column_attrs:
        value = getattr(record, column.key)
        if isinstance(value, uuid.UUID):
            value = str(value)
        elif isinstance(value, (date, datetime)):
            value = value.isoformat()
        values[column.key] = value
    return values


def record_event(
    session: Session,
    actor: str,
    action: str,
    record: Base,
    before: dict[str, Any] | None,
) -> None:
    """Log a change: ``before`` is the snapshot taken before it (None for a creation)."""
    session.flush()
    session.add(
        AuditEvent(
            actor=actor,
            action=action,
            entity=record.__tablename__,
            entity_id=record.id,
            before=before,
            after=snapshot(record),
        )
    )
