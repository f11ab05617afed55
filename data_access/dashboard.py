"""Aggregate reads for the dashboards: small frames computed in SQL.

Each indicator value is combined over time here, per locality, by its indicator's rule:
``sum`` adds the values whose period lies inside the range (flows); ``latest`` keeps the
value with the latest end inside the range (cumulative or as-of figures: adding a
6-month and a 9-month cumulative figure is the classic wrong number). Ratios reported
by localities are kept as ``latest`` too; the domain recomputes them from their parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from uuid import UUID

import numpy as np
import pandas as pd
from sqlalchemy import (
    Engine,
    String,
    case,
    cast,
    func,
    select,
    type_coerce,
)

from data_access.catalogue import (
    IndicatorRecord,
    campaign_indicators,
    indicator_defs,
    list_localities,
    locality_tree,
)
from data_access.db import fetch_records, session_scope
from data_access.models import (
    Implementation,
    IndicatorSpan,
    IndicatorValue,
    Milestone,
    Recommendation,
    Visit,
    VisitCampaign,
)
from data_access.spans import FIGURE_FIELDS, SPAN_FIELDS, one_value_per_period, spans_query
from domain.as_of import (
    Coverage,
    DateChoice,
    coverage_on,
    date_choices,
    latest_within,
    row_coverage,
    valid_on,
)
from domain.figures import Figure
from domain.localities import LocalityTree
from domain.milestones import milestone_status
from domain.overview import IndicatorDef, OverviewTable
from domain.periods import Period
from domain.rollup import own_arrays, roll_up_rows, rows_holding, tree_index

# The indicators the overview follows year by year.
TREND_CODES = ("works_count", "total_investment", "disbursed_capital", "disbursement_rate")
COMBINED_COLUMNS = ["locality_id", "indicator_id", "bucket", *FIGURE_FIELDS]
SPAN_COLUMNS = SPAN_FIELDS[1:]  # one campaign at a time
# Up to this many units, a view reads the spans of its units by their ids (well below
# SQLite's 32,766 bound parameters); a larger area reads the campaign's and filters.
AREA_READ_LIMIT = 3_000


def value_spans(
    engine: Engine,
    campaign_id: UUID,
    period: Period,
    locality_ids: Iterable[UUID] | None = None,
) -> pd.DataFrame:
    """Each locality's values over ``period`` combined per indicator and *span* (the
    calendar years its values start and end in; see data_access/spans.py). One pass
    gives both the whole period and its years (``combine_spans``). A period of whole
    years reads the kept spans (of ``locality_ids`` only, when given); any other is
    combined from the values."""
    if period == Period.years(period.start.year, period.end.year):
        query = select(
            *[IndicatorSpan.__table__.c[name] for name in SPAN_COLUMNS],
        ).where(
            IndicatorSpan.campaign_id == campaign_id,
            IndicatorSpan.first_year >= period.start.year,
            IndicatorSpan.last_year <= period.end.year,
        )
        if locality_ids is not None:  # one unit's area: its own few hundred units
            query = query.where(IndicatorSpan.locality_id.in_(list(locality_ids)))
    else:
        computed = spans_query(
            IndicatorValue.campaign_id == campaign_id,
            IndicatorValue.period_start >= period.start,
            IndicatorValue.period_end <= period.end,
        ).subquery()
        query = select(*[computed.c[name] for name in SPAN_COLUMNS])
    # Ids and dates come back as text and are converted once per distinct value, not once
    # per row: a few thousand ids and a few dozen dates for 160,000 spans. The ids are cast
    # in SQL, since PostgreSQL's driver would build a UUID object for every row (0,95 s →
    # 0,56 s for the national spans); SQLite stores them as text anyway.
    query = select(
        *[
            cast(column, String).label(column.name)
            if column.name in ("locality_id", "indicator_id")
            else type_coerce(column, String).label(column.name)
            if column.name in ("period_start", "period_end")
            else column
            for column in query.subquery().c
        ]
    )
    with session_scope(engine, read_only=True) as session:
        # The driver's own tuples, 160,000 of them: no ORM loading and no Row objects
        # (every value is converted below, once per distinct value).
        rows = session.connection().execute(query).cursor.fetchall()
    frame = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    for column in ("locality_id", "indicator_id"):
        frame[column] = _as_ids(frame[column])
    for column in ("period_start", "period_end"):
        frame[column] = _as_dates(frame[column])
    # The same types from both sources and both databases (PostgreSQL's EXTRACT is numeric).
    return frame.astype(
        {
            "first_year": int,
            "last_year": int,
            "value": float,
            "n_values": int,
            "is_illustrative": bool,
            "is_flow": int,
        }
    )


def _as_ids(column: pd.Series) -> pd.Categorical:
    """Text ids (32 hex digits from SQLite, 36 with dashes from PostgreSQL) as UUIDs. Kept
    as a category of a few thousand distinct ids: filtering and grouping 160,000 spans then
    compare small integers, not UUID objects."""
    codes, distinct = pd.factorize(column)
    ids = [UUID(value) for value in distinct]
    return pd.Categorical.from_codes(codes, categories=ids)


def _as_dates(column: pd.Series) -> pd.Series:
    known = {
        value: value if isinstance(value, date) else date.fromisoformat(value)
        for value in column.unique()
    }
    return column.map(known).astype(object)


def combine_spans(spans: pd.DataFrame, *, by_year: bool = False) -> pd.DataFrame:
    """Each locality's own figure per indicator over the whole period, or per calendar
    year (counting only values that lie within one year)."""
    if by_year:
        frame = spans[spans["first_year"] == spans["last_year"]].rename(
            columns={"first_year": "bucket"}
        )
        return frame[COMBINED_COLUMNS].reset_index(drop=True)
    keys = ["locality_id", "indicator_id"]
    # Dates and labels are ranked once per distinct value and combined as numbers:
    # pandas takes the minimum of Python objects one by one.
    start, starts = _ranked(spans["period_start"])
    end, ends = _ranked(spans["period_end"])
    label, labels = _ranked(spans["period_label"])
    ranked = spans.assign(_start=start, _end=end, _label=label)
    flows = (
        ranked[ranked["is_flow"] == 1]
        .groupby(keys, sort=False)
        .agg(
            value=("value", "sum"),
            n_values=("n_values", "sum"),
            _start=("_start", "min"),
            _end=("_end", "max"),
            _label=("_label", "min"),
            is_illustrative=("is_illustrative", "max"),
        )
        .reset_index()
        .assign(
            period_start=lambda f: _unranked(f["_start"], starts),
            period_end=lambda f: _unranked(f["_end"], ends),
            period_label=lambda f: _unranked(f["_label"], labels),
        )
    )
    latest = (
        ranked[ranked["is_flow"] == 0]
        .sort_values(["_end", "_start"], ascending=[False, True], kind="stable")
        .drop_duplicates(keys)
    )
    frame = pd.concat([flows, latest], ignore_index=True)
    frame["bucket"] = 0
    return frame[COMBINED_COLUMNS].reset_index(drop=True)


def _ranked(column: pd.Series) -> tuple[np.ndarray, list]:
    """Each value's rank among the column's distinct values (NaN for none), and those
    values in order, so that the rank of a minimum is the minimum of the ranks."""
    distinct = sorted(v for v in column.unique() if v is not None and v == v)
    rank = {value: float(n) for n, value in enumerate(distinct)}
    return column.map(rank).to_numpy(dtype=float, na_value=np.nan), distinct


def _unranked(ranks: pd.Series, distinct: list) -> list:
    return [None if r != r else distinct[int(r)] for r in ranks]


def roll_up(
    tree: LocalityTree,
    parent_id: UUID | None,
    defs: list[IndicatorDef],
    combined: pd.DataFrame,
    keep_row=None,
) -> OverviewTable:
    """The rows below ``parent_id`` and their totals from each unit's own figures (a
    combined frame), by the overview's rules (``domain.overview``), over arrays."""
    index = tree_index(tree)
    codes, distinct = pd.factorize(combined["locality_id"])
    position = np.array([index.position.get(u, -1) for u in distinct], dtype=np.int64)
    units = position[codes] if len(codes) else np.empty(0, dtype=np.int64)
    known = units >= 0  # a unit outside the tree (another catalogue) has no row
    frame = combined[known]
    indicator_codes, indicators = pd.factorize(frame["indicator_id"])
    return roll_up_rows(
        tree,
        parent_id,
        defs,
        own_arrays(
            index,
            units[known],
            indicator_codes,
            list(indicators),
            frame["value"].tolist(),
            frame["is_illustrative"].tolist(),
            frame["period_start"].tolist(),
            frame["period_end"].tolist(),
        ),
        keep_row,
    )


