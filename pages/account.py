"""Tài khoản: who is signed in, and changing one's own password."""

import streamlit as st

from ui import auth
from ui.actions import actor, saved_and_rerun, show_flash
from ui.common import t, tm
from ui.shell import ensure_app_shell

ensure_app_shell()
show_flash()
me = actor()
st.title(t("account.title"))
st.write(tm("auth.signed_in_as", name=me.full_name, role=t(f"role.{me.role}")))
st.subheader(t("auth.change_password"))
if auth.change_password_screen(me, forced=False):
    saved_and_rerun(t("auth.password_changed"))
