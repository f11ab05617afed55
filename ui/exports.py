"""Download buttons for the workbooks. Each file is built only when its button is clicked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

import streamlit as st

from data_access.catalogue import CampaignRecord
from data_access.dashboard import OverviewView
from data_access.recommendations import TrackedRecommendation, TrackerFilter
from data_access.visit_views import StatusChange, VisitDetail
from domain.localities import LocalityTree
from excel.minutes import minutes_file_name, place_of, visit_minutes
from excel.register import recommendations_register, register_file_name
from excel.summary import SummaryIndicator, SummaryRow, dashboard_summary, summary_file_name
from ui.common import t, unit_name
from ui.data import Reads, today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def minutes_button(detail: VisitDetail, reads: Reads) -> None:
    """The minutes as saved when the button is clicked: a tab may have saved since the
    page was drawn (tabs rerun alone)."""
    latest = reads.visit_reader(detail.id)
    st.download_button(
        t("export.minutes"),
        data=lambda: visit_minutes(latest() or detail, place_of(detail.locality)),
        file_name=minutes_file_name(detail),
        mime=XLSX,
        icon=":material/download:",
        key="export-minutes",
        on_click="ignore",
    )


def register_workbook(reads: RegisterReads, where: TrackerFilter, tree: LocalityTree) -> bytes:
    # Every matching recommendation, not only the rows shown on screen.
    rows = reads.every_recommendation(where)
    history = reads.status_changes_of([r.id for r in rows])
    names = {unit_id: unit_name(tree, unit_id) for unit_id in {r.locality_id for r in rows}}
    return recommendations_register(rows, history, names)


class RegisterReads(Protocol):
    def every_recommendation(self, where: TrackerFilter) -> Sequence[TrackedRecommendation]: ...
    def status_changes_of(self, ids: list[UUID]) -> Sequence[StatusChange]: ...


def register_button(reads: Reads, where: TrackerFilter, tree: LocalityTree) -> None:
    st.download_button(
        t("export.register"),
        data=lambda: register_workbook(reads, where, tree),
        file_name=register_file_name(reads.today()),
        mime=XLSX,
        icon=":material/download:",
        key="export-register",
        on_click="ignore",
    )


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