def value_years(engine: Engine, campaign_id: UUID) -> tuple[int, int] | None:
    """First and last year with figures for a campaign (from the spans: one index range,
    where the values would be a scan of all of them)."""
    query = select(func.min(IndicatorSpan.first_year), func.max(IndicatorSpan.last_year)).where(
        IndicatorSpan.campaign_id == campaign_id
    )
    with session_scope(engine, read_only=True) as session:
        first, last = session.execute(query).one()
    if first is None:
        return None
    return int(first), int(last)


@dataclass(frozen=True)
class MilestoneRecord:
    """A milestone of a locality's implementation plan, and where it stands today."""

    locality_id: UUID
    campaign_id: UUID
    plan_document: str | None
    plan_date: date | None
    kind: str  # vocabulary.MILESTONE_KINDS
    label: str | None
    due_date: date | None
    done_date: date | None
    is_done: bool
    is_illustrative: bool
    status: str  # domain.milestones.milestone_status


def _milestones_query(campaign_id: UUID | None, locality_id: UUID | None):
    query = (
        select(
            Implementation.locality_id,
            Implementation.campaign_id,
            Implementation.plan_document,
            Implementation.plan_date,
            Milestone.kind,
            Milestone.label,
            Milestone.due_date,
            Milestone.done_date,
            Milestone.is_done,
            Milestone.is_illustrative,
        )
        .join(Milestone, Milestone.implementation_id == Implementation.id)
        .where(Implementation.deleted_at.is_(None), Milestone.deleted_at.is_(None))
        .order_by(Milestone.due_date.is_(None), Milestone.due_date, Milestone.done_date)
    )
    if campaign_id is not None:
        query = query.where(Implementation.campaign_id == campaign_id)
    if locality_id is not None:
        query = query.where(Implementation.locality_id == locality_id)
    return query


