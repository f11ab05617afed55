"""Báo cáo tổng hợp: the overview's localities x indicators with totals, and native charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.as_of import NO_COVERAGE, Coverage
from excel.sheets import Book, Column
from texts.formats import file_slug

CHART_ROWS = 20  # rows each chart takes below the table (one under the other)
PIXELS_PER_WIDTH = 7  # a unit of column width, in pixels
CHART_PIXELS = 480  # XlsxWriter's chart width at scale 1


@dataclass(frozen=True)
class SummaryIndicator:
    code: str
    name: str
    unit: str
    as_of: date | None = None  # an as-of figure: the date it is read on
    coverage: Coverage | None = None  # of the total, for an as-of figure
    decimals: int = 1  # as the catalogue shows it: a count has none

    @property
    def kind(self) -> str:
        if self.unit == "%":
            return "percent"
        return "count" if self.decimals == 0 else "amount"

    @property
    def header(self) -> str:
        header = f"{self.name} ({self.unit})"
        return header + (f" đến {self.as_of:%d/%m/%Y}" if self.as_of else "")


@dataclass(frozen=True)
class SummaryRow:
    locality: str
    code: str
    values: dict[str, float | None]
    illustrative: bool
    as_of_coverage: Coverage | None = None  # the row's units with as-of figures on the date
    as_of_latest: date | None = None  # where it has none on the date: its latest

    def as_of_note(self, as_of: date) -> str:
        if self.as_of_coverage is not None and self.as_of_coverage.reported:
            return _coverage(self.as_of_coverage)
        if self.as_of_latest is None:
            return ""
        return f"chưa có số liệu ngày {as_of:%d/%m/%Y}; gần nhất {self.as_of_latest:%d/%m/%Y}"


def _coverage(coverage: Coverage) -> str:
    return f"{coverage.reported}/{coverage.expected} đơn vị có số liệu"


def summary_file_name(area: str, today: date) -> str:
    return f"tong-hop_{file_slug(area)}_{today.isoformat()}.xlsx"


def dashboard_summary(
    title: str,
    subtitle: str,
    indicators: list[SummaryIndicator],
    rows: list[SummaryRow],
    totals: dict[str, float | None],
    reporting: dict[str, int],
    target_rate: float | None,
) -> bytes:
    book = Book()
    as_of = next((i.as_of for i in indicators if i.as_of), None)
    columns = [Column("Địa phương", 30, "wrap"), Column("Mã", 8)]
    columns += [Column(i.header, 16, i.kind) for i in indicators]
    columns.append(Column("Số liệu minh họa", 12))
    if as_of:
        columns.append(Column("Số liệu lũy kế", 30, "wrap"))
    table = [
        (
            row.locality,
            row.code,
            *[row.values.get(i.code) for i in indicators],
            "Có" if row.illustrative else "",
            *([row.as_of_note(as_of)] if as_of else []),
        )
        for row in rows
    ]
    sheet, last = book.table_sheet(
        "Tổng hợp", columns, table, landscape=True, above=[(title, "title"), (subtitle, "center")]
    )
    header_row = 3
    # Totals: the sum of the rows shown; a rate is recomputed, never averaged.
    total_row = last + 1
    sheet.write_string(total_row, 0, "Tổng cộng", book.formats["total_text"])
    for offset, indicator in enumerate(indicators):
        value = totals.get(indicator.code)
        if value is not None:
            sheet.write_number(
                total_row, 2 + offset, value, book.formats[f"total_{indicator.kind}"]
            )
    sheet.write_string(
        total_row + 1,
        0,
        "Số địa phương báo cáo: "
        + "; ".join(
            f"{i.name} {reporting.get(i.code, 0)}/{len(rows)}" for i in indicators if not i.as_of
        ),
        book.formats["text"],
    )
    if as_of:
        lead = next(i for i in indicators if i.as_of)
        sheet.write_string(
            total_row + 2,
            0,
            f"Số liệu lũy kế ({', '.join(i.name for i in indicators if i.as_of)}) tính đến "
            f"{as_of:%d/%m/%Y}: " + _coverage(lead.coverage or NO_COVERAGE) + ".",
            book.formats["text"],
        )
    width = sum(column.width for column in columns) * PIXELS_PER_WIDTH
    charts = _charts(book, sheet, indicators, header_row, last, target_rate, width)
    # What prints: the table, its notes and the charts under it, as wide as the table; the
    # charts' helper column is beside the table, outside.
    bottom = last + 5 + CHART_ROWS * charts if charts else total_row + 2
    sheet.print_area(0, 0, bottom, len(columns) - 1)
    return book.close()


def _charts(
    book: Book,
    sheet,
    indicators,
    header_row: int,
    last: int,
    target_rate: float | None,
    width: float,
) -> int:
    """Native charts under the table, one under the other, as wide as the table; the
    bars in the table's order. Returns how many were drawn."""
    if last <= header_row:
        return 0
    codes = [i.code for i in indicators]
    name = sheet.get_name()
    first, end = header_row + 1, last

    def by_locality(code: str, kind: str, series: str):
        """A native chart of one column of the table, one bar per locality."""
        col = 2 + codes.index(code)
        chart = book.workbook.add_chart({"type": kind})
        chart.add_series(
            {
                "name": series,
                "categories": [name, first, 0, end, 0],
                "values": [name, first, col, end, col],
                "data_labels": {"value": True},
            }
        )
        return chart

    anchor = end + 5
    size = {"x_scale": width / CHART_PIXELS, "y_scale": 1.2}
    drawn = 0
    if "total_investment" in codes:
        chart = by_locality("total_investment", "bar", "Tổng mức đầu tư (tỷ đồng)")
        chart.set_title({"name": "Tổng mức đầu tư theo địa phương"})
        chart.set_legend({"none": True})
        # A bar chart lists its categories bottom up: reversed, they read as the table.
        chart.set_y_axis({"name": "Địa phương", "reverse": True, "crossing": "max"})
        chart.set_x_axis({"name": "Tỷ đồng"})
        sheet.insert_chart(anchor, 0, chart, size)
        drawn += 1
    if "disbursement_rate" in codes:
        chart = by_locality("disbursement_rate", "column", "Tỷ lệ giải ngân (%)")
        if target_rate is not None:
            # The target as a line: a helper column beside the table, hidden from print.
            target_col = len(codes) + 4
            sheet.write_string(header_row, target_col, "Mục tiêu (%)")
            for row in range(first, end + 1):
                sheet.write_number(row, target_col, target_rate)
            line = book.workbook.add_chart({"type": "line"})
            line.add_series(
                {
                    "name": f"Mục tiêu {target_rate:g}%",
                    "categories": [name, first, 0, end, 0],
                    "values": [name, first, target_col, end, target_col],
                    "line": {"color": "#C0392B", "dash_type": "dash"},
                }
            )
            chart.combine(line)
        chart.set_title({"name": "Tỷ lệ giải ngân so với mục tiêu"})
        chart.set_x_axis({"name": "Địa phương"})
        chart.set_y_axis({"name": "%", "min": 0, "max": max(100, target_rate or 0)})
        sheet.insert_chart(anchor + CHART_ROWS * drawn, 0, chart, size)
        drawn += 1
    return drawn
