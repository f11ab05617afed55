"""Sổ theo dõi kiến nghị: the recommendations register, as filtered in the tracker."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

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


def _history_texts(history: pd.DataFrame) -> dict[Any, str]:
    """One text per recommendation, built in a single pass over the whole history:
    ``05/12/2024: Chưa thực hiện → Đã thực hiện — note (author)``, one line a change."""
    lines: dict[Any, list[str]] = {}
    for h in history.itertuples(index=False):
        line = f"{h.changed_on:%d/%m/%Y}: {_status(h.from_status)} → {_status(h.to_status)}"
        if isinstance(h.note, str) and h.note:
            line += f" — {h.note}"
        if isinstance(h.author, str) and h.author:
            line += f" ({h.author})"
        lines.setdefault(h.recommendation_id, []).append(line)
    return {key: "\n".join(value) for key, value in lines.items()}


def recommendations_register(
    rows: pd.DataFrame, history: pd.DataFrame, localities: dict, *, constant_memory: bool = True
) -> bytes:
    """One row per recommendation; overdue rows highlighted by conditional formatting,
    so the highlight follows the number if someone edits it."""
    histories = _history_texts(history)
    directions = {d: translate(f"direction.{d}", "vi") for d in set(rows["direction"])}
    statuses = {s: translate(f"rstatus.{s}", "vi") for s in set(rows["status"])}

    def lines() -> Iterable[tuple]:
        for number, r in enumerate(rows.itertuples(index=False), start=1):
            due = r.due_date if isinstance(r.due_date, date) else None
            yield (
                number,
                localities.get(r.locality_id, ""),
                r.visit_date,
                directions[r.direction],
                r.addressee,
                r.text,
                due,
                statuses[r.status],
                int(r.days_overdue) or None,
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