def milestone_records(
    engine: Engine,
    today: date,
    *,
    campaign_id: UUID | None = None,
    locality_id: UUID | None = None,
) -> tuple[MilestoneRecord, ...]:
    """Milestones of implementations (of a campaign, or of a locality), with where each
    stands on ``today``."""
    with session_scope(engine, read_only=True) as session:
        return fetch_records(
            session,
            _milestones_query(campaign_id, locality_id),
            MilestoneRecord,
            status=lambda r: milestone_status(
                r["due_date"], r["done_date"], today, is_done=bool(r["is_done"])
            ),
        )


def implementation_milestones(
    engine: Engine, today: date, *, campaign_id: UUID | None = None
) -> pd.DataFrame:
    """The milestones of a campaign as a table, for the overview's matrix."""
    records = milestone_records(engine, today, campaign_id=campaign_id)
    return pd.DataFrame(records, columns=[f.name for f in fields(MilestoneRecord)])


def implementing_localities(engine: Engine, campaign_id: UUID) -> set[UUID]:
    query = select(Implementation.locality_id).where(
        Implementation.campaign_id == campaign_id, Implementation.deleted_at.is_(None)
    )
    with session_scope(engine, read_only=True) as session:
        return set(session.scalars(query))


def recommendation_counts(engine: Engine, campaign_id: UUID, today: date) -> pd.DataFrame:
    """Open and overdue recommendations per visited locality for a campaign."""
    is_open = Recommendation.open_clause()
    overdue = Recommendation.overdue_clause(today)
    query = (
        select(
            Visit.locality_id,
            func.sum(case((is_open, 1), else_=0)).label("open"),
            func.sum(case((overdue, 1), else_=0)).label("overdue"),
            func.count().label("total"),
        )
        .join(Visit, Visit.id == Recommendation.visit_id)
        .join(VisitCampaign, VisitCampaign.visit_id == Visit.id)
        .where(
            VisitCampaign.campaign_id == campaign_id,
            Recommendation.deleted_at.is_(None),
            Visit.deleted_at.is_(None),
        )
        .group_by(Visit.locality_id)
    )
    with session_scope(engine, read_only=True) as session:
        return pd.DataFrame(
            session.execute(query).all(), columns=["locality_id", "open", "overdue", "total"]
        )


