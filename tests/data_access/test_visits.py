"""Recording a visit on real databases: versions, drafts, soft delete, audit, sign-off."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from data_access import models as m
from data_access import visits as v
from data_access.catalogue import list_campaigns, list_localities, locality_tree
from data_access.db import create_db_engine, session_scope
from data_access.drafts import drafts_under, save_draft
from data_access.errors import InvalidInput, PermissionDenied, StaleEdit, VisitLocked
from data_access.recommendations import TrackerFilter, list_recommendations
from data_access.visit_views import visit_detail
from domain.periods import Period
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import TODAY, combined_values, overview_view, person

ACTOR = person("Nguyễn Văn A")


@pytest.fixture
def visit(engine):
    """A draft visit to today's Phường Tam Kỳ on the sample data."""
    load_sample(engine)
    tree = locality_tree(list_localities(engine))
    campaigns = {c.code: c for c in list_campaigns(engine)}
    visit_id = v.create_visit(
        engine,
        ACTOR,
        v.VisitInput(
            locality_id=tree.find_code("20341"),
            visit_date=date(2026, 10, 5),
            campaign_ids=[campaigns[INFRASTRUCTURE].id],
            venue="UBND phường Tam Kỳ",
            attendees=[("delegation", "Trần Thị B", "Phó Giám đốc Sở"), ("locality", "Lê C", "")],
        ),
    )
    return {"engine": engine, "id": visit_id, "campaign": campaigns[INFRASTRUCTURE].id}


def _detail(visit):
    return visit_detail(visit["engine"], visit["id"], TODAY)


def _audit_count(engine) -> int:
    with session_scope(engine, read_only=True) as s:
        return s.scalar(select(func.count()).select_from(m.AuditEvent))


def test_new_visit_shows_what_to_check_before_the_meeting(visit):
    detail = _detail(visit)
    assert detail.status == "draft"
    assert [a.full_name for a in detail.attendees] == ["Trần Thị B", "Lê C"]
    # Tam Kỳ city's open recommendations of 14/9/2023 come with its successor ward.
    assert len(detail.earlier_open) == 3
    assert {r.locality for r in detail.earlier_open} == {"Thành phố Tam Kỳ"}
    assert len(detail.checklist) == 17
    assert "works_count" in {f.code for f in detail.latest_figures}


def test_stale_save_is_refused_and_both_texts_kept(visit):
    engine, visit_id = visit["engine"], visit["id"]
    version = _detail(visit).version
    v.update_visit(
        engine, person("Người thứ nhất"), visit_id, version, {"summary": "Bản của người 1"}
    )
    with pytest.raises(StaleEdit) as refused:
        v.update_visit(
            engine, person("Người thứ hai"), visit_id, version, {"summary": "Bản của người 2"}
        )
    assert refused.value.theirs == {"summary": "Bản của người 1"}
    assert refused.value.mine == {"summary": "Bản của người 2"}
    assert _detail(visit).summary == "Bản của người 1"  # nothing overwritten


def test_draft_survives_a_new_session_and_is_cleared_by_the_save(visit, tmp_path):
    engine, visit_id = visit["engine"], visit["id"]
    scope = v.draft_scope("visit", visit_id, "summary")
    save_draft(engine, ACTOR, scope, "Đoàn ghi nhận…", base_version=1)
    # A server restart: a brand-new engine on the same database.
    reopened = create_db_engine(engine.url.render_as_string(hide_password=False))
    mine = drafts_under(reopened, f"visit:{visit_id}", ACTOR.username)
    assert mine[scope].text == "Đoàn ghi nhận…"
    reader = ACTOR.username
    assert visit_detail(reopened, visit_id, TODAY, reader).drafts[scope].text == "Đoàn ghi nhận…"
    v.update_visit(reopened, ACTOR, visit_id, None, {"summary": "Đoàn ghi nhận…"})
    assert scope not in drafts_under(reopened, f"visit:{visit_id}", ACTOR.username)
    reopened.dispose()


SECRETARY = person("Lê Thư Ký")


