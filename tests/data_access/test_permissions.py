"""Every role against every write, called on the data layer directly (a hidden button is
not a permission): allowed, or refused and audited."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from sqlalchemy import select

from data_access import accounts, attachments, backup, imports
from data_access import models as m
from data_access import visits as v
from data_access.catalogue import list_localities, locality_tree
from data_access.db import create_db_engine, session_scope
from data_access.drafts import delete_draft, save_draft
from data_access.errors import InvalidInput, PermissionDenied
from data_access.migrate import upgrade_to_head
from domain.imports import ParsedReport
from domain.permissions import Actor
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import campaign_named
from tests.helpers.files import PNG


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("permissions")
    engine = create_db_engine(f"sqlite:///{folder / 'giamsat.sqlite3'}")
    upgrade_to_head(engine)
    load_sample(engine)
    tree = locality_tree(list_localities(engine))
    campaign = campaign_named(engine, INFRASTRUCTURE).id
    admin = Actor("admin", "Quản trị", "admin")
    visit = v.create_visit(
        engine,
        admin,
        v.VisitInput(
            tree.find_code("20341"), date(2026, 10, 5), [campaign], delegation_name="Đoàn thử quyền"
        ),
    )
    with session_scope(engine, read_only=True) as s:
        delegation = s.get(m.Visit, visit).delegation_id
    da_nang = tree.find_code("48")
    hai_phong_scope = frozenset({tree.find_code("31"), *tree.descendants(tree.find_code("31"))})
    team = frozenset({delegation})
    actors = {
        "viewer": Actor("lanhdao", "Lãnh đạo", "viewer"),
        "member": Actor("thanhvien", "Thành viên", "inspector", delegations=team),
        "outsider": Actor("ngoaidoan", "Ngoài đoàn", "inspector"),
        "head": Actor("truongdoan", "Trưởng đoàn", "inspector", delegations=team, heads=team),
        "elsewhere": Actor(
            "noikhac",
            "Địa bàn khác",
            "inspector",
            delegations=team,
            heads=team,
            scope=hai_phong_scope,
        ),
        "admin": admin,
    }
    return {
        "engine": engine,
        "campaign": campaign,
        "locality": tree.find_code("20341"),
        "delegation": delegation,
        "actors": actors,
        "folder": folder,
        "da_nang": da_nang,
        "hai_phong": tree.find_code("31"),
    }


def _fresh_visit(world) -> UUID:
    admin = world["actors"]["admin"]
    return v.create_visit(
        world["engine"],
        admin,
        v.VisitInput(
            world["locality"],
            date(2026, 10, 6),
            [world["campaign"]],
            delegation_id=world["delegation"],
        ),
    )


def _recommendation(world, visit_id: UUID) -> UUID:
    return v.add_recommendation(
        world["engine"],
        world["actors"]["admin"],
        visit_id,
        v.RecommendationInput("to_locality", "Hoàn thiện hồ sơ"),
    )


WRITES = {
    "create_visit": lambda w, a, visit: v.create_visit(
        w["engine"],
        a,
        v.VisitInput(
            w["locality"], date(2026, 10, 7), [w["campaign"]], delegation_id=w["delegation"]
        ),
    ),
    "update_visit": lambda w, a, visit: v.update_visit(
        w["engine"], a, visit, None, {"venue": "Phòng họp"}
    ),
    "attendees": lambda w, a, visit: v.replace_attendees(
        w["engine"], a, visit, [("locality", "Lê C", "")]
    ),
    "rate": lambda w, a, visit: v.rate_criterion(
        w["engine"], a, visit, _criterion(w), "good", None
    ),
    "figures": lambda w, a, visit: v.save_reported_figures(
        w["engine"],
        a,
        visit,
        v.ReportedFigures(
            w["campaign"], date(2026, 1, 1), date(2026, 9, 30), "9 tháng", {"works_count": 3}
        ),
    ),
    "finding": lambda w, a, visit: v.add_finding(w["engine"], a, visit, "achievement", "Tốt"),
    "recommendation": lambda w, a, visit: _recommendation_as(w, a, visit),
    "follow_up": lambda w, a, visit: v.change_recommendation_status(
        w["engine"], a, _recommendation(w, visit), "in_progress", "Đang làm", date(2026, 11, 1)
    ),
    "attachment": lambda w, a, visit: attachments.add_attachment(
        w["engine"], a, visit, "anh.png", PNG
    ),
    "sign_off": lambda w, a, visit: v.sign_off(w["engine"], a, visit),
    "draft": lambda w, a, visit: save_draft(
        w["engine"], a, f"visit:{visit}:summary", "Nháp", base_version=None
    ),
    "import": lambda w, a, visit: imports.apply_report_import(
        w["engine"],
        a,
        ParsedReport(
            campaign_code=INFRASTRUCTURE,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 3, 31),
        ),
        "x.xlsx",
        visit.bytes,
    ),
    "create_user": lambda w, a, visit: accounts.create_user(
        w["engine"],
        a,
        accounts.UserInput(f"u{visit.hex[:8]}", "Người mới", "viewer", "Mat-khau-2026"),
    ),
    "restore": lambda w, a, visit: backup.restore_backup(w["engine"], a, w["folder"] / "none"),
    "backup": lambda w, a, visit: backup.create_backup(w["engine"], a),
    "drop_draft": lambda w, a, visit: delete_draft(w["engine"], a, f"visit:{visit}:summary"),
    "verify": lambda w, a, visit: v.verify_recommendation(
        w["engine"], a, _recommendation(w, _fresh_visit(w)), visit, "verified_done", "Đã xong"
    ),
}


def _recommendation_as(world, actor, visit_id):
    return v.add_recommendation(
        world["engine"], actor, visit_id, v.RecommendationInput("to_locality", "Kiến nghị")
    )


def _criterion(world) -> UUID:
    with session_scope(world["engine"], read_only=True) as s:
        return s.scalar(select(m.Criterion.id).where(m.Criterion.campaign_id == world["campaign"]))


ALLOWED = {
    # action:        viewer member outsider head  elsewhere admin
    "create_visit": (False, True, False, True, False, True),
    "update_visit": (False, True, False, True, False, True),
    "attendees": (False, True, False, True, False, True),
    "rate": (False, True, False, True, False, True),
    "figures": (False, True, False, True, False, True),
    "finding": (False, True, False, True, False, True),
    "recommendation": (False, True, False, True, False, True),
    "follow_up": (False, True, True, True, False, True),
    "attachment": (False, True, False, True, False, True),
    "sign_off": (False, False, False, True, False, True),
    "draft": (False, True, False, True, False, True),
    "import": (False, False, False, False, False, True),
    "create_user": (False, False, False, False, False, True),
    "restore": (False, False, False, False, False, True),
    "backup": (False, False, False, False, False, True),
    "drop_draft": (False, True, True, True, True, True),  # one's own drafts only
    "verify": (False, True, False, True, False, True),
}
ROLES = ("viewer", "member", "outsider", "head", "elsewhere", "admin")
CASES = [(action, role, ALLOWED[action][i]) for action in ALLOWED for i, role in enumerate(ROLES)]


def _refusals(engine, actor: Actor) -> int:
    with session_scope(engine, read_only=True) as s:
        return len(
            s.scalars(
                select(m.AuditEvent.id).where(
                    m.AuditEvent.actor == actor.label, m.AuditEvent.action.startswith("refused:")
                )
            ).all()
        )


@pytest.mark.parametrize(
    ("action", "role", "allowed"), CASES, ids=[f"{a}-{r}" for a, r, _ in CASES]
)
def test_permission_matrix(world, action, role, allowed):
    actor = world["actors"][role]
    visit = _fresh_visit(world)
    before = _refusals(world["engine"], actor)
    if allowed:
        try:
            WRITES[action](world, actor, visit)
        except PermissionDenied:
            pytest.fail(f"{role} should be allowed to {action}")
        except Exception:
            pass
    else:
        with pytest.raises(PermissionDenied):
            WRITES[action](world, actor, visit)
        assert _refusals(world["engine"], actor) == before + 1  # and audited


# --- writes no screen sends -------------------------------------------------------------


def _status(world, model, record_id):
    with session_scope(world["engine"], read_only=True) as s:
        return s.get(model, record_id)


def _refused_and_audited(world, actor, write) -> None:
    before = _refusals(world["engine"], actor)
    with pytest.raises(PermissionDenied):
        write()
    assert _refusals(world["engine"], actor) == before + 1


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "signed_off"},
        {"locality_id": "da_nang"},
        {"delegation_id": "another"},
        {"venue": "Phòng họp", "signed_off_by": "Trưởng đoàn"},
    ],
    ids=["status", "locality", "delegation", "a-field-among-others"],
)
def test_editing_a_visit_changes_only_its_general_information(world, changes):
    member = world["actors"]["member"]
    visit = _fresh_visit(world)
    if "locality_id" in changes:
        changes = {"locality_id": world["da_nang"]}
    if "delegation_id" in changes:
        other = v.create_visit(
            world["engine"],
            world["actors"]["admin"],
            v.VisitInput(
                world["locality"], date(2026, 10, 8), [world["campaign"]], delegation_name="Khác"
            ),
        )
        changes = {"delegation_id": _status(world, m.Visit, other).delegation_id}
    _refused_and_audited(
        world, member, lambda: v.update_visit(world["engine"], member, visit, None, changes)
    )
    stored = _status(world, m.Visit, visit)
    assert (stored.status, stored.locality_id, stored.delegation_id, stored.venue) == (
        "draft",
        world["locality"],
        world["delegation"],
        None,
    )


def test_a_finding_cannot_be_moved_into_another_visit(world):
    member = world["actors"]["member"]
    visit, other = _fresh_visit(world), _fresh_visit(world)
    finding = v.add_finding(world["engine"], member, visit, "achievement", "Tốt")
    _refused_and_audited(
        world,
        member,
        lambda: v.update_finding(world["engine"], member, finding, None, {"visit_id": other}),
    )
    assert _status(world, m.Finding, finding).visit_id == visit


def test_a_recommendations_status_changes_only_through_its_follow_up(world):
    member = world["actors"]["member"]
    recommendation = _recommendation(world, _fresh_visit(world))
    _refused_and_audited(
        world,
        member,
        lambda: v.update_recommendation(
            world["engine"], member, recommendation, None, {"status": "done"}
        ),
    )
    assert _status(world, m.Recommendation, recommendation).status == "open"


def test_a_visit_elsewhere_cannot_verify_a_recommendation_made_here(world):
    """An inspector limited to Hải Phòng, with a visit there, marks a recommendation of
    another locality done through it: refused, the recommendation stays open."""
    elsewhere = world["actors"]["elsewhere"]
    hai_phong_visit = v.create_visit(
        world["engine"],
        world["actors"]["admin"],
        v.VisitInput(
            world["hai_phong"],
            date(2026, 10, 9),
            [world["campaign"]],
            delegation_id=world["delegation"],
        ),
    )
    recommendation = _recommendation(world, _fresh_visit(world))
    _refused_and_audited(
        world,
        elsewhere,
        lambda: v.verify_recommendation(
            world["engine"], elsewhere, recommendation, hai_phong_visit, "verified_done", "Xong"
        ),
    )
    assert _status(world, m.Recommendation, recommendation).status == "open"


def test_a_draft_is_kept_only_by_someone_who_may_edit_its_record(world):
    """An inspector outside the delegation planted a draft that the real editor was then
    shown in place of the saved text."""
    outsider = world["actors"]["outsider"]
    visit = _fresh_visit(world)
    finding = v.add_finding(world["engine"], world["actors"]["admin"], visit, "cause", "Gốc")
    for scope in (f"finding:{finding}:text", f"rating:{visit}:{_criterion(world)}:note", "x:y"):
        _refused_and_audited(
            world,
            outsider,
            lambda scope=scope: save_draft(world["engine"], outsider, scope, "Cài", base_version=1),
        )
    with session_scope(world["engine"], read_only=True) as s:
        assert s.scalar(select(m.Draft.id).where(m.Draft.owner == outsider.username)) is None


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (v.RecommendationInput("sideways", "Kiến nghị"), "direction"),
        (v.RecommendationInput("to_locality", "Kiến nghị", priority="urgent!"), "priority"),
    ],
    ids=["direction", "priority"],
)
def test_a_recommendation_outside_the_vocabulary_is_refused_with_a_reason(world, data, problem):
    with pytest.raises(InvalidInput) as refused:  # was an IntegrityError from the CHECK
        v.add_recommendation(world["engine"], world["actors"]["member"], _fresh_visit(world), data)
    assert refused.value.problems == [problem]


def test_a_finding_outside_the_vocabulary_or_the_visits_criteria_is_refused(world):
    member, visit = world["actors"]["member"], _fresh_visit(world)
    with pytest.raises(InvalidInput) as kind:
        v.add_finding(world["engine"], member, visit, "gossip", "Tin đồn")
    with pytest.raises(InvalidInput) as criterion:
        v.add_finding(world["engine"], member, visit, "cause", "Gốc", criterion_id=visit)
    assert (kind.value.problems, criterion.value.problems) == (["finding_kind"], ["criterion"])


def test_text_longer_than_an_excel_cell_is_refused_not_cut_in_the_minutes_later(world):
    member, visit = world["actors"]["member"], _fresh_visit(world)
    long_text = "Nhận xét " * 4_912  # 44,208 characters: the minutes' cell holds 32,767
    finding = v.add_finding(world["engine"], member, visit, "cause", "Ngắn")
    attempts = [
        lambda: v.add_finding(world["engine"], member, visit, "cause", long_text),
        lambda: v.update_finding(world["engine"], member, finding, None, {"text": long_text}),
        lambda: v.update_visit(world["engine"], member, visit, None, {"summary": long_text}),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert refused.value.problems == ["text_too_long"]
    assert _status(world, m.Finding, finding).text == "Ngắn"


def test_ratings_and_figures_stay_within_the_visits_campaigns(world):
    member, visit = world["actors"]["member"], _fresh_visit(world)
    with session_scope(world["engine"], read_only=True) as s:
        elsewhere = s.scalar(
            select(m.Criterion.id).where(m.Criterion.campaign_id != world["campaign"])
        )
        other_campaign = s.scalar(select(m.Campaign.id).where(m.Campaign.id != world["campaign"]))
    with pytest.raises(InvalidInput) as rating:
        v.rate_criterion(world["engine"], member, visit, elsewhere, "good", None)
    figures = v.ReportedFigures(
        other_campaign, date(2026, 1, 1), date(2026, 9, 30), "9 tháng", {"works_count": 3}
    )
    with pytest.raises(InvalidInput) as reported:
        v.save_reported_figures(world["engine"], member, visit, figures)
    assert (rating.value.problems, reported.value.problems) == (["criterion"], ["campaign"])


def test_text_typed_while_the_head_signs_off_is_kept_as_a_draft(world):
    member, head = world["actors"]["member"], world["actors"]["head"]
    visit = _fresh_visit(world)
    v.sign_off(world["engine"], head, visit)
    scope = f"visit:{visit}:summary"
    save_draft(world["engine"], member, scope, "Gõ trong lúc ký duyệt", base_version=1)
    with session_scope(world["engine"], read_only=True) as s:
        kept = s.scalar(select(m.Draft.text).where(m.Draft.scope == scope))
    assert kept == "Gõ trong lúc ký duyệt"
