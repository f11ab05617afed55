"""Recommendation rules: which are open, which are overdue."""

from __future__ import annotations

from datetime import date

from domain.vocabulary import OPEN_RECOMMENDATION_STATUSES


def is_open(status: str) -> bool:
    return status in OPEN_RECOMMENDATION_STATUSES


def is_overdue(status: str, due: date | None, today: date) -> bool:
    """Open past its due date. A recommendation without a due date is never overdue."""
    return is_open(status) and due is not None and due < today


def days_overdue(status: str, due: date | None, today: date) -> int:
    return (today - due).days if is_overdue(status, due, today) and due else 0


# open -> in progress -> done / not accepted / cancelled; a closed item can be reopened
# (a later visit finds it was not really done).
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"in_progress", "done", "not_accepted", "cancelled"}),
    "in_progress": frozenset({"open", "done", "not_accepted", "cancelled"}),
    "done": frozenset({"open"}),
    "not_accepted": frozenset({"open"}),
    "cancelled": frozenset({"open"}),
}

# What the delegation found at a later visit, and the status it leads to.
VERIFICATION_RESULTS: dict[str, str | None] = {
    "verified_done": "done",
    "still_open": None,  # unchanged
    "no_longer_relevant": "cancelled",
}


def can_change_status(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())
