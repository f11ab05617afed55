"""Sổ theo dõi kiến nghị: the recommendations register, as filtered in the tracker."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from data_access.recommendations import TrackedRecommendation, TrackerFilter
from data_access.visit_views import StatusChange
from excel.sheets import Book, Column
from texts.messages import translate

COLUMNS = [
    Column("TT", 7, "count"),
    Column("Địa phương", 26, "wrap"),
    Column("Ngày làm việc", 13, "date"),
    Column("Hướng", 24, "wrap"),
    Column("Gửi đến", 28, "wrap"),
    Column("Nội dung", 60, "wrap"),
    Column("Hạn", 12, "date"),
    Column("Trạng thái", 16),
    Column("Số ngày quá hạn", 11, "count"),
    Column("Lịch sử theo dõi", 60, "wrap"),
    Column("Dữ liệu", 11),  # "Minh họa" on illustrative rows
]
OVERDUE_COLUMN = 8  # I
ILLUSTRATIVE = "Minh họa"
PROGRESS_EVERY = 2_000  # rows between two reports of a long export's progress
DOTS = "……………………"


@dataclass(frozen=True)
class RegisterHeading:
    """What the register says above its table: who issues it, on which day, and the
    filter it was drawn with (in words)."""

    issuing_body: str
    on: date
    filter_line: str


def filter_line(where: TrackerFilter, campaign: str | None, locality: str | None) -> str:
    """The tracker's filter in words, as the register prints it under its title."""
    parts = []
    if where.statuses:
        parts.append("Trạng thái: " + ", ".join(_status(code) for code in where.statuses))
    if where.overdue_only:
        parts.append("chỉ kiến nghị quá hạn")
    if campaign:
        parts.append(f"Phong trào: {campaign}")
    if locality:
        parts.append(f"Địa phương: {locality} (gồm các đơn vị trực thuộc)")
    if where.addressee.strip():
        parts.append(f"Gửi đến có “{where.addressee.strip()}”")
    return "Lọc: " + "; ".join(parts) if parts else "Tất cả kiến nghị"


def register_file_name(today: date) -> str:
    return f"so-theo-doi-kien-nghi_{today.isoformat()}.xlsx"


def _status(code: str | None) -> str:
    return translate(f"rstatus.{code}", "vi") if code else ""


def _history_texts(history: Sequence[StatusChange]) -> dict[UUID, str]:
    """One text per recommendation, built in a single pass over the whole history:
    ``05/12/2024: Chưa thực hiện → Đã thực hiện — note (author)``, one line a change."""
    lines: dict[UUID, list[str]] = {}
    for h in history:
        line = f"{h.changed_on:%d/%m/%Y}: {_status(h.from_status)} → {_status(h.to_status)}"
        if h.note:
            line += f" — {h.note}"
        if h.author:
            line += f" ({h.author})"
        lines.setdefault(h.recommendation_id, []).append(line)
    return {key: "\n".join(value) for key, value in lines.items()}


def recommendations_register(
    rows: Sequence[TrackedRecommendation],
    history: Sequence[StatusChange],
    localities: dict[UUID, str],
    heading: RegisterHeading,
    *,
    constant_memory: bool = True,
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """A title, the issuing body and the filter, then one row per recommendation; overdue
    rows highlighted by conditional formatting, so the highlight follows the number if
    someone edits it."""
    histories = _history_texts(history)
    directions = {r.direction: translate(f"direction.{r.direction}", "vi") for r in rows}
    statuses = {r.status: translate(f"rstatus.{r.status}", "vi") for r in rows}

    def lines() -> Iterable[tuple]:
        for number, r in enumerate(rows, start=1):
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress(number / len(rows))
            yield (
                number,
                localities.get(r.locality_id, ""),
                r.visit_date,
                directions[r.direction],
                r.addressee,
                r.text,
                r.due_date,
                statuses[r.status],
                r.days_overdue or None,
                histories.get(r.id, ""),
                ILLUSTRATIVE if r.is_illustrative else None,
            )

    above = [
        ((heading.issuing_body or DOTS).upper(), "bold"),
        ("SỔ THEO DÕI KIẾN NGHỊ SAU GIÁM SÁT", "title"),
        (f"Đến ngày {heading.on:%d/%m/%Y} · {heading.filter_line}", "italic_center"),
    ]
    if any(r.is_illustrative for r in rows):
        above.append((f"Dòng ghi “{ILLUSTRATIVE}” ở cột Dữ liệu: dữ liệu minh họa.", "text"))
    book = Book(constant_memory=constant_memory)
    sheet, last = book.table_sheet("Kiến nghị", COLUMNS, lines(), landscape=True, above=above)
    header = len(above) + 1
    red = book.workbook.add_format({"bg_color": "#FDECEA", "font_color": "#9C0006"})
    if last > header:
        column = chr(65 + OVERDUE_COLUMN)
        sheet.conditional_format(
            header + 1,
            0,
            last,
            len(COLUMNS) - 1,
            {"type": "formula", "criteria": f"=${column}{header + 2}>0", "format": red},
        )
    return book.close()
