"""Figures of stock or cumulative kind, read on one date (PRODUCT.md, "How numbers
combine"; the table in docs/figures.md).

Allocated capital, disbursement to date, and so the disbursement rate, are *as of* a
date. Across units they are added only for one date: the units valid on that date, each
with its value for that date. Adding each unit's own latest figure whatever its date
counts a district abolished on 1/7/2025 beside the commune that replaced it, and a
6-month figure of one year beside a 9-month figure of another. A unit that exists on the
date but has no value for it is missing (it lowers the coverage), never filled in with
an older value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.localities import LocalityTree


@dataclass(frozen=True)
class Coverage:
    """How many of the units expected on a date have a value for it: the units that
    exist on that date and report the figure at some time in the range."""

    reported: int
    expected: int


NO_COVERAGE = Coverage(0, 0)


def is_as_of(kind: str, time_rule: str) -> bool:
    """A figure read on one date: a ``latest`` raw figure, or any ratio (a rate is
    recomputed from parts of one date). Every other figure is a flow, summed."""
    return kind == "ratio" or time_rule == "latest"


@dataclass(frozen=True)
class DateChoice:
    """A date a view's as-of figures can be read on, with how complete it is."""

    on: date
    coverage: Coverage


def valid_on(tree: LocalityTree, unit_id: UUID, on: date) -> bool:
    unit = tree.units.get(unit_id)
    return unit is not None and unit.existed_during(on, on)


def counts_on(tree: LocalityTree, unit_id: UUID, period_end: date, on: date) -> bool:
    """A value counts in the figures of ``on`` when it ends on that date and its unit
    existed then: never an older value, never a unit abolished before it."""
    return period_end == on and valid_on(tree, unit_id, on)


def coverage_on(
    tree: LocalityTree, reporters: Iterable[UUID], present: Iterable[UUID], on: date
) -> Coverage:
    """``reporters``: the units with a value at some date of the range; ``present``:
    those with a value on ``on``. Units that did not exist on ``on`` are not expected."""
    expected = {u for u in reporters if valid_on(tree, u, on)}
    return Coverage(len(expected & set(present)), len(expected))


def date_choices(
    tree: LocalityTree, reporters: Iterable[UUID], dated: Iterable[tuple[UUID, date]]
) -> list[DateChoice]:
    """Every date some unit has a value on, latest first, each with its coverage.
    ``dated``: (unit, date) pairs of the values in the range."""
    reporters = set(reporters)
    by_date: dict[date, set[UUID]] = {}
    for unit_id, on in dated:
        by_date.setdefault(on, set()).add(unit_id)
    return [
        DateChoice(on, coverage_on(tree, reporters, units, on))
        for on, units in sorted(by_date.items(), reverse=True)
    ]


def row_coverage(
    tree: LocalityTree,
    rows: Iterable[UUID],
    reporters: Iterable[UUID],
    present: Iterable[UUID],
    on: date,
) -> dict[UUID, Coverage]:
    """The coverage within each row (the row and the units that roll up into it)."""
    expected = {u for u in reporters if valid_on(tree, u, on)}
    present = set(present) & expected
    coverage = {}
    for row in rows:
        within = (tree.descendants(row) | {row}) & expected
        coverage[row] = Coverage(len(within & present), len(within))
    return coverage


def latest_within(
    tree: LocalityTree, rows: Iterable[UUID], latest: Mapping[UUID, date]
) -> dict[UUID, date]:
    """Each row's latest date with a value at or below it (``latest``: per unit), for the
    hint shown where a row has no value on the view's date."""
    found = {}
    for row in rows:
        dates = [latest[u] for u in tree.descendants(row) | {row} if u in latest]
        if dates:
            found[row] = max(dates)
    return found


def is_partial_year(year: int, last_date: date | None) -> bool:
    """A year whose latest figure ends before 31/12: a trend point to be marked."""
    return last_date is not None and last_date < date(year, 12, 31)
