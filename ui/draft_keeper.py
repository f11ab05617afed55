"""Drafts while typing. Streamlit's text fields report what is typed only when they lose
focus; a small component of our own (components v2, no build step) listens to typing in
the page, and within a second of the last keystroke sends what changed, which is kept as
the user's draft of that field. It also keeps the text in the browser (localStorage) until
the server has it, so text typed while the server is unreachable is sent when it returns,
even after a restart. Each field shows a quiet "draft saved at …" line.

The component sits in a fragment of its own: keeping a draft reruns nothing else."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import streamlit as st

from texts.formats import format_local_time
from ui.actions import actor
from ui.common import t

_JS = Path(__file__).with_name("draft_keeper.js").read_text(encoding="utf-8")
_COMPONENT = st.components.v2.component("draft_keeper", js=_JS, isolate_styles=False)
DRAFT_FAILED_KEY = "draft_failed"
FIELDS_KEY = "typed_fields"  # css class -> {"key", "scope", "base", "saved", "retired"}
KEEPER_KEY = "draft-keeper"
RESTORED_KEY = "draft-restored"


def css_class(key: str) -> str:
    """The class Streamlit gives the element of a widget with this key."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)


KEPT_PREFIX = "text:"  # the widget keys of kept fields begin so


def register(key: str, scope: str, base_version: int | None, saved: str) -> None:
    """Have the keeper watch the field of widget ``key`` (its draft is kept under ``scope``);
    ``key`` begins with ``KEPT_PREFIX``."""
    fields = st.session_state.setdefault(FIELDS_KEY, {})
    retired = fields.get(css_class(key), {}).get("retired", [])
    fields[css_class(key)] = {
        "key": key,
        "scope": scope,
        "base": base_version,
        "saved": saved,
        "retired": retired,
    }


RETIRED_KEPT = 20


def retire(key: str) -> None:
    """The field's text was just saved or added (and the field emptied): a send of that
    text still on its way is no draft, and the browser may forget it. Every text added
    from one box is remembered (the last few): a send of the first recommendation that
    arrives after the second was added is no draft either."""
    field = st.session_state.get(FIELDS_KEY, {}).get(css_class(key))
    text = st.session_state.get(key)
    if field is not None and isinstance(text, str):
        field["retired"] = [*field["retired"], text][-RETIRED_KEPT:]


def keep_draft(writes, scope: str, text: str, base_version: int | None) -> None:
    """Keep ``text`` as the user's draft of ``scope``; a failure is said under the field."""
    if not writes.keep_draft(scope, text, base_version):
        st.session_state[DRAFT_FAILED_KEY] = True


def _typed(writes) -> None:
    items = (st.session_state.get(KEEPER_KEY) or {}).get("typed") or []
    fields = st.session_state.get(FIELDS_KEY, {})
    for item in items if isinstance(items, list) else []:
        field = fields.get(item.get("field")) if isinstance(item, dict) else None
        text = item.get("text") if field else None
        if not isinstance(text, str):
            continue  # not one of this page's fields: ignored
        if text == field["saved"] or text in field["retired"]:
            writes.drop_draft(field["scope"])  # what is saved: no draft needed
            continue
        keep_draft(writes, field["scope"], text, field["base"])
        if item.get("restore"):  # typed before a restart: the field shows it again
            st.session_state[field["key"]] = text
            st.session_state[RESTORED_KEY] = True


@st.fragment
def draft_keeper(reads, writes) -> None:
    """Place once per page, after its text fields."""
    if st.session_state.pop(RESTORED_KEY, False):
        st.rerun(scope="app")
    who = actor()
    if who is None:
        return
    mine = reads.my_drafts()
    fields = {}
    for name, field in st.session_state.get(FIELDS_KEY, {}).items():
        draft = mine.get(field["scope"])
        fields[name] = {
            "server": draft.text if draft else field["saved"],
            "retired": field["retired"],
            "label": t("draft.kept", time=format_local_time(draft.updated_at)) if draft else "",
        }
    _COMPONENT(
        key=KEEPER_KEY,
        data={
            "fields": fields,
            "store": f"giamsat-draft:{who.username}:",
            "labels": {"typing": t("draft.typing"), "offline": t("draft.offline")},
            "prefix": css_class(KEPT_PREFIX),
        },
        on_typed_change=partial(_typed, writes),
    )
