"""An agency's own Word templates of official documents, kept in the database so that
every machine of the shared server fills the same letterhead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import session_scope
from data_access.writes import require, write_scope
from domain.permissions import Actor, is_admin

DOCUMENT_KINDS = ("minutes",)  # the biên bản of a working session


@dataclass(frozen=True)
class AgencyTemplate:
    kind: str
    file_name: str
    content: bytes
    uploaded_by: str | None
    uploaded_at: datetime


def agency_template(engine: Engine, kind: str) -> AgencyTemplate | None:
    """The agency's template of ``kind``, or None: the shipped one is used."""
    with session_scope(engine, read_only=True) as session:
        row = session.scalar(select(m.DocumentTemplate).where(m.DocumentTemplate.kind == kind))
        if row is None:
            return None
        return AgencyTemplate(row.kind, row.file_name, row.content, row.uploaded_by, row.updated_at)


def keep_agency_template(
    engine: Engine, actor: Actor, kind: str, file_name: str, content: bytes
) -> None:
    """Use ``content`` (already checked by the documents layer) for ``kind`` from now on."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(kind)
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "template.upload")
        row = session.scalar(select(m.DocumentTemplate).where(m.DocumentTemplate.kind == kind))
        before = snapshot(row) if row else None
        if row is None:
            row = m.DocumentTemplate(kind=kind)
            session.add(row)
        row.file_name, row.content, row.uploaded_by = file_name[:300], content, actor.label
        record_event(session, actor, "update" if before else "create", row, before)


def drop_agency_template(engine: Engine, actor: Actor, kind: str) -> None:
    """Back to the shipped template."""
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "template.reset")
        row = session.scalar(select(m.DocumentTemplate).where(m.DocumentTemplate.kind == kind))
        if row is not None:
            record_event(session, actor, "delete", row, snapshot(row))
            session.delete(row)
