"""Laptops registered with the shared server, and a laptop's own sync state.

The server's administrator registers a laptop (a name, the delegations and localities it
may take out) and hands over its registration file; the laptop, started on an empty
database, joins with that file. The file holds the secret both sides sign packages with.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from data_access import models as m
from data_access.audit import record_event
from data_access.db import session_scope
from data_access.errors import InvalidInput, NotFound
from data_access.official_catalogue import clear_catalogue, holds_only_the_official_catalogue
from data_access.writes import require, write_scope
from domain.permissions import Actor, is_admin

REGISTRATION_FORMAT = "giamsat-laptop/1"


@dataclass(frozen=True)
class Registration:
    laptop_id: uuid.UUID
    name: str
    server_name: str
    secret: str
    delegation_ids: tuple[uuid.UUID, ...]
    locality_ids: tuple[uuid.UUID, ...]

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "format": REGISTRATION_FORMAT,
                "laptop_id": str(self.laptop_id),
                "name": self.name,
                "server_name": self.server_name,
                "secret": self.secret,
                "delegation_ids": [str(d) for d in self.delegation_ids],
                "locality_ids": [str(u) for u in self.locality_ids],
            },
            ensure_ascii=False,
            indent=2,
        ).encode()

    @classmethod
    def from_bytes(cls, content: bytes) -> Registration:
        try:
            data = json.loads(content)
            if data.get("format") != REGISTRATION_FORMAT:
                raise ValueError(data.get("format"))
            return cls(
                laptop_id=uuid.UUID(data["laptop_id"]),
                name=str(data["name"]),
                server_name=str(data["server_name"]),
                secret=str(data["secret"]),
                delegation_ids=tuple(uuid.UUID(d) for d in data["delegation_ids"]),
                locality_ids=tuple(uuid.UUID(u) for u in data["locality_ids"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InvalidInput(["sync_registration_file"]) from error


@dataclass(frozen=True)
class LaptopRecord:
    """A registered laptop as the server's administrator sees it."""

    id: uuid.UUID
    name: str
    delegation_ids: tuple[uuid.UUID, ...]
    locality_ids: tuple[uuid.UUID, ...]
    registered_by: str | None
    registered_at: datetime
    last_sync_at: datetime | None
    revoked: bool


def register_laptop(
    engine: Engine,
    actor: Actor,
    name: str,
    delegation_ids: list[uuid.UUID],
    locality_ids: list[uuid.UUID],
    server_name: str,
) -> Registration:
    if not name.strip():
        raise InvalidInput(["sync_laptop_name"])
    if not locality_ids:
        raise InvalidInput(["sync_laptop_localities"])
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "sync.register")
        laptop = m.SyncLaptop(
            name=name.strip(),
            secret=secrets.token_hex(32),
            delegation_ids=[str(d) for d in delegation_ids],
            locality_ids=[str(u) for u in locality_ids],
            registered_by=actor.label,
        )
        session.add(laptop)
        record_event(session, actor, "register", laptop, None)
        return _registration(laptop, server_name)


def registration_of(
    engine: Engine, actor: Actor, laptop_id: uuid.UUID, server_name: str
) -> Registration:
    """The file again, for a laptop reinstalled (same secret: earlier packages stay valid)."""
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "sync.register")
        laptop = session.get(m.SyncLaptop, laptop_id)
        if laptop is None or laptop.revoked_at is not None:
            raise NotFound("sync_laptop")
        return _registration(laptop, server_name)


def _registration(laptop: m.SyncLaptop, server_name: str) -> Registration:
    return Registration(
        laptop_id=laptop.id,
        name=laptop.name,
        server_name=server_name,
        secret=laptop.secret,
        delegation_ids=tuple(uuid.UUID(d) for d in laptop.delegation_ids),
        locality_ids=tuple(uuid.UUID(u) for u in laptop.locality_ids),
    )


def revoke_laptop(engine: Engine, actor: Actor, laptop_id: uuid.UUID) -> None:
    """A lost or retired laptop: its packages are refused from now on."""
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "sync.revoke")
        laptop = session.get(m.SyncLaptop, laptop_id)
        if laptop is None:
            raise NotFound("sync_laptop")
        laptop.revoked_at = m.utcnow()
        record_event(session, actor, "revoke", laptop, None)


def list_laptops(engine: Engine) -> tuple[LaptopRecord, ...]:
    with session_scope(engine, read_only=True) as session:
        return tuple(
            LaptopRecord(
                id=laptop.id,
                name=laptop.name,
                delegation_ids=tuple(uuid.UUID(d) for d in laptop.delegation_ids),
                locality_ids=tuple(uuid.UUID(u) for u in laptop.locality_ids),
                registered_by=laptop.registered_by,
                registered_at=laptop.created_at,
                last_sync_at=laptop.last_sync_at,
                revoked=laptop.revoked_at is not None,
            )
            for laptop in session.scalars(select(m.SyncLaptop).order_by(m.SyncLaptop.name))
        )


@dataclass(frozen=True)
class LaptopState:
    """What a laptop knows of its server."""

    laptop_id: uuid.UUID
    name: str
    server_name: str
    last_reply_at: datetime | None
    waiting_for_reply: bool


def join_server(engine: Engine, actor: Actor, registration: Registration) -> None:
    """Make this empty database the laptop ``registration`` describes; the first sync then
    brings what it may take out. Refused on a database that holds data of its own (the
    built-in catalogue of a first start aside): its records would clash with the server's
    (same codes, other ids)."""
    with write_scope(engine, actor) as session:
        if session.scalar(select(m.SyncState.laptop_id)) is not None:
            raise InvalidInput(["sync_already_joined"])
        if session.scalar(select(func.count()).select_from(m.Locality)):
            if not holds_only_the_official_catalogue(session):
                raise InvalidInput(["sync_not_empty"])
            # The first start's catalogue gives way to the server's: the same units with
            # the same ids, and the server's own additions besides.
            clear_catalogue(session)
        session.add(
            m.SyncState(
                laptop_id=registration.laptop_id,
                name=registration.name,
                server_name=registration.server_name,
                secret=registration.secret,
                delegation_ids=[str(d) for d in registration.delegation_ids],
                locality_ids=[str(u) for u in registration.locality_ids],
            )
        )


def laptop_state(engine: Engine) -> LaptopState | None:
    """None on a server or a stand-alone laptop."""
    with session_scope(engine, read_only=True) as session:
        state = session.scalars(select(m.SyncState)).first()
        if state is None:
            return None
        return LaptopState(
            laptop_id=state.laptop_id,
            name=state.name,
            server_name=state.server_name,
            last_reply_at=state.server_cursor,
            waiting_for_reply=state.pending_push_id is not None,
        )


@dataclass(frozen=True)
class SyncRecord:
    """One line of the sync log."""

    at: datetime
    laptop_name: str
    mode: str
    sent: dict[str, int]
    received: dict[str, int]
    conflicts: int
    refused: tuple[dict, ...]


def sync_log(engine: Engine, limit: int = 50) -> tuple[SyncRecord, ...]:
    with session_scope(engine, read_only=True) as session:
        query = select(m.SyncLog).order_by(m.SyncLog.created_at.desc()).limit(limit)
        return tuple(
            SyncRecord(
                at=entry.created_at,
                laptop_name=entry.laptop_name,
                mode=entry.mode,
                sent=dict(entry.sent or {}),
                received=dict(entry.received or {}),
                conflicts=entry.conflicts,
                refused=tuple(entry.refused or ()),
            )
            for entry in session.scalars(query)
        )
