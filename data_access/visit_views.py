"""Reads for the visit screens: the list, one visit in full, and what the team should
know before the meeting."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import Engine, case, func, literal, select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.catalogue import IndicatorLabel, indicator_label_columns
from data_access.db import fetch_records, live_record, session_scope
from data_access.drafts import SavedDraft, saved_draft, visit_drafts
from data_access.flows import restated_sum
from domain.recommendations import days_overdue, is_open
from domain.vocabulary import MEMBER_ROLES


@dataclass(frozen=True)
class DelegationRef:
    id: uuid.UUID
    name: str
    organisation: str | None


@dataclass(frozen=True)
class VisitSummary:
    """A visit as the list of visits shows it."""

    id: uuid.UUID
    visit_date: date
    locality_id: uuid.UUID
    locality: str
    delegation_id: uuid.UUID | None
    delegation: str | None
    status: str
    venue: str | None
    is_illustrative: bool
    campaign_ids: tuple[uuid.UUID, ...] = ()


def list_delegations(engine: Engine) -> tuple[DelegationRef, ...]:
    query = (
        select(m.Delegation.id, m.Delegation.name, m.Delegation.organisation)
        .where(m.Delegation.deleted_at.is_(None))
        .order_by(m.Delegation.name)
    )
    with session_scope(engine, read_only=True) as session:
        return fetch_records(session, query, DelegationRef)


def list_visits(engine: Engine) -> tuple[VisitSummary, ...]:
    """Every visit, newest first, with its campaigns (filters are applied by the caller:
    a delegation makes a few hundred visits a year)."""
    query = (
        select(
            m.Visit.id,
            m.Visit.visit_date,
            m.Visit.locality_id,
            m.Locality.name,
            m.Visit.delegation_id,
            m.Delegation.name,
            m.Visit.status,
            m.Visit.venue,
            m.Visit.is_illustrative,
        )
        .join(m.Locality, m.Locality.id == m.Visit.locality_id)
        .outerjoin(m.Delegation, m.Delegation.id == m.Visit.delegation_id)
        .where(m.Visit.deleted_at.is_(None))
        .order_by(m.Visit.visit_date.desc(), m.Visit.created_at.desc())
    )
    with session_scope(engine, read_only=True) as session:
        links = session.execute(select(m.VisitCampaign.visit_id, m.VisitCampaign.campaign_id)).all()
        campaigns: dict[uuid.UUID, list[uuid.UUID]] = {}
        for visit_id, campaign_id in links:
            campaigns.setdefault(visit_id, []).append(campaign_id)
        return fetch_records(
            session,
            query,
            VisitSummary,
            campaign_ids=lambda v: tuple(campaigns.get(v["id"], ())),
        )


@dataclass(frozen=True)
class CampaignRef:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class RoundRef:
    id: uuid.UUID
    subject: str


@dataclass(frozen=True)
class Attendee:
    side: str  # vocabulary.ATTENDEE_SIDES
    full_name: str
    title: str | None


@dataclass(frozen=True)
class ChecklistItem:
    """A campaign criterion and this visit's rating of it (``version`` None: not rated yet)."""

    criterion_id: uuid.UUID
    campaign_id: uuid.UUID
    code: str
    target_group: str
    area: str
    text: str
    rating: str
    note: str | None
    version: int | None


@dataclass(frozen=True)
class ReportedFigure(IndicatorLabel):
    """A figure the locality reported at this visit."""

    campaign_id: uuid.UUID
    period_start: date
    period_end: date
    period_label: str | None
    value: float
    source: str | None
    is_check: bool = False  # restates periods already recorded: shown, never added
    restated: float | None = None  # for a check figure: the sum of what it restates


@dataclass(frozen=True)
class LatestFigure(IndicatorLabel):
    """The locality's latest figure for an indicator, reported before this visit."""

    period_label: str | None
    period_end: date
    value: float
    is_illustrative: bool


@dataclass(frozen=True)
class Finding:
    id: uuid.UUID
    version: int
    kind: str  # vocabulary.FINDING_KINDS
    text: str
    criterion_id: uuid.UUID | None
    evidence: str | None
    sort_order: int


