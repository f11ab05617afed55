"""Where each administrative unit lies, from the official catalogue the package
``vietnamadminunits`` (MIT, on PyPI) ships as a SQLite file: the 34 provinces and 3,321
communes of today, and the 63 old provinces, their districts and old communes. Read on the
machine itself: a map needs no tile server and no network."""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass

from data_access.official_catalogue import package_file

Place = tuple[float, float]  # latitude, longitude


@dataclass(frozen=True)
class Places:
    current: dict[tuple[str, str], Place]  # (level, code) of a unit in force today
    former: dict[tuple[str, str], Place]  # (level, code) of a unit before 1/7/2025

    def communes_around(self, places: list[Place], margin: float = 0.25) -> list[Place]:
        """Today's communes inside the box of ``places`` (widened by ``margin`` degrees);
        every commune when there are fewer than two places."""
        communes = [place for (level, _), place in self.current.items() if level == "commune"]
        if len(places) < 2:
            return communes
        lats, lons = [p[0] for p in places], [p[1] for p in places]
        return [
            (lat, lon)
            for lat, lon in communes
            if min(lats) - margin <= lat <= max(lats) + margin
            and min(lons) - margin <= lon <= max(lons) + margin
        ]

    def of(self, level: str, code: str, *, former: bool) -> Place | None:
        """A unit's place; an old unit whose code lives on today falls back on the new one."""
        first, second = (self.former, self.current) if former else (self.current, self.former)
        return first.get((level, code)) or second.get((level, code))


@functools.cache
def unit_places() -> Places:
    connection = sqlite3.connect(f"file:{package_file('dataset.db')}?mode=ro", uri=True)
    try:
        current, former = {}, {}
        for query, level, target in (
            ("SELECT provinceCode, provinceLat, provinceLon FROM admin_units", "province", current),
            ("SELECT wardCode, wardLat, wardLon FROM admin_units", "commune", current),
            (
                "SELECT provinceCode, provinceLat, provinceLon FROM admin_units_legacy",
                "province",
                former,
            ),
            (
                "SELECT districtCode, districtLat, districtLon FROM admin_units_legacy",
                "district",
                former,
            ),
            ("SELECT wardCode, wardLat, wardLon FROM admin_units_legacy", "commune", former),
        ):
            for code, lat, lon in connection.execute(query):
                if code and lat is not None and lon is not None:
                    target.setdefault((level, code), (lat, lon))
        return Places(current, former)
    finally:
        connection.close()
