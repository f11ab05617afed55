"""Illustrative figures, so that every chart has something to compare.

Every record made here is flagged ``is_illustrative`` and shown as such on screen: a
leader must never mistake an invented number for a reported one. Generated from a fixed
seed, so the sample is the same on every laptop.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from data_access import models as m
from sample_data.builder import SampleBuilder
from sample_data.sources import HUNG_YEN_KEY_PROJECTS, INFRASTRUCTURE, NGO_QUYEN_SPRINT

ILLUSTRATIVE = "Số liệu minh họa (không có trong tài liệu nguồn)"

QUARTER_ENDS = [(3, 31), (6, 30), (9, 30), (12, 31)]
CUMULATIVE_LABELS = ["Quý I năm {y}", "6 tháng năm {y}", "9 tháng năm {y}", "Năm {y}"]

# (locality, first quarter, last quarter) as (year, quarter 1-4): districts until the
# reorganisation, the new communes after it.
INFRASTRUCTURE_REPORTERS = {
    "d502": ((2024, 1), (2025, 2)),  # Tam Kỳ: real figures cover 2022 to 14/9/2023
    "d503": ((2023, 1), (2025, 2)),
    "d867": ((2023, 3), (2025, 2)),
    "d866": ((2023, 2), (2025, 2)),
    "d868": ((2023, 3), (2025, 2)),
    "d303": ((2023, 1), (2025, 2)),
    "d305": ((2023, 2), (2025, 2)),
    "d304": ((2023, 1), (2025, 2)),
    "c20341": ((2025, 3), (2026, 3)),
    "c20335": ((2025, 3), (2026, 3)),
    "c29905": ((2025, 3), (2026, 3)),
    "c11329": ((2025, 3), (2026, 3)),
    "c11359": ((2025, 4), (2026, 3)),
}
# Ngô Quyền district's works are reported by its wards (shows the level below).
WARD_REPORTERS = {"w11329", "w11335", "w11338", "w11359"}


def _quarters(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    year, quarter = first
    out = []
    while (year, quarter) <= last:
        out.append((year, quarter))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return out


def _quarter_range(year: int, quarter: int) -> tuple[date, date]:
    month, day = QUARTER_ENDS[quarter - 1]
    return date(year, month - 2, 1), date(year, month, day)


def _value(
    b: SampleBuilder,
    campaign: str,
    locality: str,
    indicator: str,
    start: date,
    end: date,
    value: float,
    label: str,
) -> None:
    b.value(
        campaign,
        locality,
        indicator,
        start,
        end,
        round(value, 1),
        label,
        source=ILLUSTRATIVE,
        illustrative=True,
    )


def add_infrastructure_figures(b: SampleBuilder, rng: random.Random) -> None:
    for locality, (first, last) in INFRASTRUCTURE_REPORTERS.items():
        size = rng.uniform(0.6, 1.6)
        allocated_by_year: dict[int, float] = {}
        for year, quarter in _quarters(first, last):
            start, end = _quarter_range(year, quarter)
            label = f"Quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {year}"
            reporters = sorted(WARD_REPORTERS) if locality == "d304" else [locality]
            for reporter in reporters:
                works = rng.randint(3, 9) if reporter in WARD_REPORTERS else rng.randint(6, 22)
                _value(b, INFRASTRUCTURE, reporter, "works_count", start, end, works, label)
                _value(
                    b,
                    INFRASTRUCTURE,
                    reporter,
                    "total_investment",
                    start,
                    end,
                    works * rng.uniform(0.8, 2.6),
                    label,
                )
            _value(
                b,
                INFRASTRUCTURE,
                locality,
                "clearance_plans",
                start,
                end,
                rng.randint(4, 25),
                label,
            )
            _value(
                b,
                INFRASTRUCTURE,
                locality,
                "clearance_cost",
                start,
                end,
                rng.uniform(5, 45) * size,
                label,
            )
            # Capital: the year's plan and the cumulative disbursement to each quarter's end.
            allocated = allocated_by_year.setdefault(year, rng.uniform(250, 900) * size)
            share = [
                rng.uniform(0.08, 0.2),
                rng.uniform(0.3, 0.45),
                rng.uniform(0.5, 0.7),
                rng.uniform(0.82, 1.0),
            ][quarter - 1]
            year_start = (
                date(year, 1, 1) if locality.startswith("d") or year > 2025 else date(2025, 7, 1)
            )
            cumulative = CUMULATIVE_LABELS[quarter - 1].format(y=year)
            if year_start != date(year, 1, 1):
                cumulative = f"Từ {year_start:%d/%m} đến {end:%d/%m/%Y}"
            _value(
                b,
                INFRASTRUCTURE,
                locality,
                "allocated_capital",
                year_start,
                end,
                allocated,
                cumulative,
            )
            _value(
                b,
                INFRASTRUCTURE,
                locality,
                "disbursed_capital",
                year_start,
                end,
                allocated * share,
                cumulative,
            )
        for year in sorted({y for y, _ in _quarters(first, last)}):
            start = max(date(year, 1, 1), _quarter_range(*first)[0])
            end = min(date(year, 12, 31), _quarter_range(*last)[1])
            label = (
                f"Năm {year}"
                if (start.month, end.month) == (1, 12)
                else (f"{start:%d/%m}–{end:%d/%m/%Y}")
            )
            _value(
                b,
                INFRASTRUCTURE,
                locality,
                "land_donated_area",
                start,
                end,
                rng.randint(800, 9000),
                label,
            )
            _value(
                b,
                INFRASTRUCTURE,
                locality,
                "land_donated_households",
                start,
                end,
                rng.randint(5, 60),
                label,
            )
            _value(
                b, INFRASTRUCTURE, locality, "commendations", start, end, rng.randint(3, 30), label
            )
            _value(
                b,
                INFRASTRUCTURE,
                locality,
                "savings",
                start,
                end,
                rng.uniform(0.5, 12) * size,
                label,
            )


def add_other_campaign_figures(b: SampleBuilder, rng: random.Random) -> None:
    for locality in ("d323", "d325", "d326"):
        for year in (2022, 2023, 2024):
            allocated = rng.uniform(150, 600)
            for quarter in (2, 4):
                _, end = _quarter_range(year, quarter)
                label = CUMULATIVE_LABELS[quarter - 1].format(y=year)
                _value(
                    b,
                    HUNG_YEN_KEY_PROJECTS,
                    locality,
                    "allocated_capital",
                    date(year, 1, 1),
                    end,
                    allocated,
                    label,
                )
                share = rng.uniform(0.3, 0.5) if quarter == 2 else rng.uniform(0.75, 0.98)
                _value(
                    b,
                    HUNG_YEN_KEY_PROJECTS,
                    locality,
                    "disbursed_capital",
                    date(year, 1, 1),
                    end,
                    allocated * share,
                    label,
                )
            start, end = date(year, 1, 1), date(year, 12, 31)
            for indicator, low, high in [
                ("clearance_plans", 5, 40),
                ("land_donated_area", 1000, 15000),
                ("land_donated_households", 5, 80),
            ]:
                _value(
                    b,
                    HUNG_YEN_KEY_PROJECTS,
                    locality,
                    indicator,
                    start,
                    end,
                    rng.randint(low, high),
                    f"Năm {year}",
                )
    start, end = date(2023, 11, 20), date(2023, 12, 31)
    label = "Từ 20/11 đến 31/12/2023"
    _value(
        b, NGO_QUYEN_SPRINT, "d304", "allocated_capital", date(2023, 1, 1), end, 412.0, "Năm 2023"
    )
    _value(
        b, NGO_QUYEN_SPRINT, "d304", "disbursed_capital", date(2023, 1, 1), end, 371.5, "Năm 2023"
    )
    _value(b, NGO_QUYEN_SPRINT, "d304", "commendations", start, end, 24, label)


def add_milestones(b: SampleBuilder, rng: random.Random) -> None:
    def report(implementation, year: int, late_days: int | None) -> None:
        due = date(year, 12, 10)
        done = None if late_days is None else due + timedelta(days=late_days)
        b.milestone(
            implementation,
            "periodic_report",
            f"Báo cáo năm {year} (đầu tháng 12)",
            due=due,
            done=done,
            source=ILLUSTRATIVE,
            illustrative=True,
        )

    for locality in ("d502", "d867"):  # real implementations, illustrative reports
        implementation = b.implementation_id(INFRASTRUCTURE, locality)
        report(implementation, 2023, rng.choice([-5, 2]))
        report(implementation, 2024, rng.choice([-3, 9]))
    for locality in ("d503", "d866", "d868", "d303", "d305", "d304"):
        plan_day = date(2023, rng.randint(3, 6), rng.randint(1, 28))
        implementation = b.implementation(
            INFRASTRUCTURE,
            locality,
            plan_document=f"Kế hoạch số {rng.randint(40, 220)}/KH-UBND",
            plan_date=plan_day,
            source=ILLUSTRATIVE,
            illustrative=True,
        )
        b.milestone(
            implementation,
            "plan_issued",
            "Ban hành kế hoạch",
            done=plan_day,
            source=ILLUSTRATIVE,
            illustrative=True,
        )
        b.milestone(
            implementation,
            "launched",
            "Phát động phong trào",
            due=plan_day + timedelta(days=30),
            done=plan_day + timedelta(days=rng.choice([10, 20, 45])),
            source=ILLUSTRATIVE,
            illustrative=True,
        )
        report(implementation, 2023, rng.choice([-6, -2, 4]))
        report(implementation, 2024, rng.choice([-4, 3, None]))
    for locality in ("c20341", "c20335", "c29905", "c11329", "c11359"):
        plan_day = date(2025, rng.randint(8, 10), rng.randint(1, 28))
        implementation = b.implementation(
            INFRASTRUCTURE,
            locality,
            plan_document=f"Kế hoạch số {rng.randint(10, 90)}/KH-UBND",
            plan_date=plan_day,
            source=ILLUSTRATIVE,
            illustrative=True,
        )
        b.milestone(
            implementation,
            "plan_issued",
            "Ban hành kế hoạch",
            done=plan_day,
            source=ILLUSTRATIVE,
            illustrative=True,
        )
        report(implementation, 2025, rng.choice([-3, 5, None]))
        b.milestone(
            implementation,
            "interim_review",
            "Sơ kết giai đoạn 1 (2023–2025)",
            due=date(2025, 12, 31),
            done=rng.choice([date(2025, 12, 26), date(2026, 1, 15), None]),
            source=ILLUSTRATIVE,
            illustrative=True,
        )
        report(implementation, 2026, None)


def add_works(b: SampleBuilder, rng: random.Random) -> None:
    kinds = [
        ("Nâng cấp, mở rộng đường giao thông nông thôn", "Giao thông"),
        ("Hệ thống thoát nước kiệt hẻm", "Thoát nước"),
        ("Chỉnh trang, nâng cấp vỉa hè", "Hạ tầng đô thị"),
        ("Khớp nối hạ tầng kỹ thuật khu dân cư", "Hạ tầng đô thị"),
        ("Nhà văn hóa khối phố", "Hạ tầng xã hội"),
    ]
    for locality in ("d502", "d503", "d304", "d305", "c29905", "c11329"):
        for number, (kind, category) in enumerate(rng.sample(kinds, 3), start=1):
            start = date(rng.choice([2023, 2024]), rng.randint(1, 12), 1)
            progress = rng.choice([35, 60, 85, 100])
            b.add(
                m.Work,
                (locality, "illustrative", number),
                locality_id=b.localities[locality],
                campaign_id=b.campaigns[INFRASTRUCTURE],
                name=f"{kind} số {number}",
                category=category,
                investor="UBND " + ("phường" if locality.startswith("c") else "thành phố"),
                funding_source="Ngân sách địa phương",
                total_investment=round(rng.uniform(2, 45), 1),
                start_date=start,
                planned_end_date=start + timedelta(days=rng.choice([270, 365, 540])),
                status="completed" if progress == 100 else "in_progress",
                progress_percent=progress,
                is_key_project=number == 1,
                source=ILLUSTRATIVE,
                is_illustrative=True,
            )


def add_visits(b: SampleBuilder) -> None:
    """Later visits with recommendations in every state, some of them overdue."""
    visits = [
        (
            "sa-dec-2024-10-15",
            "Đoàn kiểm tra Sở Nội vụ tỉnh Đồng Tháp",
            "d867",
            date(2024, 10, 15),
            "signed_off",
            INFRASTRUCTURE,
            [
                (
                    "to_locality",
                    "UBND thành phố Sa Đéc",
                    "Đẩy nhanh giải ngân vốn đầu tư công các công trình trọng điểm.",
                    date(2024, 12, 31),
                    "done",
                ),
                (
                    "to_locality",
                    "Phòng Quản lý đô thị thành phố Sa Đéc",
                    "Cập nhật tiến độ Đường T3, Đường N7 hằng tháng về Phòng Nội vụ.",
                    date(2025, 3, 31),
                    "open",
                ),
                (
                    "to_higher_level",
                    "Hội đồng Thi đua - Khen thưởng tỉnh Đồng Tháp",
                    "Hướng dẫn tiêu chí khen thưởng sơ kết giai đoạn 1.",
                    date(2025, 6, 30),
                    "in_progress",
                ),
            ],
        ),
        (
            "ngo-quyen-2026-05-20",
            "Đoàn kiểm tra Sở Nội vụ thành phố Hải Phòng",
            "c11329",
            date(2026, 5, 20),
            "draft",
            INFRASTRUCTURE,
            [
                (
                    "to_locality",
                    "UBND phường Ngô Quyền",
                    "Ban hành kế hoạch tổng kết công tác GPMB năm 2026.",
                    date(2026, 9, 30),
                    "open",
                ),
                (
                    "from_locality",
                    "Sở Tài chính thành phố Hải Phòng",
                    "Bổ sung kế hoạch vốn cho các dự án khớp nối hạ tầng.",
                    date(2027, 3, 31),
                    "open",
                ),
            ],
        ),
        (
            "van-giang-2023-10-05",
            "Đoàn kiểm tra Sở Nội vụ tỉnh Hưng Yên",
            "d326",
            date(2023, 10, 5),
            "signed_off",
            HUNG_YEN_KEY_PROJECTS,
            [
                (
                    "to_locality",
                    "UBND huyện Văn Giang",
                    "Hoàn thành bàn giao mặt bằng các dự án trọng điểm.",
                    date(2024, 6, 30),
                    "not_accepted",
                ),
            ],
        ),
    ]
    for key, delegation_name, locality, day, status, campaign, recommendations in visits:
        delegation = b.add(
            m.Delegation,
            (delegation_name,),
            name=delegation_name,
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
        visit = b.add(
            m.Visit,
            (key,),
            delegation_id=delegation,
            locality_id=b.localities[locality],
            visit_date=day,
            status=status,
            venue="Trụ sở UBND",
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
        b.add(m.VisitCampaign, (key, campaign), visit_id=visit, campaign_id=b.campaigns[campaign])
        b.add(
            m.Finding,
            (key, 0),
            visit_id=visit,
            kind="shortcoming",
            text="Tiến độ giải ngân một số dự án chậm so với kế hoạch.",
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
        for order, (direction, addressee, text, due, rec_status) in enumerate(recommendations):
            recommendation = b.add(
                m.Recommendation,
                (key, order),
                visit_id=visit,
                direction=direction,
                addressee=addressee,
                text=text,
                due_date=due,
                status=rec_status,
                sort_order=order,
                source=ILLUSTRATIVE,
                is_illustrative=True,
            )
            if rec_status != "open":
                b.add(
                    m.RecommendationUpdate,
                    (key, order),
                    recommendation_id=recommendation,
                    changed_on=min(due, day + timedelta(days=60)),
                    from_status="open",
                    to_status=rec_status,
                    note="Cập nhật minh họa",
                    author="Thư ký đoàn",
                )


def add_illustrative(b: SampleBuilder) -> None:
    rng = random.Random(20230914)
    add_infrastructure_figures(b, rng)
    add_other_campaign_figures(b, rng)
    add_milestones(b, rng)
    add_works(b, rng)
    add_visits(b)
