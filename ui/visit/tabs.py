"""The tabs of the visit record, each a fragment: adding or saving in one tab reruns that
tab only, not the seven others (a meeting is recorded at the speed people talk)."""

from __future__ import annotations

from types import ModuleType

import streamlit as st

from data_access.visit_views import VisitDetail
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.visit import (
    attachments,
    before,
    checklist,
    figures,
    findings,
    general,
    recommendations,
    sign_off,
)

TABS = {
    "visit.tab.general": general,
    "visit.tab.before": before,
    "visit.tab.checklist": checklist,
    "visit.tab.figures": figures,
    "visit.tab.findings": findings,
    "visit.tab.recommendations": recommendations,
    "visit.tab.attachments": attachments,
    "visit.tab.sign_off": sign_off,
}
PAGE_RUN_KEY = "visit-page-run"  # counts the page's full runs
TAB_RUNS_KEY = "visit-tab-runs"  # tab -> the full run it last drew from the page's read


def show_tabs(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    """Every tab, drawn from ``detail`` (read once by the page)."""
    run = st.session_state[PAGE_RUN_KEY] = st.session_state.get(PAGE_RUN_KEY, 0) + 1
    labels = [t(label) for label in TABS]
    for tab, (name, module) in zip(st.tabs(labels), TABS.items(), strict=True):
        with tab:
            _tab(name, module, detail, run, reads, writes)


@st.fragment
def _tab(
    name: str, module: ModuleType, page_detail: VisitDetail, run: int, reads: Reads, writes: Writes
) -> None:
    show_flash()
    detail = _current(name, page_detail, run, reads)
    if detail is None:  # deleted, or out of reach, since the page was drawn
        st.warning(t("visit.not_found"))
        return
    module.render(detail, reads, writes)


def _current(name: str, page_detail: VisitDetail, run: int, reads: Reads) -> VisitDetail | None:
    """The page's read in the page's own run; a fresh read when the tab reruns alone (a
    fragment keeps the arguments of the run that drew it)."""
    drawn = st.session_state.setdefault(TAB_RUNS_KEY, {})
    if drawn.get(name) != run:
        drawn[name] = run
        return page_detail
    return reads.visit(page_detail.id)
