"""The recommendations tracker: filters, counts, the table, and follow-up of one item."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import streamlit as st

from data_access.recommendations import TrackedRecommendation, TrackerFilter
from domain.vocabulary import RECOMMENDATION_STATUSES
from texts.formats import format_date, format_number
from ui.actions import may_follow_up
from ui.common import (
    choose_or_all,
    choose_statuses,
    illustrative_mark,
    overdue_rows,
    plain_markdown,
    recommendation_status,
    t,
    unit_name,
)
from ui.data import TRACKER_PAGE, Reads, Writes
from ui.visit.follow_up import follow_up_table, status_change_form


def filters(reads: Reads) -> TrackerFilter:
    tree = reads.tree()
    first, second, third = st.columns([2, 2, 1])
    statuses = choose_statuses(first, RECOMMENDATION_STATUSES, "rstatus", "tracker-status")
    campaign_id = choose_or_all(
        second, t("filter.campaign"), reads.campaign_names(), "tracker-campaign"
    )
    third.write("")
    overdue_only = third.checkbox(t("tracker.overdue_only"), key="tracker-overdue")
    left, right = st.columns(2)
    addressee = left.text_input(t("col.addressee"), key="tracker-addressee")
    localities, labels = reads.locality_choices()
    locality = choose_or_all(
        right, t("col.locality"), {i: labels[i] for i in localities}, "tracker-locality"
    )
    # A province or district includes what lies below it.
    scope = None if locality is None else (locality, *sorted(tree.descendants(locality)))
    return TrackerFilter(
        statuses=statuses,
        overdue_only=overdue_only,
        addressee=addressee,
        locality_ids=scope,
        campaign_id=campaign_id,
    )


def counts(reads: Reads, where: TrackerFilter) -> int:
    """The counts by status of what the filter matches; returns how many it matches."""
    numbers = reads.status_counts(where)
    columns = st.columns(len(RECOMMENDATION_STATUSES) + 1)
    for column, status in zip(columns, RECOMMENDATION_STATUSES, strict=False):
        column.metric(t(f"rstatus.{status}"), format_number(numbers.get(status, 0)))
    # Beside the statuses, one word: the long label was cut short in a sixth of the width.
    columns[-1].metric(t("tracker.overdue"), format_number(numbers["overdue"]))
    return sum(numbers.get(status, 0) for status in RECOMMENDATION_STATUSES)


PAGE_KEY = "tracker-page"


def page(where: TrackerFilter) -> int:
    """The page asked for; back to the first whenever the filters change."""
    if st.session_state.get("tracker-where") != where:
        st.session_state["tracker-where"] = where
        st.session_state[PAGE_KEY] = 1
    return int(st.session_state.get(PAGE_KEY, 1))


def pager(total: int, current: int) -> None:
    pages = max(1, -(-total // TRACKER_PAGE))
    if current > pages:  # fewer rows than when this page was chosen
        st.session_state[PAGE_KEY] = pages
        st.rerun()
    if pages == 1:
        return
    first = (current - 1) * TRACKER_PAGE + 1
    left, right = st.columns([1, 4])
    left.number_input(t("tracker.page"), min_value=1, max_value=pages, step=1, key=PAGE_KEY)
    right.caption(
        t(
            "tracker.page_rows",
            first=format_number(first),
            last=format_number(min(total, first + TRACKER_PAGE - 1)),
            total=format_number(total),
            page=current,
            pages=pages,
        )
    )


def table(rows: Sequence[TrackedRecommendation], total: int, tree) -> UUID | None:
    if not rows:
        st.info(t("tracker.none"))
        return None
    shown = {
        t("col.status"): [
            recommendation_status(r.status, r.days_overdue) + illustrative_mark(r.is_illustrative)
            for r in rows
        ],
        t("col.due"): [format_date(r.due_date) for r in rows],
        t("col.locality"): [unit_name(tree, r.locality_id) for r in rows],
        t("col.addressee"): [r.addressee or "–" for r in rows],
        t("col.text"): [r.text for r in rows],
        t("col.visit"): [format_date(r.visit_date) for r in rows],
        t("col.direction"): [t(f"direction.{r.direction}") for r in rows],
    }
    picked = st.dataframe(
        overdue_rows(shown, [r.days_overdue > 0 for r in rows]),
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="tracker-table",
        column_config={t("col.text"): st.column_config.TextColumn(width="large")},
    )
    selected = picked.selection.rows if picked else []
    return rows[selected[0]].id if selected else None


def follow_up(
    rows: Sequence[TrackedRecommendation], recommendation_id: UUID, reads: Reads, writes: Writes
) -> None:
    row = next(r for r in rows if r.id == recommendation_id)
    st.subheader(t("tracker.follow_up"))
    st.markdown(f"**{t(f'direction.{row.direction}')}** · {plain_markdown(row.addressee or '–')}")
    st.text(row.text)
    history = reads.recommendation_history(recommendation_id)
    if history:
        st.dataframe(follow_up_table(history), hide_index=True)
    if may_follow_up(row.locality_id):
        status_change_form(recommendation_id, row.status, row.version, writes, reads.today())
    if st.button(t("tracker.open_visit"), key="tracker-open-visit"):
        st.switch_page("pages/visit.py", query_params={"visit": str(row.visit_id)})
