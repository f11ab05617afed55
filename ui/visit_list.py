"""The visit list: filters, the table, and the form that creates a visit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import VisitSummary
from domain.localities import LocalityTree
from domain.vocabulary import VISIT_STATUSES
from texts.formats import format_date
from ui.common import (
    choose_one,
    choose_or_all,
    choose_statuses,
    date_range,
    illustrative_mark,
    t,
    unit_name,
)
from ui.data import Reads, Writes


@dataclass(frozen=True)
class VisitFilters:
    campaign_id: UUID | None
    locality_id: UUID | None
    delegation_id: UUID | None
    statuses: tuple[str, ...]
    start: date | None
    end: date | None


def filters(reads: Reads, visits: Sequence[VisitSummary]) -> VisitFilters:
    tree = reads.tree()
    visited = sorted({v.locality_id for v in visits}, key=lambda i: tree.units[i].name)
    first, second, third = st.columns(3)
    campaign_id = choose_or_all(
        first, t("filter.campaign"), reads.campaign_names(), "visits-campaign"
    )
    locality_id = choose_or_all(
        second, t("col.locality"), {i: unit_name(tree, i) for i in visited}, "visits-locality"
    )
    delegation_id = choose_or_all(
        third, t("col.delegation"), reads.delegation_names(), "visits-delegation"
    )
    left, right = st.columns([2, 1])
    statuses = choose_statuses(left, VISIT_STATUSES, "visit", "visits-status")
    start, end = date_range(right, t("visits.dates"), "visits-dates")
    return VisitFilters(campaign_id, locality_id, delegation_id, statuses, start, end)


def apply(visits: Sequence[VisitSummary], chosen: VisitFilters) -> list[VisitSummary]:
    def kept(visit: VisitSummary) -> bool:
        return (
            (chosen.campaign_id is None or chosen.campaign_id in visit.campaign_ids)
            and (chosen.locality_id is None or visit.locality_id == chosen.locality_id)
            and (chosen.delegation_id is None or visit.delegation_id == chosen.delegation_id)
            and (not chosen.statuses or visit.status in chosen.statuses)
            and (chosen.start is None or visit.visit_date >= chosen.start)
            and (chosen.end is None or visit.visit_date <= chosen.end)
        )

    return [visit for visit in visits if kept(visit)]


def table(visits: Sequence[VisitSummary], tree: LocalityTree) -> UUID | None:
    """The visits; selecting a row returns its id."""
    shown = {
        t("col.date"): [format_date(v.visit_date) for v in visits],
        t("col.locality"): [unit_name(tree, v.locality_id) for v in visits],
        t("col.delegation"): [v.delegation or "–" for v in visits],
        t("col.status"): [
            t(f"visit.{v.status}") + illustrative_mark(v.is_illustrative) for v in visits
        ],
        t("col.venue"): [v.venue or "–" for v in visits],
    }
    picked = st.dataframe(
        shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="visits"
    )
    rows = picked.selection.rows if picked else []
    return visits[rows[0]].id if rows else None


def create_form(reads: Reads, writes: Writes) -> UUID | None:
    """Returns the new visit's id once it is created."""
    tree = reads.tree()
    campaign_names = reads.campaign_names()
    delegation_names = reads.delegation_names()
    on = reads.today()
    current = sorted(
        (u for u in tree.units.values() if u.existed_during(on, on)),
        key=lambda u: (u.level != "province", u.name),
    )
    former = sorted((u for u in tree.units.values() if u.valid_to), key=lambda u: u.name)
    localities = [u.id for u in current + former]
    with st.form("new-visit", clear_on_submit=False):
        left, right = st.columns(2)
        locality_id = left.selectbox(
            t("col.locality"),
            options=localities,
            format_func=lambda i: unit_name(tree, i),
            index=None,
            placeholder=t("visits.choose_locality"),
        )
        # String ids: a multiselect's options travel to the browser as text.
        campaign_ids = right.multiselect(
            t("visits.campaigns"),
            options=[str(i) for i in campaign_names],
            placeholder=t("filter.choose"),
            format_func=lambda i: campaign_names[UUID(i)],
        )
        delegation_id = choose_one(
            left,
            t("col.delegation"),
            delegation_names,
            index=None,
            placeholder=t("visits.choose_delegation"),
        )
        new_delegation = right.text_input(t("visits.new_delegation"))
        day = left.date_input(t("col.date"), value=on, format="DD/MM/YYYY")
        time_of_day = right.text_input(t("visit.field.time_of_day"), placeholder="08:00")
        venue = left.text_input(t("visit.field.venue"))
        chair = right.text_input(t("visit.field.chair"))
        secretary = left.text_input(t("visit.field.secretary"))
        # Who attends is added in the record itself: one by one, or the locality's last
        # attendees and the delegation's members in one click each.
        st.caption(t("visits.attendees_later"))
        submitted = st.form_submit_button(t("visits.create"), type="primary")
    if not submitted:
        return None
    if locality_id is None:
        st.error(t("problem.locality_required"))
        return None
    data = commands.VisitInput(
        locality_id=locality_id,
        visit_date=day,
        campaign_ids=[UUID(i) for i in campaign_ids],
        delegation_id=delegation_id,
        delegation_name=new_delegation,
        time_of_day=time_of_day.strip() or None,
        venue=venue.strip() or None,
        chair=chair.strip() or None,
        secretary=secretary.strip() or None,
    )
    outcome = writes.run(commands.create_visit, data)
    return outcome.value if outcome.ok else None
