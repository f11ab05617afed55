"""Tab "Số liệu báo cáo": figures the locality reports at the meeting, typed the Vietnamese
way and checked before they are saved. One line per indicator, plain fields (Tab moves on);
everything typed is kept as one draft at each change."""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID

import streamlit as st

from data_access import visits as commands
from data_access.catalogue import IndicatorRecord
from data_access.visit_views import VisitDetail
from domain.numbers import NumberFormatError, check_reported_figures, parse_vietnamese_number
from texts.formats import format_date, format_number
from ui.actions import may_edit, problem_text, rerun_here, saved_and_rerun
from ui.autosave import draft_failed_notice, keep_draft
from ui.common import check_note, choose_one, indicator_label, localized, plain_markdown, t
from ui.data import Reads, Writes

FIGURE_PROBLEMS_KEY = "figure_problems"
CHECKS_KEPT_KEY = "figure_checks_kept"  # what the last save kept as check figures
PERIOD_KEYS = ("figures-label", "figures-start", "figures-end")


def _key(campaign_id: UUID, code: str, part: str) -> str:
    """The widget of one indicator's value or note (``part``) for one campaign."""
    return f"figure:{campaign_id}:{code}:{part}"


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    for kept in st.session_state.pop(CHECKS_KEPT_KEY, []):
        st.info(kept)
    if detail.figures:
        st.subheader(t("visit.recorded_figures"))
        st.dataframe(
            {
                t("col.period"): [f.period_label or "" for f in detail.figures],
                t("col.indicator"): [localized(f, "name") for f in detail.figures],
                t("col.value"): [format_number(f.value, f.decimals) for f in detail.figures],
                t("visit.unit"): [localized(f, "unit") for f in detail.figures],
                t("col.check"): [
                    check_note(f.value, f.restated, f.decimals) if f.is_check else ""
                    for f in detail.figures
                ],
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
    campaign_id = choose_one(st, t("filter.campaign"), campaigns, key="figures-campaign")
    # Rates are computed from their parts, never typed.
    indicators = [i for i in reads.campaign_indicators(campaign_id) if i.kind == "raw"]
    keep = (_keep_typed, (writes, scope, campaign_id, indicators))
    label, start, end = _period(detail, saved, keep)
    rows = _rows(indicators, campaign_id, saved.get("rows", {}), keep)
    draft_failed_notice()
    if st.button(t("visit.save_figures"), key="save-figures"):
        _save(detail, campaign_id, (label, start, end), rows, scope, indicators, writes)


def _typed(campaign_id: UUID, indicators: list[IndicatorRecord]) -> dict[str, list[str]]:
    """What is in the fields now: indicator code -> [value, note]."""
    return {
        i.code: [
            str(st.session_state.get(_key(campaign_id, i.code, part), "") or "")
            for part in ("value", "note")
        ]
        for i in indicators
    }


def _keep_typed(writes: Writes, scope: str, campaign_id: UUID, indicators) -> None:
    """At each change of a field: everything typed, kept as one draft."""
    start, end = (st.session_state.get(k) for k in PERIOD_KEYS[1:])
    rows = _typed(campaign_id, indicators)
    text = json.dumps(
        {
            "campaign": str(campaign_id),
            "label": st.session_state.get(PERIOD_KEYS[0], ""),
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "rows": rows,
        },
        ensure_ascii=False,
    )
    # An untouched form leaves no draft (an empty text removes one).
    keep_draft(writes, scope, text if any(v or n for v, n in rows.values()) else "", None)


def _period(detail: VisitDetail, saved: dict, keep) -> tuple[str, date, date]:
    """The period reported on; it stays after a save (the next figures are most often of
    the same period)."""
    callback, args = keep
    label_key, start_key, end_key = PERIOD_KEYS
    st.session_state.setdefault(label_key, saved.get("label", ""))
    first = date(detail.visit_date.year, 1, 1)
    st.session_state.setdefault(
        start_key, date.fromisoformat(saved["start"]) if saved.get("start") else first
    )
    st.session_state.setdefault(
        end_key, date.fromisoformat(saved["end"]) if saved.get("end") else detail.visit_date
    )
    left, middle, right = st.columns([2, 1, 1])
    label = left.text_input(
        t("visit.period_label"),
        key=label_key,
        placeholder="9 tháng năm 2023",
        on_change=callback,
        args=args,
    )
    start = middle.date_input(
        t("visit.period_start"), format="DD/MM/YYYY", key=start_key, on_change=callback, args=args
    )
    end = right.date_input(
        t("visit.period_end"), format="DD/MM/YYYY", key=end_key, on_change=callback, args=args
    )
    return label, start, end


def _rows(
    indicators: list[IndicatorRecord], campaign_id: UUID, drafted: dict, keep
) -> dict[str, list[str]]:
    """One line per indicator: its name and unit, the value, a note, and why a value was
    refused. Fields start from the draft once, then hold what is typed."""
    problems: dict[str, str] = st.session_state.get(FIGURE_PROBLEMS_KEY, {})
    for message in problems.values():
        st.error(message)
    callback, args = keep
    name_column, value_column, note_column = st.columns([4, 2, 3])
    name_column.markdown(f"**{t('col.indicator')}**")
    value_column.markdown(f"**{t('col.value')}**", help=t("visit.number_help"))
    note_column.markdown(f"**{t('visit.note')}**")
    for indicator in indicators:
        name, value, note = st.columns([4, 2, 3], vertical_alignment="center")
        unit = localized(indicator, "unit")
        name.markdown(plain_markdown(indicator_label(indicator)))
        parts = (
            (value, "value", 0, t("col.value")),
            (note, "note", 1, t("visit.note")),
        )
        for column, part, position, heading in parts:
            key = _key(campaign_id, indicator.code, part)
            st.session_state.setdefault(key, drafted.get(indicator.code, ["", ""])[position])
            column.text_input(
                f"{localized(indicator, 'name')} — {heading}",
                key=key,
                on_change=callback,
                args=args,
                label_visibility="collapsed",
                placeholder=unit if part == "value" else "",
            )
        if indicator.code in problems:
            name.caption(f":red[⚠ {problems[indicator.code]}]")
    return _typed(campaign_id, indicators)


def _check_figures(rows: dict[str, list[str]], indicators: list[IndicatorRecord]):
    """Read the typed values; (values, notes, {indicator code: message}). A whole-number
    indicator reads "2.701" as 2701; where decimals are allowed it is refused, not guessed."""
    units = {i.code: i.unit_vi for i in indicators}
    names = {i.code: localized(i, "name") for i in indicators}
    values: dict[str, float | None] = {}
    problems: dict[str, str] = {}
    for indicator in indicators:
        text = rows[indicator.code][0].strip()
        if not text:
            values[indicator.code] = None
            continue
        try:
            values[indicator.code] = parse_vietnamese_number(text, indicator.decimals)
        except NumberFormatError as error:
            whole, decimal = error.readings
            reason = t(f"number.{error.reason}", text=error.text, whole=whole, decimal=decimal)
            problems[indicator.code] = f"{names[indicator.code]}: {reason}"
    notes = {code: note.strip() for code, (_, note) in rows.items() if note.strip()}
    readable = {code: value for code, value in values.items() if code not in problems}
    for problem in check_reported_figures(readable, units=units, notes=notes):
        problems.setdefault(problem.indicator, problem_text(problem, names))
    return values, notes, problems


def _save(
    detail: VisitDetail,
    campaign_id: UUID,
    period: tuple[str, date, date],
    rows: dict[str, list[str]],
    scope: str,
    indicators: list[IndicatorRecord],
    writes: Writes,
) -> None:
    values, notes, problems = _check_figures(rows, indicators)
    if problems:
        # Shown above the lines and on each refused one; what was typed stays in the fields.
        st.session_state[FIGURE_PROBLEMS_KEY] = problems
        rerun_here()
    st.session_state.pop(FIGURE_PROBLEMS_KEY, None)
    label, start, end = period
    figures = commands.ReportedFigures(
        campaign_id=campaign_id,
        period_start=start,
        period_end=end,
        period_label=label or f"{format_date(start)}–{format_date(end)}",
        values=values,
        notes=notes,
    )
    names = {i.code: localized(i, "name") for i in indicators}
    outcome = writes.run(commands.save_reported_figures, detail.id, figures, indicator_names=names)
    if outcome.ok:
        writes.drop_draft(scope)
        for indicator in indicators:  # the next figures start from empty fields
            for part in ("value", "note"):
                st.session_state.pop(_key(campaign_id, indicator.code, part), None)
        decimals = {i.code: int(i.decimals) for i in indicators}
        kept = [
            t(
                "figures.check_kept",
                indicator=plain_markdown(names[code]),
                period=plain_markdown(figures.period_label),
                note=check_note(figures.values[code] or 0, check.restated_sum, decimals[code]),
            )
            for code, check in (outcome.value.checks if outcome.value else {}).items()
        ]
        # Said where the figures are, not in the passing "Đã lưu." toast.
        st.session_state[CHECKS_KEPT_KEY] = kept
        saved_and_rerun()
