"""A dataset at national scale, for the screen benchmark and the load test.

On top of the sample (campaigns, indicators, delegations, accounts): today's 34 provinces
and 3,321 communes with the former units merged into them (read from
``../shared/data/vn-admin-units-2025/merges.json`` when present, synthetic names
otherwise), 8 years of quarterly figures for every commune (about 600,000 values),
50,000 works, 5,000 visits, 50,000 findings and 50,000 recommendations. Every figure is
flagged illustrative. The same seed builds the same data; ``--scale`` keeps that share
of the communes and of every count, so cost growth can be measured.

    .venv/bin/python -m benchmarks.national [--scale 1] [--seed 2025] [--out FILE | --url URL]

The file defaults to var/national-<scale>.sqlite3, where the screen benchmark and the load
test look for it.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select

from data_access import models as m
from data_access.accounts import SYSTEM, UserInput, create_user
from data_access.db import create_db_engine, in_chunks, session_scope
from data_access.imports import import_catalogue
from data_access.migrate import upgrade_to_head
from data_access.spans import rebuild_spans
from data_access.writes import bump_data_version
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT.parent / "shared" / "data" / "vn-admin-units-2025" / "merges.json"
PROVINCES, COMMUNES = 34, 3_321
FIRST_YEAR, YEARS = 2019, 8
WORKS, VISITS, FINDINGS_PER_VISIT, RECOMMENDATIONS_PER_VISIT = 50_000, 5_000, 10, 10
SOURCE = "Số liệu minh họa sinh tự động để đo hiệu năng ở quy mô cả nước"
CHUNK = 20_000
# Accounts for the benchmark and the load test, on this generated database only.
PASSWORD = "Do-hieu-nang-2026"
ACCOUNTS = ["dokiem"] + [f"tai{n:02d}" for n in range(1, 11)]

WORK_KINDS = [
    "Đường giao thông nông thôn",
    "Trường mầm non",
    "Trạm y tế",
    "Kênh mương nội đồng",
    "Nhà văn hóa",
    "Cầu dân sinh",
    "Hệ thống thoát nước",
    "Chợ",
]
FINDINGS = {
    "achievement": "Hoàn thành {n} công trình đúng tiến độ, huy động nhân dân hiến đất",
    "shortcoming": "Giải ngân vốn đầu tư công chậm, mới đạt {n}% kế hoạch",
    "difficulty": "Vướng mắc bồi thường, giải phóng mặt bằng tại {n} dự án",
    "cause": "Hồ sơ thủ tục đầu tư kéo dài, thiếu cán bộ chuyên môn ({n} người)",
}
RECOMMENDATIONS = [
    "Đẩy nhanh tiến độ giải ngân, hoàn thành trước ngày {due}",
    "Hoàn thiện hồ sơ quyết toán {n} công trình đã hoàn thành",
    "Rà soát, điều chỉnh kế hoạch vốn các dự án chậm tiến độ",
    "Tổ chức đối thoại với {n} hộ dân chưa đồng thuận phương án bồi thường",
]
STATUS_WEIGHTS = {"open": 35, "in_progress": 25, "done": 30, "not_accepted": 5, "cancelled": 5}


@dataclass(frozen=True)
class Counts:
    provinces: int
    communes: int
    values: int
    works: int
    visits: int
    findings: int
    recommendations: int
    seconds: float


def catalogue(scale: float, seed: int) -> dict[str, Any]:
    """The merges.json shape, cut to ``scale`` of each province's communes."""
    if CATALOGUE.exists():
        data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    else:
        data = _synthetic_catalogue(seed)
    provinces = []
    for province in data["data"]:
        communes = province.get("level2s", [])
        keep = max(1, math.ceil(len(communes) * scale))
        provinces.append({**province, "level2s": communes[:keep]})
    return {"data": provinces}


