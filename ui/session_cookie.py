"""The session cookie, set by the server so that it can be HttpOnly (decision 35).

A sign-in happens in a Streamlit run, which talks to the browser over a websocket and
cannot send a ``Set-Cookie``. The run therefore leaves a one-time ticket (valid a
minute) and points a hidden frame at ``/giamsat/phien?ve=<ticket>``; the answer to that
request sets the cookie ``HttpOnly`` (no script, ours or one that slipped in, can read
the token), ``SameSite=Strict`` and, behind HTTPS, ``Secure``. Signing out clears it the
same way. The browser still sends the cookie when the websocket opens, where
``st.context.cookies`` reads it.

``server.py`` mounts the route; an app started from ``app.py`` directly (page tests,
``streamlit run app.py``) has no route and falls back to a cookie set by script.
"""

from __future__ import annotations

import secrets
import threading
import time

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

COOKIE = "giamsat_phien"
PATH = "/giamsat/phien"
TICKET_SECONDS = 60
_tickets: dict[str, tuple[str, float]] = {}  # ticket -> (token, or "" to clear; expiry)
_lock = threading.Lock()
_mounted = False


def mounted() -> bool:
    """Whether this process serves the route (started through ``server.py``)."""
    return _mounted


def route() -> Route:
    global _mounted
    _mounted = True
    return Route(PATH, _answer, methods=["GET"])


def ticket_for(token: str) -> str:
    """A one-time ticket that sets the cookie to ``token`` ("" clears it)."""
    ticket = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _lock:
        for old in [k for k, (_, expiry) in _tickets.items() if expiry < now]:
            del _tickets[old]
        _tickets[ticket] = (token, now + TICKET_SECONDS)
    return ticket


def _answer(request: Request) -> Response:
    with _lock:
        token, expiry = _tickets.pop(request.query_params.get("ve", ""), ("", 0.0))
    response = Response("", media_type="text/plain", headers={"Cache-Control": "no-store"})
    if expiry < time.monotonic():
        response.status_code = 404  # unknown, used or expired: nothing is set
        return response
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    if token:
        response.set_cookie(
            COOKIE, token, path="/", httponly=True, samesite="strict", secure=secure
        )
    else:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=secure)
    return response
