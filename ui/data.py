"""The screens' two doors to the data: ``Reads`` (cached, scoped to the user) and
``Writes`` (every command run as the signed-in user). Screens are handed one of each, so a
component test can hand them fakes; nothing else in ``ui/`` opens the database.

The engine is a cached resource; reads are cached by simple values and the data version
that every write bumps, so a save shows up at the next rerun and nothing stale lingers.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from data_access import (
    accounts,
    attachments,
    audit,
    backup,
    catalogue,
    dashboard,
    document_templates,
    drafts,
    flows,
    imports,
    locality_profile,
    official_catalogue,
    recommendations,
    rounds,
    visit_views,
)
from data_access.config import Settings, load_settings
from data_access.db import create_db_engine
from data_access.errors import StaleEdit
from data_access.migrate import upgrade_to_head
from data_access.places import Places, unit_places
from data_access.sync import conflicts as sync_conflicts
from data_access.sync import laptops
from domain.as_of import DateChoice
from domain.imports import ParsedReport, ParsedWorks, TemplateSpec
from domain.localities import LEVEL_ORDER, LocalityTree
from domain.periods import Period
from sample_data.load import first_start
from ui.actions import SIGNED_IN_KEY, Outcome, actor, attempt
from ui.common import language, t, unit_name

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """Open the database, bring its schema up to date, and on first start give it the
    official catalogue (and the sample, unless turned off)."""
    current = settings()
    db = create_db_engine(current.database_url)
    upgrade_to_head(db)
    first_start(db, with_sample=current.load_sample_on_empty)
    return db


def today() -> date:
    return settings().today()


def attachments_folder() -> Path:
    return settings().data_dir / "attachments"


def data_versions() -> catalogue.DataVersions:
    return catalogue.data_versions(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def _campaigns(version: int) -> tuple[catalogue.CampaignRecord, ...]:
    return catalogue.list_campaigns(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def _localities(version: int) -> pd.DataFrame:
    return catalogue.list_localities(engine())


@st.cache_resource(show_spinner=False, max_entries=8)
def _tree(version: int) -> LocalityTree:
    return catalogue.locality_tree(_localities(version))


@st.cache_data(show_spinner=False, max_entries=2)
def _official_status(version: int) -> official_catalogue.OfficialStatus:
    return official_catalogue.official_status(engine())


@st.cache_data(show_spinner=False, max_entries=32)
def _value_years(version: int, campaign_id: UUID) -> tuple[int, int] | None:
    return dashboard.value_years(engine(), campaign_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _overview(
    version: int,
    catalogue_version: int,
    campaign_id: UUID,
    first_year: int,
    last_year: int,
    parent_id: UUID | None,
    on: date,
    allowed: frozenset[UUID] | None,
    as_of: date | None,
) -> dashboard.OverviewView:
    # ``allowed`` is part of the key: users limited to different places never share.
    return dashboard.overview_figures(
        engine(),
        campaign_id,
        Period.years(first_year, last_year),
        parent_id,
        on,
        _tree(catalogue_version),
        allowed,
        as_of,
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _unit_years(
    version: int,
    catalogue_version: int,
    campaign_id: UUID,
    unit_id: UUID,
    allowed: frozenset[UUID] | None,
) -> dashboard.UnitYears:
    tree = _tree(catalogue_version)
    return dashboard.unit_years(engine(), campaign_id, unit_id, tree, allowed)


@st.cache_data(show_spinner=False, max_entries=16)
def _campaigns_below(
    version: int, catalogue_version: int, unit_id: UUID, allowed: frozenset[UUID] | None
) -> frozenset[UUID]:
    area = _tree(catalogue_version).descendants(unit_id)
    if allowed is not None:
        area &= allowed
    return frozenset(dashboard.campaigns_with_figures(engine(), area)) if area else frozenset()


@st.cache_data(show_spinner=False, max_entries=2)
def _stored_overlaps(version: int) -> list[flows.OverlapRecord]:
    return flows.stored_flow_overlaps(engine())


@st.cache_data(show_spinner=False, max_entries=16)
def _as_of_choices(
    version: int,
    catalogue_version: int,
    campaign_id: UUID,
    first_year: int,
    last_year: int,
    parent_id: UUID | None,
    allowed: frozenset[UUID] | None,
) -> list[DateChoice]:
    return dashboard.as_of_choices(
        engine(),
        campaign_id,
        Period.years(first_year, last_year),
        parent_id,
        _tree(catalogue_version),
        allowed,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _recommendation_counts(version: int, campaign_id: UUID, on: date) -> pd.DataFrame:
    return dashboard.recommendation_counts(engine(), campaign_id, on)


@st.cache_data(show_spinner=False, max_entries=64)
def _profile(version: int, locality_id: UUID, on: date) -> locality_profile.LocalityProfile:
    return locality_profile.locality_profile(engine(), locality_id, on)


@st.cache_data(show_spinner=False, max_entries=8)
def _visits(version: int) -> tuple[visit_views.VisitSummary, ...]:
    return visit_views.list_visits(engine())


@st.cache_data(show_spinner=False, max_entries=8)
def _rounds(version: int, on: date) -> tuple[rounds.RoundSummary, ...]:
    return rounds.list_rounds(engine(), on)


@st.cache_data(show_spinner=False, max_entries=8)
def _delegations(version: int) -> tuple[visit_views.DelegationRef, ...]:
    return visit_views.list_delegations(engine())


@st.cache_data(show_spinner=False, max_entries=32)
def _campaign_indicators(version: int, campaign_id: UUID) -> tuple[catalogue.IndicatorRecord, ...]:
    return catalogue.campaign_indicators(engine(), campaign_id)


TRACKER_PAGE = 500  # rows per page of the tracker: a screenful to scroll, sent at once


@st.cache_data(show_spinner=False, max_entries=64)
def _tracker(
    version: int, on: date, where: recommendations.TrackerFilter, page: int
) -> tuple[tuple[recommendations.TrackedRecommendation, ...], int]:
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


def overview_years(figures_version: int, campaign: catalogue.CampaignRecord) -> tuple[int, int]:
    """The years the overview offers for a campaign, first and last: those with figures,
    else from the campaign's start to this year."""
    first, last = _value_years(figures_version, campaign.id) or (
        (campaign.start_date or today()).year,
        today().year,
    )
    return first, max(last, first)


