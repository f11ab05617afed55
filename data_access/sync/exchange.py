"""A sync: the laptop sends what it changed, the server merges it and answers with what
changed on its side; the laptop merges the answer. Directly (the laptop reaches the
server's database) or by package files: the same two steps, the same merge.

Safe to repeat and to interrupt. Each step is one transaction on one database. A package
sent is kept on the laptop and sent again, unchanged, until its reply arrives; the server
merges a package once (``sync_log.push_id``) and answers every copy of it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, make_url, select
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, ProgrammingError
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.accounts import load_actor
from data_access.attachments import store_content
from data_access.catalogue import list_localities, locality_tree
from data_access.db import create_db_engine, in_chunks, session_scope
from data_access.errors import InvalidInput, PermissionDenied
from data_access.sync.merge import merge_into
from data_access.sync.package import (
    Package,
    PackageRefused,
    peek_laptop,
    read_package,
    write_package,
)
from data_access.sync.records import AUDIT, FIELD, rows, select_rows
from data_access.sync.scope import Scope, server_records, widen
from data_access.writes import bump_data_version
from domain.localities import LocalityTree
from domain.permissions import (
    Actor,
    can_create_visit,
    can_edit_visit,
    can_follow_up,
    can_sign_off,
    can_write,
    is_admin,
)
from domain.sync import changed_fields
from domain.visits import is_editable

Records = dict[str, list[dict[str, Any]]]
Progress = Callable[[float, str], None]  # share done, step (a key of sync.step.*)
SERVER = "server"  # how a laptop names the other side in its conflicts
# Rows written by a transaction still open when a reply was built carry an earlier time:
# the next sync asks from this much before the last reply, and merging them again is a no-op.
CURSOR_MARGIN = timedelta(minutes=10)
_USERNAME = re.compile(r"\(([^()]+)\)\s*$")  # Actor.label: "Full Name (username)"
FOLLOW_UP_FIELDS = ("status", "verified_at_visit_id", "verification_note")


@dataclass(frozen=True)
class SyncSummary:
    """What a sync did, as the screen and the command line report it."""

    sent: dict[str, int] = field(default_factory=dict)
    received: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0
    refused: tuple[dict[str, Any], ...] = ()

    def plus(self, other: SyncSummary) -> SyncSummary:
        def add(one: dict[str, int], two: dict[str, int]) -> dict[str, int]:
            return {k: one.get(k, 0) + two.get(k, 0) for k in {*one, *two}}

        return SyncSummary(
            add(self.sent, other.sent),
            add(self.received, other.received),
            self.conflicts + other.conflicts,
            self.refused + other.refused,
        )

    @property
    def sent_total(self) -> int:
        return sum(self.sent.values())

    @property
    def received_total(self) -> int:
        return sum(self.received.values())


def _quiet(_share: float, _step: str) -> None:
    pass


# --- the laptop's half -------------------------------------------------------------------


def export_push(engine: Engine, actor: Actor, legacy_folder: Path | None = None) -> bytes:
    """The package of what this laptop changed since its last sync. A package already
    sent and not answered is given again as it was: the server merges it once."""
    _may_sync(actor)
    with session_scope(engine) as session:
        state = _state(session)
        if state.pending_package is not None:
            return state.pending_package
        records, bases = _local_changes(session)
        push_id = uuid.uuid4()
        files = _files_of(session, records.get("attachment", []), legacy_folder)
        content = write_package(
            Package(
                kind="push",
                laptop_id=str(state.laptop_id),
                data={
                    "push_id": str(push_id),
                    "since": _iso(state.server_cursor - CURSOR_MARGIN)
                    if state.server_cursor
                    else None,
                    "records": records,
                    "bases": bases,
                },
                files=files,
            ),
            state.secret,
        )
        for entity, items in records.items():
            for record in items:
                _mark_sent(session, entity, record)
        state.pending_push_id = push_id
        state.pending_package = content
        return content


def _local_changes(session: Session) -> tuple[Records, dict[str, dict[str, Any]]]:
    """Every field record that differs from its base (or has none: created here), and
    every audit event not yet acknowledged by the server."""
    records: Records = {}
    bases: dict[str, dict[str, Any]] = {}
    for synced in FIELD:
        known = _bases(session, synced.entity)
        query = select_rows(synced.model)
        if synced.model is m.IndicatorValue:
            query = query.where(m.IndicatorValue.source_visit_id.is_not(None))
        for record in rows(session, query, synced.model):
            base = known.get(record["id"])
            if base is None or changed_fields(base, record):
                records.setdefault(synced.entity, []).append(record)
                if base is not None:
                    bases[f"{synced.entity}:{record['id']}"] = base
    acknowledged = set(_bases(session, AUDIT.entity))
    records[AUDIT.entity] = [
        record
        for record in rows(session, select_rows(m.AuditEvent), m.AuditEvent)
        if record["id"] not in acknowledged
    ]
    return {k: v for k, v in records.items() if v}, bases


def _bases(session: Session, entity: str) -> dict[str, dict[str, Any]]:
    return {
        str(record_id): fields
        for record_id, fields in session.execute(
            select(m.SyncBase.record_id, m.SyncBase.fields).where(
                m.SyncBase.entity == entity, m.SyncBase.fields.is_not(None)
            )
        )
        if fields is not None
    }


def _mark_sent(session: Session, entity: str, record: dict[str, Any]) -> None:
    key = (entity, uuid.UUID(record["id"]))
    base = session.get(m.SyncBase, key)
    sent = {} if entity == AUDIT.entity else record
    if base is None:
        session.add(m.SyncBase(entity=entity, record_id=key[1], fields=None, sent=sent))
    else:
        base.sent = sent


def receive_reply(
    engine: Engine,
    actor: Actor,
    content: bytes,
    *,
    progress: Progress = _quiet,
    mode: str = "package",
) -> SyncSummary:
    """Merge the server's answer into this laptop, in one transaction."""
    _may_sync(actor)
    with session_scope(engine) as session:
        state = _state(session)
        package = read_package(content, state.secret, "reply")
        if package.laptop_id != str(state.laptop_id):
            raise PackageRefused("other_laptop")
        data = package.data
        progress(0.1, "merge")
        answered = data.get("push_id") and data["push_id"] == str(state.pending_push_id or "")
        refused = {(r["entity"], r["id"]) for r in data.get("refused", [])}
        sent: dict[str, int] = {}
        if answered:
            sent = _promote_sent(session, refused)
            state.pending_push_id = None
            state.pending_package = None
        records: Records = data["records"]
        known = {entity: _bases(session, entity) for entity in {s.entity for s in FIELD}}
        merged = merge_into(
            session,
            records,
            lambda entity, record_id: known.get(entity, {}).get(record_id),
            other_side=SERVER,
            laptop_id=state.laptop_id,
            take_reference=True,
            now=m.utcnow(),
        )
        progress(0.7, "files")
        for digest, blob in package.files.items():
            store_content(session, digest, blob)
        _replace_scopes(session, records.get("user_locality_scope", []), data.get("users", []))
        _keep_as_bases(session, records)
        cursor = datetime.fromisoformat(data["cursor"])
        if state.server_cursor is None or cursor > _aware(state.server_cursor):
            state.server_cursor = cursor
        summary = SyncSummary(
            sent, merged.applied, merged.conflicts, tuple(data.get("refused", []))
        )
        _log(session, state.laptop_id, state.name, mode, summary, None)
        bump_data_version(session, figures=True)
        progress(1.0, "done")
        return summary


