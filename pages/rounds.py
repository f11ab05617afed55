"""Đợt giám sát: the supervision rounds, and one round (``?round=<id>``) with its plan,
progress and report."""

from uuid import UUID

import streamlit as st

from ui import rounds
from ui.actions import show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.draft_keeper import draft_keeper
from ui.shell import ensure_app_shell

ensure_app_shell()
reads, writes = Reads(), Writes()
show_flash()
asked = st.query_params.get("round")
if not asked:
    rounds.round_list(reads, writes)
    st.stop()

if st.button(t("round.back"), key="round-back"):
    st.switch_page("pages/rounds.py")
try:
    detail = reads.round(UUID(asked))
except ValueError:  # a mangled address
    detail = None
if detail is None:  # unknown, or outside the user's localities: the same answer
    st.warning(t("round.not_found"))
    st.stop()
rounds.round_screen(reads, writes, detail)
draft_keeper(reads, writes)  # after every text field of the page