# --- the overview prepared in the background -------------------------------------------
# At national scale the overview's first view after the server starts, or after figures
# change, waits a second or more for its data (docs/PERFORMANCE.md). The server prepares
# the view most leaders open first (the first campaign, every year, the whole country, no
# place limit) in a thread of its own, as soon as it starts and after each change of the
# figures or the catalogue, so the first leader to open it finds it ready. Only the real
# server turns this on (server.py): page tests share one process and its caches across
# databases with equal versions, and must see only what they ran.
@dataclasses.dataclass
class _Preparation:
    on: bool = False  # only the real server turns it on
    done: set = dataclasses.field(default_factory=set)  # (figures, catalogue) versions
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


_preparation = _Preparation()
log = logging.getLogger(__name__)


def prepare_overview_in_background() -> None:
    """Turn background preparation on, and prepare the overview now."""
    _preparation.on = True
    _prepare_when_new(None)


def _prepare_when_new(versions: catalogue.DataVersions | None) -> None:
    if not _preparation.on:
        return
    key = None if versions is None else (versions.figures, versions.catalogue)
    with _preparation.lock:
        if key in _preparation.done:
            return
        _preparation.done.add(key)
    threading.Thread(target=prepare_overview, name="prepare-overview", daemon=True).start()


def prepare_overview() -> None:
    """Compute the default overview's data into the caches a screen reads (the same
    functions, the same keys: a leader's first view is then a cache hit)."""
    try:
        versions = data_versions()
        with _preparation.lock:  # at start the versions were not known yet
            _preparation.done.add((versions.figures, versions.catalogue))
        campaigns = _campaigns(versions.figures)
        if not campaigns:
            return
        campaign = campaigns[0]  # the one the overview shows first
        first, last = overview_years(versions.figures, campaign)
        _overview(
            versions.figures,
            versions.catalogue,
            campaign.id,
            first,
            last,
            None,
            today(),
            None,
            None,
        )
        _recommendation_counts(versions.any, campaign.id, today())
    except Exception:  # the screens will say what is wrong; a server log is enough here
        log.exception("preparing the overview in the background failed")


