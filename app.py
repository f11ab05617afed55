"""Entry point: page setup, language, navigation. Nothing else lives here."""

import streamlit as st

from ui.common import language_switch, t
from ui.data import engine, settings

st.set_page_config(page_title="Giám sát phong trào thi đua", page_icon="📊", layout="wide")
language_switch()
try:
    engine()
except Exception as error:
    st.error(t("app.db_error", url=settings().database_url.split("@")[-1], error=error))
    st.stop()

st.navigation(
    [
        st.Page(
            "pages/overview.py",
            title=t("nav.overview"),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
        st.Page(
            "pages/locality.py",
            title=t("nav.locality"),
            icon=":material/location_city:",
            url_path="locality",
        ),
    ]
).run()