def test_two_editors_of_one_finding_never_share_a_draft(visit):
    engine, visit_id = visit["engine"], visit["id"]
    finding = v.add_finding(engine, ACTOR, visit_id, "achievement", "Hoàn thành 12 tuyến đường")
    scope = v.draft_scope("finding", finding, "text")
    save_draft(engine, ACTOR, scope, "Hoàn thành 12 tuyến đường, vượt kế hoạch", base_version=1)
    save_draft(engine, SECRETARY, scope, "Hoàn thành 12 tuyến đường trước hạn", base_version=1)
    mine = visit_detail(engine, visit_id, TODAY, ACTOR.username)
    theirs = visit_detail(engine, visit_id, TODAY, SECRETARY.username)
    assert mine.drafts[scope].text == "Hoàn thành 12 tuyến đường, vượt kế hoạch"
    assert theirs.drafts[scope].text == "Hoàn thành 12 tuyến đường trước hạn"
    assert len(mine.unsaved) == 2
    # The first saves; the second's draft stays theirs, and their save is refused.
    v.update_finding(engine, ACTOR, finding, 1, {"text": mine.drafts[scope].text})
    left = visit_detail(engine, visit_id, TODAY, SECRETARY.username)
    assert left.drafts[scope].text == "Hoàn thành 12 tuyến đường trước hạn"
    assert left.drafts[scope].base_version == 1
    with pytest.raises(StaleEdit) as refused:
        v.update_finding(engine, SECRETARY, finding, 1, {"text": left.drafts[scope].text})
    assert refused.value.theirs == {"text": "Hoàn thành 12 tuyến đường, vượt kế hoạch"}
    assert refused.value.current_version == 2


def test_a_draft_keeps_the_version_its_first_keystroke_was_typed_from(visit):
    engine, visit_id = visit["engine"], visit["id"]
    scope = v.draft_scope("visit", visit_id, "summary")
    save_draft(engine, ACTOR, scope, "Đoàn", base_version=1)
    save_draft(engine, ACTOR, scope, "Đoàn làm việc", base_version=2)  # reread meanwhile
    assert drafts_under(engine, "visit:", ACTOR.username)[scope].base_version == 1


def test_sign_off_is_refused_while_anyone_holds_unsaved_text(visit):
    engine, visit_id = visit["engine"], visit["id"]
    scope = v.draft_scope("visit", visit_id, "summary")
    save_draft(engine, SECRETARY, scope, "Tóm tắt chưa lưu", base_version=1)
    with pytest.raises(InvalidInput) as refused:
        v.sign_off(engine, ACTOR, visit_id)
    assert refused.value.problems == ["unsaved_drafts"]
    assert _detail(visit).status == "draft"
    v.sign_off(engine, ACTOR, visit_id, discard_drafts=True)  # the head chose to discard
    detail = _detail(visit)
    assert (detail.status, detail.signed_off_by, detail.unsaved) == (
        "signed_off",
        "Nguyễn Văn A",
        (),
    )


def test_save_all_puts_each_of_my_drafts_into_its_record(visit):
    engine, visit_id = visit["engine"], visit["id"]
    finding = v.add_finding(engine, ACTOR, visit_id, "shortcoming", "Giải ngân chậm")
    for scope, text in (
        (v.draft_scope("visit", visit_id, "summary"), "Làm việc về giải ngân"),
        (v.draft_scope("visit", visit_id, "chair"), "Trần Văn Trưởng"),
        (v.draft_scope("finding", finding, "text"), "Giải ngân 9 tháng đạt 41%"),
        (v.draft_scope("visit", visit_id, "new_finding:cause"), "Chưa thêm: cần người chọn"),
    ):
        save_draft(engine, ACTOR, scope, text, base_version=1)
    save_draft(
        engine, SECRETARY, v.draft_scope("visit", visit_id, "venue"), "Hội trường", base_version=1
    )
    assert v.save_own_drafts(engine, ACTOR, visit_id) == 3
    detail = _detail(visit)
    assert (detail.summary, detail.chair, detail.venue) == (
        "Làm việc về giải ngân",
        "Trần Văn Trưởng",
        "UBND phường Tam Kỳ",  # the secretary's draft is theirs to save
    )
    assert [f.text for f in detail.findings] == ["Giải ngân 9 tháng đạt 41%"]
    assert sorted(d.scope.rpartition(":")[2] for d in detail.unsaved) == ["cause", "venue"]


