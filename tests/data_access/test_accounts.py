"""Accounts and sign-in: passwords, throttling, sessions, and the screens."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access import accounts
from data_access import models as m
from data_access.db import session_scope
from data_access.errors import InvalidInput
from tests.helpers.screens import open_app

GOOD = "Mat-khau-2026"


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    monkeypatch.setattr(accounts, "FAILURE_DELAY_SECONDS", 0)


@pytest.fixture
def user(engine):
    accounts.create_user(
        engine, accounts.SYSTEM, accounts.UserInput("Thu.Ky", "Thư Ký", "inspector", GOOD)
    )
    return engine


@pytest.mark.parametrize(
    "password", ["ngan", "chuachudanhso", "1234567890123", " co-khoang-trang1"]
)
def test_weak_passwords_are_refused(engine, password):
    with pytest.raises(InvalidInput):
        accounts.create_user(
            engine, accounts.SYSTEM, accounts.UserInput("a", "A", "viewer", password)
        )


def test_passwords_are_hashed_with_argon2(user):
    with session_scope(user, read_only=True) as s:
        stored = s.scalar(select(m.User.password_hash))
    assert stored.startswith("$argon2") and GOOD not in stored


def test_sign_in_session_and_sign_out(user):
    actor, token, must_change = accounts.login(user, " thu.ky ", GOOD)
    assert (actor.username, actor.role, must_change) == ("thu.ky", "inspector", True)
    assert accounts.resume(user, token).username == "thu.ky"
    assert accounts.resume(user, token, idle_minutes=-1) is None  # idle too long: ended
    assert accounts.resume(user, token) is None
    _, token, _ = accounts.login(user, "thu.ky", GOOD)
    accounts.logout(user, token)
    assert accounts.resume(user, token) is None


def test_repeated_failures_lock_the_name_and_are_recorded(user):
    for _ in range(accounts.FAILURES_BEFORE_LOCK):
        with pytest.raises(accounts.LoginRefused) as refused:
            accounts.login(user, "thu.ky", "sai-mat-khau-1")
        assert refused.value.code == "wrong"
    with pytest.raises(accounts.LoginRefused) as refused:
        accounts.login(user, "thu.ky", GOOD)  # even the right password waits now
    assert (refused.value.code, refused.value.minutes) == ("locked", 15)
    with session_scope(user, read_only=True) as s:
        attempts = s.scalars(select(m.LoginAttempt.succeeded)).all()
    assert attempts.count(False) == accounts.FAILURES_BEFORE_LOCK + 1


def test_unknown_name_and_disabled_account(user):
    with pytest.raises(accounts.LoginRefused) as refused:
        accounts.login(user, "khong.co", GOOD)
    assert refused.value.code == "wrong"  # the same answer: names are not revealed
    admin = accounts.SYSTEM
    user_id = accounts.list_users(user)[0].id
    accounts.update_user(user, admin, user_id, is_active=False)
    with pytest.raises(accounts.LoginRefused) as refused:
        accounts.login(user, "thu.ky", GOOD)
    assert refused.value.code == "disabled"


def test_reset_forces_a_change_and_ends_sessions(user):
    actor, token, _ = accounts.login(user, "thu.ky", GOOD)
    accounts.reset_password(user, accounts.SYSTEM, actor.user_id, "Tam-thoi-2026")
    assert accounts.resume(user, token) is None
    actor, _, must_change = accounts.login(user, "thu.ky", "Tam-thoi-2026")
    assert must_change
    with pytest.raises(InvalidInput):
        accounts.change_own_password(user, actor, "sai", "Moi-hon-2026")
    accounts.change_own_password(user, actor, "Tam-thoi-2026", "Moi-hon-2026")
    assert not accounts.login(user, "thu.ky", "Moi-hon-2026")[2]


def test_wrong_password_on_screen(sample_app_env):
    from streamlit.testing.v1 import AppTest

    from tests.helpers.screens import APP

    app = AppTest.from_file(APP, default_timeout=60).run()
    app.text_input(key="login-username").set_value("thuky")
    app.text_input(key="login-password").set_value("khong-dung-123")
    app.button[0].click().run()
    assert any("Tên đăng nhập hoặc mật khẩu không đúng" in e.value for e in app.error)
    assert app.title[0].value == "Giám sát phong trào thi đua"  # still the sign-in screen


def test_sign_out_returns_to_the_sign_in_screen(sample_app_env):
    app = open_app(username="lanhdao.kt")
    assert app.title[0].value == "Tổng quan phong trào thi đua"
    app.button(key="sign-out").click().run()
    assert app.text_input(key="login-username") is not None
    assert app.title[0].value == "Giám sát phong trào thi đua"


def test_demo_account_must_change_its_password_first(sample_app_env):
    app = open_app(username="lanhdao")  # a demo account: README password, change forced
    app.text_input(key="login-password").set_value("Lanhdao@2026")
    app.button[0].click().run()
    assert any("hãy đổi mật khẩu" in w.value for w in app.warning)
    app.text_input(key="pw-current").set_value("Lanhdao@2026")
    app.text_input(key="pw-new").set_value("Lanh-dao-moi-2026")
    app.text_input(key="pw-again").set_value("Lanh-dao-moi-2026")
    app.button[0].click().run()
    assert app.title[0].value == "Tổng quan phong trào thi đua"


def test_changing_a_role_signs_the_user_out(user):
    actor, token, _ = accounts.login(user, "thu.ky", GOOD)
    assert accounts.session_user(user, token) == actor.user_id
    accounts.update_user(user, accounts.SYSTEM, actor.user_id, role="viewer")
    assert accounts.session_user(user, token) is None
    actor, _, _ = accounts.login(user, "thu.ky", GOOD)
    assert actor.role == "viewer"
