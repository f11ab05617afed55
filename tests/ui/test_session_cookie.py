"""The route that sets the session cookie: once per ticket, HttpOnly, Secure behind HTTPS."""

from __future__ import annotations

from starlette.requests import Request

from ui import session_cookie


def _ask(ticket: str, *, https: bool = False, forwarded: bool = False):
    headers = [(b"x-forwarded-proto", b"https")] if forwarded else []
    request = Request(
        {
            "type": "http",
            "method": "GET",
            "path": session_cookie.PATH,
            "query_string": f"ve={ticket}".encode(),
            "headers": headers,
            "scheme": "https" if https else "http",
            "server": ("127.0.0.1", 8501),
        }
    )
    return session_cookie._answer(request)


def _cookie(response) -> str:
    return response.headers.get("set-cookie", "")


def test_a_ticket_sets_the_cookie_httponly_and_strict_once():
    ticket = session_cookie.ticket_for("token-of-a-session")
    first = _ask(ticket)
    assert first.status_code == 200
    cookie = _cookie(first)
    assert cookie.startswith("giamsat_phien=token-of-a-session;")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on 127.0.0.1: a Secure cookie would be lost
    assert first.headers["cache-control"] == "no-store"
    again = _ask(ticket)  # a ticket seen once (in a log, a history) sets nothing more
    assert (again.status_code, _cookie(again)) == (404, "")


def test_unknown_or_expired_tickets_set_nothing(monkeypatch):
    assert _cookie(_ask("made-up")) == ""
    ticket = session_cookie.ticket_for("token")
    later = session_cookie.time.monotonic() + session_cookie.TICKET_SECONDS + 1
    monkeypatch.setattr(session_cookie.time, "monotonic", lambda: later)
    assert (_ask(ticket).status_code, _cookie(_ask(ticket))) == (404, "")


def test_behind_https_the_cookie_is_secure_and_signing_out_clears_it():
    assert "Secure" in _cookie(_ask(session_cookie.ticket_for("t"), https=True))
    assert "Secure" in _cookie(_ask(session_cookie.ticket_for("t"), forwarded=True))
    cleared = _cookie(_ask(session_cookie.ticket_for("")))
    assert cleared.startswith('giamsat_phien="";') and "Max-Age=0" in cleared
