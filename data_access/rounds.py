"""Supervision rounds (đợt giám sát): a delegation's plan of localities and dates under one
decision, the visits made under it, and its consolidated report, drafted in the tool or
in Word and finalised by the head.

Every command is one transaction with its permission check, its audit event and a data
version bump, like the visit commands; a report once finalised is read-only until the
head reopens it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import found_record, live_record, session_scope
from data_access.drafts import SavedDraft, discard_draft, drafts_under
from data_access.errors import InvalidInput, NotFound, StaleEdit, WriteRefused
from data_access.visit_views import VisitDetail, VisitSummary, list_visits, visit_detail
from data_access.writes import only_fields, require, write_scope
from domain.permissions import Actor, can_edit_round, can_finalise_round
from domain.rounds import is_in_period, locality_progress, progress_counts
from domain.visits import fits_a_cell
from domain.vocabulary import REPORT_SECTIONS

PLAN_FIELDS = (
    "decision_number",
    "decision_date",
    "subject",
    "period_start",
    "period_end",
    "campaign_id",
)
Schedule = list[tuple[uuid.UUID, date | None]]  # locality, scheduled day


class ReportFinal(WriteRefused):
    """The round's report is finalised: reopened by the head before anything changes."""

    code = "report_final"


def report_scope(round_id: uuid.UUID | str, section: str) -> str:
    """The key of a draft of one section of the report: ``round:<id>:results``."""
    return f"round:{round_id}:{section}"


# --- what the screens read ---------------------------------------------------------------


@dataclass(frozen=True)
class RoundSummary:
    id: uuid.UUID
    subject: str
    delegation_id: uuid.UUID
    delegation: str
    decision_number: str | None
    decision_date: date | None
    period_start: date
    period_end: date
    report_status: str
    progress: dict[str, int]  # vocabulary.ROUND_PROGRESS -> localities
    locality_ids: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True)
class RoundVisitRef:
    id: uuid.UUID
    visit_date: date
    status: str


@dataclass(frozen=True)
class RoundStop:
    """A locality of the round: when it is planned, the visits made there, where it stands."""

    locality_id: uuid.UUID
    locality: str
    scheduled_date: date | None
    visits: tuple[RoundVisitRef, ...]
    progress: str  # vocabulary.ROUND_PROGRESS


@dataclass(frozen=True)
class RoundDetail:
    id: uuid.UUID
    version: int
    delegation_id: uuid.UUID
    delegation: str
    organisation: str | None
    head: str | None  # the delegation's head, who signs the report
    campaign_id: uuid.UUID | None
    campaign: str | None
    decision_number: str | None
    decision_date: date | None
    subject: str
    period_start: date
    period_end: date
    sections: dict[str, str | None]  # vocabulary.REPORT_SECTIONS -> text
    report_status: str
    report_file_name: str | None
    report_uploaded_by: str | None
    report_uploaded_at: datetime | None
    finalised_at: datetime | None
    finalised_by: str | None
    stops: tuple[RoundStop, ...]
    visits: tuple[VisitDetail, ...]  # the round's visits, in date order
    candidates: tuple[VisitSummary, ...]  # the delegation's visits in no round yet
    drafts: dict[str, SavedDraft] = field(default_factory=dict)  # the reader's, by scope

    @property
    def progress(self) -> dict[str, int]:
        return progress_counts(stop.progress for stop in self.stops)

    @property
    def is_final(self) -> bool:
        return self.report_status == "final"


def list_rounds(engine: Engine, today: date) -> tuple[RoundSummary, ...]:
    """Every round, the latest period first, with its progress."""
    with session_scope(engine, read_only=True) as session:
        rows = session.execute(
            select(m.SupervisionRound, m.Delegation.name)
            .join(m.Delegation, m.Delegation.id == m.SupervisionRound.delegation_id)
            .where(m.SupervisionRound.deleted_at.is_(None))
            .order_by(m.SupervisionRound.period_start.desc(), m.SupervisionRound.created_at)
        ).all()
        summaries = []
        for row, delegation in rows:
            stops = _stops(session, row.id, today)
            summaries.append(
                RoundSummary(
                    id=row.id,
                    subject=row.subject,
                    delegation_id=row.delegation_id,
                    delegation=delegation,
                    decision_number=row.decision_number,
                    decision_date=row.decision_date,
                    period_start=row.period_start,
                    period_end=row.period_end,
                    report_status=row.report_status,
                    progress=progress_counts(stop.progress for stop in stops),
                    locality_ids=frozenset(stop.locality_id for stop in stops),
                )
            )
        return tuple(summaries)


