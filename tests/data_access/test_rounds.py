"""Supervision rounds on SQLite and PostgreSQL: a plan of localities and days, the visits
made under it and where each locality stands, the report's sections saved against the
version shown, and a report finalised by the head, read-only until reopened."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from data_access import models as m
from data_access.db import session_scope
from data_access.drafts import drafts_under, save_draft
from data_access.errors import InvalidInput, PermissionDenied, StaleEdit
from data_access.rounds import (
    ReportFinal,
    RoundInput,
    create_round,
    drop_report_file,
    finalise_report,
    keep_report_file,
    link_visits,
    list_rounds,
    reopen_report,
    report_file,
    report_scope,
    round_detail,
    set_schedule,
    unlink_visit,
    update_round,
)
from data_access.visits import VisitInput, create_visit
from sample_data.builder import stable_id
from tests.helpers.data import TODAY, person

ADMIN = person("Quản Trị", "admin")
QUANG_NAM = stable_id("delegation", "so-noi-vu-quang-nam")
TAM_KY_VISIT = stable_id("visit", "tam-ky-2023-09-14")
INFRASTRUCTURE = stable_id("campaign", "ha-tang-thtk-2023-2030")


@pytest.fixture
def loaded(engine):
    from sample_data.load import load_sample

    load_sample(engine)
    return engine


def _tam_ky(engine):
    with session_scope(engine, read_only=True) as session:
        return session.get_one(m.Visit, TAM_KY_VISIT).locality_id


def _other_locality(engine) -> m.Locality:
    with session_scope(engine, read_only=True) as session:
        return session.scalars(
            select(m.Locality)
            .where(m.Locality.level == "commune", m.Locality.id != _tam_ky(engine))
            .order_by(m.Locality.name)
        ).first()


def _round(engine, schedule) -> object:
    return create_round(
        engine,
        ADMIN,
        RoundInput(
            delegation_id=QUANG_NAM,
            subject="việc triển khai phong trào thi đua năm 2023",
            period_start=date(2023, 9, 1),
            period_end=date(2023, 12, 31),
            decision_number="15/QĐ-SNV",
            decision_date=date(2023, 8, 25),
            schedule=schedule,
        ),
    )


def test_each_locality_of_a_round_is_visited_scheduled_or_overdue(loaded):
    other, TAM_KY = _other_locality(loaded), _tam_ky(loaded)
    later = TODAY + timedelta(days=10)
    round_id = _round(loaded, [(TAM_KY, date(2023, 9, 14)), (other.id, date(2023, 10, 5))])
    detail = round_detail(loaded, round_id, TODAY)
    # Nothing linked yet: Tam Kỳ's day and the other's have passed.
    assert [(s.locality, s.progress) for s in detail.stops] == [
        ("Thành phố Tam Kỳ", "overdue"),
        (other.name, "overdue"),
    ]
    assert TAM_KY_VISIT in {v.id for v in detail.candidates}
    assert detail.candidates[0].id == TAM_KY_VISIT  # planned locality, in the period: first

    link_visits(loaded, ADMIN, round_id, [TAM_KY_VISIT])
    set_schedule(
        loaded,
        ADMIN,
        round_id,
        [(TAM_KY, date(2023, 9, 14)), (other.id, later)],
        expected=[(TAM_KY, date(2023, 9, 14)), (other.id, date(2023, 10, 5))],
    )
    detail = round_detail(loaded, round_id, TODAY)
    assert [(s.locality, s.progress) for s in detail.stops] == [
        ("Thành phố Tam Kỳ", "visited"),
        (other.name, "scheduled"),
    ]
    assert detail.progress == {"visited": 1, "scheduled": 1, "overdue": 0}
    assert [v.id for v in detail.visits] == [TAM_KY_VISIT]
    assert TAM_KY_VISIT not in {v.id for v in detail.candidates}
    (summary,) = list_rounds(loaded, TODAY)
    assert summary.progress == {"visited": 1, "scheduled": 1, "overdue": 0}
    assert summary.delegation == "Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam"

    # A visited locality stays in the plan; the visit leaves the round first.
    with pytest.raises(InvalidInput):
        set_schedule(loaded, ADMIN, round_id, [(other.id, later)])
    unlink_visit(loaded, ADMIN, round_id, TAM_KY_VISIT)
    set_schedule(loaded, ADMIN, round_id, [(other.id, later)])
    assert [s.locality for s in round_detail(loaded, round_id, TODAY).stops] == [other.name]


def test_a_visit_at_a_locality_not_planned_adds_it_on_the_day_of_the_visit(loaded):
    other = _other_locality(loaded)
    round_id = _round(loaded, [(other.id, None)])
    link_visits(loaded, ADMIN, round_id, [TAM_KY_VISIT])
    stops = round_detail(loaded, round_id, TODAY).stops
    assert [(s.locality, s.scheduled_date, s.progress) for s in stops] == [
        (other.name, None, "scheduled"),
        ("Thành phố Tam Kỳ", date(2023, 9, 14), "visited"),
    ]


def test_a_visit_counts_in_one_round_of_its_own_delegation(loaded):
    first, second = _round(loaded, []), _round(loaded, [])
    link_visits(loaded, ADMIN, first, [TAM_KY_VISIT])
    link_visits(loaded, ADMIN, first, [TAM_KY_VISIT])  # again: nothing changes
    with pytest.raises(InvalidInput) as refused:
        link_visits(loaded, ADMIN, second, [TAM_KY_VISIT])
    assert refused.value.problems == ["round_visit_elsewhere"]
    elsewhere = create_visit(
        loaded,
        ADMIN,
        VisitInput(
            locality_id=_tam_ky(loaded),
            visit_date=date(2023, 10, 1),
            campaign_ids=[INFRASTRUCTURE],
            delegation_name="Tổ công tác khác",
        ),
    )
    with pytest.raises(InvalidInput) as refused:
        link_visits(loaded, ADMIN, first, [elsewhere])
    assert refused.value.problems == ["round_other_delegation"]


def test_a_round_needs_a_subject_and_a_period_in_order(loaded):
    with pytest.raises(InvalidInput) as refused:
        create_round(
            loaded,
            ADMIN,
            RoundInput(QUANG_NAM, "  ", date(2023, 12, 31), date(2023, 9, 1)),
        )
    assert refused.value.problems == ["round_subject_required", "round_period_order"]
    assert list_rounds(loaded, TODAY) == ()


def test_two_editors_of_the_report_are_told_not_overwritten(loaded):
    round_id = _round(loaded, [])
    shown = round_detail(loaded, round_id, TODAY).version
    save_draft(loaded, ADMIN, report_scope(round_id, "results"), "Kết quả…", base_version=shown)
    update_round(loaded, ADMIN, round_id, shown, {"results": "Kết quả của người thứ nhất"})
    assert drafts_under(loaded, f"round:{round_id}:", ADMIN.username) == {}  # saved: gone
    with pytest.raises(StaleEdit) as stale:
        update_round(loaded, ADMIN, round_id, shown, {"results": "Kết quả của người thứ hai"})
    assert stale.value.theirs == {"results": "Kết quả của người thứ nhất"}
    assert round_detail(loaded, round_id, TODAY).sections["results"] == (
        "Kết quả của người thứ nhất"
    )


def test_only_members_edit_a_round_and_only_the_head_finalises(loaded):
    round_id = _round(loaded, [])
    outsider = person("Người Ngoài", "inspector")
    member = person("Thành Viên", "inspector", delegations=frozenset({QUANG_NAM}))
    head = person(
        "Trưởng Đoàn",
        "inspector",
        delegations=frozenset({QUANG_NAM}),
        heads=frozenset({QUANG_NAM}),
    )
    with pytest.raises(PermissionDenied):
        update_round(loaded, outsider, round_id, None, {"results": "x"})
    with pytest.raises(PermissionDenied):
        save_draft(loaded, outsider, report_scope(round_id, "results"), "x", base_version=1)
    version = update_round(loaded, member, round_id, None, {"results": "Kết quả"})
    with pytest.raises(PermissionDenied):
        finalise_report(loaded, member, round_id, version, ("bao-cao.docx", b"word"))
    finalise_report(loaded, head, round_id, version, ("bao-cao.docx", b"word"))
    detail = round_detail(loaded, round_id, TODAY)
    assert (detail.report_status, detail.finalised_by) == ("final", head.label)
    assert report_file(loaded, round_id) == ("bao-cao.docx", b"word")


def test_a_finalised_report_is_read_only_until_the_head_reopens_it(loaded):
    round_id = _round(loaded, [])
    version = round_detail(loaded, round_id, TODAY).version
    finalise_report(loaded, ADMIN, round_id, version, ("bao-cao.docx", b"drafted"))
    for attempt in (
        lambda: update_round(loaded, ADMIN, round_id, None, {"results": "x"}),
        lambda: link_visits(loaded, ADMIN, round_id, [TAM_KY_VISIT]),
        lambda: keep_report_file(loaded, ADMIN, round_id, "sua.docx", b"x"),
        lambda: finalise_report(loaded, ADMIN, round_id, version + 1, None),
    ):
        with pytest.raises(ReportFinal):
            attempt()
    reopen_report(loaded, ADMIN, round_id)
    # The file the tool drafted goes: the sections make the next one.
    assert report_file(loaded, round_id) is None
    assert round_detail(loaded, round_id, TODAY).report_status == "draft"


def test_a_report_edited_in_word_is_the_one_finalised(loaded):
    round_id = _round(loaded, [])
    keep_report_file(loaded, ADMIN, round_id, "bao-cao-da-sua.docx", b"edited in Word")
    version = round_detail(loaded, round_id, TODAY).version
    finalise_report(loaded, ADMIN, round_id, version, ("bao-cao.docx", b"drafted"))
    assert report_file(loaded, round_id) == ("bao-cao-da-sua.docx", b"edited in Word")
    reopen_report(loaded, ADMIN, round_id)
    assert report_file(loaded, round_id) == ("bao-cao-da-sua.docx", b"edited in Word")
    drop_report_file(loaded, ADMIN, round_id)
    assert report_file(loaded, round_id) is None


def test_a_laptop_plans_no_round_it_could_never_bring_back(loaded):
    import uuid

    with session_scope(loaded) as session:
        session.add(
            m.SyncState(
                laptop_id=uuid.uuid4(), name="Máy Tam Kỳ", server_name="Máy chủ", secret="x" * 64
            )
        )
    with pytest.raises(InvalidInput) as refused:
        _round(loaded, [])
    assert refused.value.problems == ["round_on_laptop"]
