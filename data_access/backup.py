"""Backups of the SQLite database, taken while the app runs, and restoring one.

The copy is made with SQLite's online backup API (never by copying the live file, which a
write in progress would corrupt), checked with ``PRAGMA integrity_check``, named with its
time, and only the newest ones are kept. PostgreSQL is backed up with pg_dump (README).

    python -m cli.backup create | list | restore FILE
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from data_access.catalogue import data_versions
from data_access.db import session_scope
from data_access.models import AuditEvent
from data_access.writes import require_outside, set_data_versions_above
from domain.permissions import Actor, is_admin

KEEP = 10
PREFIX = "giamsat-"


class BackupError(RuntimeError):
    """``reason``: not_sqlite, integrity, missing."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created: datetime
    size_bytes: int


def database_file(engine: Engine) -> Path:
    url = make_url(engine.url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupError("not_sqlite")
    return Path(url.database)


def backup_folder(engine: Engine) -> Path:
    return database_file(engine).parent / "backups"


def create_backup(engine: Engine, actor: Actor, keep: int = KEEP) -> BackupFile:
    """A copy of the whole database (every account's hash included): the admin's."""
    require_outside(engine, actor, is_admin(actor), "backup.create")
    made = _copy(engine, keep)
    _audit(engine, actor, "backup", made.path.name)
    return made


def _copy(engine: Engine, keep: int) -> BackupFile:
    source_path = database_file(engine)
    folder = backup_folder(engine)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target_path = folder / f"{PREFIX}{stamp}.sqlite3"
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)  # consistent even while others write (online backup API)
    finally:
        source.close()
    try:
        _check(target, target_path)
    finally:
        target.close()
    for old in list_backups(engine)[keep:]:
        old.path.unlink(missing_ok=True)
    return BackupFile(target_path, datetime.now(), target_path.stat().st_size)


def _check(connection: sqlite3.Connection, path: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError("integrity", f"{path.name}: {result}")


def list_backups(engine: Engine) -> list[BackupFile]:
    folder = backup_folder(engine)
    files = sorted(folder.glob(f"{PREFIX}*.sqlite3"), reverse=True) if folder.exists() else []
    return [
        BackupFile(f, datetime.fromtimestamp(f.stat().st_mtime), f.stat().st_size) for f in files
    ]


def restore_backup(engine: Engine, actor: Actor, backup: Path) -> None:
    """Copy a checked backup into the live database, through the same backup API, so open
    connections see a consistent database. A backup of the current state is taken first."""
    require_outside(engine, actor, is_admin(actor), "backup.restore")
    if not backup.is_file():
        raise BackupError("missing", str(backup))
    source = sqlite3.connect(backup)
    try:
        _check(source, backup)
        replaced = _copy(engine, KEEP)  # what is replaced can be brought back
        before = data_versions(engine)
        target = sqlite3.connect(database_file(engine), timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    engine.dispose()  # pooled connections reopen on the restored file
    # The restored counters may be lower than what running apps cached reads under:
    # move them past, so every cache refreshes.
    set_data_versions_above(engine, max(before.any, before.figures, before.catalogue))
    # Written into the restored database: the restore is on record whatever it replaced.
    _audit(engine, actor, "restore", backup.name, replaced=replaced.path.name)


def _audit(engine: Engine, actor: Actor, action: str, file_name: str, **details: str) -> None:
    with session_scope(engine) as session:
        session.add(
            AuditEvent(
                actor=actor.label,
                action=action,
                entity="backup",
                entity_id=None,
                after={"file": file_name, **details},
            )
        )
