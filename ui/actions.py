"""Calling the write side from a screen: who acts, and what the user is told when a write
is refused. Nothing is half-saved: a refused write changed nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st
from streamlit.errors import StreamlitAPIException

from data_access.errors import InvalidInput, StaleEdit, WriteRefused
from domain.flows import FlowOverlap
from domain.numbers import FigureProblem
from domain.permissions import Actor, can_edit_visit, can_follow_up, can_sign_off
from domain.visits import is_editable
from texts.formats import format_date, format_number
from ui.common import plain_markdown, t

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write gave: ``ok`` is False when it was refused (and nothing changed)."""

    ok: bool
    value: T | None = None


SIGNED_IN_KEY = "signed_in"  # ui.auth keeps the Actor there
CONFLICT_KEY = "conflict"


def actor() -> Actor | None:
    """The signed-in user (set by app.py's sign-in gate)."""
    return st.session_state.get(SIGNED_IN_KEY)


def problem_text(
    problem: Any, indicator_names: dict[str, str] | None = None, *, markdown: bool = True
) -> str:
    """What was refused, in words; ``markdown``: for ``st.error`` and the like (the user
    text it quotes is escaped), else for a table cell."""
    if isinstance(problem, FlowOverlap):
        name = (indicator_names or {}).get(problem.indicator, problem.indicator)
        existing = problem.existing
        dates = f"{format_date(existing.start)}–{format_date(existing.end)}"
        quoted = plain_markdown if markdown else str
        return t(
            "problem.flow_overlap",
            indicator=name,
            period=quoted(existing.label or dates),
            dates=dates,
            source=quoted(existing.source or "–"),
        )
    if isinstance(problem, FigureProblem):
        name = (indicator_names or {}).get(problem.indicator, problem.indicator)
        bound = "" if problem.bound is None else format_number(problem.bound)
        return t(f"problem.{problem.reason}", indicator=name, bound=bound)
    return t(f"problem.{problem}")


def attempt(
    action: Callable[..., T],
    engine: Any,
    *args: Any,
    conflict_key: str | None = None,
    indicator_names: dict[str, str] | None = None,
    **kwargs: Any,
) -> Outcome[T]:
    """Run a write command ``action(engine, actor, *args)`` as the current user.

    On refusal, say why (next to where it is called) and return a failed outcome; a stale
    save is remembered under ``conflict_key`` so the screen can show both versions.
    """
    who = actor()
    if who is None:
        st.error(t("auth.required"))
        return Outcome(False)
    try:
        return Outcome(True, action(engine, who, *args, **kwargs))
    except StaleEdit as conflict:
        if not conflict_key:
            st.error(t("error.stale_edit"))
            return Outcome(False)
        # The record's fields are drawn before its save button: run again so that both
        # versions show beside them (the conflict view says what happened).
        st.session_state[CONFLICT_KEY] = {conflict_key: conflict}
        rerun_here()
    except InvalidInput as invalid:
        for problem in invalid.problems:
            st.error(problem_text(problem, indicator_names))
    except WriteRefused as refused:
        st.error(t(f"error.{refused.code}"))
    return Outcome(False)


def conflict_for(key: str) -> StaleEdit | None:
    return st.session_state.get(CONFLICT_KEY, {}).get(key)


def clear_conflict() -> None:
    st.session_state.pop(CONFLICT_KEY, None)


FLASH_KEY = "flash"


def rerun_here() -> None:
    """Rerun the part of the screen this runs in: its fragment (a tab of the visit record)
    when run on its own, else the page."""
    try:
        st.rerun(scope="fragment")
    except StreamlitAPIException:  # a full run: the fragment cannot rerun alone
        st.rerun()


def saved_and_rerun(message: str | None = None, *, whole_page: bool = False) -> None:
    """After a save: rerun so the screen shows the saved state, and say so on the next
    run. Only the part that saved reruns, unless the change shows elsewhere (a sign-off
    changes every tab): ``whole_page``."""
    clear_conflict()
    st.session_state[FLASH_KEY] = message or t("saved")
    if whole_page:
        st.rerun()
    rerun_here()


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.toast(message)


def may_edit(detail) -> bool:
    """Editing controls are shown only to who may use them (the data layer decides)."""
    who = actor()
    return (
        who is not None
        and is_editable(detail.status)
        and can_edit_visit(who, detail.locality_id, detail.delegation_id)
    )


def may_sign_off(detail) -> bool:
    who = actor()
    return who is not None and can_sign_off(who, detail.locality_id, detail.delegation_id)


def may_follow_up(locality_id) -> bool:
    who = actor()
    return who is not None and can_follow_up(who, locality_id)
