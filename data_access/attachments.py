"""Attachments: photos and PDFs of a visit or a finding.

The bytes are kept in the database by their SHA-256 (``attachment_content``), in the
transaction that records the attachment: no file without a row, and a photo taken on a
laptop is seen from every machine once synced. Each attachment has a generated name; the
uploaded name is only a label, so a name like ``../../x`` or ``CON`` reaches nothing.
Older versions wrote the bytes to a folder: those files are still read from there. The type is
read from the file's first bytes, not from its name, and an image is decoded whole
before it is kept: one that only starts like a JPEG would break the visit's page for
everyone (decision 34).
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import session_scope
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
# A 48-megapixel phone photo passes; a 20,000 × 20,000 "photo" (a decompression bomb,
# 1,6 GB once decoded) does not.
MAX_PIXELS = 60_000_000
_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
_SPELLINGS = {".jpg": (".jpg", ".jpeg"), ".png": (".png",), ".pdf": (".pdf",)}


def detect_type(content: bytes) -> tuple[str, str] | None:
    for signature, kind in SIGNATURES.items():
        if content.startswith(signature):
            return kind
    return None


def is_whole_image(content: bytes, content_type: str) -> bool:
    """Whether the bytes decode, to their last pixel, as the image type they claim, and
    within the pixel limit (checked from the header, before any pixel is decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[_PIL_FORMATS[content_type]]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return False
                if image.format == "JPEG":
                    # Decoded at an eighth of its size: every byte is still read (a cut file
                    # still fails), in 1/64 of the memory and half the time.
                    image.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))
                image.load()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        KeyError,
    ):
        return False
    return True


def checked_type(content: bytes) -> tuple[str, str]:
    """The file's type and extension, once it is known to be what it says it is."""
    if len(content) > MAX_BYTES:
        raise InvalidInput(["too_large"])
    kind = detect_type(content)
    if kind is None:
        raise InvalidInput(["file_type"])
    content_type = kind[0]
    if content_type in _PIL_FORMATS and not is_whole_image(content, content_type):
        raise InvalidInput(["image_broken"])
    if content_type == "application/pdf" and b"%%EOF" not in content[-2048:]:
        raise InvalidInput(["pdf_broken"])  # cut short: a reader would show nothing
    return kind


def _label(name: str, extension: str) -> str:
    """The uploaded name as a label: its last path part, printable, at most 200 chars,
    ending in the detected type's extension (a JPEG sent as ``x.html`` downloads as
    ``x.jpg``; ``x.JPEG`` stays as it is)."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if f".{suffix.lower()}" in _SPELLINGS[extension]:
        extension = f".{suffix}"
    return (stem.strip() or "tep-dinh-kem")[: 200 - len(extension)] + extension


def add_attachment(
    engine: Engine,
    actor: Actor,
    visit_id: uuid.UUID,
    file_name: str,
    content: bytes,
    finding_id: uuid.UUID | None = None,
) -> uuid.UUID:
    content_type, extension = checked_type(content)
    digest = hashlib.sha256(content).hexdigest()
    with write_scope(engine, actor) as session:
        editable_visit(session, visit_id, actor)
        if finding_id is not None:
            finding = session.get(m.Finding, finding_id)
            if finding is None or finding.visit_id != visit_id or finding.deleted_at:
                raise InvalidInput(["finding_elsewhere"])
        store_content(session, digest, content)
        attachment = m.Attachment(
            visit_id=visit_id,
            finding_id=finding_id,
            stored_name=uuid.uuid4().hex + extension,
            original_name=_label(file_name, extension),
            content_type=content_type,
            size_bytes=len(content),
            sha256=digest,
        )
        session.add(attachment)
        record_event(session, actor, "create", attachment, None)
        return attachment.id


def store_content(session: Session, digest: str, content: bytes) -> None:
    """Keep the bytes once, however many attachments (or syncs) carry them."""
    if session.get(m.AttachmentContent, digest) is None:
        session.add(m.AttachmentContent(sha256=digest, content=content, size_bytes=len(content)))


def read_attachment(engine: Engine, stored_name: str, legacy_folder: Path | None = None) -> bytes:
    """An attachment's bytes: from the database, or from the folder older versions wrote
    them to. NotFound when neither holds them."""
    if not _STORED_NAME.match(stored_name):
        raise NotFound("attachment")
    with session_scope(engine, read_only=True) as session:
        content = session.scalar(
            select(m.AttachmentContent.content)
            .join(m.Attachment, m.Attachment.sha256 == m.AttachmentContent.sha256)
            .where(m.Attachment.stored_name == stored_name)
        )
    if content is not None:
        return content
    path = legacy_folder / stored_name if legacy_folder else None
    if path is None or not path.is_file():
        raise NotFound("attachment")
    return path.read_bytes()


def delete_attachment(engine: Engine, actor: Actor, attachment_id: uuid.UUID) -> None:
    """Soft delete: the bytes stay, so the attachment can be restored."""
    with write_scope(engine, actor) as session:
        attachment = session.get(m.Attachment, attachment_id)
        if attachment is None:
            raise NotFound("attachment")
        editable_visit(session, attachment.visit_id, actor)
        before = snapshot(attachment)
        attachment.deleted_at = m.utcnow()
        record_event(session, actor, "delete", attachment, before)
