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
from data_access.errors import InvalidInput, StaleEdit, VisitLocked
from data_access.recommendations import TrackerFilter, list_recommendations
from data_access.visit_views import visit_detail
from domain.periods import Period
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import TODAY, combined_values, person

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
    assert drafts_under(reopened, f"visit:{visit_id}")[scope].text == "Đoàn ghi nhận…"
    assert visit_detail(reopened, visit_id, TODAY).drafts[scope].text == "Đoàn ghi nhận…"
    v.update_visit(reopened, ACTOR, visit_id, None, {"summary": "Đoàn ghi nhận…"})
    assert scope not in drafts_under(reopened, f"visit:{visit_id}")
    reopened.dispose()


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
    v.sign_off(engine, ACTOR, visit_id, "Trần Thị B")
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
    assert saved == 2
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


def test_a_finding_leaves_the_figures_version_alone_and_reported_figures_move_it(visit):
    """Dashboards cache their aggregates on the figures version: a finding must not
    throw them away for everybody, new figures must."""
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
