"""Accounts: users and roles, passwords (argon2), login with throttling, and sessions.

No default password exists: the first start asks for the administrator, and
``python -m cli.accounts`` creates or resets a user from a script.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select, update

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.config import DEFAULT_IDLE_MINUTES
from data_access.db import fetch_records, found_record, session_scope
from data_access.errors import InvalidInput, WriteRefused
from data_access.writes import require, write_scope
from domain.localities import LocalityTree
from domain.permissions import Actor, is_admin
from domain.vocabulary import USER_ROLES

MIN_PASSWORD_LENGTH = 10
FAILURES_BEFORE_LOCK = 5
LOCK_MINUTES = 15
FAILURE_DELAY_SECONDS = 0.5  # every wrong password costs the guesser time
_hasher = PasswordHasher()
# A real hash to verify against when the user does not exist, so timing says nothing.
_DUMMY_HASH = _hasher.hash("giamsat-dummy-password")
SYSTEM = Actor("he-thong", "Hệ thống", "admin")  # the command line and first start


class LoginRefused(WriteRefused):
    """``code``: wrong (name or password), disabled, locked (with minutes to wait)."""

    def __init__(self, code: str, minutes: int = 0) -> None:
        super().__init__(code)
        self.code = code
        self.minutes = minutes


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(["password_short"])
    if password.strip() != password or password.isdigit() or password.isalpha():
        raise InvalidInput(["password_weak"])


def users_exist(engine: Engine) -> bool:
    with session_scope(engine, read_only=True) as session:
        return session.scalar(select(m.User.id).limit(1)) is not None


@dataclass
class UserInput:
    username: str
    full_name: str
    role: str
    password: str
    locality_ids: tuple[uuid.UUID, ...] = ()
    must_change_password: bool = True


def create_user(engine: Engine, actor: Actor, data: UserInput) -> uuid.UUID:
    """Admins create users; the very first one is created by the system (first start)."""
    username = data.username.strip().lower()
    if not username or not data.full_name.strip():
        raise InvalidInput(["user_fields"])
    if data.role not in USER_ROLES:
        raise InvalidInput(["role"])
    check_password_strength(data.password)
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "user.create")
        if session.scalar(select(m.User.id).where(m.User.username == username)):
            raise InvalidInput(["username_taken"])
        user = m.User(
            username=username,
            full_name=data.full_name.strip(),
            role=data.role,
            password_hash=_hasher.hash(data.password),
            must_change_password=data.must_change_password,
        )
        session.add(user)
        session.flush()
        for locality_id in data.locality_ids:
            session.add(m.UserLocalityScope(user_id=user.id, locality_id=locality_id))
        record_event(session, actor, "create", user, None)
        return user.id


def update_user(
    engine: Engine,
    actor: Actor,
    user_id: uuid.UUID,
    *,
    role: str | None = None,
    is_active: bool | None = None,
    locality_ids: tuple[uuid.UUID, ...] | None = None,
) -> None:
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "user.update")
        user = found_record(session, m.User, user_id, "user")
        before = snapshot(user)
        if role is not None:
            if role not in USER_ROLES:
                raise InvalidInput(["role"])
            user.role = role
        if is_active is not None:
            if not is_active and user_id == actor.user_id:
                raise InvalidInput(["disable_self"])
            user.is_active = is_active
            if not is_active:
                _end_sessions(session, user_id)
        if role is not None or locality_ids is not None:
            # What a user may reach is read at sign-in: changing it signs them out.
            _end_sessions(session, user_id)
        if locality_ids is not None:
            for scope in session.scalars(
                select(m.UserLocalityScope).where(m.UserLocalityScope.user_id == user_id)
            ):
                session.delete(scope)
            for locality_id in locality_ids:
                session.add(m.UserLocalityScope(user_id=user_id, locality_id=locality_id))
        record_event(session, actor, "update", user, before)


def reset_password(engine: Engine, actor: Actor, user_id: uuid.UUID, password: str) -> None:
    """An administrator sets a temporary password; the user must change it at next login."""
    check_password_strength(password)
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "user.reset_password")
        user = found_record(session, m.User, user_id, "user")
        before = snapshot(user)
        user.password_hash = _hasher.hash(password)
        user.must_change_password = True
        _end_sessions(session, user_id)
        record_event(session, actor, "reset_password", user, _without_hash(before))


def change_own_password(engine: Engine, actor: Actor, current: str, new: str) -> None:
    check_password_strength(new)
    if current == new:
        raise InvalidInput(["password_same"])
    with write_scope(engine, actor) as session:
        user = found_record(session, m.User, actor.user_id, "user")
        if not _verify(user.password_hash, current):
            raise InvalidInput(["password_current"])
        before = snapshot(user)
        user.password_hash = _hasher.hash(new)
        user.must_change_password = False
        record_event(session, actor, "change_password", user, _without_hash(before))


def _without_hash(values: dict) -> dict:
    return {k: v for k, v in values.items() if k != "password_hash"}


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


# --- login and sessions ---------------------------------------------------------------------


def login(engine: Engine, username: str, password: str) -> tuple[Actor, str, bool]:
    """Check a login. Returns the actor, a new session token, and whether the password must
    be changed now. Refusals are recorded; five in a row lock the name for 15 minutes."""
    name = username.strip().lower()
    with session_scope(engine) as session:
        since = _now() - timedelta(minutes=LOCK_MINUTES)
        recent = session.scalars(
            select(m.LoginAttempt.succeeded)
            .where(m.LoginAttempt.username == name, m.LoginAttempt.attempted_at >= since)
            .order_by(m.LoginAttempt.attempted_at.desc())
            .limit(FAILURES_BEFORE_LOCK)
        ).all()
        locked = len(recent) == FAILURES_BEFORE_LOCK and not any(recent)
        user = session.scalar(select(m.User).where(m.User.username == name))
        good = not locked and _verify(user.password_hash if user else None, password)
        session.add(m.LoginAttempt(username=name, succeeded=good and bool(user and user.is_active)))
        if locked:
            refusal = LoginRefused("locked", LOCK_MINUTES)
        elif not good or user is None:
            refusal = LoginRefused("wrong")
        elif not user.is_active:
            refusal = LoginRefused("disabled")
        else:
            refusal = None
            user.last_login_at = _now()
            token = secrets.token_urlsafe(32)
            session.add(m.UserSession(token_hash=_token_hash(token), user_id=user.id))
            must_change = user.must_change_password
            user_id = user.id
    if refusal is not None:
        time.sleep(FAILURE_DELAY_SECONDS)
        raise refusal
    return load_actor(engine, user_id), token, must_change


def session_user(
    engine: Engine, token: str, idle_minutes: int = DEFAULT_IDLE_MINUTES
) -> uuid.UUID | None:
    """The user of a live session, checked with a read; the session is kept alive (written
    at most once a minute, so a busy screen never queues behind its own clock)."""
    if not token:
        return None
    digest = _token_hash(token)
    with session_scope(engine, read_only=True) as session:
        row = session.execute(
            select(m.UserSession.id, m.UserSession.last_seen_at, m.User.id, m.User.is_active)
            .join(m.User, m.User.id == m.UserSession.user_id)
            .where(m.UserSession.token_hash == digest, m.UserSession.ended_at.is_(None))
        ).first()
    if row is None or not row[3]:
        return None
    session_id, last_seen, user_id = row[0], _aware(row[1]), row[2]
    idle = last_seen < _now() - timedelta(minutes=idle_minutes)
    if idle or last_seen < _now() - timedelta(minutes=1):
        with session_scope(engine) as session:
            values = {"ended_at": _now()} if idle else {"last_seen_at": _now()}
            session.execute(
                update(m.UserSession).where(m.UserSession.id == session_id).values(**values)
            )
    return None if idle else user_id


def resume(engine: Engine, token: str, idle_minutes: int = DEFAULT_IDLE_MINUTES) -> Actor | None:
    """The signed-in user of a browser (after a refresh), if its session is still alive."""
    user_id = session_user(engine, token, idle_minutes)
    return load_actor(engine, user_id) if user_id else None


def logout(engine: Engine, token: str) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(m.UserSession)
            .where(m.UserSession.token_hash == _token_hash(token))
            .values(ended_at=_now())
        )


def _end_sessions(session, user_id: uuid.UUID) -> None:
    session.execute(
        update(m.UserSession)
        .where(m.UserSession.user_id == user_id, m.UserSession.ended_at.is_(None))
        .values(ended_at=_now())
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def load_actor(engine: Engine, user_id: uuid.UUID, tree: LocalityTree | None = None) -> Actor:
    """The user with what they may reach: localities (with all below) and delegations."""
    from data_access.catalogue import list_localities, locality_tree

    with session_scope(engine, read_only=True) as session:
        user = session.get_one(m.User, user_id)
        roots = set(
            session.scalars(
                select(m.UserLocalityScope.locality_id).where(
                    m.UserLocalityScope.user_id == user_id
                )
            )
        )
        memberships = session.execute(
            select(m.DelegationMember.delegation_id, m.DelegationMember.role).where(
                m.DelegationMember.user_id == user_id, m.DelegationMember.deleted_at.is_(None)
            )
        ).all()
        username, full_name, role = user.username, user.full_name, user.role
        must_change = user.must_change_password
    scope = None
    if roots:
        tree = tree or locality_tree(list_localities(engine))
        scope = frozenset(
            set().union(*[tree.descendants(r) | {r} for r in roots if r in tree.units])
        )
    return Actor(
        username=username,
        full_name=full_name,
        role=role,
        user_id=user_id,
        scope=scope,
        delegations=frozenset(d for d, _ in memberships),
        heads=frozenset(d for d, r in memberships if r == "head"),
        must_change_password=must_change,
    )


@dataclass(frozen=True)
class UserRecord:
    """An account as the admin screen lists it."""

    id: uuid.UUID
    username: str
    full_name: str
    role: str
    is_active: bool
    must_change_password: bool
    last_login_at: datetime | None
    locality_ids: tuple[uuid.UUID, ...]  # empty: every locality
    failed_logins: int


def list_users(engine: Engine) -> tuple[UserRecord, ...]:
    with session_scope(engine, read_only=True) as session:
        scopes = session.execute(
            select(m.UserLocalityScope.user_id, m.UserLocalityScope.locality_id)
        ).all()
        failures = dict(
            session.execute(
                select(m.LoginAttempt.username, func.count())
                .where(m.LoginAttempt.succeeded.is_(False))
                .group_by(m.LoginAttempt.username)
            ).all()
        )
        by_user: dict[uuid.UUID, list[uuid.UUID]] = {}
        for user_id, locality_id in scopes:
            by_user.setdefault(user_id, []).append(locality_id)
        return fetch_records(
            session,
            select(
                m.User.id,
                m.User.username,
                m.User.full_name,
                m.User.role,
                m.User.is_active,
                m.User.must_change_password,
                m.User.last_login_at,
            ).order_by(m.User.username),
            UserRecord,
            locality_ids=lambda u: tuple(by_user.get(u["id"], ())),
            failed_logins=lambda u: failures.get(u["username"], 0),
        )


def set_membership(
    engine: Engine, actor: Actor, delegation_id: uuid.UUID, user_id: uuid.UUID, role: str | None
) -> None:
    """Make a user a member (or the head) of a delegation; ``None`` removes them."""
    with write_scope(engine, actor) as session:
        require(is_admin(actor), "delegation.members")
        user = session.get_one(m.User, user_id)
        current = session.scalar(
            select(m.DelegationMember).where(
                m.DelegationMember.delegation_id == delegation_id,
                m.DelegationMember.user_id == user_id,
                m.DelegationMember.deleted_at.is_(None),
            )
        )
        if role is None:
            if current is not None:
                current.deleted_at = m.utcnow()
                record_event(session, actor, "delete", current, None)
            return
        if current is None:
            current = m.DelegationMember(
                delegation_id=delegation_id, user_id=user_id, full_name=user.full_name, role=role
            )
            session.add(current)
        else:
            current.role = role
        record_event(session, actor, "member", current, None)


def find_user_id(engine: Engine, username: str) -> uuid.UUID | None:
    """The account signing in as ``username`` (case and spaces ignored), if there is one."""
    with session_scope(engine, read_only=True) as session:
        return session.scalar(select(m.User.id).where(m.User.username == username.strip().lower()))
