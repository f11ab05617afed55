"""Field sync: laptops that took out a visit bring it back, and nothing typed is lost."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from sqlalchemy import func, select

from data_access import models as m
from data_access.accounts import SYSTEM, login, set_membership
from data_access.attachments import add_attachment, read_attachment
from data_access.catalogue import list_localities, locality_tree
from data_access.db import session_scope
from data_access.sync.conflicts import open_conflicts, resolve_conflict
from data_access.sync.exchange import checkout_package, export_push, receive_push, receive_reply
from data_access.sync.laptops import laptop_state, revoke_laptop
from data_access.sync.package import PackageRefused
from data_access.visit_views import list_visits, visit_detail
from data_access.visits import (
    VisitInput,
    add_finding,
    change_recommendation_status,
    create_visit,
    delete_finding,
    update_finding,
    update_visit,
)
from tests.helpers.data import TODAY, person
from tests.helpers.field import PASSWORD
from tests.helpers.files import PNG


def test_a_checked_out_laptop_holds_the_visit_and_its_people_sign_in_offline(trip):
    laptop = trip.laptops["A"]
    detail = visit_detail(laptop, trip.visit_id, TODAY)
    on_server = visit_detail(trip.server, trip.visit_id, TODAY)
    assert [f.text for f in detail.findings] == [f.text for f in on_server.findings]
    assert [r.text for r in detail.recommendations] == [r.text for r in on_server.recommendations]
    actor, _, _ = login(laptop, "thuky.a", PASSWORD)
    assert actor.delegations == {trip.delegation_id}
    # Only Tam Kỳ was taken out: no visit elsewhere, no account of another delegation.
    assert {v.locality for v in list_visits(laptop)} == {detail.locality}
    with session_scope(laptop, read_only=True) as session:
        assert session.scalar(select(func.count()).select_from(m.User)) == 4  # + the demo head


def test_a_finding_typed_offline_reaches_the_server_and_the_other_laptop(trip):
    a = trip.laptops["A"]
    secretary = trip.person(a, "thuky.a")
    add_finding(a, secretary, trip.visit_id, "shortcoming", "Chưa lập sổ theo dõi công trình")
    summary = trip.sync("A")
    assert summary.refused == ()
    texts = [f.text for f in visit_detail(trip.server, trip.visit_id, TODAY).findings]
    assert "Chưa lập sổ theo dõi công trình" in texts
    trip.sync("B")
    texts_b = [f.text for f in visit_detail(trip.laptops["B"], trip.visit_id, TODAY).findings]
    assert texts_b == texts


def test_the_same_finding_edited_on_two_laptops_keeps_both_texts(trip):
    a, b = trip.laptops["A"], trip.laptops["B"]
    finding = visit_detail(a, trip.visit_id, TODAY).findings[0]
    update_finding(a, trip.person(a, "thuky.a"), finding.id, finding.version, {"text": "Bản A"})
    update_finding(b, trip.person(b, "thuky.b"), finding.id, finding.version, {"text": "Bản B"})
    assert trip.sync("A").conflicts == 0
    assert trip.sync("B").conflicts == 0  # the conflict is the server's, sent back with B's reply
    with session_scope(trip.server, read_only=True) as session:
        (conflict,) = session.scalars(select(m.SyncConflict)).all()
        assert (conflict.field, conflict.kept_value, conflict.other_value) == (
            "text",
            "Bản A",
            "Bản B",
        )
    trip.sync("A")
    for engine in (trip.server, a, b):
        assert visit_detail(engine, trip.visit_id, TODAY).findings[0].text == "Bản A"
        with session_scope(engine, read_only=True) as session:
            assert session.scalars(select(m.SyncConflict.other_value)).all() == ["Bản B"]


def test_syncing_again_changes_nothing(trip):
    a = trip.laptops["A"]
    add_finding(a, trip.person(a, "thuky.a"), trip.visit_id, "achievement", "Đã lập kế hoạch")
    trip.sync("A")
    again = trip.sync("A")
    assert again.received_total == 0
    assert again.sent_total == 0


def test_a_package_lost_on_the_way_back_is_sent_again_and_merged_once(trip):
    a = trip.laptops["A"]
    add_finding(a, trip.person(a, "thuky.a"), trip.visit_id, "cause", "Thiếu cán bộ")
    package = export_push(a, SYSTEM)
    receive_push(trip.server, SYSTEM, package)  # the reply never reaches the laptop
    assert export_push(a, SYSTEM) == package  # the same package, unchanged
    reply = receive_push(trip.server, SYSTEM, package)
    receive_reply(a, SYSTEM, reply)
    texts = [f.text for f in visit_detail(trip.server, trip.visit_id, TODAY).findings]
    assert texts.count("Thiếu cán bộ") == 1
    with session_scope(trip.server, read_only=True) as session:
        logged = session.scalar(select(func.count()).select_from(m.SyncLog))
    assert logged == 3  # two checkouts, one push (its copy was answered, not merged)


# --- two laptops and the server, in both orders ------------------------------------------


def _edit_offline(trip):
    """What the issue lists: the same finding's text, different fields of one visit,
    status changes of one recommendation, a delete against an edit, and a new visit."""
    a, b, server = trip.laptops["A"], trip.laptops["B"], trip.server
    on_a = visit_detail(a, trip.visit_id, TODAY)
    first, second = on_a.findings
    recommendation = on_a.recommendations[0]
    thuky_a, thuky_b = trip.person(a, "thuky.a"), trip.person(b, "thuky.b")
    update_finding(a, thuky_a, first.id, first.version, {"text": "Bản A"})
    update_finding(b, thuky_b, first.id, first.version, {"text": "Bản B"})
    update_visit(a, thuky_a, trip.visit_id, on_a.version, {"venue": "Hội trường phường An Mỹ"})
    update_visit(b, thuky_b, trip.visit_id, on_a.version, {"summary": "Buổi làm việc tốt"})
    change_recommendation_status(
        a, thuky_a, recommendation.id, "in_progress", "Đang lập sổ", date(2026, 11, 21)
    )
    change_recommendation_status(
        b, thuky_b, recommendation.id, "done", "Đã lập sổ", date(2026, 11, 22)
    )
    delete_finding(server, trip.person(server, "truongdoan"), second.id)
    update_finding(a, thuky_a, second.id, second.version, {"evidence": "Biên bản số 12"})
    new_visit = create_visit(
        b,
        thuky_b,
        VisitInput(trip.tam_ky, date(2026, 11, 25), [on_a.campaigns[0].id], trip.delegation_id),
    )
    add_finding(b, thuky_b, new_visit, "difficulty", "Thiếu kinh phí duy tu")
    add_attachment(b, thuky_b, new_visit, "hien-truong.png", PNG)
    return first.id, second.id, recommendation.id, new_visit


def _state(engine, visit_ids):
    """The visits as a reader sees them, and the conflicts listed."""
    details = [visit_detail(engine, v, TODAY) for v in visit_ids]
    with session_scope(engine, read_only=True) as session:
        conflicts = sorted(
            (c.entity, c.field, str(c.kept_value), str(c.other_value))
            for c in session.scalars(select(m.SyncConflict))
        )
    return [
        (
            d.venue,
            d.summary,
            [(f.text, f.evidence) for f in d.findings],
            [f.text for f in d.deleted_findings],
            [(r.text, r.status) for r in d.recommendations],
            sorted((h.to_status, h.note) for h in d.history),
            [(x.original_name, x.size_bytes) for x in d.attachments],
        )
        for d in details
    ], conflicts


@pytest.mark.parametrize("order", ["AB", "BA"])
def test_two_laptops_and_the_server_end_in_the_same_state(trip, order):
    *_, new_visit = _edit_offline(trip)
    for name in order + order:  # the first to sync receives the other's work on its second
        assert trip.sync(name).refused == ()
    states = [_state(e, [trip.visit_id, new_visit]) for e in (trip.server, *trip.laptops.values())]
    assert states[0] == states[1] == states[2]
    (visit, created), conflicts = states[0]
    venue, summary, findings, gone, recommendations, history, _ = visit
    assert (venue, summary) == ("Hội trường phường An Mỹ", "Buổi làm việc tốt")
    first_text, other_text = ("Bản A", "Bản B") if order == "AB" else ("Bản B", "Bản A")
    # The delete met an edit: the finding stays, with the edit, and the delete is listed.
    assert findings == [(first_text, None), ("Báo cáo định kỳ còn chậm", "Biên bản số 12")]
    assert gone == []
    assert conflicts[0] == ("finding", "deleted_at", "None", conflicts[0][3])
    assert conflicts[1:] == [("finding", "text", first_text, other_text)]
    assert len(conflicts) == 2
    # Both status changes are in the history; the later one (done) stands.
    assert recommendations == [("Lập sổ theo dõi công trình", "done")]
    assert history == [("done", "Đã lập sổ"), ("in_progress", "Đang lập sổ")]
    assert created[2] == [("Thiếu kinh phí duy tu", None)]
    assert created[6] == [("hien-truong.png", len(PNG))]
    photo = visit_detail(trip.server, new_visit, TODAY).attachments[0]
    assert read_attachment(trip.server, photo.stored_name) == PNG


# --- permissions hold across the wire ------------------------------------------------------


def test_a_visit_outside_the_laptops_localities_is_refused_and_reported(trip):
    a = trip.laptops["A"]
    elsewhere = locality_tree(list_localities(a)).find_code("31")  # Hải Phòng
    campaign = visit_detail(a, trip.visit_id, TODAY).campaigns[0].id
    visit = create_visit(
        a,
        trip.person(a, "thuky.a"),
        VisitInput(elsewhere, date(2026, 11, 26), [campaign], trip.delegation_id),
    )
    summary = trip.sync("A")
    assert {(r["entity"], r["reason"]) for r in summary.refused} >= {("visit", "outside_scope")}
    assert all(v.id != visit for v in list_visits(trip.server))


def test_someone_removed_from_the_delegation_meanwhile_cannot_bring_edits_back(trip):
    a, server = trip.laptops["A"], trip.server
    finding = visit_detail(a, trip.visit_id, TODAY).findings[0]
    update_finding(a, trip.person(a, "thuky.a"), finding.id, None, {"text": "Sửa khi đã rời đoàn"})
    user_id = trip.person(server, "thuky.a").user_id
    set_membership(server, SYSTEM, trip.delegation_id, user_id, None)
    summary = trip.sync("A")
    assert [(r["entity"], r["reason"]) for r in summary.refused] == [
        ("finding", "author"),
        ("audit_event", "refused_change"),  # the server's log holds only what it applied
    ]
    assert visit_detail(server, trip.visit_id, TODAY).findings[0].text == finding.text
    # The laptop keeps the text (nothing is lost) and reports it again at the next sync.
    assert visit_detail(a, trip.visit_id, TODAY).findings[0].text == "Sửa khi đã rời đoàn"
    assert trip.sync("A").refused != ()


def test_an_author_the_server_does_not_know_is_refused(trip):
    a = trip.laptops["A"]
    finding = visit_detail(a, trip.visit_id, TODAY).findings[0]
    stranger = person("Người Lạ", role="admin")
    update_finding(a, stranger, finding.id, None, {"text": "Không rõ ai sửa"})
    assert [r["reason"] for r in trip.sync("A").refused] == ["unknown_author", "refused_change"]


def test_packages_that_are_not_from_the_laptop_are_refused(trip):
    a = trip.laptops["A"]
    add_finding(a, trip.person(a, "thuky.a"), trip.visit_id, "achievement", "Tốt")
    package = export_push(a, SYSTEM)
    for content, reason in [
        (b"PK\x03\x04 not really a zip", "not_a_package"),
        (PNG, "not_a_package"),
        (_tampered(package), "signature"),
    ]:
        with pytest.raises(PackageRefused) as refused:
            receive_push(trip.server, SYSTEM, content)
        assert refused.value.reason == reason
    reply_for_b = checkout_package(trip.server, SYSTEM, _laptop_id(trip.laptops["B"]))
    with pytest.raises(PackageRefused) as refused:
        receive_reply(a, SYSTEM, reply_for_b)
    assert refused.value.reason == "signature"
    revoke_laptop(trip.server, SYSTEM, _laptop_id(a))
    with pytest.raises(PackageRefused) as refused:
        receive_push(trip.server, SYSTEM, package)
    assert refused.value.reason == "revoked"


def _tampered(package: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "data.json":
                data = data.replace("Tốt".encode(), "Xấu".encode())
            target.writestr(entry, data)
    return out.getvalue()


def _laptop_id(laptop):
    return laptop_state(laptop).laptop_id


# --- conflicts, as people resolve them -------------------------------------------------------


def _conflicting_texts(trip):
    a, b = trip.laptops["A"], trip.laptops["B"]
    finding = visit_detail(a, trip.visit_id, TODAY).findings[0]
    update_finding(a, trip.person(a, "thuky.a"), finding.id, None, {"text": "Bản A"})
    update_finding(b, trip.person(b, "thuky.b"), finding.id, None, {"text": "Bản B"})
    trip.sync("A")
    trip.sync("B")
    return finding.id


def test_a_conflict_is_listed_for_who_may_edit_the_record_and_resolved_everywhere(trip):
    finding = _conflicting_texts(trip)
    b = trip.laptops["B"]
    head = trip.person(b, "truongdoan")
    assert open_conflicts(b, person("Khách", role="viewer")) == ()
    (conflict,) = open_conflicts(b, head)
    assert (conflict.kept, conflict.other, conflict.other_side) == ("Bản A", "Bản B", "B")
    assert conflict.can_type
    resolve_conflict(b, head, conflict.id, "edited", "Bản A và B, đã thống nhất")
    assert open_conflicts(b, head) == ()
    trip.sync("B")
    trip.sync("A")
    for engine in (trip.server, *trip.laptops.values()):
        texts = [f.text for f in visit_detail(engine, trip.visit_id, TODAY).findings]
        assert texts[0] == "Bản A và B, đã thống nhất"
        assert open_conflicts(engine, trip.person(engine, "truongdoan")) == ()
    with session_scope(trip.server, read_only=True) as session:
        actions = session.scalars(
            select(m.AuditEvent.action).where(m.AuditEvent.entity_id == finding)
        ).all()
    assert "sync_resolve" in actions


def test_taking_the_other_value_writes_it_into_the_record(trip):
    _conflicting_texts(trip)
    server = trip.server
    head = trip.person(server, "truongdoan")
    (conflict,) = open_conflicts(server, head)
    resolve_conflict(server, head, conflict.id, "other")
    assert visit_detail(server, trip.visit_id, TODAY).findings[0].text == "Bản B"
