"""The data model: every entity of the product brief, in SQLAlchemy 2 typed style.

Keys are UUIDs so that records created on two laptops can be merged later; every table
has created/updated timestamps; records people edit carry a version column (stale saves
are refused) and user data is soft-deleted (``deleted_at``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    and_,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from domain import vocabulary as v
from domain.vocabulary import check_clause

# Stable constraint names so that Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Record:
    """Columns every table has."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Editable(Record):
    """Records that people edit: optimistic locking and soft delete."""

    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # SQLAlchemy then raises StaleDataError when a save carries an outdated version.
        return {"version_id_col": cls.__table__.c.version}


class Provenance:
    """Where a figure or record comes from, and whether it is real or invented."""

    source: Mapped[str | None] = mapped_column(Text)
    is_illustrative: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


# --- Localities ----------------------------------------------------------------------


class Locality(Editable, Base):
    """An administrative unit: province, district (abolished 1/7/2025) or commune."""

    __tablename__ = "locality"
    __table_args__ = (
        UniqueConstraint("code", "level", "valid_from"),
        CheckConstraint(check_clause("level", v.LOCALITY_LEVELS), name="level"),
    )

    code: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("locality.id"), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class LocalitySuccession(Record, Base):
    """Old unit -> new unit after a reorganisation; ``full`` when the whole old unit moved."""

    __tablename__ = "locality_succession"
    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint(check_clause("kind", v.SUCCESSION_KINDS), name="kind"),
    )

    predecessor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    successor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    effective_date: Mapped[date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)


# --- Campaigns, criteria, indicators -------------------------------------------------


class Campaign(Editable, Provenance, Base):
    """An emulation campaign as launched by a plan (kế hoạch) of a locality."""

    __tablename__ = "campaign"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    launched_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("locality.id"))
    plan_document: Mapped[str | None] = mapped_column(String(200))
    plan_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)


