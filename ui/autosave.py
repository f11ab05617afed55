"""Text fields that keep what is typed in the database (a draft) at every change, so a
refresh, a closed tab or a server restart loses nothing."""

from __future__ import annotations

import streamlit as st

from data_access.drafts import SavedDraft, save_draft
from texts.formats import format_local_time
from ui.actions import actor
from ui.common import t
from ui.data import engine

DRAFT_FAILED_KEY = "draft_failed"


def _keep_draft(scope: str, key: str, base_version: int | None) -> None:
    who = actor()
    if who is None:
        return
    try:
        save_draft(engine(), who, scope, st.session_state.get(key, ""), base_version=base_version)
    except Exception:
        st.session_state[DRAFT_FAILED_KEY] = True


def autosaved_text(
    label: str,
    *,
    scope: str,
    saved: str | None,
    base_version: int | None,
    drafts: dict[str, SavedDraft],
    area: bool = True,
    disabled: bool = False,
    height: int | None = None,
) -> str:
    """A text field whose every change is kept as a draft under ``scope``.

    It shows the draft when there is one (and says so), otherwise the saved text.
    Returns the current text.
    """
    key = f"text:{scope}"
    draft = drafts.get(scope)
    if key not in st.session_state:
        st.session_state[key] = draft.text if draft else (saved or "")
    widget = st.text_area if area else st.text_input
    options = {"height": height} if area and height else {}
    widget(
        label,
        key=key,
        on_change=_keep_draft,
        args=(scope, key, base_version),
        disabled=disabled,
        **options,
    )
    if draft and st.session_state[key] == draft.text and draft.text != (saved or ""):
        st.caption(t("draft.restored", time=format_local_time(draft.updated_at)))
    if st.session_state.pop(DRAFT_FAILED_KEY, False):
        st.warning(t("draft.failed"))
    return str(st.session_state[key])


def forget(scope: str) -> None:
    """After a save, let the field show the saved text again."""
    st.session_state.pop(f"text:{scope}", None)