def _promote_sent(session: Session, refused: set[tuple[str, str]]) -> dict[str, int]:
    """The server has what was sent: it becomes the base (what it refused does not)."""
    counts: dict[str, int] = {}
    for base in session.scalars(select(m.SyncBase).where(m.SyncBase.sent.is_not(None))):
        if (base.entity, str(base.record_id)) not in refused:
            base.fields = base.sent
            counts[base.entity] = counts.get(base.entity, 0) + 1
        base.sent = None
    return counts


def _keep_as_bases(session: Session, records: Records) -> None:
    """Each field record the server sent is now what both sides start from."""
    for synced in FIELD:
        items = records.get(synced.entity, [])
        if synced.model is m.IndicatorValue:
            # Imported figures are the server's, taken as they come: no base to keep.
            items = [r for r in items if r.get("source_visit_id")]
        for chunk in in_chunks(items):
            ids = [uuid.UUID(r["id"]) for r in chunk]
            existing = {
                base.record_id: base
                for base in session.scalars(
                    select(m.SyncBase).where(
                        m.SyncBase.entity == synced.entity, m.SyncBase.record_id.in_(ids)
                    )
                )
            }
            for record in chunk:
                record_id = uuid.UUID(record["id"])
                if record_id in existing:
                    existing[record_id].fields = record
                else:
                    session.add(
                        m.SyncBase(entity=synced.entity, record_id=record_id, fields=record)
                    )
            session.flush()


