"""Field sync speed, written to docs/PERFORMANCE.md.

- **A day of work** (2 visits, 60 findings, 40 recommendations, 10 photos) recorded on a
  laptop (SQLite) and synced directly into the server, on SQLite and on PostgreSQL; next to
  the floor of a sync with nothing to send, measured in the same run. Target: under 10 s.
- **Checking out one province** of the national dataset (its communes' figures, works and
  visits; the whole catalogue): the first sync of a new laptop. Target: under 60 s.

    python -m benchmarks.sync_bench [--runs 3] [--postgres URL] [--scale 1]

``--postgres``: a server to create throw-away databases on (as the tests'
GIAMSAT_TEST_POSTGRES_URL); without it only SQLite is measured. The national dataset is
built into PostgreSQL at the same scale as the SQLite one.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select

from benchmarks.common import fresh_postgres_database, write_section
from benchmarks.screens_bench import dataset
from data_access import models as m
from data_access.accounts import SYSTEM
from data_access.attachments import add_attachment
from data_access.db import create_db_engine, session_scope
from data_access.migrate import upgrade_to_head
from data_access.sync.exchange import sync_direct
from data_access.sync.laptops import join_server, register_laptop
from data_access.visits import (
    RecommendationInput,
    VisitInput,
    add_finding,
    add_recommendation,
    create_visit,
)
from tests.helpers.field import new_laptop, person_on, prepare_server, url_of

DAY_TARGET, CHECKOUT_TARGET = 10.0, 60.0


def _postgres(admin_url: str, name: str) -> Engine:
    return create_db_engine(fresh_postgres_database(admin_url, name))


def _photo() -> bytes:
    """A phone-sized photo that compresses like one (noise, not a flat colour): ~1 MB."""
    from PIL import Image

    noise = [Image.effect_noise((1600, 1200), 40) for _ in range(3)]
    out = io.BytesIO()
    Image.merge("RGB", noise).save(out, "JPEG", quality=85)
    return out.getvalue()


def _day_of_work(laptop: Engine, visit_day: date, tam_ky, campaign, delegation) -> None:
    person = person_on(laptop, "thuky.a")
    photo = _photo()
    for n in range(2):
        visit = create_visit(laptop, person, VisitInput(tam_ky, visit_day, [campaign], delegation))
        for k in range(30):
            add_finding(laptop, person, visit, "shortcoming", f"Nhận xét {n}.{k} của buổi làm việc")
        for k in range(20):
            add_recommendation(
                laptop,
                person,
                visit,
                RecommendationInput("to_locality", f"Kiến nghị {n}.{k}", "UBND phường"),
            )
        for k in range(5):
            add_attachment(laptop, person, visit, f"anh-{n}-{k}.jpg", photo)


def measure_day(server_factory, runs: int) -> dict[str, float]:
    days, floors = [], []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            server = server_factory(run)
            upgrade_to_head(server)
            tam_ky, _visit, delegation = prepare_server(server)
            laptop = new_laptop(server, Path(folder), "A", delegation, tam_ky)
            sync_direct(laptop, SYSTEM, url_of(server))  # the checkout
            with session_scope(server, read_only=True) as session:
                campaign = session.scalar(select(m.Campaign.id).order_by(m.Campaign.code))
            _day_of_work(laptop, date(2026, 11, 20), tam_ky, campaign, delegation)
            started = time.perf_counter()
            summary = sync_direct(laptop, SYSTEM, url_of(server))
            days.append(time.perf_counter() - started)
            assert summary.refused == (), summary.refused
            started = time.perf_counter()
            sync_direct(laptop, SYSTEM, url_of(server))
            floors.append(time.perf_counter() - started)
            laptop.dispose()
            server.dispose()
    return {"day": statistics.median(days), "floor": statistics.median(floors)}


def _largest_province(server: Engine) -> tuple[uuid.UUID, int]:
    with session_scope(server, read_only=True) as session:
        province = m.Locality.__table__.alias("province")
        row = session.execute(
            select(province.c.id, func.count(m.Locality.id))
            .join(m.Locality, m.Locality.parent_id == province.c.id)
            .where(province.c.level == "province", province.c.valid_to.is_(None))
            .group_by(province.c.id)
            .order_by(func.count(m.Locality.id).desc())
        ).first()
    return row[0], row[1]


def measure_checkout(server: Engine) -> dict[str, float]:
    upgrade_to_head(server)
    province, communes = _largest_province(server)
    with tempfile.TemporaryDirectory() as folder:
        registration = register_laptop(server, SYSTEM, "Máy tỉnh", [], [province], "Máy chủ")
        laptop = create_db_engine(f"sqlite:///{Path(folder) / 'laptop.sqlite3'}")
        upgrade_to_head(laptop)
        join_server(laptop, SYSTEM, registration)
        started = time.perf_counter()
        summary = sync_direct(laptop, SYSTEM, url_of(server))
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        sync_direct(laptop, SYSTEM, url_of(server))
        floor = time.perf_counter() - started
        laptop.dispose()
    return {
        "checkout": seconds,
        "floor": floor,
        "communes": communes,
        "records": summary.received_total,
    }


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--postgres", default=os.environ.get("GIAMSAT_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    rows = []

    def sqlite_server(run: int) -> Engine:
        return create_db_engine(f"sqlite:///{work / f'server-{run}.sqlite3'}")

    day = measure_day(sqlite_server, args.runs)
    rows.append(("SQLite", day))
    if args.postgres:
        rows.append(
            ("PostgreSQL", measure_day(lambda run: _postgres(args.postgres, "sync_day"), args.runs))
        )
    source, _ = dataset(args.scale, rebuild=False)
    copy = work / source.name
    shutil.copy(source, copy)
    checkouts = [
        (
            f"SQLite, {args.scale:g} of the country",
            measure_checkout(create_db_engine(f"sqlite:///{copy}")),
        )
    ]
    if args.postgres:
        from benchmarks.national import build

        server = _postgres(args.postgres, "sync_national")
        build(url_of(server), scale=args.scale)
        checkouts.append((f"PostgreSQL, {args.scale:g} of the country", measure_checkout(server)))
    lines = [
        "## Field sync (`python -m benchmarks.sync_bench`)",
        "",
        f"Medians of {args.runs} runs on this machine, {date.today():%d/%m/%Y}. A day of work: 2 "
        "visits, 60 findings, 40 recommendations, 10 photos of 1600 × 1200 recorded on a laptop "
        f"(SQLite), synced directly; target {_seconds(DAY_TARGET)}. The floor is a sync with "
        "nothing to send, right after.",
        "",
        "| Server | Day of work | Floor | Ratio |",
        "|---|---|---|---|",
    ]
    for name, measured in rows:
        ratio = measured["day"] / measured["floor"]
        lines.append(
            f"| {name} | {_seconds(measured['day'])} | {_seconds(measured['floor'])} | "
            f"{ratio:.1f}".replace(".", ",")
            + " |"
        )
    lines += [
        "",
        f"Checking out the province with most units under it (the first sync of a new laptop); "
        f"target {_seconds(CHECKOUT_TARGET)}. The floor is the next sync, with nothing new.",
        "",
        "| Server | Units directly under it | Records received | Checkout (one run) | Floor |",
        "|---|---|---|---|---|",
    ]
    for name, measured in checkouts:
        records = f"{measured['records']:,}".replace(",", ".")
        lines.append(
            f"| {name} | {measured['communes']} | {records} | "
            f"{_seconds(measured['checkout'])} | {_seconds(measured['floor'])} |"
        )
    write_section("sync", "\n".join(lines))
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
