"""What every import of an uploaded workbook shares: the safety net around the parser, the
template's hidden description, the header check, streaming rows under caps, merged cells,
and problems located by sheet, cell, column and value."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

import openpyxl
from defusedxml import DefusedXmlException, ElementTree
from openpyxl.utils import get_column_letter, range_boundaries

from documents.office_files import FileRefused, bounded_read
from domain.imports import ImportProblem
from domain.numbers import NumberFormatError, parse_vietnamese_number
from excel.safety import MAX_ROWS, check_workbook_file
from texts.formats import format_number

T = TypeVar("T")
MAX_PROBLEMS = 500  # enough to fix a file; a file with more is the wrong file
_DATE_TEXT = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")


class TooManyProblems(Exception):
    """Stop reading: the file is not worth checking further."""


@dataclass
class Problems:
    sheet: str
    found: list[ImportProblem] = field(default_factory=list)

    def add(self, cell: str, column: str, value: object, reason: str, **details: str) -> None:
        """A problem in one cell; ``reason`` names its message (``cell.<reason>``)."""
        shown = "" if value is None else str(value)[:100]
        self.found.append(ImportProblem(self.sheet, cell, column, shown, reason, details))
        if len(self.found) >= MAX_PROBLEMS:
            raise TooManyProblems

    def file_level(
        self, reason: str, sheet: str | None = None, value: str = "", **details: str
    ) -> None:
        where = sheet if sheet is not None else ""
        self.found.append(ImportProblem(where, "", "", value, reason, details))

    def in_reading_order(self) -> list[ImportProblem]:
        return sorted(self.found, key=_reading_order)


def _reading_order(problem: ImportProblem) -> tuple[int, int, str]:
    """Row by row, left to right, as the user will go through the file."""
    found = re.match(r"([A-Z]+)([0-9]+)", problem.cell)
    if not found:
        return (0, 0, problem.cell)
    letters, row = found.groups()
    return (int(row), len(letters), letters)


def guarded(content: bytes, read: Callable[[], T], max_rows: int = MAX_ROWS) -> T:
    """Check the file, then run the reader; a parser failure becomes a refusal."""
    check_workbook_file(content, max_rows)
    try:
        return read()
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


def open_workbook(content: bytes, *, data_only: bool = False):
    return openpyxl.load_workbook(
        io.BytesIO(content), read_only=True, data_only=data_only, keep_links=False
    )


def read_meta(workbook, sheet_name: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The hidden description sheet: ``key | value`` rows, and ``key | a | b | …`` lists."""
    values: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    for row in workbook[sheet_name].iter_rows(max_row=30, max_col=80, values_only=True):
        if not row or row[0] is None:
            continue
        key = str(row[0])
        values[key] = "" if row[1] is None else str(row[1])
        lists[key] = [str(v) for v in row[1:] if v not in (None, "")]
    return values, lists


def check_header(cells, expected: list[str], header_row: int, problems: Problems) -> bool:
    found = ["" if c.value is None else str(c.value).strip() for c in cells][: len(expected)]
    found += [""] * (len(expected) - len(found))
    ok = True
    for col, (want, got) in enumerate(zip(expected, found, strict=True)):
        if want != got:
            ok = False
            problems.add(
                f"{get_column_letter(col + 1)}{header_row + 1}",
                want,
                got,
                "header",
                expected=want,
            )
    return ok


def data_rows(
    sheet, header_row: int, width: int, problems: Problems, max_rows: int
) -> Iterator[tuple[int, list[Any]]]:
    """After the header: (Excel row number, cells) of each row that is not empty."""
    sheet.reset_dimensions()  # the file's own dimension record can lie
    rows = sheet.iter_rows(min_row=header_row + 2, max_col=width)
    count = 0
    while True:
        try:
            cells = next(rows, None)
        except ValueError:
            # openpyxl could not read a cell of the next row (a number cell holding "NaN"
            # or "inf"): say which row, rather than that the whole file is broken.
            problems.add("", "", "", "unreadable_row", row=str(header_row + 2 + count))
            raise TooManyProblems from None
        if cells is None:
            return
        count += 1
        if count > max_rows:
            problems.add("", "", "", "too_many_rows", max_rows=format_number(max_rows))
            raise TooManyProblems
        values = [c.value for c in cells]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        yield header_row + 1 + count, list(cells)


def cell_text(cell) -> str:
    return "" if cell is None or cell.value is None else str(cell.value).strip()


def is_formula(cell) -> bool:
    value = cell.value
    return cell.data_type == "f" or (isinstance(value, str) and value.startswith("="))


def read_number(value: Any, coordinate: str, header: str, problems: Problems) -> float | None:
    if isinstance(value, bool):
        problems.add(coordinate, header, value, "boolean")
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return parse_vietnamese_number(str(value))
    except NumberFormatError as error:
        problems.add(coordinate, header, value, f"number_{error.reason}", text=str(value))
        return None


def read_date(value: Any, coordinate: str, header: str, problems: Problems) -> date | None:
    """A real date cell, or text written dd/mm/yyyy; anything else is a problem."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = _DATE_TEXT.match(str(value).strip())
    if found:
        day, month, year = (int(part) for part in found.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    problems.add(coordinate, header, value, "date")
    return None


def merged_cells(content: bytes, sheet_name: str, first_data_row: int, problems: Problems) -> None:
    """Merged cells in the data area hide which row a value belongs to."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    part = _sheet_part(archive, sheet_name)
    if part is None:
        return
    xml = bounded_read(archive, part, 100 * 1024 * 1024)
    if b"mergeCell" not in xml:
        return
    for element in ElementTree.fromstring(xml).iter():
        if element.tag.endswith("}mergeCell"):
            ref = element.get("ref", "")
            _, _, _, max_row = range_boundaries(ref)
            if max_row and max_row >= first_data_row + 1:
                problems.add(ref, "", "", "merged")


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
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
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None
