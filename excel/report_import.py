"""Reading a filled report template: every cell checked, every problem located.

Nothing is written here: the result is the figures found and the problems, each with its
sheet, cell (``C12``), column header, value and a Vietnamese reason. The data layer then
previews and applies them in one transaction.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

import openpyxl
from defusedxml import DefusedXmlException, ElementTree
from openpyxl.utils import get_column_letter, range_boundaries

from domain.numbers import NumberFormatError, check_reported_figures, parse_vietnamese_number
from excel.safety import FileRefused, bounded_read, check_workbook_file
from excel.template import (
    CODE_HEADER,
    DATA_SHEET,
    FIRST_DATA_ROW,
    HEADER_ROW,
    META_SHEET,
    NAME_HEADER,
    NOTE_HEADER,
    TEMPLATE_KIND,
)

MAX_ROWS = 20_000
MAX_PROBLEMS = 500  # enough to fix a file; a file with more is the wrong file

NUMBER_MESSAGES = {
    "ambiguous": "có thể hiểu hai cách; viết 1234 hoặc 1,234",
    "not_a_number": "không phải là số",
    "empty": "chưa nhập số",
}
FIGURE_MESSAGES = {
    "negative": "giá trị không được âm",
    "percent_over_100": "tỷ lệ không vượt quá 100",
    "disbursed_over_allocated": "vốn giải ngân lớn hơn kế hoạch vốn được giao mà không ghi chú",
}


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    cell: str
    column: str
    value: str
    message: str


@dataclass
class ReportRow:
    code: str
    cell_row: int  # the row number as Excel shows it
    values: dict[str, float] = field(default_factory=dict)
    note: str = ""


@dataclass
class ParsedReport:
    campaign_code: str = ""
    period_start: date | None = None
    period_end: date | None = None
    period_label: str = ""
    indicator_codes: list[str] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Stop(Exception):
    """Too many problems to go on."""


def read_report(
    content: bytes,
    known_codes: set[str],
    indicator_headers: dict[str, str],
    units: dict[str, str],
    *,
    max_rows: int = MAX_ROWS,
) -> ParsedReport:
    """``indicator_headers``: indicator code -> the header the template gave it."""
    check_workbook_file(content)
    try:
        return _read(content, known_codes, indicator_headers, units, max_rows)
    except (
        DefusedXmlException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        SyntaxError,
    ) as error:
        # openpyxl wraps what the parser refused (an entity bomb) in a ValueError.
        reason = "unsafe_xml" if _caused_by(error, DefusedXmlException) else "not_xlsx"
        raise FileRefused(reason) from error


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _read(content, known_codes, indicator_headers, units, max_rows) -> ParsedReport:
    report = ParsedReport()
    workbook = openpyxl.load_workbook(
        io.BytesIO(content), read_only=True, data_only=False, keep_links=False
    )
    try:
        if not _read_meta(workbook, report):
            return report
        unknown = [code for code in report.indicator_codes if code not in indicator_headers]
        if unknown:
            report.problems.append(
                ImportProblem(
                    META_SHEET,
                    "",
                    "",
                    ", ".join(unknown),
                    "Mẫu có chỉ tiêu không còn trong hệ thống; hãy tải mẫu mới.",
                )
            )
            return report
        if DATA_SHEET not in workbook.sheetnames:
            report.problems.append(
                ImportProblem(DATA_SHEET, "", "", "", f"Không có sheet “{DATA_SHEET}”.")
            )
            return report
        sheet = workbook[DATA_SHEET]
        sheet.reset_dimensions()  # the file's own dimension record can lie
        try:
            formulas = _read_rows(sheet, report, known_codes, indicator_headers, units, max_rows)
            if formulas:
                _read_cached_values(content, report, formulas, units)
            _check_merged_cells(content, report)
        except _Stop:
            pass
    finally:
        workbook.close()
    report.problems.sort(key=_reading_order)
    return report


def _reading_order(problem: ImportProblem) -> tuple[int, int, str]:
    """Row by row, left to right, as the user will go through the file."""
    found = re.match(r"([A-Z]+)([0-9]+)", problem.cell)
    if not found:
        return (0, 0, problem.cell)
    letters, row = found.groups()
    return (int(row), len(letters), letters)


def _problem(report: ParsedReport, cell: str, column: str, value: object, message: str) -> None:
    report.problems.append(
        ImportProblem(DATA_SHEET, cell, column, "" if value is None else str(value)[:100], message)
    )
    if len(report.problems) >= MAX_PROBLEMS:
        raise _Stop


def _read_meta(workbook, report: ParsedReport) -> bool:
    if META_SHEET not in workbook.sheetnames:
        report.problems.append(
            ImportProblem(
                "",
                "",
                "",
                "",
                "Tệp không phải mẫu báo cáo của hệ thống (thiếu thông tin mẫu). Hãy tải mẫu "
                "mới và điền vào đó.",
            )
        )
        return False
    meta: dict[str, str] = {}
    indicators: list[str] = []
    for row in workbook[META_SHEET].iter_rows(max_row=20, max_col=60, values_only=True):
        if not row or row[0] is None:
            continue
        if row[0] == "indicators":
            indicators = [str(v) for v in row[1:] if v]
        else:
            meta[str(row[0])] = "" if row[1] is None else str(row[1])
    try:
        if meta.get("kind") != TEMPLATE_KIND:
            raise ValueError("kind")
        report.campaign_code = meta["campaign"]
        report.period_start = date.fromisoformat(meta["period_start"])
        report.period_end = date.fromisoformat(meta["period_end"])
        report.period_label = meta.get("period_label", "")
        report.indicator_codes = indicators
    except (KeyError, ValueError):
        report.problems.append(
            ImportProblem(META_SHEET, "", "", "", "Thông tin mẫu báo cáo bị sửa hoặc hỏng.")
        )
        return False
    return True


def _read_rows(
    sheet,
    report,
    known_codes,
    indicator_headers,
    units,
    max_rows,
) -> dict[str, tuple[ReportRow, str]]:
    """One streaming pass. Returns the formula cells, whose values need the cached pass."""
    expected = [CODE_HEADER, NAME_HEADER]
    expected += [indicator_headers.get(code, code) for code in report.indicator_codes]
    expected.append(NOTE_HEADER)
    formulas: dict[str, tuple[ReportRow, str]] = {}
    seen: dict[str, int] = {}
    rows = sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=len(expected) + 5)
    header = next(rows, ())
    found = ["" if c.value is None else str(c.value).strip() for c in header][: len(expected)]
    if found != expected:
        for col, (want, got) in enumerate(
            zip(expected, found + [""] * len(expected), strict=False)
        ):
            if want != got:
                _problem(
                    report,
                    f"{get_column_letter(col + 1)}{HEADER_ROW + 1}",
                    want,
                    got,
                    f"Tiêu đề cột phải là “{want}”.",
                )
        return formulas
    codes = report.indicator_codes
    for count, cells in enumerate(rows, start=1):
        if count > max_rows:
            _problem(
                report,
                "",
                "",
                "",
                f"Tệp có hơn {max_rows:,} dòng; mẫu báo cáo không lớn như vậy.".replace(",", "."),
            )
            raise _Stop
        values = [c.value for c in cells]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        excel_row = HEADER_ROW + 1 + count  # rows stream in order, empty ones included
        code = "" if values[0] is None else str(values[0]).strip()
        row = ReportRow(code=code, cell_row=excel_row)
        if code not in known_codes:
            _problem(
                report,
                f"A{excel_row}",
                CODE_HEADER,
                code,
                "Mã đơn vị không có trong danh mục địa phương.",
            )
        elif code in seen:
            _problem(
                report,
                f"A{excel_row}",
                CODE_HEADER,
                code,
                f"Mã đơn vị bị trùng với dòng {seen[code]}.",
            )
        seen.setdefault(code, excel_row)
        for offset, indicator in enumerate(codes):
            cell = cells[2 + offset] if 2 + offset < len(cells) else None
            value = cell.value if cell is not None else None
            coordinate = f"{get_column_letter(3 + offset)}{excel_row}"
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                formulas[coordinate] = (row, indicator)
                continue
            number = _number(report, coordinate, indicator_headers.get(indicator, indicator), value)
            if number is not None:
                row.values[indicator] = number
        note_cell = cells[2 + len(codes)] if 2 + len(codes) < len(cells) else None
        if note_cell is not None and note_cell.value is not None:
            row.note = str(note_cell.value).strip()
        _check_figures(report, row, indicator_headers, units)
        report.rows.append(row)
    return formulas


def _number(report, coordinate: str, header: str, value) -> float | None:
    if isinstance(value, bool):
        _problem(report, coordinate, header, value, "Ô phải là số, không phải đúng/sai.")
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return parse_vietnamese_number(str(value))
    except NumberFormatError as error:
        _problem(report, coordinate, header, value, f"“{value}” {NUMBER_MESSAGES[error.reason]}.")
        return None


def _check_figures(report, row: ReportRow, indicator_headers, units) -> None:
    notes = {"disbursed_capital": row.note} if row.note else {}
    for problem in check_reported_figures(row.values, units=units, notes=notes):
        col = 3 + report.indicator_codes.index(problem.indicator)
        _problem(
            report,
            f"{get_column_letter(col)}{row.cell_row}",
            indicator_headers.get(problem.indicator, problem.indicator),
            row.values.get(problem.indicator),
            FIGURE_MESSAGES[problem.reason].capitalize() + ".",
        )


def _read_cached_values(content: bytes, report, formulas, units) -> None:
    """Formula cells: use the value Excel saved with the file, or say it has none."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook[DATA_SHEET]
        sheet.reset_dimensions()
        wanted = {coordinate: formulas[coordinate] for coordinate in formulas}
        for cells in sheet.iter_rows(min_row=FIRST_DATA_ROW + 1):
            for cell in cells:
                coordinate = getattr(cell, "coordinate", None)
                if coordinate not in wanted:
                    continue
                row, indicator = wanted.pop(coordinate)
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    row.values[indicator] = float(cell.value)
                else:
                    _problem(
                        report,
                        coordinate,
                        indicator,
                        "(công thức)",
                        "Công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, "
                        "lưu lại rồi nhập.",
                    )
            if not wanted:
                break
    finally:
        workbook.close()


