"""Mẫu báo cáo: the workbook localities fill in with their periodic figures.

One row per locality (code and name filled in and protected), one column per indicator
with data validation, a note column, an instructions sheet, and a hidden sheet that tells
the importer which campaign, period and indicators the columns are.
"""

from __future__ import annotations

from datetime import date

from domain.imports import TemplateSpec
from excel.sheets import Book, sheet_name
from texts.formats import file_slug

DATA_SHEET = "Báo cáo"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_thong_tin"
TEMPLATE_KIND = "giamsat-bao-cao-so-lieu"
TEMPLATE_VERSION = "1"
HEADER_ROW = 3  # 0-based: rows 1-3 hold the title and the period
FIRST_DATA_ROW = HEADER_ROW + 1
CODE_HEADER = "Mã đơn vị"
NAME_HEADER = "Tên đơn vị"
NOTE_HEADER = "Ghi chú"


def headers(spec: TemplateSpec) -> list[str]:
    return [CODE_HEADER, NAME_HEADER, *[i.header for i in spec.indicators], NOTE_HEADER]


def template_file_name(area: str, period_end: date) -> str:
    return f"mau-bao-cao_{file_slug(area)}_{period_end.isoformat()}.xlsx"


def report_template(spec: TemplateSpec, localities: list[tuple[str, str]]) -> bytes:
    """``localities``: (code, name) of each row, in the order to print."""
    book = Book()
    f = book.formats
    workbook = book.workbook
    sheet = workbook.add_worksheet(DATA_SHEET)
    unlocked = {
        kind: book.variant(kind, locked=False, bg_color="#FFFDE7") for kind in ("amount", "wrap")
    }
    book.text(
        sheet, 0, 0, f"BÁO CÁO SỐ LIỆU PHONG TRÀO THI ĐUA “{spec.campaign_name}”", style="bold"
    )
    book.text(
        sheet,
        1,
        0,
        f"Kỳ báo cáo: {spec.period_label} (từ {spec.period_start:%d/%m/%Y} "
        f"đến {spec.period_end:%d/%m/%Y})",
    )
    columns = headers(spec)
    for col, header in enumerate(columns):
        sheet.write_string(HEADER_ROW, col, header, f["header"])
    sheet.set_row(HEADER_ROW, 48)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 1 + len(spec.indicators), 16)
    sheet.set_column(2 + len(spec.indicators), 2 + len(spec.indicators), 36)
    for offset, (code, name) in enumerate(localities):
        row = FIRST_DATA_ROW + offset
        book.text(sheet, row, 0, code)
        book.text(sheet, row, 1, name)
        for col in range(2, 2 + len(spec.indicators)):
            sheet.write_blank(row, col, None, unlocked["amount"])
        sheet.write_blank(row, 2 + len(spec.indicators), None, unlocked["wrap"])
    last = FIRST_DATA_ROW + max(len(localities), 1) - 1
    for offset, indicator in enumerate(spec.indicators):
        col = 2 + offset
        rule = {
            "validate": "decimal",
            "criteria": "between" if indicator.unit == "%" else ">=",
            "error_title": "Giá trị không hợp lệ",
            "error_message": (
                "Nhập số từ 0 đến 100." if indicator.unit == "%" else "Nhập số không âm."
            ),
            "input_title": indicator.name[:32],
            "input_message": f"Đơn vị: {indicator.unit}"[:255],
        }
        if indicator.unit == "%":
            rule.update(minimum=0, maximum=100)
        else:
            rule["value"] = 0
        sheet.data_validation(FIRST_DATA_ROW, col, last, col, rule)
    sheet.freeze_panes(FIRST_DATA_ROW, 2)
    sheet.autofilter(HEADER_ROW, 0, last, len(columns) - 1)
    # Codes and names are protected; the figure and note cells are not.
    sheet.protect("", {"autofilter": True, "sort": False, "format_columns": True})
    book.print_setup(sheet, len(columns), HEADER_ROW, landscape=True)
    _instructions(book, spec)
    _meta(book, spec)
    return book.close()


def _instructions(book: Book, spec: TemplateSpec) -> None:
    sheet = book.workbook.add_worksheet(sheet_name(HELP_SHEET))
    sheet.set_column(0, 0, 110)
    lines = [
        "HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO",
        f"1. Kỳ báo cáo: {spec.period_label}, từ {spec.period_start:%d/%m/%Y} đến "
        f"{spec.period_end:%d/%m/%Y}. Không đổi tên sheet, không thêm hoặc xóa cột.",
        "2. Mỗi dòng là một đơn vị; mã và tên đơn vị đã điền sẵn và được khóa.",
        "3. Nhập số vào ô màu vàng. Số thập phân dùng dấu phẩy (203,4); có thể gõ 1.234.567.",
        "4. Để trống ô không có số liệu (để trống khác với số 0).",
        "5. Số tiền tính bằng tỷ đồng; tỷ lệ nhập từ 0 đến 100 (36,4 nghĩa là 36,4%).",
        "6. Vốn giải ngân lớn hơn kế hoạch vốn được giao thì ghi lý do ở cột Ghi chú.",
        "7. Không dùng công thức nối sang tệp khác; nếu dùng công thức, hãy lưu tệp bằng Excel "
        "trước khi gửi.",
    ]
    for row, line in enumerate(lines):
        sheet.write_string(row, 0, line, book.formats["bold" if row == 0 else "wrap"])
    book.print_setup(sheet, 1, None, landscape=False)


def _meta(book: Book, spec: TemplateSpec) -> None:
    sheet = book.workbook.add_worksheet(META_SHEET)
    values = [
        ("kind", TEMPLATE_KIND),
        ("version", TEMPLATE_VERSION),
        ("campaign", spec.campaign_code),
        ("period_start", spec.period_start.isoformat()),
        ("period_end", spec.period_end.isoformat()),
        ("period_label", spec.period_label),
    ]
    for row, (key, value) in enumerate(values):
        sheet.write_string(row, 0, key)
        book.text(sheet, row, 1, value)  # the period label is typed by a user
    sheet.write_string(len(values), 0, "indicators")
    for col, indicator in enumerate(spec.indicators, start=1):
        sheet.write_string(len(values), col, indicator.code)
    sheet.hide()