def round_detail(
    engine: Engine, round_id: uuid.UUID, today: date, reader: str = ""
) -> RoundDetail | None:
    """A round with its plan, its visits read in full (what the report is drafted from)
    and the visits that could be added to it; ``drafts`` are the reader's (a username)."""
    with session_scope(engine, read_only=True) as session:
        row = live_record(session, m.SupervisionRound, round_id)
        if row is None:
            return None
        delegation = session.get_one(m.Delegation, row.delegation_id)
        campaign = session.get(m.Campaign, row.campaign_id) if row.campaign_id else None
        stops = _stops(session, round_id, today)
        linked = {v.id for stop in stops for v in stop.visits}
        in_a_round = set(session.scalars(select(m.RoundVisit.visit_id)))
        detail = RoundDetail(
            id=row.id,
            version=row.version,
            delegation_id=row.delegation_id,
            delegation=delegation.name,
            organisation=delegation.organisation,
            head=session.scalar(
                select(m.DelegationMember.full_name).where(
                    m.DelegationMember.delegation_id == row.delegation_id,
                    m.DelegationMember.role == "head",
                    m.DelegationMember.deleted_at.is_(None),
                )
            ),
            campaign_id=row.campaign_id,
            campaign=campaign.name if campaign else None,
            decision_number=row.decision_number,
            decision_date=row.decision_date,
            subject=row.subject,
            period_start=row.period_start,
            period_end=row.period_end,
            sections={name: getattr(row, name) for name in REPORT_SECTIONS},
            report_status=row.report_status,
            report_file_name=row.report_file_name,
            report_uploaded_by=row.report_uploaded_by,
            report_uploaded_at=row.updated_at if row.report_file_name else None,
            finalised_at=row.finalised_at,
            finalised_by=row.finalised_by,
            stops=stops,
            visits=(),
            candidates=(),
        )
    visits = tuple(v for v in (visit_detail(engine, i, today) for i in linked) if v is not None)
    planned = {stop.locality_id for stop in stops}
    candidates = tuple(
        sorted(
            (
                v
                for v in list_visits(engine)
                if v.delegation_id == detail.delegation_id and v.id not in in_a_round
            ),
            # What the plan expects first: its localities, within its period.
            key=lambda v: (
                v.locality_id not in planned,
                not is_in_period(v.visit_date, detail.period_start, detail.period_end),
                v.visit_date,
            ),
        )
    )
    drafts = drafts_under(engine, f"round:{round_id}:", reader) if reader else {}
    return replace(
        detail,
        visits=tuple(sorted(visits, key=lambda v: (v.visit_date, v.locality))),
        candidates=candidates,
        drafts=drafts,
    )


def report_file(engine: Engine, round_id: uuid.UUID) -> tuple[str, bytes] | None:
    """The Word file kept with the round (uploaded back, or finalised): name and bytes."""
    with session_scope(engine, read_only=True) as session:
        row = session.get(m.SupervisionRound, round_id)
        if row is None or row.report_content is None:
            return None
        return row.report_file_name or "bao-cao.docx", row.report_content


def _stops(session: Session, round_id: uuid.UUID, today: date) -> tuple[RoundStop, ...]:
    planned = session.execute(
        select(m.RoundLocality.locality_id, m.Locality.name, m.RoundLocality.scheduled_date)
        .join(m.Locality, m.Locality.id == m.RoundLocality.locality_id)
        .where(m.RoundLocality.round_id == round_id)
        .order_by(m.RoundLocality.sort_order, m.Locality.name)
    ).all()
    made = session.execute(
        select(m.Visit.locality_id, m.Visit.id, m.Visit.visit_date, m.Visit.status)
        .join(m.RoundVisit, m.RoundVisit.visit_id == m.Visit.id)
        .where(m.RoundVisit.round_id == round_id, m.Visit.deleted_at.is_(None))
        .order_by(m.Visit.visit_date)
    ).all()
    visits: dict[uuid.UUID, list[RoundVisitRef]] = {}
    for locality_id, visit_id, visit_date, status in made:
        visits.setdefault(locality_id, []).append(RoundVisitRef(visit_id, visit_date, status))
    return tuple(
        RoundStop(
            locality_id=locality_id,
            locality=name,
            scheduled_date=scheduled,
            visits=tuple(visits.get(locality_id, ())),
            progress=locality_progress(
                scheduled, [v.visit_date for v in visits.get(locality_id, ())], today
            ),
        )
        for locality_id, name, scheduled in planned
    )


# --- commands ------------------------------------------------------------------------------


@dataclass
class RoundInput:
    delegation_id: uuid.UUID
    subject: str
    period_start: date
    period_end: date
    decision_number: str | None = None
    decision_date: date | None = None
    campaign_id: uuid.UUID | None = None
    schedule: Schedule = field(default_factory=list)