def _synthetic_catalogue(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    # 3,321 communes over 34 provinces, unevenly, as in life.
    weights = [rng.uniform(0.5, 1.5) for _ in range(PROVINCES)]
    shares = [int(COMMUNES * w / sum(weights)) for w in weights]
    shares[0] += COMMUNES - sum(shares)
    provinces, number = [], 0
    for p, share in enumerate(shares, start=1):
        communes = []
        for _ in range(share):
            number += 1
            communes.append(
                {
                    "level2_id": f"{number * 3:05d}",
                    "name": f"Xã Mẫu {number}",
                    "merges": [
                        {"old_id": f"{number * 3 + k:05d}", "name": f"Xã cũ {number}-{k}"}
                        for k in range(rng.randint(1, 4))
                    ],
                }
            )
        provinces.append(
            {"level1_id": f"{p * 2:02d}", "name": f"Tỉnh Mẫu {p}", "level2s": communes}
        )
    return {"data": provinces}


def build(url: str, *, scale: float = 1.0, seed: int = 2025) -> Counts:
    """Build the dataset into an empty database at ``url``."""
    started = time.perf_counter()
    engine = create_db_engine(url)
    try:
        upgrade_to_head(engine)
        load_sample(engine)
        data = catalogue(scale, seed)
        content = json.dumps(data, ensure_ascii=False).encode()
        import_catalogue(engine, SYSTEM, data, f"danh-muc-{scale:g}.json", content)
        counts = _add_figures_and_visits(engine, scale, random.Random(seed))
        for username in ACCOUNTS:
            create_user(
                engine,
                SYSTEM,
                UserInput(username, f"Đo hiệu năng {username}", "admin", PASSWORD, (), False),
            )
    finally:
        engine.dispose()
    return Counts(**counts, seconds=time.perf_counter() - started)


class _Ids:
    """Reproducible ids from the seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


def _add_figures_and_visits(engine: Engine, scale: float, rng: random.Random) -> dict[str, int]:
    new_id = _Ids(rng)
    with session_scope(engine) as session:
        units = session.execute(
            select(m.Locality.id, m.Locality.name, m.Locality.level)
            .where(m.Locality.valid_to.is_(None), m.Locality.deleted_at.is_(None))
            .order_by(m.Locality.code)
        ).all()
        communes = [(u.id, u.name) for u in units if u.level == "commune"]
        provinces = [u.id for u in units if u.level == "province"]
        campaigns = dict(session.execute(select(m.Campaign.code, m.Campaign.id)).all())
        indicators = dict(session.execute(select(m.Indicator.code, m.Indicator.id)).all())
        delegations = list(session.scalars(select(m.Delegation.id)))
        infrastructure = campaigns[INFRASTRUCTURE]
        now = datetime.now(UTC)
        common = {
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "source": SOURCE,
            "is_illustrative": True,
        }

        def rows(model: type[m.Base], items: Iterable[dict[str, Any]]) -> int:
            count = 0
            for chunk in in_chunks(items, CHUNK):
                session.execute(insert(model), [{**common, **row} for row in chunk])
                count += len(chunk)
            return count

        values = rows(m.IndicatorValue, _values(communes, infrastructure, indicators, rng, new_id))
        works = rows(m.Work, _works(communes, infrastructure, round(WORKS * scale), rng, new_id))
        visit_rows = list(_visits(communes, delegations, round(VISITS * scale), rng, new_id))
        rows(m.Visit, visit_rows)
        session.execute(
            insert(m.VisitCampaign),
            [
                {"id": new_id(), "created_at": now, "updated_at": now, "visit_id": v["id"]}
                | {"campaign_id": infrastructure}
                for v in visit_rows
            ],
        )
        findings = rows(m.Finding, _findings(visit_rows, rng, new_id))
        recommendations = rows(m.Recommendation, _recommendations(visit_rows, rng, new_id))
        # The rows above went in as Core inserts, unseen by the ORM's upkeep.
        rebuild_spans(session)
        bump_data_version(session, figures=True)
    return {
        "provinces": len(provinces),
        "communes": len(communes),
        "values": values,
        "works": works,
        "visits": len(visit_rows),
        "findings": findings,
        "recommendations": recommendations,
    }


def _quarters() -> Iterator[tuple[int, int, date, date]]:
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        for quarter in range(1, 5):
            start = date(year, quarter * 3 - 2, 1)
            end = date(year + (quarter == 4), (quarter * 3) % 12 + 1, 1) - timedelta(days=1)
            yield year, quarter, start, end


def _values(communes, campaign_id, indicators, rng: random.Random, new_id):
    """Per commune and quarter: works and investment started, clearance cost, and the
    year's capital plan with disbursement to date (cumulative from 1 January)."""
    quarters = list(_quarters())
    for locality_id, _name in communes:
        size = rng.uniform(0.4, 2.5)
        plan: dict[int, float] = {}
        for year, quarter, start, end in quarters:
            label = f"Quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {year}"
            works = rng.randint(0, 6)
            allocated = plan.setdefault(year, round(rng.uniform(8, 60) * size, 1))
            disbursed = allocated * min(1.0, quarter * rng.uniform(0.15, 0.27))
            for code, value, first_day in (
                ("works_count", works, start),
                ("total_investment", round(works * rng.uniform(0.5, 3.0) * size, 1), start),
                ("clearance_cost", round(rng.uniform(0, 4) * size, 1), start),
                ("allocated_capital", allocated, date(year, 1, 1)),
                ("disbursed_capital", round(disbursed, 1), date(year, 1, 1)),
                *([("clearance_plans", rng.randint(1, 5), start)] if rng.random() < 0.6 else []),
            ):
                yield {
                    "id": new_id(),
                    "indicator_id": indicators[code],
                    "locality_id": locality_id,
                    "campaign_id": campaign_id,
                    "period_start": first_day,
                    "period_end": end,
                    "period_label": label,
                    "value": value,
                }


def _works(communes, campaign_id, count: int, rng: random.Random, new_id):
    statuses = ["planned", "in_progress", "completed", "suspended"]
    for number in range(1, count + 1):
        locality_id, name = rng.choice(communes)
        start = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randrange(YEARS * 365))
        status = rng.choices(statuses, weights=[15, 40, 40, 5])[0]
        yield {
            "id": new_id(),
            "locality_id": locality_id,
            "campaign_id": campaign_id,
            "name": f"{rng.choice(WORK_KINDS)} {name} (số {number})",
            "category": "Hạ tầng nông thôn",
            "investor": f"UBND {name}",
            "funding_source": rng.choice(["Ngân sách tỉnh", "Ngân sách xã", "Xã hội hóa"]),
            "total_investment": round(rng.uniform(0.3, 45), 1),
            "start_date": start,
            "planned_end_date": start + timedelta(days=rng.randint(120, 900)),
            "status": status,
            "progress_percent": {"planned": 0.0, "completed": 100.0}.get(
                status, float(rng.randint(5, 95))
            ),
            "is_key_project": rng.random() < 0.03,
        }


