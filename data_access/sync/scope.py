"""What a registered laptop may take out of the server, and what it holds of it.

A laptop is registered for some delegations and some localities. It receives the whole
catalogue and the campaigns (small, and needed to read anything), the figures, works and
implementations of its localities (with all below them and the units they came from),
every visit held there with what was recorded at it, and the accounts of its delegations'
members (password hashes, so they sign in offline). Nothing else leaves the server.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.db import in_chunks
from data_access.sync.records import rows, select_rows
from domain.localities import LocalityTree

Records = dict[str, list[dict[str, Any]]]  # entity -> records as JSON


@dataclass(frozen=True)
class Scope:
    localities: frozenset[uuid.UUID]  # the registered ones, all below, and their predecessors
    delegations: frozenset[uuid.UUID]


def widen(session: Session, roots: Iterable[uuid.UUID], tree: LocalityTree) -> frozenset[uuid.UUID]:
    """The registered localities, every unit below them, and the units they came from
    (an earlier visit to an old commune is followed up at the new one)."""
    reached: set[uuid.UUID] = set()
    for root in roots:
        if root in tree.units:
            reached |= tree.descendants(root) | {root}
    predecessors = set(
        session.scalars(
            select(m.LocalitySuccession.predecessor_id).where(
                m.LocalitySuccession.successor_id.in_(reached)
            )
        )
    )
    for old in predecessors - reached:
        if old in tree.units:
            reached |= tree.descendants(old) | {old}
    return frozenset(reached)


def visit_ids(session: Session, scope: Scope) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for chunk in in_chunks(scope.localities):
        found.update(session.scalars(select(m.Visit.id).where(m.Visit.locality_id.in_(chunk))))
    return found


def _since(model: type[m.Base], since: datetime | None) -> list:
    return [] if since is None else [model.updated_at >= since]


def _by_ids(
    session: Session, model: type[m.Base], column, ids: Iterable[Any], since: datetime | None
) -> Iterator[dict[str, Any]]:
    for chunk in in_chunks(ids):
        yield from rows(
            session, select_rows(model).where(column.in_(chunk), *_since(model, since)), model
        )


def server_records(session: Session, scope: Scope, since: datetime | None) -> Records:
    """Every record of the scope changed since ``since`` (everything when None)."""
    out: Records = {}
    visits = visit_ids(session, scope)
    localities = scope.localities
    delegations = set(scope.delegations)
    for chunk in in_chunks(visits):
        delegations.update(
            session.scalars(
                select(m.Visit.delegation_id).where(
                    m.Visit.id.in_(chunk), m.Visit.delegation_id.is_not(None)
                )
            )
        )
    members = set(
        session.scalars(
            select(m.DelegationMember.user_id).where(
                m.DelegationMember.delegation_id.in_(scope.delegations),
                m.DelegationMember.user_id.is_not(None),
                m.DelegationMember.deleted_at.is_(None),
            )
        )
    )
    recommendation_ids = [
        rid
        for chunk in in_chunks(visits)
        for rid in session.scalars(
            select(m.Recommendation.id).where(m.Recommendation.visit_id.in_(chunk))
        )
    ]
    everything = (m.Locality, m.LocalitySuccession, m.Campaign, m.CampaignPhase, m.Criterion)
    for model in (*everything, m.Indicator, m.CampaignIndicator):
        out[model.__tablename__] = list(
            rows(session, select_rows(model).where(*_since(model, since)), model)
        )
    implementations = list(
        _by_ids(session, m.Implementation, m.Implementation.locality_id, localities, None)
    )
    out["implementation"] = [r for r in implementations if _changed(r, since)]
    out["milestone"] = list(
        _by_ids(
            session,
            m.Milestone,
            m.Milestone.implementation_id,
            [uuid.UUID(r["id"]) for r in implementations],
            since,
        )
    )
    values: dict[str, dict[str, Any]] = {}
    for column, ids in (
        (m.IndicatorValue.locality_id, localities),
        (m.IndicatorValue.source_visit_id, visits),
    ):
        for record in _by_ids(session, m.IndicatorValue, column, ids, since):
            values[record["id"]] = record
    files = {r["source_file_id"] for r in values.values() if r["source_file_id"]}
    out["imported_file"] = list(_by_ids(session, m.ImportedFile, m.ImportedFile.id, files, since))
    out["indicator_value"] = list(values.values())
    out["work"] = list(_by_ids(session, m.Work, m.Work.locality_id, localities, since))
    out["app_user"] = list(_by_ids(session, m.User, m.User.id, members, since))
    # Scopes are replaced whole (they are deleted, not soft-deleted): always all of them.
    out["user_locality_scope"] = list(
        _by_ids(session, m.UserLocalityScope, m.UserLocalityScope.user_id, members, None)
    )
    out["delegation"] = list(_by_ids(session, m.Delegation, m.Delegation.id, delegations, since))
    out["delegation_member"] = list(
        _by_ids(
            session,
            m.DelegationMember,
            m.DelegationMember.delegation_id,
            scope.delegations,
            since,
        )
    )
    out["visit"] = list(_by_ids(session, m.Visit, m.Visit.id, visits, since))
    for model in (m.VisitCampaign, m.Attendee, m.CriterionRating, m.Finding, m.Recommendation):
        out[model.__tablename__] = list(_by_ids(session, model, model.visit_id, visits, since))
    out["recommendation_update"] = list(
        _by_ids(
            session,
            m.RecommendationUpdate,
            m.RecommendationUpdate.recommendation_id,
            recommendation_ids,
            since,
        )
    )
    out["attachment"] = list(_by_ids(session, m.Attachment, m.Attachment.visit_id, visits, since))
    out["sync_conflict"] = list(
        _by_ids(session, m.SyncConflict, m.SyncConflict.visit_id, visits, since)
    )
    return out


def _changed(record: dict[str, Any], since: datetime | None) -> bool:
    return since is None or datetime.fromisoformat(record["updated_at"]) >= since
