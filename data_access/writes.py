"""Shared write helpers: one transaction per command, the data version every write
bumps, and the check that a visit may still be edited."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from data_access.db import session_scope
from data_access.errors import NotFound, StaleEdit, VisitLocked
from data_access.models import DataVersion, Visit, utcnow
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
def write_scope(engine: Engine) -> Iterator[Session]:
    """A write transaction that bumps the data version; a concurrent save caught by the
    ORM's version check becomes a StaleEdit, and nothing is written."""
    try:
        with session_scope(engine) as session:
            yield session
            bump_data_version(session)
    except StaleDataError as error:
        raise StaleEdit() from error


def editable_visit(session: Session, visit_id: uuid.UUID) -> Visit:
    """The visit, if it may still be edited: signed-off visits are read-only."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise NotFound("visit")
    if not is_editable(visit.status):
        raise VisitLocked(visit.status)
    return visit