@dataclass
class OverviewView:
    """Everything the overview screen shows for one choice of filters."""

    indicators: tuple[IndicatorRecord, ...]
    table: OverviewTable
    trend: dict[int, dict[str, Figure]]
    milestones: pd.DataFrame  # locality_id, kind, label, due_date, done_date, status...
    area: frozenset[UUID]  # the localities counted
    open_recommendations: int = 0
    overdue_recommendations: int = 0
    total_recommendations: int = 0
    # As-of figures (domain/as_of.py): the one date they are read on, the latest date in
    # the range (the default), how complete each is, and each row's latest date.
    as_of: date | None = None
    as_of_latest: date | None = None
    as_of_codes: frozenset[str] = frozenset()
    coverage: dict[str, Coverage] = field(default_factory=dict)
    row_coverage: dict[tuple[UUID, str], Coverage] = field(default_factory=dict)
    row_latest: dict[UUID, date] = field(default_factory=dict)
    trend_dates: dict[int, date] = field(default_factory=dict)  # each year's latest date

    @property
    def as_of_lead(self) -> str | None:
        """The as-of indicator whose coverage speaks for a row or the view: the first in
        the campaign's order (its parts and rate share their units as a rule)."""
        return next((i.code for i in self.indicators if i.code in self.coverage), None)


def with_recommendations(view: OverviewView, counts: pd.DataFrame) -> OverviewView:
    """Open recommendations are today's state: counted over the whole area, any period."""
    counts = counts[counts["locality_id"].isin(view.area)]
    return replace(
        view,
        open_recommendations=int(counts["open"].sum()),
        overdue_recommendations=int(counts["overdue"].sum()),
        total_recommendations=int(counts["total"].sum()),
    )


def as_of_values(
    engine: Engine, campaign_id: UUID, indicator_ids: Iterable[UUID], period: Period, on: date
) -> pd.DataFrame:
    """The values of these as-of indicators ending on ``on`` and lying in ``period``,
    one per locality and indicator (the longest, the cumulative one, among equal ends),
    as rows of ``COMBINED_COLUMNS``. One probe of the (campaign, indicator, end) index."""
    values = one_value_per_period(
        IndicatorValue.campaign_id == campaign_id,
        IndicatorValue.indicator_id.in_(list(indicator_ids)),
        IndicatorValue.period_end == on,
        IndicatorValue.period_start >= period.start,
    )
    query = select(
        values.c.locality_id,
        values.c.indicator_id,
        values.c.value,
        values.c.period_start,
        values.c.period_end,
        values.c.period_label,
        values.c.is_illustrative,
    ).order_by(values.c.period_start)
    with session_scope(engine, read_only=True) as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame(
        rows,
        columns=[
            "locality_id",
            "indicator_id",
            "value",
            "period_start",
            "period_end",
            "period_label",
            "is_illustrative",
        ],
    ).drop_duplicates(["locality_id", "indicator_id"])
    return frame.assign(bucket=0, n_values=1)[COMBINED_COLUMNS].reset_index(drop=True)


