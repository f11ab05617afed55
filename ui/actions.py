"""Calling the write side from a screen: who acts, and what the user is told when a write
is refused. Nothing is half-saved: a refused write changed nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st

from data_access.errors import InvalidInput, StaleEdit, WriteRefused
from domain.numbers import FigureProblem
from ui.common import keep_widget_value, persistent_widget_key, t

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write gave: ``ok`` is False when it was refused (and nothing changed)."""

    ok: bool
    value: T | None = None


ACTOR_KEY = "actor"
CONFLICT_KEY = "conflict"


def actor_input() -> None:
    st.sidebar.text_input(
        t("actor.label"),
        key=persistent_widget_key(ACTOR_KEY, ""),
        on_change=keep_widget_value,
        args=(ACTOR_KEY,),
        help=t("actor.help"),
    )


def actor() -> str:
    return str(st.session_state.get(ACTOR_KEY, "")).strip()


def problem_text(problem: Any, indicator_names: dict[str, str] | None = None) -> str:
    if isinstance(problem, FigureProblem):
        name = (indicator_names or {}).get(problem.indicator, problem.indicator)
        return t(f"problem.{problem.reason}", indicator=name)
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
    if not who:
        st.error(t("actor.required"))
        return Outcome(False)
    try:
        return Outcome(True, action(engine, who, *args, **kwargs))
    except StaleEdit as conflict:
        st.error(t("error.stale_edit"))
        if conflict_key:
            st.session_state[CONFLICT_KEY] = {conflict_key: conflict}
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


def saved_and_rerun(message: str | None = None) -> None:
    """After a save: rerun so every part of the screen shows the saved state, and say
    so on the next run."""
    clear_conflict()
    st.session_state[FLASH_KEY] = message or t("saved")
    st.rerun()


def show_flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.toast(message)
