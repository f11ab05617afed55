"""A sync killed at any moment (power cut, network gone) leaves both databases whole, and
the next sync finishes the job: no duplicate, no half-applied package."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

from sqlalchemy import func, select, text

from data_access import models as m
from data_access.accounts import SYSTEM
from data_access.db import session_scope
from data_access.sync.exchange import sync_direct
from data_access.visit_views import visit_detail
from data_access.visits import add_finding
from tests.helpers.data import TODAY
from tests.helpers.field import field_trip, url_of

# Twenty kills with the server on SQLite (both databases on one disk, the harder case for
# a torn write); fewer on PostgreSQL, whose transaction is the same code.
ROUNDS = {"sqlite": 20, "postgresql": 8}


def _findings(engine, visit_id):
    return sorted((str(f.id), f.text) for f in visit_detail(engine, visit_id, TODAY).findings)


def _whole(engine) -> None:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []


def _sent_and_waiting(laptop, sync: subprocess.Popen) -> None:
    """Until the laptop has written its package (or the sync is over)."""
    while sync.poll() is None:
        with session_scope(laptop, read_only=True) as session:
            if session.scalar(select(m.SyncState.pending_push_id)) is not None:
                return
        time.sleep(0.01)


def test_a_sync_killed_at_random_moments_is_finished_by_the_next(engine, tmp_path):
    rounds = ROUNDS[engine.dialect.name]
    trip = field_trip(engine, tmp_path, names=("A",))
    laptop = trip.laptops["A"]
    secretary = trip.person(laptop, "thuky.a")
    chance = random.Random(14)
    environment = {**os.environ, "DATABASE_URL": url_of(laptop), "GIAMSAT_LOAD_SAMPLE": "0"}
    killed_midway = 0
    for round_number in range(rounds):
        for n in range(3):
            add_finding(
                laptop, secretary, trip.visit_id, "cause", f"Nguyên nhân {round_number}.{n}"
            )
        sync = subprocess.Popen(
            [sys.executable, "-m", "cli.sync", "now", "--server", trip.server_url],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if round_number % 2:
            time.sleep(chance.uniform(0.5, 1.5))  # while starting, or exporting
        else:
            _sent_and_waiting(laptop, sync)  # then while the server merges, or the reply
            time.sleep(chance.uniform(0.0, 0.4))
        sync.kill()
        killed_midway += sync.wait() != 0
        _whole(laptop)
        _whole(engine)
        sync_direct(laptop, SYSTEM, trip.server_url)
        on_laptop = _findings(laptop, trip.visit_id)
        assert _findings(engine, trip.visit_id) == on_laptop
        assert len({t for _, t in on_laptop}) == len(on_laptop) == 2 + 3 * (round_number + 1)
    with session_scope(engine, read_only=True) as session:
        pushes = session.scalar(select(func.count()).select_from(m.SyncLog))
        merged_once = session.scalar(
            select(func.count(func.distinct(m.SyncLog.push_id))).where(
                m.SyncLog.push_id.is_not(None)
            )
        )
    assert pushes == merged_once  # every package merged once, however often it was sent
    assert killed_midway >= rounds // 4  # the kills did land during syncs
    laptop.dispose()
