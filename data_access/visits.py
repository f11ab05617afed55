"""Supervision visits: creating and editing a visit and everything recorded in it.

Every command is one transaction that checks the visit is still editable, refuses stale
saves (version column), writes an audit event and bumps the data version, or does
nothing at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import found_record
from data_access.drafts import discard_draft, visit_drafts
from data_access.errors import InvalidInput, NotFound, StaleEdit, VisitLocked
from data_access.flows import recorded_flows
from data_access.visit_views import places_checked_at
from data_access.writes import editable_visit, only_fields, require, write_scope
from domain.flows import FlowDecision, decide_flow
from domain.numbers import check_reported_figures
from domain.permissions import Actor, can_create_visit, can_follow_up
from domain.permissions import can_sign_off as may_sign_off
from domain.recommendations import (
    VERIFICATION_RESULTS,
    can_change_status,
)
from domain.visits import can_lock, can_reopen, can_sign_off, fits_a_cell
from domain.vocabulary import FINDING_KINDS, PRIORITIES, RATINGS, RECOMMENDATION_DIRECTIONS


def _check_length(*texts: object) -> None:
    if not fits_a_cell(texts):
        raise InvalidInput(["text_too_long"])


def draft_scope(entity: str, record_id: uuid.UUID | str, name: str) -> str:
    """The key of a draft: ``finding:<id>:text``, ``visit:<id>:new_finding``…"""
    return f"{entity}:{record_id}:{name}"


def _check_version(record: m.Editable, expected: int | None, mine: dict[str, Any]) -> None:
    if expected is not None and record.version != expected:
        theirs = {k: getattr(record, k) for k in mine}
        raise StaleEdit(theirs=theirs, mine=mine, current_version=record.version)


def _update(
    session: Session,
    actor: Actor,
    record: m.Editable,
    expected_version: int | None,
    changes: dict[str, Any],
    *,
    drafts: list[str] = (),
) -> int:
    """Apply changes after the version check; the drafts they came from are discarded.
    Saving what is already saved changes nothing and writes no audit event."""
    _check_length(*changes.values())
    _check_version(record, expected_version, changes)
    for scope in drafts:
        discard_draft(session, scope, actor.username)
    if all(getattr(record, key) == value for key, value in changes.items()):
        return record.version
    before = snapshot(record)
    for key, value in changes.items():
        setattr(record, key, value)
    record_event(session, actor, "update", record, before)
    return record.version


# --- visits ----------------------------------------------------------------------------


@dataclass
class VisitInput:
    locality_id: uuid.UUID
    visit_date: date
    campaign_ids: list[uuid.UUID]
    delegation_id: uuid.UUID | None = None
    delegation_name: str = ""  # a new delegation, when none is chosen
    time_of_day: str | None = None
    venue: str | None = None
    chair: str | None = None
    secretary: str | None = None
    attendees: list[tuple[str, str, str | None]] = field(default_factory=list)  # side,name,title


def create_visit(engine: Engine, actor: Actor, data: VisitInput) -> uuid.UUID:
    problems = []
    if not data.campaign_ids:
        problems.append("campaigns_required")
    if not fits_a_cell([data.venue, data.chair, data.secretary, data.time_of_day]):
        problems.append("text_too_long")
    if problems:
        raise InvalidInput(problems)
    with write_scope(engine, actor) as session:
        require(can_create_visit(actor, data.locality_id, data.delegation_id), "visit.create")
        delegation_id = data.delegation_id
        if delegation_id is None and data.delegation_name.strip():
            delegation = m.Delegation(name=data.delegation_name.strip())
            session.add(delegation)
            record_event(session, actor, "create", delegation, None)
            delegation_id = delegation.id
            if actor.user_id is not None:
                # Who starts a delegation heads it until an administrator says otherwise.
                session.add(
                    m.DelegationMember(
                        delegation_id=delegation.id,
                        user_id=actor.user_id,
                        full_name=actor.full_name,
                        role="head",
                    )
                )
        visit = m.Visit(
            locality_id=data.locality_id,
            delegation_id=delegation_id,
            visit_date=data.visit_date,
            time_of_day=data.time_of_day,
            venue=data.venue,
            chair=data.chair,
            secretary=data.secretary,
            status="draft",
        )
        session.add(visit)
        session.flush()
        for campaign_id in data.campaign_ids:
            session.add(m.VisitCampaign(visit_id=visit.id, campaign_id=campaign_id))
        _add_attendees(session, visit.id, data.attendees)
        record_event(session, actor, "create", visit, None)
        return visit.id


def _add_attendees(
    session: Session, visit_id: uuid.UUID, attendees: list[tuple[str, str, str | None]]
) -> None:
    for order, (side, name, title) in enumerate(attendees):
        if name and name.strip():
            session.add(
                m.Attendee(
                    visit_id=visit_id,
                    side=side,
                    full_name=name.strip(),
                    title=(title or "").strip() or None,
                    sort_order=order,
                )
            )


VISIT_TEXT_FIELDS = ("time_of_day", "end_time", "venue", "chair", "secretary", "summary")
# What the edit commands of a finding and a recommendation may change; the rest (status,
# the visit it belongs to) has a command of its own or never changes.
FINDING_FIELDS = ("text", "evidence")
RECOMMENDATION_FIELDS = ("text", "addressee", "due_date", "priority")


def _texts_only(changes: dict[str, Any]) -> None:
    if any(value is not None and not isinstance(value, str) for value in changes.values()):
        raise InvalidInput(["field_value"])


def update_visit(
    engine: Engine,
    actor: Actor,
    visit_id: uuid.UUID,
    expected_version: int | None,
    changes: dict[str, Any],
) -> int:
    """Save the visit's general information; returns the new version."""
    with write_scope(engine, actor) as session:
        visit = editable_visit(session, visit_id, actor)
        only_fields(changes, VISIT_TEXT_FIELDS, "visit.edit", visit)
        _texts_only(changes)
        drafts = [draft_scope("visit", visit_id, name) for name in changes]
        return _update(session, actor, visit, expected_version, changes, drafts=drafts)


