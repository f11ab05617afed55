"""Indicator values combined per *span*, kept up to date with the values.

A span is a locality's values of one indicator in one campaign whose periods start in
one calendar year and end in another (mostly the same): flows summed, the latest of the
others kept. Spans compose exactly over any range of whole years (a flow is the sum of
its spans, a latest figure the latest of theirs), so the dashboards read spans, about a
quarter as many rows as values, instead of combining every value on each cold read.

The ``indicator_span`` table is refreshed in the transaction that changes the values:
the ORM session notes which (campaign, locality, indicator) it touched and recomputes
just those before it commits. Bulk loads that bypass the ORM call ``rebuild_spans``.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import (
    Connection,
    and_,
    case,
    delete,
    event,
    exists,
    extract,
    false,
    func,
    insert,
    inspect,
    literal,
    or_,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from data_access.models import Indicator, IndicatorSpan, IndicatorValue

Triple = tuple[UUID, UUID, UUID]  # campaign, locality, indicator
TOUCHED_VALUES = "touched_value_triples"
# A figure as shown: its value, how many reported values it stands for, their period.
FIGURE_FIELDS = [
    "value",
    "n_values",
    "period_start",
    "period_end",
    "period_label",
    "is_illustrative",
]
SPAN_FIELDS = [
    "campaign_id",
    "locality_id",
    "indicator_id",
    "first_year",
    "last_year",
    *FIGURE_FIELDS,
    "is_flow",
]


def one_value_per_period(*conditions):
    """The values (meeting ``conditions``), one per campaign, locality, indicator and
    exact period: a real figure wins over an illustrative one, then the most recently
    saved (a figure re-reported at a visit replaces the earlier one, never adds to it).

    Written as "no better value exists" rather than a window over all values: each
    check is one probe of the period index, where a window sorts every value."""
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
            better.is_check.is_(False),
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
            IndicatorValue.campaign_id,
            IndicatorValue.locality_id,
            IndicatorValue.indicator_id,
            IndicatorValue.period_start,
            IndicatorValue.period_end,
            IndicatorValue.period_label,
            IndicatorValue.value,
            IndicatorValue.is_illustrative,
        )
        .where(
            IndicatorValue.campaign_id.is_not(None),
            IndicatorValue.deleted_at.is_(None),
            IndicatorValue.is_check.is_(False),  # a check figure is never added
            ~outranked,
            *conditions,
        )
        .subquery("value_in_period")
    )


def spans_query(*conditions):
    """Spans of the values meeting ``conditions``, as rows of ``SPAN_FIELDS``."""
    values = one_value_per_period(*conditions)
    first_year = extract("year", values.c.period_start)
    last_year = extract("year", values.c.period_end)
    keys = (values.c.campaign_id, values.c.locality_id, values.c.indicator_id)
    flows = (
        select(
            *keys,
            first_year.label("first_year"),
            last_year.label("last_year"),
            func.sum(values.c.value).label("value"),
            func.count().label("n_values"),
            func.min(values.c.period_start).label("period_start"),
            func.max(values.c.period_end).label("period_end"),
            func.min(values.c.period_label).label("period_label"),
            (func.max(case((values.c.is_illustrative, 1), else_=0)) > 0).label("is_illustrative"),
            true().label("is_flow"),
        )
        .join(Indicator, Indicator.id == values.c.indicator_id)
        .where(Indicator.time_rule == "sum", Indicator.kind == "raw")
        .group_by(*keys, first_year, last_year)
    )
    ranked = (
        select(
            *keys,
            first_year.label("first_year"),
            last_year.label("last_year"),
            values.c.value,
            literal(1).label("n_values"),
            values.c.period_start,
            values.c.period_end,
            values.c.period_label,
            values.c.is_illustrative,
            false().label("is_flow"),
            func.row_number()
            .over(
                partition_by=(*keys, first_year, last_year),
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
    return flows.union_all(latest)


def refresh_spans(connection: Connection | Session, triples: Iterable[Triple]) -> None:
    """Recompute the spans of these (campaign, locality, indicator) triples."""
    triples = sorted(set(triples))
    for start in range(0, len(triples), 200):
        chunk = triples[start : start + 200]
        key = tuple_(
            IndicatorSpan.campaign_id, IndicatorSpan.locality_id, IndicatorSpan.indicator_id
        )
        connection.execute(
            delete(IndicatorSpan).where(key.in_(chunk)),
            execution_options={"synchronize_session": False},  # no span is an ORM object
        )
        value_key = tuple_(
            IndicatorValue.campaign_id, IndicatorValue.locality_id, IndicatorValue.indicator_id
        )
        connection.execute(
            insert(IndicatorSpan).from_select(SPAN_FIELDS, spans_query(value_key.in_(chunk)))
        )


def rebuild_spans(connection: Connection | Session) -> None:
    """Recompute every span (after a bulk load, or on a database that has none yet)."""
    if _dialect(connection) == "postgresql":
        # Rows loaded in bulk, in this very transaction, have no statistics yet: without
        # them the planner probes "no better value exists" through the campaign's index,
        # which returns every commune of the quarter, and the rebuild grows with the square
        # of the communes. ANALYZE runs inside the transaction and sees its own rows.
        connection.execute(text("ANALYZE indicator_value"))
    connection.execute(delete(IndicatorSpan), execution_options={"synchronize_session": False})
    connection.execute(insert(IndicatorSpan).from_select(SPAN_FIELDS, spans_query()))


def _dialect(connection: Connection | Session) -> str:
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    return bind.dialect.name


def spans_missing(connection: Connection | Session) -> bool:
    """Values with a campaign but no span at all: a database from before the table."""
    has_values = exists().where(IndicatorValue.campaign_id.is_not(None))
    has_spans = exists().where(IndicatorSpan.campaign_id.is_not(None))
    return bool(connection.execute(select(and_(has_values, ~has_spans))).scalar())


# --- upkeep in the transaction that changes the values ---------------------------------


def _triples_of(value: IndicatorValue) -> set[Triple]:
    """The triple a value belongs to now, and the one it belonged to if that changed."""
    triples = set()
    current = (value.campaign_id, value.locality_id, value.indicator_id)
    if None not in current:
        triples.add(current)
    state = inspect(value)
    if state.persistent:
        old = []
        for name in ("campaign_id", "locality_id", "indicator_id"):
            history = state.attrs[name].history
            old.append(history.deleted[0] if history.deleted else getattr(value, name))
        if None not in old:
            triples.add(tuple(old))
    return triples


@event.listens_for(Session, "before_flush")
def _note_touched_values(session: Session, _context, _instances) -> None:
    for record in (*session.new, *session.dirty, *session.deleted):
        if isinstance(record, IndicatorValue):
            session.info.setdefault(TOUCHED_VALUES, set()).update(_triples_of(record))


@event.listens_for(Session, "before_commit")
def _refresh_touched_spans(session: Session) -> None:
    session.flush()
    triples = session.info.pop(TOUCHED_VALUES, None)
    if triples:
        refresh_spans(session, triples)
