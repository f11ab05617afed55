"""Recommendation rules: which are open, which are overdue."""

from __future__ import annotations

from datetime import date

OPEN_STATUSES = frozenset({"open", "in_progress"})
CLOSED_STATUSES = frozenset({"done", "not_accepted", "cancelled"})


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def is_overdue(status: str, due: date | None, today: date) -> bool:
    """Open past its due date. A recommendation without a due date is never overdue."""
    return is_open(status) and due is not None and due < today


def days_overdue(status: str, due: date | None, today: date) -> int:
    return (today - due).days if is_overdue(status, due, today) and due else 0
