"""Biên bản buổi làm việc: recording one visit, before, during and after the meeting."""

from uuid import UUID

import streamlit as st

from ui import exports
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.draft_keeper import draft_keeper
from ui.shell import ensure_app_shell
from ui.visit import (
    attachments,
    before,
    checklist,
    figures,
    findings,
    general,
    header,
    recommendations,
    sign_off,
)

TABS = {
    "visit.tab.general": general,
    "visit.tab.before": before,
    "visit.tab.checklist": checklist,
    "visit.tab.figures": figures,
    "visit.tab.findings": findings,
    "visit.tab.recommendations": recommendations,
    "visit.tab.attachments": attachments,
    "visit.tab.sign_off": sign_off,
}

ensure_app_shell()
reads, writes = Reads(), Writes()
show_flash()
if st.button(t("visit.back"), key="back"):
    st.switch_page("pages/visits.py")

try:
    visit_id = UUID(st.query_params.get("visit", ""))
except ValueError:  # a missing or mangled address
    visit_id = None
detail = reads.visit(visit_id) if visit_id else None
if detail is None:  # unknown, or outside the user's localities: the same answer
    st.warning(t("visit.not_found"))
    st.stop()

header.render(detail)
exports.minutes_button(detail)
for tab, module in zip(st.tabs([t(label) for label in TABS]), TABS.values(), strict=True):
    with tab:
        module.render(detail, reads, writes)
draft_keeper(reads, writes)  # after every text field of the page
