"""One merge for both directions: records arriving from the other side enter this database.

Field records are merged field by field against the base (domain/sync.py); a field both
sides changed becomes a ``sync_conflict`` row, itself a field record that travels with
the visit so either side can resolve it. Reference records are the server's and are
taken as they come. History rows are added once. A recommendation's status is replayed
from its merged history. Everything runs in the caller's transaction: a merge is applied
whole or not at all, and applying it twice changes nothing the second time.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.db import in_chunks
from data_access.spans import refresh_spans
from data_access.sync.records import (
    AUDIT,
    FIELD,
    REFERENCE,
    Synced,
    from_json,
    parents_first,
    row_json,
    rows,
    select_rows,
    to_json,
)
from domain.sync import FieldConflict, StatusChange, current_status, merge_record

Record = dict[str, Any]
Records = dict[str, list[Record]]
BaseOf = Callable[[str, str], Record | None]  # (entity, id) -> the base, if any


@dataclass
class Merge:
    """What a merge did here, for the sync log and the reply."""

    applied: dict[str, int] = field(default_factory=dict)  # entity -> records written
    conflicts: int = 0
    written: dict[str, set[str]] = field(default_factory=dict)  # entity -> ids written

    def note(self, entity: str, record_id: str) -> None:
        ids = self.written.setdefault(entity, set())
        if record_id not in ids:
            ids.add(record_id)
            self.applied[entity] = self.applied.get(entity, 0) + 1


def merge_into(
    session: Session,
    incoming: Records,
    base_of: BaseOf,
    *,
    other_side: str,
    laptop_id: uuid.UUID,
    take_reference: bool,
    now: datetime,
    locked: Iterable[str] = (),
) -> Merge:
    """Merge ``incoming`` here. ``take_reference``: the receiver is a laptop and takes the
    server's reference records; a server ignores any it is sent. ``locked``: visits signed
    off here whose arriving edits are kept as conflicts rather than applied. ``now``: this
    database's clock, stamped on what is written (the next sync asks from it)."""
    result = Merge()
    locked = set(locked)
    order = (*REFERENCE, *FIELD) if take_reference else FIELD
    recommendations_with_news: set[str] = set()
    for synced in (*order, AUDIT):
        records = parents_first(synced.entity, incoming.get(synced.entity, []))
        if not records:
            continue
        mine = _current(session, synced.model, [r["id"] for r in records])
        for theirs in records:
            if not take_reference and _reference_value(synced, theirs):
                continue  # a server keeps its own figures; a laptop reports at visits
            here = mine.get(theirs["id"])
            if here is None and synced.natural_key:
                here = _twin(session, synced, theirs)
                if here is not None and take_reference:
                    # The server's copy replaces ours: one id on both sides from now on.
                    _replace_id(
                        session, synced.model, here["id"], {**theirs, "updated_at": to_json(now)}
                    )
                    result.note(synced.entity, theirs["id"])
                    continue
            if here is None:
                values = from_json(synced.model, theirs)
                if "updated_at" in values:
                    values["updated_at"] = now
                session.execute(insert(synced.model).values(**values))
                result.note(synced.entity, theirs["id"])
                if synced.model is m.RecommendationUpdate:
                    recommendations_with_news.add(theirs["recommendation_id"])
                continue
            if synced.append_only:
                continue
            if synced in REFERENCE or _reference_value(synced, theirs):
                if _differs(here, theirs):
                    _write(session, synced.model, here["id"], theirs, theirs.get("version"), now)
                    result.note(synced.entity, theirs["id"])
                continue
            _merge_one(
                session,
                synced,
                base_of(synced.entity, theirs["id"]),
                here,
                theirs,
                result,
                other_side=other_side,
                laptop_id=laptop_id,
                held=_visit_of(synced, here) in locked,
                now=now,
            )
    for recommendation_id in recommendations_with_news:
        if _replay_status(session, recommendation_id, now):
            result.note("recommendation", recommendation_id)
    _refresh_spans(session, incoming.get("indicator_value", []))
    return result


def _reference_value(synced: Synced, record: Record) -> bool:
    """Imported figures are reference data; only those reported at a visit are merged."""
    return synced.model is m.IndicatorValue and record.get("source_visit_id") is None


def _merge_one(
    session: Session,
    synced: Synced,
    base: Record | None,
    here: Record,
    theirs: Record,
    result: Merge,
    *,
    other_side: str,
    laptop_id: uuid.UUID,
    held: bool,
    now: datetime,
) -> None:
    merged = merge_record(base, here, theirs, derived=synced.derived)
    conflicts = list(merged.conflicts)
    values = merged.values
    if held:
        # Signed off here: what arrives is kept beside the record, not written into it.
        conflicts += [
            FieldConflict(name, (base or {}).get(name), here.get(name), value)
            for name, value in values.items()
            if value != here.get(name)
        ]
        values = {name: here.get(name) for name in values}
    if synced.model is m.SyncConflict:
        conflicts = []  # two resolutions of one conflict: the first one here stands
    for conflict in conflicts:
        if _record_conflict(session, synced, here, conflict, other_side, laptop_id, now):
            result.conflicts += 1
    same_as_theirs = all(theirs.get(name) == value for name, value in values.items())
    has_version = "version" in here
    if all(here.get(name) == value for name, value in values.items()):
        # Nothing new here; the same content takes the higher version on both sides.
        if has_version and same_as_theirs and theirs["version"] > here["version"]:
            _write(session, synced.model, here["id"], {}, theirs["version"], now)
        return
    version = None
    if has_version:
        version = (
            theirs["version"] if same_as_theirs else max(here["version"], theirs["version"]) + 1
        )
    _write(session, synced.model, here["id"], values, version, now)
    result.note(synced.entity, here["id"])


