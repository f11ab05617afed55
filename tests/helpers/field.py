"""A shared server and laptops that took out the Tam Kỳ visit: what the sync tests need."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

from sqlalchemy import Engine, select

from data_access import models as m
from data_access.accounts import SYSTEM, UserInput, create_user, load_actor, set_membership
from data_access.catalogue import list_campaigns, list_localities, locality_tree
from data_access.db import create_db_engine, session_scope
from data_access.migrate import upgrade_to_head
from data_access.sync.exchange import SyncSummary, sync_direct
from data_access.sync.laptops import join_server, register_laptop
from data_access.visits import (
    RecommendationInput,
    VisitInput,
    add_finding,
    add_recommendation,
    create_visit,
)
from domain.permissions import Actor
from sample_data.load import load_sample

PASSWORD = "Kiem-thu-2026"
VISIT_DAY = date(2026, 11, 20)
TAM_KY = "502"
# Who goes to Tam Kỳ: two secretaries with a laptop each, and the head of the delegation.
PEOPLE = {
    "thuky.a": ("Trần Thư Ký A", "member"),
    "thuky.b": ("Lê Thư Ký B", "member"),
    "truongdoan": ("Phạm Trưởng Đoàn", "head"),
}


@dataclass
class FieldTrip:
    server: Engine
    server_url: str
    laptops: dict[str, Engine]
    tam_ky: UUID
    visit_id: UUID  # a draft visit to Tam Kỳ, with two findings and a recommendation
    delegation_id: UUID

    def person(self, engine: Engine, username: str) -> Actor:
        return person_on(engine, username)

    def sync(self, name: str) -> SyncSummary:
        return sync_direct(self.laptops[name], SYSTEM, self.server_url)


def person_on(engine: Engine, username: str) -> Actor:
    """Someone as this database knows them (their delegations and localities)."""
    return load_actor(engine, _user_id(engine, username))


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def prepare_server(server: Engine) -> tuple[UUID, UUID, UUID]:
    """The sample, the three people as members of the Tam Kỳ delegation; returns the
    Tam Kỳ unit, its visit and the delegation."""
    load_sample(server)
    tree = locality_tree(list_localities(server))
    tam_ky = tree.find_code(TAM_KY)
    with session_scope(server, read_only=True) as session:
        visit = session.scalars(select(m.Visit).where(m.Visit.locality_id == tam_ky)).first()
        delegation_id = visit.delegation_id
    for username, (full_name, role) in PEOPLE.items():
        user_id = create_user(
            server,
            SYSTEM,
            UserInput(username, full_name, "inspector", PASSWORD, (), must_change_password=False),
        )
        set_membership(server, SYSTEM, delegation_id, user_id, role)
    # The sample's visit is signed off; the delegation goes back, and the laptops take this.
    head = person_on(server, "truongdoan")
    campaign = list_campaigns(server)[0].id
    visit_id = create_visit(
        server,
        head,
        VisitInput(tam_ky, VISIT_DAY, [campaign], delegation_id, venue="UBND phường An Mỹ"),
    )
    add_finding(server, head, visit_id, "achievement", "Đã ban hành kế hoạch thực hiện")
    add_finding(server, head, visit_id, "shortcoming", "Báo cáo định kỳ còn chậm")
    add_recommendation(
        server,
        head,
        visit_id,
        RecommendationInput("to_locality", "Lập sổ theo dõi công trình", "UBND phường An Mỹ"),
    )
    return tam_ky, visit_id, delegation_id


def _user_id(engine: Engine, username: str) -> UUID:
    with session_scope(engine, read_only=True) as session:
        return session.scalar(select(m.User.id).where(m.User.username == username))


def new_laptop(server: Engine, folder: Path, name: str, delegation_id, tam_ky) -> Engine:
    registration = register_laptop(server, SYSTEM, name, [delegation_id], [tam_ky], "Sở Nội vụ")
    laptop = create_db_engine(f"sqlite:///{folder / f'{name}.sqlite3'}")
    upgrade_to_head(laptop)
    join_server(laptop, SYSTEM, registration)
    return laptop


def field_trip(server: Engine, folder: Path, names=("A", "B")) -> FieldTrip:
    tam_ky, visit_id, delegation_id = prepare_server(server)
    laptops = {name: new_laptop(server, folder, name, delegation_id, tam_ky) for name in names}
    trip = FieldTrip(server, url_of(server), laptops, tam_ky, visit_id, delegation_id)
    for name in names:
        trip.sync(name)
    return trip


def copy_sqlite(engine: Engine, target: Path) -> Engine:
    """A whole copy of a SQLite database (its write-ahead log included)."""
    with sqlite3.connect(engine.url.database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return create_db_engine(f"sqlite:///{target}")
