"""The web server people start (``streamlit run server.py``, ``make run``): Streamlit's own,
running ``app.py``, with one route of ours, the one that sets the session cookie HttpOnly
(ui/session_cookie.py, decision 35), and the overview prepared in the background from the
start (ui/data.py, decision 53)."""

from contextlib import asynccontextmanager

import streamlit as st

from ui import session_cookie


@asynccontextmanager
async def lifespan(_app: st.App):
    # Imported once the runtime is up: a cached function's module imported before it would
    # check its cache against a stand-in store (Streamlit's ASGI notes); the thread then
    # fills the caches the screens read.
    from ui import data

    data.prepare_overview_in_background()
    yield


app = st.App("app.py", routes=[session_cookie.route()], lifespan=lifespan)