def as_of_dates(
    engine: Engine, campaign_id: UUID, indicator_ids: Iterable[UUID], period: Period
) -> list[tuple[UUID, date]]:
    """(locality, end date) of every value of these as-of indicators in ``period``.
    Read only when someone asks which dates a view can be read on."""
    query = (
        select(IndicatorValue.locality_id, IndicatorValue.period_end)
        .where(
            IndicatorValue.campaign_id == campaign_id,
            IndicatorValue.indicator_id.in_(list(indicator_ids)),
            IndicatorValue.period_start >= period.start,
            IndicatorValue.period_end <= period.end,
            IndicatorValue.deleted_at.is_(None),
            IndicatorValue.is_check.is_(False),
        )
        .distinct()
    )
    with session_scope(engine, read_only=True) as session:
        return [(row[0], row[1]) for row in session.execute(query)]


def as_of_choices(
    engine: Engine,
    campaign_id: UUID,
    period: Period,
    parent_id: UUID | None,
    tree: LocalityTree,
    allowed: frozenset[UUID] | None = None,
) -> list[DateChoice]:
    """The dates a view's as-of figures can be read on, latest first, each with how many
    of the units expected on it have a value (so a complete 30/09 can be preferred over a
    partial 31/10)."""
    ids = [i.id for i in campaign_indicators(engine, campaign_id) if i.is_as_of]
    area = tree.descendants(parent_id) | {parent_id} if parent_id else set(tree.units)
    if allowed is not None:
        area &= allowed
    dated = [
        (unit, on)
        for unit, on in as_of_dates(engine, campaign_id, ids, period)
        if unit in area and valid_on(tree, unit, on)
    ]
    return date_choices(tree, {unit for unit, _ in dated}, dated)


def _on_date(frame: pd.DataFrame, tree: LocalityTree, on: date | None) -> pd.DataFrame:
    """As-of rows ending on ``on``, of units valid on that date."""
    if on is None:
        return frame.iloc[0:0]
    frame = frame[frame["period_end"] == on]
    valid = [unit for unit in frame["locality_id"].unique() if valid_on(tree, unit, on)]
    return frame[frame["locality_id"].isin(valid)]


def _units_by_indicator(frame: pd.DataFrame) -> dict[UUID, set[UUID]]:
    return {
        indicator: set(group["locality_id"])
        for indicator, group in frame.groupby("indicator_id", sort=False)
    }


