"""Aggregate reads for the dashboards: small frames computed in SQL.

Each indicator value is combined over time here, per locality, by its indicator's rule:
``sum`` adds the values whose period lies inside the range (flows); ``latest`` keeps the
value with the latest end inside the range (cumulative or as-of figures: adding a
6-month and a 9-month cumulative figure is the classic wrong number). Ratios reported
by localities are kept as ``latest`` too; the domain recomputes them from their parts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

import pandas as pd
from sqlalchemy import (
    Engine,
    String,
    and_,
    case,
    extract,
    func,
    literal,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import aliased

from data_access.catalogue import (
    campaign_indicators,
    indicator_defs,
    list_localities,
    locality_tree,
)
from data_access.db import session_scope
from data_access.models import (
    Implementation,
    Indicator,
    IndicatorValue,
    Milestone,
    Recommendation,
    Visit,
    VisitCampaign,
)
from domain.figures import Figure
from domain.milestones import milestone_status
from domain.overview import OverviewTable, OwnFigures, build_overview
from domain.periods import Period

COMBINED_COLUMNS = [
    "locality_id",
    "indicator_id",
    "bucket",
    "value",
    "n_values",
    "period_start",
    "period_end",
    "period_label",
    "is_illustrative",
]
SPAN_COLUMNS = [
    "locality_id",
    "indicator_id",
    "first_year",
    "last_year",
    "value",
    "n_values",
    "period_start",
    "period_end",
    "period_label",
    "is_illustrative",
    "is_flow",
]


def _one_value_per_period(campaign_id: UUID, period: Period):
    """The values inside the period, one per locality, indicator and exact period: a real
    figure wins over an illustrative one, then the most recently saved (a figure
    re-reported at a visit replaces the earlier one rather than adding to it).

    Written as "no better value exists" rather than a window over all values: each
    check is one probe of the lookup index, where a window sorts every value."""
    better = aliased(IndicatorValue)
    outranked = (
        select(literal(1))
        .where(
            better.campaign_id == IndicatorValue.campaign_id,
            better.locality_id == IndicatorValue.locality_id,
            better.indicator_id == IndicatorValue.indicator_id,
            better.period_start == IndicatorValue.period_start,
            better.period_end == IndicatorValue.period_end,
            better.deleted_at.is_(None),
            better.id != IndicatorValue.id,
            tuple_(case((better.is_illustrative, 0), else_=1), better.updated_at, better.id)
            > tuple_(
                case((IndicatorValue.is_illustrative, 0), else_=1),
                IndicatorValue.updated_at,
                IndicatorValue.id,
            ),
        )
        .exists()
    )
    return (
        select(
            IndicatorValue.locality_id,
            IndicatorValue.indicator_id,
            IndicatorValue.period_start,
            IndicatorValue.period_end,
            IndicatorValue.period_label,
            IndicatorValue.value,
            IndicatorValue.is_illustrative,
        )
        .where(
            IndicatorValue.campaign_id == campaign_id,
            IndicatorValue.deleted_at.is_(None),
            IndicatorValue.period_start >= period.start,
            IndicatorValue.period_end <= period.end,
            ~outranked,
        )
        .subquery("value_in_period")
    )


def value_spans(engine: Engine, campaign_id: UUID, period: Period) -> pd.DataFrame:
    """Each locality's values over ``period`` combined per indicator and *span* (the
    calendar years its values start and end in). Spans compose exactly: a flow over a
    range of years is the sum of its spans, a latest figure the latest of theirs. So one
    pass over the values gives both the whole period and its years (``combine_spans``)."""
    values = _one_value_per_period(campaign_id, period)
    first_year = extract("year", values.c.period_start)
    last_year = extract("year", values.c.period_end)
    # Ids come back as text and are turned into UUIDs once per distinct value, not per row.
    locality = type_coerce(values.c.locality_id, String).label("locality_id")
    indicator = type_coerce(values.c.indicator_id, String).label("indicator_id")
    flows = (
        select(
            locality,
            indicator,
            first_year.label("first_year"),
            last_year.label("last_year"),
            func.sum(values.c.value).label("value"),
            func.count().label("n_values"),
            func.min(values.c.period_start).label("period_start"),
            func.max(values.c.period_end).label("period_end"),
            func.min(values.c.period_label).label("period_label"),
            func.max(case((values.c.is_illustrative, 1), else_=0)).label("is_illustrative"),
            literal(1).label("is_flow"),
        )
        .join(Indicator, Indicator.id == values.c.indicator_id)
        .where(Indicator.time_rule == "sum", Indicator.kind == "raw")
        .group_by(values.c.locality_id, values.c.indicator_id, first_year, last_year)
    )
    ranked = (
        select(
            locality,
            indicator,
            first_year.label("first_year"),
            last_year.label("last_year"),
            values.c.value,
            literal(1).label("n_values"),
            values.c.period_start,
            values.c.period_end,
            values.c.period_label,
            case((values.c.is_illustrative, 1), else_=0).label("is_illustrative"),
            literal(0).label("is_flow"),
            func.row_number()
            .over(
                partition_by=(values.c.locality_id, values.c.indicator_id, first_year, last_year),
                # Latest end first; among equal ends the longest range (the cumulative one).
                order_by=(values.c.period_end.desc(), values.c.period_start.asc()),
            )
            .label("rank"),
        )
        .join(Indicator, Indicator.id == values.c.indicator_id)
        .where(or_(Indicator.time_rule == "latest", Indicator.kind == "ratio"))
        .subquery()
    )
    latest = select(*[c for c in ranked.c if c.name != "rank"]).where(ranked.c.rank == 1)
    with session_scope(engine, read_only=True) as session:
        rows = [tuple(row) for row in session.execute(flows.union_all(latest))]
    frame = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    for column in ("locality_id", "indicator_id"):
        frame[column] = _as_uuids(frame[column])
    for column in ("period_start", "period_end"):
        frame[column] = _as_dates(frame[column])
    frame["is_illustrative"] = frame["is_illustrative"].astype(bool)
    return frame


def _as_uuids(column: pd.Series) -> pd.Series:
    """Text ids (SQLite) as UUIDs; PostgreSQL already gives UUIDs."""
    known = {value: value if isinstance(value, UUID) else UUID(value) for value in column.unique()}
    return column.map(known).astype(object)


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
    flows = (
        spans[spans["is_flow"] == 1]
        .groupby(keys, sort=False)
        .agg(
            value=("value", "sum"),
            n_values=("n_values", "sum"),
            period_start=("period_start", "min"),
            period_end=("period_end", "max"),
            period_label=("period_label", "min"),
            is_illustrative=("is_illustrative", "max"),
        )
        .reset_index()
    )
    latest = (
        spans[spans["is_flow"] == 0]
        .assign(_start=lambda f: f["period_start"].map(date.toordinal))
        .sort_values(["period_end", "_start"], ascending=[False, True], kind="stable")
        .drop_duplicates(keys)
    )
    frame = pd.concat([flows, latest], ignore_index=True)
    frame["bucket"] = 0
    return frame[COMBINED_COLUMNS].reset_index(drop=True)


def combined_values(
    engine: Engine, campaign_id: UUID, period: Period, *, by_year: bool = False
) -> pd.DataFrame:
    """Each locality's own figure per indicator over ``period`` (or per calendar year
    inside it, counting only values that lie within one year)."""
    return combine_spans(value_spans(engine, campaign_id, period), by_year=by_year)


def own_figures(combined: pd.DataFrame) -> OwnFigures:
    """The combined frame as domain figures, keyed by (locality, indicator)."""
    return {
        (row.locality_id, row.indicator_id): Figure(
            value=float(row.value),
            reporting=1,
            is_illustrative=bool(row.is_illustrative),
            period_start=row.period_start,
            period_end=row.period_end,
        )
        for row in combined.itertuples(index=False)
    }


def value_years(engine: Engine, campaign_id: UUID) -> tuple[int, int] | None:
    """First and last year with figures for a campaign."""
    query = select(
        func.min(IndicatorValue.period_start), func.max(IndicatorValue.period_end)
    ).where(IndicatorValue.campaign_id == campaign_id, IndicatorValue.deleted_at.is_(None))
    with session_scope(engine, read_only=True) as session:
        first, last = session.execute(query).one()
    if first is None:
        return None
    return first.year, last.year


def implementation_milestones(
    engine: Engine,
    today: date,
    *,
    campaign_id: UUID | None = None,
    locality_id: UUID | None = None,
) -> pd.DataFrame:
    """Milestones of implementations (of a campaign, or of a locality), with where each
    stands on ``today``."""
    columns = [
        "locality_id",
        "campaign_id",
        "plan_document",
        "plan_date",
        "kind",
        "label",
        "due_date",
        "done_date",
        "is_done",
        "is_illustrative",
    ]
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
    with session_scope(engine, read_only=True) as session:
        frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    frame["status"] = [
        milestone_status(row.due_date, row.done_date, today, is_done=bool(row.is_done))
        for row in frame.itertuples(index=False)
    ]
    return frame


def implementing_localities(engine: Engine, campaign_id: UUID) -> set[UUID]:
    query = select(Implementation.locality_id).where(
        Implementation.campaign_id == campaign_id, Implementation.deleted_at.is_(None)
    )
    with session_scope(engine, read_only=True) as session:
        return set(session.scalars(query))


def recommendation_counts(engine: Engine, campaign_id: UUID, today: date) -> pd.DataFrame:
    """Open and overdue recommendations per visited locality for a campaign."""
    is_open = Recommendation.status.in_(("open", "in_progress"))
    overdue = and_(is_open, Recommendation.due_date.is_not(None), Recommendation.due_date < today)
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

    indicators: pd.DataFrame
    table: OverviewTable
    trend: dict[int, dict[str, Figure]]
    milestones: pd.DataFrame  # locality_id, kind, label, due_date, done_date, status...
    area: frozenset[UUID]  # the localities counted
    open_recommendations: int = 0
    overdue_recommendations: int = 0
    total_recommendations: int = 0


def overview_view(
    engine: Engine,
    campaign_id: UUID,
    period: Period,
    parent_id: UUID | None,
    today: date,
    localities: pd.DataFrame | None = None,
    allowed: frozenset[UUID] | None = None,
) -> OverviewView:
    """Everything the overview shows; ``allowed``: the localities this user may see
    (None: all), nothing else is counted."""
    view = overview_figures(engine, campaign_id, period, parent_id, today, localities, allowed)
    return with_recommendations(view, recommendation_counts(engine, campaign_id, today))


def with_recommendations(view: OverviewView, counts: pd.DataFrame) -> OverviewView:
    """Open recommendations are today's state: counted over the whole area, any period."""
    counts = counts[counts["locality_id"].isin(view.area)]
    return replace(
        view,
        open_recommendations=int(counts["open"].sum()),
        overdue_recommendations=int(counts["overdue"].sum()),
        total_recommendations=int(counts["total"].sum()),
    )


