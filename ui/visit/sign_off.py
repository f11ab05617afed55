"""Tab "Ký duyệt": the head signs the minutes off (then they are read-only) or reopens them
with a reason."""

from __future__ import annotations

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import VisitDetail
from texts.formats import format_local_time
from ui.actions import actor, clear_conflict, may_sign_off, saved_and_rerun
from ui.common import t, tm
from ui.data import Reads, Writes
from ui.visit.header import signed_off_notice


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    if not may_sign_off(detail):
        draft = detail.status == "draft"
        st.info(t("visit.sign_off_head_only") if draft else signed_off_notice(detail))
        return
    if detail.status == "draft":
        _sign_off(detail, writes)
    elif detail.status == "signed_off":
        _reopen(detail, writes)
        _lock(detail, writes)
    else:
        st.info(t("visit.locked_notice", notice=signed_off_notice(detail)))


def _sign_off(detail: VisitDetail, writes: Writes) -> None:
    st.write(t("visit.sign_off_explain"))
    who = actor()
    st.markdown(tm("visit.signer_is", name=who.label if who else "–"))
    if detail.unsaved:
        _unsaved(detail, writes)
        return
    confirmed = st.checkbox(t("visit.sign_off_confirm"), key="sign-off-confirm")
    if (
        st.button(t("visit.sign_off"), key="sign-off", disabled=not confirmed, type="primary")
        and writes.run(commands.sign_off, detail.id).ok
    ):
        clear_conflict()
        saved_and_rerun(t("visit.signed_off_done"), whole_page=True)


def _unsaved(detail: VisitDetail, writes: Writes) -> None:
    """What is signed is what is saved: unsaved text is listed, to save or to discard."""
    st.warning(t("visit.unsaved_before_sign_off", n=len(detail.unsaved)))
    st.dataframe(
        {
            t("visit.unsaved_where"): [draft_place(d.scope) for d in detail.unsaved],
            t("visit.author"): [d.author or d.owner for d in detail.unsaved],
            t("visit.unsaved_at"): [format_local_time(d.updated_at) for d in detail.unsaved],
            t("col.text"): [_preview(d.text) for d in detail.unsaved],
        },
        hide_index=True,
    )
    save, drop = st.columns(2)
    if save.button(t("visit.save_all_drafts"), key="save-all-drafts", type="primary"):
        outcome = writes.run(commands.save_own_drafts, detail.id)
        if outcome.ok:
            saved_and_rerun(t("visit.drafts_saved", n=outcome.value or 0))
    with drop:
        discard = st.checkbox(t("visit.discard_confirm"), key="discard-drafts-confirm")
        if (
            st.button(t("visit.discard_and_sign_off"), key="discard-and-sign", disabled=not discard)
            and writes.run(commands.sign_off, detail.id, discard_drafts=True).ok
        ):
            clear_conflict()
            saved_and_rerun(t("visit.signed_off_done"), whole_page=True)


def draft_place(scope: str) -> str:
    """Where a draft was typed, as the user finds it: "Kiến nghị", "Thông tin chung — Thư ký"."""
    entity, _, rest = scope.partition(":")
    name = rest.rpartition(":")[2]
    if entity == "visit" and name.startswith("new_finding"):
        return f"{t('visit.tab.findings')} — {t('visit.unsaved_new')}"
    if entity == "visit" and name == "new_recommendation":
        return f"{t('visit.tab.recommendations')} — {t('visit.unsaved_new')}"
    if entity == "visit" and name == "figures":
        return t("visit.tab.figures")
    if entity == "visit":
        return f"{t('visit.tab.general')} — {t(f'visit.field.{name}')}"
    tab = {"finding": "findings", "recommendation": "recommendations", "rating": "checklist"}
    return t(f"visit.tab.{tab.get(entity, 'before')}")


def _preview(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


def _reopen(detail: VisitDetail, writes: Writes) -> None:
    st.write(signed_off_notice(detail))
    reason = st.text_area(t("visit.reopen_reason"), key="reopen-reason")
    if (
        st.button(t("visit.reopen"), key="reopen")
        and writes.run(commands.reopen, detail.id, reason).ok
    ):
        saved_and_rerun(t("visit.reopened_done"), whole_page=True)


def _lock(detail: VisitDetail, writes: Writes) -> None:
    """Once the minutes are sent out officially, the head locks them: no more reopening."""
    st.divider()
    st.write(t("visit.lock_explain"))
    confirmed = st.checkbox(t("visit.lock_confirm"), key="lock-confirm")
    if (
        st.button(t("visit.lock"), key="lock", disabled=not confirmed)
        and writes.run(commands.lock, detail.id).ok
    ):
        saved_and_rerun(t("visit.locked_done"), whole_page=True)
