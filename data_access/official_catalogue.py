"""The official catalogue of administrative units, built in: the package
``vietnamadminunits`` (MIT, on PyPI, pinned) ships today's 34 provinces and 3,321 communes,
the 63 provinces, their districts and the communes before 1/7/2025, and which old unit went
into which new one. Read from its files on the machine itself, with no network.

One writer adds a catalogue to the database, whichever source it comes from (this package,
or a ``merges.json`` file imported by an administrator): units are matched by level, code
and whether they are in force today; what is known is kept, what is missing is added with
an id every machine derives the same way, so a laptop and its server agree on each unit."""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import session_scope
from data_access.writes import bump_data_version
from domain.localities import LAST_DAY_BEFORE_REORGANISATION, LEVEL_ORDER, REORGANISATION
from domain.permissions import Actor

PACKAGE = "vietnamadminunits"
UnitKey = tuple[str, str, bool]  # level, code, in force today
# Ids of catalogue units: the same unit gets the same id on every machine (decision 49).
_UNIT_NAMESPACE = uuid.UUID("6f0c3a52-3d0e-4c1b-9a57-7b1e8f4d2c10")


def official_unit_id(level: str, code: str, current: bool) -> uuid.UUID:
    return uuid.uuid5(_UNIT_NAMESPACE, f"{level}/{code}/{'current' if current else 'former'}")


@dataclass(frozen=True)
class CatalogueUnit:
    level: str
    code: str
    name: str
    valid_from: date | None
    valid_to: date | None
    parent: UnitKey | None = None

    @property
    def key(self) -> UnitKey:
        return (self.level, self.code, self.valid_to is None)


@dataclass(frozen=True)
class CatalogueLink:
    old: UnitKey
    new: UnitKey
    kind: str  # 'full' | 'partial'


@dataclass
class CatalogueCounts:
    provinces: int = 0  # in force today
    communes: int = 0  # in force today
    former_units: int = 0  # provinces, districts and communes that ended on 30/6/2025
    successions: int = 0
    parents_corrected: int = 0


@dataclass(frozen=True)
class UnitCatalogue:
    """A whole catalogue as plain records, parents before their units."""

    units: tuple[CatalogueUnit, ...]
    links: tuple[CatalogueLink, ...]

    def counts(self) -> CatalogueCounts:
        counts = CatalogueCounts(successions=len(self.links))
        for unit in self.units:
            _count(counts, unit)
        return counts


def current_unit(level: str, code: str, name: str, parent: UnitKey | None) -> CatalogueUnit:
    return CatalogueUnit(level, code, name, REORGANISATION, None, parent)


def former_unit(level: str, code: str, name: str, parent: UnitKey | None) -> CatalogueUnit:
    return CatalogueUnit(level, code, name, None, LAST_DAY_BEFORE_REORGANISATION, parent)


def continuing_province(code: str, name: str) -> CatalogueUnit:
    """Hà Nội before and after: the same code and name, one record valid throughout."""
    return CatalogueUnit("province", code, name, None, None)


# --- the package's catalogue --------------------------------------------------------------


def package_file(name: str) -> Path:
    """A data file of the package, found without importing it (its parsers take 0,4 s)."""
    spec = importlib.util.find_spec(PACKAGE)
    return Path(spec.submodule_search_locations[0]) / "data" / name


def package_version() -> str:
    return importlib.metadata.version(PACKAGE)


@functools.cache
def official_catalogue() -> UnitCatalogue:
    connection = sqlite3.connect(f"file:{package_file('dataset.db')}?mode=ro", uri=True)
    try:
        today = list(
            connection.execute(
                "SELECT provinceCode, province, provinceKey, wardCode, ward, wardKey "
                "FROM admin_units ORDER BY provinceCode, wardCode"
            )
        )
        before = list(
            connection.execute(
                "SELECT provinceCode, province, provinceKey, districtCode, district, "
                "districtKey, wardCode, ward, wardKey FROM admin_units_legacy "
                "ORDER BY provinceCode, districtCode, wardCode"
            )
        )
    finally:
        connection.close()
    converter = json.loads(package_file("converter_2025.json").read_text(encoding="utf-8"))
    return _built(today, before, converter)


