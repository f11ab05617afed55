"""Reads for the visit screens: the list, one visit in full, and what the team should
know before the meeting."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.db import session_scope
from data_access.drafts import SavedDraft, drafts_under
from domain.recommendations import days_overdue, is_open

VISIT_LIST_COLUMNS = [
    "id",
    "visit_date",
    "locality_id",
    "locality",
    "delegation_id",
    "delegation",
    "status",
    "venue",
    "campaign_ids",
    "is_illustrative",
]


def list_delegations(engine: Engine) -> pd.DataFrame:
    query = (
        select(m.Delegation.id, m.Delegation.name, m.Delegation.organisation)
        .where(m.Delegation.deleted_at.is_(None))
        .order_by(m.Delegation.name)
    )
    with session_scope(engine, read_only=True) as session:
        return pd.DataFrame(session.execute(query).all(), columns=["id", "name", "organisation"])


def list_visits(engine: Engine) -> pd.DataFrame:
    """Every visit, newest first, with its campaigns (filters are applied by the caller
    on this small frame: a delegation makes a few hundred visits a year)."""
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
        rows = session.execute(query).all()
        links = session.execute(select(m.VisitCampaign.visit_id, m.VisitCampaign.campaign_id)).all()
    campaigns: dict[uuid.UUID, list[uuid.UUID]] = {}
    for visit_id, campaign_id in links:
        campaigns.setdefault(visit_id, []).append(campaign_id)
    records = [
        {
            "id": r[0],
            "visit_date": r[1],
            "locality_id": r[2],
            "locality": r[3],
            "delegation_id": r[4],
            "delegation": r[5],
            "status": r[6],
            "venue": r[7],
            "campaign_ids": tuple(campaigns.get(r[0], ())),
            "is_illustrative": r[8],
        }
        for r in rows
    ]
    return pd.DataFrame(records, columns=VISIT_LIST_COLUMNS)


@dataclass
class VisitDetail:
    id: uuid.UUID
    version: int
    status: str
    locality_id: uuid.UUID
    locality: str
    visit_date: date
    time_of_day: str | None
    venue: str | None
    chair: str | None
    secretary: str | None
    summary: str | None
    delegation: str | None
    delegation_id: uuid.UUID | None
    signed_off_at: object
    signed_off_by: str | None
    reopen_reason: str | None
    is_illustrative: bool
    campaigns: pd.DataFrame
    attendees: pd.DataFrame
    checklist: pd.DataFrame
    figures: pd.DataFrame
    findings: pd.DataFrame
    deleted_findings: pd.DataFrame
    recommendations: pd.DataFrame
    deleted_recommendations: pd.DataFrame
    history: pd.DataFrame
    earlier_open: pd.DataFrame
    latest_figures: pd.DataFrame
    attachments: pd.DataFrame
    drafts: dict[str, SavedDraft] = field(default_factory=dict)


def _frame(session: Session, query, columns: list[str] | None = None) -> pd.DataFrame:
    """A query's rows as a frame; columns named after the selected columns unless given."""
    result = session.execute(query)
    return pd.DataFrame(result.all(), columns=columns or list(result.keys()))


FINDING_COLUMNS = ["id", "version", "kind", "text", "criterion_id", "evidence", "sort_order"]
RECOMMENDATION_COLUMNS = [
    "id",
    "version",
    "direction",
    "addressee",
    "text",
    "due_date",
    "priority",
    "status",
    "sort_order",
]