Attendees = list[tuple[str, str, str | None]]  # (side, full name, title), in order


def replace_attendees(
    engine: Engine,
    actor: Actor,
    visit_id: uuid.UUID,
    attendees: Attendees,
    expected: Attendees | None = None,
) -> None:
    """Put ``attendees`` in place of the visit's list. ``expected``: the list the editor
    started from; when someone changed it since, nothing is saved (StaleEdit)."""
    with write_scope(engine, actor) as session:
        visit = editable_visit(session, visit_id, actor)
        current = list(
            session.scalars(
                select(m.Attendee)
                .where(m.Attendee.visit_id == visit_id, m.Attendee.deleted_at.is_(None))
                .order_by(m.Attendee.sort_order)
            )
        )
        now = [(a.side, a.full_name, a.title) for a in current]
        if expected is not None and now != [tuple(row) for row in expected]:
            raise StaleEdit(
                theirs={"attendees": _names(now)},
                mine={"attendees": _names(attendees)},
                current_version=visit.version,
            )
        for old in current:
            old.deleted_at = m.utcnow()
        _add_attendees(session, visit_id, attendees)
        record_event(session, actor, "attendees", visit, None)


def _names(attendees: Attendees) -> str:
    return "; ".join(name for _, name, _ in attendees)


def _visit_for_the_head(
    session: Session, actor: Actor, visit_id: uuid.UUID, action: str
) -> m.Visit:
    """Signing off and reopening are the head's (or an admin's) to do."""
    visit = session.get(m.Visit, visit_id)
    if visit is None:
        raise NotFound("visit")
    require(may_sign_off(actor, visit.locality_id, visit.delegation_id), action, visit)
    return visit


def sign_off(
    engine: Engine, actor: Actor, visit_id: uuid.UUID, *, discard_drafts: bool = False
) -> None:
    """The delegation head, signed in, finalises the visit: from now on it is read-only.

    What is signed is what is saved: while anyone holds unsaved text of the visit, the
    sign-off is refused (``unsaved_drafts``), unless the head chose to discard it."""
    with write_scope(engine, actor) as session:
        visit = _visit_for_the_head(session, actor, visit_id, "visit.sign_off")
        if not can_sign_off(visit.status):
            raise VisitLocked(visit.status)
        pending = visit_drafts(session, visit_id)
        if pending and not discard_drafts:
            raise InvalidInput(["unsaved_drafts"])
        for draft in pending:
            session.delete(draft)
        before = snapshot(visit)
        visit.status = "signed_off"
        visit.signed_off_at = m.utcnow()
        visit.signed_off_by = actor.full_name
        record_event(session, actor, "sign_off", visit, before)