def test_save_all_saves_nothing_over_someone_elses_save(visit):
    engine, visit_id = visit["engine"], visit["id"]
    save_draft(
        engine, ACTOR, v.draft_scope("visit", visit_id, "summary"), "Của tôi", base_version=1
    )
    v.update_visit(engine, SECRETARY, visit_id, 1, {"summary": "Của thư ký"})
    with pytest.raises(StaleEdit):
        v.save_own_drafts(engine, ACTOR, visit_id)
    assert _detail(visit).summary == "Của thư ký"
    assert len(_detail(visit).unsaved) == 1  # my text is still kept


def test_an_attendee_list_changed_meanwhile_is_not_replaced(visit):
    engine, visit_id = visit["engine"], visit["id"]
    shown = [(a.side, a.full_name, a.title) for a in _detail(visit).attendees]
    v.replace_attendees(engine, SECRETARY, visit_id, [*shown, ("locality", "Phạm D", None)], shown)
    with pytest.raises(StaleEdit) as refused:
        v.replace_attendees(engine, ACTOR, visit_id, [*shown, ("locality", "Võ E", None)], shown)
    assert refused.value.theirs == {"attendees": "Trần Thị B; Lê C; Phạm D"}
    assert refused.value.mine == {"attendees": "Trần Thị B; Lê C; Võ E"}
    assert [a.full_name for a in _detail(visit).attendees] == ["Trần Thị B", "Lê C", "Phạm D"]


def test_findings_soft_delete_restore_and_reorder(visit):
    engine, visit_id = visit["engine"], visit["id"]
    first = v.add_finding(engine, ACTOR, visit_id, "achievement", "Kết quả một")
    second = v.add_finding(engine, ACTOR, visit_id, "achievement", "Kết quả hai")
    v.move_finding(engine, ACTOR, second, -1)
    assert [f.text for f in _detail(visit).findings] == ["Kết quả hai", "Kết quả một"]
    v.delete_finding(engine, ACTOR, first)
    assert [f.text for f in _detail(visit).findings] == ["Kết quả hai"]
    assert [f.text for f in _detail(visit).deleted_findings] == ["Kết quả một"]
    v.restore_finding(engine, ACTOR, first)
    assert {f.text for f in _detail(visit).findings} == {"Kết quả một", "Kết quả hai"}


def test_every_change_is_audited(visit):
    engine = visit["engine"]
    before = _audit_count(engine)
    finding = v.add_finding(engine, ACTOR, visit["id"], "difficulty", "Khó khăn")
    v.update_finding(engine, ACTOR, finding, 1, {"text": "Khó khăn, vướng mắc"})
    with session_scope(engine, read_only=True) as s:
        events = s.execute(
            select(m.AuditEvent.action, m.AuditEvent.actor, m.AuditEvent.before)
            .where(m.AuditEvent.entity_id == finding)
            .order_by(m.AuditEvent.occurred_at)
        ).all()
    assert _audit_count(engine) == before + 2
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].actor == ACTOR.label
    assert events[1].before["text"] == "Khó khăn"