def visit_detail(engine: Engine, visit_id: uuid.UUID, today: date) -> VisitDetail | None:
    with session_scope(engine, read_only=True) as session:
        visit = session.get(m.Visit, visit_id)
        if visit is None or visit.deleted_at is not None:
            return None
        locality = session.get_one(m.Locality, visit.locality_id)
        delegation = session.get(m.Delegation, visit.delegation_id) if visit.delegation_id else None
        campaigns = _frame(
            session,
            select(m.Campaign.id, m.Campaign.name)
            .join(m.VisitCampaign, m.VisitCampaign.campaign_id == m.Campaign.id)
            .where(m.VisitCampaign.visit_id == visit_id)
            .order_by(m.Campaign.name),
            ["id", "name"],
        )
        attendees = _frame(
            session,
            select(m.Attendee.side, m.Attendee.full_name, m.Attendee.title)
            .where(m.Attendee.visit_id == visit_id, m.Attendee.deleted_at.is_(None))
            .order_by(m.Attendee.sort_order),
            ["side", "full_name", "title"],
        )
        checklist = _checklist(session, visit_id, list(campaigns["id"]))
        figures = _frame(
            session,
            select(
                m.IndicatorValue.campaign_id,
                m.Indicator.code,
                m.Indicator.name_vi,
                m.Indicator.name_en,
                m.Indicator.unit_vi,
                m.Indicator.unit_en,
                m.Indicator.decimals,
                m.IndicatorValue.period_start,
                m.IndicatorValue.period_end,
                m.IndicatorValue.period_label,
                m.IndicatorValue.value,
                m.IndicatorValue.source,
            )
            .join(m.Indicator, m.Indicator.id == m.IndicatorValue.indicator_id)
            .where(
                m.IndicatorValue.source_visit_id == visit_id,
                m.IndicatorValue.deleted_at.is_(None),
            )
            .order_by(m.IndicatorValue.period_end, m.Indicator.sort_order),
        )
        findings = _children(session, m.Finding, visit_id, FINDING_COLUMNS, deleted=False)
        deleted_findings = _children(session, m.Finding, visit_id, FINDING_COLUMNS, deleted=True)
        recommendations = _children(
            session, m.Recommendation, visit_id, RECOMMENDATION_COLUMNS, deleted=False
        )
        deleted_recommendations = _children(
            session, m.Recommendation, visit_id, RECOMMENDATION_COLUMNS, deleted=True
        )
        history = recommendation_history(session, list(recommendations["id"]))
        earlier_open = _earlier_open_recommendations(session, visit, today)
        latest_figures = _latest_figures(session, visit)
        attachments = _frame(
            session,
            select(
                m.Attachment.id,
                m.Attachment.finding_id,
                m.Attachment.original_name,
                m.Attachment.stored_name,
                m.Attachment.content_type,
                m.Attachment.size_bytes,
            )
            .where(m.Attachment.visit_id == visit_id, m.Attachment.deleted_at.is_(None))
            .order_by(m.Attachment.created_at),
            ["id", "finding_id", "original_name", "stored_name", "content_type", "size_bytes"],
        )
        detail = VisitDetail(
            id=visit.id,
            version=visit.version,
            status=visit.status,
            locality_id=locality.id,
            locality=locality.name,
            visit_date=visit.visit_date,
            time_of_day=visit.time_of_day,
            venue=visit.venue,
            chair=visit.chair,
            secretary=visit.secretary,
            summary=visit.summary,
            delegation=delegation.name if delegation else None,
            delegation_id=visit.delegation_id,
            signed_off_at=visit.signed_off_at,
            signed_off_by=visit.signed_off_by,
            reopen_reason=visit.reopen_reason,
            is_illustrative=visit.is_illustrative,
            campaigns=campaigns,
            attendees=attendees,
            checklist=checklist,
            figures=figures,
            findings=findings,
            deleted_findings=deleted_findings,
            recommendations=recommendations,
            deleted_recommendations=deleted_recommendations,
            history=history,
            earlier_open=earlier_open,
            latest_figures=latest_figures,
            attachments=attachments,
        )
    # Unsaved text is rare and short-lived: read it all, keep this visit's.
    detail.drafts = {s: d for s, d in drafts_under(engine, "").items() if _belongs(s, detail)}
    return detail


def _belongs(scope: str, detail: VisitDetail) -> bool:
    ids = {str(detail.id)}
    ids |= {str(i) for i in detail.findings["id"]}
    ids |= {str(i) for i in detail.recommendations["id"]}
    parts = scope.split(":")
    return len(parts) >= 2 and (parts[1] in ids)