def _check_plan(values: dict[str, Any]) -> None:
    problems = []
    if "subject" in values and not (values["subject"] or "").strip():
        problems.append("round_subject_required")
    start, end = values.get("period_start"), values.get("period_end")
    if start is not None and end is not None and start > end:
        problems.append("round_period_order")
    if not fits_a_cell([values.get("decision_number"), values.get("subject")]):
        problems.append("text_too_long")
    if problems:
        raise InvalidInput(problems)


def create_round(engine: Engine, actor: Actor, data: RoundInput) -> uuid.UUID:
    _check_plan(vars(data))
    with write_scope(engine, actor) as session:
        require(can_edit_round(actor, data.delegation_id), "round.create")
        if session.scalars(select(m.SyncState)).first() is not None:
            # Rounds are not carried by the sync: one planned on a laptop would never
            # reach the shared server, where the delegation plans and reports.
            raise InvalidInput(["round_on_laptop"])
        if session.get(m.Delegation, data.delegation_id) is None:
            raise NotFound("delegation")
        row = m.SupervisionRound(
            delegation_id=data.delegation_id,
            campaign_id=data.campaign_id,
            decision_number=(data.decision_number or "").strip() or None,
            decision_date=data.decision_date,
            subject=data.subject.strip(),
            period_start=data.period_start,
            period_end=data.period_end,
            report_status="draft",
        )
        session.add(row)
        session.flush()
        _put_schedule(session, actor, row, data.schedule)
        record_event(session, actor, "create", row, None)
        return row.id


def _round(session: Session, actor: Actor, round_id: uuid.UUID, action: str, *, head=False):
    row = found_record(session, m.SupervisionRound, round_id, "round")
    allowed = can_finalise_round if head else can_edit_round
    require(allowed(actor, row.delegation_id), action, row)
    return row


def _editable_round(session: Session, actor: Actor, round_id: uuid.UUID, action: str):
    row = _round(session, actor, round_id, action)
    if row.report_status == "final":
        raise ReportFinal()
    return row


def update_round(
    engine: Engine,
    actor: Actor,
    round_id: uuid.UUID,
    expected_version: int | None,
    changes: dict[str, Any],
) -> int:
    """Change the plan's fields or the report's sections, against the version the editor
    showed; the author's drafts of the sections saved are discarded. Returns the version."""
    only_fields(changes, (*PLAN_FIELDS, *REPORT_SECTIONS), "round.update", None)
    _check_plan(changes)
    if not fits_a_cell([changes.get(name) for name in REPORT_SECTIONS]):
        raise InvalidInput(["text_too_long"])
    with write_scope(engine, actor) as session:
        row = _editable_round(session, actor, round_id, "round.update")
        if expected_version is not None and row.version != expected_version:
            raise StaleEdit(
                theirs={k: getattr(row, k) for k in changes},
                mine=changes,
                current_version=row.version,
            )
        for name in REPORT_SECTIONS:
            if name in changes:
                discard_draft(session, report_scope(round_id, name), actor.username)
        _check_plan({"period_start": row.period_start, "period_end": row.period_end, **changes})
        if all(getattr(row, key) == value for key, value in changes.items()):
            return row.version
        before = snapshot(row)
        for key, value in changes.items():
            setattr(row, key, value)
        record_event(session, actor, "update", row, before)
        session.flush()
        return row.version


def set_schedule(
    engine: Engine,
    actor: Actor,
    round_id: uuid.UUID,
    schedule: Schedule,
    expected: Schedule | None = None,
) -> None:
    """Put ``schedule`` in place of the round's localities and days. ``expected``: the
    plan the editor started from; when someone changed it since, nothing is saved."""
    with write_scope(engine, actor) as session:
        row = _editable_round(session, actor, round_id, "round.schedule")
        now = _schedule_of(session, round_id)
        if expected is not None and now != list(expected):
            raise StaleEdit(
                theirs={"schedule": len(now)},
                mine={"schedule": len(schedule)},
                current_version=row.version,
            )
        visited = set(
            session.scalars(
                select(m.Visit.locality_id)
                .join(m.RoundVisit, m.RoundVisit.visit_id == m.Visit.id)
                .where(m.RoundVisit.round_id == round_id)
            )
        )
        dropped = visited - {locality_id for locality_id, _ in schedule}
        if dropped:  # a visit made under the round keeps its locality in the plan
            raise InvalidInput(["round_visited_locality"])
        for old in session.scalars(
            select(m.RoundLocality).where(m.RoundLocality.round_id == round_id)
        ):
            session.delete(old)
        session.flush()
        _put_schedule(session, actor, row, schedule)
        record_event(session, actor, "schedule", row, None)


def _schedule_of(session: Session, round_id: uuid.UUID) -> Schedule:
    return [
        (locality_id, day)
        for locality_id, day in session.execute(
            select(m.RoundLocality.locality_id, m.RoundLocality.scheduled_date)
            .where(m.RoundLocality.round_id == round_id)
            .order_by(m.RoundLocality.sort_order)
        )
    ]