class CampaignPhase(Editable, Base):
    __tablename__ = "campaign_phase"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Criterion(Editable, Provenance, Base):
    """A campaign criterion (tiêu chí thi đua), grouped by target group and area."""

    __tablename__ = "criterion"
    __table_args__ = (
        CheckConstraint(
            check_clause("target_group", v.TARGET_GROUPS),
            name="target_group",
        ),
        CheckConstraint(check_clause("area", v.CRITERION_AREAS), name="area"),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    target_group: Mapped[str] = mapped_column(String(40))
    area: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Indicator(Editable, Base):
    """A figure tracked by campaigns: a raw number or the ratio of two indicators.

    ``time_rule`` says how values combine over time: ``sum`` for flows (works built in
    each quarter), ``latest`` for cumulative or as-of figures (disbursed to 30/09).
    """

    __tablename__ = "indicator"
    __table_args__ = (
        CheckConstraint(check_clause("kind", v.INDICATOR_KINDS), name="kind"),
        CheckConstraint(check_clause("time_rule", v.TIME_RULES), name="time_rule"),
    )

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    unit_vi: Mapped[str] = mapped_column(String(40))
    unit_en: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(8), default="raw")
    time_rule: Mapped[str] = mapped_column(String(8), default="sum")
    numerator_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("indicator.id"))
    denominator_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("indicator.id"))
    target_value: Mapped[float | None] = mapped_column(Float)
    decimals: Mapped[int] = mapped_column(Integer, default=0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CampaignIndicator(Record, Base):
    """The indicators a campaign chose to follow."""

    __tablename__ = "campaign_indicator"
    __table_args__ = (UniqueConstraint("campaign_id", "indicator_id"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"), index=True)
    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicator.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


# --- Implementation by a locality ----------------------------------------------------


class Implementation(Editable, Provenance, Base):
    """A locality's implementation of a campaign: its own plan and milestones."""

    __tablename__ = "implementation"
    __table_args__ = (UniqueConstraint("campaign_id", "locality_id"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    plan_document: Mapped[str | None] = mapped_column(String(200))
    plan_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Milestone(Editable, Provenance, Base):
    __tablename__ = "milestone"
    __table_args__ = (
        CheckConstraint(
            check_clause("kind", v.MILESTONE_KINDS),
            name="kind",
        ),
    )

    implementation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("implementation.id"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    # A source may say a step was done without saying when.
    is_done: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    done_date: Mapped[date | None] = mapped_column(Date)


class ImportedFile(Record, Base):
    """A spreadsheet imported into the tool, remembered by its SHA-256."""

    __tablename__ = "imported_file"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(40))
    imported_by: Mapped[str | None] = mapped_column(String(100))
    row_count: Mapped[int] = mapped_column(Integer, default=0)


class IndicatorValue(Editable, Provenance, Base):
    """One figure for one locality and period, with where it came from."""

    __tablename__ = "indicator_value"
    __table_args__ = (
        CheckConstraint("period_start <= period_end", name="period_order"),
        Index("ix_indicator_value_lookup", "campaign_id", "indicator_id", "period_end"),
        Index("ix_indicator_value_locality", "locality_id", "indicator_id"),
        Index(
            "ix_indicator_value_period",
            "campaign_id",
            "locality_id",
            "indicator_id",
            "period_start",
            "period_end",
        ),
    )

    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicator.id"))
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"))
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaign.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    period_label: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[float] = mapped_column(Float)
    source_visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visit.id"))
    source_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("imported_file.id"))
    # A flow that restates periods already recorded ("9 tháng" after three quarters):
    # shown beside their sum, never added to it (domain/flows.py).
    is_check: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), nullable=False
    )


class IndicatorSpan(Base):
    """Values combined per locality, indicator and span of calendar years, refreshed in
    the transaction that changes the values (data_access/spans.py): what the dashboards
    read instead of every value."""

    __tablename__ = "indicator_span"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"), primary_key=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), primary_key=True)
    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicator.id"), primary_key=True)
    first_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    n_values: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    period_label: Mapped[str | None] = mapped_column(String(100))
    is_illustrative: Mapped[bool] = mapped_column(Boolean)
    is_flow: Mapped[bool] = mapped_column(Boolean)


class Work(Editable, Provenance, Base):
    """A work or project (công trình, dự án); key projects are flagged."""

    __tablename__ = "work"
    __table_args__ = (
        CheckConstraint(check_clause("status", v.WORK_STATUSES), name="status"),
        CheckConstraint("progress_percent between 0 and 100", name="progress"),
    )

    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaign.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(100))
    investor: Mapped[str | None] = mapped_column(String(200))
    funding_source: Mapped[str | None] = mapped_column(String(200))
    total_investment: Mapped[float | None] = mapped_column(Float)  # tỷ đồng
    start_date: Mapped[date | None] = mapped_column(Date)
    planned_end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="unknown")
    progress_percent: Mapped[float | None] = mapped_column(Float)
    is_key_project: Mapped[bool] = mapped_column(Boolean, default=False)


# --- Delegations and visits ----------------------------------------------------------


class Delegation(Editable, Provenance, Base):
    __tablename__ = "delegation"

    name: Mapped[str] = mapped_column(String(300))
    organisation: Mapped[str | None] = mapped_column(String(300))
    decision_document: Mapped[str | None] = mapped_column(String(200))


class DelegationMember(Editable, Base):
    __tablename__ = "delegation_member"
    __table_args__ = (CheckConstraint(check_clause("role", v.MEMBER_ROLES), name="role"),)

    delegation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("delegation.id"), index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12), default="member")


class Visit(Editable, Provenance, Base):
    """A working session (buổi làm việc) of a delegation with a locality."""

    __tablename__ = "visit"
    __table_args__ = (CheckConstraint(check_clause("status", v.VISIT_STATUSES), name="status"),)

    delegation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("delegation.id"))
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"), index=True)
    visit_date: Mapped[date] = mapped_column(Date)
    time_of_day: Mapped[str | None] = mapped_column(String(40))
    end_time: Mapped[str | None] = mapped_column(String(40))  # when the session ended
    venue: Mapped[str | None] = mapped_column(String(300))
    chair: Mapped[str | None] = mapped_column(String(200))
    secretary: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    signed_off_by: Mapped[str | None] = mapped_column(String(100))  # the signer's name
    reopen_reason: Mapped[str | None] = mapped_column(Text)


class VisitCampaign(Record, Base):
    __tablename__ = "visit_campaign"
    __table_args__ = (UniqueConstraint("visit_id", "campaign_id"),)

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id"), index=True)
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"), index=True)


