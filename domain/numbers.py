"""Reading numbers typed the Vietnamese way, and checking reported figures.

``203,4`` is 203.4 and ``1.234.567`` is 1234567; ``203.4`` (a decimal point typed the
English way) is 203.4 too. Text that could mean two things (``1.234`` may be one thousand
two hundred and thirty-four, or one point two three four) is refused with a message naming
both readings, never guessed, unless the indicator takes whole numbers only: there
``2.701`` can only be 2701.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# [0-9], not \\d: \\d also accepts digits of other scripts.
_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")  # 1.234.567,8
_PLAIN = re.compile(r"^[0-9]+(,[0-9]+)?$")  # 203,4 or 1234567
_DOTTED_DECIMAL = re.compile(r"^[0-9]+\.[0-9]+$")  # 203.4


class NumberFormatError(ValueError):
    """The text is not a number (``reason``: ``empty``, ``not_a_number``), has decimals
    where the indicator takes whole numbers (``not_whole``), or could be read two ways
    (``ambiguous``: ``readings`` are the two, written unambiguously). The UI turns the
    reason into a message."""

    def __init__(self, reason: str, text: str, readings: tuple[str, str] = ("", "")) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.reason = reason
        self.text = text
        self.readings = readings


def parse_vietnamese_number(text: str, decimals: int | None = None) -> float:
    """``decimals``: how many the indicator shows; 0 for whole numbers (counts, m²…), where
    a dot can only group thousands. None: unknown, read as if decimals were allowed."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    negative = cleaned.startswith("-")
    if negative:
        cleaned = cleaned[1:]
    if not cleaned:
        raise NumberFormatError("empty", text)
    whole = decimals == 0
    if _GROUPED.match(cleaned):
        groups = cleaned.split(",")[0].split(".")
        if len(groups) == 2 and "," not in cleaned and not whole:
            # "1.234": thousands or a decimal point? Refuse rather than guess.
            raise NumberFormatError("ambiguous", text, ("".join(groups), ",".join(groups)))
        value = float(cleaned.replace(".", "").replace(",", "."))
    elif _PLAIN.match(cleaned):
        value = float(cleaned.replace(",", "."))
    elif _DOTTED_DECIMAL.match(cleaned):
        # "203.4" cannot be Vietnamese grouping (groups have three digits): a decimal
        # point typed the English way. Three digits after it were refused above.
        value = float(cleaned)
    else:
        raise NumberFormatError("not_a_number", text)
    if whole and not value.is_integer():
        raise NumberFormatError("not_whole", text)
    return -value if negative else value


# The most one locality could report, by unit; anything above is a unit typed wrong (đồng
# where tỷ đồng is asked) or a forged file, never a report. A year's public investment of
# the whole country is below a million tỷ đồng; Viet Nam's area is 3,3 × 10¹¹ m².
PLAUSIBLE_MAX = {"%": 100.0, "tỷ đồng": 1_000_000.0, "m²": 10_000_000_000.0}
PLAUSIBLE_MAX_COUNT = 10_000_000.0  # works, households, plans, participations


def plausible_max(unit: str) -> float:
    return PLAUSIBLE_MAX.get(unit, PLAUSIBLE_MAX_COUNT)


@dataclass(frozen=True)
class FigureProblem:
    indicator: str  # indicator code
    # 'negative' | 'percent_over_100' | 'implausible' | 'disbursed_over_allocated'
    reason: str
    bound: float | None = None  # 'implausible': the largest value accepted


def check_reported_figures(
    values: dict[str, float | None],
    *,
    units: dict[str, str],
    notes: dict[str, str] | None = None,
) -> list[FigureProblem]:
    """Impossible values in a set of figures reported at a meeting.

    Amounts and counts cannot be negative; a percentage cannot exceed 100; disbursed capital
    above the allocated plan needs a note explaining it (e.g. capital carried over).
    """
    notes = notes or {}
    problems: list[FigureProblem] = []
    for code, value in values.items():
        if value is None:
            continue
        unit = units.get(code, "")
        if not math.isfinite(value):
            problems.append(FigureProblem(code, "implausible", plausible_max(unit)))
        elif value < 0:
            problems.append(FigureProblem(code, "negative"))
        elif unit == "%" and value > 100:
            problems.append(FigureProblem(code, "percent_over_100"))
        elif value > plausible_max(unit):
            problems.append(FigureProblem(code, "implausible", plausible_max(unit)))
    disbursed, allocated = values.get("disbursed_capital"), values.get("allocated_capital")
    if (
        disbursed is not None
        and allocated is not None
        and disbursed > allocated
        and not notes.get("disbursed_capital", "").strip()
    ):
        problems.append(FigureProblem("disbursed_capital", "disbursed_over_allocated"))
    return problems