def _put_schedule(session: Session, actor: Actor, row, schedule: Schedule, first: int = 0) -> None:
    seen = set()
    for order, (locality_id, day) in enumerate(schedule, start=first):
        if locality_id in seen:
            continue
        seen.add(locality_id)
        if session.get(m.Locality, locality_id) is None:
            raise NotFound("locality")
        require(actor.sees(locality_id), "round.schedule", row)
        session.add(
            m.RoundLocality(
                round_id=row.id, locality_id=locality_id, scheduled_date=day, sort_order=order
            )
        )


def link_visits(
    engine: Engine, actor: Actor, round_id: uuid.UUID, visit_ids: list[uuid.UUID]
) -> None:
    """Count these visits under the round; a visit at a locality the plan does not list
    adds the locality, on the day of the visit."""
    with write_scope(engine, actor) as session:
        row = _editable_round(session, actor, round_id, "round.link")
        planned = dict(_schedule_of(session, round_id))
        for visit_id in visit_ids:
            visit = found_record(session, m.Visit, visit_id, "visit")
            if visit.delegation_id != row.delegation_id:
                raise InvalidInput(["round_other_delegation"])
            already = session.scalar(select(m.RoundVisit).where(m.RoundVisit.visit_id == visit_id))
            if already is not None:
                if already.round_id == round_id:
                    continue
                raise InvalidInput(["round_visit_elsewhere"])
            session.add(m.RoundVisit(round_id=round_id, visit_id=visit_id))
            if visit.locality_id not in planned:  # after the localities listed
                stop = [(visit.locality_id, visit.visit_date)]
                _put_schedule(session, actor, row, stop, first=len(planned))
                planned[visit.locality_id] = visit.visit_date
        record_event(session, actor, "link", row, None)


def unlink_visit(engine: Engine, actor: Actor, round_id: uuid.UUID, visit_id: uuid.UUID) -> None:
    with write_scope(engine, actor) as session:
        row = _editable_round(session, actor, round_id, "round.link")
        link = session.scalar(
            select(m.RoundVisit).where(
                m.RoundVisit.round_id == round_id, m.RoundVisit.visit_id == visit_id
            )
        )
        if link is not None:
            session.delete(link)
            record_event(session, actor, "unlink", row, None)


def keep_report_file(
    engine: Engine, actor: Actor, round_id: uuid.UUID, file_name: str, content: bytes
) -> None:
    """The draft edited in Word and uploaded back (checked by the documents layer): from
    now on it is the report, until it is removed."""
    with write_scope(engine, actor) as session:
        row = _editable_round(session, actor, round_id, "round.report_file")
        before = snapshot(row)
        row.report_file_name = file_name[:300]
        row.report_content = content
        row.report_uploaded_by = actor.label
        record_event(session, actor, "update", row, before)


def drop_report_file(engine: Engine, actor: Actor, round_id: uuid.UUID) -> None:
    """Back to the report drafted in the tool."""
    with write_scope(engine, actor) as session:
        row = _editable_round(session, actor, round_id, "round.report_file")
        before = snapshot(row)
        row.report_file_name = row.report_content = row.report_uploaded_by = None
        record_event(session, actor, "update", row, before)


def finalise_report(
    engine: Engine,
    actor: Actor,
    round_id: uuid.UUID,
    expected_version: int,
    drafted: tuple[str, bytes] | None,
) -> None:
    """The head finalises the report: the file uploaded back when there is one, else
    ``drafted`` (the tool's Word file of the sections as saved at ``expected_version``)
    is stored with the round, and nothing changes until the head reopens it."""
    with write_scope(engine, actor) as session:
        row = _round(session, actor, round_id, "round.finalise", head=True)
        if row.report_status == "final":
            raise ReportFinal()
        if row.version != expected_version:
            raise StaleEdit(theirs={}, mine={}, current_version=row.version)
        before = snapshot(row)
        if row.report_content is None:
            if drafted is None:
                raise InvalidInput(["round_report_missing"])
            row.report_file_name, row.report_content = drafted
            row.report_uploaded_by = None
        row.report_status = "final"
        row.finalised_at = m.utcnow()
        row.finalised_by = actor.label
        record_event(session, actor, "finalise", row, before)


def reopen_report(engine: Engine, actor: Actor, round_id: uuid.UUID) -> None:
    """Back to a draft: a file uploaded back stays the report; one the tool drafted is
    dropped, and the sections edited in the tool make the next one."""
    with write_scope(engine, actor) as session:
        row = _round(session, actor, round_id, "round.reopen", head=True)
        before = snapshot(row)
        row.report_status = "draft"
        row.finalised_at = row.finalised_by = None
        if row.report_uploaded_by is None:
            row.report_file_name = row.report_content = None
        record_event(session, actor, "reopen", row, before)
