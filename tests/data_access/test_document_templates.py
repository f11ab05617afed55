"""An agency's Word template is kept in the database (seen from every machine of the
server), by an administrator only, and audited by its fingerprint, not its bytes."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from data_access import models as m
from data_access.db import session_scope
from data_access.document_templates import (
    agency_template,
    drop_agency_template,
    keep_agency_template,
)
from data_access.errors import PermissionDenied
from tests.helpers.data import person

ADMIN = person("Quản Trị", "admin")


def test_an_agency_template_is_kept_replaced_and_dropped_and_each_step_audited(engine):
    assert agency_template(engine, "minutes") is None
    keep_agency_template(engine, ADMIN, "minutes", "mau-so-noi-vu.docx", b"first")
    keep_agency_template(engine, ADMIN, "minutes", "mau-moi.docx", b"second")
    kept = agency_template(engine, "minutes")
    assert (kept.file_name, kept.content, kept.uploaded_by) == (
        "mau-moi.docx",
        b"second",
        ADMIN.label,
    )
    drop_agency_template(engine, ADMIN, "minutes")
    assert agency_template(engine, "minutes") is None
    with session_scope(engine, read_only=True) as session:
        events = session.execute(
            select(m.AuditEvent.action, m.AuditEvent.after)
            .where(m.AuditEvent.entity == "document_template")
            .order_by(m.AuditEvent.occurred_at, m.AuditEvent.id)
        ).all()
    assert sorted(action for action, _ in events) == ["create", "delete", "update"]
    fingerprint = f"sha256:{hashlib.sha256(b'second').hexdigest()} (6 bytes)"
    assert fingerprint in {after["content"] for _, after in events}


def test_only_an_administrator_changes_the_template(engine):
    inspector = person("Thư Ký", "inspector")
    with pytest.raises(PermissionDenied):
        keep_agency_template(engine, inspector, "minutes", "mau.docx", b"x")
    keep_agency_template(engine, ADMIN, "minutes", "mau.docx", b"x")
    with pytest.raises(PermissionDenied):
        drop_agency_template(engine, inspector, "minutes")
    assert agency_template(engine, "minutes").content == b"x"