def save_own_drafts(engine: Engine, actor: Actor, visit_id: uuid.UUID) -> int:
    """Save each of the user's drafts of the visit's fields, findings, recommendations and
    ratings into its record, in one transaction, each against the version it was typed
    from (StaleEdit when someone saved in between: then nothing is saved). Drafts of items
    not yet added stay: they need the user's choices. Returns how many were saved."""
    with write_scope(engine, actor) as session:
        visit = editable_visit(session, visit_id, actor)
        # Per record: the version its drafts were typed from, the changes, the drafts.
        edits: dict[m.Editable, tuple[int | None, dict[str, Any], list[m.Draft]]] = {}
        for draft in visit_drafts(session, visit_id):
            target = _draft_target(session, visit, draft.scope)
            if draft.owner != actor.username or target is None:
                continue
            record, field_name = target
            value = draft.text.strip() or None
            if field_name == "text" and value is None:
                continue
            base, changes, drafts = edits.setdefault(record, (draft.base_version, {}, []))
            changes[field_name] = value
            drafts.append(draft)
            if draft.base_version is not None and (base is None or draft.base_version < base):
                edits[record] = (draft.base_version, changes, drafts)
        for record, (base, changes, drafts) in edits.items():
            _update(session, actor, record, base, changes)
            for draft in drafts:
                session.delete(draft)
        return sum(len(drafts) for _, _, drafts in edits.values())


def _draft_target(session: Session, visit: m.Visit, scope: str) -> tuple[m.Editable, str] | None:
    """The record and field a draft was typed for, or None for an item not yet added."""
    entity, _, rest = scope.partition(":")
    record_id, _, name = rest.rpartition(":")
    if entity == "visit" and name in VISIT_TEXT_FIELDS:
        return visit, name
    if entity in ("finding", "recommendation") and name == "text":
        model = m.Finding if entity == "finding" else m.Recommendation
        record = session.get(model, uuid.UUID(record_id))
        return (record, name) if record is not None and record.deleted_at is None else None
    if entity == "rating" and name == "note":
        criterion_id = uuid.UUID(record_id.rpartition(":")[2])
        rating = session.scalar(
            select(m.CriterionRating).where(
                m.CriterionRating.visit_id == visit.id,
                m.CriterionRating.criterion_id == criterion_id,
            )
        )
        return (rating, name) if rating is not None else None
    return None


def reopen(engine: Engine, actor: Actor, visit_id: uuid.UUID, reason: str) -> None:
    """Reopening a signed-off visit needs a reason, which is recorded."""
    with write_scope(engine, actor) as session:
        visit = _visit_for_the_head(session, actor, visit_id, "visit.reopen")
        if not reason.strip():
            raise InvalidInput(["reason_required"])
        _check_length(reason)
        if not can_reopen(visit.status):
            raise VisitLocked(visit.status)
        before = snapshot(visit)
        visit.status = "draft"
        visit.reopen_reason = reason.strip()
        record_event(session, actor, "reopen", visit, before)


def lock(engine: Engine, actor: Actor, visit_id: uuid.UUID) -> None:
    """The head locks signed-off minutes once they are sent out: never reopened again."""
    with write_scope(engine, actor) as session:
        visit = _visit_for_the_head(session, actor, visit_id, "visit.lock")
        if not can_lock(visit.status):
            raise VisitLocked(visit.status)
        before = snapshot(visit)
        visit.status = "locked"
        record_event(session, actor, "lock", visit, before)


# --- checklist ---------------------------------------------------------------------------


