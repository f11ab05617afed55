"""The official catalogue built in from the package vietnamadminunits: the same lists as the
reference data beside the project, real old parents, and written once beside the sample."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import select

from benchmarks.national import CATALOGUE as REFERENCE
from data_access import models as m
from data_access.accounts import SYSTEM
from data_access.catalogue import list_localities, locality_tree
from data_access.db import session_scope
from data_access.errors import InvalidInput
from data_access.imports import import_catalogue, install_official_catalogue
from data_access.official_catalogue import (
    official_catalogue,
    official_status,
    official_unit_id,
    write_catalogue,
)
from data_access.sync.laptops import join_server, register_laptop
from sample_data.load import first_start, load_sample
from tests.data_access.test_catalogue_import import CATALOGUE
from tests.helpers.data import IN_CI, person


@pytest.fixture(scope="module")
def reference() -> dict:
    """The reference lists beside the project (merges.json of dvhcvn/20250701)."""
    if not REFERENCE.exists():
        if IN_CI:
            pytest.fail(f"reference lists missing: {REFERENCE}")
        pytest.skip(f"reference lists missing: {REFERENCE}")
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def _units(level: str, current: bool) -> dict[str, str]:
    return {
        u.code: u.name
        for u in official_catalogue().units
        if u.level == level and (u.valid_to is None) == current
    }


def test_the_package_holds_every_unit_of_today_and_before():
    counts = Counter((u.level, u.valid_to is None) for u in official_catalogue().units)
    assert counts[("province", True)] == 34
    assert counts[("commune", True)] == 3321
    # 63 provinces before: 36 ended, 27 go on under the same code and name (one record each).
    assert counts[("province", False)] == 36
    assert sum(1 for u in official_catalogue().units if u.key[0] == "province") == 70
    assert counts[("district", False)] == 696
    assert counts[("commune", False)] == 10035
    assert official_catalogue().counts().successions == 10638


def test_the_package_agrees_with_the_reference_lists(reference):
    provinces = {p["level1_id"]: p["name"] for p in reference["data"]}
    assert _units("province", True) == provinces
    communes = {w["level2_id"]: w["name"] for p in reference["data"] for w in p["level2s"]}
    today = _units("commune", True)
    assert len(today) == len(communes) == 3321
    # One commune is coded differently: Ia Mơ (Gia Lai) is 23938 in the package, 23737 in
    # the reference (where 23737 was Ia Mơ Nông before 1/7/2025).
    assert set(today) ^ set(communes) == {"23737", "23938"}
    assert all(today[code] == name for code, name in communes.items() if code in today)
    old = {o["old_id"] for p in reference["data"] for w in p["level2s"] for o in w["merges"]}
    former = set(_units("commune", False)) | set(_units("district", False))
    # 12 old communes of the reference are not in the package's list before 1/7/2025 (units
    # changed by resolutions of 2024-2025, to check against them); every other one is.
    assert (len(old), len(old - former)) == (10052, 12)


def test_the_succession_links_agree_with_the_reference(reference):
    ours = {
        (link.old[1], link.new[1]): link.kind
        for link in official_catalogue().links
        if link.new[0] == "commune"
    }
    theirs = {
        (o["old_id"], w["level2_id"]): o["type"]
        for p in reference["data"]
        for w in p["level2s"]
        for o in w["merges"]
    }
    same = set(ours) & set(theirs)
    assert len(same) == 10565 and len(ours) == 10602  # 99,65 % of the package's links
    assert sum(ours[k] == theirs[k] for k in same) >= 10510
    provinces = {
        (link.old[1], link.new[1])
        for link in official_catalogue().links
        if link.old[0] == "province"
    }
    assert provinces == {
        (o["old_id"], p["level1_id"])
        for p in reference["data"]
        for o in p["merges"]
        if (o["old_id"], o["name"]) != (p["level1_id"], p["name"])
    }


def test_old_communes_lie_under_their_own_district_and_province():
    units = {u.key: u for u in official_catalogue().units}
    an_xuan = units[("commune", "20347", False)]
    assert an_xuan.name == "Phường An Xuân"
    tam_ky = units[an_xuan.parent]
    assert (tam_ky.name, tam_ky.level) == ("Thành phố Tam Kỳ", "district")
    assert units[tam_ky.parent].name == "Tỉnh Quảng Nam"
    # An island district with no commune went whole into today's special zone.
    (hoang_sa,) = [link for link in official_catalogue().links if link.old[1] == "498"]
    assert (units[hoang_sa.old].name, units[hoang_sa.new].name, hoang_sa.kind) == (
        "Huyện Hoàng Sa",
        "Đặc khu Hoàng Sa",
        "full",
    )


def test_first_start_adds_the_catalogue_beside_the_sample_once(engine):
    first_start(engine, with_sample=True)
    tree = locality_tree(list_localities(engine))
    assert len(tree.units) == 14122  # the sample's units are the catalogue's own
    tam_ky_ward = tree.find_code("20341")
    assert tree.units[tam_ky_ward].name == "Phường Tam Kỳ"  # today's unit wins the code
    assert tam_ky_ward == official_unit_id("commune", "20341", True)
    an_xuan = tree.find_code("20347")
    assert [tree.units[a].name for a in tree.ancestors(an_xuan)] == [
        "Thành phố Tam Kỳ",
        "Tỉnh Quảng Nam",
        "Thành phố Đà Nẵng",  # wholly merged: its figures count for today's Đà Nẵng
    ]
    # The sample's own links stay (Tam Kỳ city into four wards), the catalogue's are added.
    assert len(tree.units[tree.find_code("502")].successors) == 4
    status = official_status(engine)
    assert status.complete
    with session_scope(engine) as session:
        again = write_catalogue(session, SYSTEM, official_catalogue(), "again")
    assert (again.provinces, again.communes, again.former_units, again.successions) == (0, 0, 0, 0)
    first_start(engine, with_sample=True)  # a database with data is left alone
    assert len(locality_tree(list_localities(engine)).units) == 14122


def test_the_admin_update_places_imported_old_communes_under_their_district(engine):
    content = json.dumps(CATALOGUE).encode()
    import_catalogue(engine, person("Quản trị"), CATALOGUE, "merges.json", content)
    tree = locality_tree(list_localities(engine))
    quan_toan = tree.find_code("11296")
    assert tree.units[tree.units[quan_toan].parent_id].level == "province"  # the guess
    gap = official_status(engine).missing
    # Quán Toan (under today's Hải Phòng) and Phường 1 (under the old Đồng Tháp) alike.
    assert gap.parents_corrected == 2 and gap.communes == 3320
    added = install_official_catalogue(engine, person("Quản trị"))
    assert (added.provinces, added.communes, added.parents_corrected) == (32, 3320, 2)
    tree = locality_tree(list_localities(engine))
    hong_bang = tree.units[tree.units[quan_toan].parent_id]
    assert (hong_bang.name, hong_bang.level) == ("Quận Hồng Bàng", "district")
    (phuong_1,) = [u for u in tree.units.values() if u.code == "30001" and u.valid_to]
    tam_nong = tree.units[phuong_1.parent_id]
    assert [tam_nong.name, tree.units[tam_nong.parent_id].name] == [
        "Huyện Tam Nông",
        "Tỉnh Đồng Tháp (cũ)",  # the name the imported list gave it is kept
    ]
    with session_scope(engine, read_only=True) as session:
        moved = session.scalars(
            select(m.AuditEvent).where(m.AuditEvent.entity_id == quan_toan)
        ).all()
        imported = session.scalars(select(m.ImportedFile.file_name)).all()
    assert [e.action for e in moved] == ["update"]
    assert any(name.startswith("Danh mục đơn vị hành chính chính thức") for name in imported)
    assert official_status(engine).complete
    # The same version again, once units were removed by hand: it adds them back.
    assert install_official_catalogue(engine, person("Quản trị")).communes == 0


def test_a_new_laptop_gives_up_its_first_start_catalogue_for_the_servers(engine, tmp_path):
    from data_access.db import create_db_engine
    from data_access.migrate import upgrade_to_head

    first_start(engine, with_sample=True)  # the server
    tree = locality_tree(list_localities(engine))
    registration = register_laptop(
        engine, SYSTEM, "Máy Tam Kỳ", [], [tree.find_code("20341")], "Sở Nội vụ"
    )
    laptop = create_db_engine(f"sqlite:///{tmp_path / 'laptop.sqlite3'}")
    upgrade_to_head(laptop)
    first_start(laptop, with_sample=False)  # installed with no sample, as a laptop is
    join_server(laptop, SYSTEM, registration)
    assert list_localities(laptop).empty  # the first sync brings the server's
    laptop.dispose()


def test_a_laptop_with_data_of_its_own_is_still_refused(tmp_path):
    from data_access.db import create_db_engine
    from data_access.migrate import upgrade_to_head

    laptop = create_db_engine(f"sqlite:///{tmp_path / 'laptop.sqlite3'}")
    upgrade_to_head(laptop)
    load_sample(laptop)  # campaigns, visits, accounts of its own
    server = create_db_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    upgrade_to_head(server)
    load_sample(server)
    ward = locality_tree(list_localities(server)).find_code("20341")
    registration = register_laptop(server, SYSTEM, "Máy Tam Kỳ", [], [ward], "Sở Nội vụ")
    with pytest.raises(InvalidInput) as refused:
        join_server(laptop, SYSTEM, registration)
    assert refused.value.problems == ["sync_not_empty"]
    laptop.dispose()
    server.dispose()