class Attendee(Editable, Base):
    __tablename__ = "attendee"
    __table_args__ = (CheckConstraint(check_clause("side", v.ATTENDEE_SIDES), name="side"),)

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id"), index=True)
    side: Mapped[str] = mapped_column(String(12))
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CriterionRating(Editable, Base):
    __tablename__ = "criterion_rating"
    __table_args__ = (
        UniqueConstraint("visit_id", "criterion_id"),
        CheckConstraint(check_clause("rating", v.RATINGS), name="rating"),
    )

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id"), index=True)
    criterion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("criterion.id"))
    rating: Mapped[str] = mapped_column(String(12), default="not_rated")
    note: Mapped[str | None] = mapped_column(Text)


class Finding(Editable, Provenance, Base):
    __tablename__ = "finding"
    __table_args__ = (CheckConstraint(check_clause("kind", v.FINDING_KINDS), name="kind"),)

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    criterion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("criterion.id"))
    evidence: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Recommendation(Editable, Provenance, Base):
    __tablename__ = "recommendation"
    __table_args__ = (
        CheckConstraint(check_clause("direction", v.RECOMMENDATION_DIRECTIONS), name="direction"),
        CheckConstraint(check_clause("status", v.RECOMMENDATION_STATUSES), name="status"),
        CheckConstraint(check_clause("priority", v.PRIORITIES), name="priority"),
    )

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id"), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    addressee: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[str] = mapped_column(String(8), default=v.DEFAULT_PRIORITY)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    verified_at_visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visit.id"))
    verification_note: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    # The rules of domain.recommendations (is_open, is_overdue) as SQL, for filters and counts.
    @classmethod
    def open_clause(cls) -> ColumnElement[bool]:
        return cls.status.in_(v.OPEN_RECOMMENDATION_STATUSES)

    @classmethod
    def overdue_clause(cls, today: date) -> ColumnElement[bool]:
        return and_(cls.open_clause(), cls.due_date.is_not(None), cls.due_date < today)


class RecommendationUpdate(Record, Base):
    """Follow-up history of a recommendation: append-only."""

    __tablename__ = "recommendation_update"

    recommendation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("recommendation.id"), index=True
    )
    changed_on: Mapped[date] = mapped_column(Date)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    # Set when the change was a check made at a later visit.
    verified_at_visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visit.id"))
    verification_result: Mapped[str | None] = mapped_column(String(24))


class Attachment(Editable, Base):
    """A photo or PDF; stored under a generated name, the uploaded name is a label."""

    __tablename__ = "attachment"

    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id"), index=True)
    finding_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("finding.id"))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


class SupervisionRound(Editable, Base):
    """A supervision round (đợt giám sát): the visits of one delegation under one decision
    or plan, the localities it schedules, and its consolidated report."""

    __tablename__ = "supervision_round"
    __table_args__ = (
        CheckConstraint(check_clause("report_status", v.REPORT_STATUSES), name="report_status"),
    )

    delegation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("delegation.id"), index=True)
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("campaign.id"))
    decision_number: Mapped[str | None] = mapped_column(String(100))
    decision_date: Mapped[date | None] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    # The report's sections as the head edits them in the tool (vocabulary.REPORT_SECTIONS).
    results: Mapped[str | None] = mapped_column(Text)
    shortcomings: Mapped[str | None] = mapped_column(Text)
    difficulties: Mapped[str | None] = mapped_column(Text)
    proposals: Mapped[str | None] = mapped_column(Text)
    report_status: Mapped[str] = mapped_column(String(8), default="draft")
    # A draft edited in Word and uploaded back, then the finalised file.
    report_file_name: Mapped[str | None] = mapped_column(String(300))
    report_content: Mapped[bytes | None] = mapped_column(LargeBinary)
    report_uploaded_by: Mapped[str | None] = mapped_column(String(200))
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finalised_by: Mapped[str | None] = mapped_column(String(200))


class RoundLocality(Record, Base):
    """A locality a round plans to visit, and when."""

    __tablename__ = "round_locality"
    __table_args__ = (UniqueConstraint("round_id", "locality_id"),)

    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supervision_round.id"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"))
    scheduled_date: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class RoundVisit(Record, Base):
    """A visit made under a round; a visit belongs to one round at most. A table of its
    own rather than a column of ``visit``: adding a foreign key to ``visit`` on SQLite
    means copying the table others point to (see migration 0010)."""

    __tablename__ = "round_visit"

    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supervision_round.id"), index=True)
    visit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("visit.id"), unique=True)