def rate_criterion(
    engine: Engine,
    actor: Actor,
    visit_id: uuid.UUID,
    criterion_id: uuid.UUID,
    rating: str,
    note: str | None,
    expected_version: int | None = None,
) -> int:
    """``expected_version``: the rating's version when shown; 0 when shown unrated."""
    if rating not in RATINGS:
        raise InvalidInput(["rating"])
    _check_length(note)
    with write_scope(engine, actor) as session:
        editable_visit(session, visit_id, actor)
        if not _criterion_of_visit(session, visit_id, criterion_id):
            raise InvalidInput(["criterion"])
        current = session.scalar(
            select(m.CriterionRating).where(
                m.CriterionRating.visit_id == visit_id,
                m.CriterionRating.criterion_id == criterion_id,
            )
        )
        note = (note or "").strip() or None
        draft = draft_scope("rating", f"{visit_id}:{criterion_id}", "note")
        if current is not None and expected_version == 0:
            # Shown unrated (version 0), rated by someone else meanwhile: theirs is not
            # silently replaced.
            _check_version(current, 0, {"rating": rating, "note": note})
        if current is None:
            current = m.CriterionRating(
                visit_id=visit_id, criterion_id=criterion_id, rating=rating, note=note
            )
            session.add(current)
            discard_draft(session, draft, actor.username)
            record_event(session, actor, "create", current, None)
            return 1
        return _update(
            session,
            actor,
            current,
            expected_version,
            {"rating": rating, "note": note},
            drafts=[draft],
        )


# --- figures reported at the meeting -----------------------------------------------------


@dataclass
class ReportedFigures:
    campaign_id: uuid.UUID
    period_start: date
    period_end: date
    period_label: str
    values: dict[str, float | None]  # indicator code -> value (None: not reported)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SavedFigures:
    """What a save of reported figures recorded: how many values the period now has, and
    the flows kept as check figures (code -> the decision, with the periods restated)."""

    count: int
    checks: dict[str, FlowDecision] = field(default_factory=dict)


def save_reported_figures(
    engine: Engine, actor: Actor, visit_id: uuid.UUID, figures: ReportedFigures
) -> SavedFigures:
    """Write the figures a locality reported at the meeting, all or nothing.

    Values replace what this visit recorded before for the same period; a blank value
    removes the figure. A flow overlapping another of the unit's periods is refused, or
    kept as a check figure when it restates them (domain/flows.py).
    """
    if figures.period_start > figures.period_end:
        raise InvalidInput(["period_order"])
    with write_scope(engine, actor) as session:
        visit = editable_visit(session, visit_id, actor)
        campaigns = session.scalars(
            select(m.VisitCampaign.campaign_id).where(m.VisitCampaign.visit_id == visit_id)
        )
        if figures.campaign_id not in set(campaigns):
            raise InvalidInput(["campaign"])  # figures of a campaign not supervised here
        indicators = _checked_indicators(session, figures)
        existing = {
            v.indicator_id: v
            for v in session.scalars(
                select(m.IndicatorValue).where(
                    m.IndicatorValue.source_visit_id == visit_id,
                    m.IndicatorValue.campaign_id == figures.campaign_id,
                    m.IndicatorValue.period_start == figures.period_start,
                    m.IndicatorValue.period_end == figures.period_end,
                    m.IndicatorValue.deleted_at.is_(None),
                )
            )
        }
        decisions = _flow_decisions(session, visit, figures, indicators)
        refused = [d.refused for d in decisions.values() if d.refused is not None]
        if refused:
            raise InvalidInput(refused)
        for code, value in figures.values.items():
            current = existing.get(indicators[code].id)
            is_check = decisions[code].is_check if code in decisions else False
            _record_figure(
                session, actor, visit, figures, indicators[code], value, current, is_check
            )
        return SavedFigures(
            sum(1 for value in figures.values.values() if value is not None),
            {code: d for code, d in decisions.items() if d.is_check},
        )


def _flow_decisions(
    session: Session, visit: m.Visit, figures: ReportedFigures, indicators: dict[str, m.Indicator]
) -> dict[str, FlowDecision]:
    """Per flow typed: recorded, kept as a check figure, or refused for an overlap."""
    typed = {code: i for code, i in indicators.items() if figures.values.get(code) is not None}
    recorded = recorded_flows(
        session,
        figures.campaign_id,
        [visit.locality_id],
        [i.id for i in typed.values()],
        figures.period_start,
        figures.period_end,
    )
    return {
        code: decide_flow(
            code,
            figures.period_start,
            figures.period_end,
            recorded.get((visit.locality_id, indicator.id), []),
        )
        for code, indicator in typed.items()
        if indicator.kind == "raw" and indicator.time_rule == "sum"
    }


