"""Milestone status, overdue recommendations, periods."""

from datetime import date

import pytest

from domain.milestones import milestone_status, worst_status
from domain.periods import Period
from domain.recommendations import days_overdue, is_overdue

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("due", "done", "is_done", "expected"),
    [
        (date(2023, 12, 10), date(2023, 12, 5), False, "done_on_time"),
        (date(2023, 12, 10), date(2023, 12, 19), False, "done_late"),
        (None, None, True, "done"),  # the source says done, not when
        (date(2025, 12, 31), None, False, "overdue"),
        (date(2026, 12, 10), None, False, "pending"),
        (None, None, False, "missing"),
    ],
)
def test_milestone_status(due, done, is_done, expected):
    assert milestone_status(due, done, TODAY, is_done=is_done) == expected


def test_worst_status_of_yearly_reports():
    assert worst_status(["done_on_time", "overdue", "pending"]) == "overdue"
    assert worst_status(["done_on_time", "done_late"]) == "done_late"


def test_overdue_only_when_open_and_past_due():
    assert is_overdue("open", date(2025, 3, 31), TODAY)
    assert is_overdue("in_progress", date(2026, 11, 21), TODAY)
    assert not is_overdue("open", TODAY, TODAY)
    assert not is_overdue("done", date(2025, 3, 31), TODAY)
    assert not is_overdue("open", None, TODAY)
    assert days_overdue("open", date(2026, 9, 30), TODAY) == 53


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(date(2024, 1, 1), date(2023, 1, 1))


def test_recommendation_status_transitions():
    from domain.recommendations import can_change_status

    assert can_change_status("open", "in_progress")
    assert can_change_status("in_progress", "done")
    assert can_change_status("done", "open")  # a later visit finds it was not done
    assert not can_change_status("done", "cancelled")
    assert not can_change_status("open", "open")


def test_checklist_progress():
    from domain.visits import checklist_progress

    assert checklist_progress(["good", "not_rated", "fail"]) == (2, 3)


def test_a_chart_of_flows_compares_periods_of_one_length():
    from domain.periods import comparable_lengths, months_spanned

    quarters = [(date(2024, m, 1), date(2024, m + 2, 28)) for m in (1, 4, 7, 10)]
    twenty_one = (date(2022, 1, 1), date(2023, 9, 14))
    assert months_spanned(*twenty_one) == 21
    assert comparable_lengths([twenty_one, *quarters]) == [False, True, True, True, True]
    assert comparable_lengths([twenty_one]) == [True]
