"""The web server people start (``streamlit run server.py``, ``make run``): Streamlit's own,
running ``app.py``, with one route of ours, the one that sets the session cookie HttpOnly
(ui/session_cookie.py, decision 35)."""

import streamlit as st

from ui import session_cookie

app = st.App("app.py", routes=[session_cookie.route()])
