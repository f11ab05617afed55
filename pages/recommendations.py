"""Theo dõi kiến nghị: every recommendation across visits, and its follow-up."""

import streamlit as st

from ui import exports, tracker
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.shell import ensure_app_shell

ensure_app_shell()
reads, writes = Reads(), Writes()
show_flash()
st.title(t("tracker.title"))
where = reads.limit(tracker.filters(reads))
matches = tracker.counts(reads, where)
exports.register_button(reads, where, reads.tree(), matches)
page = tracker.page(where)
rows, total = reads.tracker(where, page)
picked = tracker.table(rows, total, reads.tree())
tracker.pager(total, page)
if picked is not None:
    tracker.follow_up(rows, picked, reads, writes)
