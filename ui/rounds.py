"""Đợt giám sát: a delegation's supervision rounds, each with its plan of localities and
days, the visits made under it, where it stands, and its consolidated report drafted here
(or in Word) and finalised by the head."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import streamlit as st

from data_access import rounds as commands
from data_access.rounds import RoundDetail, RoundSummary
from documents.office_files import FileRefused
from documents.round_report import draft_sections, report_docx, report_docx_name
from documents.word import check_word_file
from domain.permissions import can_edit_round, can_finalise_round, is_admin
from domain.vocabulary import REPORT_SECTIONS, ROUND_PROGRESS
from texts.formats import format_date, format_local_time
from ui import editing
from ui.actions import actor, saved_and_rerun
from ui.autosave import autosaved_text, forget, text_key
from ui.common import choose_one, choose_several, plain_markdown, t, tm, unit_name
from ui.data import Reads, Writes
from ui.exports import DOCX

PAGE = "pages/rounds.py"
PROGRESS_COLOURS = {"visited": "green", "scheduled": "blue", "overdue": "red"}


# --- the list ------------------------------------------------------------------------------


def round_list(reads: Reads, writes: Writes) -> None:
    st.title(t("round.title"))
    st.caption(t("round.intro"))
    who = actor()
    mine = _my_delegations(reads)
    if reads.laptop_state() is not None:
        st.info(t("round.on_laptop"))
    elif who is not None and mine:
        with st.expander(t("round.new"), icon=":material/add:"):
            created = _create_form(reads, writes, mine)
            if created is not None:
                st.switch_page(PAGE, query_params={"round": str(created)})
    rounds = reads.rounds()
    if not rounds:
        st.info(t("round.none"))
        return
    picked = _table(rounds)
    if picked is not None:
        st.switch_page(PAGE, query_params={"round": str(picked)})


def _my_delegations(reads: Reads) -> dict[UUID, str]:
    """The delegations the user may plan rounds for: their own (every one for an admin)."""
    who = actor()
    names = reads.delegation_names()
    if who is None:
        return {}
    return {i: name for i, name in names.items() if is_admin(who) or can_edit_round(who, i)}


def _table(rounds: tuple[RoundSummary, ...]) -> UUID | None:
    """The rounds, the most read first (a projector is 1024 px wide); selecting a row
    returns its id."""
    shown = {
        t("round.subject"): [r.subject for r in rounds],
        t("round.period"): [_period(r.period_start, r.period_end) for r in rounds],
        t("round.progress.visited"): [
            f"{r.progress['visited']}/{sum(r.progress.values())}" for r in rounds
        ],
        t("round.progress.overdue"): [r.progress["overdue"] for r in rounds],
        t("round.report"): [t(f"round.report_status.{r.report_status}") for r in rounds],
        t("col.delegation"): [r.delegation for r in rounds],
        t("round.decision"): [_decision(r.decision_number, r.decision_date) for r in rounds],
    }
    picked = st.dataframe(
        shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="rounds"
    )
    rows = picked.selection.rows if picked else []
    return rounds[rows[0]].id if rows else None


def _decision(number: str | None, day: date | None) -> str:
    if not number:
        return "–"
    return f"{number} ({format_date(day)})" if day else number


def _period(start: date, end: date) -> str:
    return f"{format_date(start)} – {format_date(end)}"


def _create_form(reads: Reads, writes: Writes, delegations: dict[UUID, str]) -> UUID | None:
    ids, labels = reads.locality_choices(detailed=True)
    localities = {str(i): labels[i] for i in ids}  # a multiselect keeps text options
    with st.form("new-round"):
        delegation_id = choose_one(st, t("col.delegation"), delegations, key="round-team")
        plan = _plan_fields(reads, "round-new", None)
        chosen = choose_several(st, t("round.localities"), localities, key="round-localities")
        st.caption(t("round.days_later"))
        submitted = st.form_submit_button(t("round.create"), type="primary")
    if not submitted:
        return None
    data = commands.RoundInput(
        delegation_id=delegation_id,
        schedule=[(UUID(i), None) for i in chosen],
        **plan,
    )
    outcome = writes.run(commands.create_round, data)
    return outcome.value if outcome.ok else None


def _plan_fields(reads: Reads, key: str, detail: RoundDetail | None) -> dict[str, object]:
    """The round's own fields, inside a form: new (``detail`` None) or as saved."""
    campaigns = reads.campaign_names()
    on = reads.today()
    left, right = st.columns(2)
    chosen = detail.campaign_id if detail else None
    values: dict[str, object] = {
        "subject": st.text_input(
            t("round.subject"),
            value=detail.subject if detail else "",
            placeholder=t("round.subject_hint"),
            key=f"{key}-subject",
        ),
        "campaign_id": choose_one(
            right,
            t("filter.campaign"),
            campaigns,
            key=f"{key}-campaign",
            index=list(campaigns).index(chosen) if chosen in campaigns else None,
            placeholder=t("round.any_campaign"),
        ),
        "decision_number": left.text_input(
            t("round.decision_number"),
            value=(detail.decision_number or "") if detail else "",
            key=f"{key}-decision-number",
        ),
    }
    days = (
        ("decision_date", left, None, "decision-date"),
        ("period_start", right, on, "start"),
        ("period_end", left, on, "end"),
    )
    for name, column, new, suffix in days:
        values[name] = column.date_input(
            t(f"round.{name}"),
            value=getattr(detail, name) if detail else new,
            format="DD/MM/YYYY",
            key=f"{key}-{suffix}",
        )
    return values


