"""Drafts: text saved to the database as it is typed, until it is saved into its record."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from data_access.db import session_scope
from data_access.models import (
    Draft,
    Finding,
    Recommendation,
    SupervisionRound,
    Visit,
    utcnow,
)
from data_access.writes import require, write_scope
from domain.permissions import Actor, can_edit_round, can_edit_visit, can_write


@dataclass(frozen=True)
class SavedDraft:
    scope: str
    text: str
    base_version: int | None
    author: str | None  # "Full Name (username)"
    updated_at: datetime
    owner: str = ""


def save_draft(
    engine: Engine, actor: Actor, scope: str, text: str, *, base_version: int | None
) -> None:
    """Keep what the user typed, as this user's draft; an empty field leaves none behind.

    ``base_version`` is kept from the first keystroke: the draft stays against the version
    its author started from, so saving it later over someone else's save is refused."""
    author = actor.label
    with write_scope(engine, actor, bump=False) as session:
        require(can_write(actor), "draft.save")
        # A draft is shown in place of the saved text to its author: only someone who may
        # edit the record it is typed for may keep one. The visit's status does not matter:
        # text typed while the head signed off is kept, for when the visit is reopened.
        require(_may_draft(session, actor, scope), "draft.save")
        draft = session.scalar(_own(select(Draft), scope, actor.username))
        if not text.strip():
            if draft is not None:
                session.delete(draft)
            return
        if draft is None:
            session.add(
                Draft(
                    scope=scope,
                    owner=actor.username,
                    text=text,
                    base_version=base_version,
                    author=author,
                )
            )
        else:
            draft.text = text
            draft.author = author
            draft.updated_at = utcnow()
            if draft.base_version is None:
                draft.base_version = base_version


def _may_draft(session: Session, actor: Actor, scope: str) -> bool:
    """Whether ``actor`` may edit the record ``scope`` is typed for: a visit's field (or
    its finding's, recommendation's…), or a section of a round's report."""
    if scope.startswith("round:"):
        try:
            round_id = uuid.UUID(scope.split(":")[1])
        except ValueError:
            return False
        row = session.get(SupervisionRound, round_id)
        return row is not None and can_edit_round(actor, row.delegation_id)
    visit_id = visit_of_scope(session, scope)
    visit = session.get(Visit, visit_id) if visit_id is not None else None
    return visit is not None and can_edit_visit(actor, visit.locality_id, visit.delegation_id)


def visit_of_scope(session: Session, scope: str) -> uuid.UUID | None:
    """The visit a draft scope belongs to: ``visit:<id>:…``, ``rating:<visit>:…``,
    ``verify:<visit>:…``, or the visit of ``finding:<id>:…`` / ``recommendation:<id>:…``."""
    entity, _, rest = scope.partition(":")
    try:
        record_id = uuid.UUID(rest.split(":")[0])
    except ValueError:
        return None
    if entity in ("visit", "rating", "verify"):
        return record_id
    model = {"finding": Finding, "recommendation": Recommendation}.get(entity)
    record = session.get(model, record_id) if model is not None else None
    return record.visit_id if record is not None else None


def _own(query, scope: str, owner: str):
    return query.where(Draft.scope == scope, Draft.owner == owner)


def saved_draft(draft: Draft) -> SavedDraft:
    return SavedDraft(
        draft.scope, draft.text, draft.base_version, draft.author, draft.updated_at, draft.owner
    )


def drafts_under(engine: Engine, prefix: str, owner: str) -> dict[str, SavedDraft]:
    """One person's drafts (``owner``, a username) whose scope starts with ``prefix``
    (e.g. ``visit:<id>:``), by scope."""
    with session_scope(engine, read_only=True) as session:
        query = select(Draft).where(Draft.scope.startswith(prefix), Draft.owner == owner)
        return {draft.scope: saved_draft(draft) for draft in session.scalars(query)}


def visit_drafts(session: Session, visit_id) -> list[Draft]:
    """Everyone's drafts of one visit, oldest first: its own fields and new items
    (``visit:<id>:…``), its ratings (``rating:<id>:…``), its findings' and recommendations'."""
    ids = {str(visit_id)}
    for model in (Finding, Recommendation):
        ids |= {str(i) for i in session.scalars(select(model.id).where(model.visit_id == visit_id))}
    everyone = session.scalars(select(Draft).order_by(Draft.updated_at))
    return [draft for draft in everyone if _record_of(draft.scope) in ids]


def _record_of(scope: str) -> str:
    """``finding:<id>:text`` → ``<id>``: the record a draft belongs to."""
    parts = scope.split(":")
    return parts[1] if len(parts) > 1 else ""


def discard_draft(session: Session, scope: str, owner: str) -> None:
    """Called in the same transaction as the save that makes the author's draft obsolete;
    another person's draft of the same field stays theirs."""
    session.execute(_own(delete(Draft), scope, owner))


def delete_draft(engine: Engine, actor: Actor, scope: str) -> None:
    """Forget the user's own draft once what it held has been saved by other means."""
    with write_scope(engine, actor, bump=False) as session:
        require(can_write(actor), "draft.delete")
        discard_draft(session, scope, actor.username)
