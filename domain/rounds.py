"""Supervision rounds (đợt giám sát): where a round stands with each locality it plans to
visit. Pure rules, computed in one place for the screen, the report and the tests."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from domain.vocabulary import ROUND_PROGRESS


def locality_progress(scheduled: date | None, visit_dates: Iterable[date], today: date) -> str:
    """``visited`` once a visit of the round was made there; ``overdue`` when its
    scheduled day has passed without one; otherwise ``scheduled`` (a day not yet set
    counts as scheduled: the plan still has it)."""
    if any(True for _ in visit_dates):
        return "visited"
    if scheduled is not None and scheduled < today:
        return "overdue"
    return "scheduled"


def progress_counts(progress: Iterable[str]) -> dict[str, int]:
    """How many localities stand at each step, every step listed (zero included)."""
    counted = Counter(progress)
    return {step: counted.get(step, 0) for step in ROUND_PROGRESS}


def is_in_period(day: date, start: date, end: date) -> bool:
    return start <= day <= end