def _plan_editor(detail: RoundDetail, reads: Reads, writes: Writes) -> None:
    """The round's subject, decision and period, saved against the version shown."""
    with st.expander(t("round.edit_details"), icon=":material/edit:"):
        with st.form(f"round-details-{detail.id}"):
            changes = _plan_fields(reads, f"round-{detail.id}", detail)
            submitted = st.form_submit_button(t("round.save_details"), type="primary")
        if submitted:
            changes["decision_number"] = (changes["decision_number"] or "").strip() or None
            changes["subject"] = (changes["subject"] or "").strip()
            if writes.run(commands.update_round, detail.id, detail.version, changes).ok:
                saved_and_rerun()


# --- one round -------------------------------------------------------------------------------


def round_screen(reads: Reads, writes: Writes, detail: RoundDetail) -> None:
    st.title(t("round.heading", subject=detail.subject))
    st.caption(
        tm(
            "round.caption",
            delegation=detail.delegation,
            decision=_decision(detail.decision_number, detail.decision_date),
            period=_period(detail.period_start, detail.period_end),
        )
    )
    columns = st.columns(len(ROUND_PROGRESS))
    for column, step in zip(columns, ROUND_PROGRESS, strict=True):
        column.metric(t(f"round.progress.{step}"), detail.progress[step])
    plan, report = st.tabs(
        [t("round.tab.plan"), t("round.tab.report")], key="round-tab", on_change="rerun"
    )
    editable = _may_edit(detail)
    with plan:
        _stops(detail, reads)
        if editable:
            _schedule_editor(detail, reads, writes)
            _link_visits(detail, reads, writes)
            _plan_editor(detail, reads, writes)
        elif detail.is_final:
            st.caption(t("round.final_read_only"))
    with report:
        _report(detail, reads, writes, editable)


def _may_edit(detail: RoundDetail) -> bool:
    who = actor()
    return who is not None and not detail.is_final and can_edit_round(who, detail.delegation_id)


def _may_finalise(detail: RoundDetail) -> bool:
    who = actor()
    return who is not None and can_finalise_round(who, detail.delegation_id)


def _stops(detail: RoundDetail, reads: Reads) -> None:
    st.subheader(t("round.plan"))
    if not detail.stops:
        st.caption(t("round.no_stops"))
        return
    for stop in detail.stops:
        line, status = st.columns([5, 2])
        planned = format_date(stop.scheduled_date) if stop.scheduled_date else t("round.no_day")
        line.markdown(f"**{plain_markdown(stop.locality)}** — {t('round.scheduled')}: {planned}")
        colour = PROGRESS_COLOURS[stop.progress]
        status.markdown(f":{colour}-badge[{t(f'round.progress.{stop.progress}')}]")
        for visit in stop.visits:
            line.page_link(
                "pages/visit.py",
                label=tm(
                    "round.visit_link",
                    date=format_date(visit.visit_date),
                    status=t(f"visit.{visit.status}"),
                ),
                query_params={"visit": str(visit.id)},
                icon=":material/edit_note:",
            )


