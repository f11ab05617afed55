"""The overview's roll-up over arrays, for thousands of communes at once.

The rules are those of ``domain.overview.build_overview``, which stays their plain
statement (and the reference the tests compare with on random trees): a unit's own
figure wins over the sum of the units below it, missing stays missing, a rate is
recomputed from its summed parts. Here the same answer comes from integer positions:
each unit's roll-up ancestors are worked out once per catalogue version, each unit's row
below a parent once per parent, and a figure then reaches its row unless a unit between
them has a figure of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import numpy as np

from domain.figures import Figure, ratio_figure
from domain.localities import LocalityTree
from domain.overview import IndicatorDef, OverviewTable, single_reported_rate, table_totals


@dataclass(frozen=True)
class TreeIndex:
    """Every unit of a tree at an integer position, with its roll-up ancestors."""

    ids: tuple[UUID, ...]
    position: dict[UUID, int]
    ancestors: np.ndarray  # (depth, units): the k+1-th ancestor's position, -1 for none


@dataclass(frozen=True)
class RowIndex:
    """The rows below one parent, and for every unit the row it rolls up into."""

    rows: tuple[UUID, ...]
    row_of: np.ndarray  # per unit position: the row's ordinal, -1 outside every row
    steps: np.ndarray  # per unit position: how many links up to that row (0: a row)


def tree_index(tree: LocalityTree) -> TreeIndex:
    """Built once per tree (a tree is built once per catalogue version)."""
    return tree.derived("rollup-index", lambda: _index(tree))


def _index(tree: LocalityTree) -> TreeIndex:
    ids = tuple(tree.units)
    position = {unit: n for n, unit in enumerate(ids)}
    parent = np.array([position.get(tree.parent(unit), -1) for unit in ids], dtype=np.int64)
    own = np.arange(len(ids))
    levels: list[np.ndarray] = []
    current = parent
    while len(current) and (current >= 0).any():
        # A loop in the links (never in the official catalogue) ends where a chain would
        # come back to a unit it holds, as ``LocalityTree.ancestors`` does.
        back = current == own
        for level in levels:
            back |= current == level
        current = np.where(back, -1, current)
        if not (current >= 0).any():
            break
        levels.append(current)
        current = np.where(current >= 0, parent[np.maximum(current, 0)], -1)
    ancestors = np.stack(levels) if levels else np.empty((0, len(ids)), dtype=np.int64)
    return TreeIndex(ids, position, ancestors)


def row_index(tree: LocalityTree, parent_id: UUID | None) -> RowIndex:
    """Built once per tree and parent."""
    return tree.derived(("rollup-rows", parent_id), lambda: _rows(tree, parent_id))


def _rows(tree: LocalityTree, parent_id: UUID | None) -> RowIndex:
    index = tree_index(tree)
    rows = tuple(tree.rows_below(parent_id))
    ordinal = np.full(len(index.ids), -1, dtype=np.int64)
    for n, row in enumerate(rows):
        ordinal[index.position[row]] = n
    row_of = ordinal.copy()
    steps = np.zeros(len(index.ids), dtype=np.int64)
    for k, above in enumerate(index.ancestors, start=1):
        found = (row_of < 0) & (above >= 0)
        found &= ordinal[np.maximum(above, 0)] >= 0
        row_of[found] = ordinal[above[found]]
        steps[found] = k
    return RowIndex(rows, row_of, steps)


def rows_holding(tree: LocalityTree, parent_id: UUID | None, units: Iterable[UUID]) -> set[UUID]:
    """The rows below ``parent_id`` that are one of ``units`` or hold one below them."""
    index, rows = tree_index(tree), row_index(tree, parent_id)
    found = rows.row_of[[index.position[u] for u in units if u in index.position]]
    return {rows.rows[int(row)] for row in found if row >= 0}


@dataclass(frozen=True)
class OwnArrays:
    """Units' own figures, one per (unit, indicator): what ``OwnFigures`` holds, as
    columns. Dates are ordinals (``date.toordinal``), 0 for none."""

    unit: np.ndarray  # positions in the tree index
    indicator: Sequence[UUID]  # the distinct indicators, ``code`` indexes them
    code: np.ndarray
    value: np.ndarray
    illustrative: np.ndarray
    start: np.ndarray
    end: np.ndarray


def _day(ordinal: int) -> date | None:
    return date.fromordinal(int(ordinal)) if ordinal > 0 else None


def _contributing(index: TreeIndex, rows: RowIndex, own: OwnArrays) -> np.ndarray:
    """Which figures reach their row: those inside a row with no figure of the same
    indicator on a unit between them and it (that unit's own figure wins)."""
    width = len(index.ids)
    key = own.code.astype(np.int64) * width + own.unit
    held = np.sort(key)
    keep = rows.row_of[own.unit] >= 0
    steps = rows.steps[own.unit]
    for k, above in enumerate(index.ancestors, start=1):
        between = keep & (steps >= k)
        if not between.any():
            break
        ancestor = above[own.unit[between]]
        probe = own.code[between].astype(np.int64) * width + ancestor
        at = np.minimum(np.searchsorted(held, probe), len(held) - 1)
        blocked = np.zeros(len(own.unit), dtype=bool)
        blocked[between] = held[at] == probe
        keep &= ~blocked
    return keep


def roll_up_rows(
    tree: LocalityTree,
    parent_id: UUID | None,
    indicators: list[IndicatorDef],
    own: OwnArrays,
    keep_row: Callable[[UUID], bool] | None = None,
) -> OverviewTable:
    """``build_overview`` for figures given as arrays: the same rows, cells and totals."""
    index = tree_index(tree)
    rows = row_index(tree, parent_id)
    summed = _summed_by_row(index, rows, own)
    raw = [i for i in indicators if i.kind == "raw"]
    ratios = [i for i in indicators if i.kind == "ratio"]
    cells: dict[tuple[UUID, str], Figure] = {}
    for indicator in raw:
        for row, figure in summed.get(indicator.id, {}).items():
            cells[(rows.rows[row], indicator.code)] = figure
    for indicator in ratios:
        for row, figure in _rates(tree, index, rows, own, summed, indicator).items():
            cells[(rows.rows[row], indicator.code)] = figure
    with_cells = {row for row, _ in cells}
    kept = [r for r in rows.rows if r in with_cells or (keep_row and keep_row(r))]
    return OverviewTable(rows=kept, cells=cells, totals=table_totals(kept, cells, indicators))


def _summed_by_row(
    index: TreeIndex, rows: RowIndex, own: OwnArrays
) -> dict[UUID, dict[int, Figure]]:
    """Per indicator and row ordinal: the sum of the figures that reach the row."""
    if not len(own.unit):
        return {}
    keep = _contributing(index, rows, own)
    row = rows.row_of[own.unit[keep]]
    code = own.code[keep].astype(np.int64)
    group = code * max(len(rows.rows), 1) + row
    order = np.argsort(group, kind="stable")
    group = group[order]
    if not len(group):
        return {}
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    value = np.add.reduceat(own.value[keep][order], starts)
    count = np.diff(np.r_[starts, len(group)])
    illustrative = np.maximum.reduceat(own.illustrative[keep][order].astype(np.int8), starts)
    begin = own.start[keep][order]
    none = np.iinfo(np.int64).max  # no start date: never the earliest
    first = np.minimum.reduceat(np.where(begin > 0, begin, none), starts)
    last = np.maximum.reduceat(own.end[keep][order], starts)
    found: dict[UUID, dict[int, Figure]] = {}
    width = max(len(rows.rows), 1)
    for g, total, n, shown, since, until in zip(
        group[starts], value, count, illustrative, first, last, strict=True
    ):
        indicator = own.indicator[int(g) // width]
        found.setdefault(indicator, {})[int(g) % width] = Figure(
            float(total),
            int(n),
            bool(shown),
            _day(0 if since == none else since),
            _day(until),
        )
    return found


def _rates(
    tree: LocalityTree,
    index: TreeIndex,
    rows: RowIndex,
    own: OwnArrays,
    summed: dict[UUID, dict[int, Figure]],
    indicator: IndicatorDef,
) -> dict[int, Figure]:
    """A rate per row from its summed parts. The rate a single locality reported itself
    matters only where one locality's numerator is summed, or where no part is: only
    those rows look for it, by the plain rule."""
    assert indicator.numerator_id and indicator.denominator_id
    numerators = summed.get(indicator.numerator_id, {})
    denominators = summed.get(indicator.denominator_id, {})
    reported_rows = set(summed.get(indicator.id, {}))
    asked = {
        row
        for row in range(len(rows.rows))
        if (row in numerators and numerators[row].reporting == 1 and row in denominators)
        or (row not in numerators and row not in denominators and row in reported_rows)
    }
    reported = _reported_rates(tree, index, rows, own, indicator, asked)
    found = {}
    for row in set(numerators) | set(denominators) | asked:
        figure = ratio_figure(numerators.get(row), denominators.get(row), reported.get(row))
        if figure is not None:
            found[row] = figure
    return found


def _reported_rates(
    tree: LocalityTree,
    index: TreeIndex,
    rows: RowIndex,
    own: OwnArrays,
    indicator: IndicatorDef,
    asked: set[int],
) -> dict[int, Figure]:
    if not asked:
        return {}
    codes = [n for n, i in enumerate(own.indicator) if i in (indicator.id, indicator.numerator_id)]
    wanted = np.isin(own.code, codes) & np.isin(rows.row_of[own.unit], list(asked))
    figures = {
        (index.ids[int(own.unit[n])], own.indicator[int(own.code[n])]): Figure(
            float(own.value[n]),
            1,
            bool(own.illustrative[n]),
            _day(own.start[n]),
            _day(own.end[n]),
        )
        for n in np.flatnonzero(wanted)
    }
    reach = tree.reaching(u for u, i in figures if i == indicator.id)
    found = {}
    for row in asked:
        rate = single_reported_rate(tree, rows.rows[row], indicator, figures, reach)
        if rate is not None:
            found[row] = rate
    return found


def own_arrays(
    index: TreeIndex,
    units: Sequence[int],
    codes: Sequence[int],
    indicators: Sequence[UUID],
    values: Sequence[float],
    illustrative: Sequence[bool],
    starts: Sequence[date | None],
    ends: Sequence[date | None],
) -> OwnArrays:
    """Columns of own figures as arrays: ``units`` are positions in ``index``, ``codes``
    index the distinct ``indicators``."""
    days: dict[date | None, int] = {None: 0}

    def ordinals(column: Sequence[date | None]) -> np.ndarray:
        for day in set(column) - days.keys():
            days[day] = day.toordinal()
        return np.array([days[day] for day in column], dtype=np.int64)

    return OwnArrays(
        unit=np.asarray(units, dtype=np.int64),
        indicator=list(indicators),
        code=np.asarray(codes, dtype=np.int64),
        value=np.asarray(values, dtype=np.float64),
        illustrative=np.asarray(illustrative, dtype=bool),
        start=ordinals(starts),
        end=ordinals(ends),
    )
