"""Tab "Tiêu chí": each criterion of the campaigns rated Tốt/Đạt/Chưa đạt, with a note;
every change is saved at once."""

from __future__ import annotations

from uuid import UUID

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import ChecklistItem, VisitDetail
from domain.visits import checklist_progress
from domain.vocabulary import RATINGS
from ui.actions import may_edit
from ui.common import plain_markdown, t
from ui.data import Reads, Writes

RATING_ERROR_KEY = "rating_errors"


def _rate(writes: Writes, visit_id: UUID, criterion_id: UUID, version: int | None) -> None:
    """A rating is saved as it is clicked; a refusal is shown under its criterion."""
    rating = st.session_state[f"rating-{criterion_id}"]
    note = st.session_state.get(f"rating-note-{criterion_id}", "")
    errors = st.session_state.setdefault(RATING_ERROR_KEY, {})
    refused = writes.refusal(commands.rate_criterion, visit_id, criterion_id, rating, note, version)
    if refused:
        errors[criterion_id] = refused
    else:
        errors.pop(criterion_id, None)


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    if not detail.checklist:
        st.caption(t("visit.no_criteria"))
        return
    rated, total = checklist_progress([item.rating for item in detail.checklist])
    st.progress(rated / total, text=t("visit.progress", rated=rated, total=total))
    editable = may_edit(detail)
    errors = st.session_state.get(RATING_ERROR_KEY, {})
    names = {campaign.id: campaign.name for campaign in detail.campaigns}
    groups: dict[tuple[UUID, str, str], list[ChecklistItem]] = {}
    for item in detail.checklist:
        groups.setdefault((item.campaign_id, item.target_group, item.area), []).append(item)
    for (campaign_id, group, area), items in groups.items():
        if len(names) > 1:
            st.caption(names[campaign_id])
        st.markdown(f"**{t(f'group.{group}')} — {t(f'area.{area}')}**")
        for item in items:
            with st.container(border=True):
                _criterion(detail, item, editable, writes)
                if item.criterion_id in errors:
                    st.error(errors[item.criterion_id])


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