def test_a_failed_audit_rolls_the_change_back(visit, monkeypatch):
    engine = visit["engine"]
    before = _audit_count(engine)

    def broken(*args, **kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(v, "record_event", broken)
    with pytest.raises(RuntimeError):
        v.add_finding(engine, ACTOR, visit["id"], "cause", "Nguyên nhân")
    assert _detail(visit).findings == ()
    assert _audit_count(engine) == before


def test_signed_off_visit_is_read_only_until_reopened_with_a_reason(visit):
    engine, visit_id = visit["engine"], visit["id"]
    v.sign_off(engine, ACTOR, visit_id)
    with pytest.raises(VisitLocked):
        v.add_finding(engine, ACTOR, visit_id, "achievement", "Muộn")
    with pytest.raises(VisitLocked):
        v.update_visit(engine, ACTOR, visit_id, None, {"summary": "Sửa sau ký"})
    with pytest.raises(InvalidInput):
        v.reopen(engine, ACTOR, visit_id, "   ")
    v.reopen(engine, ACTOR, visit_id, "Bổ sung số liệu giải ngân")
    detail = _detail(visit)
    assert detail.status == "draft"
    assert detail.reopen_reason == "Bổ sung số liệu giải ngân"
    v.add_finding(engine, ACTOR, visit_id, "achievement", "Bổ sung")


def test_two_racing_status_changes_are_a_conflict_not_a_forbidden_step(visit):
    engine, visit_id = visit["engine"], visit["id"]
    data = v.RecommendationInput(direction="to_locality", text="Đẩy nhanh giải ngân")
    rec = v.add_recommendation(engine, ACTOR, visit_id, data)
    v.change_recommendation_status(engine, SECRETARY, rec, "done", "Đã xong", TODAY, 1)
    # "done" → "in_progress" is not a step, but the cause is the race: say so.
    with pytest.raises(StaleEdit) as refused:
        v.change_recommendation_status(engine, ACTOR, rec, "in_progress", "Đang làm", TODAY, 1)
    assert refused.value.theirs == {"status": "done"}


def _nine_months(visit, values):
    return v.ReportedFigures(
        campaign_id=visit["campaign"],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 9, 30),
        period_label="9 tháng năm 2026",
        values=values,
    )


def _national_works(engine, campaign) -> float:
    tree = locality_tree(list_localities(engine))
    view = overview_view(engine, campaign, Period.years(2022, 2026), None, TODAY, tree=tree)
    return view.table.totals["works_count"].value


def test_nine_months_after_three_quarters_is_a_check_figure_never_added(visit):
    """Phường Tam Kỳ already has its works of each quarter of 2026 (illustrative)."""
    engine, campaign = visit["engine"], visit["campaign"]
    assert _national_works(engine, campaign) == 1581
    with session_scope(engine, read_only=True) as s:
        quarters = s.scalars(
            select(m.IndicatorValue.value)
            .join(m.Indicator, m.Indicator.id == m.IndicatorValue.indicator_id)
            .join(m.Locality, m.Locality.id == m.IndicatorValue.locality_id)
            .where(
                m.Indicator.code == "works_count",
                m.Locality.code == "20341",
                m.IndicatorValue.period_start >= date(2026, 1, 1),
            )
        ).all()
    assert len(quarters) == 3
    saved = v.save_reported_figures(
        engine, ACTOR, visit["id"], _nine_months(visit, {"works_count": 60})
    )
    check = saved.checks["works_count"]
    assert check.is_check and check.restated_sum == sum(quarters)
    assert [f.label for f in check.restated] == [
        "Quý I năm 2026",
        "Quý II năm 2026",
        "Quý III năm 2026",
    ]
    assert _national_works(engine, campaign) == 1581  # was 1.641 before the rule
    figure = next(f for f in _detail(visit).figures if f.code == "works_count")
    assert figure.value == 60  # kept, shown at the visit


def test_a_flow_overlapping_part_of_a_period_is_refused_with_the_period_named(visit):
    engine = visit["engine"]
    figures = v.ReportedFigures(
        campaign_id=visit["campaign"],
        period_start=date(2026, 8, 1),
        period_end=date(2026, 10, 31),
        period_label="Từ 01/8 đến 31/10/2026",
        values={"works_count": 9, "allocated_capital": 500},
    )
    with pytest.raises(InvalidInput) as refused:
        v.save_reported_figures(engine, ACTOR, visit["id"], figures)
    [problem] = refused.value.problems
    assert problem.indicator == "works_count" and problem.reason == "flow_overlap"
    assert problem.existing.label == "Quý III năm 2026"
    assert problem.existing.source == "Số liệu minh họa (không có trong tài liệu nguồn)"
    assert _detail(visit).figures == ()  # nothing half-saved, not even the as-of figure


