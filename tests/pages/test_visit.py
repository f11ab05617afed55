"""Journeys through the visit screens, as the delegation's secretary and head use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.data import app_database_url
from tests.helpers.screens import (
    SECRETARY,
    all_text,
    assert_no_errors,
    by_label,
    create_visit,
    reload,
    start,
)


@pytest.fixture
def visit(sample_app_env) -> AppTest:
    return create_visit(start())


def test_create_visit_opens_its_record(visit):
    assert visit.header[0].value == "Buổi làm việc ngày 22/11/2026 — Phường Tam Kỳ"
    text = all_text(visit)
    assert "Bản nháp · Đoàn kiểm tra Sở Nội vụ thành phố Đà Nẵng" in text
    # Before the meeting: Tam Kỳ city's open recommendations of 14/9/2023.
    assert (
        "Kịp thời hướng dẫn nghiệp vụ để đảm bảo các nội dung liên quan đến hồ sơ thi đua" in text
    )


def test_record_a_whole_visit_and_find_everything_after_reload(visit):
    app = visit
    # Checklist: rate the first criterion, with a note.
    first = app.radio(key=next(r.key for r in app.radio if r.key.startswith("rating-")))
    first.set_value("good").run()
    assert_no_errors(app)
    # Findings and a recommendation.
    new_achievement = by_label(app.text_area, "Thêm kết quả đạt được")
    new_achievement.set_value("Giải ngân 9 tháng đạt 68% kế hoạch.").run()
    app.button(key="add-achievement").click().run()
    assert_no_errors(app)
    by_label(app.text_area, "Nội dung").set_value("Hoàn thiện hồ sơ khen thưởng").run()
    app.button(key="add-recommendation").click().run()
    assert_no_errors(app)
    # Its addressee, typed into the saved recommendation (a new name in the box of the
    # form is the browser journey's: AppTest cannot type a new option).
    field = next(f for f in app.text_input if f.key and f.key.startswith("addressee-"))
    field.set_value("UBND phường Tam Kỳ").run()
    app.button(key=f"save-{field.key.removeprefix('addressee-')}").click().run()
    assert_no_errors(app)

    again = reload(app)
    assert_no_errors(again)
    assert any(
        field.value == "UBND phường Tam Kỳ"
        for field in again.text_input
        if field.key and field.key.startswith("addressee-")
    )
    assert [a.value for a in again.text_area if a.value.startswith("Giải ngân")] == [
        "Giải ngân 9 tháng đạt 68% kế hoạch."
    ]
    assert any(a.value == "Hoàn thiện hồ sơ khen thưởng" for a in again.text_area)
    assert again.radio(key=first.key).value == "good"


def test_typed_text_survives_a_refresh_before_saving(visit):
    by_label(visit.text_area, "Nội dung làm việc").set_value(
        "Kiểm tra việc triển khai phong trào năm 2026"
    ).run()
    again = reload(visit)
    summary = by_label(again.text_area, "Nội dung làm việc")
    assert summary.value == "Kiểm tra việc triển khai phong trào năm 2026"
    assert any("Đã khôi phục nội dung chưa lưu" in c.value for c in again.caption)


def test_sign_off_makes_the_record_read_only_and_reopen_needs_a_reason(visit):
    app = visit
    app.checkbox(key="sign-off-confirm").check().run()
    app.button(key="sign-off").click().run()
    assert_no_errors(app)
    # The signer is the signed-in head (here the secretary who created the delegation).
    assert any("Đã ký duyệt bởi Nguyễn Thư Ký" in i.value for i in app.info)
    assert by_label(app.text_area, "Nội dung làm việc").disabled
    assert not [b for b in app.button if b.key and b.key.startswith("add-")]
    app.button(key="reopen").click().run()
    assert any("Cần nêu lý do mở lại" in e.value for e in app.error)
    app.text_area(key="reopen-reason").set_value("Bổ sung số liệu").run()
    app.button(key="reopen").click().run()
    assert_no_errors(app)
    assert not by_label(app.text_area, "Nội dung làm việc").disabled


def test_a_viewer_sees_the_record_but_no_edit_controls(sample_app_env):
    from sample_data.builder import stable_id

    app = start("lanhdao.kt")
    app.switch_page("pages/visit.py")
    app.query_params["visit"] = str(stable_id("visit", "ngo-quyen-2026-05-20"))
    app.run()
    assert_no_errors(app)
    assert app.header[0].value == "Buổi làm việc ngày 20/05/2026 — Phường Ngô Quyền"
    assert all(area.disabled for area in app.text_area)
    assert not [b for b in app.button if b.key and b.key.startswith(("save", "add-", "delete"))]
    assert any("Chỉ trưởng đoàn" in i.value for i in app.info)
    app.switch_page("pages/visits.py").run()
    assert not [b for b in app.button if b.label == "Tạo và mở biên bản"]


def test_tracker_counts_and_overdue_filter(sample_app_env):
    app = start()
    app.switch_page("pages/recommendations.py").run()
    assert_no_errors(app)
    # No status chosen keeps them all, and the box says so, as the boxes beside it do.
    assert by_label(app.multiselect, "Hiện trạng").proto.placeholder == "Tất cả"
    overdue = next(m for m in app.metric if m.label == "Quá hạn")
    assert overdue.value == "3"
    app.checkbox(key="tracker-overdue").check().run()
    table = app.dataframe[0].value
    assert len(table) == 3
    assert all(status.startswith("Quá hạn") for status in table["Hiện trạng"])


def _seed_figures_draft(app: AppTest, env: Path, rows: dict[str, list[str]]) -> AppTest:
    """What a secretary typed into the figures table, as the app keeps it (a draft)."""
    import json
    from uuid import UUID

    from data_access.accounts import find_user_id, load_actor
    from data_access.db import create_db_engine
    from data_access.drafts import save_draft
    from data_access.visits import draft_scope

    engine = create_db_engine(app_database_url(env))
    visit_id = UUID(app.query_params["visit"])
    text = json.dumps(
        {"label": "9 tháng năm 2026", "start": "2026-01-01", "end": "2026-09-30", "rows": rows},
        ensure_ascii=False,
    )
    save_draft(
        engine,
        load_actor(engine, find_user_id(engine, "thuky")),  # who the app is signed in as
        draft_scope("visit", visit_id, "figures"),
        text,
        base_version=None,
    )
    engine.dispose()
    return reload(app)


def _keys(app: AppTest) -> list[str]:
    return [field.key for field in app.text_input if field.key]


def _is_recorded_figures(frame) -> bool:
    return list(frame.columns)[:2] == ["Kỳ báo cáo", "Chỉ tiêu"]


def test_reported_figures_saved_from_the_table(sample_app_env, visit):
    app = _seed_figures_draft(
        visit,
        sample_app_env,
        {
            "allocated_capital": ["635,7", ""],
            "disbursed_capital": ["231", ""],
            "works_count": ["2.701", ""],  # a count: the dot can only group thousands
        },
    )
    assert by_label(app.text_input, "Kỳ báo cáo").value == "9 tháng năm 2026"
    app.button(key="save-figures").click().run()
    assert_no_errors(app)
    # The next figures are most often of the same period: it stays.
    assert by_label(app.text_input, "Kỳ báo cáo").value == "9 tháng năm 2026"
    recorded = next(df.value for df in app.dataframe if _is_recorded_figures(df.value))
    rows = dict(zip(recorded["Chỉ tiêu"], recorded["Giá trị"], strict=True))
    assert rows == {
        "Số công trình": "2.701",
        "Kế hoạch vốn đầu tư công được giao": "635,7",
        "Vốn đầu tư công đã giải ngân": "231,0",
    }


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"allocated_capital": ["1.234", ""]}, "“1.234” có thể là 1234 hoặc 1,234"),
        ({"works_count": ["2,5", ""]}, "chỉ tiêu này chỉ nhận số nguyên"),
        (
            {"disbursed_capital": ["700", ""], "allocated_capital": ["635,7", ""]},
            "Vốn đầu tư công đã giải ngân: lớn hơn kế hoạch vốn được giao; cần ghi chú lý do.",
        ),
        (
            {"clearance_cost": ["-5", ""]},
            "Kinh phí bồi thường, GPMB, tái định cư: giá trị không được âm.",
        ),
    ],
)
def test_impossible_figures_are_refused_with_a_message(sample_app_env, visit, rows, message):
    app = _seed_figures_draft(visit, sample_app_env, rows)
    app.button(key="save-figures").click().run()
    assert any(message in e.value for e in app.error), [e.value for e in app.error]
    # ...and on the line it concerns, where the value is still there to correct.
    flagged = [c.value for c in app.caption if c.value.startswith(":red[⚠")]
    assert len(flagged) == 1 and message in flagged[0]
    code, (typed, _) = next(iter(rows.items()))
    assert app.text_input(key=next(k for k in _keys(app) if f":{code}:value" in k)).value == typed
    # Nothing was saved, and what was typed is still there to correct.
    assert not [df for df in app.dataframe if _is_recorded_figures(df.value)]
    assert by_label(app.text_input, "Kỳ báo cáo").value == "9 tháng năm 2026"


def test_delete_a_finding_and_undo(visit):
    app = visit
    by_label(app.text_area, "Thêm khó khăn, vướng mắc").set_value("Thiếu mặt bằng sạch").run()
    app.button(key="add-difficulty").click().run()
    finding = next(a for a in app.text_area if a.value == "Thiếu mặt bằng sạch")
    finding_id = finding.key.split(":")[2]
    app.button(key=f"delete-{finding_id}").click().run()
    assert not [a for a in app.text_area if a.value == "Thiếu mặt bằng sạch"]
    assert any("Đã xóa “Thiếu mặt bằng sạch”" in i.value for i in app.info)
    app.button(key="undo").click().run()
    assert_no_errors(app)
    assert [a.value for a in app.text_area if a.value == "Thiếu mặt bằng sạch"]


def test_recommendation_status_update_with_note_and_history(visit):
    app = visit
    by_label(app.text_area, "Nội dung").set_value("Đẩy nhanh giải ngân vốn năm 2026").run()
    app.button(key="add-recommendation").click().run()
    recommendation = next(
        a for a in app.text_area if a.value == "Đẩy nhanh giải ngân vốn năm 2026"
    ).key.split(":")[2]
    new_status = next(s for s in app.selectbox if s.key.startswith(f"new-status-{recommendation}"))
    new_status.select("in_progress")
    app.button(key=f"status-{recommendation}").click().run()
    assert any("Cần ghi chú cho thay đổi trạng thái" in e.value for e in app.error)
    note = next(i for i in app.text_input if i.key.startswith(f"status-note-{recommendation}"))
    note.set_value("Phường đã giao phòng Kinh tế theo dõi")
    new_status = next(s for s in app.selectbox if s.key.startswith(f"new-status-{recommendation}"))
    new_status.select("in_progress")
    app.button(key=f"status-{recommendation}").click().run()
    assert_no_errors(app)
    assert any("Đang thực hiện" in m.value for m in app.markdown)
    history = next(df.value for df in app.dataframe if "Người cập nhật" in df.value.columns)
    assert history.iloc[-1]["Ghi chú"] == "Phường đã giao phòng Kinh tế theo dõi"
    assert history.iloc[-1]["Người cập nhật"] == SECRETARY
    assert history.iloc[-1]["Sang"] == "Đang thực hiện"


def test_tracker_pages_through_every_recommendation(sample_app_env, monkeypatch):
    import ui.data
    import ui.tracker

    monkeypatch.setattr(ui.data, "TRACKER_PAGE", 4)
    monkeypatch.setattr(ui.tracker, "TRACKER_PAGE", 4)
    app = start()
    app.switch_page("pages/recommendations.py").run()
    assert_no_errors(app)
    first_page = list(app.dataframe[0].value["Nội dung"])
    assert len(first_page) == 4
    caption = next(c.value for c in app.caption if c.value.startswith("Kiến nghị 1–4"))
    total = int(caption.split("tổng số ")[1].split(" ")[0])
    pages = -(-total // 4)
    assert caption.endswith(f"(trang 1/{pages}).")
    seen = set(first_page)
    for number in range(2, pages + 1):
        app.number_input(key="tracker-page").set_value(number).run()
        assert_no_errors(app)
        seen |= set(app.dataframe[0].value["Nội dung"])
    assert len(seen) == total  # every recommendation once, none skipped
    # A new filter starts again from its first page: the 3 overdue ones fit on it.
    app.checkbox(key="tracker-overdue").check().run()
    assert_no_errors(app)
    assert len(app.dataframe[0].value) == 3
    assert not [c for c in app.caption if c.value.startswith("Kiến nghị 1–")]
    app.checkbox(key="tracker-overdue").uncheck().run()
    assert app.number_input(key="tracker-page").value == 1


def test_a_stored_image_that_does_not_decode_leaves_the_visit_usable(visit, sample_app_env):
    """Stored before uploads were decoded: st.image raised, the attachments and sign-off tabs
    drew nothing for anyone, and the visit could not be signed off."""
    from uuid import UUID, uuid4

    from data_access.db import create_db_engine, session_scope
    from data_access.models import Attachment

    folder = sample_app_env / "attachments"
    folder.mkdir(exist_ok=True)
    stored_name = f"{uuid4().hex}.jpg"
    junk = b"\xff\xd8\xff\xe0" + b"junk" * 100
    (folder / stored_name).write_bytes(junk)
    engine = create_db_engine(app_database_url(sample_app_env))
    with session_scope(engine) as s:
        s.add(
            Attachment(
                visit_id=UUID(visit.query_params["visit"]),
                stored_name=stored_name,
                original_name="anh-hong.jpg",
                content_type="image/jpeg",
                size_bytes=len(junk),
                sha256="0" * 64,
            )
        )
    engine.dispose()
    app = visit.run()
    assert_no_errors(app)
    assert any("Tệp ảnh bị hỏng" in w.value for w in app.warning)
    app.checkbox(key="sign-off-confirm").check().run()
    app.button(key="sign-off").click().run()
    assert_no_errors(app)
    assert any("Đã ký duyệt bởi Nguyễn Thư Ký" in i.value for i in app.info)


def test_a_large_register_is_prepared_with_progress_then_downloaded(sample_app_env, monkeypatch):
    """Above a few thousand recommendations the register takes seconds: it is prepared
    first, under a progress bar, then offered; the next change of the data asks again."""
    import io

    import openpyxl

    from ui import exports

    monkeypatch.setattr(exports, "LARGE_REGISTER", 2)  # the sample's handful counts as large
    app = start()
    app.switch_page("pages/recommendations.py").run()
    assert_no_errors(app)
    assert not app.get("download_button")
    prepare = app.button(key="prepare-register")
    assert prepare.label.startswith("Chuẩn bị sổ theo dõi kiến nghị (Excel, ")
    prepare.click().run()
    assert_no_errors(app)
    button = app.get("download_button")[0]
    assert button.proto.label.startswith("Tải sổ theo dõi kiến nghị đã chuẩn bị (")
    _, content = app.session_state[exports.REGISTER_KEY]
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book["Kiến nghị"]["A2"].value == "SỔ THEO DÕI KIẾN NGHỊ SAU GIÁM SÁT"
    app.checkbox(key="tracker-overdue").check().run()  # another filter: prepared again
    assert not app.get("download_button")
    assert app.button(key="prepare-register").label.startswith("Chuẩn bị")