def _visits(communes, delegations, count: int, rng: random.Random, new_id):
    for _ in range(count):
        locality_id, name = rng.choice(communes)
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(1_400))
        signed = day < date(2026, 9, 1)
        yield {
            "id": new_id(),
            "delegation_id": rng.choice(delegations) if delegations else None,
            "locality_id": locality_id,
            "visit_date": day,
            "time_of_day": "Buổi sáng",
            "venue": f"Trụ sở UBND {name}",
            "chair": "Trưởng đoàn giám sát",
            "secretary": "Thư ký đoàn",
            "summary": f"Giám sát việc tổ chức phong trào thi đua tại {name}",
            "status": "signed_off" if signed else "draft",
            "signed_off_at": datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
            if signed
            else None,
            "signed_off_by": "Thư ký đoàn" if signed else None,
        }


def _findings(visits, rng: random.Random, new_id):
    kinds = list(FINDINGS)
    for visit in visits:
        for order in range(FINDINGS_PER_VISIT):
            kind = kinds[order % len(kinds)]
            yield {
                "id": new_id(),
                "visit_id": visit["id"],
                "kind": kind,
                "text": FINDINGS[kind].format(n=rng.randint(2, 60)),
                "sort_order": order,
            }


def _recommendations(visits, rng: random.Random, new_id):
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    for visit in visits:
        for order in range(RECOMMENDATIONS_PER_VISIT):
            due = visit["visit_date"] + timedelta(days=rng.randint(30, 360))
            text = rng.choice(RECOMMENDATIONS)
            yield {
                "id": new_id(),
                "visit_id": visit["id"],
                "direction": rng.choices(
                    ["to_locality", "to_higher_level", "from_locality"], weights=[70, 15, 15]
                )[0],
                "addressee": f"UBND {visit['venue'].removeprefix('Trụ sở UBND ')}",
                "text": text.format(due=f"{due:%d/%m/%Y}", n=rng.randint(2, 40)),
                "due_date": due,
                "priority": rng.choices(["high", "normal", "low"], weights=[20, 65, 15])[0],
                "status": rng.choices(statuses, weights=weights)[0],
                "sort_order": order,
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--url", help="a database URL instead of --out (must be empty)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    if args.url:
        url = args.url
    else:
        args.out = args.out or ROOT / "var" / f"national-{args.scale:g}.sqlite3"
        args.out.parent.mkdir(parents=True, exist_ok=True)
        for stale in args.out.parent.glob(args.out.name + "*"):
            stale.unlink()
        url = f"sqlite:///{args.out}"
    counts = build(url, scale=args.scale, seed=args.seed)
    print(
        f"{counts.provinces} tỉnh, {counts.communes} xã, {counts.values} số liệu, "
        f"{counts.works} công trình, {counts.visits} buổi làm việc, {counts.findings} "
        f"kết luận, {counts.recommendations} kiến nghị trong {counts.seconds:.0f} s"
    )


if __name__ == "__main__":
    main()
