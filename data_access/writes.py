"""Shared write helpers: one transaction per command, the data versions writes bump,
and the check that a visit may still be edited."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from data_access import spans  # noqa: F401  (every write keeps the indicator spans)
from data_access.db import found_record, session_scope
from data_access.errors import PermissionDenied, StaleEdit, VisitLocked
from data_access.models import AuditEvent, DataVersion, Visit, utcnow
from domain.permissions import Actor, can_edit_visit
from domain.visits import is_editable

# Three counters: every write bumps the first; the second only when the figures or the
# catalogue the dashboards aggregate change; the third only when the catalogue does. A
# finding saved at a visit then leaves the overview's costly aggregates cached for
# everybody else, and an import of figures leaves the 13,000-unit tree and its indexes.
ANY_WRITE, FIGURES, CATALOGUE = 1, 2, 3
COUNTERS = (ANY_WRITE, FIGURES, CATALOGUE)
CATALOGUE_TABLES = frozenset({"locality", "locality_succession"})
FIGURE_TABLES = CATALOGUE_TABLES | frozenset(
    {
        "campaign",
        "campaign_phase",
        "indicator",
        "campaign_indicator",
        "implementation",
        "milestone",
        "indicator_value",
    }
)
TOUCHED = "touched_tables"


@event.listens_for(Session, "before_flush")
def _note_touched_tables(session: Session, _context, _instances) -> None:
    touched = session.info.setdefault(TOUCHED, set())
    for record in (*session.new, *session.dirty, *session.deleted):
        touched.add(record.__tablename__)


def bump_data_version(
    session: Session, *, figures: bool | None = None, catalogue: bool | None = None
) -> None:
    """Called in the same transaction as any write, so cached reads refresh.
    ``figures``: whether dashboard figures changed; by default, whether this session
    flushed a row of one of their tables. ``catalogue`` likewise; by default, when
    ``figures`` is said outright (bulk statements the flush does not see), the catalogue
    counts as changed too: a tree read again costs a second, a stale one shows wrong places."""
    session.flush()
    touched = session.info.get(TOUCHED, set())
    if catalogue is None:
        catalogue = bool(figures) or bool(touched & CATALOGUE_TABLES)
    if figures is None:
        figures = bool(touched & FIGURE_TABLES)
    changed = ((ANY_WRITE, True), (FIGURES, figures), (CATALOGUE, catalogue))
    for counter in (counter for counter, bumped in changed if bumped):
        if session.scalar(select(DataVersion.id).where(DataVersion.id == counter)) is None:
            session.add(DataVersion(id=counter, version=1))
        else:
            session.execute(
                update(DataVersion)
                .where(DataVersion.id == counter)
                .values(version=DataVersion.version + 1, changed_at=utcnow())
            )


def set_data_versions_above(engine: Engine, floor: int) -> None:
    with session_scope(engine) as session:
        for counter in COUNTERS:
            session.merge(DataVersion(id=counter, version=floor + 1, changed_at=utcnow()))


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


def only_fields(
    changes: dict[str, Any], allowed: tuple[str, ...], action: str, record: Any
) -> None:
    """A command changes only the fields it is for. Anything else (a status, the visit a
    finding belongs to) is a write no screen sends: refused, and audited as a refusal."""
    forged = sorted(set(changes) - set(allowed))
    require(not forged, f"{action}:{','.join(forged)}", record)


def editable_visit(session: Session, visit_id: uuid.UUID, actor: Actor) -> Visit:
    """The visit, if this user may edit it and it may still be edited (not signed off)."""
    visit = found_record(session, Visit, visit_id, "visit")
    require(can_edit_visit(actor, visit.locality_id, visit.delegation_id), "visit.edit", visit)
    if not is_editable(visit.status):
        raise VisitLocked(visit.status)
    return visit


def add_missing_records(engine: Engine, records: list[Any]) -> int:
    """Add the records whose id is not in the database yet, in the order given (parents
    first); returns how many were added. What is there already is never overwritten."""
    added = 0
    with session_scope(engine) as session:
        by_model: dict[type, list[Any]] = {}
        for record in records:
            by_model.setdefault(type(record), []).append(record)
        existing = set()
        for model, items in by_model.items():
            ids = [item.id for item in items]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                existing.update(session.scalars(select(model.id).where(model.id.in_(chunk))))
        for record in records:
            if record.id not in existing:
                session.add(record)
                session.flush()
                added += 1
        if added:
            bump_data_version(session)
    return added
