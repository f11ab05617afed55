"""Biên bản buổi làm việc: recording one visit, before, during and after the meeting."""

from uuid import UUID

import streamlit as st

from ui import exports
from ui import visit_editor as editor
from ui import visit_records as records
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, today
from ui.shell import ensure_app_shell

ensure_app_shell()
reads = Reads()
show_flash()
if st.button(t("visit.back"), key="back"):
    st.switch_page("pages/visits.py")

try:
    visit_id = UUID(st.query_params.get("visit", ""))
except ValueError:  # a missing or mangled address
    visit_id = None
detail = reads.visit(visit_id) if visit_id else None
if detail is not None and not reads.may_see(detail.locality_id):
    detail = None  # outside the user's localities: as if it did not exist
if detail is None:
    st.warning(t("visit.not_found"))
    st.stop()

editor.header(detail)
exports.minutes_button(detail)
tabs = st.tabs(
    [
        t("visit.tab.general"),
        t("visit.tab.before"),
        t("visit.tab.checklist"),
        t("visit.tab.figures"),
        t("visit.tab.findings"),
        t("visit.tab.recommendations"),
        t("visit.tab.attachments"),
        t("visit.tab.sign_off"),
    ]
)
with tabs[0]:
    editor.general(detail)
with tabs[1]:
    editor.before_meeting(detail)
with tabs[2]:
    editor.checklist(detail)
with tabs[3]:
    editor.figures(detail, reads)
with tabs[4]:
    records.findings(detail)
with tabs[5]:
    records.recommendations(detail, today())
with tabs[6]:
    records.attachments(detail)
with tabs[7]:
    editor.sign_off(detail)
