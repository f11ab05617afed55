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
from data_access.drafts import save_draft
from data_access.errors import PermissionDenied
from data_access.migrate import upgrade_to_head
from domain.imports import ParsedReport
from domain.permissions import Actor
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import campaign_named

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


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
        w["engine"], a, w["folder"] / "files", visit, "anh.png", PNG
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
    "draft": (False, True, True, True, True, True),
    "import": (False, False, False, False, False, True),
    "create_user": (False, False, False, False, False, True),
    "restore": (False, False, False, False, False, True),
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
