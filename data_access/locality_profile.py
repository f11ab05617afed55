"""Reads for one locality's profile: figures over time, works, milestones, visits,
findings and recommendations (open first), each as plain records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data_access.catalogue import IndicatorLabel, indicator_label_columns
from data_access.dashboard import MilestoneRecord, milestone_records
from data_access.db import fetch_records, session_scope
from data_access.flows import restated_sum
from data_access.models import (
    Campaign,
    Delegation,
    Finding,
    Implementation,
    Indicator,
    IndicatorValue,
    Locality,
    LocalitySuccession,
    Recommendation,
    Visit,
    VisitCampaign,
    Work,
)
from domain.figures import RatioParts, rates_not_reported
from domain.recommendations import days_overdue, is_open


@dataclass(frozen=True)
class LocalityFigure(IndicatorLabel):
    """One of the locality's own figures; ``is_computed``: a rate worked out from its
    reported parts, for a period where the rate itself was not reported."""

    campaign_id: UUID
    indicator_id: UUID
    kind: str
    time_rule: str
    sort_order: int
    period_start: date
    period_end: date
    period_label: str | None
    value: float
    source: str | None
    is_illustrative: bool
    is_check: bool = False  # restates periods already recorded: shown, never added
    restated: float | None = None  # for a check figure: the sum of what it restates
    is_computed: bool = False


@dataclass(frozen=True)
class PlanRecord:
    """The locality's implementation plan of a campaign."""

    id: UUID
    campaign_id: UUID
    plan_document: str | None
    plan_date: date | None
    note: str | None
    is_illustrative: bool


@dataclass(frozen=True)
class WorkRecord:
    campaign_id: UUID | None
    name: str
    category: str | None
    investor: str | None
    total_investment: float | None  # tỷ đồng
    start_date: date | None
    planned_end_date: date | None
    status: str
    progress_percent: float | None
    is_key_project: bool
    source: str | None
    is_illustrative: bool


@dataclass(frozen=True)
class ProfileVisit:
    visit_id: UUID
    campaign_id: UUID
    visit_date: date
    time_of_day: str | None
    delegation: str | None
    venue: str | None
    status: str
    summary: str | None
    source: str | None
    is_illustrative: bool


@dataclass(frozen=True)
class ProfileFinding:
    visit_id: UUID
    visit_date: date
    kind: str
    text: str
    is_illustrative: bool


@dataclass(frozen=True)
class ProfileRecommendation:
    id: UUID
    visit_id: UUID
    visit_date: date
    direction: str
    addressee: str | None
    text: str
    due_date: date | None
    status: str
    priority: str
    is_illustrative: bool
    is_open: bool
    days_overdue: int


@dataclass(frozen=True)
class Succession:
    """A unit this one became (or came from) on a reorganisation."""

    name: str
    code: str
    kind: str  # vocabulary.SUCCESSION_KINDS


@dataclass(frozen=True)
class LocalityProfile:
    id: UUID
    code: str
    name: str
    level: str
    parent_name: str | None
    parent_valid_to: date | None
    valid_from: date | None
    valid_to: date | None
    successors: tuple[Succession, ...] = ()
    predecessors: tuple[Succession, ...] = ()
    campaign_ids: tuple[UUID, ...] = ()  # the campaigns it took part in, newest first
    values: tuple[LocalityFigure, ...] = ()
    implementations: tuple[PlanRecord, ...] = ()
    milestones: tuple[MilestoneRecord, ...] = ()
    works: tuple[WorkRecord, ...] = ()
    visits: tuple[ProfileVisit, ...] = ()
    findings: tuple[ProfileFinding, ...] = ()
    recommendations: tuple[ProfileRecommendation, ...] = ()