def _write(
    session: Session,
    model: type[m.Base],
    record_id: str,
    values: Record,
    version: int | None,
    now: datetime,
) -> None:
    changes = from_json(model, {k: v for k, v in values.items() if k not in ("id", "created_at")})
    changes.pop("updated_at", None)
    if version is not None:
        changes["version"] = version
    changes["updated_at"] = now
    session.execute(
        update(model).where(model.id == uuid.UUID(record_id)).values(**changes),
        execution_options={"synchronize_session": False},
    )


def _differs(here: Record, theirs: Record) -> bool:
    return any(here.get(k) != v for k, v in theirs.items() if k not in ("updated_at",))


def _current(session: Session, model: type[m.Base], ids: list[str]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for chunk in in_chunks([uuid.UUID(i) for i in ids]):
        for record in rows(session, select_rows(model).where(model.id.in_(chunk)), model):
            found[record["id"]] = record
    return found


def _twin(session: Session, synced: Synced, theirs: Record) -> Record | None:
    """The same thing created apart on each side (a criterion rated on both laptops)."""
    model = synced.model
    values = from_json(model, {k: theirs[k] for k in synced.natural_key})
    row = session.execute(
        select_rows(model).where(and_(*(getattr(model, k) == v for k, v in values.items())))
    ).first()
    return None if row is None else row_json(model, row)


def _replace_id(session: Session, model: type[m.Base], old_id: str, theirs: Record) -> None:
    session.execute(
        update(model).where(model.id == uuid.UUID(old_id)).values(**from_json(model, theirs)),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(m.SyncBase)
        .where(m.SyncBase.entity == model.__tablename__, m.SyncBase.record_id == uuid.UUID(old_id))
        .values(record_id=uuid.UUID(theirs["id"])),
        execution_options={"synchronize_session": False},
    )


def _visit_of(synced: Synced, record: Record) -> str | None:
    if synced.model is m.Visit:
        return record["id"]
    return record.get("visit_id") or record.get("source_visit_id")


def _record_conflict(
    session: Session,
    synced: Synced,
    here: Record,
    conflict: FieldConflict,
    other_side: str,
    laptop_id: uuid.UUID,
    now: datetime,
) -> bool:
    """Keep the other value beside the record; the same conflict is listed once."""
    record_id = uuid.UUID(here["id"])
    existing = session.scalars(
        select(m.SyncConflict).where(
            m.SyncConflict.entity == synced.entity,
            m.SyncConflict.record_id == record_id,
            m.SyncConflict.field == conflict.field,
            m.SyncConflict.resolved_at.is_(None),
        )
    ).all()
    if any(c.other_value == conflict.other for c in existing):
        return False
    visit_id = _visit_of(synced, here)
    session.execute(
        insert(m.SyncConflict).values(
            id=uuid.uuid4(),
            entity=synced.entity,
            record_id=record_id,
            visit_id=uuid.UUID(visit_id) if visit_id else None,
            field=conflict.field,
            base_value=conflict.base,
            kept_value=conflict.kept,
            other_value=conflict.other,
            other_side=other_side,
            laptop_id=laptop_id,
            created_at=now,
            updated_at=now,
        )
    )
    return True


def _replay_status(session: Session, recommendation_id: str, now: datetime) -> bool:
    """Status and last verification from the whole merged history; True if it changed."""
    rid = uuid.UUID(recommendation_id)
    recommendation = session.execute(
        select(
            m.Recommendation.status,
            m.Recommendation.verified_at_visit_id,
            m.Recommendation.verification_note,
            m.Recommendation.version,
        ).where(m.Recommendation.id == rid)
    ).first()
    if recommendation is None:
        return False
    history = session.execute(
        select(m.RecommendationUpdate).where(m.RecommendationUpdate.recommendation_id == rid)
    ).scalars()
    changes, verifications = [], []
    for update_row in history:
        record = row_json(m.RecommendationUpdate, update_row)
        changes.append(
            StatusChange(
                record["id"],
                record["changed_on"],
                record["created_at"],
                record["from_status"],
                record["to_status"],
            )
        )
        if record["verified_at_visit_id"]:
            verifications.append(record)
    status = current_status(changes, initial=recommendation.status)
    verified = recommendation.verified_at_visit_id, recommendation.verification_note
    if verifications:
        last = max(verifications, key=lambda r: (r["changed_on"], r["created_at"], r["id"]))
        verified = uuid.UUID(last["verified_at_visit_id"]), last["note"]
    if (status, *verified) == tuple(recommendation[:3]):
        return False
    session.execute(
        update(m.Recommendation)
        .where(m.Recommendation.id == rid)
        .values(
            status=status,
            verified_at_visit_id=verified[0],
            verification_note=verified[1],
            version=recommendation.version + 1,
            updated_at=now,
        ),
        execution_options={"synchronize_session": False},
    )
    return True


def _refresh_spans(session: Session, values: list[Record]) -> None:
    triples = {
        (uuid.UUID(v["campaign_id"]), uuid.UUID(v["locality_id"]), uuid.UUID(v["indicator_id"]))
        for v in values
        if v.get("campaign_id")
    }
    if triples:
        refresh_spans(session, triples)
