"""What this browser tab is editing, and against which version it saves.

Every record a person edits (a visit's general information, its attendees, a finding, a
recommendation, a status) is remembered per tab (Streamlit's session) with the version it
showed when the person began, and that version goes with the save. A save over someone
else's is refused by the data layer; the person then sees both texts side by side, keeps
their own text on screen, and chooses: keep theirs over it, or take the other's.

While nobody here has touched a record, its fields follow what is saved: a record another
person saved meanwhile simply shows their text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from data_access.drafts import SavedDraft
from data_access.errors import StaleEdit
from texts.formats import format_date
from ui.actions import clear_conflict, conflict_for, rerun_here
from ui.autosave import fill_field, forget_widget
from ui.common import t
from ui.draft_keeper import retire

EDITS_KEY = "edits"  # record -> {"base": version, "saved": {widget key: value}}


@dataclass(frozen=True)
class Edit:
    record: str  # e.g. "finding:<id>"; also the key its conflict is remembered under
    base: int | None  # the version this tab began editing from
    version: int | None  # the version saved now
    keys: tuple[str, ...]  # the widgets holding its fields

    @property
    def overtaken(self) -> bool:
        """Someone saved the record after this tab began editing it."""
        return self.base != self.version


def begin(
    record: str,
    version: int | None,
    fields: Mapping[str, Any],
    drafts: Mapping[str, SavedDraft] | None = None,
) -> Edit:
    """Start (or go on) editing ``record``: ``fields`` maps each widget key to the value
    saved now, ``drafts`` a widget key to the user's draft of it. Widgets not yet shown in
    this tab are filled with the draft, else the saved value; call before drawing them."""
    drafts = drafts or {}
    edits = st.session_state.setdefault(EDITS_KEY, {})
    mine = edits.get(record)
    if mine is not None and mine["base"] != version and not _touched(mine, fields, drafts):
        _forget_widgets(fields)  # nothing changed here: show what is saved now
        mine = None
    if mine is None:
        typed = [d.base_version for d in drafts.values() if d.base_version is not None]
        base = min([*typed, version]) if version is not None else None
        mine = {"base": base, "saved": dict(fields)}
        edits[record] = mine
    for key, saved in fields.items():
        fill_field(key, drafts.get(key), saved)
    return Edit(record, mine["base"], version, tuple(fields))


def _touched(mine: dict, fields: Mapping[str, Any], drafts: Mapping[str, SavedDraft]) -> bool:
    if any(key in drafts for key in fields):
        return True
    return any(
        key in st.session_state and st.session_state[key] != mine["saved"].get(key)
        for key in fields
    )


def _forget_widgets(keys) -> None:
    for key in keys:
        forget_widget(key)


def done(edit: Edit) -> None:
    """After a save or a discard: the next run shows what is saved, from its new version.
    The texts just saved (or dropped) are retired: the draft keeper's send of one still on
    its way is no draft (it came back as one, against the old version, under load)."""
    st.session_state.get(EDITS_KEY, {}).pop(edit.record, None)
    for key in edit.keys:
        retire(key)
    _forget_widgets(edit.keys)


def discard(edit: Edit, writes, scopes: tuple[str, ...] = ()) -> None:
    """Drop what this user typed in ``edit`` (and their drafts of it)."""
    for scope in scopes:
        writes.drop_draft(scope)
    done(edit)


def save_against(
    edit: Edit, labels: dict[str, str], writes=None, scopes: tuple[str, ...] = ()
) -> tuple[int | None, bool]:
    """The version a save of ``edit`` is sent against, and whether to send it now.

    Normally the version this tab began from. After a refused save both versions are
    shown; "keep mine" sends the user's text over the current version, "take theirs"
    drops the user's text (and its drafts, ``scopes``) and shows the saved one."""
    if edit.overtaken and conflict_for(edit.record) is None:
        st.caption(f":orange[{t('edit.overtaken')}]")
    conflict = conflict_for(edit.record)
    if conflict is None:
        return edit.base, False
    choice = show_conflict(conflict, labels, edit.record)
    if choice == "mine":
        return conflict.current_version, True
    if choice == "theirs":
        discard(edit, writes, scopes)
        clear_conflict()
        rerun_here()
    return edit.base, False


def show_conflict(conflict: StaleEdit, labels: dict[str, str], record: str) -> str | None:
    """Both versions side by side; "mine" or "theirs" once the user chooses."""
    st.error(t("error.stale_edit"))
    st.caption(t("edit.conflict"))
    theirs, mine = st.columns(2)
    with theirs:
        st.markdown(f"**{t('error.theirs')}**")
        for field, value in conflict.theirs.items():
            st.text(f"{labels.get(field, field)}: {shown_value(field, value)}")
        take = st.button(t("edit.take_theirs"), key=f"take-theirs-{record}")
    with mine:
        st.markdown(f"**{t('error.mine')}**")
        for field, value in conflict.mine.items():
            st.text(f"{labels.get(field, field)}: {shown_value(field, value)}")
        keep = st.button(t("error.keep_mine"), key=f"keep-mine-{record}", type="primary")
    return "mine" if keep else "theirs" if take else None


# field -> message family
CODED_FIELDS = {"priority": "priority", "status": "rstatus", "rating": "rating"}


def shown_value(field: str, value: Any) -> str:
    """A field's value as a person reads it, in a conflict."""
    if value is None or value == "":
        return "–"
    if field in CODED_FIELDS:
        return t(f"{CODED_FIELDS[field]}.{value}")
    if hasattr(value, "isoformat"):
        return format_date(value)
    return str(value)