def _checked_indicators(session: Session, figures: ReportedFigures) -> dict[str, m.Indicator]:
    """The indicators typed, once every value has passed the figure rules."""
    indicators = {
        i.code: i
        for i in session.scalars(
            select(m.Indicator).where(m.Indicator.code.in_(list(figures.values)))
        )
    }
    unknown = [code for code in figures.values if code not in indicators]
    units = {code: i.unit_vi for code, i in indicators.items()}
    problems = check_reported_figures(figures.values, units=units, notes=figures.notes)
    if unknown or problems:
        raise InvalidInput([*problems, *unknown])
    return indicators


def _record_figure(
    session: Session,
    actor: Actor,
    visit: m.Visit,
    figures: ReportedFigures,
    indicator: m.Indicator,
    value: float | None,
    current: m.IndicatorValue | None,
    is_check: bool = False,
) -> None:
    """Create, change or (for a blank) remove this visit's value of one indicator."""
    note = figures.notes.get(indicator.code, "").strip()
    source = f"Báo cáo tại buổi làm việc ngày {visit.visit_date:%d/%m/%Y}"
    source = f"{source}. Ghi chú: {note}" if note else source
    if value is None:
        if current is not None:
            before = snapshot(current)
            current.deleted_at = m.utcnow()
            record_event(session, actor, "delete", current, before)
    elif current is None:
        created = m.IndicatorValue(
            indicator_id=indicator.id,
            locality_id=visit.locality_id,
            campaign_id=figures.campaign_id,
            period_start=figures.period_start,
            period_end=figures.period_end,
            period_label=figures.period_label.strip() or None,
            value=value,
            source=source,
            source_visit_id=visit.id,
            is_illustrative=False,
            is_check=is_check,
        )
        session.add(created)
        record_event(session, actor, "create", created, None)
    elif current.value != value or current.source != source or current.is_check != is_check:
        changes = {
            "value": value,
            "source": source,
            "period_label": figures.period_label,
            "is_check": is_check,
        }
        _update(session, actor, current, None, changes)


# --- findings ----------------------------------------------------------------------------


def add_finding(
    engine: Engine,
    actor: Actor,
    visit_id: uuid.UUID,
    kind: str,
    text: str,
    criterion_id: uuid.UUID | None = None,
    evidence: str | None = None,
) -> uuid.UUID:
    if not text.strip():
        raise InvalidInput(["text_required"])
    if kind not in FINDING_KINDS:
        raise InvalidInput(["finding_kind"])
    _check_length(text, evidence)
    with write_scope(engine, actor) as session:
        editable_visit(session, visit_id, actor)
        if criterion_id is not None and not _criterion_of_visit(session, visit_id, criterion_id):
            raise InvalidInput(["criterion"])
        last = session.scalar(
            select(func.max(m.Finding.sort_order)).where(m.Finding.visit_id == visit_id)
        )
        finding = m.Finding(
            visit_id=visit_id,
            kind=kind,
            text=text.strip(),
            criterion_id=criterion_id,
            evidence=(evidence or "").strip() or None,
            sort_order=(last or 0) + 1,
        )
        session.add(finding)
        discard_draft(
            session, draft_scope("visit", visit_id, f"new_finding:{kind}"), actor.username
        )
        record_event(session, actor, "create", finding, None)
        return finding.id


def _criterion_of_visit(session: Session, visit_id: uuid.UUID, criterion_id: uuid.UUID) -> bool:
    """A finding links to a criterion of one of the visit's campaigns."""
    return (
        session.scalar(
            select(m.Criterion.id)
            .join(m.VisitCampaign, m.VisitCampaign.campaign_id == m.Criterion.campaign_id)
            .where(
                m.VisitCampaign.visit_id == visit_id,
                m.Criterion.id == criterion_id,
                m.Criterion.deleted_at.is_(None),
            )
        )
        is not None
    )