def locality_profile(engine: Engine, locality_id: UUID, today: date) -> LocalityProfile:
    with session_scope(engine, read_only=True) as session:
        unit = session.get_one(Locality, locality_id)
        parent = session.get(Locality, unit.parent_id) if unit.parent_id else None
        profile = LocalityProfile(
            id=unit.id,
            code=unit.code,
            name=unit.name,
            level=unit.level,
            parent_name=parent.name if parent else None,
            parent_valid_to=parent.valid_to if parent else None,
            valid_from=unit.valid_from,
            valid_to=unit.valid_to,
            successors=_successions(session, locality_id, forward=True),
            predecessors=_successions(session, locality_id, forward=False),
            values=_values(session, locality_id),
            implementations=_plans(session, locality_id),
            works=_works(session, locality_id),
            visits=_visits(session, locality_id),
            findings=_findings(session, locality_id),
            recommendations=_recommendations(session, locality_id, today),
        )
        profile = replace(profile, campaign_ids=_campaign_ids(session, profile))
    # Its own short session: the same query serves the overview's milestone matrix.
    return replace(profile, milestones=milestone_records(engine, today, locality_id=locality_id))


def _successions(session: Session, locality_id: UUID, *, forward: bool) -> tuple[Succession, ...]:
    mine, other = (LocalitySuccession.predecessor_id, LocalitySuccession.successor_id)
    if not forward:
        mine, other = other, mine
    query = (
        select(Locality.name, Locality.code, LocalitySuccession.kind)
        .join(Locality, Locality.id == other)
        .where(mine == locality_id)
        .order_by(Locality.code)
    )
    return fetch_records(session, query, Succession)


def _campaign_ids(session: Session, profile: LocalityProfile) -> tuple[UUID, ...]:
    campaign_ids = (
        {v.campaign_id for v in profile.values}
        | {p.campaign_id for p in profile.implementations}
        | {v.campaign_id for v in profile.visits}
        | {w.campaign_id for w in profile.works if w.campaign_id is not None}
    )
    query = (
        select(Campaign.id)
        .where(Campaign.id.in_(campaign_ids))
        .order_by(Campaign.start_date.desc())
    )
    return tuple(session.scalars(query))


def _plans(session: Session, locality_id: UUID) -> tuple[PlanRecord, ...]:
    query = select(
        Implementation.id,
        Implementation.campaign_id,
        Implementation.plan_document,
        Implementation.plan_date,
        Implementation.note,
        Implementation.is_illustrative,
    ).where(Implementation.locality_id == locality_id, Implementation.deleted_at.is_(None))
    return fetch_records(session, query, PlanRecord)


def _works(session: Session, locality_id: UUID) -> tuple[WorkRecord, ...]:
    query = (
        select(
            Work.campaign_id,
            Work.name,
            Work.category,
            Work.investor,
            Work.total_investment,
            Work.start_date,
            Work.planned_end_date,
            Work.status,
            Work.progress_percent,
            Work.is_key_project,
            Work.source,
            Work.is_illustrative,
        )
        .where(Work.locality_id == locality_id, Work.deleted_at.is_(None))
        .order_by(Work.is_key_project.desc(), Work.name)
    )
    return fetch_records(session, query, WorkRecord)


def _visits(session: Session, locality_id: UUID) -> tuple[ProfileVisit, ...]:
    query = (
        select(
            Visit.id,
            VisitCampaign.campaign_id,
            Visit.visit_date,
            Visit.time_of_day,
            Delegation.name,
            Visit.venue,
            Visit.status,
            Visit.summary,
            Visit.source,
            Visit.is_illustrative,
        )
        .join(VisitCampaign, VisitCampaign.visit_id == Visit.id)
        .outerjoin(Delegation, Delegation.id == Visit.delegation_id)
        .where(Visit.locality_id == locality_id, Visit.deleted_at.is_(None))
        .order_by(Visit.visit_date.desc())
    )
    return fetch_records(session, query, ProfileVisit)