def overview_figures(
    engine: Engine,
    campaign_id: UUID,
    period: Period,
    parent_id: UUID | None,
    today: date,
    localities: pd.DataFrame | None = None,
    allowed: frozenset[UUID] | None = None,
) -> OverviewView:
    """The overview's figures, milestones and area, without the recommendation counts
    (which change with every visit saved, where these change only with figures)."""
    localities = list_localities(engine) if localities is None else localities
    tree = locality_tree(localities)
    indicators = campaign_indicators(engine, campaign_id)
    defs = indicator_defs(indicators)
    area = tree.descendants(parent_id) | {parent_id} if parent_id else set(tree.units)
    if allowed is not None:
        area &= allowed
    scope = {u for u in area if tree.units[u].existed_during(period.start, period.end)}
    implementing = implementing_localities(engine, campaign_id) & scope

    def has_plan(row: UUID) -> bool:
        # Rows without figures still count when the unit (or one below it) has a plan.
        return row in scope and (row in implementing or bool(tree.descendants(row) & implementing))

    def visible(frame: pd.DataFrame) -> pd.DataFrame:
        return frame if allowed is None else frame[frame["locality_id"].isin(allowed)]

    spans = visible(value_spans(engine, campaign_id, period))
    figures = own_figures(combine_spans(spans))
    table = build_overview(tree, parent_id, defs, figures, keep_row=has_plan)

    by_year = combine_spans(spans, by_year=True)
    trend = {
        int(year): build_overview(tree, parent_id, defs, own_figures(group)).totals
        for year, group in by_year.groupby("bucket")
    }

    milestones = implementation_milestones(engine, today, campaign_id=campaign_id)
    milestones = milestones[milestones["locality_id"].isin(scope)]

    return OverviewView(
        indicators=indicators,
        table=table,
        trend=trend,
        milestones=milestones,
        area=frozenset(area),
    )