def _built(today: list[tuple], before: list[tuple], converter: dict) -> UnitCatalogue:
    units: dict[UnitKey, CatalogueUnit] = {}
    new_provinces = {key: (code, name) for code, name, key, *_ in today}
    old_provinces = {key: (code, name) for code, name, key, *_ in before}
    continuing = {
        key for key, (code, name) in old_provinces.items() if new_provinces.get(key) == (code, name)
    }
    province_of: dict[str, UnitKey] = {}  # an old province's key -> the unit it is
    for key, (code, name) in new_provinces.items():
        made = continuing_province(code, name) if key in continuing else None
        made = made or current_unit("province", code, name, None)
        units[made.key] = made
    for key, (code, name) in old_provinces.items():
        if key in continuing:
            province_of[key] = ("province", code, True)
            continue
        made = former_unit("province", code, name, None)
        units[made.key] = made
        province_of[key] = made.key
    old_unit: dict[str, UnitKey] = {}  # the converter's key of an old commune or district
    for _, _, p_key, d_code, d_name, d_key, w_code, w_name, w_key in before:
        district = former_unit("district", d_code, d_name, province_of[p_key])
        units.setdefault(district.key, district)
        if not w_code:  # an island district with no commune (Hoàng Sa, Côn Đảo…)
            old_unit[f"{p_key}_{d_key}_"] = district.key
            continue
        commune = former_unit("commune", w_code, w_name, district.key)
        units[commune.key] = commune
        old_unit[f"{p_key}_{d_key}_{w_key}"] = commune.key
    new_unit: dict[tuple[str, str], UnitKey] = {}
    for p_code, _, p_key, w_code, w_name, w_key in today:
        commune = current_unit("commune", w_code, w_name, ("province", p_code, True))
        units[commune.key] = commune
        new_unit[(p_key, w_key)] = commune.key
    links: dict[tuple[UnitKey, UnitKey], str] = {}
    for new_key, olds in converter["DICT_PROVINCE"].items():
        new = ("province", new_provinces[new_key][0], True)
        for old in olds:
            if old not in continuing:
                links[(province_of[old], new)] = "full"
    for p_key, communes in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, olds in communes.items():
            for old in olds:
                links[(old_unit[old], new_unit[(p_key, w_key)])] = "full"
    for p_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            for part in parts:
                links[(old_unit[old], new_unit[(p_key, part["newWardKey"])])] = "partial"
    return UnitCatalogue(
        tuple(sorted(units.values(), key=_parents_first)),
        tuple(CatalogueLink(old, new, kind) for (old, new), kind in links.items()),
    )


def _parents_first(unit: CatalogueUnit) -> tuple:
    return (LEVEL_ORDER[unit.level], unit.code, unit.key[2])


# --- writing a catalogue ------------------------------------------------------------------


class _Known:
    """The units of the database by catalogue key, and the levels of their ids."""

    def __init__(self, session: Session) -> None:
        self.units: dict[UnitKey, m.Locality] = {}
        self.levels: dict[uuid.UUID, str] = {}
        self.taken: set[uuid.UUID] = set()
        for unit in session.scalars(select(m.Locality)):
            self.taken.add(unit.id)
            if unit.deleted_at is None:
                self.units.setdefault((unit.level, unit.code, unit.valid_to is None), unit)
                self.levels[unit.id] = unit.level
        self.links = set(
            session.execute(
                select(m.LocalitySuccession.predecessor_id, m.LocalitySuccession.successor_id)
            ).all()
        )

    def misplaced(self, unit: CatalogueUnit, found: m.Locality) -> bool:
        """An old unit under a parent of another level than its real one (a list without
        districts placed old communes under today's province)."""
        return (
            unit.parent is not None
            and found.valid_to is not None
            and self.levels.get(found.parent_id) != unit.parent[0]
        )

    def linked(self, link: CatalogueLink) -> bool:
        old, new = self.units.get(link.old), self.units.get(link.new)
        if old is None or new is None:
            return False
        return old.id == new.id or (old.id, new.id) in self.links


