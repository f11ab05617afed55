"""Conventions every exported workbook follows, in one place.

Bold frozen header row, autofilter, sensible widths, real date cells shown dd/mm/yyyy,
amounts as numbers in a Vietnamese-readable format, A4 print setup (landscape where wide,
fit to width, header rows repeated), sheet names within Excel's 31 characters, and user
text that can never become a formula.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from texts.formats import format_number

# Text starting with one of these is what spreadsheets turn into formulas or commands
# (OWASP "CSV injection"); the full-width forms are included.
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
FONT = "Times New Roman"  # the font of Vietnamese administrative documents
MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32_767  # Excel's limit; XlsxWriter would cut without a word
CUT_NOTE = " […còn {n} ký tự, xem bản đầy đủ trong phần mềm]"
AMOUNT_FORMAT = "#,##0.0"  # shown 203,4 by a Vietnamese Excel, 203.4 by an English one
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0"
DATE_FORMAT = "dd/mm/yyyy"
CHARS_PER_WIDTH = 1.2  # characters of Times New Roman 12 per unit of column width
POINTS_PER_LINE = 16  # a line of 12-point text
MAX_ROW_POINTS = 409  # Excel's highest row


def wrapped_lines(value: Any, chars_per_line: float) -> int:
    """How many lines ``value`` takes wrapped in a cell ``chars_per_line`` wide."""
    if not isinstance(value, str) or not value:
        return 1
    return sum(max(1, math.ceil(len(part) / chars_per_line)) for part in value.split("\n"))


def is_risky(text: str) -> bool:
    return text.startswith(RISKY_STARTS)


def sheet_name(name: str) -> str:
    """A valid sheet name: no []:*?/\\ and at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "-", name).strip("'") or "Sheet"
    return cleaned[:MAX_SHEET_NAME]


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    kind: str = "text"  # text | count | amount | percent | date | wrap


