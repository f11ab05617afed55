"""Excel speed: export 50,000 recommendations and import a 3,321-row report.

Each figure is the median of several runs, next to a floor measured in the same run on
the same cells (XlsxWriter in constant-memory mode for the export; a bare openpyxl
read-only pass for the import), because shared machines drift. Peak memory is the
resident set of a fresh process doing one run. Writes the Excel section of
docs/PERFORMANCE.md.

    .venv/bin/python -m benchmarks.excel_bench [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import xlsxwriter

from benchmarks.common import median_seconds, write_section
from domain.vocabulary import RECOMMENDATION_STATUSES

ROOT = Path(__file__).resolve().parent.parent
EXPORT_ROWS = 50_000
IMPORT_ROWS = 3_321


def recommendations(rows: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = random.Random(7)
    start = date(2023, 1, 1)
    frame = pd.DataFrame(
        {
            "id": range(rows),
            "locality_id": [rng.randrange(3321) for _ in range(rows)],
            "visit_date": [start + timedelta(days=rng.randrange(1000)) for _ in range(rows)],
            "direction": [
                rng.choice(["to_locality", "to_higher_level", "from_locality"]) for _ in range(rows)
            ],
            "addressee": [f"UBND xã số {rng.randrange(3321)}" for _ in range(rows)],
            "text": [
                f"Đẩy nhanh tiến độ giải ngân và hoàn thiện hồ sơ công trình số {i}"
                for i in range(rows)
            ],
            "due_date": [start + timedelta(days=rng.randrange(1400)) for _ in range(rows)],
            "status": [rng.choice(RECOMMENDATION_STATUSES) for _ in range(rows)],
            "days_overdue": [rng.choice([0, 0, 12, 301]) for _ in range(rows)],
        }
    )
    history = pd.DataFrame(
        {
            "recommendation_id": list(range(0, rows, 3)),
            "changed_on": [start] * len(range(0, rows, 3)),
            "from_status": ["open"] * len(range(0, rows, 3)),
            "to_status": ["in_progress"] * len(range(0, rows, 3)),
            "note": ["Đã giao phòng chuyên môn"] * len(range(0, rows, 3)),
            "author": ["Thư ký"] * len(range(0, rows, 3)),
        }
    )
    return frame, history


def export_tool(records: tuple[list, list]) -> bytes:
    """The register as the tracker writes it, from the plain records the data layer hands
    it (``as_records``: made once, not timed as the tool's)."""
    from excel.register import RegisterHeading, recommendations_register

    names = {i: f"Xã số {i}" for i in range(3321)}
    heading = RegisterHeading("Sở Nội vụ", date(2026, 11, 20), "Tất cả kiến nghị")
    return recommendations_register(*records, names, heading)


def as_records(rows: pd.DataFrame, history: pd.DataFrame) -> tuple[list, list]:
    from data_access.recommendations import TrackedRecommendation
    from data_access.visit_views import StatusChange

    tracked = [
        TrackedRecommendation(
            id=r.id,
            version=1,
            visit_id=r.id,
            visit_date=r.visit_date,
            locality_id=r.locality_id,
            locality="",
            direction=r.direction,
            addressee=r.addressee,
            text=r.text,
            due_date=r.due_date,
            priority="normal",
            status=r.status,
            is_illustrative=False,
            days_overdue=r.days_overdue,
        )
        for r in rows.itertuples(index=False)
    ]
    changes = [
        StatusChange(
            h.recommendation_id, h.changed_on, h.from_status, h.to_status, h.note, h.author, None
        )
        for h in history.itertuples(index=False)
    ]
    return tracked, changes


def export_floor(rows: pd.DataFrame) -> bytes:
    """The same cells, written as fast as XlsxWriter can: no styles, no logic."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows.itertuples(index=False), start=1):
        sheet.write_number(r, 0, row.id)
        sheet.write_string(r, 1, str(row.locality_id))
        sheet.write_datetime(r, 2, pd.Timestamp(row.visit_date).to_pydatetime())
        sheet.write_string(r, 3, row.direction)
        sheet.write_string(r, 4, row.addressee)
        sheet.write_string(r, 5, row.text)
        sheet.write_datetime(r, 6, pd.Timestamp(row.due_date).to_pydatetime())
        sheet.write_string(r, 7, row.status)
        sheet.write_number(r, 8, row.days_overdue)
        sheet.write_string(r, 9, "")
    book.close()
    return buffer.getvalue()


def filled_template(rows: int) -> tuple[bytes, set[str], dict[str, str], dict[str, str]]:
    from domain.imports import TemplateIndicator, TemplateSpec
    from excel.template import report_template

    indicators = [
        TemplateIndicator("works_count", "Số công trình", "công trình"),
        TemplateIndicator("total_investment", "Tổng mức đầu tư", "tỷ đồng"),
        TemplateIndicator("allocated_capital", "Kế hoạch vốn đầu tư công được giao", "tỷ đồng"),
        TemplateIndicator("disbursed_capital", "Vốn đầu tư công đã giải ngân", "tỷ đồng"),
        TemplateIndicator("clearance_plans", "Phương án bồi thường", "phương án"),
        TemplateIndicator("clearance_cost", "Kinh phí bồi thường", "tỷ đồng"),
    ]
    spec = TemplateSpec(
        "c", "Phong trào", date(2027, 1, 1), date(2027, 9, 30), "9 tháng", indicators
    )
    codes = [f"{i:05d}" for i in range(rows)]
    content = report_template(spec, [(code, f"Xã {code}") for code in codes])
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Báo cáo"]
    rng = random.Random(3)
    for r in range(5, 5 + rows):
        allocated = rng.uniform(50, 600)
        values = [
            rng.randint(1, 30),
            round(rng.uniform(5, 90), 1),
            round(allocated, 1),
            round(allocated * rng.uniform(0.2, 0.95), 1),
            rng.randint(0, 12),
            round(rng.uniform(0, 20), 1),
        ]
        for c, value in enumerate(values, start=3):
            sheet.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    book.save(out)
    headers = {i.code: i.header for i in indicators}
    units = {i.code: i.unit for i in indicators}
    return out.getvalue(), set(codes), headers, units


def import_tool(content, codes, headers, units) -> int:
    from excel.report_import import read_report

    report = read_report(content, codes, headers, units)
    assert report.ok, report.problems[:3]
    return len(report.rows)


def import_floor(content: bytes) -> int:
    """A bare read-only pass over the same cells."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _ in book["Báo cáo"].iter_rows(values_only=True))
    book.close()
    return count


def _peak_megabytes(task: str) -> float:
    """One run in a fresh process; its peak resident set."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.excel_bench", "--child", task],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])["peak_mb"]


def _child(task: str) -> None:
    if task == "export":
        rows, history = recommendations(EXPORT_ROWS)
        export_tool(as_records(rows, history))
    else:
        content, codes, headers, units = filled_template(IMPORT_ROWS)
        import_tool(content, codes, headers, units)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"peak_mb": round(peak_kb / 1024, 1)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    rows, history = recommendations(EXPORT_ROWS)
    content, codes, headers, units = filled_template(IMPORT_ROWS)
    results = []
    records = as_records(rows, history)
    tool = median_seconds(lambda: export_tool(records), args.runs)
    floor = median_seconds(lambda: export_floor(rows), args.runs)
    results.append(("Xuất sổ kiến nghị, 50.000 dòng", tool, floor, 1.5, _peak_megabytes("export")))
    tool = median_seconds(lambda: import_tool(content, codes, headers, units), args.runs)
    floor = median_seconds(lambda: import_floor(content), args.runs)
    results.append(("Nhập mẫu báo cáo, 3.321 dòng", tool, floor, 2.0, _peak_megabytes("import")))
    lines = [
        "| việc | thời gian (trung vị) | nền so sánh | tỷ lệ | mục tiêu | bộ nhớ đỉnh |",
        "|---|---|---|---|---|---|",
    ]
    for name, tool, floor, target, peak in results:
        ratio = tool / floor
        lines.append(
            f"| {name} | {tool:.2f} s | {floor:.2f} s | {ratio:.2f}× | ≤ {target:g}× "
            f"{'✓' if ratio <= target else '✗'} | {peak:.0f} MB {'✓' if peak < 300 else '✗'} |"
        )
    table = "\n".join(lines)
    print(table)
    _write_section(table, args.runs)


def _write_section(table: str, runs: int) -> None:
    write_section(
        "excel",
        f"## Excel\n\nMeasured {date.today():%d/%m/%Y} on this project's machine "
        f"(2 cores), median of {runs} runs; the floor is measured in the same run on the "
        "same cells: XlsxWriter in constant-memory mode with no styles for the export, a "
        "bare openpyxl read-only pass for the import. Peak memory: resident set of a fresh "
        "process doing one run, building its input included (so an upper bound).\n\n"
        f"{table}\n\nReproduce: `.venv/bin/python -m benchmarks.excel_bench`.",
    )


if __name__ == "__main__":
    main()
