"""Eight people saving at once on one SQLite file: no "database is locked", no lost save."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select

from data_access import models as m
from data_access.db import create_db_engine, session_scope
from data_access.drafts import save_draft
from data_access.migrate import upgrade_to_head
from data_access.visits import add_finding, draft_scope, update_visit
from tests.helpers.data import person, sample_with_a_visit

WRITERS = 8
SAVES_EACH = 40


def test_eight_concurrent_writers_lose_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    setup = create_db_engine(url)
    upgrade_to_head(setup)
    visit_id = sample_with_a_visit(setup, person("Chuẩn bị"), date(2025, 3, 1))
    setup.dispose()

    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        # Each writer is its own app process as far as SQLite is concerned.
        engine = create_db_engine(url)
        try:
            start.wait()
            for save in range(SAVES_EACH):
                actor = person(f"Thư ký {number}")
                if save % 2:
                    add_finding(engine, actor, visit_id, "achievement", f"{number}-{save}")
                else:
                    save_draft(
                        engine,
                        actor,
                        draft_scope("visit", visit_id, f"writer-{number}"),
                        f"Đang gõ {save}",
                        base_version=None,
                    )
                    update_visit(engine, actor, visit_id, None, {"venue": f"Phòng {number}.{save}"})
        except BaseException as error:
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    check = create_db_engine(url)
    with session_scope(check, read_only=True) as s:
        findings = s.scalar(
            select(func.count()).select_from(m.Finding).where(m.Finding.visit_id == visit_id)
        )
        updates = s.scalar(
            select(func.count())
            .select_from(m.AuditEvent)
            .where(m.AuditEvent.entity_id == visit_id, m.AuditEvent.action == "update")
        )
        version = s.get(m.Visit, visit_id).version
    check.dispose()
    assert findings == WRITERS * SAVES_EACH // 2
    assert updates == WRITERS * SAVES_EACH // 2
    assert version == 1 + WRITERS * SAVES_EACH // 2
