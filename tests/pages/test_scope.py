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


def _limit_user_to(folder, username: str, locality_code: str, *, delete_it: bool) -> None:
    """Point the user's only locality at ``locality_code``; soft-delete that unit."""
    from sqlalchemy import select

    from data_access.db import create_db_engine, session_scope
    from data_access.models import Locality, User, UserLocalityScope, utcnow
    from tests.helpers.data import app_database_url

    engine = create_db_engine(app_database_url(folder))
    with session_scope(engine) as s:
        user = s.scalar(select(User).where(User.username == username))
        unit = s.scalar(select(Locality).where(Locality.code == locality_code))
        for scope in s.scalars(
            select(UserLocalityScope).where(UserLocalityScope.user_id == user.id)
        ):
            scope.locality_id = unit.id
        if delete_it:
            unit.deleted_at = utcnow()
    engine.dispose()


def test_a_user_whose_only_locality_was_deleted_sees_no_recommendation(sample_app_env):
    # Before, the empty scope applied no filter: every locality's recommendations showed.
    _limit_user_to(sample_app_env, "haiphong.kt", "31", delete_it=True)
    app = open_app(username="haiphong.kt")
    app.switch_page("pages/recommendations.py").run()
    assert_no_errors(app)
    assert not app.dataframe or app.dataframe[0].value.empty
    assert "Phường Tam Kỳ" not in all_text(app)
    assert all(m.value == "0" for m in app.metric)


HOSTILE = "[bấm](http://evil.example) ![ảnh](http://evil.example/p.png)"


def _markdown_sources(app) -> list[str]:
    """The source of everything Streamlit reads as Markdown on the screen."""
    kinds = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "success")
    return [str(e.value) for kind in kinds for e in getattr(app, kind)]


def test_names_and_reasons_typed_by_users_are_never_rendered_as_markdown(sample_app_env):
    """A typed link became a real link and a typed image was fetched from an outside host:
    the delegation's name, a reopen reason, a unit's name from the catalogue."""
    import re
    from datetime import date

    from sqlalchemy import select

    from data_access import visits as v
    from data_access.accounts import SYSTEM
    from data_access.db import create_db_engine, session_scope
    from data_access.models import Campaign, Locality
    from tests.helpers.data import app_database_url

    engine = create_db_engine(app_database_url(sample_app_env))
    with session_scope(engine) as s:
        unit = s.scalar(select(Locality).where(Locality.code == "20341"))
        unit.name = f"Phường {HOSTILE}"
        campaign_id = s.scalar(select(Campaign.id))
        unit_id = unit.id
    visit = v.create_visit(
        engine,
        SYSTEM,
        v.VisitInput(unit_id, date(2026, 11, 2), [campaign_id], delegation_name=HOSTILE),
    )
    v.sign_off(engine, SYSTEM, visit)
    v.reopen(engine, SYSTEM, visit, f"Sửa số liệu {HOSTILE}")
    engine.dispose()
    app = open_app()
    app.switch_page("pages/visit.py")
    app.query_params["visit"] = str(visit)
    app.run()
    assert_no_errors(app)
    sources = _markdown_sources(app)
    assert sum("evil" in source for source in sources) >= 3  # heading, facts, reason
    unescaped_link = re.compile(r"(?<!\\)\]\(|(?<!\\)!(?<!\\)\[")
    assert [source for source in sources if unescaped_link.search(source)] == []
    app.switch_page("pages/locality.py")
    app.query_params.clear()
    app.query_params["locality"] = "20341"
    app.run()
    sources = _markdown_sources(app)
    assert any("evil" in source for source in sources)
    assert [source for source in sources if unescaped_link.search(source)] == []
