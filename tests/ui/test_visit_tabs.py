"""Each tab of the visit record rendered alone, from records built by hand, with a fake of
each door: what a person reads, and which command a click sends (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import UUID

import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access import visits as commands
from data_access.attachments import delete_attachment
from data_access.catalogue import IndicatorRecord
from data_access.drafts import SavedDraft
from data_access.errors import NotFound, StaleEdit
from data_access.visit_views import (
    Attachment,
    CampaignRef,
    ChecklistItem,
    EarlierRecommendation,
    Finding,
    Recommendation,
    ReportedFigure,
    StatusChange,
    VisitDetail,
)
from domain.permissions import Actor
from tests.helpers.data import TODAY
from tests.helpers.files import PNG
from tests.helpers.screens import all_text, assert_no_errors
from ui.actions import Outcome
from ui.common import plain_markdown

VISIT, CAMPAIGN, DELEGATION = UUID(int=1), UUID(int=2), UUID(int=3)
ADMIN = Actor("quantri", "Quản trị", "admin")
VIEWER = Actor("lanhdao", "Lãnh đạo", "viewer")


def finding(number: int, kind: str, text: str) -> Finding:
    return Finding(UUID(int=100 + number), 1, kind, text, None, None, number)


def recommendation(number: int, **fields) -> Recommendation:
    defaults = {
        "id": UUID(int=200 + number),
        "version": 3,
        "direction": "to_locality",
        "addressee": None,
        "text": "Đẩy nhanh tiến độ giải ngân",
        "due_date": None,
        "priority": "normal",
        "status": "open",
        "sort_order": number,
        "days_overdue": 0,
    }
    return Recommendation(**{**defaults, **fields})


def figure(code: str, value: float, **fields) -> ReportedFigure:
    """A figure reported for the nine months of 2026 (works, or a sum in tỷ đồng)."""
    names = {
        "works_count": ("Số công trình", "Works", "công trình", "works", 0),
        "disbursed_capital": (
            "Vốn đầu tư công đã giải ngân",
            "Disbursed capital",
            "tỷ đồng",
            "billion VND",
            1,
        ),
    }
    name_vi, name_en, unit_vi, unit_en, decimals = names[code]
    defaults = {
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 9, 30),
        "period_label": "9 tháng năm 2026",
        "source": "Buổi làm việc",
    }
    return ReportedFigure(
        code,
        name_vi,
        name_en,
        unit_vi,
        unit_en,
        decimals,
        CAMPAIGN,
        value=value,
        **{**defaults, **fields},
    )


DETAIL = VisitDetail(
    id=VISIT,
    version=4,
    status="draft",
    locality_id=UUID(int=10),
    locality="Phường Tam Kỳ",
    visit_date=date(2026, 11, 20),
    time_of_day="08:00",
    end_time=None,
    venue="UBND phường",
    chair="Trần Văn Trưởng",
    secretary=None,
    summary=None,
    delegation="Đoàn kiểm tra Sở Nội vụ",
    delegation_id=DELEGATION,
    organisation=None,
    signed_off_at=None,
    signed_off_by=None,
    reopen_reason=None,
    is_illustrative=False,
    campaigns=(CampaignRef(CAMPAIGN, "Phong trào hạ tầng"),),
    checklist=(
        ChecklistItem(
            UUID(int=50),
            CAMPAIGN,
            "1",
            "agencies",
            "infrastructure",
            "Ban hành kế hoạch",
            "good",
            None,
            1,
        ),
        ChecklistItem(
            UUID(int=51),
            CAMPAIGN,
            "2",
            "agencies",
            "infrastructure",
            "Tổ chức phát động",
            "not_rated",
            None,
            None,
        ),
    ),
    figures=(figure("disbursed_capital", 231.0, source="Buổi làm việc 20/11/2026"),),
    findings=(
        finding(1, "achievement", "Hoàn thành 139 công trình"),
        finding(2, "shortcoming", "Giải ngân chậm"),
    ),
    recommendations=(
        recommendation(1, due_date=date(2026, 11, 1), days_overdue=21),
        recommendation(2, addressee="UBND phường Tam Kỳ", status="in_progress"),
    ),
    history=(
        StatusChange(
            UUID(int=202),
            date(2026, 11, 21),
            "open",
            "in_progress",
            "Đã giao",
            "Nguyễn Thư Ký (thuky)",
            None,
        ),
    ),
    earlier_open=(
        EarlierRecommendation(
            UUID(int=300),
            date(2023, 9, 14),
            "Thành phố Tam Kỳ",
            "to_locality",
            None,
            "Hoàn thiện hồ sơ thi đua",
            date(2024, 3, 31),
            "open",
            None,
            966,
            True,
        ),
    ),
    attachments=(
        Attachment(UUID(int=400), None, "bien-ban.pdf", "a" * 32 + ".pdf", "application/pdf", 9),
        Attachment(UUID(int=401), None, "anh-mat.png", "b" * 32 + ".png", "image/png", 72),
    ),
)


SIGNED = replace(
    DETAIL,
    status="signed_off",
    signed_off_by="Trần Văn Trưởng",
    signed_off_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
)


class FakeReads:
    """What the tabs read, held in memory."""

    def __init__(self, files: dict[str, bytes] | None = None) -> None:
        self.files = files or {}

    @staticmethod
    def today() -> date:
        return TODAY

    @staticmethod
    def campaign_indicators(campaign_id: UUID) -> tuple[IndicatorRecord, ...]:
        works = ("works_count", "Số công trình", "Works", "công trình", "works", "raw", "sum")
        rate = ("disbursement_rate", "Tỷ lệ giải ngân", "Rate", "%", "%", "ratio", "latest")
        return (
            IndicatorRecord(UUID(int=60), *works, None, None, None, 0),
            IndicatorRecord(UUID(int=61), *rate, UUID(int=62), UUID(int=63), 100.0, 1),
        )

    def attachment(self, stored_name: str) -> bytes:
        if stored_name not in self.files:
            raise NotFound("attachment")
        return self.files[stored_name]


class FakeWrites:
    """Every command a click sends, in order; each goes through."""

    def __init__(self) -> None:
        self.sent: list[tuple] = []
        self.drafts: dict[str, str] = {}

    def run(self, command, *args, **options):
        self.sent.append((command, *args))
        return Outcome(True)

    def keep_draft(self, scope: str, text: str, base_version: int | None) -> bool:
        self.drafts[scope] = text
        return True

    def drop_draft(self, scope: str) -> None:
        self.drafts.pop(scope, None)

    def refusal(self, command, *args):
        self.sent.append((command, *args))
        return None

    def attach(self, *args):
        self.sent.append(("attach", *args))
        return Outcome(True)


def _tab(module: str, detail, reads, writes, actor, language: str, conflicts: dict) -> None:
    import importlib

    import streamlit as st

    from ui.actions import CONFLICT_KEY, SIGNED_IN_KEY
    from ui.common import LANGUAGE_KEY

    st.session_state[SIGNED_IN_KEY] = actor
    st.session_state[LANGUAGE_KEY] = language
    if conflicts:
        st.session_state.setdefault(CONFLICT_KEY, conflicts)
    shown = detail[0] if isinstance(detail, list) else detail  # a list: changed between runs
    importlib.import_module(f"ui.visit.{module}").render(shown, reads, writes)


def render(module: str, detail=DETAIL, *, actor=ADMIN, reads=None, language="vi", conflicts=None):
    writes = FakeWrites()
    app = AppTest.from_function(
        _tab,
        args=(module, detail, reads or FakeReads(), writes, actor, language, conflicts or {}),
    )
    return app.run(), writes


def test_a_save_goes_against_the_version_shown_when_editing_began():
    shown = [DETAIL]
    app, writes = render("findings", shown)
    finding = DETAIL.findings[1]
    key = f"text:finding:{finding.id}:text"
    app.text_area(key=key).set_value("Giải ngân chậm, mới đạt 41%").run()
    # Meanwhile someone else saved it: the page now reads version 2 and their text.
    theirs = replace(finding, version=2, text="Giải ngân chậm so với kế hoạch")
    shown[0] = replace(DETAIL, findings=(DETAIL.findings[0], theirs))
    app.run()
    assert app.text_area(key=key).value == "Giải ngân chậm, mới đạt 41%"  # mine stays
    assert "Người khác vừa lưu mục này" in all_text(app)
    app.button(key=f"save-{finding.id}").click().run()
    command, record_id, version, changes = writes.sent[-1]
    assert (command, record_id, version) == (commands.update_finding, finding.id, 1)
    assert changes == {"text": "Giải ngân chậm, mới đạt 41%"}


def test_an_untouched_field_follows_what_someone_else_saved():
    shown = [DETAIL]
    app, writes = render("findings", shown)
    finding = DETAIL.findings[1]
    theirs = replace(finding, version=2, text="Giải ngân chậm so với kế hoạch")
    shown[0] = replace(DETAIL, findings=(DETAIL.findings[0], theirs))
    app.run()
    key = f"text:finding:{finding.id}:text"
    assert app.text_area(key=key).value == "Giải ngân chậm so với kế hoạch"
    app.button(key=f"save-{finding.id}").click().run()
    assert writes.sent[-1][2] == 2  # saved against what is shown now


def test_taking_the_other_version_drops_mine_and_its_draft():
    finding = DETAIL.findings[1]
    scope = f"finding:{finding.id}:text"
    someone_else = StaleEdit(
        theirs={"text": "Giải ngân chậm so với kế hoạch"},
        mine={"text": "Giải ngân chậm"},
        current_version=2,
    )
    app, writes = render("findings", conflicts={f"finding:{finding.id}": someone_else})
    writes.drafts[scope] = "Giải ngân chậm"
    next(b for b in app.button if b.label == "Dùng bản đang lưu, bỏ bản của tôi").click().run()
    assert scope not in writes.drafts
    assert writes.sent == []


def test_a_recommendation_without_addressee_shows_an_empty_field_and_saves_none():
    app, writes = render("recommendations")
    assert_no_errors(app)
    first, second = (r for r in DETAIL.recommendations)
    assert app.text_input(key=f"addressee-{first.id}").value == ""
    assert app.text_input(key=f"addressee-{second.id}").value == "UBND phường Tam Kỳ"
    assert "nan" not in all_text(app)
    assert "Quá hạn 21 ngày" in all_text(app)
    app.button(key=f"save-{first.id}").click().run()
    command, record_id, version, changes = writes.sent[0]
    assert (command, record_id, version) == (commands.update_recommendation, first.id, 3)
    assert changes["addressee"] is None
    assert changes["due_date"] == date(2026, 11, 1)


def test_a_recommendation_shows_its_follow_up_in_the_singular_in_english():
    app, _ = render("recommendations", language="en")
    labels = [e.label for e in app.expander]
    assert "Follow-up (1 update)" in labels
    assert "Follow-up (0 updates)" in labels


def test_a_new_recommendation_starts_at_normal_priority():
    app, writes = render("recommendations")
    assert app.selectbox(key="new-rec-priority").value == "normal"
    app.text_area(key=f"text:visit:{VISIT}:new_recommendation").set_value("Bố trí vốn đối ứng")
    app.button(key="add-recommendation").click().run()
    command, visit_id, data = writes.sent[-1]
    assert (command, visit_id) == (commands.add_recommendation, VISIT)
    assert (data.text, data.priority, data.addressee) == ("Bố trí vốn đối ứng", "normal", None)


def test_a_new_recommendation_offers_the_addressees_used_before():
    used = ("UBND phường Tam Kỳ", "Sở Tài chính thành phố Đà Nẵng")
    app, writes = render("recommendations", replace(DETAIL, addressees=used))
    box = app.selectbox(key="new-rec-addressee")
    assert box.options == list(used) and box.value is None
    box.set_value("Sở Tài chính thành phố Đà Nẵng")
    app.text_area(key=f"text:visit:{VISIT}:new_recommendation").set_value("Bố trí vốn đối ứng")
    app.button(key="add-recommendation").click().run()
    assert writes.sent[-1][2].addressee == "Sở Tài chính thành phố Đà Nẵng"
    assert app.selectbox(key="new-rec-addressee").value is None  # the next one starts empty


def test_common_recommendations_come_from_the_criteria_not_met_first():
    failed = replace(DETAIL.checklist[1], rating="fail")
    app, writes = render(
        "recommendations", replace(DETAIL, checklist=(DETAIL.checklist[0], failed))
    )
    box = app.selectbox(key="new-rec-suggestion")
    assert box.options == [
        "Tập trung chỉ đạo thực hiện tiêu chí “Tổ chức phát động”; báo cáo kết quả với Đoàn "
        "giám sát.",
        "Tập trung chỉ đạo thực hiện tiêu chí “Ban hành kế hoạch”; báo cáo kết quả với Đoàn "
        "giám sát.",
    ]
    field = f"text:visit:{VISIT}:new_recommendation"
    app.text_area(key=field).set_value("Đề nghị UBND phường:").run()
    app.selectbox(key="new-rec-suggestion").set_value(box.options[0]).run()
    expected = "Đề nghị UBND phường:\n" + box.options[0]
    assert app.text_area(key=field).value == expected
    assert writes.drafts[f"visit:{VISIT}:new_recommendation"] == expected  # kept as a draft
    assert app.selectbox(key="new-rec-suggestion").value is None  # ready for another


def test_findings_are_listed_by_kind_and_a_delete_can_be_undone():
    app, writes = render("findings")
    assert_no_errors(app)
    texts = [area.value for area in app.text_area if area.key.startswith("text:finding:")]
    assert texts == ["Hoàn thành 139 công trình", "Giải ngân chậm"]
    shortcoming = DETAIL.findings[1]
    app.button(key=f"delete-{shortcoming.id}").click().run()
    assert writes.sent == [(commands.delete_finding, shortcoming.id)]
    assert any("Đã xóa “Giải ngân chậm”" in i.value for i in app.info)
    app.button(key="undo").click().run()
    assert writes.sent[-1] == (commands.restore_finding, shortcoming.id)


def test_a_typed_finding_is_kept_as_a_draft_and_shown_again_after_a_reload():
    app, writes = render("findings")
    scope = f"finding:{DETAIL.findings[0].id}:text"
    app.text_area(key=f"text:{scope}").set_value("Hoàn thành 140 công trình").run()
    assert writes.drafts == {scope: "Hoàn thành 140 công trình"}
    draft = SavedDraft(scope, "Hoàn thành 140 công trình", 1, "thuky", datetime.now(UTC))
    reloaded, _ = render("findings", replace(DETAIL, drafts={scope: draft}))
    assert reloaded.text_area(key=f"text:{scope}").value == "Hoàn thành 140 công trình"


def test_a_refused_save_shows_both_texts_and_saves_mine_only_when_asked():
    finding = DETAIL.findings[1]
    someone_else = StaleEdit(
        theirs={"text": "Giải ngân chậm so với kế hoạch"},
        mine={"text": "Giải ngân chậm"},
        current_version=2,
    )
    app, writes = render("findings", conflicts={f"finding:{finding.id}": someone_else})
    text = all_text(app)
    assert "Bản đang lưu (của người khác)" in text and "Bản của bạn" in text
    shown = [t.value for t in app.text]
    assert "Nội dung: Giải ngân chậm so với kế hoạch" in shown
    assert "Nội dung: Giải ngân chậm" in shown
    assert writes.sent == []  # nothing is saved over the other person by itself
    next(b for b in app.button if b.label == "Lưu bản của tôi thay thế").click().run()
    command, record_id, version, changes = writes.sent[0]
    assert (command, record_id, version) == (commands.update_finding, finding.id, 2)
    assert changes == {"text": "Giải ngân chậm"}


def test_a_signed_off_visit_shows_its_findings_without_any_editing_control():
    app, _ = render("findings", SIGNED)
    assert all(area.disabled for area in app.text_area)
    assert not [b for b in app.button if b.key and b.key.startswith(("save-", "delete-", "add-"))]


def test_the_checklist_counts_what_is_rated_and_saves_a_rating_as_it_is_clicked():
    app, writes = render("checklist")
    assert_no_errors(app)
    assert "Đã đánh giá 1/2 tiêu chí" in app.get("progress")[0].proto.text
    app.radio(key=f"rating-{UUID(int=51)}").set_value("fail").run()
    command, visit_id, criterion_id, rating, note, version = writes.sent[0]
    assert (command, visit_id, criterion_id) == (commands.rate_criterion, VISIT, UUID(int=51))
    assert (rating, note, version) == ("fail", "", 0)  # 0: shown unrated


class RatedMeanwhile(FakeWrites):
    """The first rating sent meets a rating someone else saved meanwhile."""

    def refusal(self, command, *args):
        super().refusal(command, *args)
        if len(self.sent) == 1:
            return StaleEdit(
                theirs={"rating": "pass", "note": "Đã ban hành"},
                mine={"rating": args[2], "note": args[3]},
                current_version=3,
            )
        return None


def test_a_rating_someone_saved_meanwhile_is_shown_beside_mine():
    writes = RatedMeanwhile()
    app = AppTest.from_function(
        _tab, args=("checklist", DETAIL, FakeReads(), writes, ADMIN, "vi", {})
    ).run()
    unrated = f"rating-{UUID(int=51)}"
    app.radio(key=unrated).set_value("fail").run()
    assert writes.sent[0][-1] == 0  # shown unrated: not rated by anyone else, it said
    shown = [element.value for element in app.text]
    assert "Đánh giá: Đạt" in shown and "Đánh giá: Chưa đạt" in shown
    assert "Ghi chú đánh giá: Đã ban hành" in shown
    assert app.radio(key=unrated).value == "fail"  # my choice stays on screen
    app.button(key=f"rating-keep-mine-{UUID(int=51)}").click().run()
    command, _, criterion, rating, _, version = writes.sent[-1]
    assert (command, criterion, rating, version) == (
        commands.rate_criterion,
        UUID(int=51),
        "fail",
        3,
    )
    assert not [e for e in app.error if "Người khác đã lưu" in e.value]  # resolved


def test_taking_the_saved_rating_puts_it_in_the_fields():
    writes = RatedMeanwhile()
    app = AppTest.from_function(
        _tab, args=("checklist", DETAIL, FakeReads(), writes, ADMIN, "vi", {})
    ).run()
    app.radio(key=f"rating-{UUID(int=51)}").set_value("fail").run()
    app.button(key=f"rating-take-theirs-{UUID(int=51)}").click().run()
    assert app.radio(key=f"rating-{UUID(int=51)}").value == "pass"
    assert app.text_input(key=f"rating-note-{UUID(int=51)}").value == "Đã ban hành"
    assert len(writes.sent) == 1  # nothing more was saved


def test_the_figures_tab_shows_what_was_recorded_and_offers_only_raw_indicators():
    app, _ = render("figures")
    assert_no_errors(app)
    recorded = app.dataframe[0].value
    assert list(recorded.iloc[0]) == [
        "9 tháng năm 2026",
        "Vốn đầu tư công đã giải ngân",
        "231,0",
        "tỷ đồng",
        "",
    ]
    # One line to type in per raw indicator: the rate is computed, never typed.
    lines = [field.label for field in app.text_input if field.key.startswith("figure:")]
    assert lines == ["Số công trình — Giá trị", "Số công trình — Ghi chú"]


def test_a_check_figure_is_shown_beside_the_sum_it_restates():
    works = figure("works_count", 62.0, is_check=True, restated=60.0)
    app, _ = render("figures", replace(DETAIL, figures=(works,)))
    assert_no_errors(app)
    row = app.dataframe[0].value.iloc[0]
    assert row["Đối chiếu"] == "số kiểm tra, không cộng thêm: các kỳ đã có cộng lại 60 — chênh +2"


def test_figures_typed_in_the_lines_are_kept_as_one_draft_and_read_the_vietnamese_way():
    app, writes = render("figures")
    value = next(f for f in app.text_input if f.label == "Số công trình — Giá trị")
    value.set_value("2.701").run()
    scope = f"visit:{VISIT}:figures"
    assert '"works_count": ["2.701", ""]' in writes.drafts[scope]
    app.button(key="save-figures").click().run()
    command, visit_id, figures = writes.sent[-1]
    assert (command, visit_id) == (commands.save_reported_figures, VISIT)
    assert figures.values == {"works_count": 2701}  # a count: the dot groups thousands


def test_earlier_recommendations_say_how_late_they_are():
    app, writes = render("before")
    assert_no_errors(app)
    assert any(w.value == "Quá hạn 966 ngày" for w in app.warning)
    app.button(key=f"verify-save-{UUID(int=300)}").click().run()
    command, recommendation_id, visit_id, result, _note = writes.sent[0]
    assert (command, recommendation_id, visit_id) == (
        commands.verify_recommendation,
        UUID(int=300),
        VISIT,
    )
    assert result == "verified_done"


def test_a_missing_file_is_named_and_the_others_can_be_downloaded_or_deleted():
    reads = FakeReads({"a" * 32 + ".pdf": b"%PDF-1.4 test"})
    app, writes = render("attachments", reads=reads)
    assert_no_errors(app)
    assert [w.value for w in app.warning] == [
        f"Không tìm thấy tệp “{plain_markdown('anh-mat.png')}” trong thư mục đính kèm."
    ]
    assert plain_markdown("bien-ban.pdf") in [c.value for c in app.caption]
    app.button(key=f"delete-{UUID(int=400)}").click().run()
    assert writes.sent == [(delete_attachment, UUID(int=400))]


def test_a_stored_image_that_does_not_decode_is_a_named_placeholder_that_can_be_deleted():
    # Stored before uploads were decoded: st.image raised, and the tab (and the sign-off
    # tab after it) drew nothing for anyone.
    junk = b"\xff\xd8\xff\xe0" + b"junk" * 100
    reads = FakeReads({"a" * 32 + ".pdf": b"%PDF-1.4 test", "b" * 32 + ".png": junk})
    app, writes = render("attachments", reads=reads)
    assert_no_errors(app)
    assert [w.value for w in app.warning] == [
        "Tệp ảnh bị hỏng, không hiển thị được. Có thể tải về hoặc xóa."
    ]
    assert plain_markdown("anh-mat.png") in [c.value for c in app.caption]
    app.button(key=f"delete-{UUID(int=401)}").click().run()
    assert writes.sent == [(delete_attachment, UUID(int=401))]


def test_a_whole_image_shows_as_a_thumbnail():
    st.cache_data.clear()  # the other test's verdict on the same stored name
    reads = FakeReads({"b" * 32 + ".png": PNG})
    app, _ = render("attachments", reads=reads)
    assert_no_errors(app)
    assert len(app.get("image")) == 1


def test_a_viewer_is_told_who_may_sign_off():
    app, writes = render("sign_off", actor=VIEWER)
    assert [i.value for i in app.info] == [
        "Chỉ trưởng đoàn (hoặc quản trị viên) ký duyệt được biên bản này."
    ]
    assert writes.sent == []


def test_signing_off_needs_the_confirmation():
    app, writes = render("sign_off")
    assert app.button(key="sign-off").disabled
    app.checkbox(key="sign-off-confirm").check().run()
    app.button(key="sign-off").click().run()
    assert writes.sent == [(commands.sign_off, VISIT)]  # the signer is who is signed in
    signer = next(m.value for m in app.markdown if m.value.startswith("Người ký duyệt"))
    assert "Quản trị" in signer and "quantri" in signer


def test_signed_off_minutes_can_be_locked_once_sent_out():
    app, writes = render("sign_off", SIGNED)
    assert app.button(key="lock").disabled  # not before the confirmation
    app.checkbox(key="lock-confirm").check().run()
    app.button(key="lock").click().run()
    assert writes.sent == [(commands.lock, VISIT)]
    locked, _ = render("sign_off", replace(SIGNED, status="locked"))
    assert next(i.value for i in locked.info).endswith("Biên bản đã khóa: không mở lại được.")
    assert not [b for b in locked.button if b.key in ("reopen", "lock")]


def test_sign_off_lists_unsaved_text_and_offers_to_save_it_first():
    draft = SavedDraft(
        f"visit:{VISIT}:summary",
        "Làm việc về giải ngân",
        4,
        "Nguyễn Thư Ký (thuky)",
        datetime(2026, 11, 20, 2, 5, tzinfo=UTC),
        "thuky",
    )
    app, writes = render("sign_off", replace(DETAIL, unsaved=(draft,)))
    assert "Còn 1 nội dung đang gõ dở, chưa lưu" in all_text(app)
    listed = app.dataframe[0].value
    assert list(listed.iloc[0])[:2] == [
        "Thông tin chung — Nội dung làm việc",
        "Nguyễn Thư Ký (thuky)",
    ]
    assert not [b for b in app.button if b.key == "sign-off"]
    app.button(key="save-all-drafts").click().run()
    assert writes.sent == [(commands.save_own_drafts, VISIT)]
    assert app.button(key="discard-and-sign").disabled


def test_an_attendee_is_added_from_the_form_against_the_list_shown():
    from data_access.visit_views import Attendee

    detail = replace(DETAIL, attendees=(Attendee("delegation", "Trần Văn Trưởng", "Trưởng đoàn"),))
    app, writes = render("general", detail)
    app.text_input(key="attendee-name").set_value("Lê Thị Hoa")
    app.text_input(key="attendee-title").set_value("Chủ tịch UBND phường")
    app.radio(key="attendee-side").set_value("locality")
    app.button[-1].click().run()  # the form's "Thêm người tham dự"
    command, visit_id, rows, shown = writes.sent[-1]
    assert (command, visit_id) == (commands.replace_attendees, VISIT)
    assert shown == [("delegation", "Trần Văn Trưởng", "Trưởng đoàn")]
    assert rows == [*shown, ("locality", "Lê Thị Hoa", "Chủ tịch UBND phường")]


def test_the_last_visits_attendees_and_the_members_are_added_in_one_click():
    from data_access.visit_views import Attendee

    head = Attendee("delegation", "Trần Văn Trưởng", "Trưởng đoàn")
    chairman = Attendee("locality", "Lê Văn Hải", "Chủ tịch UBND phường")
    detail = replace(
        DETAIL,
        attendees=(head,),
        last_attendees=(head, chairman),
        last_visit_date=date(2025, 10, 2),
        members=(head, Attendee("delegation", "Nguyễn Thị Lan", None)),
    )
    app, writes = render("general", detail)
    labels = [b.label for b in app.button if b.key and b.key.startswith("copy-attendees")]
    # Only people not yet listed are offered.
    assert labels == ["Chép 1 người dự buổi làm việc ngày 02/10/2025", "Thêm 1 thành viên của đoàn"]
    app.button(key="copy-attendees-last").click().run()
    command, _, rows, shown = writes.sent[-1]
    assert command == commands.replace_attendees
    assert rows == [*shown, ("locality", "Lê Văn Hải", "Chủ tịch UBND phường")]


def test_an_attendee_without_a_name_is_refused_with_a_message():
    app, writes = render("general")
    app.text_input(key="attendee-title").set_value("Phó Chủ tịch")
    app.button[-1].click().run()
    assert writes.sent == []
    assert "Cần nhập họ tên người tham dự." in [e.value for e in app.error]