def _child(
    session: Session, actor: Actor, model: type[m.Editable], record_id: uuid.UUID
) -> m.Editable:
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(model.__tablename__)
    editable_visit(session, record.visit_id, actor)
    return record


def _update_child(
    engine: Engine,
    actor: Actor,
    model: type[m.Editable],
    record_id: uuid.UUID,
    expected_version: int | None,
    changes: dict[str, Any],
    allowed: tuple[str, ...],
) -> int:
    """Save edits of a finding or recommendation; the drafts they came from go."""
    if "text" in changes and not str(changes["text"]).strip():
        raise InvalidInput(["text_required"])
    if "priority" in changes and changes["priority"] not in PRIORITIES:
        raise InvalidInput(["priority"])
    with write_scope(engine, actor) as session:
        record = _child(session, actor, model, record_id)
        only_fields(changes, allowed, f"{model.__tablename__}.edit", record)
        drafts = [draft_scope(model.__tablename__, record_id, name) for name in changes]
        return _update(session, actor, record, expected_version, changes, drafts=drafts)


def update_finding(
    engine: Engine,
    actor: Actor,
    finding_id: uuid.UUID,
    expected_version: int | None,
    changes: dict[str, Any],
) -> int:
    return _update_child(
        engine, actor, m.Finding, finding_id, expected_version, changes, FINDING_FIELDS
    )


def move_finding(engine: Engine, actor: Actor, finding_id: uuid.UUID, step: int) -> None:
    """Move a finding up (-1) or down (+1) among the findings of its kind."""
    with write_scope(engine, actor) as session:
        finding = _child(session, actor, m.Finding, finding_id)
        siblings = list(
            session.scalars(
                select(m.Finding)
                .where(
                    m.Finding.visit_id == finding.visit_id,
                    m.Finding.kind == finding.kind,
                    m.Finding.deleted_at.is_(None),
                )
                .order_by(m.Finding.sort_order, m.Finding.created_at)
            )
        )
        index = siblings.index(finding)
        target = index + step
        if not 0 <= target < len(siblings):
            return
        siblings[index], siblings[target] = siblings[target], siblings[index]
        for order, sibling in enumerate(siblings, start=1):
            if sibling.sort_order != order:
                sibling.sort_order = order
        record_event(session, actor, "move", finding, None)


def _set_deleted(
    engine: Engine, actor: Actor, model: type[m.Editable], record_id: uuid.UUID, deleted: bool
) -> None:
    with write_scope(engine, actor) as session:
        record = _child(session, actor, model, record_id)
        before = snapshot(record)
        record.deleted_at = m.utcnow() if deleted else None
        record_event(session, actor, "delete" if deleted else "restore", record, before)


def delete_finding(engine: Engine, actor: Actor, finding_id: uuid.UUID) -> None:
    _set_deleted(engine, actor, m.Finding, finding_id, True)


def restore_finding(engine: Engine, actor: Actor, finding_id: uuid.UUID) -> None:
    _set_deleted(engine, actor, m.Finding, finding_id, False)


# --- recommendations ---------------------------------------------------------------------


@dataclass
class RecommendationInput:
    direction: str
    text: str
    addressee: str | None = None
    due_date: date | None = None
    priority: str = "normal"


def add_recommendation(
    engine: Engine, actor: Actor, visit_id: uuid.UUID, data: RecommendationInput
) -> uuid.UUID:
    if not data.text.strip():
        raise InvalidInput(["text_required"])
    if data.direction not in RECOMMENDATION_DIRECTIONS:
        raise InvalidInput(["direction"])
    if data.priority not in PRIORITIES:
        raise InvalidInput(["priority"])
    _check_length(data.text, data.addressee)
    with write_scope(engine, actor) as session:
        editable_visit(session, visit_id, actor)
        last = session.scalar(
            select(func.max(m.Recommendation.sort_order)).where(
                m.Recommendation.visit_id == visit_id
            )
        )
        recommendation = m.Recommendation(
            visit_id=visit_id,
            direction=data.direction,
            addressee=(data.addressee or "").strip() or None,
            text=data.text.strip(),
            due_date=data.due_date,
            priority=data.priority,
            status="open",
            sort_order=(last or 0) + 1,
        )
        session.add(recommendation)
        discard_draft(session, draft_scope("visit", visit_id, "new_recommendation"), actor.username)
        record_event(session, actor, "create", recommendation, None)
        return recommendation.id