def _check_merged_cells(content: bytes, report: ParsedReport) -> None:
    """Merged cells in the data area hide which row a figure belongs to."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    sheet_file = _sheet_file(archive, DATA_SHEET)
    if sheet_file is None:
        return
    xml = bounded_read(archive, sheet_file, 100 * 1024 * 1024)
    if b"mergeCell" not in xml:
        return
    root = ElementTree.fromstring(xml)
    for element in root.iter():
        if element.tag.endswith("}mergeCell"):
            ref = element.get("ref", "")
            _, _, _, max_row = range_boundaries(ref)
            if max_row and max_row > HEADER_ROW + 1:
                _problem(report, ref, "", "", "Vùng số liệu có ô gộp; hãy bỏ gộp ô.")


def _sheet_file(archive: zipfile.ZipFile, name: str) -> str | None:
    """The XML part of a named sheet, through the workbook's relationships."""
    workbook = ElementTree.fromstring(bounded_read(archive, "xl/workbook.xml", 5 * 1024 * 1024))
    rels = ElementTree.fromstring(
        bounded_read(archive, "xl/_rels/workbook.xml.rels", 5 * 1024 * 1024)
    )
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet") and sheet.get("name") == name:
            rel = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rel, "")
            return re.sub(r"^/", "", target if target.startswith("/") else f"xl/{target}")
    return None
