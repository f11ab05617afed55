"""Follow-up of one recommendation: its status history and the form that moves it on.
Shared by the visit record and the recommendations tracker."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import StatusChange
from domain.recommendations import TRANSITIONS
from texts.formats import format_date
from ui import editing
from ui.actions import saved_and_rerun
from ui.common import t, translated_choice
from ui.data import Writes


def follow_up_table(history: Sequence[StatusChange]) -> dict[str, list[str]]:
    return {
        t("col.date"): [format_date(c.changed_on) for c in history],
        t("visit.from_status"): [
            t(f"rstatus.{c.from_status}") if c.from_status else "–" for c in history
        ],
        t("visit.to_status"): [t(f"rstatus.{c.to_status}") for c in history],
        t("visit.note"): [c.note or "" for c in history],
        t("visit.author"): [c.author or "" for c in history],
    }


def status_change_form(
    recommendation_id: UUID, status: str, version: int, writes: Writes, today: date
) -> None:
    """Move a recommendation on. Sent against the version shown when the person began, so
    two people changing one status at once are told, not silently reordered."""
    note_key = f"status-note-{recommendation_id}"
    edit = editing.begin(f"status:{recommendation_id}", version, {note_key: ""})
    options = sorted(TRANSITIONS[status])
    left, middle, right = st.columns([2, 3, 1])
    new_status = left.selectbox(
        t("visit.new_status"),
        options=options,
        format_func=lambda s: t(f"rstatus.{s}"),
        key=translated_choice(f"new-status-{recommendation_id}-{status}"),
        placeholder=t("filter.choose"),
    )
    note = middle.text_input(t("visit.note"), key=note_key)
    right.write("")
    labels = {"status": t("col.status")}
    expected, again = editing.save_against(edit, labels, writes)
    if (right.button(t("visit.update_status"), key=f"status-{recommendation_id}") or again) and (
        writes.run(
            commands.change_recommendation_status,
            recommendation_id,
            new_status,
            note,
            today,
            expected,
            conflict_key=edit.record,
        ).ok
    ):
        editing.done(edit)
        saved_and_rerun()
