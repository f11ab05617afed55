"""Make sure every screen runs inside the app shell (app.py)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


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
