"""Tab "Tiêu chí": each criterion of the campaigns rated Tốt/Đạt/Chưa đạt, with a note;
every change is saved at once."""

from __future__ import annotations

from uuid import UUID

import streamlit as st

from data_access import visits as commands
from data_access.errors import StaleEdit
from data_access.visit_views import ChecklistItem, VisitDetail
from domain.visits import checklist_progress
from domain.vocabulary import RATINGS
from ui.actions import may_edit
from ui.common import plain_markdown, t
from ui.data import Reads, Writes
from ui.editing import shown_value

RATING_ERROR_KEY = "rating_errors"
RATING_CONFLICT_KEY = "rating_conflicts"
NOT_RATED_WHEN_SHOWN = 0  # the version sent for a criterion shown without a rating


def _rate(writes: Writes, visit_id: UUID, criterion_id: UUID, version: int | None) -> None:
    """A rating is saved as it is clicked; a refusal is shown under its criterion, a
    rating someone else saved meanwhile beside this one."""
    rating = st.session_state[f"rating-{criterion_id}"]
    note = st.session_state.get(f"rating-note-{criterion_id}", "")
    errors = st.session_state.setdefault(RATING_ERROR_KEY, {})
    conflicts = st.session_state.setdefault(RATING_CONFLICT_KEY, {})
    refused = writes.refusal(
        commands.rate_criterion,
        visit_id,
        criterion_id,
        rating,
        note,
        NOT_RATED_WHEN_SHOWN if version is None else version,
    )
    errors.pop(criterion_id, None)
    conflicts.pop(criterion_id, None)
    if isinstance(refused, StaleEdit):
        conflicts[criterion_id] = refused
    elif refused:
        errors[criterion_id] = refused


def _resolve(writes: Writes, visit_id: UUID, criterion_id: UUID, keep_mine: bool) -> None:
    """The person chose: save their rating over the other (against the version now
    saved), or take the saved one into the fields."""
    conflict = st.session_state.get(RATING_CONFLICT_KEY, {}).pop(criterion_id, None)
    if conflict is None:
        return
    if keep_mine:
        _rate(writes, visit_id, criterion_id, conflict.current_version)
    else:
        st.session_state[f"rating-{criterion_id}"] = conflict.theirs["rating"]
        st.session_state[f"rating-note-{criterion_id}"] = conflict.theirs["note"] or ""


def _conflict(detail: VisitDetail, item: ChecklistItem, conflict: StaleEdit, writes: Writes):
    st.error(t("error.stale_edit"))
    theirs, mine = st.columns(2)
    labels = {"rating": t("visit.rating"), "note": t("visit.rating_note")}
    for column, side, values in (
        (theirs, "error.theirs", conflict.theirs),
        (mine, "error.mine", conflict.mine),
    ):
        with column:
            st.markdown(f"**{t(side)}**")
            for field, value in values.items():
                st.text(f"{labels[field]}: {shown_value(field, value)}")
    args = (writes, detail.id, item.criterion_id)
    theirs.button(
        t("edit.take_theirs"),
        key=f"rating-take-theirs-{item.criterion_id}",
        on_click=_resolve,
        args=(*args, False),
    )
    mine.button(
        t("error.keep_mine"),
        key=f"rating-keep-mine-{item.criterion_id}",
        type="primary",
        on_click=_resolve,
        args=(*args, True),
    )


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    if not detail.checklist:
        st.caption(t("visit.no_criteria"))
        return
    rated, total = checklist_progress([item.rating for item in detail.checklist])
    st.progress(rated / total, text=t("visit.progress", rated=rated, total=total))
    editable = may_edit(detail)
    errors = st.session_state.get(RATING_ERROR_KEY, {})
    conflicts = st.session_state.get(RATING_CONFLICT_KEY, {})
    names = {campaign.id: campaign.name for campaign in detail.campaigns}
    groups: dict[tuple[UUID, str, str], list[ChecklistItem]] = {}
    for item in detail.checklist:
        groups.setdefault((item.campaign_id, item.target_group, item.area), []).append(item)
    for (campaign_id, group, area), items in groups.items():
        if len(names) > 1:
            st.caption(plain_markdown(names[campaign_id]))
        st.markdown(f"**{t(f'group.{group}')} — {t(f'area.{area}')}**")
        for item in items:
            with st.container(border=True):
                _criterion(detail, item, editable, writes)
                if item.criterion_id in errors:
                    st.error(errors[item.criterion_id])
                if item.criterion_id in conflicts:
                    _conflict(detail, item, conflicts[item.criterion_id], writes)


def _criterion(detail: VisitDetail, item: ChecklistItem, editable: bool, writes: Writes) -> None:
    st.markdown(f"{plain_markdown(item.code)}. {plain_markdown(item.text)}")
    left, right = st.columns([3, 2])
    st.session_state.setdefault(f"rating-{item.criterion_id}", item.rating)
    st.session_state.setdefault(f"rating-note-{item.criterion_id}", item.note or "")
    args = (writes, detail.id, item.criterion_id, item.version)
    with left:
        st.radio(
            t("visit.rating"),
            options=list(RATINGS),
            format_func=lambda r: t(f"rating.{r}"),
            horizontal=True,
            key=f"rating-{item.criterion_id}",
            on_change=_rate,
            args=args,
            disabled=not editable,
            label_visibility="collapsed",
        )
    with right:
        st.text_input(
            t("visit.rating_note"),
            key=f"rating-note-{item.criterion_id}",
            on_change=_rate,
            args=args,
            disabled=not editable,
            placeholder=t("visit.rating_note"),
            label_visibility="collapsed",
        )
