"""Backups taken while people write pass the integrity check and restore."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from data_access import backup
from data_access import models as m
from data_access.catalogue import data_versions
from data_access.db import create_db_engine, session_scope
from data_access.migrate import upgrade_to_head
from data_access.visits import add_finding
from tests.helpers.data import person, sample_with_a_visit

ADMIN = person("Quản trị")


def _findings(engine) -> int:
    with session_scope(engine, read_only=True) as s:
        return s.scalar(select(func.count()).select_from(m.Finding))


def test_backup_during_writes_is_consistent_and_restores(tmp_path):
    url = f"sqlite:///{tmp_path / 'giamsat.sqlite3'}"
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    visit = sample_with_a_visit(engine, ADMIN, date(2025, 3, 1))
    stop = threading.Event()

    def writer() -> None:
        own = create_db_engine(url)
        number = 0
        while not stop.is_set():
            add_finding(own, ADMIN, visit, "achievement", f"Ghi trong lúc sao lưu {number}")
            number += 1
        own.dispose()

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        made = [backup.create_backup(engine, ADMIN) for _ in range(3)]
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert all(item.path.exists() for item in made)  # integrity checked inside
    in_backup = create_db_engine(f"sqlite:///{made[0].path}")
    saved = _findings(in_backup)
    in_backup.dispose()
    assert _findings(engine) > saved  # writing went on after the copy
    cached_under = data_versions(engine)
    backup.restore_backup(engine, ADMIN, made[0].path)
    assert _findings(engine) == saved
    # Reads cached before the restore are never served for the restored data.
    restored = data_versions(engine)
    assert restored.any > cached_under.any and restored.figures > cached_under.any
    assert restored.catalogue > cached_under.any
    # The restore is on record in the restored database (the copy holds no event of its
    # own taking: it was written after the copy).
    with session_scope(engine, read_only=True) as s:
        events = s.execute(
            select(m.AuditEvent.action, m.AuditEvent.actor, m.AuditEvent.after).where(
                m.AuditEvent.entity == "backup"
            )
        ).all()
    assert [(action, actor) for action, actor, _ in events] == [("restore", ADMIN.label)]
    assert events[-1].after["file"] == made[0].path.name
    # The state before the restore was itself backed up, and old copies are pruned.
    assert len(backup.list_backups(engine)) == 4
    for _ in range(backup.KEEP + 2):
        backup.create_backup(engine, ADMIN)
    assert len(backup.list_backups(engine)) == backup.KEEP


def test_only_an_admin_takes_a_backup(tmp_path):
    from data_access.errors import PermissionDenied

    engine = create_db_engine(f"sqlite:///{tmp_path / 'giamsat.sqlite3'}")
    upgrade_to_head(engine)
    with pytest.raises(PermissionDenied):
        backup.create_backup(engine, person("Thư ký", "inspector"))
    assert backup.list_backups(engine) == []
    with session_scope(engine, read_only=True) as s:
        assert s.scalar(select(m.AuditEvent.action)) == "refused:backup.create"
