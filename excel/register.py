"""Sổ theo dõi kiến nghị: the recommendations register, as filtered in the tracker."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from uuid import UUID

from data_access.recommendations import TrackedRecommendation
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
]
OVERDUE_COLUMN = 8  # I


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
    *,
    constant_memory: bool = True,
) -> bytes:
    """One row per recommendation; overdue rows highlighted by conditional formatting,
    so the highlight follows the number if someone edits it."""
    histories = _history_texts(history)
    directions = {r.direction: translate(f"direction.{r.direction}", "vi") for r in rows}
    statuses = {r.status: translate(f"rstatus.{r.status}", "vi") for r in rows}

    def lines() -> Iterable[tuple]:
        for number, r in enumerate(rows, start=1):
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
            )

    book = Book(constant_memory=constant_memory)
    sheet, last = book.table_sheet("Kiến nghị", COLUMNS, lines(), landscape=True)
    red = book.workbook.add_format({"bg_color": "#FDECEA", "font_color": "#9C0006"})
    if last > 0:
        sheet.conditional_format(
            1,
            0,
            last,
            len(COLUMNS) - 1,
            {"type": "formula", "criteria": f"=${chr(65 + OVERDUE_COLUMN)}2>0", "format": red},
        )
    return book.close()
