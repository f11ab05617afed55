"""Tab "Thông tin chung": time, place, chair, secretary, summary, and who attended."""

from __future__ import annotations

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import VisitDetail
from domain.vocabulary import ATTENDEE_SIDES
from texts.formats import format_date
from ui import editing
from ui.actions import may_edit, saved_and_rerun
from ui.autosave import autosaved_text, own_drafts, text_key
from ui.common import plain_markdown, t
from ui.data import Reads, Writes

GENERAL_FIELDS = ("time_of_day", "end_time", "venue", "chair", "secretary")


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    editable = may_edit(detail)
    names = (*GENERAL_FIELDS, "summary")
    labels = {name: t(f"visit.field.{name}") for name in names}
    scopes = {name: commands.draft_scope("visit", detail.id, name) for name in names}
    edit = editing.begin(
        "visit",
        detail.version,
        {text_key(scopes[name]): getattr(detail, name) or "" for name in names},
        own_drafts(detail, *scopes.values()),
    )
    values: dict[str, str] = {}
    columns = st.columns(2)
    for index, name in enumerate(names):
        with columns[index % 2] if name in GENERAL_FIELDS else st.container():
            values[name] = autosaved_text(
                labels[name],
                scope=scopes[name],
                saved=getattr(detail, name),
                base_version=edit.base,
                drafts=detail.drafts,
                writes=writes,
                area=name == "summary",
                disabled=not editable,
                height=120 if name == "summary" else None,
            )
    if editable:
        changes = {name: (value.strip() or None) for name, value in values.items()}
        expected, again = editing.save_against(edit, labels, writes, tuple(scopes.values()))
        if (st.button(t("visit.save_general"), key="save-general") or again) and writes.run(
            commands.update_visit, detail.id, expected, changes, conflict_key=edit.record
        ).ok:
            editing.done(edit)
            saved_and_rerun()
    attendees(detail, editable, writes)


def attendees(detail: VisitDetail, editable: bool, writes: Writes) -> None:
    """Who attended: one line each, and a form that adds one at a time (Tab moves on,
    Enter adds). The list is saved against the one shown, so two people adding at once
    are told, not overwritten."""
    st.subheader(t("visit.attendees"))
    shown = [(a.side, a.full_name, a.title) for a in detail.attendees]
    for side in ATTENDEE_SIDES:
        rows = [(i, a) for i, a in enumerate(detail.attendees) if a.side == side]
        st.markdown(f"**{t(f'side.{side}')}**")
        if not rows:
            st.caption("–")
        for index, attendee in rows:
            line, remove = st.columns([6, 1])
            title = f" — {plain_markdown(attendee.title)}" if attendee.title else ""
            line.markdown(f"{plain_markdown(attendee.full_name)}{title}")
            if editable and remove.button(
                "✕", key=f"remove-attendee-{index}", help=t("visit.remove_attendee")
            ):
                _save_attendees(detail, shown[:index] + shown[index + 1 :], shown, writes)
    if editable:
        _copy_attendees(detail, shown, writes)
        _add_attendee(detail, shown, writes)


def _copy_attendees(detail: VisitDetail, shown: list, writes: Writes) -> None:
    """Whole lists in one click: who attended the locality's last visit, the delegation's
    members. Only people not yet on the list are added."""
    listed = {(side, name) for side, name, _ in shown}
    offers = (
        ("last", detail.last_attendees, detail.last_visit_date),
        ("members", detail.members, None),
    )
    columns = st.columns(2)
    for column, (name, people, on) in zip(columns, offers, strict=True):
        new = [
            (a.side, a.full_name, a.title) for a in people if (a.side, a.full_name) not in listed
        ]
        if not new:
            continue
        label = t(f"visit.copy_attendees.{name}", n=len(new), date=format_date(on))
        if column.button(label, key=f"copy-attendees-{name}"):
            _save_attendees(detail, [*shown, *new], shown, writes)


def _add_attendee(detail: VisitDetail, shown: list, writes: Writes) -> None:
    with st.form("add-attendee", clear_on_submit=True, border=True):
        side, name, title = st.columns([2, 3, 3])
        chosen = side.radio(
            t("visit.side"),
            options=list(ATTENDEE_SIDES),
            format_func=lambda code: t(f"side.{code}"),
            key="attendee-side",
        )
        full_name = name.text_input(t("visit.full_name"), key="attendee-name")
        position = title.text_input(t("visit.title"), key="attendee-title")
        if st.form_submit_button(t("visit.add_attendee")):
            if not full_name.strip():
                st.error(t("visit.attendee_name_required"))
                return
            row = (chosen, full_name.strip(), position.strip() or None)
            _save_attendees(detail, [*shown, row], shown, writes)


def _save_attendees(detail: VisitDetail, rows: list, shown: list, writes: Writes) -> None:
    if writes.run(commands.replace_attendees, detail.id, rows, shown).ok:
        saved_and_rerun()
