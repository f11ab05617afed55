"""Implementation milestones: plan issued, launched, periodic reports, reviews."""

from __future__ import annotations

from datetime import date


def milestone_status(
    due: date | None, done: date | None, today: date, *, is_done: bool = False
) -> str:
    """Where a milestone stands on ``today``.

    Done without a due date, or on an unknown date, is simply ``done``; a due date passed
    without a recorded completion is ``overdue``; nothing recorded at all is ``missing``.
    """
    if done is not None or is_done:
        if due is None or done is None:
            return "done"
        return "done_on_time" if done <= due else "done_late"
    if due is None:
        return "missing"
    return "overdue" if due < today else "pending"


def worst_status(statuses: list[str]) -> str:
    """One cell for several milestones of a kind (yearly reports): the worst one."""
    order = ["overdue", "done_late", "pending", "missing", "done", "done_on_time"]
    for status in order:
        if status in statuses:
            return status
    return "missing"
