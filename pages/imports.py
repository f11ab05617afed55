"""Nhập dữ liệu: report templates for localities, their filled reports, the catalogue."""

import streamlit as st

from ui import imports
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads
from ui.shell import ensure_app_shell

ensure_app_shell()
reads = Reads()
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
    imports.report_upload()
with works:
    imports.works_section(reads)
with catalogue:
    imports.catalogue_upload(reads.tree())
with history:
    imports.history()
