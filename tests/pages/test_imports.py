"""The import screen and attachments, as a secretary uses them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from data_access.attachments import read_attachment
from data_access.db import create_db_engine, session_scope
from data_access.imports import template_spec
from data_access.models import Attachment
from excel.template import report_template
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import app_database_url, campaign_named
from tests.helpers.excel import fill
from tests.helpers.files import PNG
from tests.helpers.screens import assert_no_errors, create_visit, start
from ui.common import plain_markdown

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app(sample_app_env) -> AppTest:
    app = start("quantri.kt")
    app.switch_page("pages/imports.py").run()
    assert_no_errors(app)
    return app


def _filled_report(env: Path, cells: dict[str, object]) -> bytes:
    engine = create_db_engine(app_database_url(env))
    campaign = campaign_named(engine, INFRASTRUCTURE).id
    spec = template_spec(engine, campaign, date(2027, 1, 1), date(2027, 6, 30), "6 tháng năm 2027")
    engine.dispose()
    return fill(report_template(spec, [("20341", "Phường Tam Kỳ")]), cells)


def test_template_download_is_offered(app):
    button = next(b for b in app.get("download_button"))
    assert "Tải mẫu báo cáo" in button.proto.label
    assert any("Mẫu có" in c.value for c in app.caption)


def test_import_a_report_preview_confirm_and_recognise_it_again(app, sample_app_env):
    content = _filled_report(sample_app_env, {"C5": 9, "D5": "18,5"})
    app.file_uploader(key="report-file").upload("bao-cao-6-thang.xlsx", content, XLSX).run()
    assert_no_errors(app)
    assert any("Sẽ thêm 2, thay đổi 0, giữ nguyên 0 số liệu" in s.value for s in app.success)
    app.button(key="confirm-report").click().run()
    assert_no_errors(app)
    app.file_uploader(key="report-file").upload("ban-sao.xlsx", content, XLSX).run()
    assert any("đã được nhập" in w.value for w in app.warning)
    history = next(df.value for df in app.dataframe if "Người nhập" in df.value.columns)
    assert list(history["Tệp"]) == ["bao-cao-6-thang.xlsx"]


def test_problems_are_listed_by_cell(app, sample_app_env):
    content = _filled_report(sample_app_env, {"C5": -4, "D5": "1.234"})
    app.file_uploader(key="report-file").upload("loi.xlsx", content, XLSX).run()
    assert any("Tệp có 2 lỗi; chưa nhập gì" in e.value for e in app.error)
    problems = next(df.value for df in app.dataframe if "Lý do" in df.value.columns)
    assert list(problems["Ô"]) == ["C5", "D5"]


def test_a_renamed_csv_is_refused_with_a_message(app):
    app.file_uploader(key="report-file").upload("so-lieu.xlsx", b"ma,so\n20341,9\n", XLSX).run()
    assert any("không phải là tệp Excel .xlsx" in e.value for e in app.error)


def test_attach_a_photo_and_see_its_thumbnail(sample_app_env):
    app = create_visit(start())
    app.file_uploader(key="upload").upload("../../anh hien truong.png", PNG, "image/png").run()
    app.button(key="attach").click().run()
    assert_no_errors(app)
    assert len(app.get("image")) == 1  # the thumbnail
    assert any(c.value == plain_markdown("anh hien truong.png") for c in app.caption)
    engine = create_db_engine(app_database_url(sample_app_env))
    (stored,) = attachment_rows(engine)
    assert stored.stored_name.endswith(".png") and len(stored.stored_name) == 36
    assert read_attachment(engine, stored.stored_name) == PNG
    engine.dispose()


def test_a_workbook_holding_more_than_a_template_is_refused_with_the_limit(app, sample_app_env):
    from tests.helpers.hostile import million_rows_without_dimension

    content = million_rows_without_dimension(_filled_report(sample_app_env, {"C5": 9}))
    app.file_uploader(key="report-file").upload("lon.xlsx", content, XLSX).run()
    assert [e.value for e in app.error] == [
        "Một trang tính có hơn 20.000 dòng, mẫu nhận tối đa 20.000 dòng số liệu. Xóa các dòng "
        "thừa ở cuối trang rồi tải lại."
    ]


def test_a_report_naming_an_unknown_campaign_is_a_located_problem(app, sample_app_env):
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(_filled_report(sample_app_env, {"C5": 9})))
    meta = book["_thong_tin"]
    next(row for row in meta.iter_rows() if row[0].value == "campaign")[1].value = "KHONG-CO"
    out = io.BytesIO()
    book.save(out)
    app.file_uploader(key="report-file").upload("sai.xlsx", out.getvalue(), XLSX).run()
    assert not app.exception  # the preview raised outside the error handling before
    problems = next(df.value for df in app.dataframe if "Lý do" in df.value.columns)
    assert list(problems["Sheet"]) == ["_thong_tin"]
    assert "Mã phong trào trong thông tin mẫu" in problems["Lý do"][0]


def test_a_photo_that_only_starts_like_a_jpeg_is_refused_with_a_message(sample_app_env):
    app = create_visit(start())
    junk = b"\xff\xd8\xff\xe0" + b"junk" * 100
    app.file_uploader(key="upload").upload("anh.jpg", junk, "image/jpeg").run()
    app.button(key="attach").click().run()
    assert [e.value for e in app.error] == [
        "Tệp ảnh bị hỏng hoặc không phải ảnh JPG/PNG thật (hoặc lớn hơn 60 triệu điểm ảnh)."
    ]
    engine = create_db_engine(app_database_url(sample_app_env))
    assert attachment_rows(engine) == []
    engine.dispose()


def attachment_rows(engine):
    with session_scope(engine, read_only=True) as session:
        return list(session.scalars(select(Attachment)))
