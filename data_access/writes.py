"""Shared write helpers: one transaction per command, the data version every write
bumps, and the check that a visit may still be edited."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from data_access.db import session_scope
from data_access.errors import NotFound, PermissionDenied, StaleEdit, VisitLocked
from data_access.models import AuditEvent, DataVersion, Visit, utcnow
from domain.permissions import Actor, can_edit_visit
from domain.visits import is_editable


def bump_data_version(session: Session) -> None:
    """Called in the same transaction as any write, so cached reads refresh."""
    if session.scalar(select(DataVersion.id).where(DataVersion.id == 1)) is None:
        session.add(DataVersion(id=1, version=1))
    else:
        session.execute(
            update(DataVersion)
            .where(DataVersion.id == 1)
            .values(version=DataVersion.version + 1, changed_at=utcnow())
        )


@contextmanager
def write_scope(
    engine: Engine, actor: Actor | None = None, *, bump: bool = True
) -> Iterator[Session]:
    """A write transaction that bumps the data version. A concurrent save caught by the
    ORM's version check becomes a StaleEdit; a refused permission is audited once the
    transaction has rolled back (the refusal itself must not be rolled back with it)."""
    try:
        with session_scope(engine) as session:
            yield session
            if bump:  # drafts change no record: cached reads stay valid
                bump_data_version(session)
    except StaleDataError as error:
        raise StaleEdit() from error
    except PermissionDenied as refused:
        _record_refusal(engine, actor, refused)
        raise


def _record_refusal(engine: Engine, actor: Actor | None, refused: PermissionDenied) -> None:
    with session_scope(engine) as session:
        session.add(
            AuditEvent(
                actor=actor.label if actor else None,
                action=f"refused:{refused.action}",
                entity=refused.entity or "-",
                entity_id=refused.entity_id,
                after={"role": actor.role if actor else None},
            )
        )


def require_outside(engine: Engine, actor: Actor, allowed: bool, action: str) -> None:
    """The same refusal for work done outside a write transaction (restoring a backup)."""
    if not allowed:
        refused = PermissionDenied(action)
        _record_refusal(engine, actor, refused)
        raise refused


def require(allowed: bool, action: str, record: Any = None) -> None:
    """Refuse unless ``allowed``; the refusal names what was attempted, on what."""
    if not allowed:
        entity = getattr(record, "__tablename__", "")
        raise PermissionDenied(action, entity, getattr(record, "id", None))


def editable_visit(session: Session, visit_id: uuid.UUID, actor: Actor) -> Visit:
    """The visit, if this user may edit it and it may still be edited (not signed off)."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise NotFound("visit")
    require(can_edit_visit(actor, visit.locality_id, visit.delegation_id), "visit.edit", visit)
    if not is_editable(visit.status):
        raise VisitLocked(visit.status)
    return visit
