"""The one place where Streamlit caches reads.

The engine is a cached resource; reads are cached by simple values and the data version
that every write bumps, so a save shows up at the next rerun and nothing stale lingers.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from uuid import UUID

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from data_access import catalogue, dashboard, locality_profile, recommendations, visit_views
from data_access.config import Settings, load_settings
from data_access.db import create_db_engine
from data_access.migrate import upgrade_to_head
from domain.localities import LEVEL_ORDER, LocalityTree
from domain.periods import Period
from sample_data.load import load_sample_if_empty
from ui.actions import SIGNED_IN_KEY
from ui.common import language, unit_name


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """Open the database, bring its schema up to date, and load the sample on first start."""
    current = settings()
    db = create_db_engine(current.database_url)
    upgrade_to_head(db)
    if current.load_sample_on_empty:
        load_sample_if_empty(db)
    return db


def today() -> date:
    return settings().today()


def attachments_folder() -> Path:
    return settings().data_dir / "attachments"


def data_versions() -> catalogue.DataVersions:
    return catalogue.data_versions(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def _campaigns(version: int) -> pd.DataFrame:
    return catalogue.list_campaigns(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def _localities(version: int) -> pd.DataFrame:
    return catalogue.list_localities(engine())


@st.cache_resource(show_spinner=False, max_entries=8)
def _tree(version: int) -> LocalityTree:
    return catalogue.locality_tree(_localities(version))


@st.cache_data(show_spinner=False, max_entries=32)
def _value_years(version: int, campaign_id: UUID) -> tuple[int, int] | None:
    return dashboard.value_years(engine(), campaign_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _overview(
    version: int,
    campaign_id: UUID,
    first_year: int,
    last_year: int,
    parent_id: UUID | None,
    on: date,
    allowed: frozenset[UUID] | None,
) -> dashboard.OverviewView:
    # ``allowed`` is part of the key: users limited to different places never share.
    return dashboard.overview_figures(
        engine(),
        campaign_id,
        Period.years(first_year, last_year),
        parent_id,
        on,
        _tree(version),  # ``version`` is the figures version here
        allowed,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _recommendation_counts(version: int, campaign_id: UUID, on: date) -> pd.DataFrame:
    return dashboard.recommendation_counts(engine(), campaign_id, on)


@st.cache_data(show_spinner=False, max_entries=64)
def _profile(version: int, locality_id: UUID, on: date) -> locality_profile.LocalityProfile:
    return locality_profile.locality_profile(engine(), locality_id, on)


@st.cache_data(show_spinner=False, max_entries=8)
def _visits(version: int) -> pd.DataFrame:
    return visit_views.list_visits(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def _delegations(version: int) -> pd.DataFrame:
    return visit_views.list_delegations(engine())


@st.cache_data(show_spinner=False, max_entries=32)
def _campaign_indicators(version: int, campaign_id: UUID) -> pd.DataFrame:
    return catalogue.campaign_indicators(engine(), campaign_id)


TRACKER_PAGE = 500  # rows per page of the tracker: a screenful to scroll, sent at once


@st.cache_data(show_spinner=False, max_entries=64)
def _tracker(
    version: int, on: date, where: recommendations.TrackerFilter, page: int
) -> tuple[pd.DataFrame, int]:
    return recommendations.list_recommendations(
        engine(), on, where, limit=TRACKER_PAGE, offset=(page - 1) * TRACKER_PAGE
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _locality_choices(
    version: int, language_code: str, allowed: frozenset[UUID] | None, detailed: bool
) -> tuple[list[UUID], dict[UUID, str]]:
    """Select-box options over the whole catalogue (13,000 units at national scale),
    sorted and labelled once per catalogue version rather than on every run."""
    tree = _tree(version)
    ids = [i for i in tree.units if allowed is None or i in allowed]
    if not detailed:
        ids.sort(key=lambda i: tree.units[i].name)
        return ids, {i: unit_name(tree, i) for i in ids}
    # Today's units first, provinces before communes; the code and parent tell namesakes apart.
    ids.sort(
        key=lambda i: (
            tree.units[i].valid_to is not None,
            LEVEL_ORDER[tree.units[i].level],
            tree.units[i].name,
        )
    )
    labels = {}
    for i in ids:
        unit = tree.units[i]
        parent = tree.units.get(unit.parent_id) if unit.parent_id else None
        where = f" · {parent.name}" if parent else ""
        labels[i] = f"{unit_name(tree, i)} — {unit.code}{where}"
    return ids, labels


@st.cache_data(show_spinner=False, max_entries=64)
def _status_counts(version: int, on: date, where: recommendations.TrackerFilter) -> dict[str, int]:
    return recommendations.status_counts(engine(), on, where)


class Reads:
    """Cached reads for one script run, keyed on the data versions read once at its
    start, and limited to the localities the signed-in user may see. The catalogue and
    the figures' aggregates are keyed on the figures version, so saving a finding does
    not make the next viewer of the overview wait for them."""

    def __init__(self) -> None:
        versions = data_versions()
        self.version = versions.any
        self.figures_version = versions.figures
        signed_in = st.session_state.get(SIGNED_IN_KEY)
        self.allowed: frozenset[UUID] | None = signed_in.scope if signed_in else frozenset()

    def may_see(self, locality_id: UUID) -> bool:
        return self.allowed is None or locality_id in self.allowed

    def campaigns(self) -> pd.DataFrame:
        return _campaigns(self.figures_version)

    def localities(self) -> pd.DataFrame:
        return _localities(self.figures_version)

    def tree(self) -> LocalityTree:
        return _tree(self.figures_version)

    def locality_choices(self, *, detailed: bool = False) -> tuple[list[UUID], dict[UUID, str]]:
        """The localities this user may choose, in order, with their labels."""
        return _locality_choices(self.figures_version, language(), self.allowed, detailed)

    def value_years(self, campaign_id: UUID) -> tuple[int, int] | None:
        return _value_years(self.figures_version, campaign_id)

    def overview(
        self, campaign_id: UUID, first_year: int, last_year: int, parent_id: UUID | None
    ) -> dashboard.OverviewView:
        view = _overview(
            self.figures_version,
            campaign_id,
            first_year,
            last_year,
            parent_id,
            today(),
            self.allowed,
        )
        counts = _recommendation_counts(self.version, campaign_id, today())
        return dashboard.with_recommendations(view, counts)

    def profile(self, locality_id: UUID) -> locality_profile.LocalityProfile:
        return _profile(self.version, locality_id, today())

    def visits(self) -> pd.DataFrame:
        frame = _visits(self.version)
        return frame if self.allowed is None else frame[frame["locality_id"].isin(self.allowed)]

    def delegations(self) -> pd.DataFrame:
        return _delegations(self.version)

    def campaign_indicators(self, campaign_id: UUID) -> pd.DataFrame:
        return _campaign_indicators(self.figures_version, campaign_id)

    def tracker(
        self, where: recommendations.TrackerFilter, page: int = 1
    ) -> tuple[pd.DataFrame, int]:
        return _tracker(self.version, today(), self.limit(where), page)

    def status_counts(self, where: recommendations.TrackerFilter) -> dict[str, int]:
        return _status_counts(self.version, today(), self.limit(where))

    def limit(self, where: recommendations.TrackerFilter) -> recommendations.TrackerFilter:
        """The user's localities, whatever the filter asks for."""
        if self.allowed is None:
            return where
        wanted = set(where.locality_ids) if where.locality_ids else set(self.allowed)
        return dataclasses.replace(where, locality_ids=tuple(sorted(wanted & self.allowed)))

    @staticmethod
    def visit(visit_id: UUID) -> visit_views.VisitDetail | None:
        """Not cached: it carries the drafts, which change without a data version bump."""
        return visit_views.visit_detail(engine(), visit_id, today())
