"""Drafts: text saved to the database as it is typed, until it is saved into its record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from data_access.db import session_scope
from data_access.models import Draft, utcnow
from data_access.writes import require, write_scope
from domain.permissions import Actor, can_write


@dataclass(frozen=True)
class SavedDraft:
    scope: str
    text: str
    base_version: int | None
    author: str | None
    updated_at: datetime


def save_draft(
    engine: Engine, actor: Actor, scope: str, text: str, *, base_version: int | None
) -> None:
    """Keep what the user typed; an empty field leaves no draft behind."""
    author = actor.label
    with write_scope(engine, actor, bump=False) as session:
        require(can_write(actor), "draft.save")
        draft = session.scalar(select(Draft).where(Draft.scope == scope))
        if not text.strip():
            if draft is not None:
                session.delete(draft)
            return
        if draft is None:
            session.add(Draft(scope=scope, text=text, base_version=base_version, author=author))
        else:
            draft.text = text
            draft.author = author
            draft.updated_at = utcnow()
            if base_version is not None:
                draft.base_version = base_version


def drafts_under(engine: Engine, prefix: str) -> dict[str, SavedDraft]:
    """Every draft whose scope starts with ``prefix`` (e.g. ``visit:<id>:``)."""
    with session_scope(engine, read_only=True) as session:
        rows = session.scalars(select(Draft).where(Draft.scope.startswith(prefix))).all()
        return {
            d.scope: SavedDraft(d.scope, d.text, d.base_version, d.author, d.updated_at)
            for d in rows
        }


def discard_draft(session: Session, scope: str) -> None:
    """Called in the same transaction as the save that makes the draft obsolete."""
    session.execute(delete(Draft).where(Draft.scope == scope))


def delete_draft(engine: Engine, scope: str) -> None:
    """Forget a draft once what it held has been saved by other means."""
    with session_scope(engine) as session:
        discard_draft(session, scope)
