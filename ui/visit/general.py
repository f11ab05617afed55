"""Tab "Thông tin chung": time, place, chair, secretary, summary, and who attended."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access import visits as commands
from data_access.visit_views import VisitDetail
from domain.vocabulary import ATTENDEE_SIDES
from ui.actions import may_edit, saved_and_rerun
from ui.autosave import autosaved_text, forget
from ui.common import attendee_rows, t
from ui.data import Reads, Writes
from ui.visit.conflict import version_to_save

GENERAL_FIELDS = ("time_of_day", "venue", "chair", "secretary")


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    editable = may_edit(detail)
    labels = {name: t(f"visit.field.{name}") for name in (*GENERAL_FIELDS, "summary")}
    values: dict[str, str] = {}
    columns = st.columns(2)
    for index, name in enumerate(GENERAL_FIELDS):
        with columns[index % 2]:
            values[name] = autosaved_text(
                labels[name],
                scope=commands.draft_scope("visit", detail.id, name),
                saved=getattr(detail, name),
                base_version=detail.version,
                drafts=detail.drafts,
                writes=writes,
                area=False,
                disabled=not editable,
            )
    values["summary"] = autosaved_text(
        labels["summary"],
        scope=commands.draft_scope("visit", detail.id, "summary"),
        saved=detail.summary,
        base_version=detail.version,
        drafts=detail.drafts,
        writes=writes,
        disabled=not editable,
        height=120,
    )
    changes = {name: (value.strip() or None) for name, value in values.items()}
    expected = version_to_save("visit", detail.version, labels)
    if (
        editable
        and (st.button(t("visit.save_general"), key="save-general") or expected != detail.version)
        and writes.run(commands.update_visit, detail.id, expected, changes, conflict_key="visit").ok
    ):
        for name in values:
            forget(commands.draft_scope("visit", detail.id, name))
        saved_and_rerun()
    attendees(detail, editable, writes)


def attendees(detail: VisitDetail, editable: bool, writes: Writes) -> None:
    st.subheader(t("visit.attendees"))
    side_labels = {side: t(f"side.{side}") for side in ATTENDEE_SIDES}
    # The grid is a table widget: it takes a frame, built here from the records.
    frame = pd.DataFrame(
        {
            "side": [side_labels[a.side] for a in detail.attendees],
            "full_name": [a.full_name for a in detail.attendees],
            "title": [a.title or "" for a in detail.attendees],
        },
        dtype=object,  # text columns, even with no attendee yet
    )
    edited = st.data_editor(
        frame,
        key=f"attendees-{detail.version}",
        num_rows="dynamic" if editable else "fixed",
        disabled=not editable,
        hide_index=True,
        column_config={
            "side": st.column_config.SelectboxColumn(
                t("visit.side"), options=list(side_labels.values()), required=True
            ),
            "full_name": st.column_config.TextColumn(t("visit.full_name"), required=True),
            "title": st.column_config.TextColumn(t("visit.title")),
        },
    )
    if editable and st.button(t("visit.save_attendees"), key="save-attendees"):
        rows = attendee_rows(edited, side_labels)
        if writes.run(commands.replace_attendees, detail.id, rows).ok:
            saved_and_rerun()