def overview_figures(
    engine: Engine,
    campaign_id: UUID,
    period: Period,
    parent_id: UUID | None,
    today: date,
    tree: LocalityTree | None = None,
    allowed: frozenset[UUID] | None = None,
    on: date | None = None,
) -> OverviewView:
    """The overview's figures, milestones and area, without the recommendation counts
    (which change with every visit saved, where these change only with figures).

    Flows are summed over the range; as-of figures are read on one date for every row
    and the total: ``on`` when it lies in the range, else the latest date in the range
    on which any unit of the view has a value."""
    # The screens pass the tree they already hold (13,000 units at national scale).
    tree = locality_tree(list_localities(engine)) if tree is None else tree
    indicators = campaign_indicators(engine, campaign_id)
    defs = indicator_defs(indicators)
    as_of_ids = {i.id for i in indicators if i.is_as_of}
    area = tree.descendants(parent_id) | {parent_id} if parent_id else set(tree.units)
    if allowed is not None:
        area &= allowed
    scope = {u for u in area if tree.units[u].existed_during(period.start, period.end)}
    implementing = implementing_localities(engine, campaign_id) & scope
    # Rows without figures still count when the unit (or one below it) has a plan.
    planned = rows_holding(tree, parent_id, implementing)

    def has_plan(row: UUID) -> bool:
        return row in scope and row in planned

    def in_view(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["locality_id"].isin(area)]

    # A province's view reads its own units' spans (a few hundred units' of 13,000: the
    # first view of each province clicked on the map waited for the whole country's).
    read_only = area if len(area) <= AREA_READ_LIMIT else None
    spans = in_view(value_spans(engine, campaign_id, period, read_only))
    combined = combine_spans(spans)
    is_as_of = combined["indicator_id"].isin(as_of_ids)
    latest = combined[is_as_of]  # each unit's latest value in the range
    as_of_latest = max(latest["period_end"]) if len(latest) else None
    as_of = on if on is not None and period.start <= on <= period.end else as_of_latest
    on_date = latest.iloc[0:0]
    if as_of != as_of_latest:
        on_date = _on_date(
            in_view(as_of_values(engine, campaign_id, as_of_ids, period, as_of)), tree, as_of
        )
        if on_date.empty:  # a date chosen for another area: none of this one's dates
            as_of = as_of_latest
    if as_of == as_of_latest:
        # A unit whose latest value ends on the latest date has a value on it; any other
        # unit has none on it (else that value would be its latest).
        on_date = _on_date(latest, tree, as_of)
    figures = pd.concat([combined[~is_as_of], on_date], ignore_index=True)
    latest_by_unit = latest.groupby("locality_id")["period_end"].max().to_dict()

    def keep_row(row: UUID) -> bool:
        # A row with as-of figures in the range but none on the date is shown, as missing.
        return has_plan(row) or bool(latest_within(tree, [row], latest_by_unit))

    table = roll_up(tree, parent_id, defs, figures, keep_row=keep_row)
    coverage, row_coverage = _coverage(
        tree, table.rows, indicators, _units_by_indicator(latest), on_date, as_of
    )
    row_latest = latest_within(tree, table.rows, latest_by_unit)

    # The yearly trend shows a few indicators: roll up only those (and a rate's parts).
    trend_defs = [d for d in defs if d.code in TREND_CODES]
    trend_ids = {d.id for d in trend_defs} | {
        part for d in trend_defs for part in (d.numerator_id, d.denominator_id) if part
    }
    trend_defs += [d for d in defs if d.id in trend_ids and d not in trend_defs]
    yearly = _by_year(
        spans[spans["indicator_id"].isin(trend_ids)], tree, parent_id, trend_defs, as_of_ids
    )
    trend = {year: totals for year, (totals, _, _) in yearly.items()}
    trend_dates = {year: last for year, (_, last, _) in yearly.items()}

    milestones = implementation_milestones(engine, today, campaign_id=campaign_id)
    milestones = milestones[milestones["locality_id"].isin(scope)]

    return OverviewView(
        indicators=indicators,
        table=table,
        trend=trend,
        milestones=milestones,
        area=frozenset(area),
        as_of=as_of,
        as_of_latest=as_of_latest,
        as_of_codes=frozenset(i.code for i in indicators if i.is_as_of),
        coverage=coverage,
        row_coverage=row_coverage,
        row_latest=row_latest,
        trend_dates=trend_dates,
    )


def _by_year(
    spans: pd.DataFrame,
    tree: LocalityTree,
    parent_id: UUID | None,
    defs: list[IndicatorDef],
    as_of_ids: set[UUID],
) -> dict[int, tuple[dict[str, Figure], date, pd.DataFrame]]:
    """Per calendar year (values lying within it): the totals below ``parent_id``, flows
    summed and as-of figures read on the year's own latest date; the year's latest date
    of any value (before 31/12: a partial year); the as-of rows counted."""
    found = {}
    for year, group in combine_spans(spans, by_year=True).groupby("bucket"):
        as_of = group["indicator_id"].isin(as_of_ids)
        on = max(group.loc[as_of, "period_end"], default=None)
        on_date = _on_date(group[as_of], tree, on)
        figures = pd.concat([group[~as_of], on_date], ignore_index=True)
        totals = roll_up(tree, parent_id, defs, figures).totals
        found[int(year)] = (totals, max(group["period_end"]), on_date)
    return found


def campaigns_with_figures(engine: Engine, locality_ids: Iterable[UUID]) -> set[UUID]:
    """The campaigns with figures of any of these units (a province's area)."""
    query = (
        select(IndicatorSpan.campaign_id)
        .where(IndicatorSpan.locality_id.in_(list(locality_ids)))
        .distinct()
    )
    with session_scope(engine, read_only=True) as session:
        return set(session.scalars(query))


