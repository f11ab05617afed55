"""Signing in and out. The browser keeps a random session token in a cookie (the database
keeps only its hash), so a refresh does not ask to log in again until the session has
been idle too long."""

from __future__ import annotations

import streamlit as st

from data_access import accounts
from data_access.errors import InvalidInput
from domain.permissions import Actor
from ui import session_cookie
from ui.actions import SIGNED_IN_KEY
from ui.common import t, tm
from ui.data import data_versions, engine, settings

COOKIE = session_cookie.COOKIE
TOKEN_KEY = "session_token"
BUILT_AT_KEY = "signed_in_version"  # the data version the signed-in user was built at
COOKIE_ACTION_KEY = "cookie_action"
ENTERING_KEY = "entering"  # the next run is the first with the app's pages


def signed_in() -> Actor | None:
    """The user of this browser session. Every run checks that the session is alive (a
    read); what the user may reach is built once, at sign-in or after a refresh."""
    token = st.session_state.get(TOKEN_KEY)
    known = st.session_state.get(SIGNED_IN_KEY)
    version = data_versions().any
    if token and known is not None:
        user_id = accounts.session_user(engine(), token, settings().idle_minutes)
        if user_id == known.user_id and st.session_state.get(BUILT_AT_KEY) == version:
            return known
        if user_id is None:
            st.session_state.pop(TOKEN_KEY, None)
            st.session_state.pop(SIGNED_IN_KEY, None)
            return None
        # Something was written since (a delegation joined, a password changed): rebuild.
        actor = accounts.load_actor(engine(), user_id)
        st.session_state[SIGNED_IN_KEY] = actor
        st.session_state[BUILT_AT_KEY] = version
        return actor
    if token is None:
        try:
            token = st.context.cookies.get(COOKIE)
        except Exception:  # no browser context (tests, bare mode)
            token = None
        if not isinstance(token, str):
            token = None
    actor = accounts.resume(engine(), token or "", settings().idle_minutes) if token else None
    if actor is None:
        st.session_state.pop(TOKEN_KEY, None)
        st.session_state.pop(SIGNED_IN_KEY, None)
        return None
    st.session_state[TOKEN_KEY] = token
    st.session_state[SIGNED_IN_KEY] = actor
    st.session_state[BUILT_AT_KEY] = version
    return actor


def apply_cookie() -> None:
    """Set or clear the browser's cookie, in the run after a login or logout (for a login,
    the first run with the app's pages: ``entered``)."""
    if st.session_state.get(ENTERING_KEY):
        return
    action = st.session_state.pop(COOKIE_ACTION_KEY, None)
    if action is None:
        return
    token = "" if action == "clear" else action
    if session_cookie.mounted():
        # The server sets it, HttpOnly: a same-origin frame asks with a one-time ticket.
        st.iframe(f"{session_cookie.PATH}?ve={session_cookie.ticket_for(token)}", height=1)
        return
    # Started from app.py alone: no route, so a cookie a script can set (not HttpOnly).
    if token:  # URL-safe base64, nothing to escape
        script = f"document.cookie = '{COOKIE}={token}; path=/; SameSite=Strict';"
    else:
        script = f"document.cookie = '{COOKIE}=; path=/; max-age=0; SameSite=Strict';"
    # Our own two-line script (never user text): a same-origin frame that sets the cookie.
    st.iframe(f"<script>{script}</script>", height=1)


def login_screen() -> None:
    st.title(t("app.title"))
    with st.form("login"):
        st.subheader(t("auth.login"))
        username = st.text_input(t("auth.username"), key="login-username")
        password = st.text_input(t("auth.password"), type="password", key="login-password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if not submitted:
        return
    try:
        _actor, token, must_change = accounts.login(engine(), username, password)
    except accounts.LoginRefused as refused:
        st.error(t(f"auth.{refused.code}", minutes=refused.minutes))
        return
    st.session_state[TOKEN_KEY] = token
    st.session_state[COOKIE_ACTION_KEY] = token
    if must_change:
        st.rerun()  # to the password change: still no pages
    entering()


def entering() -> None:
    """From a screen without the app's pages (signing in, the forced password change)
    into the app."""
    st.session_state[ENTERING_KEY] = True
    st.rerun()


def entered() -> None:
    """The first run with the app's pages: the session cookie, held back by the runs
    before, is set now."""
    if st.session_state.pop(ENTERING_KEY, False):
        apply_cookie()


def first_start_screen() -> None:
    """No account yet: the first person creates the administrator."""
    st.title(t("app.title"))
    st.info(t("auth.first_start"))
    with st.form("first-admin"):
        username = st.text_input(t("auth.username"), key="first-username")
        full_name = st.text_input(t("visit.full_name"), key="first-name")
        password = st.text_input(t("auth.password"), type="password", key="first-password")
        again = st.text_input(t("auth.password_again"), type="password", key="first-again")
        submitted = st.form_submit_button(t("auth.create_admin"), type="primary")
    if not submitted:
        return
    if password != again:
        st.error(t("auth.passwords_differ"))
        return
    try:
        accounts.create_user(
            engine(),
            accounts.SYSTEM,
            accounts.UserInput(username, full_name, "admin", password, must_change_password=False),
        )
    except InvalidInput as invalid:
        for problem in invalid.problems:
            st.error(t(f"problem.{problem}"))
        return
    st.success(t("auth.admin_created"))


def forced_password_change(actor: Actor) -> None:
    """A temporary password (a new account, a reset) is changed before anything else."""
    if change_password_screen(actor, forced=True):
        entering()


def change_password_screen(actor: Actor, forced: bool) -> bool:
    """Returns True once the password was changed."""
    if forced:
        st.warning(t("auth.must_change"))
    with st.form("change-password"):
        current = st.text_input(t("auth.current_password"), type="password", key="pw-current")
        new = st.text_input(t("auth.new_password"), type="password", key="pw-new")
        again = st.text_input(t("auth.password_again"), type="password", key="pw-again")
        submitted = st.form_submit_button(t("auth.change_password"), type="primary")
    if not submitted:
        return False
    if new != again:
        st.error(t("auth.passwords_differ"))
        return False
    try:
        accounts.change_own_password(engine(), actor, current, new)
    except InvalidInput as invalid:
        for problem in invalid.problems:
            st.error(t(f"problem.{problem}"))
        return False
    return True


def sidebar(actor: Actor) -> None:
    st.sidebar.caption(tm("auth.signed_in_as", name=actor.full_name, role=t(f"role.{actor.role}")))
    if st.sidebar.button(t("auth.sign_out"), key="sign-out"):
        accounts.logout(engine(), st.session_state.get(TOKEN_KEY, ""))
        st.session_state.clear()
        st.session_state[COOKIE_ACTION_KEY] = "clear"
        st.rerun()