def test_reported_figures_are_checked_and_saved_all_or_nothing(visit):
    engine, visit_id, campaign = visit["engine"], visit["id"], visit["campaign"]
    period = dict(
        campaign_id=campaign,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 9, 30),
        period_label="9 tháng năm 2026",
    )
    with pytest.raises(InvalidInput) as refused:
        v.save_reported_figures(
            engine,
            ACTOR,
            visit_id,
            v.ReportedFigures(
                values={"works_count": -3, "disbursed_capital": 700, "allocated_capital": 635.7},
                **period,
            ),
        )
    reasons = {(p.indicator, p.reason) for p in refused.value.problems}
    assert reasons == {
        ("works_count", "negative"),
        ("disbursed_capital", "disbursed_over_allocated"),
    }
    assert _detail(visit).figures == ()  # nothing half-saved
    saved = v.save_reported_figures(
        engine,
        ACTOR,
        visit_id,
        v.ReportedFigures(values={"disbursed_capital": 231, "allocated_capital": 635.7}, **period),
    )
    assert saved.count == 2
    combined = combined_values(engine, campaign, Period.years(2026, 2026))
    tree = locality_tree(list_localities(engine))
    ward = combined[combined.locality_id == tree.find_code("20341")]
    assert 231 in set(ward.value)
    assert ward.is_illustrative.sum() < len(ward)  # the visit's figures are real


def test_recommendation_follow_up_and_tracker(visit):
    engine, visit_id = visit["engine"], visit["id"]
    rec = v.add_recommendation(
        engine,
        ACTOR,
        visit_id,
        v.RecommendationInput(
            direction="to_locality",
            text="Hoàn thiện hồ sơ thi đua",
            addressee="UBND phường Tam Kỳ",
            due_date=date(2026, 11, 1),
        ),
    )
    rows, _ = list_recommendations(engine, TODAY, TrackerFilter(overdue_only=True))
    assert {r.id: r.days_overdue for r in rows}[rec] == 21
    with pytest.raises(InvalidInput):
        v.change_recommendation_status(engine, ACTOR, rec, "done", "", TODAY)  # note needed
    v.change_recommendation_status(engine, ACTOR, rec, "in_progress", "Đang hoàn thiện", TODAY)
    v.change_recommendation_status(engine, ACTOR, rec, "done", "Đã nộp hồ sơ", TODAY)
    with pytest.raises(InvalidInput):
        v.change_recommendation_status(engine, ACTOR, rec, "cancelled", "Hủy", TODAY)
    detail = _detail(visit)
    assert [(c.from_status, c.to_status) for c in detail.history_of(rec)] == [
        ("open", "in_progress"),
        ("in_progress", "done"),
    ]
    rows, _ = list_recommendations(engine, TODAY, TrackerFilter(addressee="phường tam kỳ"))
    assert [r.status for r in rows] == ["done"]


def test_earlier_recommendation_verified_at_this_visit(visit):
    engine, visit_id = visit["engine"], visit["id"]
    earlier = _detail(visit).earlier_open
    guide = next(r.id for r in earlier if "hồ sơ thi đua" in r.text)
    v.verify_recommendation(engine, ACTOR, guide, visit_id, "verified_done", "Đã hướng dẫn")
    detail = _detail(visit)
    checked = next(r for r in detail.earlier_open if r.id == guide)
    assert checked.status == "done"
    assert checked.verified_at_visit_id == visit_id


def test_tracker_filters_by_campaign_and_locality(sample_engine):
    campaigns = {c.code: c for c in list_campaigns(sample_engine)}
    rows, total = list_recommendations(
        sample_engine, TODAY, TrackerFilter(campaign_id=campaigns[INFRASTRUCTURE].id)
    )
    assert total == 8
    assert rows[0].days_overdue > 0  # overdue first
    tree = locality_tree(list_localities(sample_engine))
    rows, total = list_recommendations(
        sample_engine, TODAY, TrackerFilter(locality_ids=(tree.find_code("502"),))
    )
    assert total == 3
    # No locality left (a scope that matched nothing) means no row, never every row.
    assert list_recommendations(sample_engine, TODAY, TrackerFilter(locality_ids=())) == ((), 0)


