"""Aggregate reads for the dashboards: small frames computed in SQL.

Each indicator value is combined over time here, per locality, by its indicator's rule:
``sum`` adds the values whose period lies inside the range (flows); ``latest`` keeps the
value with the latest end inside the range (cumulative or as-of figures: adding a
6-month and a 9-month cumulative figure is the classic wrong number). Ratios reported
by localities are kept as ``latest`` too; the domain recomputes them from their parts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from uuid import UUID

import pandas as pd
from sqlalchemy import (
    Engine,
    String,
    case,
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
from data_access.spans import SPAN_FIELDS, spans_query
from domain.figures import Figure
from domain.localities import LocalityTree
from domain.milestones import milestone_status
from domain.overview import OverviewTable, OwnFigures, build_overview
from domain.periods import Period

# The indicators the overview follows year by year.
TREND_CODES = ("works_count", "total_investment", "disbursed_capital", "disbursement_rate")
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
SPAN_COLUMNS = SPAN_FIELDS[1:]  # one campaign at a time


def value_spans(engine: Engine, campaign_id: UUID, period: Period) -> pd.DataFrame:
    """Each locality's values over ``period`` combined per indicator and *span* (the
    calendar years its values start and end in; see data_access/spans.py). One pass
    gives both the whole period and its years (``combine_spans``). A period of whole
    years reads the kept spans; any other is combined from the values."""
    if period == Period.years(period.start.year, period.end.year):
        query = select(
            *[IndicatorSpan.__table__.c[name] for name in SPAN_COLUMNS],
        ).where(
            IndicatorSpan.campaign_id == campaign_id,
            IndicatorSpan.first_year >= period.start.year,
            IndicatorSpan.last_year <= period.end.year,
        )
    else:
        computed = spans_query(
            IndicatorValue.campaign_id == campaign_id,
            IndicatorValue.period_start >= period.start,
            IndicatorValue.period_end <= period.end,
        ).subquery()
        query = select(*[computed.c[name] for name in SPAN_COLUMNS])
    # Ids and dates come back as text (SQLite) and are converted once per distinct value,
    # not once per row: a few thousand ids and a few dozen dates for 160,000 spans.
    query = select(
        *[
            type_coerce(column, String).label(column.name)
            if column.name in ("locality_id", "indicator_id", "period_start", "period_end")
            else column
            for column in query.subquery().c
        ]
    )
    with session_scope(engine, read_only=True) as session:
        rows = [tuple(row) for row in session.execute(query)]
    frame = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    for column in ("locality_id", "indicator_id"):
        frame[column] = _as_uuids(frame[column])
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


def own_figures(combined: pd.DataFrame) -> OwnFigures:
    """The combined frame as domain figures, keyed by (locality, indicator)."""
    columns = [
        combined[name].tolist()
        for name in (
            "locality_id",
            "indicator_id",
            "value",
            "is_illustrative",
            "period_start",
            "period_end",
        )
    ]
    return {
        (locality, indicator): Figure(float(value), 1, bool(illustrative), start, end)
        for locality, indicator, value, illustrative, start, end in zip(*columns, strict=True)
    }


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
    tree: LocalityTree | None = None,
    allowed: frozenset[UUID] | None = None,
) -> OverviewView:
    """The overview's figures, milestones and area, without the recommendation counts
    (which change with every visit saved, where these change only with figures)."""
    # The screens pass the tree they already hold (13,000 units at national scale).
    tree = locality_tree(list_localities(engine)) if tree is None else tree
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

    # The yearly trend shows a few indicators: roll up only those (and a rate's parts).
    trend_defs = [d for d in defs if d.code in TREND_CODES]
    trend_ids = {d.id for d in trend_defs} | {
        part for d in trend_defs for part in (d.numerator_id, d.denominator_id) if part
    }
    trend_defs += [d for d in defs if d.id in trend_ids and d not in trend_defs]
    by_year = combine_spans(spans[spans["indicator_id"].isin(trend_ids)], by_year=True)
    trend = {
        int(year): build_overview(tree, parent_id, trend_defs, own_figures(group)).totals
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
