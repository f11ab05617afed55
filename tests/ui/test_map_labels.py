"""Names on the map: none overlaps another or covers another unit's circle, the cities are
named first, and a crowd leaves some units to their tooltip rather than pile names up."""

from __future__ import annotations

import pytest

from data_access.places import unit_places
from ui import charts
from ui.map_labels import Box, name_box, place_labels, project, short_name


def _boxes(points, names, positions, every_point):
    """Each placed name's box, from the position it was given."""
    centres = project(points, [*every_point, *points], charts.MAP_WIDTH, charts.MAP_HEIGHT)
    boxes = {
        name: name_box(centre, name, position)
        for centre, name, position in zip(centres, names, positions, strict=True)
        if position is not None
    }
    return boxes, centres


def test_short_names_drop_the_kind_of_unit():
    assert short_name("Thành phố Hồ Chí Minh") == "Hồ Chí Minh"
    assert short_name("Tỉnh Quảng Ninh") == "Quảng Ninh"
    assert short_name("Phường Tam Kỳ") == "Tam Kỳ"
    assert short_name("Đặc khu Phú Quốc") == "Phú Quốc"
    assert short_name("Quận Hồng Bàng (cũ)") == "Hồng Bàng (cũ)"
    assert short_name("Côn Đảo") == "Côn Đảo"
    assert short_name("Xã ") == "Xã "  # nothing left after the kind: kept whole


def test_the_projection_fits_every_point_in_the_plot_as_vega_does():
    # Hà Giang's northern tip and Cà Mau's southern one, and a point between them.
    corners = [(23.39, 105.32), (8.6, 104.72)]
    middle = [(16.05, 108.2)]
    north, south, centre = project(corners + middle, corners, 540, 640)
    assert north[1] == pytest.approx(0) and south[1] == pytest.approx(640)  # fitted height
    assert 0 < centre[1] < 640 and north[0] > south[0]  # Đà Nẵng between; Cà Mau west


def test_the_34_provinces_are_named_without_overlap_the_cities_first():
    places = unit_places()
    provinces = sorted(
        (code, place) for (level, code), place in places.current.items() if level == "province"
    )
    assert len(provinces) == 34
    names = [f"Tỉnh {code}" for code, _ in provinces]
    cities = {"01": "Thành phố Hà Nội", "79": "Thành phố Hồ Chí Minh", "31": "Thành phố Hải Phòng"}
    names = [cities.get(code, name) for (code, _), name in zip(provinces, names, strict=True)]
    points = [place for _, place in provinces]
    every_point = places.communes_around([])
    radius = (charts.circle_area(34) / 3.14159) ** 0.5
    positions = place_labels(
        points,
        names,
        priorities=[0.0] * 34,
        radii=[radius] * 34,
        every_point=every_point,
        width=charts.MAP_WIDTH,
        height=charts.MAP_HEIGHT,
    )
    boxes, centres = _boxes(points, names, positions, every_point)
    assert len(boxes) >= 28  # at 540 × 640 pixels nearly every province has its name
    assert set(cities.values()) <= set(boxes)  # the delta's cities among them
    placed = list(boxes.items())
    for i, (name, box) in enumerate(placed):
        assert not any(box.meets(other) for _, other in placed[i + 1 :]), name
        others = [
            Box(x - radius, y - radius, x + radius, y + radius)
            for (x, y), owner in zip(centres, names, strict=True)
            if owner != name
        ]
        if name not in cities.values():  # a city hemmed in is named over a circle
            assert not any(box.meets(circle) for circle in others), name


def test_in_a_crowd_the_higher_priority_is_named_and_the_rest_keep_their_tooltip():
    # Twelve units a hair apart: one name fits around them, not twelve.
    points = [(21.0 + i * 0.001, 105.8) for i in range(12)]
    names = [f"Xã Số {i}" for i in range(12)]
    priorities = [float(i) for i in range(12)]
    country = [(23.39, 105.32), (8.6, 104.72)]  # drawn on the country's map
    positions = place_labels(
        points, names, priorities, [9.0] * 12, every_point=country, width=540, height=640
    )
    named = [name for name, position in zip(names, positions, strict=True) if position]
    assert named and "Xã Số 11" in named  # the highest priority first
    assert len(named) < 12
