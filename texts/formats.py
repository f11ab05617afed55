"""Vietnamese number and date formats, used on every screen (and by exports).

Numbers follow Vietnamese conventions in both languages so that the figures on the
projector are the same whichever language is chosen: ``1.234.567,8``, ``203,4 tỷ đồng``,
``36,4%``, ``14/09/2023``.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from babel.numbers import format_decimal

NUMBER_LOCALE = "vi_VN"
MISSING = "–"


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def format_number(value: float | None, decimals: int = 0) -> str:
    """``1234567.8`` -> ``1.234.567,8``; missing -> ``–`` (never a zero)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return format_decimal(round(value, decimals), format=_pattern(decimals), locale=NUMBER_LOCALE)


def format_amount(value: float | None, unit: str, decimals: int = 0) -> str:
    """``203.4, 'tỷ đồng'`` -> ``203,4 tỷ đồng``; a percentage sticks to its number."""
    text = format_number(value, decimals)
    if text == MISSING:
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def format_date(value: date | None) -> str:
    """``14/09/2023``."""
    return value.strftime("%d/%m/%Y") if value else MISSING


def format_formal_date(value: date) -> str:
    """``ngày 14 tháng 9 năm 2023``, the form used in official documents."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


# Vega-Lite number locale, so that chart axes read 1.234,5 as well.
VEGA_LOCALE = {
    "number": {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["", " ₫"],
    }
}


def format_local_time(value: datetime | None) -> str:
    """``16:40 14/09/2023`` in the laptop's time zone; stored times are UTC."""
    if value is None:
        return MISSING
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp from a frame
        value = value.to_pydatetime()
    if value.tzinfo is None:  # SQLite hands back UTC without its zone
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%H:%M %d/%m/%Y")
