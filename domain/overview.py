"""The leadership overview: localities x indicators, rolled up and totalled.

Input is plain data (the locality tree, the indicator definitions and each locality's
own figures already combined over time); output is what the dashboard shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from domain.figures import Figure, ratio_figure, sum_figures
from domain.localities import LocalityTree, Reach


@dataclass(frozen=True)
class IndicatorDef:
    id: UUID
    code: str
    kind: str  # 'raw' | 'ratio'
    numerator_id: UUID | None = None
    denominator_id: UUID | None = None
    target_value: float | None = None


OwnFigures = dict[tuple[UUID, UUID], Figure]  # (locality id, indicator id) -> figure


@dataclass
class OverviewTable:
    rows: list[UUID]
    cells: dict[tuple[UUID, str], Figure]  # (row locality, indicator code) -> figure
    totals: dict[str, Figure]

    def value(self, row: UUID, code: str) -> float | None:
        figure = self.cells.get((row, code))
        return figure.value if figure else None

    def reporting(self, code: str) -> int:
        """How many rows have a figure for this indicator."""
        return sum(1 for row in self.rows if (row, code) in self.cells)


def _own(figures: OwnFigures, indicator_id: UUID) -> Callable[[UUID], Figure | None]:
    return lambda locality_id: figures.get((locality_id, indicator_id))


def _reaching(tree: LocalityTree, figures: OwnFigures) -> dict[UUID, Reach]:
    """Per indicator: the units with a figure at or below them. Indicators reported by
    the same localities (the usual case) share one ``Reach``."""
    holders: dict[UUID, set[UUID]] = {}
    for locality_id, indicator_id in figures:
        holders.setdefault(indicator_id, set()).add(locality_id)
    shared: dict[frozenset[UUID], Reach] = {}
    reaching = {}
    for indicator_id, units in holders.items():
        key = frozenset(units)
        if key not in shared:
            shared[key] = tree.reaching(key)
        reaching[indicator_id] = shared[key]
    return reaching


def roll_up_ratio(
    tree: LocalityTree,
    unit_id: UUID,
    indicator: IndicatorDef,
    figures: OwnFigures,
    reaching: dict[UUID, Reach] | None = None,
) -> Figure | None:
    """A ratio for a unit: recomputed from its rolled-up numerator and denominator.

    The rate a single locality reported itself is kept when the roll-up contains only
    that locality's figures for the same period (see ``ratio_figure``).
    """
    assert indicator.numerator_id and indicator.denominator_id
    reaching = _reaching(tree, figures) if reaching is None else reaching
    empty = Reach(set(), {})
    numerator = tree.roll_up(
        unit_id,
        _own(figures, indicator.numerator_id),
        reaching.get(indicator.numerator_id, empty),
    )
    denominator = tree.roll_up(
        unit_id,
        _own(figures, indicator.denominator_id),
        reaching.get(indicator.denominator_id, empty),
    )
    reported = single_reported_rate(
        tree, unit_id, indicator, figures, reaching.get(indicator.id, empty)
    )
    return ratio_figure(numerator, denominator, reported)


def single_reported_rate(
    tree: LocalityTree,
    unit_id: UUID,
    indicator: IndicatorDef,
    figures: OwnFigures,
    reaching: Reach,
) -> Figure | None:
    if unit_id not in reaching.units:  # no rate reported at or below this unit
        return None
    own = figures.get((unit_id, indicator.id))
    if own is not None or (unit_id, indicator.numerator_id) in figures:
        return own
    reported = [
        r
        for child in tree.children(unit_id)
        if (r := single_reported_rate(tree, child, indicator, figures, reaching)) is not None
    ]
    return reported[0] if len(reported) == 1 else None


def build_overview(
    tree: LocalityTree,
    parent_id: UUID | None,
    indicators: list[IndicatorDef],
    figures: OwnFigures,
    keep_row: Callable[[UUID], bool] | None = None,
) -> OverviewTable:
    """Rows are the level below ``parent_id`` that have any figure (or pass
    ``keep_row``); totals are the sum of those rows, ratios recomputed from the sums."""
    raw = [i for i in indicators if i.kind == "raw"]
    ratios = [i for i in indicators if i.kind == "ratio"]
    cells: dict[tuple[UUID, str], Figure] = {}
    rows: list[UUID] = []
    reaching = _reaching(tree, figures)
    empty = Reach(set(), {})
    for row in tree.rows_below(parent_id):
        has_figure = False
        for indicator in raw:
            figure = tree.roll_up(
                row, _own(figures, indicator.id), reaching.get(indicator.id, empty)
            )
            if figure is not None:
                cells[(row, indicator.code)] = figure
                has_figure = True
        for indicator in ratios:
            figure = roll_up_ratio(tree, row, indicator, figures, reaching)
            if figure is not None:
                cells[(row, indicator.code)] = figure
                has_figure = True
        if has_figure or (keep_row and keep_row(row)):
            rows.append(row)
    return OverviewTable(rows=rows, cells=cells, totals=table_totals(rows, cells, indicators))


def table_totals(
    rows: list[UUID], cells: dict[tuple[UUID, str], Figure], indicators: list[IndicatorDef]
) -> dict[str, Figure]:
    """The sum of the rows; a rate recomputed from the summed parts."""
    raw = [i for i in indicators if i.kind == "raw"]
    ratios = [i for i in indicators if i.kind == "ratio"]
    totals: dict[str, Figure] = {}
    by_id = {i.id: i for i in indicators}
    for indicator in raw:
        total = sum_figures([cells.get((row, indicator.code)) for row in rows])
        if total is not None:
            totals[indicator.code] = total
    for indicator in ratios:
        numerator = by_id.get(indicator.numerator_id) if indicator.numerator_id else None
        denominator = by_id.get(indicator.denominator_id) if indicator.denominator_id else None
        if numerator is None or denominator is None:
            continue
        single = [cells[(r, indicator.code)] for r in rows if (r, indicator.code) in cells]
        total = ratio_figure(
            totals.get(numerator.code),
            totals.get(denominator.code),
            single[0] if len(single) == 1 else None,
        )
        if total is not None:
            totals[indicator.code] = total
    return totals
