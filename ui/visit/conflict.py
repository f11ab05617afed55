"""Two people saved the same record: both versions side by side, the user's text kept."""

from __future__ import annotations

import streamlit as st

from data_access.errors import StaleEdit
from ui.actions import conflict_for
from ui.common import t


def show_conflict(conflict: StaleEdit, labels: dict[str, str]) -> bool:
    """Both versions side by side; True when the user chooses to save theirs over."""
    theirs, mine = st.columns(2)
    with theirs:
        st.markdown(f"**{t('error.theirs')}**")
        for field, value in conflict.theirs.items():
            st.text(f"{labels.get(field, field)}: {value or '–'}")
    with mine:
        st.markdown(f"**{t('error.mine')}**")
        for field, value in conflict.mine.items():
            st.text(f"{labels.get(field, field)}: {value or '–'}")
    return st.button(t("error.keep_mine"), key=f"keep-mine-{id(conflict)}")


def version_to_save(conflict_key: str, shown: int, labels: dict[str, str]) -> int:
    """The version a save is sent against: the one shown when editing began, or, after a
    refused save, the current one once the user chooses to keep their text over the other."""
    conflict = conflict_for(conflict_key)
    if conflict is not None and show_conflict(conflict, labels):
        return conflict.current_version
    return shown
