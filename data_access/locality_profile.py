"""Reads for one locality's profile: figures over time, works, milestones, visits,
findings and recommendations (open first)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

import pandas as pd
from sqlalchemy import Engine, select

from data_access.dashboard import implementation_milestones
from data_access.db import session_scope
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
from domain.figures import ratio_percent
from domain.recommendations import days_overdue, is_open


@dataclass
class LocalityProfile:
    id: UUID
    code: str
    name: str
    level: str
    parent_name: str | None
    parent_valid_to: date | None
    valid_from: date | None
    valid_to: date | None
    successors: list[tuple[str, str, str]] = field(default_factory=list)  # name, code, kind
    predecessors: list[tuple[str, str, str]] = field(default_factory=list)
    campaigns: pd.DataFrame = field(default_factory=pd.DataFrame)
    values: pd.DataFrame = field(default_factory=pd.DataFrame)
    implementations: pd.DataFrame = field(default_factory=pd.DataFrame)
    milestones: pd.DataFrame = field(default_factory=pd.DataFrame)
    works: pd.DataFrame = field(default_factory=pd.DataFrame)
    visits: pd.DataFrame = field(default_factory=pd.DataFrame)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    recommendations: pd.DataFrame = field(default_factory=pd.DataFrame)


def _frame(session, query, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(session.execute(query).all(), columns=columns)


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
        )
        for mine, other, target in (
            (LocalitySuccession.predecessor_id, LocalitySuccession.successor_id, "successors"),
            (LocalitySuccession.successor_id, LocalitySuccession.predecessor_id, "predecessors"),
        ):
            rows = session.execute(
                select(Locality.name, Locality.code, LocalitySuccession.kind)
                .join(Locality, Locality.id == other)
                .where(mine == locality_id)
                .order_by(Locality.code)
            ).all()
            setattr(profile, target, [tuple(r) for r in rows])

        profile.values = _values(session, locality_id)
        profile.implementations = _frame(
            session,
            select(
                Implementation.id,
                Implementation.campaign_id,
                Implementation.plan_document,
                Implementation.plan_date,
                Implementation.note,
                Implementation.is_illustrative,
            ).where(Implementation.locality_id == locality_id, Implementation.deleted_at.is_(None)),
            ["id", "campaign_id", "plan_document", "plan_date", "note", "is_illustrative"],
        )
        profile.works = _frame(
            session,
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
            .order_by(Work.is_key_project.desc(), Work.name),
            [
                "campaign_id",
                "name",
                "category",
                "investor",
                "total_investment",
                "start_date",
                "planned_end_date",
                "status",
                "progress_percent",
                "is_key_project",
                "source",
                "is_illustrative",
            ],
        )
        profile.visits = _frame(
            session,
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
            .order_by(Visit.visit_date.desc()),
            [
                "visit_id",
                "campaign_id",
                "visit_date",
                "time_of_day",
                "delegation",
                "venue",
                "status",
                "summary",
                "source",
                "is_illustrative",
            ],
        )
        profile.findings = _frame(
            session,
            select(Visit.id, Visit.visit_date, Finding.kind, Finding.text, Finding.is_illustrative)
            .join(Visit, Visit.id == Finding.visit_id)
            .where(
                Visit.locality_id == locality_id,
                Finding.deleted_at.is_(None),
                Visit.deleted_at.is_(None),
            )
            .order_by(Visit.visit_date.desc(), Finding.sort_order),
            ["visit_id", "visit_date", "kind", "text", "is_illustrative"],
        )
        profile.recommendations = _recommendations(session, locality_id, today)
        campaign_ids = (
            set(profile.values.get("campaign_id", []))
            | set(profile.implementations["campaign_id"])
            | set(profile.visits["campaign_id"])
            | set(profile.works["campaign_id"].dropna())
        )
        profile.campaigns = _frame(
            session,
            select(Campaign.id, Campaign.name, Campaign.start_date)
            .where(Campaign.id.in_(campaign_ids))
            .order_by(Campaign.start_date.desc()),
            ["id", "name", "start_date"],
        )
    # Its own short session: the same query serves the overview's milestone matrix.
    profile.milestones = implementation_milestones(engine, today, locality_id=locality_id)
    return profile


VALUE_COLUMNS = [
    "campaign_id",
    "indicator_id",
    "code",
    "name_vi",
    "name_en",
    "unit_vi",
    "unit_en",
    "decimals",
    "kind",
    "sort_order",
    "period_start",
    "period_end",
    "period_label",
    "value",
    "source",
    "is_illustrative",
]


def _values(session, locality_id: UUID) -> pd.DataFrame:
    """The locality's own figures, plus ratios computed for periods where both parts
    were reported but the rate itself was not."""
    frame = _frame(
        session,
        select(
            IndicatorValue.campaign_id,
            Indicator.id,
            Indicator.code,
            Indicator.name_vi,
            Indicator.name_en,
            Indicator.unit_vi,
            Indicator.unit_en,
            Indicator.decimals,
            Indicator.kind,
            Indicator.sort_order,
            IndicatorValue.period_start,
            IndicatorValue.period_end,
            IndicatorValue.period_label,
            IndicatorValue.value,
            IndicatorValue.source,
            IndicatorValue.is_illustrative,
        )
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(IndicatorValue.locality_id == locality_id, IndicatorValue.deleted_at.is_(None))
        .order_by(IndicatorValue.period_end, Indicator.sort_order),
        VALUE_COLUMNS,
    )
    frame["is_computed"] = False
    ratios = session.execute(
        select(
            Indicator.id,
            Indicator.code,
            Indicator.name_vi,
            Indicator.name_en,
            Indicator.unit_vi,
            Indicator.unit_en,
            Indicator.decimals,
            Indicator.sort_order,
            Indicator.numerator_id,
            Indicator.denominator_id,
        ).where(Indicator.kind == "ratio")
    ).all()
    computed = []
    for ratio in ratios:
        parts = frame[frame["indicator_id"].isin([ratio.numerator_id, ratio.denominator_id])]
        for (campaign_id, start, end), group in parts.groupby(
            ["campaign_id", "period_start", "period_end"]
        ):
            numerator = group[group["indicator_id"] == ratio.numerator_id]
            denominator = group[group["indicator_id"] == ratio.denominator_id]
            reported = frame[
                (frame["indicator_id"] == ratio.id)
                & (frame["campaign_id"] == campaign_id)
                & (frame["period_start"] == start)
                & (frame["period_end"] == end)
            ]
            if numerator.empty or denominator.empty or not reported.empty:
                continue
            rate = ratio_percent(numerator["value"].iloc[0], denominator["value"].iloc[0])
            if rate is None:
                continue
            computed.append(
                {
                    "campaign_id": campaign_id,
                    "indicator_id": ratio.id,
                    "code": ratio.code,
                    "name_vi": ratio.name_vi,
                    "name_en": ratio.name_en,
                    "unit_vi": ratio.unit_vi,
                    "unit_en": ratio.unit_en,
                    "decimals": ratio.decimals,
                    "kind": "ratio",
                    "sort_order": ratio.sort_order,
                    "period_start": start,
                    "period_end": end,
                    "period_label": numerator["period_label"].iloc[0],
                    "value": rate,
                    "source": numerator["source"].iloc[0],
                    "is_illustrative": bool(group["is_illustrative"].any()),
                    "is_computed": True,
                }
            )
    if computed:
        frame = pd.concat([frame, pd.DataFrame(computed)], ignore_index=True)
    return frame.sort_values(["period_end", "period_start", "sort_order"], ignore_index=True)


def _recommendations(session, locality_id: UUID, today: date) -> pd.DataFrame:
    frame = _frame(
        session,
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
        ),
        [
            "id",
            "visit_id",
            "visit_date",
            "direction",
            "addressee",
            "text",
            "due_date",
            "status",
            "priority",
            "is_illustrative",
        ],
    )
    frame["is_open"] = [is_open(s) for s in frame["status"]]
    frame["days_overdue"] = [
        days_overdue(r.status, r.due_date, today) for r in frame.itertuples(index=False)
    ]
    # Open first, the most overdue first among them, then the newest visits.
    frame["_visit"] = pd.to_datetime(frame["visit_date"])
    frame = frame.sort_values(
        ["is_open", "days_overdue", "_visit"], ascending=[False, False, False]
    ).drop(columns="_visit")
    return frame.reset_index(drop=True)