@dataclass(frozen=True)
class Recommendation:
    id: uuid.UUID
    version: int
    direction: str  # vocabulary.RECOMMENDATION_DIRECTIONS
    addressee: str | None
    text: str
    due_date: date | None
    priority: str
    status: str
    sort_order: int
    days_overdue: int  # 0 unless open past its due date


@dataclass(frozen=True)
class StatusChange:
    """One step of a recommendation's follow-up history."""

    recommendation_id: uuid.UUID
    changed_on: date
    from_status: str | None
    to_status: str
    note: str | None
    author: str | None
    verification_result: str | None


@dataclass(frozen=True)
class EarlierRecommendation:
    """A recommendation of an earlier visit to this locality, to check at this one."""

    id: uuid.UUID
    visit_date: date
    locality: str
    direction: str
    addressee: str | None
    text: str
    due_date: date | None
    status: str
    verified_at_visit_id: uuid.UUID | None
    days_overdue: int
    is_open: bool


@dataclass(frozen=True)
class Attachment:
    id: uuid.UUID
    finding_id: uuid.UUID | None
    original_name: str
    stored_name: str
    content_type: str
    size_bytes: int


@dataclass(frozen=True)
class VisitDetail:
    """One visit in full, as plain records: what every tab of the visit screen shows."""

    id: uuid.UUID
    version: int
    status: str
    locality_id: uuid.UUID
    locality: str
    visit_date: date
    time_of_day: str | None
    end_time: str | None
    venue: str | None
    chair: str | None
    secretary: str | None
    summary: str | None
    delegation: str | None
    delegation_id: uuid.UUID | None
    organisation: str | None  # the delegation's parent agency (cơ quan chủ quản)
    signed_off_at: datetime | None
    signed_off_by: str | None
    reopen_reason: str | None
    is_illustrative: bool
    campaigns: tuple[CampaignRef, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    figures: tuple[ReportedFigure, ...] = ()
    findings: tuple[Finding, ...] = ()
    deleted_findings: tuple[Finding, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    deleted_recommendations: tuple[Recommendation, ...] = ()
    history: tuple[StatusChange, ...] = ()
    earlier_open: tuple[EarlierRecommendation, ...] = ()
    # For typing less: addressees used before by this delegation or at this locality (most
    # used first), who attended the locality's last visit, the delegation's members.
    addressees: tuple[str, ...] = ()
    last_attendees: tuple[Attendee, ...] = ()
    last_visit_date: date | None = None
    members: tuple[Attendee, ...] = ()
    latest_figures: tuple[LatestFigure, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    round: RoundRef | None = None  # the supervision round it was made under
    drafts: Mapping[str, SavedDraft] = field(default_factory=dict)  # the reader's own
    unsaved: tuple[SavedDraft, ...] = ()  # everyone's drafts of this visit, oldest first

    def history_of(self, recommendation_id: uuid.UUID) -> tuple[StatusChange, ...]:
        return tuple(c for c in self.history if c.recommendation_id == recommendation_id)


def _campaigns(session: Session, visit_id: uuid.UUID) -> tuple[CampaignRef, ...]:
    query = (
        select(m.Campaign.id, m.Campaign.name)
        .join(m.VisitCampaign, m.VisitCampaign.campaign_id == m.Campaign.id)
        .where(m.VisitCampaign.visit_id == visit_id)
        .order_by(m.Campaign.name)
    )
    return fetch_records(session, query, CampaignRef)


def _attendees(session: Session, visit_id: uuid.UUID) -> tuple[Attendee, ...]:
    query = (
        select(m.Attendee.side, m.Attendee.full_name, m.Attendee.title)
        .where(m.Attendee.visit_id == visit_id, m.Attendee.deleted_at.is_(None))
        .order_by(m.Attendee.sort_order)
    )
    return fetch_records(session, query, Attendee)


def visit_detail(
    engine: Engine, visit_id: uuid.UUID, today: date, reader: str = ""
) -> VisitDetail | None:
    """A visit and everything recorded in it; ``drafts`` are the reader's (a username)."""
    with session_scope(engine, read_only=True) as session:
        visit = live_record(session, m.Visit, visit_id)
        if visit is None:
            return None
        locality = session.get_one(m.Locality, visit.locality_id)
        delegation = session.get(m.Delegation, visit.delegation_id) if visit.delegation_id else None
        campaigns = _campaigns(session, visit_id)
        recommendations = _recommendations(session, visit_id, today, deleted=False)
        detail = VisitDetail(
            id=visit.id,
            version=visit.version,
            status=visit.status,
            locality_id=locality.id,
            locality=locality.name,
            visit_date=visit.visit_date,
            time_of_day=visit.time_of_day,
            end_time=visit.end_time,
            venue=visit.venue,
            chair=visit.chair,
            secretary=visit.secretary,
            summary=visit.summary,
            delegation=delegation.name if delegation else None,
            delegation_id=visit.delegation_id,
            organisation=delegation.organisation if delegation else None,
            signed_off_at=visit.signed_off_at,
            signed_off_by=visit.signed_off_by,
            reopen_reason=visit.reopen_reason,
            is_illustrative=visit.is_illustrative,
            campaigns=campaigns,
            attendees=_attendees(session, visit_id),
            checklist=_checklist(session, visit_id, [c.id for c in campaigns]),
            figures=_reported_figures(session, visit_id),
            findings=_findings(session, visit_id, deleted=False),
            deleted_findings=_findings(session, visit_id, deleted=True),
            recommendations=recommendations,
            deleted_recommendations=_recommendations(session, visit_id, today, deleted=True),
            history=_status_changes(session, [r.id for r in recommendations]),
            earlier_open=_earlier_open_recommendations(session, visit, today),
            addressees=_earlier_addressees(session, visit),
            members=_members(session, visit.delegation_id),
            **_last_attendees(session, visit),
            latest_figures=_latest_figures(session, visit),
            attachments=_attachments(session, visit_id),
            round=_round_of(session, visit_id),
        )
        unsaved = tuple(saved_draft(draft) for draft in visit_drafts(session, visit_id))
    drafts = {d.scope: d for d in unsaved if d.owner == reader}
    return replace(detail, drafts=drafts, unsaved=unsaved)


def _round_of(session: Session, visit_id: uuid.UUID) -> RoundRef | None:
    row = session.execute(
        select(m.SupervisionRound.id, m.SupervisionRound.subject)
        .join(m.RoundVisit, m.RoundVisit.round_id == m.SupervisionRound.id)
        .where(m.RoundVisit.visit_id == visit_id, m.SupervisionRound.deleted_at.is_(None))
    ).first()
    return RoundRef(*row) if row else None


def _reported_figures(session: Session, visit_id: uuid.UUID) -> tuple[ReportedFigure, ...]:
    query = (
        select(
            *indicator_label_columns(),
            m.IndicatorValue.campaign_id,
            m.IndicatorValue.period_start,
            m.IndicatorValue.period_end,
            m.IndicatorValue.period_label,
            m.IndicatorValue.value,
            m.IndicatorValue.source,
            m.IndicatorValue.is_check,
            restated_sum(),
        )
        .join(m.Indicator, m.Indicator.id == m.IndicatorValue.indicator_id)
        .where(m.IndicatorValue.source_visit_id == visit_id, m.IndicatorValue.deleted_at.is_(None))
        .order_by(m.IndicatorValue.period_end, m.Indicator.sort_order)
    )
    return fetch_records(session, query, ReportedFigure)


def _attachments(session: Session, visit_id: uuid.UUID) -> tuple[Attachment, ...]:
    query = (
        select(
            m.Attachment.id,
            m.Attachment.finding_id,
            m.Attachment.original_name,
            m.Attachment.stored_name,
            m.Attachment.content_type,
            m.Attachment.size_bytes,
        )
        .where(m.Attachment.visit_id == visit_id, m.Attachment.deleted_at.is_(None))
        .order_by(m.Attachment.created_at)
    )
    return fetch_records(session, query, Attachment)


FINDING_FIELDS = ("id", "version", "kind", "text", "criterion_id", "evidence", "sort_order")
RECOMMENDATION_FIELDS = (
    "id",
    "version",
    "direction",
    "addressee",
    "text",
    "due_date",
    "priority",
    "status",
    "sort_order",
)


def _children_query(model: type[m.Finding] | type[m.Recommendation], names, visit_id, deleted):
    query = select(*[getattr(model, c) for c in names]).where(model.visit_id == visit_id)
    return query.where(
        model.deleted_at.is_not(None) if deleted else model.deleted_at.is_(None)
    ).order_by(model.sort_order, model.created_at)


def _findings(session: Session, visit_id: uuid.UUID, *, deleted: bool) -> tuple[Finding, ...]:
    query = _children_query(m.Finding, FINDING_FIELDS, visit_id, deleted)
    return fetch_records(session, query, Finding)


def _recommendations(
    session: Session, visit_id: uuid.UUID, today: date, *, deleted: bool
) -> tuple[Recommendation, ...]:
    query = _children_query(m.Recommendation, RECOMMENDATION_FIELDS, visit_id, deleted)
    return fetch_records(
        session,
        query,
        Recommendation,
        days_overdue=lambda r: days_overdue(r["status"], r["due_date"], today),
    )


def _checklist(
    session: Session, visit_id: uuid.UUID, campaign_ids: list[uuid.UUID]
) -> tuple[ChecklistItem, ...]:
    """The campaigns' criteria in plan order, with this visit's rating of each."""
    query = (
        select(
            m.Criterion.id,
            m.Criterion.campaign_id,
            m.Criterion.code,
            m.Criterion.target_group,
            m.Criterion.area,
            m.Criterion.text,
            func.coalesce(m.CriterionRating.rating, "not_rated"),
            m.CriterionRating.note,
            m.CriterionRating.version,
        )
        .outerjoin(
            m.CriterionRating,
            (m.CriterionRating.criterion_id == m.Criterion.id)
            & (m.CriterionRating.visit_id == visit_id),
        )
        .where(m.Criterion.campaign_id.in_(campaign_ids), m.Criterion.deleted_at.is_(None))
        .order_by(m.Criterion.campaign_id, m.Criterion.sort_order)
    )
    return fetch_records(session, query, ChecklistItem)


def _history_query(ids: list[uuid.UUID]):
    return (
        select(
            m.RecommendationUpdate.recommendation_id,
            m.RecommendationUpdate.changed_on,
            m.RecommendationUpdate.from_status,
            m.RecommendationUpdate.to_status,
            m.RecommendationUpdate.note,
            m.RecommendationUpdate.author,
            m.RecommendationUpdate.verification_result,
        )
        .where(m.RecommendationUpdate.recommendation_id.in_(ids))
        .order_by(m.RecommendationUpdate.changed_on, m.RecommendationUpdate.created_at)
    )


def _status_changes(session: Session, ids: list[uuid.UUID]) -> tuple[StatusChange, ...]:
    return fetch_records(session, _history_query(ids), StatusChange)


# Members as the vocabulary lists roles: the head first, then deputies, members, secretary.
_IN_ROLE_ORDER = case(
    {role: order for order, role in enumerate(MEMBER_ROLES)}, value=m.DelegationMember.role
)


def _members(session: Session, delegation_id: uuid.UUID | None) -> tuple[Attendee, ...]:
    """The delegation's members, as attendees to pick from, in their roles' order."""
    query = (
        select(
            literal("delegation").label("side"),
            m.DelegationMember.full_name,
            m.DelegationMember.title,
        )
        .where(
            m.DelegationMember.delegation_id == delegation_id,
            m.DelegationMember.deleted_at.is_(None),
        )
        .order_by(_IN_ROLE_ORDER, m.DelegationMember.full_name)
    )
    return fetch_records(session, query, Attendee)


def _earlier_addressees(session: Session, visit: m.Visit) -> tuple[str, ...]:
    """Whom this delegation, or anyone at this locality, addressed before: most used first."""
    used = func.count(m.Recommendation.id)
    rows = session.execute(
        select(m.Recommendation.addressee)
        .join(m.Visit, m.Visit.id == m.Recommendation.visit_id)
        .where(
            m.Recommendation.addressee.is_not(None),
            m.Recommendation.deleted_at.is_(None),
            m.Visit.deleted_at.is_(None),
            (m.Visit.locality_id == visit.locality_id)
            | (m.Visit.delegation_id == visit.delegation_id),
        )
        .group_by(m.Recommendation.addressee)
        .order_by(used.desc(), m.Recommendation.addressee)
        .limit(30)
    )
    return tuple(addressee for (addressee,) in rows)


def _last_attendees(session: Session, visit: m.Visit) -> dict:
    """Who attended the latest earlier visit to the same locality, and its date."""
    last = session.execute(
        select(m.Visit.id, m.Visit.visit_date)
        .join(m.Attendee, m.Attendee.visit_id == m.Visit.id)
        .where(
            m.Visit.locality_id == visit.locality_id,
            m.Visit.id != visit.id,
            m.Visit.visit_date <= visit.visit_date,
            m.Visit.deleted_at.is_(None),
            m.Attendee.deleted_at.is_(None),
        )
        .order_by(m.Visit.visit_date.desc())
        .limit(1)
    ).first()
    if last is None:
        return {}
    attendees = fetch_records(
        session,
        select(m.Attendee.side, m.Attendee.full_name, m.Attendee.title)
        .where(m.Attendee.visit_id == last.id, m.Attendee.deleted_at.is_(None))
        .order_by(m.Attendee.sort_order),
        Attendee,
    )
    return {"last_attendees": attendees, "last_visit_date": last.visit_date}


def places_checked_at(session: Session, locality_id: uuid.UUID) -> list[uuid.UUID]:
    """Whose earlier recommendations a visit here checks: this unit's, and those of the
    units it came from."""
    predecessors = session.scalars(
        select(m.LocalitySuccession.predecessor_id).where(
            m.LocalitySuccession.successor_id == locality_id
        )
    )
    return [locality_id, *predecessors]


def _earlier_open_recommendations(
    session: Session, visit: m.Visit, today: date
) -> tuple[EarlierRecommendation, ...]:
    """Recommendations still open from earlier visits to the same locality (or to the
    unit it came from), so the team can check each one at this visit."""
    query = (
        select(
            m.Recommendation.id,
            m.Visit.visit_date,
            m.Locality.name,
            m.Recommendation.direction,
            m.Recommendation.addressee,
            m.Recommendation.text,
            m.Recommendation.due_date,
            m.Recommendation.status,
            m.Recommendation.verified_at_visit_id,
        )
        .join(m.Visit, m.Visit.id == m.Recommendation.visit_id)
        .join(m.Locality, m.Locality.id == m.Visit.locality_id)
        .where(
            m.Visit.locality_id.in_(places_checked_at(session, visit.locality_id)),
            m.Visit.id != visit.id,
            m.Visit.visit_date <= visit.visit_date,
            m.Visit.deleted_at.is_(None),
            m.Recommendation.deleted_at.is_(None),
            # Open ones, and those already checked at this visit (to show the result).
            m.Recommendation.open_clause() | (m.Recommendation.verified_at_visit_id == visit.id),
        )
        .order_by(m.Visit.visit_date, m.Recommendation.sort_order)
    )
    return fetch_records(
        session,
        query,
        EarlierRecommendation,
        days_overdue=lambda r: days_overdue(r["status"], r["due_date"], today),
        is_open=lambda r: is_open(r["status"]),
    )


def _latest_figures(session: Session, visit: m.Visit) -> tuple[LatestFigure, ...]:
    """The locality's latest figure for each indicator, reported before this visit."""
    query = (
        select(
            *indicator_label_columns(),
            m.IndicatorValue.period_label,
            m.IndicatorValue.period_end,
            m.IndicatorValue.value,
            m.IndicatorValue.is_illustrative,
        )
        .join(m.Indicator, m.Indicator.id == m.IndicatorValue.indicator_id)
        .where(
            m.IndicatorValue.locality_id == visit.locality_id,
            m.IndicatorValue.deleted_at.is_(None),
            m.IndicatorValue.period_end <= visit.visit_date,
            (m.IndicatorValue.source_visit_id.is_(None))
            | (m.IndicatorValue.source_visit_id != visit.id),
        )
        .order_by(m.Indicator.sort_order, m.IndicatorValue.period_end.desc())
    )
    latest: dict[str, LatestFigure] = {}
    for figure in fetch_records(session, query, LatestFigure):
        latest.setdefault(figure.code, figure)  # the first of each indicator is its latest
    return tuple(latest.values())


def status_changes_of(engine: Engine, ids: list[uuid.UUID]) -> tuple[StatusChange, ...]:
    """The follow-up history of many recommendations (chunked for large registers)."""
    with session_scope(engine, read_only=True) as session:
        return tuple(
            change
            for start in range(0, max(len(ids), 1), 5000)
            for change in _status_changes(session, ids[start : start + 5000])
        )