class Book:
    """A workbook being written to memory, with the shared formats."""

    def __init__(self, *, constant_memory: bool = False) -> None:
        self.buffer = io.BytesIO()
        self.workbook: Workbook = xlsxwriter.Workbook(
            self.buffer,
            {
                "constant_memory": constant_memory,
                "in_memory": not constant_memory,
                "strings_to_formulas": False,  # belt and braces: text is text
                "strings_to_urls": False,
                "default_date_format": DATE_FORMAT,
            },
        )
        base = {"font_name": FONT, "font_size": 12, "valign": "top"}
        self._properties = {
            "header": {
                **base,
                "bold": True,
                "text_wrap": True,
                "border": 1,
                "bg_color": "#DDE7F3",
                "align": "center",
                "valign": "vcenter",
            },
            "text": {**base},
            "wrap": {**base, "text_wrap": True},
            "count": {**base, "num_format": COUNT_FORMAT},
            "amount": {**base, "num_format": AMOUNT_FORMAT},
            "percent": {**base, "num_format": PERCENT_FORMAT},
            "date": {**base, "num_format": DATE_FORMAT},
            "bold": {**base, "bold": True},
            "bold_center": {**base, "bold": True, "align": "center"},
            "italic_center": {**base, "italic": True, "align": "center"},
            "center": {**base, "align": "center"},
            "title": {**base, "bold": True, "font_size": 14, "align": "center"},
            "total_amount": {**base, "bold": True, "num_format": AMOUNT_FORMAT, "top": 1},
            "total_count": {**base, "bold": True, "num_format": COUNT_FORMAT, "top": 1},
            "total_percent": {**base, "bold": True, "num_format": PERCENT_FORMAT, "top": 1},
            "total_text": {**base, "bold": True, "top": 1},
        }
        self.formats = {
            name: self.workbook.add_format(properties)
            for name, properties in self._properties.items()
        }

    def variant(self, style: str, **changes: Any):
        """A shared style with some properties changed, made once on first use."""
        name = style + "".join(f"|{k}={v}" for k, v in sorted(changes.items()))
        if name not in self.formats:
            self.formats[name] = self.workbook.add_format({**self._properties[style], **changes})
        return self.formats[name]

    def text(
        self,
        sheet: Worksheet,
        row: int,
        col: int,
        value: Any,
        wrap: bool = False,
        style: str | None = None,
        **changes: Any,
    ) -> None:
        """User text, always a string cell; risky text keeps Excel's quote prefix so it
        stays text even when the cell is edited later. ``changes``: to the style."""
        if value is None:  # missing (records say None, never NaN)
            return
        text = str(value)
        if len(text) > MAX_CELL_TEXT:  # saved before such text was refused: cut, and said
            kept = MAX_CELL_TEXT - 100  # room for the note
            text = text[:kept] + CUT_NOTE.format(n=format_number(len(text) - kept))
        style = style or ("wrap" if wrap else "text")
        if is_risky(text):
            changes["quote_prefix"] = True
        cell_format = self.variant(style, **changes) if changes else self.formats[style]
        sheet.write_string(row, col, text, cell_format)

    def cell_writer(self, sheet: Worksheet, kind: str):
        """How a column's cells are written, chosen once per column (exports of tens of
        thousands of rows spend their time here); ``table_sheet`` leaves an empty cell
        (None) unwritten."""
        if kind in ("count", "amount", "percent"):
            number_format = self.formats[kind]

            def number(row: int, col: int, value: Any) -> None:
                sheet.write_number(row, col, value, number_format)

            return number
        if kind == "date":
            date_format = self.formats["date"]

            def day(row: int, col: int, value: Any) -> None:
                if not isinstance(value, datetime):
                    value = datetime(value.year, value.month, value.day)
                sheet.write_datetime(row, col, value, date_format)

            return day
        wrap = kind == "wrap"
        return lambda row, col, value: self.text(sheet, row, col, value, wrap=wrap)

    def value(self, sheet: Worksheet, row: int, col: int, value: Any, kind: str) -> None:
        if value is None:  # missing (records say None, never NaN)
            return
        if kind in ("count", "amount", "percent"):
            sheet.write_number(row, col, float(value), self.formats[kind])
        elif kind == "date":
            moment = (
                value
                if isinstance(value, datetime)
                else datetime.combine(value, datetime.min.time())
            )
            sheet.write_datetime(row, col, moment, self.formats["date"])
        else:
            self.text(sheet, row, col, value, wrap=kind == "wrap")

    def table_sheet(
        self,
        name: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        *,
        first_row: int = 0,
        landscape: bool | None = None,
        above: Sequence[tuple[str, str]] = (),
    ) -> tuple[Worksheet, int]:
        """A sheet holding one table; returns the sheet and the index of its last row.
        ``above``: lines (text, style) printed over the table, each across its width,
        then a blank row."""
        sheet = self.workbook.add_worksheet(sheet_name(name))
        width = sum(column.width for column in columns)
        for row, (text, style) in enumerate(above):
            # Wrapped, and as high as its lines: a long title centred in one line would
            # spill past both edges of the page and print cut.
            size = self._properties[style].get("font_size", 12)
            sheet.merge_range(
                row, 0, row, len(columns) - 1, "", self.variant(style, text_wrap=True)
            )
            self.text(sheet, row, 0, text, style=style, text_wrap=True)
            lines = wrapped_lines(text, width * CHARS_PER_WIDTH * 12 / size)
            sheet.set_row(row, POINTS_PER_LINE * size / 12 * lines + 2)
        if above:
            first_row = max(first_row, len(above) + 1)
        for col, column in enumerate(columns):
            sheet.set_column(col, col, column.width)
            sheet.write_string(first_row, col, column.header, self.formats["header"])
        # High enough for the longest header wrapped in its column: none is cut in print.
        header_lines = max(wrapped_lines(c.header, c.width * CHARS_PER_WIDTH) for c in columns)
        sheet.set_row(first_row, max(32, POINTS_PER_LINE * header_lines + 4))
        writers = [self.cell_writer(sheet, column.kind) for column in columns]
        wrapped = [
            (col, column.width * CHARS_PER_WIDTH)
            for col, column in enumerate(columns)
            if column.kind == "wrap"
        ]
        last = first_row
        for last, values in enumerate(rows, start=first_row + 1):
            for col, (write, value) in enumerate(zip(writers, values, strict=True)):
                if value is not None:
                    write(last, col, value)
            # Written, not left to the reader: LibreOffice prints a wrapped cell of a row
            # without a height over the next row.
            lines = max((wrapped_lines(values[col], fit) for col, fit in wrapped), default=1)
            if lines > 1:
                sheet.set_row(last, min(MAX_ROW_POINTS, POINTS_PER_LINE * lines))
        sheet.freeze_panes(first_row + 1, 0)
        sheet.autofilter(first_row, 0, max(last, first_row), len(columns) - 1)
        self.print_setup(sheet, len(columns), first_row, landscape)
        return sheet, last

    @staticmethod
    def print_setup(
        sheet: Worksheet, width_columns: int, header_row: int | None, landscape: bool | None
    ) -> None:
        sheet.set_paper(9)  # A4
        if landscape if landscape is not None else width_columns > 6:
            sheet.set_landscape()
        sheet.fit_to_pages(1, 0)  # fit to width, as many pages down as needed
        sheet.set_margins(left=0.6, right=0.5, top=0.6, bottom=0.6)
        if header_row is not None:
            sheet.repeat_rows(header_row)
        sheet.set_footer("&C&P/&N")

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()