class Reads:
    """Cached reads for one script run, keyed on the data versions read once at its
    start, and limited to the localities the signed-in user may see. The figures'
    aggregates are keyed on the figures version, so saving a finding does not make the
    next viewer of the overview wait for them; the catalogue's tree on the catalogue
    version, so an import of figures does not either."""

    def __init__(self) -> None:
        versions = data_versions()
        self.version = versions.any
        self.figures_version = versions.figures
        self.catalogue_version = versions.catalogue
        signed_in = st.session_state.get(SIGNED_IN_KEY)
        self.allowed: frozenset[UUID] | None = signed_in.scope if signed_in else frozenset()
        _prepare_when_new(versions)

    @staticmethod
    def today() -> date:
        return today()

    def campaigns(self) -> tuple[catalogue.CampaignRecord, ...]:
        return _campaigns(self.figures_version)

    def campaign_names(self) -> dict[UUID, str]:
        return {campaign.id: campaign.name for campaign in self.campaigns()}

    def tree(self) -> LocalityTree:
        return _tree(self.catalogue_version)

    def locality_choices(self, *, detailed: bool = False) -> tuple[list[UUID], dict[UUID, str]]:
        """The localities this user may choose, in order, with their labels."""
        return _locality_choices(self.catalogue_version, language(), self.allowed, detailed)

    def overview_years(self, campaign: catalogue.CampaignRecord) -> tuple[int, int]:
        return overview_years(self.figures_version, campaign)

    def overview(
        self,
        campaign_id: UUID,
        first_year: int,
        last_year: int,
        parent_id: UUID | None,
        as_of: date | None = None,
    ) -> dashboard.OverviewView:
        """``as_of``: the date as-of figures are read on (``None``: the latest)."""
        view = _overview(
            self.figures_version,
            self.catalogue_version,
            campaign_id,
            first_year,
            last_year,
            parent_id,
            today(),
            self.allowed,
            as_of,
        )
        counts = _recommendation_counts(self.version, campaign_id, today())
        return dashboard.with_recommendations(view, counts)

    def as_of_choices(
        self, campaign_id: UUID, first_year: int, last_year: int, parent_id: UUID | None
    ) -> list[DateChoice]:
        """The dates the overview's as-of figures can be read on, with their coverage."""
        return _as_of_choices(
            self.figures_version,
            self.catalogue_version,
            campaign_id,
            first_year,
            last_year,
            parent_id,
            self.allowed,
        )

    def stored_overlaps(self) -> list[flows.OverlapRecord]:
        """Flow values stored with overlapping periods, for an administrator to resolve."""
        with st.spinner(t("admin.checking_overlaps")):
            return _stored_overlaps(self.figures_version)

    def unit_years(self, campaign_id: UUID, unit_id: UUID) -> dashboard.UnitYears:
        """A unit above a commune: its units' figures totalled year by year."""
        return _unit_years(
            self.figures_version, self.catalogue_version, campaign_id, unit_id, self.allowed
        )

    def campaigns_below(self, unit_id: UUID) -> frozenset[UUID]:
        """The campaigns with figures in the units below this one."""
        return _campaigns_below(self.figures_version, self.catalogue_version, unit_id, self.allowed)

    def profile(self, locality_id: UUID) -> locality_profile.LocalityProfile:
        return _profile(self.version, locality_id, today())

    def visits(self) -> tuple[visit_views.VisitSummary, ...]:
        visits = _visits(self.version)
        if self.allowed is None:
            return visits
        return tuple(visit for visit in visits if visit.locality_id in self.allowed)

    def rounds(self) -> tuple[rounds.RoundSummary, ...]:
        """The supervision rounds; a user limited to some localities sees the rounds that
        plan one of them."""
        every = _rounds(self.version, today())
        if self.allowed is None:
            return every
        return tuple(r for r in every if r.locality_ids & self.allowed)

    def round(self, round_id: UUID) -> rounds.RoundDetail | None:
        """Not cached: it carries the reader's drafts of the report."""
        return self.round_reader(round_id)()

    @staticmethod
    def round_reader(round_id: UUID) -> Callable[[], rounds.RoundDetail | None]:
        """The round as saved, read later (when a download is clicked); a user limited to
        some localities reads the round's visits in them only."""
        who, database, day = actor(), engine(), today()

        def read() -> rounds.RoundDetail | None:
            if who is None:
                return None
            detail = rounds.round_detail(database, round_id, day, who.username)
            if detail is None or who.scope is None:
                return detail
            if not any(who.sees(stop.locality_id) for stop in detail.stops):
                return None
            return dataclasses.replace(
                detail,
                visits=tuple(v for v in detail.visits if who.sees(v.locality_id)),
                candidates=tuple(v for v in detail.candidates if who.sees(v.locality_id)),
            )

        return read

    @staticmethod
    def round_file(round_id: UUID) -> tuple[str, bytes] | None:
        """The Word file kept with a round (uploaded back, or finalised)."""
        return rounds.report_file(engine(), round_id)

    def delegation_names(self) -> dict[UUID, str]:
        return {delegation.id: delegation.name for delegation in _delegations(self.version)}

    def campaign_indicators(self, campaign_id: UUID) -> tuple[catalogue.IndicatorRecord, ...]:
        return _campaign_indicators(self.figures_version, campaign_id)

    def tracker(
        self, where: recommendations.TrackerFilter, page: int = 1
    ) -> tuple[tuple[recommendations.TrackedRecommendation, ...], int]:
        return _tracker(self.version, today(), self.limit(where), page)

    def status_counts(self, where: recommendations.TrackerFilter) -> dict[str, int]:
        return _status_counts(self.version, today(), self.limit(where))

    def limit(self, where: recommendations.TrackerFilter) -> recommendations.TrackerFilter:
        """The user's localities, whatever the filter asks for: a filter outside them
        leaves no locality, and no locality means no rows (never every row)."""
        if self.allowed is None:
            return where
        asked = where.locality_ids
        wanted = set(self.allowed) if asked is None else set(asked)
        return dataclasses.replace(where, locality_ids=tuple(sorted(wanted & self.allowed)))

    def visit(self, visit_id: UUID) -> visit_views.VisitDetail | None:
        """Not cached: it carries the drafts, which change without a data version bump.
        A visit outside the user's localities reads as if it did not exist."""
        return self.visit_reader(visit_id)()

    @staticmethod
    def visit_reader(visit_id: UUID) -> Callable[[], visit_views.VisitDetail | None]:
        """The same read, to run later outside this run (a download made on click, where
        there is no session to ask): who reads is fixed now."""
        who, database, day = actor(), engine(), today()

        def read() -> visit_views.VisitDetail | None:
            if who is None:
                return None
            detail = visit_views.visit_detail(database, visit_id, day, who.username)
            return detail if detail is not None and who.sees(detail.locality_id) else None

        return read

    @staticmethod
    def my_drafts() -> dict[str, drafts.SavedDraft]:
        """The signed-in user's drafts, by scope (not cached: they change as people type)."""
        who = actor()
        return drafts.drafts_under(engine(), "", who.username) if who else {}

    def every_recommendation(
        self, where: recommendations.TrackerFilter
    ) -> tuple[recommendations.TrackedRecommendation, ...]:
        """Every match, not one page: what the register holds."""
        rows, _ = recommendations.list_recommendations(
            engine(), today(), self.limit(where), limit=None
        )
        return rows

    @staticmethod
    def status_changes_of(ids: list[UUID]) -> tuple[visit_views.StatusChange, ...]:
        return visit_views.status_changes_of(engine(), ids)

    @staticmethod
    def recommendation_history(recommendation_id: UUID) -> tuple[visit_views.StatusChange, ...]:
        return visit_views.status_changes(engine(), recommendation_id)

    @staticmethod
    def attachment(stored_name: str) -> bytes:
        """A stored file's bytes (NotFound when they are gone)."""
        return attachments.read_attachment(engine(), stored_name, attachments_folder())

    @staticmethod
    def places() -> Places:
        """Where each unit lies, from the official catalogue shipped with the tool."""
        return unit_places()

    @staticmethod
    def agency_template(kind: str) -> document_templates.AgencyTemplate | None:
        """The agency's own Word template of ``kind`` (read at each download: it is
        rare, and the shipped one applies the moment it is removed)."""
        return document_templates.agency_template(engine(), kind)

    # --- field sync (never cached: rare, and they change as syncs run) --------------------

    @staticmethod
    def laptop_state() -> laptops.LaptopState | None:
        """What this laptop knows of its server; None on the server or a lone laptop."""
        return laptops.laptop_state(engine())

    @staticmethod
    def laptops() -> tuple[laptops.LaptopRecord, ...]:
        return laptops.list_laptops(engine())

    @staticmethod
    def sync_log() -> tuple[laptops.SyncRecord, ...]:
        return laptops.sync_log(engine())

    @staticmethod
    def open_conflicts() -> tuple[sync_conflicts.OpenConflict, ...]:
        who = actor()
        return sync_conflicts.open_conflicts(engine(), who) if who else ()

    # --- administration and imports (administrators only; never cached) -----------------

    @staticmethod
    def users() -> tuple[accounts.UserRecord, ...]:
        return accounts.list_users(engine())

    @staticmethod
    def audit_events(**where: Any) -> tuple[audit.AuditRecord, ...]:
        return audit.list_events(engine(), **where)

    @staticmethod
    def backups() -> list[backup.BackupFile]:
        """BackupError on the shared server, which is backed up with its own tools."""
        return backup.list_backups(engine())

    @staticmethod
    def official_catalogue_status() -> official_catalogue.OfficialStatus:
        """The built-in catalogue and what this database lacks of it."""
        return _official_status(data_versions().any)

    @staticmethod
    def import_history() -> tuple[imports.ImportRecord, ...]:
        return imports.import_history(engine())

    @staticmethod
    def previous_import(content: bytes) -> imports.PreviousImport | None:
        """The earlier import of the same file (by its SHA-256), if any."""
        return imports.find_import(engine(), imports.file_digest(content))

    @staticmethod
    def report_context() -> imports.ReportContext:
        return imports.report_context(engine())

    @staticmethod
    def template_spec(campaign_id: UUID, start: date, end: date, label: str) -> TemplateSpec:
        return imports.template_spec(engine(), campaign_id, start, end, label)

    @staticmethod
    def works_of_area(locality_ids: list[UUID]) -> list[dict[str, Any]]:
        return imports.works_of_area(engine(), locality_ids)

    @staticmethod
    def report_preview(report: ParsedReport) -> imports.ImportPreview:
        return imports.preview_report_import(engine(), report)

    @staticmethod
    def works_preview(parsed: ParsedWorks) -> imports.WorksPreview:
        return imports.preview_works_import(engine(), parsed)


