"""Download buttons for the workbooks. Each file is built only when its button is clicked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol
from uuid import UUID

import streamlit as st

from data_access.catalogue import CampaignRecord
from data_access.dashboard import OverviewView
from data_access.recommendations import TrackedRecommendation, TrackerFilter
from data_access.visit_views import StatusChange, VisitDetail
from documents.minutes import minutes_docx, minutes_docx_name
from domain.localities import LocalityTree
from excel.minutes import minutes_file_name, visit_minutes
from excel.register import (
    RegisterHeading,
    filter_line,
    recommendations_register,
    register_file_name,
)
from excel.summary import SummaryIndicator, SummaryRow, dashboard_summary, summary_file_name
from texts.formats import format_number
from ui.common import t, unit_name
from ui.data import Reads, settings, today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def minutes_buttons(detail: VisitDetail, reads: Reads) -> None:
    """The minutes as saved when a button is clicked (a tab may have saved since the page
    was drawn: tabs rerun alone), in Word to print and sign, and in Excel."""
    latest = reads.visit_reader(detail.id)

    def word() -> bytes:
        agency = reads.agency_template("minutes")
        return minutes_docx(latest() or detail, agency.content if agency else None)

    # Side by side as wide as their labels, wrapping on a narrow screen: never cut.
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("export.minutes_word"),
        data=word,
        file_name=minutes_docx_name(detail),
        mime=DOCX,
        icon=":material/description:",
        key="export-minutes-word",
        on_click="ignore",
    )
    buttons.download_button(
        t("export.minutes"),
        data=lambda: visit_minutes(latest() or detail),
        file_name=minutes_file_name(detail),
        mime=XLSX,
        icon=":material/download:",
        key="export-minutes",
        on_click="ignore",
    )


def register_workbook(
    reads: RegisterReads,
    where: TrackerFilter,
    tree: LocalityTree,
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """``progress``: told how far it is, from 0 to 1 (reading counts for a tenth)."""
    # Every matching recommendation, not only the rows shown on screen.
    rows = reads.every_recommendation(where)
    history = reads.status_changes_of([r.id for r in rows])
    if progress is not None:
        progress(0.1)
    names = {unit_id: unit_name(tree, unit_id) for unit_id in {r.locality_id for r in rows}}
    chosen = where.locality_ids[0] if where.locality_ids else None
    described = filter_line(
        where,
        reads.campaign_names().get(where.campaign_id) if where.campaign_id else None,
        unit_name(tree, chosen) if chosen else None,
    )
    heading = RegisterHeading(settings().agency, reads.today(), described)
    writing = None if progress is None else (lambda done: progress(0.1 + 0.9 * done))
    return recommendations_register(rows, history, names, heading, progress=writing)


class RegisterReads(Protocol):
    def every_recommendation(self, where: TrackerFilter) -> Sequence[TrackedRecommendation]: ...
    def status_changes_of(self, ids: list[UUID]) -> Sequence[StatusChange]: ...
    def campaign_names(self) -> dict[UUID, str]: ...
    def today(self) -> date: ...


LARGE_REGISTER = 3_000  # rows: above, the register takes more than a second to write
REGISTER_KEY = "register-file"  # ((filter, data version), file) of the last one prepared


def register_button(reads: Reads, where: TrackerFilter, tree: LocalityTree, matches: int) -> None:
    """The register of ``matches`` recommendations. A small one downloads at once; a large
    one is prepared first with a progress bar, then downloaded (a click that seems to do
    nothing for seconds gets clicked again)."""
    name = register_file_name(reads.today())
    if matches <= LARGE_REGISTER:
        st.download_button(
            t("export.register"),
            data=lambda: register_workbook(reads, where, tree),
            file_name=name,
            mime=XLSX,
            icon=":material/download:",
            key="export-register",
            on_click="ignore",
        )
        return
    prepared = st.session_state.get(REGISTER_KEY)
    if prepared is not None and prepared[0] == (where, reads.version):
        st.download_button(
            t("export.register_ready", n=format_number(matches)),
            data=prepared[1],
            file_name=name,
            mime=XLSX,
            icon=":material/download:",
            type="primary",
            key="export-register",
            on_click="ignore",
        )
        return
    if st.button(
        t("export.register_prepare", n=format_number(matches)),
        icon=":material/table_view:",
        key="prepare-register",
    ):
        bar = st.progress(0.0, text=t("export.preparing"))

        def shown(done: float) -> None:
            bar.progress(min(done, 1.0), text=t("export.preparing_done", percent=round(done * 100)))

        made = register_workbook(reads, where, tree, shown)
        st.session_state[REGISTER_KEY] = ((where, reads.version), made)
        bar.empty()
        st.rerun()


def summary_workbook(
    view: OverviewView, tree: LocalityTree, campaign: CampaignRecord, area: str, years: str
) -> bytes:
    indicators = [
        SummaryIndicator(
            row.code,
            row.name_vi,
            row.unit_vi,
            as_of=view.as_of if row.code in view.as_of_codes else None,
            coverage=view.coverage.get(row.code),
            decimals=row.decimals,
        )
        for row in view.indicators
    ]
    lead = view.as_of_lead
    rows = [
        SummaryRow(
            locality=unit_name(tree, unit_id),
            code=tree.units[unit_id].code,
            values={
                i.code: figure.value
                for i in indicators
                if (figure := view.table.cells.get((unit_id, i.code))) is not None
            },
            illustrative=any(
                view.table.cells[(unit_id, i.code)].is_illustrative
                for i in indicators
                if (unit_id, i.code) in view.table.cells
            ),
            as_of_coverage=view.row_coverage.get((unit_id, lead)) if lead else None,
            as_of_latest=view.row_latest.get(unit_id),
        )
        for unit_id in view.table.rows
    ]
    rate = next((i for i in view.indicators if i.code == "disbursement_rate"), None)
    target = rate.target_value if rate else None
    return dashboard_summary(
        f"TỔNG HỢP PHONG TRÀO THI ĐUA “{campaign.name}”",
        f"Địa bàn: {area} · Giai đoạn: {years} · Lập ngày {today():%d/%m/%Y}",
        indicators,
        rows,
        {code: figure.value for code, figure in view.table.totals.items()},
        {i.code: view.table.reporting(i.code) for i in indicators},
        target,
    )


def summary_button(
    view: OverviewView, tree: LocalityTree, campaign: CampaignRecord, area: str, years: str
) -> None:
    st.download_button(
        t("export.summary"),
        data=lambda: summary_workbook(view, tree, campaign, area, years),
        file_name=summary_file_name(area, today()),
        mime=XLSX,
        icon=":material/download:",
        key="export-summary",
        on_click="ignore",
    )
