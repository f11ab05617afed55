"""Tab "Số liệu báo cáo": figures the locality reports at the meeting, typed the Vietnamese
way and checked before they are saved. The whole table is kept as a draft while typing."""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID

import pandas as pd
import streamlit as st

from data_access import visits as commands
from data_access.catalogue import IndicatorRecord
from data_access.visit_views import VisitDetail
from domain.numbers import NumberFormatError, check_reported_figures, parse_vietnamese_number
from texts.formats import format_date, format_number
from ui.actions import may_edit, problem_text, rerun_here, saved_and_rerun
from ui.autosave import draft_failed_notice, keep_draft
from ui.common import localized, t
from ui.data import Reads, Writes

FIGURE_PROBLEMS_KEY = "figure_problems"
TABLE_KEY = "figures-table"


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    if detail.figures:
        st.subheader(t("visit.recorded_figures"))
        st.dataframe(
            {
                t("col.period"): [f.period_label or "" for f in detail.figures],
                t("col.indicator"): [localized(f, "name") for f in detail.figures],
                t("col.value"): [format_number(f.value, f.decimals) for f in detail.figures],
                t("visit.unit"): [localized(f, "unit") for f in detail.figures],
            },
            hide_index=True,
        )
    if may_edit(detail):
        _entry(detail, reads, writes)


def _entry(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    st.subheader(t("visit.enter_figures"))
    scope = commands.draft_scope("visit", detail.id, "figures")
    draft = detail.drafts.get(scope)
    saved = json.loads(draft.text) if draft else {}
    campaigns = {campaign.id: campaign.name for campaign in detail.campaigns}
    campaign_id = st.selectbox(
        t("filter.campaign"),
        options=list(campaigns),
        format_func=campaigns.get,
        key="figures-campaign",
        placeholder=t("filter.choose"),
    )
    label, start, end = _period(detail, saved)
    # Rates are computed from their parts, never typed.
    indicators = [i for i in reads.campaign_indicators(campaign_id) if i.kind == "raw"]
    edited = _table(indicators, saved.get("rows", {}))
    draft_text = json.dumps(
        {
            "campaign": str(campaign_id),
            "label": label,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "rows": {r.code: [r.value or "", r.note or ""] for r in edited.itertuples()},
        },
        ensure_ascii=False,
    )
    if draft_text != (draft.text if draft else None) and any(
        (r.value or r.note) for r in edited.itertuples()
    ):
        # What is typed in the table is kept as a draft on every change.
        keep_draft(writes, scope, draft_text, None)
    draft_failed_notice()
    if st.button(t("visit.save_figures"), key="save-figures"):
        units = {i.code: i.unit_vi for i in indicators}
        period = (label, start, end)
        _save(detail, campaign_id, period, edited, scope, units, writes)


def _period(detail: VisitDetail, saved: dict) -> tuple[str, date, date]:
    left, middle, right = st.columns([2, 1, 1])
    with left:
        label = st.text_input(
            t("visit.period_label"),
            value=saved.get("label", ""),
            key="figures-label",
            placeholder="9 tháng năm 2023",
        )
    with middle:
        start = st.date_input(
            t("visit.period_start"),
            value=date.fromisoformat(saved["start"])
            if saved.get("start")
            else date(detail.visit_date.year, 1, 1),
            format="DD/MM/YYYY",
            key="figures-start",
        )
    with right:
        end = st.date_input(
            t("visit.period_end"),
            value=date.fromisoformat(saved["end"]) if saved.get("end") else detail.visit_date,
            format="DD/MM/YYYY",
            key="figures-end",
        )
    return label, start, end


def _table(indicators: list[IndicatorRecord], rows: dict[str, list[str]]) -> pd.DataFrame:
    """The grid to type in: one row per raw indicator, with the reason a value was refused."""
    problems: dict[str, str] = st.session_state.get(FIGURE_PROBLEMS_KEY, {})
    for message in problems.values():
        st.error(message)
    table = pd.DataFrame(
        {
            "code": [i.code for i in indicators],
            "indicator": [localized(i, "name") for i in indicators],
            "unit": [localized(i, "unit") for i in indicators],
            "value": [rows.get(i.code, ["", ""])[0] for i in indicators],
            "note": [rows.get(i.code, ["", ""])[1] for i in indicators],
            "check": [f"⚠ {problems[i.code]}" if i.code in problems else "" for i in indicators],
        }
    )
    return st.data_editor(
        table,
        key=TABLE_KEY,
        hide_index=True,
        disabled=["code", "indicator", "unit", "check"],
        column_order=["indicator", "unit", "value", "note", *(["check"] if problems else [])],
        column_config={
            "indicator": st.column_config.TextColumn(t("col.indicator")),
            "unit": st.column_config.TextColumn(t("visit.unit")),
            "value": st.column_config.TextColumn(t("col.value"), help=t("visit.number_help")),
            "note": st.column_config.TextColumn(t("visit.note")),
            "check": st.column_config.TextColumn(t("visit.check"), width="large"),
        },
    )


def _check_figures(edited: pd.DataFrame, units: dict[str, str]):
    """Read the typed values; (values, notes, {indicator code: message})."""
    values: dict[str, float | None] = {}
    problems: dict[str, str] = {}
    names = dict(zip(edited["code"], edited["indicator"], strict=True))
    for row in edited.itertuples():
        text = str(row.value or "").strip()
        if not text:
            values[row.code] = None
            continue
        try:
            values[row.code] = parse_vietnamese_number(text)
        except NumberFormatError as error:
            problems[row.code] = f"{row.indicator}: {t(f'number.{error.reason}', text=error.text)}"
    notes = {r.code: str(r.note or "") for r in edited.itertuples() if r.note}
    readable = {code: value for code, value in values.items() if code not in problems}
    for problem in check_reported_figures(readable, units=units, notes=notes):
        problems.setdefault(problem.indicator, problem_text(problem, names))
    return values, notes, problems


def _save(
    detail: VisitDetail,
    campaign_id: UUID,
    period: tuple[str, date, date],
    edited: pd.DataFrame,
    scope: str,
    units: dict[str, str],
    writes: Writes,
) -> None:
    values, notes, problems = _check_figures(edited, units)
    if problems:
        # Shown above the table and on each refused row; what was typed stays (draft).
        st.session_state[FIGURE_PROBLEMS_KEY] = problems
        st.session_state.pop(TABLE_KEY, None)
        rerun_here()
    st.session_state.pop(FIGURE_PROBLEMS_KEY, None)
    label, start, end = period
    names = dict(zip(edited["code"], edited["indicator"], strict=True))
    figures = commands.ReportedFigures(
        campaign_id=campaign_id,
        period_start=start,
        period_end=end,
        period_label=label or f"{format_date(start)}–{format_date(end)}",
        values=values,
        notes=notes,
    )
    if writes.run(commands.save_reported_figures, detail.id, figures, indicator_names=names).ok:
        writes.drop_draft(scope)
        st.session_state.pop(TABLE_KEY, None)
        saved_and_rerun()
