"""Drafts: what is typed is kept in the database at every change, so a refresh, a closed tab
or a server restart loses nothing. The one mechanism for every text field, and for the
figures table (whose draft is the whole table as JSON)."""

from __future__ import annotations

from typing import Any, Protocol

import streamlit as st

from data_access.drafts import SavedDraft
from texts.formats import format_local_time
from ui.common import t
from ui.draft_keeper import DRAFT_FAILED_KEY, KEPT_PREFIX, keep_draft, register, retire


class DraftKeeper(Protocol):
    def keep_draft(self, scope: str, text: str, base_version: int | None) -> bool: ...


def text_key(scope: str) -> str:
    """The widget key of the text field whose drafts are kept under ``scope``."""
    return f"{KEPT_PREFIX}{scope}"


def own_drafts(detail, *scopes: str) -> dict[str, SavedDraft]:
    """The user's drafts of ``scopes``, by the key of the widget that shows each."""
    return {text_key(s): detail.drafts[s] for s in scopes if s in detail.drafts}


RESTORED_KEY = "restored_fields"  # widget keys this tab filled from a draft when opening


def fill_field(key: str, draft: SavedDraft | None, saved: object) -> None:
    """Give a widget not yet shown in this tab its first value: the user's draft (marked,
    so the field can say it was restored) or else what is saved."""
    if key in st.session_state:
        return
    st.session_state[key] = draft.text if draft else saved
    if draft is not None:
        st.session_state.setdefault(RESTORED_KEY, set()).add(key)


def _keep_field(writes: DraftKeeper, scope: str, key: str, base_version: int | None) -> None:
    keep_draft(writes, scope, st.session_state.get(key, ""), base_version)


def autosaved_text(
    label: str,
    *,
    scope: str,
    saved: str | None,
    base_version: int | None,
    drafts: dict[str, SavedDraft],
    writes: DraftKeeper,
    area: bool = True,
    disabled: bool = False,
    height: int | None = None,
) -> str:
    """A text field whose every change is kept as a draft under ``scope``.

    It shows the draft when there is one (and says so), otherwise the saved text.
    Returns the current text.
    """
    key = text_key(scope)
    draft = drafts.get(scope)
    fill_field(key, draft, saved or "")
    register(key, scope, base_version, saved or "")
    widget = st.text_area if area else st.text_input
    options = {"height": height} if area and height else {}
    widget(
        label,
        key=key,
        on_change=_keep_field,
        args=(writes, scope, key, base_version),
        disabled=disabled,
        **options,
    )
    restored = key in st.session_state.get(RESTORED_KEY, ())
    if restored and draft and st.session_state[key] == draft.text != (saved or ""):
        st.caption(t("draft.restored", time=format_local_time(draft.updated_at)))
    draft_failed_notice()
    return str(st.session_state[key])


def new_text(
    label: str, *, scope: str, drafts: dict[str, SavedDraft], writes: DraftKeeper, **options: Any
) -> str:
    """A field for the text of an item not added yet (a finding, a recommendation, a note):
    nothing saved, every change kept as a draft; ``options`` as for ``autosaved_text``."""
    return autosaved_text(
        label, scope=scope, saved="", base_version=None, drafts=drafts, writes=writes, **options
    )


def draft_failed_notice() -> None:
    if st.session_state.pop(DRAFT_FAILED_KEY, False):
        st.warning(t("draft.failed"))


def forget(scope: str) -> None:
    """After a save, let the field show the saved text again."""
    retire(text_key(scope))
    forget_widget(text_key(scope))


def forget_widget(key: str) -> None:
    """Let a widget take its first value again on the next run."""
    st.session_state.pop(key, None)
    st.session_state.get(RESTORED_KEY, set()).discard(key)
