"""Exported workbooks: official layout, formats, and no formula from user text."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from uuid import UUID

import pytest

from data_access.recommendations import TrackedRecommendation
from data_access.visit_views import visit_detail
from domain.imports import TemplateIndicator, TemplateSpec
from excel.minutes import minutes_file_name, visit_minutes
from excel.register import RegisterHeading, filter_line, recommendations_register
from excel.sheets import is_risky, sheet_name
from excel.summary import SummaryIndicator, SummaryRow, dashboard_summary
from excel.template import report_template
from sample_data.builder import stable_id
from tests.helpers.data import TODAY
from tests.helpers.excel import open_book, parts, sheet_xml

INJECTIONS = [
    '=HYPERLINK("http://x","bấm")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "＝1+1",
    "＋1",
    "－1",
    "＠x",
    "#N/A",
    "=1/0",
]


def tracked(number: int, **fields) -> TrackedRecommendation:
    """A recommendation as the tracker lists it; ``fields`` override the defaults."""
    defaults = {
        "id": UUID(int=number),
        "version": 1,
        "visit_id": UUID(int=10_000 + number),
        "visit_date": date(2023, 9, 14),
        "locality_id": LOCALITY,
        "locality": "Thành phố Sa Đéc",
        "direction": "to_locality",
        "addressee": None,
        "text": "Đẩy nhanh giải ngân",
        "due_date": None,
        "priority": "normal",
        "status": "open",
        "is_illustrative": False,
        "days_overdue": 0,
    }
    return TrackedRecommendation(**{**defaults, **fields})


LOCALITY = UUID(int=99)
HEADING = RegisterHeading("Sở Nội vụ tỉnh Đồng Tháp", date(2026, 11, 20), "Tất cả kiến nghị")


def _register(texts: list[str]) -> bytes:
    rows = [
        tracked(i, addressee=text, text=text, due_date=date(2025, 3, 31), days_overdue=601)
        for i, text in enumerate(texts)
    ]
    return recommendations_register(rows, [], {LOCALITY: "Thành phố Sa Đéc"}, HEADING)


def test_user_text_is_never_a_formula_or_an_error_cell():
    content = _register(INJECTIONS)
    for xml in sheet_xml(content).values():
        assert "<f>" not in xml and "<f " not in xml
        assert 't="e"' not in xml
    sheet = open_book(content)["Kiến nghị"]
    # A carriage return is stored as _x000D_ (Excel shows it as a line break).
    texts = [
        sheet.cell(row=r, column=6).value.replace("_x000D_", "\r")
        for r in range(6, 6 + len(INJECTIONS))
    ]
    assert texts == INJECTIONS
    for row, text in enumerate(INJECTIONS, start=6):
        cell = sheet.cell(row=row, column=6)
        assert cell.data_type == "s"
        # Risky text keeps Excel's quote prefix: it stays text even when edited.
        assert cell.quotePrefix == is_risky(text)


def test_register_formats_and_overdue_highlight():
    book = open_book(_register(["Đẩy nhanh giải ngân"]))
    sheet = book["Kiến nghị"]
    # Above the table: who issues it, its title, the day and the filter it was drawn with.
    assert sheet["A1"].value == "SỞ NỘI VỤ TỈNH ĐỒNG THÁP"
    assert sheet["A2"].value == "SỔ THEO DÕI KIẾN NGHỊ SAU GIÁM SÁT"
    assert sheet["A3"].value == "Đến ngày 20/11/2026 · Tất cả kiến nghị"
    assert sheet.freeze_panes == "A6"
    assert sheet.auto_filter.ref == "A5:K6"
    assert sheet["A5"].font.b
    assert sheet["C6"].is_date and sheet["C6"].number_format == "dd/mm/yyyy"
    assert sheet["C6"].value.date() == date(2023, 9, 14)
    assert sheet["I6"].value == 601
    assert sheet["K6"].value is None  # a real recommendation: no mark
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "landscape"
    # Fit to one page wide (1 is the file format's default, left implicit), any height.
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$5:$5"
    rules = [rule for rng in sheet.conditional_formatting for rule in rng.rules]
    assert rules and rules[0].formula == ["$I6>0"]


def test_illustrative_rows_of_the_register_are_marked_and_the_mark_explained():
    rows = [tracked(1), tracked(2, is_illustrative=True)]
    sheet = open_book(recommendations_register(rows, [], {LOCALITY: "Sa Đéc"}, HEADING))[
        "Kiến nghị"
    ]
    assert sheet["A4"].value == "Dòng ghi “Minh họa” ở cột Dữ liệu: dữ liệu minh họa."
    assert (sheet["K7"].value, sheet["K8"].value) == (None, "Minh họa")


def test_the_register_says_the_filter_it_was_drawn_with():
    from data_access.recommendations import TrackerFilter

    where = TrackerFilter(statuses=("open", "in_progress"), overdue_only=True, addressee=" UBND ")
    assert filter_line(where, "Phong trào hạ tầng", "Tỉnh Đồng Tháp") == (
        "Lọc: Trạng thái: Chưa thực hiện, Đang thực hiện; chỉ kiến nghị quá hạn; "
        "Phong trào: Phong trào hạ tầng; Địa phương: Tỉnh Đồng Tháp (gồm các đơn vị trực "
        "thuộc); Gửi đến có “UBND”"
    )
    assert filter_line(TrackerFilter(), None, None) == "Tất cả kiến nghị"


def test_summary_has_totals_and_native_charts():
    indicators = [
        SummaryIndicator("works_count", "Số công trình", "công trình", decimals=0),
        SummaryIndicator("total_investment", "Tổng mức đầu tư", "tỷ đồng"),
        SummaryIndicator("disbursement_rate", "Tỷ lệ giải ngân", "%"),
    ]
    rows = [
        SummaryRow(
            "Thành phố Tam Kỳ (cũ)",
            "502",
            {"works_count": 139, "total_investment": 203.4, "disbursement_rate": 36.4},
            False,
        ),
        SummaryRow(
            "Thành phố Hội An (cũ)",
            "503",
            {"works_count": 48, "total_investment": 82.6, "disbursement_rate": 98.2},
            True,
        ),
    ]
    content = dashboard_summary(
        "TỔNG HỢP",
        "Giai đoạn 2022–2023",
        indicators,
        rows,
        {"works_count": 187, "total_investment": 286.0, "disbursement_rate": 62.7},
        {"works_count": 2, "total_investment": 2, "disbursement_rate": 2},
        100.0,
    )
    sheet = open_book(content)["Tổng hợp"]
    assert [sheet.cell(row=5, column=c).value for c in (1, 3, 4, 5)] == [
        "Thành phố Tam Kỳ (cũ)",
        139,
        203.4,
        36.4,
    ]
    assert sheet["D5"].number_format == "#,##0.0"
    assert sheet["C5"].number_format == "#,##0"  # a count, without decimals
    assert sheet.cell(row=7, column=1).value == "Tổng cộng"
    assert sheet.cell(row=7, column=3).value == 187
    assert sheet.cell(row=7, column=3).number_format == "#,##0"
    # The title is merged across the table, whole; the helper column is not printed.
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.print_area == "'Tổng hợp'!$A$1:$F$51"  # the table, then two charts
    assert sheet.cell(row=4, column=8).value == "Mục tiêu (%)"  # H: outside the print area
    charts = [p for p in parts(content) if p.startswith("xl/charts/chart")]
    assert len(charts) == 2
    archive = zipfile.ZipFile(io.BytesIO(content))
    xml = "".join(archive.read(name).decode() for name in charts)
    for axis_title in ("Địa phương", "Tỷ đồng", "%"):
        assert f"<a:t>{axis_title}</a:t>" in xml
    assert '<c:orientation val="maxMin"/>' in xml  # the bars in the table's order


def test_template_protects_codes_and_validates_figures():
    spec = TemplateSpec(
        "c",
        "Phong trào",
        date(2026, 1, 1),
        date(2026, 9, 30),
        "9 tháng năm 2026",
        [
            TemplateIndicator("disbursed_capital", "Vốn đầu tư công đã giải ngân", "tỷ đồng"),
            TemplateIndicator("disbursement_rate", "Tỷ lệ giải ngân", "%"),
        ],
    )
    book = open_book(
        report_template(spec, [("20341", "Phường Tam Kỳ"), ("20335", "Phường Bàn Thạch")])
    )
    assert book.sheetnames == ["Báo cáo", "Hướng dẫn", "_thong_tin"]
    sheet = book["Báo cáo"]
    assert sheet.protection.sheet
    assert sheet["A5"].value == "20341" and sheet["A5"].protection.locked
    assert not sheet["C5"].protection.locked
    validations = {
        str(v.sqref): (v.type, v.operator) for v in sheet.data_validations.dataValidation
    }
    assert validations == {
        "C5:C6": ("decimal", "greaterThanOrEqual"),
        "D5:D6": ("decimal", None),  # "between" is the default, left implicit
    }
    rate = next(v for v in sheet.data_validations.dataValidation if str(v.sqref) == "D5:D6")
    assert (rate.formula1, rate.formula2) == ("0", "100")
    assert book["_thong_tin"].sheet_state == "hidden"


def test_visit_minutes_official_layout(sample_engine):
    detail = visit_detail(sample_engine, stable_id("visit", "tam-ky-2023-09-14"), TODAY)
    content = visit_minutes(detail)
    assert minutes_file_name(detail) == "bien-ban_Thanh-pho-Tam-Ky_2023-09-14.xlsx"
    book = open_book(content)
    assert book.sheetnames == [
        "Biên bản",
        "Phụ lục 1 - Tiêu chí",
        "Phụ lục 2 - Số liệu",
        "Phụ lục 3 - Kiến nghị",
    ]
    body = book["Biên bản"]
    texts = [body.cell(row=r, column=1).value or "" for r in range(1, body.max_row + 1)]
    assert texts[:3] == [
        "SỞ NỘI VỤ TỈNH QUẢNG NAM",
        "ĐOÀN GIÁM SÁT SỞ NỘI VỤ TỈNH QUẢNG NAM",
        "Số: ……/BB-……",
    ]
    assert (body["B1"].value, body["B2"].value) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    assert "BIÊN BẢN" in texts
    assert "Thời gian bắt đầu: Buổi sáng, ngày 14 tháng 9 năm 2023." in texts
    assert "Buổi làm việc kết thúc vào …… giờ ……, ngày 14 tháng 9 năm 2023./." in texts
    assert any("139 công trình với tổng mức đầu tư 203,4 tỷ đồng" in t for t in texts)
    assert any(t.startswith("- Tổng mức đầu tư: 203,4 tỷ đồng (Năm 2022–2023") for t in texts)
    assert "ĐẠI DIỆN THÀNH PHỐ TAM KỲ" in texts and "Nơi nhận:" in texts
    assert not any("Trạng thái" in t for t in texts)  # the application's own state
    # Every row of wrapped text has its height (merged cells are never sized by readers).
    heights = body.row_dimensions
    for row, text in enumerate(texts, start=1):
        if len(text) > 120:
            assert heights[row].height >= 32, (row, text)
    recommendations = book["Phụ lục 3 - Kiến nghị"]
    assert recommendations.max_row == 4  # header + the three recommendations of 14/9/2023
    assert all(len(name) <= 31 for name in book.sheetnames)


@pytest.mark.parametrize("name", ["Kiến nghị [2023]: quá hạn/chưa xong * ?", "x" * 40])
def test_sheet_names_are_valid(name):
    cleaned = sheet_name(name)
    assert len(cleaned) <= 31 and not set(cleaned) & set("[]:*?/\\")


def test_a_recommendation_without_addressee_leaves_the_cell_blank():
    rows = [tracked(1, visit_date=date(2026, 11, 22))]
    register = recommendations_register(rows, [], {LOCALITY: "Phường Tam Kỳ"}, HEADING)
    sheet = open_book(register)["Kiến nghị"]
    assert sheet["E6"].value is None
    assert sheet["F6"].value == "Đẩy nhanh giải ngân"


def test_a_locality_named_like_a_formula_stays_text_in_the_minutes(sample_engine):
    """The body's lines are built from names people typed (decision 14)."""
    from dataclasses import replace

    detail = visit_detail(sample_engine, stable_id("visit", "tam-ky-2023-09-14"), TODAY)
    detail = replace(detail, venue='=HYPERLINK("http://x","Tam Kỳ")', chair="=1+1")
    body = open_book(visit_minutes(detail))["Biên bản"]
    signers = [c for row in body.iter_rows() for c in row if c.value == "=1+1"]
    assert signers and all(c.data_type == "s" and c.quotePrefix for c in signers)


def test_a_period_label_typed_like_a_formula_stays_text_in_the_template():
    spec = TemplateSpec("c", "Phong trào", date(2026, 1, 1), date(2026, 9, 30), "=1+1", [])
    meta = open_book(report_template(spec, [("20341", "Phường Tam Kỳ")]))["_thong_tin"]
    label = next(row[1] for row in meta.iter_rows() if row[0].value == "period_label")
    assert label.value == "=1+1" and label.quotePrefix


def test_text_longer_than_a_cell_is_cut_with_a_note_not_silently(sample_engine):
    """Saved before long text was refused: the minutes say what was left out."""
    from dataclasses import replace

    detail = visit_detail(sample_engine, stable_id("visit", "tam-ky-2023-09-14"), TODAY)
    detail = replace(detail, summary="Nội dung " * 4_912)  # 44,208 characters
    body = open_book(visit_minutes(detail))["Biên bản"]
    pieces = [c.value for c in body["A"] if c.value]
    # In rows a page can hold, all of it (and the heading "Nội dung:"): nothing is cut.
    assert " ".join(pieces).count("Nội dung") == 4_912 + 1
    assert all(len(piece) <= 32_767 for piece in pieces)
