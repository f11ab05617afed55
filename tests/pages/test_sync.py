"""The Đồng bộ / xung đột screen, as the server's administrator and a laptop's user see it."""

from __future__ import annotations

import os

import pytest

from data_access.accounts import SYSTEM
from data_access.db import create_db_engine
from data_access.migrate import upgrade_to_head
from data_access.sync.exchange import sync_direct
from data_access.sync.laptops import join_server, register_laptop
from data_access.visit_views import visit_detail
from data_access.visits import update_finding
from sample_data.builder import stable_id
from tests.helpers.data import TODAY, app_database_url
from tests.helpers.field import person_on, url_of
from tests.helpers.screens import assert_no_errors, by_label, open_app


@pytest.fixture
def sample_app_env(server_app_env):
    """Every test here on both databases: the shared server registers the laptops."""
    return server_app_env


NGO_QUYEN = stable_id("visit", "ngo-quyen-2026-05-20")


def _sync_page(app):
    app.switch_page("pages/sync.py").run()
    assert_no_errors(app)
    return app


def _server(folder):
    return create_db_engine(os.environ.get("DATABASE_URL") or app_database_url(folder))


def test_the_administrator_registers_a_laptop_and_gets_its_file(sample_app_env):
    server = _server(sample_app_env)
    ngo_quyen = str(visit_detail(server, NGO_QUYEN, TODAY).locality_id)
    server.dispose()
    app = _sync_page(open_app())
    by_label(app.text_input, "Máy trạm").set_value("Máy Ngô Quyền")
    by_label(app.multiselect, "Địa phương được mang đi").select(ngo_quyen)
    next(b for b in app.button if b.label == "Đăng ký").click().run()
    assert_no_errors(app)
    listed = app.dataframe[0].value
    assert list(listed["Máy trạm"]) == ["Máy Ngô Quyền"]
    assert list(listed["Địa phương được mang đi"]) == ["Phường Ngô Quyền"]
    assert any("Giao tệp này cho máy trạm" in c.value for c in app.caption)


def test_a_registration_without_a_locality_says_so(sample_app_env):
    app = _sync_page(open_app())
    by_label(app.text_input, "Máy trạm").set_value("Máy thiếu địa bàn")
    next(b for b in app.button if b.label == "Đăng ký").click().run()
    assert [e.value for e in app.error] == ["Chọn ít nhất một địa phương máy trạm được mang đi."]


def test_a_file_that_is_not_a_package_is_refused_with_a_message(sample_app_env):
    app = _sync_page(open_app())
    app.file_uploader(key="sync-push").upload("goi.zip", b"PK\x03\x04 hong", "application/zip")
    app.run()
    app.button(key="sync-receive-push").click().run()
    assert [e.value for e in app.error] == ["Tệp không phải gói đồng bộ của ứng dụng này."]


def test_a_conflict_from_a_laptop_is_resolved_on_the_screen(sample_app_env, tmp_path):
    server = _server(sample_app_env)
    visit = visit_detail(server, NGO_QUYEN, TODAY)
    registration = register_laptop(
        server, SYSTEM, "Máy Hải Phòng", [visit.delegation_id], [visit.locality_id], "Sở"
    )
    laptop = create_db_engine(f"sqlite:///{tmp_path / 'laptop.sqlite3'}")
    upgrade_to_head(laptop)
    join_server(laptop, SYSTEM, registration)
    sync_direct(laptop, SYSTEM, url_of(server))
    finding = visit.findings[0]
    update_finding(
        laptop, person_on(laptop, "thanhtra"), finding.id, None, {"text": "Bản máy trạm"}
    )
    update_finding(
        server, person_on(server, "quantri.kt"), finding.id, None, {"text": "Bản máy chủ"}
    )
    sync_direct(laptop, SYSTEM, url_of(server))
    app = _sync_page(open_app())
    assert app.subheader[-1].value == "Xung đột cần xử lý (1)"
    assert any(m.value == "Bản máy trạm" for m in app.markdown)
    app.button(key=next(b.key for b in app.button if b.key.startswith("other-"))).click().run()
    assert_no_errors(app)
    assert any(s.value == "Không có xung đột nào." for s in app.subheader)
    assert visit_detail(server, NGO_QUYEN, TODAY).findings[0].text == "Bản máy trạm"
    laptop.dispose()
    server.dispose()


def test_the_screen_is_not_in_a_viewers_menu(sample_app_env):
    app = open_app(username="lanhdao.kt")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/sync.py")
