"""Tab "Kiến nghị": recommendations with direction, addressee, due date and priority, their
follow-up, and a form for a new one."""

from __future__ import annotations

from datetime import date

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import Recommendation, VisitDetail
from domain.vocabulary import DEFAULT_PRIORITY, PRIORITIES, RECOMMENDATION_DIRECTIONS
from ui import editing
from ui.actions import may_edit, may_follow_up, saved_and_rerun
from ui.autosave import autosaved_text, forget, new_text, own_drafts, text_key
from ui.common import recommendation_status, t, translated_choice
from ui.data import Reads, Writes
from ui.draft_keeper import keep_draft
from ui.visit.follow_up import follow_up_table, status_change_form
from ui.visit.undo import delete_button, deleted_list, undo_bar


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    editable = may_edit(detail)
    undo_bar("recommendation", writes)
    for recommendation in detail.recommendations:
        with st.container(border=True):
            _recommendation(detail, recommendation, editable, reads, writes)
    if editable:
        _new_recommendation(detail, writes)
    deleted_list(detail.deleted_recommendations, "recommendation", editable, writes)


def _recommendation(
    detail: VisitDetail, row: Recommendation, editable: bool, reads: Reads, writes: Writes
) -> None:
    scope = commands.draft_scope("recommendation", row.id, "text")
    status = recommendation_status(row.status, row.days_overdue)
    # Overdue stands out in red; the text is ours, never the user's.
    shown = f":red[{status}]" if row.days_overdue else status
    st.markdown(f"**{t(f'direction.{row.direction}')}** · {shown}")
    keys = {name: f"{name}-{row.id}" for name in ("addressee", "due_date", "priority")}
    edit = editing.begin(
        f"recommendation:{row.id}",
        row.version,
        {
            text_key(scope): row.text,
            keys["addressee"]: row.addressee or "",
            keys["due_date"]: row.due_date,
            keys["priority"]: row.priority,
        },
        own_drafts(detail, scope),
    )
    text = autosaved_text(
        t("col.text"),
        scope=scope,
        saved=row.text,
        base_version=edit.base,
        drafts=detail.drafts,
        writes=writes,
        disabled=not editable,
        height=80,
    )
    left, middle, right = st.columns(3)
    addressee = left.text_input(t("col.addressee"), key=keys["addressee"], disabled=not editable)
    due_date = middle.date_input(
        t("col.due"), format="DD/MM/YYYY", key=keys["due_date"], disabled=not editable
    )
    priority = right.selectbox(
        t("visit.priority"),
        options=list(PRIORITIES),
        format_func=lambda p: t(f"priority.{p}"),
        key=translated_choice(keys["priority"]),
        disabled=not editable,
        placeholder=t("filter.choose"),
    )
    if editable:
        changes = {
            "text": text.strip(),
            "addressee": addressee.strip() or None,
            "due_date": due_date,
            "priority": priority,
        }
        _save(row, edit, scope, changes, writes)
    history = detail.history_of(row.id)
    # Follow-up stays possible after sign-off: it is the locality's progress.
    with st.expander(t("visit.follow_up", n=len(history))):
        if history:
            st.dataframe(follow_up_table(history), hide_index=True)
        if may_follow_up(detail.locality_id):
            status_change_form(row.id, row.status, row.version, writes, reads.today())


def _save(
    row: Recommendation, edit: editing.Edit, scope: str, changes: dict, writes: Writes
) -> None:
    labels = {
        "text": t("col.text"),
        "addressee": t("col.addressee"),
        "due_date": t("col.due"),
        "priority": t("visit.priority"),
    }
    expected, again = editing.save_against(edit, labels, writes, (scope,))
    save, delete = st.columns([4, 1])
    if (save.button(t("save"), key=f"save-{row.id}") or again) and writes.run(
        commands.update_recommendation,
        row.id,
        expected,
        changes,
        conflict_key=edit.record,
    ).ok:
        editing.done(edit)
        saved_and_rerun()
    delete_button(delete, "recommendation", row, writes)


NEW_RECOMMENDATION_KEYS = (
    "new-rec-direction",
    "new-rec-addressee",
    "new-rec-due",
    "new-rec-priority",
)


def suggestions(detail: VisitDetail) -> list[str]:
    """Common recommendations from the campaign's criteria: those rated "not met" at this
    visit first, then the others, each once."""
    ordered = sorted(detail.checklist, key=lambda item: (item.rating != "fail", item.code))
    texts = [t("visit.suggestion", criterion=item.text.rstrip(".")) for item in ordered]
    return list(dict.fromkeys(texts))


def _use_suggestion(scope: str, writes: Writes) -> None:
    """Put the chosen suggestion in the text field (after what is typed), kept as a draft."""
    chosen = st.session_state.pop(SUGGESTION_KEY, None)
    if not chosen:
        return
    key = text_key(scope)
    typed = (st.session_state.get(key) or "").rstrip()
    text = f"{typed}\n{chosen}" if typed else chosen
    st.session_state[key] = text
    keep_draft(writes, scope, text, None)


SUGGESTION_KEY = "new-rec-suggestion"


def _new_recommendation(detail: VisitDetail, writes: Writes) -> None:
    st.subheader(t("visit.new_recommendation"))
    scope = commands.draft_scope("visit", detail.id, "new_recommendation")
    with st.container(border=True):
        offered = suggestions(detail)
        if offered:
            st.selectbox(
                t("visit.suggestions"),
                options=offered,
                index=None,
                key=SUGGESTION_KEY,
                placeholder=t("visit.suggestions_choose"),
                on_change=_use_suggestion,
                args=(scope, writes),
            )
        direction = st.radio(
            t("col.direction"),
            options=list(RECOMMENDATION_DIRECTIONS),
            format_func=lambda d: t(f"direction.{d}"),
            horizontal=True,
            key="new-rec-direction",
        )
        text = new_text(t("col.text"), scope=scope, drafts=detail.drafts, writes=writes, height=80)
        left, middle, right = st.columns(3)
        # Whom this delegation or this locality addressed before; a new name can be typed.
        addressee = left.selectbox(
            t("col.addressee"),
            options=list(detail.addressees),
            index=None,
            accept_new_options=True,
            key="new-rec-addressee",
            placeholder=t("visit.addressee_choose"),
        )
        due: date | None = middle.date_input(
            t("col.due"), value=None, format="DD/MM/YYYY", key="new-rec-due"
        )
        priority = right.selectbox(
            t("visit.priority"),
            options=list(PRIORITIES),
            index=PRIORITIES.index(DEFAULT_PRIORITY),
            format_func=lambda p: t(f"priority.{p}"),
            key="new-rec-priority",
            placeholder=t("filter.choose"),
        )
        data = commands.RecommendationInput(
            direction=direction, text=text, addressee=addressee, due_date=due, priority=priority
        )
        if (
            st.button(t("visit.add"), key="add-recommendation")
            and writes.run(commands.add_recommendation, detail.id, data).ok
        ):
            forget(scope)
            for key in NEW_RECOMMENDATION_KEYS:  # the next one starts from the defaults
                st.session_state.pop(key, None)
            saved_and_rerun()