class DocumentTemplate(Record, Base):
    """An agency's own Word template for one kind of official document (its letterhead,
    its wording), used instead of the one shipped with the tool; deleting it goes back."""

    __tablename__ = "document_template"

    kind: Mapped[str] = mapped_column(String(20), unique=True)
    file_name: Mapped[str] = mapped_column(String(300))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str | None] = mapped_column(String(200))


class AttachmentContent(Base):
    """The bytes of attached files, by their SHA-256, in the database itself: a photo taken
    on a laptop reaches the shared server with the sync and is seen from every machine
    (files of older versions still lie in the attachments folder and are read from there)."""

    __tablename__ = "attachment_content"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- Users and audit -----------------------------------------------------------------


class User(Editable, Base):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint(check_clause("role", v.USER_ROLES), name="role"),)

    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(12), default="viewer")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UserLocalityScope(Record, Base):
    """Limits a user to some localities (and what lies below them)."""

    __tablename__ = "user_locality_scope"
    __table_args__ = (UniqueConstraint("user_id", "locality_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    locality_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locality.id"))


class LoginAttempt(Base):
    """Every login attempt; repeated failures slow the next ones down."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_username_at", "username", "attempted_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(100))
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)


class UserSession(Base):
    """A signed-in browser: the cookie holds a random token, the table only its hash."""

    __tablename__ = "user_session"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """Append-only log of changes, written in the same transaction as the change."""

    __tablename__ = "audit_event"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Draft(Base):
    """Text saved as it is typed, before the user saves it into its record.

    One row per field being edited (``scope``, e.g. ``finding:<id>:text``) and per person
    (``owner``, a username): a browser refresh, a closed tab or a server restart loses
    nothing, and two editors of one finding never share a draft. ``base_version`` is the
    record's version the text was started from.
    """

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("scope", "owner", name="uq_draft_scope_owner"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    scope: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str] = mapped_column(String(100), default="")
    text: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int | None] = mapped_column(Integer)
    author: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DataVersion(Base):
    """A counter every write bumps; caches of reads are keyed on it."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- Field sync (data_access/sync/) ---------------------------------------------------


class SyncLaptop(Record, Base):
    """On the shared server: a laptop registered to take out visits and bring them back.
    ``secret`` signs the packages both ways; the scope says what it may take out."""

    __tablename__ = "sync_laptop"

    name: Mapped[str] = mapped_column(String(200))
    secret: Mapped[str] = mapped_column(String(64))
    delegation_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    locality_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    registered_by: Mapped[str | None] = mapped_column(String(200))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SyncState(Base):
    """On a laptop: who it is for its server, and how far the last sync went. One row."""

    __tablename__ = "sync_state"

    laptop_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    server_name: Mapped[str] = mapped_column(String(300))
    secret: Mapped[str] = mapped_column(String(64))
    delegation_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    locality_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The server's clock when it built the last reply received: the next asks from there.
    server_cursor: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A package sent and not yet answered: sent again, unchanged, until its reply comes.
    pending_push_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    pending_package: Mapped[bytes | None] = mapped_column(LargeBinary)


class SyncBase(Base):
    """On a laptop: each synced record as both sides last agreed on it (the base of the
    three-way merge); ``sent`` is the copy in the package awaiting its reply."""

    __tablename__ = "sync_base"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    # SQL NULL, not JSON null, for "none": the queries ask ``IS NULL``.
    fields: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    sent: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class SyncConflict(Record, Base):
    """A field both sides changed: the record keeps one value, this row the other, until
    a person who may edit the record chooses (audited)."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_open", "resolved_at", "visit_id"),)

    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    field: Mapped[str] = mapped_column(String(40))
    base_value: Mapped[Any] = mapped_column(JSON)
    kept_value: Mapped[Any] = mapped_column(JSON)
    other_value: Mapped[Any] = mapped_column(JSON)
    other_side: Mapped[str] = mapped_column(String(200))
    laptop_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolution: Mapped[str | None] = mapped_column(String(12))


class SyncLog(Record, Base):
    """Each sync, on both sides: when, which laptop, how many records each way, what was
    in conflict or refused. On the server ``push_id`` makes a package count once."""

    __tablename__ = "sync_log"

    laptop_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    laptop_name: Mapped[str] = mapped_column(String(200))
    push_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, unique=True)
    mode: Mapped[str] = mapped_column(String(16))
    sent: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    received: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