def _replace_scopes(session: Session, scopes: list[dict[str, Any]], users: list[str]) -> None:
    """Locality limits are deleted, not soft-deleted: those the server no longer has go."""
    keep = {r["id"] for r in scopes}
    for chunk in in_chunks([uuid.UUID(u) for u in users]):
        for scope in session.scalars(
            select(m.UserLocalityScope).where(m.UserLocalityScope.user_id.in_(chunk))
        ):
            if str(scope.id) not in keep:
                session.delete(scope)


# --- the server's half -------------------------------------------------------------------


def receive_push(
    engine: Engine,
    actor: Actor,
    content: bytes,
    *,
    progress: Progress = _quiet,
    mode: str = "package",
) -> bytes:
    """Merge a laptop's package into this server and return the reply package. By file,
    an administrator of the server receives it; directly, the laptop's user (the changes
    are judged by their authors either way)."""
    if mode == "package" and not is_admin(actor):
        raise PermissionDenied("sync.receive")
    _may_sync(actor)
    laptop = _laptop(engine, peek_laptop(content))
    package = read_package(content, laptop.secret, "push")
    data = package.data
    push_id = uuid.UUID(data["push_id"])
    progress(0.1, "check")
    tree = locality_tree(list_localities(engine))  # once: 13,000 units at national scale
    scope = _scope_of(engine, laptop, tree)
    bases = data.get("bases", {})
    records, refused, new_delegations = _authorised(engine, scope, data["records"], bases, tree)
    progress(0.3, "merge")
    with session_scope(engine) as session:
        now = _db_now(session)
        done_before = session.scalar(select(m.SyncLog.id).where(m.SyncLog.push_id == push_id))
        if done_before is None:
            merged = merge_into(
                session,
                records,
                lambda entity, record_id: bases.get(f"{entity}:{record_id}"),
                other_side=laptop.name,
                laptop_id=laptop.id,
                take_reference=False,
                locked=_locked_visits(session, records),
                now=now,
            )
            for digest, blob in package.files.items():
                store_content(session, digest, blob)
            server_laptop = session.get_one(m.SyncLaptop, laptop.id)
            if new_delegations:
                server_laptop.delegation_ids = sorted(
                    {*server_laptop.delegation_ids, *map(str, new_delegations)}
                )
            server_laptop.last_sync_at = now
            summary = SyncSummary(
                {k: len(v) for k, v in data["records"].items()},
                merged.applied,
                merged.conflicts,
                tuple(refused),
            )
            _log(session, laptop.id, laptop.name, mode, summary, push_id)
            bump_data_version(session, figures=True)
        progress(0.6, "reply")
        scope = _scope_of_session(session, laptop.id, tree)  # with the delegations just made
        reply = _reply(session, laptop, scope, data.get("since"), now, refused, push_id)
    progress(1.0, "done")
    return reply


def checkout_package(engine: Engine, actor: Actor, laptop_id: uuid.UUID) -> bytes:
    """Everything a laptop may take out, for its first sync without a network."""
    if not is_admin(actor):
        raise PermissionDenied("sync.checkout")
    laptop = _laptop(engine, str(laptop_id))
    tree = locality_tree(list_localities(engine))
    with session_scope(engine, read_only=True) as session:
        scope = _scope_of_session(session, laptop.id, tree)
        return _reply(session, laptop, scope, None, _db_now(session), [], None)


def _reply(
    session: Session,
    laptop: m.SyncLaptop,
    scope: Scope,
    since: str | None,
    now: datetime,
    refused: list[dict[str, Any]],
    push_id: uuid.UUID | None,
) -> bytes:
    records = server_records(session, scope, datetime.fromisoformat(since) if since else None)
    users = [r["id"] for r in records["app_user"]]
    return write_package(
        Package(
            kind="reply",
            laptop_id=str(laptop.id),
            data={
                "push_id": str(push_id) if push_id else None,
                "cursor": _iso(now),
                "records": records,
                "users": users,
                "refused": refused,
            },
            files=_files_of(session, records["attachment"], None),
        ),
        laptop.secret,
    )


