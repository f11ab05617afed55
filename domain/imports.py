"""What an imported file says, once read: the report template's description, the figures and
works found, and the problems, each located by sheet, cell, column and value.

The reader (``excel/``) builds these; the data layer previews and applies them; the screens
show the problems. None of them needs to know how a workbook is parsed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ImportProblem:
    """``reason`` names the message (``cell.<reason>`` in the catalogue); ``details`` fill it,
    so the screen says it in the user's language."""

    sheet: str
    cell: str
    column: str
    value: str
    reason: str
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TemplateIndicator:
    code: str
    name: str
    unit: str

    @property
    def header(self) -> str:
        return f"{self.name} ({self.unit})"


@dataclass(frozen=True)
class TemplateSpec:
    campaign_code: str
    campaign_name: str
    period_start: date
    period_end: date
    period_label: str
    indicators: list[TemplateIndicator]


@dataclass
class ReportRow:
    code: str
    cell_row: int  # the row number as Excel shows it
    values: dict[str, float] = field(default_factory=dict)
    note: str = ""


@dataclass
class ParsedReport:
    campaign_code: str = ""
    period_start: date | None = None
    period_end: date | None = None
    period_label: str = ""
    indicator_codes: list[str] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# What a works list says of a work besides its unit and name, in the sheet's column order.
WORK_FIELDS = (
    "category",
    "investor",
    "funding_source",
    "total_investment",
    "start_date",
    "planned_end_date",
    "status",
    "progress_percent",
    "is_key_project",
)


@dataclass
class WorkRow:
    locality_code: str
    name: str
    cell_row: int
    category: str | None = None
    investor: str | None = None
    funding_source: str | None = None
    total_investment: float | None = None
    start_date: date | None = None
    planned_end_date: date | None = None
    status: str = "unknown"
    progress_percent: float | None = None
    is_key_project: bool = False
    # Fields whose cell was filled: for a known work, an empty cell changes nothing.
    provided: set[str] = field(default_factory=set)


@dataclass
class ParsedWorks:
    campaign_code: str = ""
    rows: list[WorkRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
