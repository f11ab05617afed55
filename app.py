"""Entry point: page setup, language, sign-in, navigation by role. Nothing else."""

import streamlit as st

from data_access.accounts import users_exist
from domain.permissions import can_write, is_admin
from ui import auth, sync
from ui.common import language_switch, t, tm, widget_texts
from ui.data import engine, settings

st.set_page_config(page_title="Giám sát phong trào thi đua", page_icon="📊", layout="wide")
language_switch()
widget_texts()
try:
    engine()
except Exception as error:  # shown to the user instead of a traceback
    st.error(tm("app.db_error", url=settings().database_url.split("@")[-1], error=error))
    st.stop()

auth.apply_cookie()
if not users_exist(engine()):
    sync.first_start()  # the first administrator, or a laptop of a shared server
    st.stop()
actor = auth.signed_in()
if actor is None:
    auth.remember_the_asked_page()
    auth.login_screen()
    st.stop()
if actor.must_change_password:
    auth.sidebar(actor)
    if auth.change_password_screen(actor, forced=True):
        auth.entering()
    st.stop()


def page(path: str, name: str, icon: str, **options: object) -> st.Page:
    return st.Page(
        path, title=t(f"nav.{name}"), icon=f":material/{icon}:", url_path=name, **options
    )


pages = [
    page("pages/overview.py", "overview", "dashboard", default=True),
    page("pages/locality.py", "locality", "location_city"),
    page("pages/visits.py", "visits", "groups"),
    # Opened from the list or a link (?visit=<id>), not from the menu.
    page("pages/visit.py", "visit", "edit_note", visibility="hidden"),
    page("pages/rounds.py", "rounds", "event_note"),
    page("pages/recommendations.py", "recommendations", "task_alt"),
    page("pages/account.py", "account", "person"),
]
if can_write(actor):
    pages.insert(-1, page("pages/sync.py", "sync", "sync"))
if is_admin(actor):
    pages += [
        page("pages/imports.py", "imports", "upload_file"),
        page("pages/admin.py", "admin", "admin_panel_settings"),
    ]
current = st.navigation(pages)
auth.tell_the_browser_its_page(current, pages)  # before the sidebar: nothing is redrawn
auth.sidebar(actor)
current.run()