def test_a_finding_leaves_the_figures_version_alone_and_reported_figures_move_it(visit):
    """Dashboards cache their aggregates on the figures version: a finding must not
    throw them away for everybody, new figures must; neither touches the catalogue's
    tree (a second to read again at national scale)."""
    from data_access.catalogue import data_versions

    engine, visit_id = visit["engine"], visit["id"]
    before = data_versions(engine)
    v.add_finding(engine, ACTOR, visit_id, "achievement", "Hoàn thành 12 tuyến đường", None)
    after_finding = data_versions(engine)
    assert after_finding.any > before.any
    assert after_finding.figures == before.figures
    v.save_reported_figures(
        engine,
        ACTOR,
        visit_id,
        v.ReportedFigures(
            values={"works_count": 12},
            campaign_id=visit["campaign"],
            period_start=date(2026, 1, 1),
            period_end=date(2026, 9, 30),
            period_label="9 tháng năm 2026",
        ),
    )
    after_figures = data_versions(engine)
    assert after_figures.any > after_finding.any
    assert after_figures.figures > after_finding.figures
    assert after_figures.catalogue == after_finding.catalogue == before.catalogue


def test_a_later_visit_offers_the_addressees_attendees_and_members_of_before(visit):
    engine, first = visit["engine"], visit["id"]
    data = v.RecommendationInput(
        direction="to_locality", text="Đẩy nhanh giải ngân", addressee="UBND phường Tam Kỳ"
    )
    v.add_recommendation(engine, ACTOR, first, data)
    before = _detail(visit)
    with session_scope(engine) as session:
        delegation = m.Delegation(name="Đoàn giám sát Sở Nội vụ")
        session.add(delegation)
        session.flush()
        for name, role in (("Võ Phó Đoàn", "deputy"), ("Trần Trưởng Đoàn", "head")):
            session.add(m.DelegationMember(delegation_id=delegation.id, full_name=name, role=role))
        delegation_id = delegation.id
    later = v.create_visit(
        engine,
        ACTOR,
        v.VisitInput(
            locality_id=before.locality_id,
            visit_date=date(2026, 11, 20),
            campaign_ids=[visit["campaign"]],
            delegation_id=delegation_id,
        ),
    )
    detail = visit_detail(engine, later, TODAY)
    assert "UBND phường Tam Kỳ" in detail.addressees
    assert [a.full_name for a in detail.last_attendees] == ["Trần Thị B", "Lê C"]
    assert detail.last_visit_date == date(2026, 10, 5)
    assert detail.attendees == ()
    # The visit's delegation: members as delegation attendees, the head first.
    assert [(a.side, a.full_name) for a in detail.members] == [
        ("delegation", "Trần Trưởng Đoàn"),
        ("delegation", "Võ Phó Đoàn"),
    ]


def test_two_people_rating_an_unrated_criterion_the_second_sees_the_first(visit):
    engine, visit_id = visit["engine"], visit["id"]
    criterion = _detail(visit).checklist[0].criterion_id
    v.rate_criterion(engine, ACTOR, visit_id, criterion, "pass", "Đã ban hành", 0)
    with pytest.raises(StaleEdit) as refused:
        v.rate_criterion(engine, SECRETARY, visit_id, criterion, "fail", "", 0)
    assert refused.value.theirs == {"rating": "pass", "note": "Đã ban hành"}
    assert refused.value.current_version == 1
    # Keeping theirs in mind, the second saves against the version now saved.
    v.rate_criterion(engine, SECRETARY, visit_id, criterion, "fail", "Chưa đủ hồ sơ", 1)
    item = next(i for i in _detail(visit).checklist if i.criterion_id == criterion)
    assert (item.rating, item.note) == ("fail", "Chưa đủ hồ sơ")


def test_locked_minutes_are_never_reopened(visit):
    engine, visit_id = visit["engine"], visit["id"]
    with pytest.raises(VisitLocked):
        v.lock(engine, ACTOR, visit_id)  # a draft is not locked: it is signed off first
    v.sign_off(engine, ACTOR, visit_id)
    with pytest.raises(PermissionDenied):
        v.lock(engine, person("Thành viên", "inspector"), visit_id)
    v.lock(engine, ACTOR, visit_id)
    assert _detail(visit).status == "locked"
    with pytest.raises(VisitLocked) as refused:
        v.reopen(engine, ACTOR, visit_id, "Sửa lại số liệu")
    assert refused.value.code == "visit_locked_final"
    with pytest.raises(VisitLocked):
        v.add_finding(engine, ACTOR, visit_id, "achievement", "Muộn")
