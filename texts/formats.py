"""Vietnamese number and date formats, used on every screen (and by exports).

Numbers follow Vietnamese conventions in both languages so that the figures on the
projector are the same whichever language is chosen: ``1.234.567,8``, ``203,4 tỷ đồng``,
``36,4%``, ``14/09/2023``.
"""

from __future__ import annotations

import math
import re
import unicodedata
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


# Large figures on a card shorten by these, the largest first (nghìn tỷ reads as it sounds:
# 8,3 nghìn of a figure in tỷ đồng).
_SCALES = ((1e9, "number.billion"), (1e6, "number.million"), (1e3, "number.thousand"))
COMPACT_ROOM = 6  # characters a card shows whole at 1024 px


def compact_parts(value: float | None, decimals: int = 0) -> tuple[str, str | None]:
    """A figure short enough for a card on a projector, and the catalogue key of the word
    it was scaled by (None when shown whole): ``1.581`` and ``61,7`` as they are;
    ``2.707,4`` -> ``2,7`` and "nghìn"; ``1.234.567`` -> ``1,2`` and "triệu"."""
    exact = format_number(value, decimals)
    if exact == MISSING or len(exact) <= COMPACT_ROOM:
        return exact, None
    for factor, word in _SCALES:
        if abs(value) >= factor:
            scaled = value / factor
            return format_number(scaled, 0 if abs(scaled) >= 100 else 1), word
    return format_number(value, 0), None  # a small figure with many decimals


def format_compact(value: float | None, decimals: int = 0, language: str = "vi") -> str:
    """``2.707,4`` -> ``2,7 nghìn``: see ``compact_parts``; the exact figure is for the
    tooltip or the table."""
    from texts.messages import translate

    number, word = compact_parts(value, decimals)
    return f"{number} {translate(word, language)}" if word else number


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


def file_slug(text: str) -> str:
    """``Phường Tam Kỳ`` -> ``Phuong-Tam-Ky``, for file names that travel by email."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-") or "tep"
