"""Where the units lie, from the official catalogue the package ships: every unit of today
(checked against the reference lists beside the project) has a place, and the places are
the right ones."""

from __future__ import annotations

import json

import pytest

from benchmarks.national import CATALOGUE
from data_access.places import unit_places
from tests.helpers.data import IN_CI


def test_every_province_and_commune_of_today_has_its_place():
    if not CATALOGUE.exists():
        if IN_CI:
            pytest.fail(f"reference lists missing: {CATALOGUE}")
        pytest.skip(f"reference lists missing: {CATALOGUE}")
    reference = json.loads(CATALOGUE.read_text(encoding="utf-8"))["data"]
    provinces = {p["level1_id"] for p in reference}
    communes = {c["level2_id"] for p in reference for c in p["level2s"]}
    assert (len(provinces), len(communes)) == (34, 3321)
    places = unit_places()
    assert {code for level, code in places.current if level == "province"} == provinces
    shipped = {code for level, code in places.current if level == "commune"}
    # One known difference, to check against the resolution: the new Xã Ia Mơ (Gia Lai)
    # is 23737 in the reference lists (the code of the old Ia Mơ Nông) and 23938 in the
    # package (the old Ia Mơ's). Either way the map finds it: 23737 is placed as the old
    # commune, a few kilometres away. Any other difference fails here.
    assert (shipped - communes, communes - shipped) == ({"23938"}, {"23737"})
    assert places.of("commune", "23737", former=False) is not None


def test_a_unit_is_where_it_is_and_a_former_one_where_it_was():
    places = unit_places()
    da_nang = places.of("province", "48", former=False)
    assert da_nang == pytest.approx((15.6, 108.0), abs=0.5)
    # Phường Tam Kỳ today and the district of Tam Kỳ before 1/7/2025, both by the sea
    # south of Đà Nẵng; Quảng Nam (49) exists only among the former provinces.
    assert places.of("commune", "20341", former=False) == pytest.approx((15.56, 108.48), abs=0.1)
    assert places.of("district", "502", former=True) == pytest.approx((15.56, 108.48), abs=0.1)
    assert places.of("province", "49", former=False) == places.of("province", "49", former=True)
    assert places.of("province", "99", former=False) is None
    # The communes around Đà Nẵng and Tam Kỳ: a few hundred, not the whole country.
    around = places.communes_around([da_nang, places.of("commune", "20341", former=False)])
    assert 50 < len(around) < 1000
    assert len(places.communes_around([])) == 3321