def _findings(session: Session, locality_id: UUID) -> tuple[ProfileFinding, ...]:
    query = (
        select(Visit.id, Visit.visit_date, Finding.kind, Finding.text, Finding.is_illustrative)
        .join(Visit, Visit.id == Finding.visit_id)
        .where(
            Visit.locality_id == locality_id,
            Finding.deleted_at.is_(None),
            Visit.deleted_at.is_(None),
        )
        .order_by(Visit.visit_date.desc(), Finding.sort_order)
    )
    return fetch_records(session, query, ProfileFinding)


def _values(session: Session, locality_id: UUID) -> tuple[LocalityFigure, ...]:
    """The locality's own figures, plus the rates computed for periods where both parts
    were reported but the rate itself was not (``domain.figures.rates_not_reported``)."""
    query = (
        select(
            *indicator_label_columns(),
            IndicatorValue.campaign_id,
            Indicator.id,
            Indicator.kind,
            Indicator.time_rule,
            Indicator.sort_order,
            IndicatorValue.period_start,
            IndicatorValue.period_end,
            IndicatorValue.period_label,
            IndicatorValue.value,
            IndicatorValue.source,
            IndicatorValue.is_illustrative,
            IndicatorValue.is_check,
            restated_sum(),
        )
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(IndicatorValue.locality_id == locality_id, IndicatorValue.deleted_at.is_(None))
        .order_by(IndicatorValue.period_end, Indicator.sort_order)
    )
    reported = fetch_records(session, query, LocalityFigure)
    ratios = {
        ratio.id: ratio
        for ratio in session.execute(
            select(Indicator).where(Indicator.kind == "ratio", Indicator.deleted_at.is_(None))
        ).scalars()
    }
    by_key = {
        (v.campaign_id, v.indicator_id, v.period_start, v.period_end): v
        for v in reported
        if not v.is_check
    }
    computed = rates_not_reported(
        {key: figure.value for key, figure in by_key.items()},
        [RatioParts(r.id, r.numerator_id, r.denominator_id) for r in ratios.values()],
    )
    rates = []
    for (campaign_id, ratio_id, start, end), rate in computed.items():
        ratio = ratios[ratio_id]
        numerator = by_key[(campaign_id, ratio.numerator_id, start, end)]
        denominator = by_key[(campaign_id, ratio.denominator_id, start, end)]
        rates.append(
            LocalityFigure(
                code=ratio.code,
                name_vi=ratio.name_vi,
                name_en=ratio.name_en,
                unit_vi=ratio.unit_vi,
                unit_en=ratio.unit_en,
                decimals=ratio.decimals,
                campaign_id=campaign_id,
                indicator_id=ratio.id,
                kind="ratio",
                time_rule=ratio.time_rule,
                sort_order=ratio.sort_order,
                period_start=start,
                period_end=end,
                period_label=numerator.period_label,
                value=rate,
                source=numerator.source,
                is_illustrative=numerator.is_illustrative or denominator.is_illustrative,
                is_computed=True,
            )
        )
    return tuple(
        sorted([*reported, *rates], key=lambda v: (v.period_end, v.period_start, v.sort_order))
    )


def _recommendations(
    session: Session, locality_id: UUID, today: date
) -> tuple[ProfileRecommendation, ...]:
    query = (
        select(
            Recommendation.id,
            Visit.id,
            Visit.visit_date,
            Recommendation.direction,
            Recommendation.addressee,
            Recommendation.text,
            Recommendation.due_date,
            Recommendation.status,
            Recommendation.priority,
            Recommendation.is_illustrative,
        )
        .join(Visit, Visit.id == Recommendation.visit_id)
        .where(
            Visit.locality_id == locality_id,
            Recommendation.deleted_at.is_(None),
            Visit.deleted_at.is_(None),
        )
    )
    found = fetch_records(
        session,
        query,
        ProfileRecommendation,
        is_open=lambda r: is_open(r["status"]),
        days_overdue=lambda r: days_overdue(r["status"], r["due_date"], today),
    )
    # Open first, the most overdue first among them, then the newest visits.
    return tuple(
        sorted(found, key=lambda r: (r.is_open, r.days_overdue, r.visit_date), reverse=True)
    )
