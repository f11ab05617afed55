"""Tab "Ký duyệt": the head signs the minutes off (then they are read-only) or reopens them
with a reason."""

from __future__ import annotations

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import VisitDetail
from ui.actions import clear_conflict, may_sign_off, saved_and_rerun
from ui.common import t
from ui.data import Reads, Writes
from ui.visit.header import signed_off_notice


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    if not may_sign_off(detail):
        draft = detail.status == "draft"
        st.info(t("visit.sign_off_head_only") if draft else signed_off_notice(detail))
        return
    if detail.status == "draft":
        _sign_off(detail, writes)
    else:
        _reopen(detail, writes)


def _sign_off(detail: VisitDetail, writes: Writes) -> None:
    st.write(t("visit.sign_off_explain"))
    signer = st.text_input(t("visit.signer"), value=detail.chair or "", key="signer")
    confirmed = st.checkbox(t("visit.sign_off_confirm"), key="sign-off-confirm")
    if (
        st.button(t("visit.sign_off"), key="sign-off", disabled=not confirmed, type="primary")
        and writes.run(commands.sign_off, detail.id, signer).ok
    ):
        clear_conflict()
        saved_and_rerun(t("visit.signed_off_done"))


def _reopen(detail: VisitDetail, writes: Writes) -> None:
    st.write(signed_off_notice(detail))
    if detail.status != "signed_off":
        return  # locked: no way back
    reason = st.text_area(t("visit.reopen_reason"), key="reopen-reason")
    if (
        st.button(t("visit.reopen"), key="reopen")
        and writes.run(commands.reopen, detail.id, reason).ok
    ):
        saved_and_rerun(t("visit.reopened_done"))
