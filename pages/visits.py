"""Buổi làm việc: the list of supervision visits, and creating one."""

import streamlit as st

from domain.permissions import can_write
from ui import visit_list
from ui.actions import actor, show_flash
from ui.common import t
from ui.data import Reads, Writes
from ui.shell import ensure_app_shell

ensure_app_shell()
reads, writes = Reads(), Writes()
show_flash()
st.title(t("visits.title"))

if can_write(actor()):
    with st.expander(t("visits.new"), expanded=False, icon=":material/add:"):
        created = visit_list.create_form(reads, writes)
        if created is not None:
            st.switch_page("pages/visit.py", query_params={"visit": str(created)})

visits = reads.visits()
chosen = visit_list.apply(visits, visit_list.filters(reads, visits))
st.caption(t("visits.count", n=len(chosen), total=len(visits)))
picked = visit_list.table(chosen, reads.tree())
if picked is not None:
    st.switch_page("pages/visit.py", query_params={"visit": str(picked)})
