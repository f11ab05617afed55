"""The supervision rounds screen as the delegation uses it: a round planned, the Tam Kỳ
visit counted under it, the report drafted from its results, edited, kept through a
reload, and finalised by the head; leadership reads it and changes nothing."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from data_access.db import create_db_engine
from data_access.visit_views import visit_detail
from sample_data.builder import stable_id
from tests.helpers.data import TODAY, app_database_url
from tests.helpers.screens import all_text, assert_no_errors, by_label, open_app, read_as_shown


@pytest.fixture
def sample_app_env(server_app_env):
    """Every test here on both databases: rounds are planned on the shared server."""
    return server_app_env


TAM_KY_VISIT = stable_id("visit", "tam-ky-2023-09-14")
SUBJECT = "việc triển khai phong trào thi đua năm 2023"


def _tam_ky(folder) -> str:
    server = create_db_engine(os.environ.get("DATABASE_URL") or app_database_url(folder))
    locality = visit_detail(server, TAM_KY_VISIT, TODAY).locality_id
    server.dispose()
    return str(locality)


def _new_round(app: AppTest, tam_ky: str) -> AppTest:
    app.switch_page("pages/rounds.py").run()
    assert_no_errors(app)
    by_label(app.text_input, "Nội dung giám sát").set_value(SUBJECT)
    by_label(app.text_input, "Số quyết định hoặc kế hoạch").set_value("15/QĐ-SNV")
    by_label(app.multiselect, "Các địa phương sẽ đến").select(tam_ky)
    by_label(app.button, "Tạo đợt giám sát").click().run()
    assert_no_errors(app)
    assert "round" in app.query_params
    app.switch_page("pages/rounds.py").run()  # AppTest follows the switch by hand
    assert_no_errors(app)
    return app


def _metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def test_a_round_is_planned_its_visit_counted_and_its_report_drafted_and_kept(sample_app_env):
    app = _new_round(open_app(), _tam_ky(sample_app_env))
    assert app.title[0].value == f"Giám sát {SUBJECT}"
    assert "Quyết định/kế hoạch: 15/QĐ-SNV" in all_text(app)
    # Tam Kỳ planned without a day: scheduled, not overdue.
    assert (_metric(app, "Đã làm việc"), _metric(app, "Theo kế hoạch")) == ("0", "1")

    link = by_label(app.multiselect, "Buổi làm việc của đoàn chưa thuộc đợt nào")
    link.select(str(TAM_KY_VISIT))
    by_label(app.button, "Gắn vào đợt").click().run()
    assert_no_errors(app)
    assert (_metric(app, "Đã làm việc"), _metric(app, "Theo kế hoạch")) == ("1", "0")
    visit = open_app({"visit": str(TAM_KY_VISIT)})
    visit.switch_page("pages/visit.py").run()
    assert_no_errors(visit)
    assert [link.label for link in visit.get("page_link")] == [f"Thuộc đợt giám sát {SUBJECT}"]

    by_label(app.button, "Soạn dự thảo từ kết quả các buổi làm việc").click().run()
    assert_no_errors(app)
    results = by_label(app.text_area, "I. Tình hình và kết quả đạt được")
    assert results.value.startswith("Thành phố Tam Kỳ (làm việc ngày 14/09/2023):\n- UBND")
    difficulties = by_label(app.text_area, "III. Khó khăn, vướng mắc và nguyên nhân")
    assert "- Tiêu chí thi đua ngành dọc (kinh tế, tài chính)." in difficulties.value

    # The head adds a sentence and saves; a new session finds it.
    added = results.value + "\n- Đoàn đánh giá cao sự chủ động của thành phố."
    results.set_value(added).run()
    by_label(app.button, "Lưu báo cáo").click().run()
    assert_no_errors(app)
    again = open_app({"round": app.query_params["round"]})
    again.switch_page("pages/rounds.py").run()
    assert by_label(again.text_area, "I. Tình hình và kết quả đạt được").value == added

    # Finalised: stored with the round, read-only, downloadable.
    next(c for c in again.checkbox if c.label.startswith("Tôi đã rà soát")).check().run()
    by_label(again.button, "Hoàn thành báo cáo").click().run()
    assert_no_errors(again)
    (done,) = [read_as_shown(s.value) for s in again.success]
    assert done.startswith("Báo cáo đã hoàn thành (Quản trị Kiểm thử (quantri.kt), lúc ")
    assert any(b.label == "Tải báo cáo đã hoàn thành (Word)" for b in again.get("download_button"))
    assert not again.text_area  # nothing left to edit: the report reads as finalised
    assert added in [e.value for e in again.get("text")]


def test_leadership_reads_a_round_and_changes_nothing(sample_app_env):
    app = _new_round(open_app(), _tam_ky(sample_app_env))
    viewer = open_app({"round": app.query_params["round"]}, username="lanhdao.kt")
    viewer.switch_page("pages/rounds.py").run()
    assert_no_errors(viewer)
    assert viewer.title[0].value == f"Giám sát {SUBJECT}"
    assert not [b for b in viewer.button if b.label in ("Gắn vào đợt", "Lưu báo cáo")]
    assert all(area.disabled for area in viewer.text_area)
    viewer.query_params.clear()
    viewer.switch_page("pages/rounds.py").run()
    assert not [e for e in viewer.expander if e.label == "Tạo đợt giám sát mới"]
    assert SUBJECT in viewer.dataframe[0].value["Nội dung giám sát"].tolist()


def test_a_mistyped_decision_number_is_corrected_on_the_round(sample_app_env):
    app = _new_round(open_app(), _tam_ky(sample_app_env))
    boxes = [b for b in app.text_input if b.label == "Số quyết định hoặc kế hoạch"]
    assert [b.value for b in boxes] == ["15/QĐ-SNV"]
    boxes[0].set_value("16/QĐ-SNV")
    by_label(app.button, "Lưu thông tin đợt").click().run()
    assert_no_errors(app)
    assert "Quyết định/kế hoạch: 16/QĐ-SNV" in all_text(app)
