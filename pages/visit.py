"""Biên bản buổi làm việc: recording one visit, before, during and after the meeting."""

from uuid import UUID

import streamlit as st

from ui import exports
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.draft_keeper import draft_keeper
from ui.shell import ensure_app_shell
from ui.visit import header
from ui.visit.tabs import show_tabs

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
exports.minutes_buttons(detail, reads)
show_tabs(detail, reads, writes)
draft_keeper(reads, writes)  # after every text field of the page
