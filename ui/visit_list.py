"""The visit list: filters, the table, and the form that creates a visit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import pandas as pd
import streamlit as st

from data_access import visits as commands
from domain.localities import LocalityTree
from domain.vocabulary import ATTENDEE_SIDES, VISIT_STATUSES
from texts.formats import format_date
from ui.actions import attempt
from ui.common import illustrative_mark, t, unit_name
from ui.data import Reads, engine, today


@dataclass(frozen=True)
class VisitFilters:
    campaign_id: UUID | None
    locality_id: UUID | None
    delegation_id: UUID | None
    statuses: tuple[str, ...]
    start: date | None
    end: date | None


def filters(reads: Reads, visits: pd.DataFrame) -> VisitFilters:
    tree = reads.tree()
    campaigns = reads.campaigns()
    campaign_names = dict(zip(campaigns["id"], campaigns["name"], strict=True))
    delegations = reads.delegations()
    delegation_names = dict(zip(delegations["id"], delegations["name"], strict=True))
    visited = sorted(set(visits["locality_id"]), key=lambda i: tree.units[i].name)
    first, second, third = st.columns(3)
    campaign_id = first.selectbox(
        t("filter.campaign"),
        options=[None, *campaign_names],
        format_func=lambda i: t("filter.all_below") if i is None else campaign_names[i],
        key="visits-campaign",
    )
    locality_id = second.selectbox(
        t("col.locality"),
        options=[None, *visited],
        format_func=lambda i: t("filter.all_below") if i is None else unit_name(tree, i),
        key="visits-locality",
    )
    delegation_id = third.selectbox(
        t("col.delegation"),
        options=[None, *delegation_names],
        format_func=lambda i: t("filter.all_below") if i is None else delegation_names[i],
        key="visits-delegation",
    )
    left, right = st.columns([2, 1])
    statuses = left.multiselect(
        t("col.status"),
        options=list(VISIT_STATUSES),
        format_func=lambda s: t(f"visit.{s}"),
        key="visits-status",
        placeholder=t("filter.choose"),
    )
    dates = right.date_input(t("visits.dates"), value=(), format="DD/MM/YYYY", key="visits-dates")
    # A range picker gives (), (start,) or (start, end) while the user picks.
    start, end = (*dates, None, None)[:2] if isinstance(dates, tuple) else (dates, dates)
    return VisitFilters(campaign_id, locality_id, delegation_id, tuple(statuses), start, end)


def apply(visits: pd.DataFrame, chosen: VisitFilters) -> pd.DataFrame:
    keep = pd.Series(True, index=visits.index)
    if chosen.campaign_id is not None:
        keep &= visits["campaign_ids"].apply(lambda ids: chosen.campaign_id in ids)
    if chosen.locality_id is not None:
        keep &= visits["locality_id"] == chosen.locality_id
    if chosen.delegation_id is not None:
        keep &= visits["delegation_id"] == chosen.delegation_id
    if chosen.statuses:
        keep &= visits["status"].isin(chosen.statuses)
    if chosen.start is not None:
        keep &= visits["visit_date"] >= chosen.start
    if chosen.end is not None:
        keep &= visits["visit_date"] <= chosen.end
    return visits[keep].reset_index(drop=True)


def table(visits: pd.DataFrame, tree: LocalityTree) -> UUID | None:
    """The visits; selecting a row returns its id."""
    shown = pd.DataFrame(
        {
            t("col.date"): [format_date(d) for d in visits["visit_date"]],
            t("col.locality"): [unit_name(tree, i) for i in visits["locality_id"]],
            t("col.delegation"): visits["delegation"].fillna("–"),
            t("col.status"): [
                t(f"visit.{s}") + illustrative_mark(bool(i))
                for s, i in zip(visits["status"], visits["is_illustrative"], strict=True)
            ],
            t("col.venue"): visits["venue"].fillna("–"),
        }
    )
    picked = st.dataframe(
        shown, hide_index=True, on_select="rerun", selection_mode="single-row", key="visits"
    )
    rows = picked.selection.rows if picked else []
    return visits["id"].iloc[rows[0]] if rows else None


def create_form(reads: Reads) -> UUID | None:
    """Returns the new visit's id once it is created."""
    tree = reads.tree()
    campaigns = reads.campaigns()
    campaign_names = dict(zip(campaigns["id"], campaigns["name"], strict=True))
    delegations = reads.delegations()
    delegation_names = dict(zip(delegations["id"], delegations["name"], strict=True))
    on = today()
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
        delegation_id = left.selectbox(
            t("col.delegation"),
            options=list(delegation_names),
            format_func=delegation_names.get,
            index=None,
            placeholder=t("visits.choose_delegation"),
        )
        new_delegation = right.text_input(t("visits.new_delegation"))
        day = left.date_input(t("col.date"), value=on, format="DD/MM/YYYY")
        time_of_day = right.text_input(t("visit.field.time_of_day"), placeholder="08:00")
        venue = left.text_input(t("visit.field.venue"))
        chair = right.text_input(t("visit.field.chair"))
        secretary = left.text_input(t("visit.field.secretary"))
        side_labels = {side: t(f"side.{side}") for side in ATTENDEE_SIDES}
        attendees = st.data_editor(
            pd.DataFrame(
                {
                    "side": pd.Series(dtype=str),
                    "full_name": pd.Series(dtype=str),
                    "title": pd.Series(dtype=str),
                }
            ),
            num_rows="dynamic",
            hide_index=True,
            key="new-visit-attendees",
            column_config={
                "side": st.column_config.SelectboxColumn(
                    t("visit.side"), options=list(side_labels.values()), required=True
                ),
                "full_name": st.column_config.TextColumn(t("visit.full_name")),
                "title": st.column_config.TextColumn(t("visit.title")),
            },
        )
        submitted = st.form_submit_button(t("visits.create"), type="primary")
    if not submitted:
        return None
    if locality_id is None:
        st.error(t("problem.locality_required"))
        return None
    by_label = {label: side for side, label in side_labels.items()}
    people = [
        (by_label.get(row.side, "delegation"), str(row.full_name), str(row.title or ""))
        for row in attendees.itertuples(index=False)
        if isinstance(row.full_name, str) and row.full_name.strip()
    ]
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
        attendees=people,
    )
    outcome = attempt(commands.create_visit, engine(), data)
    return outcome.value if outcome.ok else None