def _schedule_editor(detail: RoundDetail, reads: Reads, writes: Writes) -> None:
    """The localities and their days, changed together and saved against the plan shown:
    two people planning at once are told, not overwritten."""
    shown = [(stop.locality_id, stop.scheduled_date) for stop in detail.stops]
    ids, labels = reads.locality_choices(detailed=True)
    planned = {stop.locality_id for stop in detail.stops}
    others = {str(i): labels[i] for i in ids if i not in planned}
    with st.expander(t("round.edit_plan"), icon=":material/edit_calendar:"):
        with st.form(f"round-schedule-{detail.id}"):
            days: dict[UUID, date | None] = {}
            kept: dict[UUID, bool] = {}
            for stop in detail.stops:
                name, day, keep = st.columns([4, 2, 1], vertical_alignment="bottom")
                name.markdown(plain_markdown(stop.locality))
                days[stop.locality_id] = day.date_input(
                    t("round.scheduled"),
                    value=stop.scheduled_date,
                    format="DD/MM/YYYY",
                    key=f"round-day-{stop.locality_id}",
                    label_visibility="collapsed",
                )
                kept[stop.locality_id] = keep.checkbox(
                    t("round.keep"),
                    value=True,
                    key=f"round-keep-{stop.locality_id}",
                    disabled=bool(stop.visits),  # visited: stays in the plan
                )
            added = choose_several(
                st, t("round.add_localities"), others, key=f"round-add-{detail.id}"
            )
            submitted = st.form_submit_button(t("round.save_plan"), type="primary")
        if submitted:
            schedule = [(i, days[i]) for i, _ in shown if kept[i]]
            schedule += [(UUID(i), None) for i in added]
            if writes.run(commands.set_schedule, detail.id, schedule, shown).ok:
                saved_and_rerun()


def _link_visits(detail: RoundDetail, reads: Reads, writes: Writes) -> None:
    st.subheader(t("round.visits"))
    tree = reads.tree()
    if detail.stops and any(stop.visits for stop in detail.stops):
        for stop in detail.stops:
            for visit in stop.visits:
                line, remove = st.columns([6, 1])
                line.markdown(f"{format_date(visit.visit_date)} — {plain_markdown(stop.locality)}")
                if (
                    remove.button(
                        t("round.unlink"),
                        key=f"round-unlink-{visit.id}",
                        help=t("round.unlink_help"),
                    )
                    and writes.run(commands.unlink_visit, detail.id, visit.id).ok
                ):
                    saved_and_rerun()
    if not detail.candidates:
        st.caption(t("round.no_candidates"))
        return
    options = {
        str(v.id): f"{format_date(v.visit_date)} — {unit_name(tree, v.locality_id)}"
        for v in detail.candidates
    }
    with st.form(f"round-link-{detail.id}", clear_on_submit=True):
        chosen = choose_several(
            st, t("round.link_choose"), options, key=f"round-link-choice-{detail.id}"
        )
        submitted = st.form_submit_button(t("round.link"))
    linked = submitted and chosen
    if linked and writes.run(commands.link_visits, detail.id, [UUID(i) for i in chosen]).ok:
        saved_and_rerun(t("round.linked", n=len(chosen)))


# --- the report ------------------------------------------------------------------------------


def _report(detail: RoundDetail, reads: Reads, writes: Writes, editable: bool) -> None:
    if detail.is_final:
        _final(detail, reads, writes)
        return
    st.caption(t("round.report_intro"))
    if editable:
        _draft_from_visits(detail, writes)
    _sections(detail, writes, editable)
    _word_files(detail, reads, writes, editable)
    if _may_finalise(detail):
        _finalise(detail, reads, writes)


def _draft_from_visits(detail: RoundDetail, writes: Writes) -> None:
    """The four sections written from the visits' findings and recommendations; over
    sections already written only when the person says so."""
    written = any((detail.sections.get(name) or "").strip() for name in REPORT_SECTIONS)
    if not detail.visits:
        st.caption(t("round.draft_needs_visits"))
        return
    left, right = st.columns([3, 2], vertical_alignment="center")
    replace = not written or right.checkbox(t("round.draft_replace"), key="round-draft-replace")
    if left.button(
        t("round.draft"), icon=":material/auto_awesome:", disabled=not replace, key="round-draft"
    ):
        changes = draft_sections(detail)
        if writes.run(
            commands.update_round, detail.id, detail.version, changes, conflict_key="round"
        ).ok:
            # The boxes show the drafted sections, not what they held before.
            scopes = [commands.report_scope(detail.id, name) for name in REPORT_SECTIONS]
            for scope in scopes:
                forget(scope)
            editing.done(editing.Edit("round", None, None, tuple(map(text_key, scopes))))
            saved_and_rerun(t("round.drafted"))


