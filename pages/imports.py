"""Nhập dữ liệu: report templates for localities, their filled reports, the catalogue."""

import streamlit as st

from ui import imports
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.shell import administrators_only, ensure_app_shell

ensure_app_shell()
administrators_only()
reads, writes = Reads(), Writes()
show_flash()
st.title(t("imports.title"))
template, report, works, catalogue, history = st.tabs(
    [
        t("imports.tab.template"),
        t("imports.tab.report"),
        t("imports.tab.works"),
        t("imports.tab.catalogue"),
        t("imports.tab.history"),
    ]
)
with template:
    imports.template_download(reads)
with report:
    imports.report_upload(reads, writes)
with works:
    imports.works_section(reads, writes)
with catalogue:
    imports.catalogue_upload(reads.tree(), writes)
with history:
    imports.history(reads)
