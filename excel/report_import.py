"""Reading a filled report template: every cell checked, every problem located.

Nothing is written here: the result is the figures found and the problems, each with its
sheet, cell (``C12``), column header, value and a Vietnamese reason. The data layer then
previews and applies them in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from openpyxl.utils import get_column_letter

from data_access.imports import ReportContext
from domain.imports import ParsedReport, ReportRow
from domain.numbers import check_reported_figures
from excel.reading import (
    MAX_ROWS,
    Problems,
    TooManyProblems,
    cell_text,
    check_header,
    data_rows,
    guarded,
    is_formula,
    merged_cells,
    open_workbook,
    read_meta,
    read_number,
)
from excel.template import (
    CODE_HEADER,
    DATA_SHEET,
    HEADER_ROW,
    META_SHEET,
    NAME_HEADER,
    NOTE_HEADER,
    TEMPLATE_KIND,
)
from texts.formats import format_number


def read_report(
    content: bytes,
    known_codes: set[str],
    indicator_headers: dict[str, str],
    units: dict[str, str],
    *,
    campaigns: Collection[str] | None = None,
    max_rows: int = MAX_ROWS,
) -> ParsedReport:
    """``indicator_headers``: indicator code -> the header the template gave it;
    ``campaigns``: the campaign codes a template may name (None: not checked here)."""
    return guarded(
        content,
        lambda: _read(content, known_codes, indicator_headers, units, campaigns, max_rows),
        max_rows,
    )


def read_report_against(content: bytes, context: ReportContext, **options) -> ParsedReport:
    """``read_report`` against what the database knows (``data_access.imports.report_context``)."""
    return read_report(
        content,
        context.known_codes,
        context.headers,
        context.units,
        campaigns=context.campaign_codes,
        **options,
    )


def _read(content, known_codes, indicator_headers, units, campaigns, max_rows) -> ParsedReport:
    report = ParsedReport()
    problems = Problems(DATA_SHEET)
    workbook = open_workbook(content)
    try:
        if _read_meta(workbook, report, problems, campaigns) and _indicators_known(
            report, indicator_headers, problems
        ):
            if DATA_SHEET not in workbook.sheetnames:
                problems.file_level("no_sheet", DATA_SHEET, sheet=DATA_SHEET)
            else:
                try:
                    formulas = _read_rows(
                        workbook[DATA_SHEET],
                        report,
                        problems,
                        known_codes,
                        indicator_headers,
                        units,
                        max_rows,
                    )
                    if formulas:
                        _read_cached_values(content, problems, formulas)
                    for row in report.rows:  # typed and computed values alike
                        _check_figures(report, problems, row, indicator_headers, units)
                    merged_cells(content, DATA_SHEET, HEADER_ROW + 1, problems)
                except TooManyProblems:
                    pass
    finally:
        workbook.close()
    report.problems = problems.in_reading_order()
    return report


def _read_meta(
    workbook, report: ParsedReport, problems: Problems, campaigns: Collection[str] | None
) -> bool:
    if META_SHEET not in workbook.sheetnames:
        problems.file_level("not_report_template")
        return False
    values, lists = read_meta(workbook, META_SHEET)
    try:
        if values.get("kind") != TEMPLATE_KIND:
            raise ValueError("kind")
        report.campaign_code = values["campaign"]
        report.period_start = date.fromisoformat(values["period_start"])
        report.period_end = date.fromisoformat(values["period_end"])
        report.period_label = values.get("period_label", "")
        report.indicator_codes = lists.get("indicators", [])
    except (KeyError, ValueError):
        problems.file_level("template_info_broken", META_SHEET)
        return False
    if campaigns is not None and report.campaign_code not in campaigns:
        problems.file_level("unknown_campaign", META_SHEET, report.campaign_code)
        return False
    if report.period_start > report.period_end:
        shown = f"{report.period_start:%d/%m/%Y} – {report.period_end:%d/%m/%Y}"
        problems.file_level("period_order", META_SHEET, shown)
        return False
    return True


def _indicators_known(report: ParsedReport, headers: dict[str, str], problems: Problems) -> bool:
    unknown = [code for code in report.indicator_codes if code not in headers]
    if unknown:
        problems.file_level("unknown_indicators", META_SHEET, ", ".join(unknown))
    return not unknown


def _read_rows(sheet, report, problems, known_codes, headers, units, max_rows):
    """One streaming pass. Returns the formula cells, whose values need the cached pass."""
    codes = report.indicator_codes
    expected = [CODE_HEADER, NAME_HEADER, *[headers[c] for c in codes], NOTE_HEADER]
    sheet.reset_dimensions()
    header = next(
        sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 1, max_col=len(expected)), ()
    )
    formulas: dict[str, tuple[ReportRow, str]] = {}
    if not check_header(header, expected, HEADER_ROW, problems):
        return formulas
    seen: dict[str, int] = {}
    for excel_row, cells in data_rows(sheet, HEADER_ROW, len(expected), problems, max_rows):
        code = cell_text(cells[0])
        row = ReportRow(code=code, cell_row=excel_row)
        if code not in known_codes:
            problems.add(f"A{excel_row}", CODE_HEADER, code, "unknown_locality")
        elif code in seen:
            problems.add(
                f"A{excel_row}", CODE_HEADER, code, "duplicate_locality", row=str(seen[code])
            )
        seen.setdefault(code, excel_row)
        for offset, indicator in enumerate(codes):
            cell = cells[2 + offset] if 2 + offset < len(cells) else None
            if cell is None or not cell_text(cell):
                continue
            coordinate = f"{get_column_letter(3 + offset)}{excel_row}"
            if is_formula(cell):
                formulas[coordinate] = (row, indicator)
                continue
            number = read_number(cell.value, coordinate, headers[indicator], problems)
            if number is not None:
                row.values[indicator] = number
        note = cells[2 + len(codes)] if 2 + len(codes) < len(cells) else None
        row.note = cell_text(note)
        report.rows.append(row)
    return formulas


def _check_figures(report, problems, row: ReportRow, headers, units) -> None:
    notes = {"disbursed_capital": row.note} if row.note else {}
    for problem in check_reported_figures(row.values, units=units, notes=notes):
        col = 3 + report.indicator_codes.index(problem.indicator)
        problems.add(
            f"{get_column_letter(col)}{row.cell_row}",
            headers[problem.indicator],
            row.values.get(problem.indicator),
            problem.reason,
            **({} if problem.bound is None else {"bound": format_number(problem.bound)}),
        )


def _read_cached_values(content: bytes, problems: Problems, formulas) -> None:
    """Formula cells: use the value Excel saved with the file, or say it has none."""
    workbook = open_workbook(content, data_only=True)
    wanted = dict(formulas)
    try:
        sheet = workbook[DATA_SHEET]
        sheet.reset_dimensions()
        for cells in sheet.iter_rows(min_row=HEADER_ROW + 2):
            for cell in cells:
                coordinate = getattr(cell, "coordinate", None)
                if coordinate not in wanted:
                    continue
                row, indicator = wanted.pop(coordinate)
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    row.values[indicator] = float(cell.value)
                else:
                    problems.add(coordinate, indicator, "=…", "formula_without_value")
            if not wanted:
                break
    finally:
        workbook.close()
