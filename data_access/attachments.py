"""Attachments: photos and PDFs of a visit or a finding.

Files are stored inside one folder under generated names; the uploaded name is only a
label, so a name like ``../../x`` or ``CON`` can never reach the file system. The type is
read from the file's first bytes, not from its name.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

from sqlalchemy import Engine

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.errors import InvalidInput, NotFound
from data_access.writes import editable_visit, write_scope
from domain.permissions import Actor

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"%PDF-": ("application/pdf", ".pdf"),
}
_STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")


def detect_type(content: bytes) -> tuple[str, str] | None:
    for signature, kind in SIGNATURES.items():
        if content.startswith(signature):
            return kind
    return None


def _label(name: str) -> str:
    """The uploaded name as a label: its last path part, printable, at most 200 chars."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip() or "tep-dinh-kem"
    return base[:200]


def add_attachment(
    engine: Engine,
    actor: Actor,
    folder: Path,
    visit_id: uuid.UUID,
    file_name: str,
    content: bytes,
    finding_id: uuid.UUID | None = None,
) -> uuid.UUID:
    if len(content) > MAX_BYTES:
        raise InvalidInput(["too_large"])
    kind = detect_type(content)
    if kind is None:
        raise InvalidInput(["file_type"])
    content_type, extension = kind
    stored_name = uuid.uuid4().hex + extension
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / stored_name
    with write_scope(engine, actor) as session:
        editable_visit(session, visit_id, actor)
        path.write_bytes(content)
        attachment = m.Attachment(
            visit_id=visit_id,
            finding_id=finding_id,
            stored_name=stored_name,
            original_name=_label(file_name),
            content_type=content_type,
            size_bytes=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        session.add(attachment)
        record_event(session, actor, "create", attachment, None)
        return attachment.id


def read_attachment(folder: Path, stored_name: str) -> bytes:
    if not _STORED_NAME.match(stored_name):
        raise NotFound("attachment")
    path = folder / stored_name
    if not path.is_file():
        raise NotFound("attachment")
    return path.read_bytes()


def delete_attachment(engine: Engine, actor: Actor, attachment_id: uuid.UUID) -> None:
    """Soft delete: the file stays, so the attachment can be restored."""
    with write_scope(engine, actor) as session:
        attachment = session.get(m.Attachment, attachment_id)
        if attachment is None:
            raise NotFound("attachment")
        editable_visit(session, attachment.visit_id, actor)
        before = snapshot(attachment)
        attachment.deleted_at = m.utcnow()
        record_event(session, actor, "delete", attachment, before)
