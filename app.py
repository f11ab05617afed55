"""Entry point: page setup, language, who is recording, navigation. Nothing else."""

import streamlit as st

from ui.actions import actor_input
from ui.common import language_switch, t
from ui.data import engine, settings

st.set_page_config(page_title="Giám sát phong trào thi đua", page_icon="📊", layout="wide")
language_switch()
actor_input()
try:
    engine()
except Exception as error:  # shown to the user instead of a traceback
    st.error(t("app.db_error", url=settings().database_url.split("@")[-1], error=error))
    st.stop()


def page(path: str, name: str, icon: str, **options: object) -> st.Page:
    return st.Page(
        path, title=t(f"nav.{name}"), icon=f":material/{icon}:", url_path=name, **options
    )


st.navigation(
    [
        page("pages/overview.py", "overview", "dashboard", default=True),
        page("pages/locality.py", "locality", "location_city"),
        page("pages/visits.py", "visits", "groups"),
        # Opened from the list or a link (?visit=<id>), not from the menu.
        page("pages/visit.py", "visit", "edit_note", visibility="hidden"),
        page("pages/recommendations.py", "recommendations", "task_alt"),
        page("pages/imports.py", "imports", "upload_file"),
    ]
).run()
