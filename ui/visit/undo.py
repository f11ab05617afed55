"""Deleting a finding or a recommendation is soft: undo at once, or restore it later."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import Finding, Recommendation
from ui.actions import saved_and_rerun
from ui.common import plain_markdown, t, tm
from ui.data import Writes

UNDO_KEY = "last_deleted"
DELETE = {"finding": commands.delete_finding, "recommendation": commands.delete_recommendation}
RESTORE = {"finding": commands.restore_finding, "recommendation": commands.restore_recommendation}


def delete_button(column, kind: str, record: Finding | Recommendation, writes: Writes) -> None:
    """Delete (softly) and offer to undo right away."""
    if (
        column.button(t("visit.delete"), key=f"delete-{record.id}")
        and writes.run(DELETE[kind], record.id).ok
    ):
        st.session_state[UNDO_KEY] = (kind, record.id, record.text)
        saved_and_rerun()


def undo_bar(of_kind: str, writes: Writes) -> None:
    """Right after a delete: one click puts it back (shown in the deleted item's tab)."""
    undo = st.session_state.get(UNDO_KEY)
    if not undo or undo[0] != of_kind:
        return
    kind, record_id, text = undo
    left, right = st.columns([4, 1])
    left.info(tm("visit.deleted", text=text[:80]))
    if right.button(t("visit.undo"), key="undo") and writes.run(RESTORE[kind], record_id).ok:
        st.session_state.pop(UNDO_KEY, None)
        saved_and_rerun()


def deleted_list(
    records: Sequence[Finding | Recommendation], kind: str, editable: bool, writes: Writes
) -> None:
    if not records:
        return
    with st.expander(t("visit.deleted_items", n=len(records))):
        for record in records:
            left, right = st.columns([5, 1])
            left.markdown(plain_markdown(record.text))
            if (
                editable
                and right.button(t("visit.restore"), key=f"restore-{record.id}")
                and writes.run(RESTORE[kind], record.id).ok
            ):
                saved_and_rerun()
