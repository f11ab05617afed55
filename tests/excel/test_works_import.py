"""The works list: template out, filled list in, works on the locality's profile."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from data_access.catalogue import list_localities, locality_tree
from data_access.imports import (
    apply_works_import,
    preview_works_import,
    report_context,
    works_of_area,
)
from data_access.locality_profile import locality_profile
from excel.works import read_works, works_template
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import TODAY, campaign_named, person
from tests.helpers.excel import fill, problem_text


def _fill_sheet(content: bytes, cells: dict[str, object]) -> bytes:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    for coordinate, value in cells.items():
        book["Công trình"][coordinate] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def setup(engine):
    load_sample(engine)
    tree = locality_tree(list_localities(engine))
    sa_dec = tree.find_code("867")
    known = works_of_area(engine, [sa_dec])
    content = works_template(INFRASTRUCTURE, "Phong trào", known)
    return engine, tree, sa_dec, known, content


def test_works_round_trip_to_the_profile(setup):
    engine, _, sa_dec, known, content = setup
    names = [(w["locality_code"], w["name"]) for w in known]
    assert ("867", "Đường T3") in names
    row = 3 + names.index(("867", "Đường T3")) + 1  # header on row 3
    filled = _fill_sheet(
        content,
        {
            f"C{row}": "Giao thông",
            f"F{row}": "45,6",
            f"G{row}": datetime(2024, 3, 1),
            f"H{row}": "31/12/2025",
            f"I{row}": "Đang thi công",
            f"J{row}": 60,
            f"K{row}": "Có",
            "A20": "867",
            "B20": "Cầu Sa Đéc 2",
            "F20": 12,
            "I20": "Chuẩn bị đầu tư",
        },
    )
    parsed = read_works(filled, report_context(engine).known_codes)
    assert parsed.ok, parsed.problems
    preview = preview_works_import(engine, parsed)
    assert preview.added == ["867 · Cầu Sa Đéc 2"]
    assert preview.changed == ["867 · Đường T3"]
    apply_works_import(engine, person("Cán bộ"), parsed, "cong-trinh.xlsx", filled)
    works = {w.name: w for w in locality_profile(engine, sa_dec, TODAY).works}
    t3 = works["Đường T3"]
    assert (t3.status, t3.progress_percent, t3.total_investment) == ("in_progress", 60, 45.6)
    assert t3.start_date == date(2024, 3, 1) and t3.planned_end_date == date(2025, 12, 31)
    assert not t3.is_illustrative
    assert works["Cầu Sa Đéc 2"].status == "planned"


def test_works_problems_are_located(setup):
    engine, _, _, _, content = setup
    filled = _fill_sheet(
        content,
        {
            "A20": "867",
            "B20": "Cầu mới",
            "G20": "2024-03-01",
            "I20": "Xong",
            "J20": 140,
            "K20": "x",
            "A21": "00000",
            "B21": "Đường lạ",
        },
    )
    parsed = read_works(filled, report_context(engine).known_codes)
    cells = {(p.cell, problem_text(p).split(":")[0].split(".")[0]) for p in parsed.problems}
    assert ("G20", "Ngày phải có dạng dd/mm/yyyy, ví dụ 14/09/2023") in cells
    assert ("I20", "Tình trạng phải là") in cells
    assert ("J20", "Tiến độ từ 0 đến 100") in cells
    assert ("K20", "Ghi “Có” hoặc “Không”") in cells
    assert ("A21", "Mã đơn vị không có trong danh mục địa phương") in cells
    english = {p.cell: problem_text(p, "en") for p in parsed.problems}
    assert english["I20"].startswith("The status must be one of: Chưa cập nhật, ")
    assert english["G20"] == "A date must read dd/mm/yyyy, for example 14/09/2023."


def test_campaign_template_is_not_a_works_list(setup):
    engine, _, _, _, _ = setup
    from data_access.imports import template_spec
    from excel.template import report_template

    campaign = campaign_named(engine, INFRASTRUCTURE).id
    report = report_template(
        template_spec(engine, campaign, date(2027, 1, 1), date(2027, 3, 31), "Quý I"),
        [("867", "Sa Đéc")],
    )
    parsed = read_works(fill(report, {}), report_context(engine).known_codes)
    assert problem_text(parsed.problems[0]).startswith("Tệp không phải mẫu danh sách công trình")


def test_an_untouched_list_changes_nothing(setup):
    engine, _, _, known, content = setup
    parsed = read_works(_fill_sheet(content, {}), report_context(engine).known_codes)
    assert parsed.ok, parsed.problems
    preview = preview_works_import(engine, parsed)
    assert (preview.added, preview.changed) == ([], [])
    assert len(preview.unchanged) == len(known)
