"""Importing the official catalogue (merges.json): today's units, the former ones they came
from, the links between them, and nothing twice."""

from __future__ import annotations

import json

from data_access.catalogue import list_localities, locality_tree
from data_access.imports import import_catalogue
from tests.helpers.data import person

CATALOGUE = {
    "data": [
        {  # Hải Phòng continues and takes in Hải Dương
            "level1_id": "31",
            "name": "Thành phố Hải Phòng",
            "merges": [
                {"old_id": "31", "name": "Thành phố Hải Phòng"},
                {"old_id": "30", "name": "Tỉnh Hải Dương", "type": "full"},
            ],
            "level2s": [
                {
                    "level2_id": "10526",
                    "name": "Phường Hồng Bàng",
                    "merges": [{"old_id": "11296", "name": "Phường Quán Toan", "type": "partial"}],
                }
            ],
        },
        {  # a new province from one old one: its old communes stay under the old province
            "level1_id": "82",
            "name": "Tỉnh Đồng Tháp",
            "merges": [{"old_id": "87", "name": "Tỉnh Đồng Tháp (cũ)", "type": "full"}],
            "level2s": [
                {
                    "level2_id": "29905",
                    "name": "Phường Sa Đéc",
                    "merges": [{"old_id": "30001", "name": "Phường 1", "type": "full"}],
                }
            ],
        },
    ]
}


def test_the_catalogue_is_imported_once_with_its_former_units_and_links(engine):
    content = json.dumps(CATALOGUE).encode()
    counts = import_catalogue(engine, person("Quản trị"), CATALOGUE, "merges.json", content)
    assert (counts.provinces, counts.communes, counts.former_units, counts.successions) == (
        2,
        2,
        4,  # Hải Dương, Quán Toan, old Đồng Tháp, Phường 1 (Hải Phòng continues)
        4,
    )
    tree = locality_tree(list_localities(engine))
    hai_phong = tree.find_code("31")
    assert tree.units[hai_phong].valid_to is None  # one record for a continuing province
    assert [name for name, _ in tree.successor_names(tree.find_code("30"))] == [
        "Thành phố Hải Phòng"
    ]
    quan_toan = tree.units[tree.find_code("11296")]
    assert quan_toan.parent_id == hai_phong  # two provinces came in: shown under today's
    phuong_1 = tree.units[tree.find_code("30001")]
    assert phuong_1.parent_id == tree.find_code("87")  # one province came in: its own
    again = import_catalogue(
        engine, person("Quản trị"), CATALOGUE, "merges (1).json", content + b" "
    )
    assert (again.provinces, again.communes, again.former_units, again.successions) == (0, 0, 0, 0)


def test_an_import_of_the_catalogue_moves_the_catalogue_version_the_tree_is_cached_on(engine):
    """Screens keep the 13,000-unit tree per catalogue version: an import must move it, or
    the units it adds would not show until the server restarts."""
    from data_access.catalogue import data_versions

    before = data_versions(engine)
    content = json.dumps(CATALOGUE).encode()
    import_catalogue(engine, person("Quản trị"), CATALOGUE, "merges.json", content)
    after = data_versions(engine)
    assert after.catalogue > before.catalogue
    assert after.figures > before.figures  # the dashboards roll figures up that tree