def _children(
    session: Session,
    model: type[m.Editable],
    visit_id: uuid.UUID,
    columns: list[str],
    *,
    deleted: bool,
) -> pd.DataFrame:
    query = select(*[getattr(model, c) for c in columns]).where(model.visit_id == visit_id)
    query = query.where(
        model.deleted_at.is_not(None) if deleted else model.deleted_at.is_(None)
    ).order_by(model.sort_order, model.created_at)
    return _frame(session, query, columns)


def _checklist(
    session: Session, visit_id: uuid.UUID, campaign_ids: list[uuid.UUID]
) -> pd.DataFrame:
    """The campaigns' criteria in plan order, with this visit's rating of each."""
    columns = [
        "criterion_id",
        "campaign_id",
        "code",
        "target_group",
        "area",
        "text",
        "rating",
        "note",
        "version",
    ]
    query = (
        select(
            m.Criterion.id,
            m.Criterion.campaign_id,
            m.Criterion.code,
            m.Criterion.target_group,
            m.Criterion.area,
            m.Criterion.text,
            m.CriterionRating.rating,
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
    frame = _frame(session, query, columns)
    frame["rating"] = frame["rating"].fillna("not_rated")
    return frame


def recommendation_history(session: Session, ids: list[uuid.UUID]) -> pd.DataFrame:
    columns = [
        "recommendation_id",
        "changed_on",
        "from_status",
        "to_status",
        "note",
        "author",
        "verification_result",
    ]
    query = (
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
    return _frame(session, query, columns)


def _earlier_open_recommendations(session: Session, visit: m.Visit, today: date) -> pd.DataFrame:
    """Recommendations still open from earlier visits to the same locality (or to the
    unit it came from), so the team can check each one at this visit."""
    predecessors = list(
        session.scalars(
            select(m.LocalitySuccession.predecessor_id).where(
                m.LocalitySuccession.successor_id == visit.locality_id
            )
        )
    )
    columns = [
        "id",
        "visit_date",
        "locality",
        "direction",
        "addressee",
        "text",
        "due_date",
        "status",
        "verified_at_visit_id",
    ]
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
            m.Visit.locality_id.in_([visit.locality_id, *predecessors]),
            m.Visit.id != visit.id,
            m.Visit.visit_date <= visit.visit_date,
            m.Visit.deleted_at.is_(None),
            m.Recommendation.deleted_at.is_(None),
            # Open ones, and those already checked at this visit (to show the result).
            m.Recommendation.open_clause() | (m.Recommendation.verified_at_visit_id == visit.id),
        )
        .order_by(m.Visit.visit_date, m.Recommendation.sort_order)
    )
    frame = _frame(session, query, columns)
    frame["days_overdue"] = [
        days_overdue(r.status, r.due_date, today) for r in frame.itertuples(index=False)
    ]
    frame["is_open"] = [is_open(s) for s in frame["status"]]
    return frame


def _latest_figures(session: Session, visit: m.Visit) -> pd.DataFrame:
    """The locality's latest figure for each indicator, reported before this visit."""
    columns = [
        "code",
        "name_vi",
        "name_en",
        "unit_vi",
        "unit_en",
        "decimals",
        "period_label",
        "period_end",
        "value",
        "is_illustrative",
    ]
    ranked = (
        select(
            m.Indicator.code,
            m.Indicator.name_vi,
            m.Indicator.name_en,
            m.Indicator.unit_vi,
            m.Indicator.unit_en,
            m.Indicator.decimals,
            m.IndicatorValue.period_label,
            m.IndicatorValue.period_end,
            m.IndicatorValue.value,
            m.IndicatorValue.is_illustrative,
            m.Indicator.sort_order,
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
    frame = _frame(session, ranked, [*columns, "sort_order"])
    return frame.drop_duplicates("code").drop(columns="sort_order").reset_index(drop=True)


def recommendation_history_frame(engine: Engine, ids: list[uuid.UUID]) -> pd.DataFrame:
    """The follow-up history of many recommendations (chunked for large registers)."""
    with session_scope(engine, read_only=True) as session:
        frames = [
            recommendation_history(session, ids[start : start + 5000])
            for start in range(0, max(len(ids), 1), 5000)
        ]
    return pd.concat(frames, ignore_index=True)
