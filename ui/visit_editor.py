"""The visit editor: general information, what to check before the meeting, the
criteria checklist, figures reported at the meeting, and sign-off."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import streamlit as st

from data_access import visits as commands
from data_access.drafts import delete_draft, save_draft
from data_access.errors import StaleEdit
from data_access.visit_views import VisitDetail
from domain.numbers import NumberFormatError, check_reported_figures, parse_vietnamese_number
from domain.recommendations import VERIFICATION_RESULTS
from domain.visits import checklist_progress
from domain.vocabulary import ATTENDEE_SIDES, RATINGS
from texts.formats import format_date, format_local_time, format_number
from ui.actions import (
    actor,
    attempt,
    clear_conflict,
    conflict_for,
    may_edit,
    may_sign_off,
    problem_text,
    saved_and_rerun,
)
from ui.autosave import autosaved_text, forget
from ui.common import illustrative_mark, localized, plain_markdown, t
from ui.data import Reads, engine

FIGURE_PROBLEMS_KEY = "figure_problems"


def header(detail: VisitDetail) -> None:
    st.header(t("visit.heading", date=format_date(detail.visit_date), locality=detail.locality))
    facts = [t(f"visit.{detail.status}")]
    if detail.delegation:
        facts.append(detail.delegation)
    facts.append(", ".join(detail.campaigns["name"]))
    st.caption(" · ".join(facts) + illustrative_mark(detail.is_illustrative))
    if not may_edit(detail):
        st.info(
            t(
                "visit.read_only",
                who=detail.signed_off_by or "–",
                when=format_local_time(detail.signed_off_at),
            )
        )
    elif detail.reopen_reason:
        st.caption(t("visit.reopened", reason=detail.reopen_reason))


def show_conflict(conflict: StaleEdit, labels: dict[str, str]) -> bool:
    """Both versions side by side; True when the user chooses to save theirs over."""
    theirs, mine = st.columns(2)
    with theirs:
        st.markdown(f"**{t('error.theirs')}**")
        for field, value in conflict.theirs.items():
            st.text(f"{labels.get(field, field)}: {value or '–'}")
    with mine:
        st.markdown(f"**{t('error.mine')}**")
        for field, value in conflict.mine.items():
            st.text(f"{labels.get(field, field)}: {value or '–'}")
    return st.button(t("error.keep_mine"), key=f"keep-mine-{id(conflict)}")


# --- general information ------------------------------------------------------------------

GENERAL_FIELDS = ("time_of_day", "venue", "chair", "secretary")


def general(detail: VisitDetail) -> None:
    editable = may_edit(detail)
    labels = {name: t(f"visit.field.{name}") for name in (*GENERAL_FIELDS, "summary")}
    values: dict[str, str] = {}
    columns = st.columns(2)
    for index, name in enumerate(GENERAL_FIELDS):
        with columns[index % 2]:
            values[name] = autosaved_text(
                labels[name],
                scope=commands.draft_scope("visit", detail.id, name),
                saved=getattr(detail, name),
                base_version=detail.version,
                drafts=detail.drafts,
                area=False,
                disabled=not editable,
            )
    values["summary"] = autosaved_text(
        labels["summary"],
        scope=commands.draft_scope("visit", detail.id, "summary"),
        saved=detail.summary,
        base_version=detail.version,
        drafts=detail.drafts,
        disabled=not editable,
        height=120,
    )
    changes = {name: (value.strip() or None) for name, value in values.items()}
    conflict = conflict_for("visit")
    expected = detail.version
    if conflict is not None and show_conflict(conflict, labels):
        expected = conflict.current_version
        conflict = None
    if (
        editable
        and (st.button(t("visit.save_general"), key="save-general") or expected != detail.version)
        and attempt(
            commands.update_visit, engine(), detail.id, expected, changes, conflict_key="visit"
        ).ok
    ):
        for name in values:
            forget(commands.draft_scope("visit", detail.id, name))
        saved_and_rerun()
    attendees(detail, editable)


def attendees(detail: VisitDetail, editable: bool) -> None:
    st.subheader(t("visit.attendees"))
    side_labels = {side: t(f"side.{side}") for side in ATTENDEE_SIDES}
    frame = pd.DataFrame(
        {
            "side": [side_labels[s] for s in detail.attendees["side"]],
            "full_name": detail.attendees["full_name"],
            "title": detail.attendees["title"].fillna(""),
        }
    )
    edited = st.data_editor(
        frame,
        key=f"attendees-{detail.version}",
        num_rows="dynamic" if editable else "fixed",
        disabled=not editable,
        hide_index=True,
        column_config={
            "side": st.column_config.SelectboxColumn(
                t("visit.side"), options=list(side_labels.values()), required=True
            ),
            "full_name": st.column_config.TextColumn(t("visit.full_name"), required=True),
            "title": st.column_config.TextColumn(t("visit.title")),
        },
    )
    if editable and st.button(t("visit.save_attendees"), key="save-attendees"):
        by_label = {label: side for side, label in side_labels.items()}
        rows = [
            (by_label.get(row.side, "delegation"), str(row.full_name or ""), str(row.title or ""))
            for row in edited.itertuples(index=False)
            if str(row.full_name or "").strip()
        ]
        if attempt(commands.replace_attendees, engine(), detail.id, rows).ok:
            saved_and_rerun()


# --- before the meeting --------------------------------------------------------------------


def before_meeting(detail: VisitDetail) -> None:
    st.subheader(t("visit.latest_figures"))
    figures = detail.latest_figures
    if figures.empty:
        st.caption(t("locality.none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.indicator"): [localized(r, "name") for r in figures.itertuples()],
                    t("col.value"): [
                        format_number(r.value, int(r.decimals))
                        + ("%" if r.unit_vi == "%" else f" {localized(r, 'unit')}")
                        + illustrative_mark(bool(r.is_illustrative))
                        for r in figures.itertuples()
                    ],
                    t("col.period"): figures["period_label"].fillna("–"),
                }
            ),
            hide_index=True,
        )
    st.subheader(t("visit.earlier_open"))
    earlier = detail.earlier_open
    if earlier.empty:
        st.caption(t("locality.none"))
        return
    editable = may_edit(detail)
    for row in earlier.itertuples(index=False):
        with st.container(border=True):
            due = format_date(row.due_date) if pd.notna(row.due_date) else "–"
            st.markdown(
                f"**{format_date(row.visit_date)} · {plain_markdown(row.locality)}** · "
                f"{t(f'direction.{row.direction}')} · {t('col.due')}: {due}"
            )
            st.markdown(plain_markdown(row.text))
            if row.verified_at_visit_id == detail.id:
                st.success(t("visit.verified", status=t(f"rstatus.{row.status}")))
                continue
            if row.days_overdue:
                st.warning(t("rstatus.overdue", days=row.days_overdue))
            if not editable:
                continue
            result = st.radio(
                t("visit.verification"),
                options=list(VERIFICATION_RESULTS),
                format_func=lambda r: t(f"verify.{r}"),
                horizontal=True,
                key=f"verify-{row.id}",
            )
            scope = commands.draft_scope("verify", f"{detail.id}:{row.id}", "note")
            note = autosaved_text(
                t("visit.verification_note"),
                scope=scope,
                saved="",
                base_version=None,
                drafts=detail.drafts,
                area=False,
            )
            if st.button(t("visit.record_verification"), key=f"verify-save-{row.id}") and (
                attempt(
                    commands.verify_recommendation, engine(), row.id, detail.id, result, note
                ).ok
            ):
                forget(scope)
                saved_and_rerun()


# --- checklist ----------------------------------------------------------------------------

RATING_ERROR_KEY = "rating_errors"


def _rate(detail_id, criterion_id, version) -> None:
    rating = st.session_state[f"rating-{criterion_id}"]
    note = st.session_state.get(f"rating-note-{criterion_id}", "")
    errors = st.session_state.setdefault(RATING_ERROR_KEY, {})
    who = actor()
    if who is None:
        errors[criterion_id] = t("auth.required")
        return
    try:
        commands.rate_criterion(engine(), who, detail_id, criterion_id, rating, note, version)
        errors.pop(criterion_id, None)
    except StaleEdit:
        errors[criterion_id] = t("error.stale_edit")
    except Exception as error:
        errors[criterion_id] = t("error.unexpected", error=error)


def checklist(detail: VisitDetail) -> None:
    items = detail.checklist
    if items.empty:
        st.caption(t("visit.no_criteria"))
        return
    rated, total = checklist_progress(list(items["rating"]))
    st.progress(rated / total, text=t("visit.progress", rated=rated, total=total))
    editable = may_edit(detail)
    errors = st.session_state.get(RATING_ERROR_KEY, {})
    names = dict(zip(detail.campaigns["id"], detail.campaigns["name"], strict=True))
    for (campaign_id, group, area), criteria in items.groupby(
        ["campaign_id", "target_group", "area"], sort=False
    ):
        if len(names) > 1:
            st.caption(names[campaign_id])
        st.markdown(f"**{t(f'group.{group}')} — {t(f'area.{area}')}**")
        for row in criteria.itertuples(index=False):
            version = int(row.version) if pd.notna(row.version) else None
            with st.container(border=True):
                st.markdown(f"{plain_markdown(row.code)}. {plain_markdown(row.text)}")
                left, right = st.columns([3, 2])
                st.session_state.setdefault(f"rating-{row.criterion_id}", row.rating)
                st.session_state.setdefault(
                    f"rating-note-{row.criterion_id}", row.note if pd.notna(row.note) else ""
                )
                args = (detail.id, row.criterion_id, version)
                with left:
                    st.radio(
                        t("visit.rating"),
                        options=list(RATINGS),
                        format_func=lambda r: t(f"rating.{r}"),
                        horizontal=True,
                        key=f"rating-{row.criterion_id}",
                        on_change=_rate,
                        args=args,
                        disabled=not editable,
                        label_visibility="collapsed",
                    )
                with right:
                    st.text_input(
                        t("visit.rating_note"),
                        key=f"rating-note-{row.criterion_id}",
                        on_change=_rate,
                        args=args,
                        disabled=not editable,
                        placeholder=t("visit.rating_note"),
                        label_visibility="collapsed",
                    )
                if row.criterion_id in errors:
                    st.error(errors[row.criterion_id])


# --- figures reported at the meeting --------------------------------------------------------


def figures(detail: VisitDetail, reads: Reads) -> None:
    editable = may_edit(detail)
    recorded = detail.figures
    if not recorded.empty:
        st.subheader(t("visit.recorded_figures"))
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.period"): recorded["period_label"].fillna(""),
                    t("col.indicator"): [localized(r, "name") for r in recorded.itertuples()],
                    t("col.value"): [
                        format_number(r.value, int(r.decimals)) for r in recorded.itertuples()
                    ],
                    t("visit.unit"): [localized(r, "unit") for r in recorded.itertuples()],
                }
            ),
            hide_index=True,
        )
    if not editable:
        return
    st.subheader(t("visit.enter_figures"))
    scope = commands.draft_scope("visit", detail.id, "figures")
    draft = detail.drafts.get(scope)
    saved = json.loads(draft.text) if draft else {}
    campaigns = dict(zip(detail.campaigns["id"], detail.campaigns["name"], strict=True))
    campaign_id = st.selectbox(
        t("filter.campaign"),
        options=list(campaigns),
        format_func=campaigns.get,
        key="figures-campaign",
    )
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
    indicators = reads.campaign_indicators(campaign_id)
    indicators = indicators[indicators["kind"] == "raw"]
    rows = saved.get("rows", {})
    problems: dict[str, str] = st.session_state.get(FIGURE_PROBLEMS_KEY, {})
    for message in problems.values():
        st.error(message)
    table = pd.DataFrame(
        {
            "code": indicators["code"],
            "indicator": [localized(r, "name") for r in indicators.itertuples()],
            "unit": [localized(r, "unit") for r in indicators.itertuples()],
            "value": [rows.get(code, ["", ""])[0] for code in indicators["code"]],
            "note": [rows.get(code, ["", ""])[1] for code in indicators["code"]],
            # The reason a value was refused, on its own row.
            "check": [f"⚠ {problems[c]}" if c in problems else "" for c in indicators["code"]],
        }
    )
    edited = st.data_editor(
        table,
        key="figures-table",
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
        who = actor()
        if who is not None:
            save_draft(engine(), who, scope, draft_text, base_version=None)
    if st.button(t("visit.save_figures"), key="save-figures"):
        units = dict(zip(indicators["code"], indicators["unit_vi"], strict=True))
        _save_figures(detail, campaign_id, label, start, end, edited, scope, units)


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


def _save_figures(detail, campaign_id, label, start, end, edited, scope, units) -> None:
    values, notes, problems = _check_figures(edited, units)
    if problems:
        # Shown above the table and on each refused row; what was typed stays (draft).
        st.session_state[FIGURE_PROBLEMS_KEY] = problems
        st.session_state.pop("figures-table", None)
        st.rerun()
    st.session_state.pop(FIGURE_PROBLEMS_KEY, None)
    names = dict(zip(edited["code"], edited["indicator"], strict=True))
    figures = commands.ReportedFigures(
        campaign_id=campaign_id,
        period_start=start,
        period_end=end,
        period_label=label or f"{format_date(start)}–{format_date(end)}",
        values=values,
        notes=notes,
    )
    if attempt(
        commands.save_reported_figures, engine(), detail.id, figures, indicator_names=names
    ).ok:
        delete_draft(engine(), scope)
        st.session_state.pop("figures-table", None)
        saved_and_rerun()


# --- sign-off ---------------------------------------------------------------------------------


def sign_off(detail: VisitDetail) -> None:
    if not may_sign_off(detail):
        st.info(
            t("visit.sign_off_head_only")
            if detail.status == "draft"
            else t(
                "visit.read_only",
                who=detail.signed_off_by or "–",
                when=format_local_time(detail.signed_off_at),
            )
        )
        return
    if detail.status == "draft":
        st.write(t("visit.sign_off_explain"))
        signer = st.text_input(t("visit.signer"), value=detail.chair or "", key="signer")
        confirmed = st.checkbox(t("visit.sign_off_confirm"), key="sign-off-confirm")
        if (
            st.button(t("visit.sign_off"), key="sign-off", disabled=not confirmed, type="primary")
            and attempt(commands.sign_off, engine(), detail.id, signer).ok
        ):
            clear_conflict()
            saved_and_rerun(t("visit.signed_off_done"))
        return
    st.write(
        t(
            "visit.read_only",
            who=detail.signed_off_by or "–",
            when=format_local_time(detail.signed_off_at),
        )
    )
    if detail.status != "signed_off":
        return
    reason = st.text_area(t("visit.reopen_reason"), key="reopen-reason")
    if (
        st.button(t("visit.reopen"), key="reopen")
        and attempt(commands.reopen, engine(), detail.id, reason).ok
    ):
        saved_and_rerun(t("visit.reopened_done"))
