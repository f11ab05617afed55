"""A user limited to some localities sees only them, on every screen."""

from __future__ import annotations

from tests.helpers.screens import all_text, assert_no_errors, open_app


def test_overview_counts_only_the_users_localities(sample_app_env):
    app = open_app(username="haiphong.kt")
    assert_no_errors(app)
    table = app.dataframe[0].value
    assert list(table["Địa phương"]) == ["Thành phố Hải Phòng"]
    assert list(app.dataframe[1].value["Địa phương"]) == ["Tổng cộng"]
    overdue = next(m for m in app.metric if m.label == "Kiến nghị quá hạn")
    assert overdue.value == "1"  # Ngô Quyền's 30/9/2026 item; Sa Đéc's are not theirs


def test_a_profile_outside_the_scope_is_not_shown(sample_app_env):
    app = open_app(username="haiphong.kt")
    app.switch_page("pages/locality.py")
    app.query_params["locality"] = "502"
    app.run()
    assert any("Không tìm thấy địa phương có mã “502”" in w.value for w in app.warning)
    assert "Tiêu chí thi đua ngành dọc" not in all_text(app)


def test_visit_list_and_tracker_are_limited(sample_app_env):
    app = open_app(username="haiphong.kt")
    app.switch_page("pages/visits.py").run()
    visits = app.dataframe[0].value
    assert list(visits["Địa phương"]) == ["Phường Ngô Quyền"]
    app.switch_page("pages/recommendations.py").run()
    rows = app.dataframe[0].value
    assert set(rows["Địa phương"]) == {"Phường Ngô Quyền"}


def test_user_text_is_shown_literally(sample_app_env):
    from data_access.db import create_db_engine, session_scope
    from data_access.models import Finding
    from sample_data.builder import stable_id
    from tests.helpers.data import app_database_url

    engine = create_db_engine(app_database_url(sample_app_env))
    with session_scope(engine) as s:
        for order, text in enumerate(["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]):
            s.add(
                Finding(
                    visit_id=stable_id("visit", "tam-ky-2023-09-14"),
                    kind="cause",
                    text=text,
                    sort_order=50 + order,
                )
            )
    engine.dispose()
    app = open_app()
    app.switch_page("pages/locality.py")
    app.query_params["locality"] = "502"
    app.run()
    shown = [m.value for m in app.markdown if "alert" in m.value]
    assert len(shown) == 2
    for source in shown:
        # Every markup character is escaped: the text is displayed, never interpreted.
        assert "\\<img" in source or "\\[x\\]\\(javascript" in source
