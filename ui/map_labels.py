"""Where the map writes each unit's name, so that no two names overlap and no name covers
another unit's circle. 34 provinces drawn at their official places crowd the Red River
delta into a few dozen pixels: written all above their circles, their names piled up
into an unreadable block on a projector.

Pure geometry, no Streamlit: the units are projected as Vega-Lite will draw them (Mercator
fitted to every point of the chart), then named in order of priority, each at the first
free place around its circle (above, right, left, below, then the diagonals). A unit left
unnamed keeps its circle and its tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Where a name may go, tried in this order (the diagonals last, where a crowd leaves no
# side free): (name, dx, dy, align), in pixels from the circle's centre to the middle of
# the text, as mark_text takes them.
POSITIONS = (
    ("above", 0, -16, "center"),
    ("right", 13, 0, "left"),
    ("left", -13, 0, "right"),
    ("below", 0, 16, "center"),
    ("above_right", 8, -14, "left"),
    ("above_left", -8, -14, "right"),
    ("below_right", 8, 14, "left"),
    ("below_left", -8, 14, "right"),
)
_OFFSETS = {position: (dx, dy, align) for position, dx, dy, align in POSITIONS}
FONT_PX = 11
CHAR_PX = 6.0  # an average letter of an 11-pixel sans-serif, a little generous
LINE_PX = 16  # a line of it as the browser measures it (15), and a pixel between lines
NAME = -1  # the owner of a name's box in the grid (a circle's owner is its unit)
CITY = "Thành phố "
# "Tỉnh Quảng Ninh" on the map is "Quảng Ninh"; the tooltip keeps the full name.
PREFIXES = (CITY, "Tỉnh ", "Đặc khu ", "Phường ", "Thị trấn ", "Thị xã ", "Quận ", "Huyện ", "Xã ")


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def meets(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )


def short_name(name: str) -> str:
    for prefix in PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def project(
    points: Sequence[tuple[float, float]],
    every_point: Sequence[tuple[float, float]],
    width: float,
    height: float,
) -> list[tuple[float, float]]:
    """Pixel positions of ``points`` (lat, lon) on a Mercator map fitted, as Vega fits it,
    to ``every_point`` within ``width`` × ``height``."""

    def mercator(lat: float, lon: float) -> tuple[float, float]:
        return math.radians(lon), -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    projected = [mercator(*p) for p in every_point] or [mercator(*p) for p in points]
    xs, ys = [x for x, _ in projected], [y for _, y in projected]
    spread_x, spread_y = max(xs) - min(xs), max(ys) - min(ys)
    scale = min(
        width / spread_x if spread_x else math.inf, height / spread_y if spread_y else math.inf
    )
    scale = 1.0 if math.isinf(scale) else scale
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [
        (width / 2 + (x - mid_x) * scale, height / 2 + (y - mid_y) * scale)
        for x, y in (mercator(*p) for p in points)
    ]


def name_box(centre: tuple[float, float], name: str, position: str) -> Box:
    """Where a unit's short name lies, in pixels, written at ``position`` of its circle."""
    x, y = centre
    dx, dy, align = _OFFSETS[position]
    width = CHAR_PX * len(short_name(name))
    left = x + dx - {"center": width / 2, "left": 0, "right": width}[align]
    return Box(left, y + dy - LINE_PX / 2, left + width, y + dy + LINE_PX / 2)


def place_labels(
    points: Sequence[tuple[float, float]],
    names: Sequence[str],
    priorities: Sequence[float],
    radii: Sequence[float],
    *,
    every_point: Sequence[tuple[float, float]] = (),
    width: float,
    height: float,
) -> list[str | None]:
    """For each unit (``names`` in full), the position its short name takes (see
    ``POSITIONS``), or None when every position would overlap a name already placed or
    another circle. Cities are named first (as on any map), then units of higher priority;
    a city hemmed in by circles is named over one of them rather than not at all.
    ``radii`` are the circles' in pixels."""
    centres = project(points, [*every_point, *points], width, height)
    obstacles = _Grid()
    for i, ((x, y), r) in enumerate(zip(centres, radii, strict=True)):
        obstacles.add(Box(x - r, y - r, x + r, y + r), owner=i)
    placed: list[str | None] = [None] * len(points)

    def rank(i: int) -> tuple[bool, float]:
        return not names[i].startswith(CITY), -priorities[i]

    for i in sorted(range(len(points)), key=rank):
        candidates = {position: name_box(centres[i], names[i], position) for position in _OFFSETS}
        over_circles = (False, True) if names[i].startswith(CITY) else (False,)
        placed[i] = next(
            (
                position
                for names_only in over_circles
                for position, box in candidates.items()
                if not obstacles.meets(box, owner=i, names_only=names_only)
            ),
            None,
        )
        if placed[i] is not None:
            obstacles.add(candidates[placed[i]], owner=NAME)  # in every later name's way
    return placed


class _Grid:
    """Boxes filed by the 64-pixel cells they touch, so a name is checked against its
    neighbours only (a province of several hundred communes)."""

    CELL = 64

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[Box, int]]] = {}

    def _cells(self, box: Box):
        for cx in range(math.floor(box.left / self.CELL), math.floor(box.right / self.CELL) + 1):
            for cy in range(
                math.floor(box.top / self.CELL), math.floor(box.bottom / self.CELL) + 1
            ):
                yield cx, cy

    def add(self, box: Box, owner: int) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append((box, owner))

    def meets(self, box: Box, owner: int, *, names_only: bool = False) -> bool:
        """Whether ``box`` overlaps a name, or the circle of a unit other than ``owner``."""
        return any(
            other.meets(box) and who != owner and (who == NAME or not names_only)
            for cell in self._cells(box)
            for other, who in self.cells.get(cell, ())
        )
