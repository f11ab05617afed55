"""The locality tree across the 2025 reorganisation.

Rules (PRODUCT.md): a unit that no longer exists keeps its history under its own name,
labelled with what it became; a unit merged *wholly* into a new one rolls up into it
(Quảng Nam's 2023 figures count for today's Đà Nẵng); a partial split is shown, never
divided by guesswork.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.figures import Figure, sum_figures

LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
# The two-level system starts on 1/7/2025; the units it abolished end the day before.
REORGANISATION = date(2025, 7, 1)
LAST_DAY_BEFORE_REORGANISATION = date(2025, 6, 30)


@dataclass(frozen=True)
class Unit:
    id: UUID
    code: str
    name: str
    level: str
    parent_id: UUID | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[tuple[UUID, str], ...] = ()  # (successor id, 'full' | 'partial')

    @property
    def full_successor(self) -> UUID | None:
        full = [s for s, kind in self.successors if kind == "full"]
        return full[0] if len(full) == 1 else None

    def existed_during(self, start: date, end: date) -> bool:
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or self.valid_to >= start
        )


@dataclass
class Reach:
    """The units with a figure at or below them (see ``LocalityTree.reaching``), with
    each one's reached children worked out once and shared by every roll-up using it."""

    units: set[UUID]
    all_children: dict[UUID | None, list[UUID]]
    _children: dict[UUID | None, list[UUID]] = field(default_factory=dict)

    def children(self, unit_id: UUID | None) -> list[UUID]:
        found = self._children.get(unit_id)
        if found is None:
            found = [c for c in self.all_children.get(unit_id, []) if c in self.units]
            self._children[unit_id] = found
        return found


@dataclass
class LocalityTree:
    units: dict[UUID, Unit]
    _children: dict[UUID | None, list[UUID]] = field(default_factory=dict, init=False)
    _parents: dict[UUID, UUID | None] = field(default_factory=dict, init=False)
    # What is worked out from the tree once (it is built once per catalogue version).
    _derived: dict[object, Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for unit in self.units.values():
            parent = self._rollup_parent(unit)
            self._parents[unit.id] = parent
            self._children.setdefault(parent, []).append(unit.id)
        for ids in self._children.values():
            ids.sort(key=lambda i: (self.units[i].code, self.units[i].name))

    @classmethod
    def from_units(cls, units: Iterable[Unit]) -> LocalityTree:
        return cls({u.id: u for u in units})

    def _rollup_parent(self, unit: Unit) -> UUID | None:
        """Where a unit's figures go. A unit keeps its historical parent (Tam Kỳ city
        stays under Quảng Nam); a unit without one, an old province, goes to the
        province it was wholly merged into (Quảng Nam -> Đà Nẵng)."""
        if unit.parent_id is not None:
            return unit.parent_id
        return self.absorbed_into(unit.id)

    def absorbed_into(self, unit_id: UUID) -> UUID | None:
        """The same-level unit this one was wholly merged into, if any."""
        unit = self.units[unit_id]
        successor = unit.full_successor
        same_level = successor in self.units and self.units[successor].level == unit.level
        return successor if successor is not None and same_level else None

    def derived(self, key: object, build: Callable[[], Any]) -> Any:
        """``build()``, worked out once for this tree and kept under ``key``."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def parent(self, unit_id: UUID) -> UUID | None:
        """The unit this one's figures roll up into."""
        return self._parents.get(unit_id)

    def children(self, unit_id: UUID | None) -> list[UUID]:
        """Units whose figures roll up directly into this one."""
        return list(self._children.get(unit_id, []))

    def rows_below(self, parent_id: UUID | None) -> list[UUID]:
        """The level below a parent, as leadership sees it: its children, plus the
        children of units wholly absorbed into it (Quảng Nam's districts under Đà Nẵng).
        ``None`` means the whole country: the provinces."""
        rows: list[UUID] = []
        for child in self._children.get(parent_id, []):
            if self.absorbed_into(child) == parent_id and parent_id is not None:
                rows.extend(self.rows_below(child))
            else:
                rows.append(child)
        return rows

    def descendants(self, unit_id: UUID) -> set[UUID]:
        seen: set[UUID] = set()
        stack = [unit_id]
        while stack:
            current = stack.pop()
            for child in self._children.get(current, []):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return seen

    def ancestors(self, unit_id: UUID) -> list[UUID]:
        """Nearest first, following roll-up links."""
        chain: list[UUID] = []
        current = self._rollup_parent(self.units[unit_id])
        while current is not None and current not in chain:
            chain.append(current)
            current = self._rollup_parent(self.units[current])
        return chain

    def roll_up(
        self,
        unit_id: UUID,
        own: Callable[[UUID], Figure | None],
        reaching: Reach | None = None,
    ) -> Figure | None:
        """A unit's figure: its own reported figure when it has one (the locality's
        total wins over a partial sum of its parts), otherwise the sum of the units
        below it. Missing stays missing.

        ``reaching`` (from ``reaching``): the units with a figure at or below them; the
        rest are skipped unvisited, which matters with thousands of communes."""
        if reaching is not None and unit_id not in reaching.units:
            return None
        figure = own(unit_id)
        if figure is not None:
            return figure
        children = (
            self._children.get(unit_id, []) if reaching is None else reaching.children(unit_id)
        )
        if not children:
            return None
        return sum_figures([self.roll_up(child, own, reaching) for child in children])

    def reaching(self, units_with_figures: Iterable[UUID]) -> Reach:
        """These units and every unit their figures roll up into."""
        reached: set[UUID] = set()
        for unit_id in units_with_figures:
            current: UUID | None = unit_id
            while current is not None and current not in reached and current in self._parents:
                reached.add(current)
                current = self._parents[current]
        return Reach(reached, self._children)

    def find_code(self, code: str) -> UUID | None:
        """A code may name an old and a new unit (11329 was Phường Máy Chai, is now
        Phường Ngô Quyền): the unit that exists today wins, then the latest to end."""
        matches = [u for u in self.units.values() if u.code == code.strip()]
        if not matches:
            return None
        matches.sort(key=lambda u: (u.valid_to is None, u.valid_to or date.min), reverse=True)
        return matches[0].id

    def successor_names(self, unit_id: UUID) -> list[tuple[str, str]]:
        """(name, kind) of what an abolished unit became."""
        unit = self.units[unit_id]
        return [(self.units[s].name, kind) for s, kind in unit.successors if s in self.units]