def _authorised(
    engine: Engine, scope: Scope, records: Records, bases: dict[str, Any], tree: LocalityTree
) -> tuple[Records, list[dict[str, Any]], set[uuid.UUID]]:
    """The records the people who made them could have written on the server. Records
    are judged by visit (what is recorded at it stands or falls with its authors): a
    change by someone the server would have refused is refused and reported."""
    events = records.get(AUDIT.entity, [])
    authors_of: dict[str, set[str]] = {}
    for event in events:
        if event.get("entity_id") and event.get("actor"):
            authors_of.setdefault(event["entity_id"], set()).add(event["actor"])
    visits, new_delegations = _visits_and_delegations(engine, records)
    actors = _ActorCache(engine, tree)
    trees: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for entity, items in records.items():
        if entity == AUDIT.entity:
            continue
        for record in items:
            trees.setdefault(_tree(entity, record, records, engine), []).append((entity, record))
    accepted: Records = {}
    refused: list[dict[str, Any]] = []
    refused_ids: set[str] = set()
    for tree, members in trees.items():
        reason = _judge(tree, members, bases, authors_of, visits, new_delegations, scope, actors)
        if reason is None:
            for entity, record in members:
                accepted.setdefault(entity, []).append(record)
        else:
            refused_ids |= {record["id"] for _, record in members} | {tree.partition(":")[2]}
            refused += [
                {"entity": entity, "id": record["id"], "reason": reason, "tree": tree}
                for entity, record in members
            ]
    # The log says what happened on the server: events of refused changes stay behind.
    for event in events:
        if event.get("entity_id") in refused_ids:
            refused.append({"entity": AUDIT.entity, "id": event["id"], "reason": "refused_change"})
        else:
            accepted.setdefault(AUDIT.entity, []).append(event)
    return accepted, refused, set(new_delegations)


def _is_follow_up(entity: str, record: dict[str, Any], bases: dict[str, Any]) -> bool:
    """A status change of a recommendation, allowed after its visit is signed off."""
    if entity == "recommendation_update":
        return True
    base = bases.get(f"{entity}:{record['id']}")
    return (
        entity == "recommendation"
        and base is not None
        and changed_fields(base, record) <= set(FOLLOW_UP_FIELDS)
    )


def _judge(
    tree: str,
    members: list[tuple[str, dict[str, Any]]],
    bases: dict[str, Any],
    authors_of: dict[str, set[str]],
    visits: dict[str, dict[str, Any]],
    new_delegations: dict[uuid.UUID, dict[str, Any]],
    scope: Scope,
    actors: _ActorCache,
) -> str | None:
    """None when the tree's changes are allowed, else why not."""
    labels = set().union(*(authors_of.get(record["id"], set()) for _, record in members))
    labels |= {r["author"] for e, r in members if e == "recommendation_update" and r["author"]}
    if tree.startswith("visit:"):
        labels |= authors_of.get(tree[6:], set())
    if not labels:
        return "no_author"
    people = [actors.get(label, new_delegations) for label in labels]
    if any(person is None for person in people):
        return "unknown_author"
    kind, _, key = tree.partition(":")
    if kind == "delegation":
        known = uuid.UUID(key) in new_delegations
        return None if all(can_write(p) and (known or is_admin(p)) for p in people) else "author"
    visit = visits.get(key)
    if visit is None:
        return "no_visit"
    locality = uuid.UUID(visit["locality_id"])
    delegation = uuid.UUID(visit["delegation_id"]) if visit["delegation_id"] else None
    if locality not in scope.localities:
        return "outside_scope"
    follow_up_only = all(_is_follow_up(e, r, bases) for e, r in members)
    if follow_up_only:
        allowed = all(can_follow_up(p, locality) for p in people)
    elif visit.get("_new"):
        allowed = all(can_create_visit(p, locality, delegation) for p in people)
    else:
        allowed = all(can_edit_visit(p, locality, delegation) for p in people)
    signed = any(e == "visit" and r["status"] != "draft" for e, r in members)
    if signed and visit.get("_was_draft"):
        allowed = allowed and any(can_sign_off(p, locality, delegation) for p in people)
    return None if allowed else "author"