@dataclass(frozen=True)
class UnitYears:
    """A unit above a commune: its units' figures totalled year by year by the
    overview's rules (a province that absorbed another carries that one's history)."""

    indicators: tuple[IndicatorRecord, ...]
    totals: dict[int, dict[str, Figure]]
    last_dates: dict[int, date]  # each year's latest date (before 31/12: partial)
    coverage: dict[int, dict[str, Coverage]]  # as-of figures, on each year's date
    # The whole range, with the figures whose period spans two years ("năm 2022–2023").
    years: tuple[int, int] | None = None
    whole: dict[str, Figure] = field(default_factory=dict)
    whole_as_of: date | None = None


def unit_years(
    engine: Engine,
    campaign_id: UUID,
    unit_id: UUID,
    tree: LocalityTree,
    allowed: frozenset[UUID] | None = None,
) -> UnitYears:
    """Reads the spans of the unit's own area only (a province: a few hundred units)."""
    indicators = campaign_indicators(engine, campaign_id)
    as_of_ids = {i.id for i in indicators if i.is_as_of}
    years = value_years(engine, campaign_id)
    area = tree.descendants(unit_id) | {unit_id}
    if allowed is not None:
        area &= allowed
    if years is None or not area:
        return UnitYears(indicators, {}, {}, {})
    spans = value_spans(engine, campaign_id, Period.years(*years), area)
    spans = spans[spans["locality_id"].isin(area)]
    defs = indicator_defs(indicators)
    yearly = _by_year(spans, tree, unit_id, defs, as_of_ids)
    combined = combine_spans(spans)
    is_as_of = combined["indicator_id"].isin(as_of_ids)
    whole_as_of = max(combined.loc[is_as_of, "period_end"], default=None)
    whole = roll_up(
        tree,
        unit_id,
        defs,
        pd.concat(
            [combined[~is_as_of], _on_date(combined[is_as_of], tree, whole_as_of)],
            ignore_index=True,
        ),
    ).totals
    coverage = {}
    single = combine_spans(spans[spans["indicator_id"].isin(as_of_ids)], by_year=True)
    for year, (_, _, on_date) in yearly.items():
        if on_date.empty:
            continue
        reporters = single[single["bucket"] == year]
        coverage[year], _ = _coverage(
            tree,
            [],
            indicators,
            _units_by_indicator(reporters),
            on_date,
            max(on_date["period_end"]),
        )
    return UnitYears(
        indicators,
        {year: totals for year, (totals, _, _) in yearly.items()},
        {year: last for year, (_, last, _) in yearly.items()},
        coverage,
        years,
        whole,
        whole_as_of,
    )


def _coverage(
    tree: LocalityTree,
    rows: list[UUID],
    indicators: tuple[IndicatorRecord, ...],
    reporters: dict[UUID, set[UUID]],
    on_date: pd.DataFrame,
    as_of: date | None,
) -> tuple[dict[str, Coverage], dict[tuple[UUID, str], Coverage]]:
    """Per as-of indicator, in total and per row: the units with a value on the date
    out of those expected on it. A rate counts the units with both its parts (or the
    rate itself) on the date."""
    present = _units_by_indicator(on_date)
    totals: dict[str, Coverage] = {}
    by_row: dict[tuple[UUID, str], Coverage] = {}
    if as_of is None:
        return totals, by_row
    for indicator in indicators:
        if not indicator.is_as_of:
            continue
        expected = set(reporters.get(indicator.id, set()))
        have = set(present.get(indicator.id, set()))
        if indicator.kind == "ratio" and indicator.numerator_id and indicator.denominator_id:
            expected |= reporters.get(indicator.numerator_id, set())
            have |= present.get(indicator.numerator_id, set()) & present.get(
                indicator.denominator_id, set()
            )
        totals[indicator.code] = coverage_on(tree, expected, have, as_of)
        for row, cover in row_coverage(tree, rows, expected, have, as_of).items():
            by_row[(row, indicator.code)] = cover
    return totals, by_row
