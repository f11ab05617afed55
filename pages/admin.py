"""Quản trị: users and their reach, the audit log, backups, overlapping figures, the
document templates, the built-in catalogue of administrative units.
Administrators only."""

import streamlit as st

from ui import admin
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.shell import administrators_only, ensure_app_shell

ensure_app_shell()
administrators_only()
reads, writes = Reads(), Writes()
show_flash()
st.title(t("admin.title"))
overlaps = reads.stored_overlaps()
users, audit_log, backups, overlapping, templates, units = st.tabs(
    [
        t("admin.tab.users"),
        t("admin.tab.audit"),
        t("admin.tab.backups"),
        t("admin.tab.overlaps", n=len(overlaps)) if overlaps else t("admin.tab.no_overlaps"),
        t("admin.tab.templates"),
        t("admin.tab.catalogue"),
    ],
    # Tracked, so that a rerun drawing something more above (a notice) or an upload in a
    # tab does not bring the person back to the first tab.
    key="admin-tab",
    on_change="rerun",
)
with users:
    admin.users(reads, writes)
with audit_log:
    admin.audit_log(reads)
with backups:
    admin.backups(reads, writes)
with overlapping:
    admin.overlaps(overlaps, writes)
with templates:
    admin.document_templates(reads, writes)
with units:
    admin.official_catalogue(reads, writes)
