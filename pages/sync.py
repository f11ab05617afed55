"""Đồng bộ / xung đột: a laptop syncs with its server, the server's administrator handles
laptops and their packages, and conflicts are resolved by who may edit the record."""

import streamlit as st

from ui import sync
from ui.actions import actor, show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.shell import ensure_app_shell

ensure_app_shell()
reads, writes = Reads(), Writes()
show_flash()
st.title(t("sync.title"))
who = actor()
if who is not None:
    sync.page(reads, writes, who)
