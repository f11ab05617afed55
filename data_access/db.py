"""Engine and short-lived sessions.

SQLite is the embedded default (a file on the laptop's local disk); PostgreSQL is the
shared server. The same code runs on both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from data_access.errors import NotFound

READ_ONLY = "giamsat_read_only"
R = TypeVar("R")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            # Take the write lock up front: a reader that later writes would otherwise
            # fail with "database is locked" instead of waiting its turn.
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_db_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def session_scope(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error.

    Read-only scopes skip SQLite's write lock so dashboards never queue behind a save.
    """
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    factory = sessionmaker(bind=bind, expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def fetch_records(session: Session, query, record: type[R], **extra: Callable) -> tuple[R, ...]:
    """A query's rows as frozen records: the selected columns, in order, fill the record's
    first fields; ``extra`` computes the others from what is already filled."""
    names = [f.name for f in fields(record)]  # type: ignore[arg-type]
    built = []
    for row in session.execute(query).all():
        values = dict(zip(names, row, strict=False))
        for name, compute in extra.items():
            values[name] = compute(values)
        built.append(record(**values))
    return tuple(built)


def live_record(session: Session, model: type[R], record_id: Any) -> R | None:
    """The record of ``model`` with this id, or None when there is none or it was deleted
    (deleted rows stay for undo and the audit, but are found by nobody; a model without
    ``deleted_at``, as users, who are disabled instead, has none deleted)."""
    row = None if record_id is None else session.get(model, record_id)
    return None if row is None or getattr(row, "deleted_at", None) is not None else row


def found_record(session: Session, model: type[R], record_id: Any, what: str) -> R:
    """``live_record``, or NotFound(``what``): a write on something gone says so."""
    row = live_record(session, model, record_id)
    if row is None:
        raise NotFound(what)
    return row


def in_chunks(items: Iterable[Any], size: int = 500) -> Iterator[list[Any]]:
    """``items`` in lists of ``size``: an ``IN (…)`` or an insert of bounded length."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
