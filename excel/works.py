"""Danh sách công trình: the works list localities fill in, and reading it back.

Same approach as the report template: one row per work, validation in the sheet, a hidden
description, and every cell checked on the way in.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from domain.imports import WORK_FIELDS, ParsedWorks, WorkRow
from excel.reading import (
    MAX_ROWS,
    Problems,
    TooManyProblems,
    cell_text,
    check_header,
    data_rows,
    guarded,
    merged_cells,
    open_workbook,
    read_date,
    read_meta,
    read_number,
)
from excel.sheets import Book
from texts.formats import file_slug

SHEET = "Công trình"
META_SHEET = "_thong_tin"
KIND = "giamsat-danh-sach-cong-trinh"
HEADER_ROW = 2  # 0-based
STATUS_LABELS = {
    "unknown": "Chưa cập nhật",
    "planned": "Chuẩn bị đầu tư",
    "in_progress": "Đang thi công",
    "completed": "Hoàn thành",
    "suspended": "Tạm dừng",
}
YES, NO = "Có", "Không"
HEADERS = [
    "Mã đơn vị",
    "Tên công trình, dự án",
    "Lĩnh vực",
    "Chủ đầu tư",
    "Nguồn vốn",
    "Tổng mức đầu tư (tỷ đồng)",
    "Ngày khởi công",
    "Ngày hoàn thành dự kiến",
    "Tình trạng",
    "Tiến độ (%)",
    "Trọng điểm",
]


def works_file_name(area: str, today: date) -> str:
    return f"danh-sach-cong-trinh_{file_slug(area)}_{today.isoformat()}.xlsx"


def works_template(campaign_code: str, campaign_name: str, rows: list[dict]) -> bytes:
    """``rows``: the works already known (``locality_code``, ``name`` and their fields),
    shown as they are so they can be corrected; new works are added below."""
    book = Book()
    sheet = book.workbook.add_worksheet(SHEET)
    book.text(
        sheet, 0, 0, f"DANH SÁCH CÔNG TRÌNH, DỰ ÁN — PHONG TRÀO “{campaign_name}”", style="bold"
    )
    for col, header in enumerate(HEADERS):
        sheet.write_string(HEADER_ROW, col, header, book.formats["header"])
    sheet.set_row(HEADER_ROW, 40)
    for col, width in enumerate([10, 44, 18, 26, 22, 16, 14, 14, 18, 11, 11]):
        sheet.set_column(col, col, width)
    kinds = [None, None, "text", "text", "text", "amount", "date", "date", None, "count", None]
    fields = ["locality_code", "name", *WORK_FIELDS[:6]]  # the plainly written columns
    for offset, work in enumerate(rows, start=HEADER_ROW + 1):
        book.text(sheet, offset, 0, work["locality_code"])
        book.text(sheet, offset, 1, work["name"])
        for col in range(2, len(fields)):
            book.value(sheet, offset, col, work.get(fields[col]), kinds[col])
        book.text(sheet, offset, 8, STATUS_LABELS.get(work.get("status") or "unknown"))
        book.value(sheet, offset, 9, work.get("progress_percent"), "count")
        book.text(sheet, offset, 10, YES if work.get("is_key_project") else NO)
    last = HEADER_ROW + max(len(rows), 1) + 500  # room to add works below
    first = HEADER_ROW + 1
    sheet.data_validation(
        first, 8, last, 8, {"validate": "list", "source": list(STATUS_LABELS.values())}
    )
    sheet.data_validation(first, 10, last, 10, {"validate": "list", "source": [YES, NO]})
    sheet.data_validation(
        first,
        9,
        last,
        9,
        {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100},
    )
    sheet.data_validation(first, 5, last, 5, {"validate": "decimal", "criteria": ">=", "value": 0})
    for col in (6, 7):
        sheet.set_column(col, col, 14, book.formats["date"])
    sheet.freeze_panes(first, 2)
    sheet.autofilter(HEADER_ROW, 0, last, len(HEADERS) - 1)
    book.print_setup(sheet, len(HEADERS), HEADER_ROW, landscape=True)
    meta = book.workbook.add_worksheet(META_SHEET)
    meta.write_string(0, 0, "kind")
    meta.write_string(0, 1, KIND)
    meta.write_string(1, 0, "campaign")
    meta.write_string(1, 1, campaign_code)
    meta.hide()
    return book.close()


def read_works(
    content: bytes,
    known_codes: set[str],
    *,
    campaigns: Collection[str] | None = None,
    max_rows: int = MAX_ROWS,
) -> ParsedWorks:
    """``campaigns``: the campaign codes a list may name (None: not checked here)."""
    return guarded(content, lambda: _read(content, known_codes, campaigns, max_rows), max_rows)


def _read(
    content: bytes, known_codes: set[str], campaigns: Collection[str] | None, max_rows: int
) -> ParsedWorks:
    parsed = ParsedWorks()
    problems = Problems(SHEET)
    workbook = open_workbook(content)
    try:
        if META_SHEET not in workbook.sheetnames or SHEET not in workbook.sheetnames:
            problems.file_level("not_works_template")
        else:
            values, _ = read_meta(workbook, META_SHEET)
            if values.get("kind") != KIND or not values.get("campaign"):
                problems.file_level("template_info_broken", META_SHEET)
            elif campaigns is not None and values["campaign"] not in campaigns:
                problems.file_level("unknown_campaign", META_SHEET, values["campaign"])
            else:
                parsed.campaign_code = values["campaign"]
                try:
                    _rows(workbook[SHEET], parsed, problems, known_codes, max_rows)
                    merged_cells(content, SHEET, HEADER_ROW + 1, problems)
                except TooManyProblems:
                    pass
    finally:
        workbook.close()
    parsed.problems = problems.in_reading_order()
    return parsed


def _rows(sheet, parsed: ParsedWorks, problems: Problems, known_codes, max_rows) -> None:
    sheet.reset_dimensions()
    header = next(
        sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 1, max_col=len(HEADERS)), ()
    )
    if not check_header(header, HEADERS, HEADER_ROW, problems):
        return
    statuses = {label: code for code, label in STATUS_LABELS.items()}
    seen: dict[tuple[str, str], int] = {}
    for r, cells in data_rows(sheet, HEADER_ROW, len(HEADERS), problems, max_rows):
        cells = cells + [None] * (len(HEADERS) - len(cells))
        code, name = cell_text(cells[0]), cell_text(cells[1])
        row = WorkRow(code, name, r)
        if code not in known_codes:
            problems.add(f"A{r}", HEADERS[0], code, "unknown_locality")
        if not name:
            problems.add(f"B{r}", HEADERS[1], "", "work_name_missing")
        elif (code, name.lower()) in seen:
            problems.add(
                f"B{r}", HEADERS[1], name, "duplicate_work", row=str(seen[(code, name.lower())])
            )
        seen.setdefault((code, name.lower()), r)
        for col, attribute in ((2, "category"), (3, "investor"), (4, "funding_source")):
            if cell_text(cells[col]):
                setattr(row, attribute, cell_text(cells[col]))
                row.provided.add(attribute)
        if cell_text(cells[5]):
            row.provided.add("total_investment")
            row.total_investment = read_number(cells[5].value, f"F{r}", HEADERS[5], problems)
            if row.total_investment is not None and row.total_investment < 0:
                problems.add(f"F{r}", HEADERS[5], row.total_investment, "negative")
        for col, attribute in ((6, "start_date"), (7, "planned_end_date")):
            if cell_text(cells[col]):
                row.provided.add(attribute)
                letter = "GH"[col - 6]
                setattr(
                    row,
                    attribute,
                    read_date(cells[col].value, f"{letter}{r}", HEADERS[col], problems),
                )
        status = cell_text(cells[8])
        if status:
            if status not in statuses:
                choices = ", ".join(STATUS_LABELS.values())
                problems.add(f"I{r}", HEADERS[8], status, "work_status", choices=choices)
            else:
                row.status = statuses[status]
                row.provided.add("status")
        if cell_text(cells[9]):
            row.provided.add("progress_percent")
            row.progress_percent = read_number(cells[9].value, f"J{r}", HEADERS[9], problems)
            if row.progress_percent is not None and not 0 <= row.progress_percent <= 100:
                problems.add(f"J{r}", HEADERS[9], row.progress_percent, "progress_range")
        key = cell_text(cells[10])
        if key and key not in (YES, NO):
            problems.add(f"K{r}", HEADERS[10], key, "yes_no", yes=YES, no=NO)
        row.is_key_project = key == YES
        if key:
            row.provided.add("is_key_project")
        if row.start_date and row.planned_end_date and row.start_date > row.planned_end_date:
            problems.add(
                f"H{r}",
                HEADERS[7],
                f"{row.planned_end_date:%d/%m/%Y}",
                "end_before_start",
            )
        parsed.rows.append(row)
