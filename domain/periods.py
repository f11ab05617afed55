"""Reporting periods. Real reports use ranges ("9 tháng năm 2023" = 01/01–30/09/2023)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("period start is after its end")

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        return cls(date(first, 1, 1), date(last, 12, 31))


def months_spanned(start: date, end: date) -> int:
    """Calendar months a period touches: a quarter 3, "9 tháng" 9, "năm 2022–2023" 24."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def comparable_lengths(periods: list[tuple[date, date]]) -> list[bool]:
    """Which periods a chart of flows may put side by side: those of the most common
    length (the shorter on a tie), so that a 21-month figure never stands beside
    quarterly bars."""
    if not periods:
        return []
    lengths = [months_spanned(start, end) for start, end in periods]
    common = min(set(lengths), key=lambda n: (-lengths.count(n), n))
    return [length == common for length in lengths]