class _ActorCache:
    """Authors as the server knows them, with the delegations they start in this push."""

    def __init__(self, engine: Engine, tree: LocalityTree) -> None:
        self._engine = engine
        self._tree = tree
        self._found: dict[str, Actor | None] = {}

    def get(self, label: str, new_delegations: dict[uuid.UUID, dict[str, Any]]) -> Actor | None:
        if label not in self._found:
            match = _USERNAME.search(label)
            self._found[label] = self._load(match.group(1)) if match else None
        person = self._found[label]
        if person is None or person.user_id is None:
            return person
        started = {
            d for d, head in new_delegations.items() if head.get("user_id") == str(person.user_id)
        }
        if not started:
            return person
        return replace(
            person, delegations=person.delegations | started, heads=person.heads | started
        )

    def _load(self, username: str) -> Actor | None:
        with session_scope(self._engine, read_only=True) as session:
            user = session.scalars(
                select(m.User).where(m.User.username == username, m.User.deleted_at.is_(None))
            ).first()
            if user is None or not user.is_active:
                return None
            user_id = user.id
        return load_actor(self._engine, user_id, self._tree)


def _visits_and_delegations(
    engine: Engine, records: Records
) -> tuple[dict[str, dict[str, Any]], dict[uuid.UUID, dict[str, Any]]]:
    """Each visit concerned as the server holds it (or as it arrives, when new), and the
    delegations the package creates with the member who heads each."""
    visits: dict[str, dict[str, Any]] = {}
    arriving = {r["id"]: r for r in records.get("visit", [])}
    wanted = set(arriving)
    for entity, items in records.items():
        for record in items:
            for name in ("visit_id", "source_visit_id"):
                if entity != AUDIT.entity and record.get(name):
                    wanted.add(record[name])
    with session_scope(engine, read_only=True) as session:
        for chunk in in_chunks([uuid.UUID(v) for v in wanted]):
            for record in rows(session, select_rows(m.Visit).where(m.Visit.id.in_(chunk)), m.Visit):
                record["_was_draft"] = is_editable(record["status"])
                visits[record["id"]] = record
        existing = set(
            str(d)
            for d in session.scalars(
                select(m.Delegation.id).where(
                    m.Delegation.id.in_([uuid.UUID(r["id"]) for r in records.get("delegation", [])])
                )
            )
        )
    for visit_id, record in arriving.items():
        if visit_id not in visits:
            visits[visit_id] = {**record, "_new": True, "_was_draft": True}
    new_delegations = {}
    for record in records.get("delegation", []):
        if record["id"] not in existing:
            heads = [
                r
                for r in records.get("delegation_member", [])
                if r["delegation_id"] == record["id"] and r["role"] == "head"
            ]
            new_delegations[uuid.UUID(record["id"])] = heads[0] if heads else {}
    return visits, new_delegations


def _tree(entity: str, record: dict[str, Any], records: Records, engine: Engine) -> str:
    """The visit (or delegation) a record stands or falls with."""
    if entity == "delegation":
        return f"delegation:{record['id']}"
    if entity == "delegation_member":
        return f"delegation:{record['delegation_id']}"
    if entity == "visit":
        return f"visit:{record['id']}"
    if entity == "recommendation_update":
        arriving = {r["id"]: r for r in records.get("recommendation", [])}
        made = arriving.get(record["recommendation_id"])
        if made is None:
            with session_scope(engine, read_only=True) as session:
                visit_id = session.scalar(
                    select(m.Recommendation.visit_id).where(
                        m.Recommendation.id == uuid.UUID(record["recommendation_id"])
                    )
                )
            return f"visit:{visit_id}"
        return f"visit:{made['visit_id']}"
    return f"visit:{record.get('visit_id') or record.get('source_visit_id')}"


def _locked_visits(session: Session, records: Records) -> set[str]:
    """Visits signed off here: edits arriving for them wait beside them as conflicts."""
    wanted = {r.get("visit_id") for items in records.values() for r in items} - {None}
    wanted |= {r["id"] for r in records.get("visit", [])}
    locked: set[str] = set()
    for chunk in in_chunks([uuid.UUID(v) for v in wanted if isinstance(v, str)]):
        locked.update(
            str(v)
            for v in session.scalars(
                select(m.Visit.id).where(m.Visit.id.in_(chunk), m.Visit.status != "draft")
            )
        )
    return locked


# --- both ----------------------------------------------------------------------------