def update_recommendation(
    engine: Engine,
    actor: Actor,
    recommendation_id: uuid.UUID,
    expected_version: int | None,
    changes: dict[str, Any],
) -> int:
    return _update_child(
        engine,
        actor,
        m.Recommendation,
        recommendation_id,
        expected_version,
        changes,
        RECOMMENDATION_FIELDS,
    )


def delete_recommendation(engine: Engine, actor: Actor, recommendation_id: uuid.UUID) -> None:
    _set_deleted(engine, actor, m.Recommendation, recommendation_id, True)


def restore_recommendation(engine: Engine, actor: Actor, recommendation_id: uuid.UUID) -> None:
    _set_deleted(engine, actor, m.Recommendation, recommendation_id, False)


def change_recommendation_status(
    engine: Engine,
    actor: Actor,
    recommendation_id: uuid.UUID,
    new_status: str,
    note: str,
    on: date,
    expected_version: int | None = None,
) -> int:
    """Follow-up of a recommendation, at any time (also after its visit was signed off):
    each change is kept in its history with date, note and author."""
    with write_scope(engine, actor) as session:
        recommendation = found_record(
            session, m.Recommendation, recommendation_id, "recommendation"
        )
        visit = session.get_one(m.Visit, recommendation.visit_id)
        require(can_follow_up(actor, visit.locality_id), "recommendation.follow_up", recommendation)
        # Someone changed the status meanwhile: say so, rather than "not allowed from here".
        _check_version(recommendation, expected_version, {"status": new_status})
        if not can_change_status(recommendation.status, new_status):
            raise InvalidInput(["transition"])
        if not note.strip():
            raise InvalidInput(["note_required"])
        _check_length(note)
        session.add(
            m.RecommendationUpdate(
                recommendation_id=recommendation_id,
                changed_on=on,
                from_status=recommendation.status,
                to_status=new_status,
                note=note.strip(),
                author=actor.label,
            )
        )
        return _update(session, actor, recommendation, expected_version, {"status": new_status})


def verify_recommendation(
    engine: Engine,
    actor: Actor,
    recommendation_id: uuid.UUID,
    at_visit_id: uuid.UUID,
    result: str,
    note: str,
) -> None:
    """At a later visit, the delegation checks an earlier recommendation."""
    if result not in VERIFICATION_RESULTS:
        raise InvalidInput(["verification_result"])
    _check_length(note)
    with write_scope(engine, actor) as session:
        visit = editable_visit(session, at_visit_id, actor)
        recommendation = found_record(
            session, m.Recommendation, recommendation_id, "recommendation"
        )
        # Only a recommendation made earlier to this visit's locality (or the unit it came
        # from) is checked at it, by someone who may follow it up.
        made_at = session.get_one(m.Visit, recommendation.visit_id)
        require(
            made_at.locality_id in places_checked_at(session, visit.locality_id)
            and made_at.id != visit.id
            and can_follow_up(actor, made_at.locality_id),
            "recommendation.verify",
            recommendation,
        )
        before = snapshot(recommendation)
        new_status = VERIFICATION_RESULTS[result] or recommendation.status
        if new_status != recommendation.status and not can_change_status(
            recommendation.status, new_status
        ):
            raise InvalidInput(["transition"])
        session.add(
            m.RecommendationUpdate(
                recommendation_id=recommendation_id,
                changed_on=visit.visit_date,
                from_status=recommendation.status,
                to_status=new_status,
                note=note.strip() or None,
                author=actor.label,
                verified_at_visit_id=at_visit_id,
                verification_result=result,
            )
        )
        recommendation.status = new_status
        recommendation.verified_at_visit_id = at_visit_id
        recommendation.verification_note = note.strip() or None
        discard_draft(
            session,
            draft_scope("verify", f"{at_visit_id}:{recommendation_id}", "note"),
            actor.username,
        )
        record_event(session, actor, "verify", recommendation, before)
