"""The administration screen: users, the audit log, backups, the built-in catalogue."""

from __future__ import annotations

import os

import pytest

from tests.helpers.screens import all_text, assert_no_errors, open_app


@pytest.fixture
def sample_app_env(server_app_env):
    """Every test here on both databases: backups and accounts differ on the shared server."""
    return server_app_env


def _admin(app):
    app.switch_page("pages/admin.py").run()
    assert_no_errors(app)
    return app


def test_create_a_user_and_find_it_in_the_audit_log(sample_app_env):
    app = _admin(open_app())
    form_inputs = {}
    for field in app.text_input:  # the creation form comes first on the screen
        form_inputs.setdefault(field.label, field)
    form_inputs["Tên đăng nhập"].set_value("canbo.moi")
    form_inputs["Họ tên"].set_value("Cán Bộ Mới")
    form_inputs["Mật khẩu tạm"].set_value("Tam-thoi-2026")
    next(b for b in app.button if b.label == "Tạo người dùng").click().run()
    assert_no_errors(app)
    users = app.dataframe[0].value
    assert "canbo.moi" in set(users["Tên đăng nhập"])
    log = next(df.value for df in app.dataframe if "Thao tác" in df.value.columns)
    assert "create" in set(log["Thao tác"])
    assert "Quản trị Kiểm thử (quantri.kt)" in set(log["Người thực hiện"])


def test_backup_from_the_screen(sample_app_env):
    app = _admin(open_app())
    if os.environ.get("DATABASE_URL"):  # server mode: the server's own tools back it up
        assert any("pg_dump" in i.value for i in app.info)
        return
    app.button(key="backup-now").click().run()
    assert_no_errors(app)
    backups = list((sample_app_env / "backups").glob("giamsat-*.sqlite3"))
    assert len(backups) == 1


def test_administration_is_not_in_an_inspectors_menu(sample_app_env):
    app = open_app(username="thuky")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/admin.py")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/imports.py")


def test_overlapping_figures_are_listed_and_resolved_on_the_admin_screen(sample_app_env):
    from data_access.db import create_db_engine
    from sample_data.sources import INFRASTRUCTURE
    from tests.data_access.test_flows import store_nine_months
    from tests.helpers.data import app_database_url, campaign_named

    engine = create_db_engine(os.environ.get("DATABASE_URL") or app_database_url(sample_app_env))
    store_nine_months(engine, campaign_named(engine, INFRASTRUCTURE).id)
    engine.dispose()
    app = open_app()
    app.switch_page("pages/admin.py").run()
    assert_no_errors(app)
    assert "Số liệu trùng kỳ (3)" in [tab.label for tab in app.tabs]
    assert any("3 cặp số liệu" in w.value for w in app.warning)
    app.button(key="overlap-check-0").click().run()
    assert_no_errors(app)
    assert "Số liệu trùng kỳ" in [tab.label for tab in app.tabs]
    assert any("không số nào bị tính hai lần" in s.value for s in app.success)


def test_the_official_catalogue_is_completed_from_the_admin_screen(sample_app_env):
    """The test office holds the sample's units only: the screen says what the built-in
    catalogue would add, and its button adds it."""
    app = _admin(open_app())
    shown = all_text(app)
    assert "Danh mục chính thức có sẵn trong phần mềm (vietnamadminunits 1.0.4)" in shown
    assert "34 tỉnh, thành phố và 3.321 xã, phường, đặc khu hiện nay" in shown
    missing = next(i.value for i in app.info if "còn thiếu" in i.value)
    assert missing.startswith("Cơ sở dữ liệu còn thiếu 30 tỉnh, 3.311 xã, phường, 10.750 đơn vị cũ")
    app.button(key="catalogue-install").click().run()
    assert_no_errors(app)
    assert [t.value for t in app.toast] == [
        "Đã bổ sung 30 tỉnh, 3.311 xã, phường, 10.750 đơn vị cũ và 10.632 liên kết kế thừa."
    ]
    assert any(s.value == "Cơ sở dữ liệu đã có đủ danh mục chính thức." for s in app.success)