def sync_direct(
    laptop: Engine,
    actor: Actor,
    server_url: str,
    *,
    legacy_folder: Path | None = None,
    progress: Progress = _quiet,
) -> SyncSummary:
    """Both steps at once, over the network: the server's URL is used for this sync only.
    A package left unanswered by an interrupted sync goes first, then what changed since."""
    _may_sync(actor)
    server = _reach(server_url)
    try:
        total = SyncSummary()
        while True:
            resent = _waiting_for_reply(laptop)
            progress(0.05, "export")
            package = export_push(laptop, actor, legacy_folder)
            reply = receive_push(
                server,
                actor,
                package,
                progress=lambda s, st: progress(0.1 + s * 0.5, st),
                mode="direct",
            )
            summary = receive_reply(
                laptop,
                actor,
                reply,
                progress=lambda s, st: progress(0.6 + s * 0.4, st),
                mode="direct",
            )
            total = total.plus(summary)
            if not resent:
                return total
    finally:
        server.dispose()


def _reach(server_url: str) -> Engine:
    """The server's database, or a refusal the screen can say (no network, wrong address,
    not a server of this application)."""
    try:
        parsed = make_url(server_url)
        if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
            raise ValueError(server_url)
        server = create_db_engine(server_url)
        with server.connect() as connection:
            connection.execute(select(func.count()).select_from(m.SyncLaptop))
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise InvalidInput(["sync_bad_address"]) from error
    except ProgrammingError as error:
        raise InvalidInput(["sync_not_a_server"]) from error
    except DBAPIError as error:
        raise InvalidInput(["sync_unreachable"]) from error
    return server


def _waiting_for_reply(engine: Engine) -> bool:
    with session_scope(engine, read_only=True) as session:
        return _state(session).pending_push_id is not None


def _may_sync(actor: Actor) -> None:
    if not can_write(actor):
        raise PermissionDenied("sync")


def _log(
    session: Session,
    laptop_id: uuid.UUID,
    name: str,
    mode: str,
    summary: SyncSummary,
    push_id: uuid.UUID | None,
) -> None:
    session.add(
        m.SyncLog(
            laptop_id=laptop_id,
            laptop_name=name,
            push_id=push_id,
            mode=mode,
            sent=summary.sent,
            received=summary.received,
            conflicts=summary.conflicts,
            refused=list(summary.refused),
        )
    )


def _state(session: Session) -> m.SyncState:
    state = session.scalars(select(m.SyncState)).first()
    if state is None:
        raise InvalidInput(["sync_not_joined"])
    return state


def _laptop(engine: Engine, laptop_id: str) -> m.SyncLaptop:
    try:
        key = uuid.UUID(laptop_id)
    except ValueError as error:
        raise PackageRefused("unknown_laptop") from error
    with session_scope(engine, read_only=True) as session:
        laptop = session.get(m.SyncLaptop, key)
    if laptop is None:
        raise PackageRefused("unknown_laptop")
    if laptop.revoked_at is not None:
        raise PackageRefused("revoked")
    return laptop


def _scope_of(engine: Engine, laptop: m.SyncLaptop, tree: LocalityTree) -> Scope:
    with session_scope(engine, read_only=True) as session:
        return _scope_of_session(session, laptop.id, tree)


def _scope_of_session(session: Session, laptop_id: uuid.UUID, tree: LocalityTree) -> Scope:
    laptop = session.get_one(m.SyncLaptop, laptop_id)
    return Scope(
        localities=widen(session, [uuid.UUID(u) for u in laptop.locality_ids], tree),
        delegations=frozenset(uuid.UUID(d) for d in laptop.delegation_ids),
    )


def _files_of(
    session: Session, attachments: list[dict[str, Any]], legacy_folder: Path | None
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for record in attachments:
        digest = record["sha256"]
        blob = session.scalar(
            select(m.AttachmentContent.content).where(m.AttachmentContent.sha256 == digest)
        )
        if blob is None and legacy_folder and (legacy_folder / record["stored_name"]).is_file():
            blob = (legacy_folder / record["stored_name"]).read_bytes()
        if blob is not None:
            files[digest] = blob
    return files


def _db_now(session: Session) -> datetime:
    """The database's clock: laptops' clocks differ, the server's is the reference."""
    if session.get_bind().dialect.name == "postgresql":
        return _aware(session.scalar(select(func.now())))
    return m.utcnow()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return _aware(moment).isoformat()