def what_is_missing(session: Session, catalogue: UnitCatalogue) -> CatalogueCounts:
    """What ``write_catalogue`` would add and correct, without writing anything."""
    known = _Known(session)
    counts = CatalogueCounts()
    for unit in catalogue.units:
        found = known.units.get(unit.key)
        if found is None:
            _count(counts, unit)
        elif known.misplaced(unit, found):
            counts.parents_corrected += 1
    counts.successions = sum(not known.linked(link) for link in catalogue.links)
    return counts


def write_catalogue(
    session: Session, actor: Actor, catalogue: UnitCatalogue, source: str
) -> CatalogueCounts:
    """Add what is missing of ``catalogue``; keep what is known, except an old unit placed
    under a guessed parent of another level (an imported list without districts put old
    communes under today's province) when the catalogue names its real one."""
    known = _Known(session)
    counts = CatalogueCounts()
    misplaced: list[tuple[m.Locality, UnitKey]] = []
    for unit in catalogue.units:
        found = known.units.get(unit.key)
        if found is None:
            parent = known.units.get(unit.parent) if unit.parent else None
            made = official_unit_id(*unit.key)
            created = m.Locality(
                id=made if made not in known.taken else uuid.uuid4(),
                code=unit.code,
                name=unit.name,
                level=unit.level,
                parent_id=parent.id if parent is not None else None,
                valid_from=unit.valid_from,
                valid_to=unit.valid_to,
            )
            session.add(created)
            known.units[unit.key] = created
            known.levels[created.id] = unit.level
            _count(counts, unit)
        elif known.misplaced(unit, found):
            misplaced.append((found, unit.parent))
    session.flush()  # the new districts exist before an old commune moves under one
    for found, parent in misplaced:
        before = snapshot(found)
        found.parent_id = known.units[parent].id
        record_event(session, actor, "update", found, before)
        counts.parents_corrected += 1
    for link in catalogue.links:
        if known.linked(link):
            continue
        old, new = known.units[link.old], known.units[link.new]
        session.add(
            m.LocalitySuccession(
                predecessor_id=old.id,
                successor_id=new.id,
                kind=link.kind,
                effective_date=REORGANISATION,
                source=source,
            )
        )
        known.links.add((old.id, new.id))
        counts.successions += 1
    return counts


def _count(counts: CatalogueCounts, unit: CatalogueUnit) -> None:
    if unit.valid_to is not None:
        counts.former_units += 1
    elif unit.level == "province":
        counts.provinces += 1
    elif unit.level == "commune":
        counts.communes += 1


def package_release() -> str:
    return f"{PACKAGE} {package_version()}"


def official_source() -> str:
    return f"Danh mục đơn vị hành chính chính thức ({package_release()})"


def install_on_first_start(engine: Engine, actor: Actor) -> CatalogueCounts:
    """An empty database's catalogue, as the system sets it up (no import to record)."""
    with session_scope(engine) as session:
        counts = write_catalogue(session, actor, official_catalogue(), official_source())
        bump_data_version(session)
    return counts


def holds_only_the_official_catalogue(session: Session) -> bool:
    """What a first start put there and nothing else: no account, campaign or import, and
    every unit one of the catalogue's with the id it was given."""
    for model in (m.User, m.Campaign, m.ImportedFile):
        if session.scalar(select(func.count()).select_from(model)):
            return False
    official = {official_unit_id(*u.key) for u in official_catalogue().units}
    return all(i in official for i in session.scalars(select(m.Locality.id)))


def clear_catalogue(session: Session) -> None:
    """Before a laptop takes its server's catalogue (the same ids: nothing is lost)."""
    session.execute(delete(m.LocalitySuccession))
    session.execute(delete(m.Locality))
    bump_data_version(session, figures=True)  # bulk deletes are not seen by the flush


@dataclass(frozen=True)
class OfficialStatus:
    """The built-in catalogue beside this database: what it holds, what is missing here."""

    package: str  # name and version, as pinned
    catalogue: CatalogueCounts
    missing: CatalogueCounts

    @property
    def complete(self) -> bool:
        gap = self.missing
        return (
            not (gap.provinces + gap.communes + gap.former_units + gap.successions)
            and not gap.parents_corrected
        )


def official_status(engine: Engine) -> OfficialStatus:
    catalogue = official_catalogue()
    with session_scope(engine, read_only=True) as session:
        missing = what_is_missing(session, catalogue)
    return OfficialStatus(package_release(), catalogue.counts(), missing)
