"""Conflicts of field sync, as people see and resolve them.

A conflict is a field two sides changed: the record holds one value, the conflict the
other. Whoever may edit the record chooses one, or writes a third; the choice is written
into the record (a new version, audited) and the conflict is marked resolved, on this
side first and on the other at the next sync.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import session_scope
from data_access.errors import InvalidInput, NotFound
from data_access.sync.records import BY_ENTITY, from_json
from data_access.writes import editable_visit, require, write_scope
from domain.permissions import Actor, can_edit_visit

CHOICES = ("kept", "other", "edited")  # the value held, the other side's, or a new text
# What a conflict can be resolved to by typing: text fields only.
TYPED_FIELDS = frozenset(
    {"text", "evidence", "addressee", "summary", "venue", "chair", "secretary", "note"}
)


@dataclass(frozen=True)
class OpenConflict:
    id: uuid.UUID
    entity: str
    record_id: uuid.UUID
    field: str
    kept: Any
    other: Any
    other_side: str  # a laptop's name, or "server"
    at: datetime
    visit_id: uuid.UUID | None
    visit_date: str | None
    locality: str | None
    record_text: str | None  # what the record is about (a finding's text), for the list

    @property
    def can_type(self) -> bool:
        return self.field in TYPED_FIELDS


def open_conflicts(engine: Engine, actor: Actor) -> tuple[OpenConflict, ...]:
    """Unresolved conflicts of the records this person may edit, oldest first."""
    found = []
    with session_scope(engine, read_only=True) as session:
        query = (
            select(m.SyncConflict, m.Visit, m.Locality.name)
            .outerjoin(m.Visit, m.Visit.id == m.SyncConflict.visit_id)
            .outerjoin(m.Locality, m.Locality.id == m.Visit.locality_id)
            .where(m.SyncConflict.resolved_at.is_(None))
            .order_by(m.SyncConflict.created_at)
        )
        for conflict, visit, locality in session.execute(query):
            if visit is None or not can_edit_visit(actor, visit.locality_id, visit.delegation_id):
                continue
            record = session.get(BY_ENTITY[conflict.entity].model, conflict.record_id)
            found.append(
                OpenConflict(
                    id=conflict.id,
                    entity=conflict.entity,
                    record_id=conflict.record_id,
                    field=conflict.field,
                    kept=conflict.kept_value,
                    other=conflict.other_value,
                    other_side=conflict.other_side,
                    at=conflict.created_at,
                    visit_id=visit.id,
                    visit_date=visit.visit_date.isoformat(),
                    locality=locality,
                    record_text=getattr(record, "text", None) or getattr(record, "full_name", None),
                )
            )
    return tuple(found)


def resolve_conflict(
    engine: Engine, actor: Actor, conflict_id: uuid.UUID, choice: str, typed: str = ""
) -> None:
    """Keep the value held, take the other side's, or write ``typed`` (text fields)."""
    if choice not in CHOICES:
        raise InvalidInput(["sync_choice"])
    with write_scope(engine, actor) as session:
        conflict = session.get(m.SyncConflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise NotFound("sync_conflict")
        visit = session.get(m.Visit, conflict.visit_id) if conflict.visit_id else None
        if visit is None:
            raise NotFound("visit")
        require(
            can_edit_visit(actor, visit.locality_id, visit.delegation_id),
            "sync.resolve",
            conflict,
        )
        if choice != "kept":
            # Writing into the record is an edit of the visit: not once it is signed off.
            editable_visit(session, visit.id, actor)
            record = session.get(BY_ENTITY[conflict.entity].model, conflict.record_id)
            if record is None:
                raise NotFound(conflict.entity)
            value = conflict.other_value
            if choice == "edited":
                if conflict.field not in TYPED_FIELDS or not typed.strip():
                    raise InvalidInput(["text_required"])
                value = typed.strip()
            before = snapshot(record)
            converted = from_json(type(record), {conflict.field: value})
            setattr(record, conflict.field, converted[conflict.field])
            record_event(session, actor, "sync_resolve", record, before)
        conflict.resolved_at = m.utcnow()
        conflict.resolved_by = actor.label
        conflict.resolution = choice
        record_event(session, actor, "sync_resolve", conflict, None)
