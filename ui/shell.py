"""Make sure every screen runs inside the app shell (app.py)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from domain.permissions import is_admin
from ui.actions import actor
from ui.common import t


def ensure_app_shell() -> None:
    """Run at the top of each page.

    Because the project has a ``pages/`` folder, Streamlit starts each process in its
    legacy pages-folder mode until ``st.navigation`` has run once. A bookmarked page URL
    (``/locality?locality=502``) opened first after a start would then run the page alone,
    without app.py's page setup, language switch and navigation. Switching the process to
    navigation mode and rerunning runs app.py first, with the same URL and query.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def administrators_only() -> None:
    """The menu hides an admin screen from others; an address typed by hand ends here."""
    who = actor()
    if who is None or not is_admin(who):
        st.error(t("error.permission"))
        st.stop()