class Writes:
    """Every write of a screen goes through here: the command runs on the app's database
    as the signed-in user, and a refusal is said on screen (see ``ui.actions.attempt``)."""

    @staticmethod
    def run(command: Callable[..., T], *args: Any, **options: Any) -> Outcome[T]:
        """``command(engine, actor, *args)``; ``options``: ``conflict_key`` and
        ``indicator_names`` for the messages, the rest go to the command."""
        return attempt(command, engine(), *args, **options)

    @staticmethod
    def refusal(command: Callable[..., Any], *args: Any) -> str | StaleEdit | None:
        """For a widget callback, which cannot show a message where the widget is: run the
        command and return why it was refused (None when it went through); a stale save
        returns its ``StaleEdit``, so that both versions can be shown."""
        who = actor()
        if who is None:
            return t("auth.required")
        try:
            command(engine(), who, *args)
        except StaleEdit as stale:
            return stale
        except Exception as error:
            return t("error.unexpected", error=error)
        return None

    @staticmethod
    def keep_draft(scope: str, text: str, base_version: int | None) -> bool:
        """Keep what is typed under ``scope``; False when it could not be kept."""
        who = actor()
        if who is None:
            return False
        try:
            drafts.save_draft(engine(), who, scope, text, base_version=base_version)
        except Exception:
            return False
        return True

    @staticmethod
    def drop_draft(scope: str) -> None:
        who = actor()
        if who is not None:
            drafts.delete_draft(engine(), who, scope)

    @staticmethod
    def backup_now() -> backup.BackupFile:
        return backup.create_backup(engine(), actor())

    @staticmethod
    def restore(path: Path) -> None:
        """Put a backup in place of the live database; every cache is dropped after."""
        backup.restore_backup(engine(), actor(), path)
        st.cache_data.clear()

    @staticmethod
    def attach(visit_id: UUID, name: str, content: bytes, finding_id: UUID | None) -> Outcome:
        return attempt(
            attachments.add_attachment,
            engine(),
            visit_id,
            name,
            content,
            finding_id,
        )