def _sections(detail: RoundDetail, writes: Writes, editable: bool) -> None:
    scopes = {name: commands.report_scope(detail.id, name) for name in REPORT_SECTIONS}
    labels = {name: t(f"round.section.{name}") for name in REPORT_SECTIONS}
    edit = editing.begin(
        "round",
        detail.version,
        {text_key(scopes[name]): detail.sections.get(name) or "" for name in REPORT_SECTIONS},
        {text_key(s): detail.drafts[s] for s in scopes.values() if s in detail.drafts},
    )
    values = {
        name: autosaved_text(
            labels[name],
            scope=scopes[name],
            saved=detail.sections.get(name),
            base_version=edit.base,
            drafts=detail.drafts,
            writes=writes,
            disabled=not editable,
            height=220,
        )
        for name in REPORT_SECTIONS
    }
    if not editable:
        return
    changes = {name: value.strip() or None for name, value in values.items()}
    expected, again = editing.save_against(edit, labels, writes, tuple(scopes.values()))
    if (st.button(t("round.save_report"), type="primary", key="round-save") or again) and (
        writes.run(commands.update_round, detail.id, expected, changes, conflict_key=edit.record).ok
    ):
        editing.done(edit)
        saved_and_rerun()


def _word_files(detail: RoundDetail, reads: Reads, writes: Writes, editable: bool) -> None:
    st.subheader(t("round.word"))
    latest = reads.round_reader(detail.id)
    today = reads.today()
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("round.download_draft"),
        data=lambda: report_docx(latest() or detail, today),  # as saved when clicked
        file_name=report_docx_name(detail),
        mime=DOCX,
        icon=":material/description:",
        key="round-download-draft",
        on_click="ignore",
    )
    if detail.report_file_name:
        _kept_file_button(buttons, detail, reads, "round.download_uploaded")
        st.info(
            tm(
                "round.uploaded_in_use",
                name=detail.report_file_name,
                who=detail.report_uploaded_by or "–",
                when=format_local_time(detail.report_uploaded_at),
            )
        )
        drop = editable and st.button(t("round.drop_uploaded"), key="round-drop-uploaded")
        if drop and writes.run(commands.drop_report_file, detail.id).ok:
            saved_and_rerun()
    if not editable:
        return
    uploaded = st.file_uploader(t("round.upload"), type=["docx"], key="round-upload")
    if uploaded is not None and st.button(t("round.use_upload"), key="round-use-upload"):
        content = uploaded.getvalue()
        try:
            check_word_file(content)
        except FileRefused as refused:
            st.error(t(f"template.file.{refused.reason}", **refused.details))
            return
        if writes.run(commands.keep_report_file, detail.id, uploaded.name, content).ok:
            saved_and_rerun(t("round.upload_kept", name=uploaded.name))


def _kept_file_button(container, detail: RoundDetail, reads: Reads, label: str) -> None:
    """The Word file kept with the round (uploaded back, or finalised), read when clicked."""
    container.download_button(
        t(label),
        data=lambda: (reads.round_file(detail.id) or ("", b""))[1],
        file_name=detail.report_file_name,
        mime=DOCX,
        icon=":material/download:",
        key=label,
        on_click="ignore",
        type="primary" if detail.is_final else "secondary",
    )


def _finalise(detail: RoundDetail, reads: Reads, writes: Writes) -> None:
    st.subheader(t("round.finalise_title"))
    source = "round.finalise_uploaded" if detail.report_file_name else "round.finalise_drafted"
    st.caption(t(source))
    sure = st.checkbox(t("round.finalise_sure"), key="round-finalise-sure")
    if st.button(t("round.finalise"), type="primary", disabled=not sure, key="round-finalise"):
        drafted = (report_docx_name(detail), report_docx(detail, reads.today()))
        if writes.run(commands.finalise_report, detail.id, detail.version, drafted).ok:
            saved_and_rerun(t("round.finalised_done"), whole_page=True)


def _final(detail: RoundDetail, reads: Reads, writes: Writes) -> None:
    st.success(
        tm(
            "round.final",
            who=detail.finalised_by or "–",
            when=format_local_time(detail.finalised_at),
        )
    )
    if detail.report_file_name:
        _kept_file_button(st, detail, reads, "round.download_final")
    for name in REPORT_SECTIONS:
        text = detail.sections.get(name)
        if text:
            st.markdown(f"**{t(f'round.section.{name}')}**")
            st.text(text)
    if _may_finalise(detail):
        sure = st.checkbox(t("round.reopen_sure"), key="round-reopen-sure")
        reopen = st.button(t("round.reopen"), disabled=not sure, key="round-reopen")
        if reopen and writes.run(commands.reopen_report, detail.id).ok:
            saved_and_rerun(t("round.reopened"), whole_page=True)
