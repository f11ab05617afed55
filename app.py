"""Entry point: page setup, language, sign-in, navigation by role. Nothing else."""

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st

from data_access.accounts import users_exist
from domain.permissions import Actor, can_write, is_admin
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


class Screen(NamedTuple):
    name: str  # its address, and its title's message (nav.<name>)
    icon: str
    file: str
    in_menu: bool = True


SCREENS = [  # in the menu's order
    Screen("overview", "dashboard", "pages/overview.py"),
    Screen("locality", "location_city", "pages/locality.py"),
    Screen("visits", "groups", "pages/visits.py"),
    # Opened from the list or a link (?visit=<id>), not from the menu.
    Screen("visit", "edit_note", "pages/visit.py", in_menu=False),
    Screen("rounds", "event_note", "pages/rounds.py"),
    Screen("recommendations", "task_alt", "pages/recommendations.py"),
    Screen("sync", "sync", "pages/sync.py"),
    Screen("account", "person", "pages/account.py"),
    Screen("imports", "upload_file", "pages/imports.py"),
    Screen("admin", "admin_panel_settings", "pages/admin.py"),
]


def may_open(actor: Actor, name: str) -> bool:
    """Writing screens for inspectors and administrators, the data screens for administrators."""
    if name == "sync":
        return can_write(actor)
    return is_admin(actor) or name not in ("imports", "admin")


def page(target: object, name: str, icon: str, **options: object) -> st.Page:
    return st.Page(
        target,
        title=t(f"nav.{name}"),
        icon=f":material/{icon}:",
        url_path=name,
        default=name == "overview",
        **options,
    )


def before_the_pages(screen: Callable[[], None]) -> None:
    """First start, sign-in or the forced password change, drawn at the address of the
    screen asked for: entering the app after it changes no page, so no click made meanwhile
    is dropped and the address's query (a shared link to a visit) is kept (decision 57)."""
    pages = [page(screen, s.name, s.icon, visibility="hidden") for s in SCREENS]
    st.navigation(pages, position="hidden").run()
    st.stop()


def to_the_overview() -> None:
    """A screen this person may not open (a link, a bookmark): the overview instead."""
    st.switch_page("pages/overview.py")


auth.apply_cookie()
if not users_exist(engine()):
    before_the_pages(sync.first_start)  # the first administrator, or a laptop of a shared server
actor = auth.signed_in()
if actor is None:
    before_the_pages(auth.login_screen)
if actor.must_change_password:
    auth.sidebar(actor)
    before_the_pages(lambda: auth.forced_password_change(actor))

pages = [
    page(s.file, s.name, s.icon, visibility="visible" if s.in_menu else "hidden")
    if may_open(actor, s.name)
    else page(to_the_overview, s.name, s.icon, visibility="hidden")
    for s in SCREENS
]
current = st.navigation(pages)
if may_open(actor, current.url_path):  # not a stand-in about to switch away
    auth.entered()  # the cookie of a new sign-in
auth.sidebar(actor)
current.run()
