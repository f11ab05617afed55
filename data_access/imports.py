"""Imports: localities' periodic figures from a filled template, and the locality
catalogue from the official list of administrative units.

Each import is previewed first, then written in one transaction (all or nothing) and
remembered by the file's SHA-256, so the same file is recognised if it comes twice.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from data_access import config
from data_access import models as m
from data_access.audit import record_event, snapshot
from data_access.db import fetch_records, session_scope
from data_access.errors import InvalidInput, WriteRefused
from data_access.flows import recorded_flows
from data_access.official_catalogue import (
    CatalogueCounts,
    CatalogueLink,
    CatalogueUnit,
    UnitCatalogue,
    UnitKey,
    continuing_province,
    current_unit,
    former_unit,
    official_catalogue,
    official_source,
    write_catalogue,
)
from data_access.writes import require, write_scope
from domain.flows import FlowDecision, FlowOverlap, decide_flow
from domain.imports import (
    WORK_FIELDS,
    ParsedReport,
    ParsedWorks,
    TemplateIndicator,
    TemplateSpec,
)
from domain.permissions import Actor, is_admin


def file_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class PreviousImport:
    file_name: str
    imported_by: str | None
    imported_at: datetime


class AlreadyImported(WriteRefused):
    code = "already_imported"

    def __init__(self, previous: PreviousImport) -> None:
        super().__init__(previous.file_name)
        self.previous = previous


def find_import(engine: Engine, sha256: str) -> PreviousImport | None:
    with session_scope(engine, read_only=True) as session:
        found = session.scalar(select(m.ImportedFile).where(m.ImportedFile.sha256 == sha256))
        return (
            PreviousImport(found.file_name, found.imported_by, found.created_at) if found else None
        )


@dataclass(frozen=True)
class ImportRecord:
    created_at: datetime
    file_name: str
    kind: str
    imported_by: str | None
    row_count: int
    sha256: str


def import_history(engine: Engine) -> tuple[ImportRecord, ...]:
    query = select(
        m.ImportedFile.created_at,
        m.ImportedFile.file_name,
        m.ImportedFile.kind,
        m.ImportedFile.imported_by,
        m.ImportedFile.row_count,
        m.ImportedFile.sha256,
    ).order_by(m.ImportedFile.created_at.desc())
    with session_scope(engine, read_only=True) as session:
        return fetch_records(session, query, ImportRecord)


# --- periodic figures ----------------------------------------------------------------------


@dataclass
class FigureChange:
    locality_code: str
    indicator: str
    old: float | None
    new: float


@dataclass
class ImportPreview:
    added: list[FigureChange] = field(default_factory=list)
    changed: list[FigureChange] = field(default_factory=list)
    unchanged: list[FigureChange] = field(default_factory=list)
    # Flows whose period overlaps another of the unit's (domain/flows.py): refused, or
    # kept as check figures where they restate the periods already recorded.
    refused: list[tuple[FigureChange, FlowOverlap]] = field(default_factory=list)
    checks: list[tuple[FigureChange, FlowDecision]] = field(default_factory=list)


def _current_units(session: Session, codes: set[str]) -> dict[str, uuid.UUID]:
    """Code -> the unit that exists today (old and new units may share a code)."""
    rows = session.execute(
        select(m.Locality.code, m.Locality.id, m.Locality.valid_to).where(
            m.Locality.code.in_(codes), m.Locality.deleted_at.is_(None)
        )
    ).all()
    chosen: dict[str, tuple[uuid.UUID, Any]] = {}
    for code, unit_id, valid_to in rows:
        key = (valid_to is None, valid_to or date.min)
        if code not in chosen or key > chosen[code][1]:
            chosen[code] = (unit_id, key)
    return {code: unit_id for code, (unit_id, _) in chosen.items()}


def _existing(
    session: Session, report: ParsedReport, campaign_id: uuid.UUID, units: dict[str, uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], m.IndicatorValue]:
    values = session.scalars(
        select(m.IndicatorValue).where(
            m.IndicatorValue.campaign_id == campaign_id,
            m.IndicatorValue.period_start == report.period_start,
            m.IndicatorValue.period_end == report.period_end,
            m.IndicatorValue.locality_id.in_(list(units.values())),
            m.IndicatorValue.deleted_at.is_(None),
            m.IndicatorValue.is_illustrative.is_(False),
        )
    )
    return {(v.locality_id, v.indicator_id): v for v in values}


def _context(session: Session, report: ParsedReport):
    campaign = session.scalar(select(m.Campaign).where(m.Campaign.code == report.campaign_code))
    if campaign is None:
        raise InvalidInput(["unknown_campaign"])
    indicators = {
        i.code: i
        for i in session.scalars(
            select(m.Indicator).where(m.Indicator.code.in_(report.indicator_codes))
        )
    }
    units = _current_units(session, {row.code for row in report.rows})
    return campaign, indicators, units


def _flow_decisions(
    session: Session,
    report: ParsedReport,
    campaign_id: uuid.UUID,
    indicators: dict[str, m.Indicator],
    units: dict[str, uuid.UUID],
) -> dict[tuple[str, str], FlowDecision]:
    """(locality code, indicator code) -> what the overlap rule makes of each flow."""
    flows = {code: i for code, i in indicators.items() if i.kind == "raw" and i.time_rule == "sum"}
    recorded = recorded_flows(
        session,
        campaign_id,
        units.values(),
        [i.id for i in flows.values()],
        report.period_start,
        report.period_end,
    )
    return {
        (row.code, code): decide_flow(
            code,
            report.period_start,
            report.period_end,
            recorded.get((units[row.code], flows[code].id), []),
        )
        for row in report.rows
        for code in row.values
        if code in flows
    }


def preview_report_import(engine: Engine, report: ParsedReport) -> ImportPreview:
    preview = ImportPreview()
    with session_scope(engine, read_only=True) as session:
        campaign, indicators, units = _context(session, report)
        existing = _existing(session, report, campaign.id, units)
        decisions = _flow_decisions(session, report, campaign.id, indicators, units)
        for row in report.rows:
            for code, value in row.values.items():
                current = existing.get((units[row.code], indicators[code].id))
                change = FigureChange(row.code, code, current.value if current else None, value)
                decision = decisions.get((row.code, code))
                if decision is not None and decision.refused is not None:
                    preview.refused.append((change, decision.refused))
                    continue
                if decision is not None and decision.is_check:
                    preview.checks.append((change, decision))
                if current is None:
                    preview.added.append(change)
                elif current.value != value:
                    preview.changed.append(change)
                else:
                    preview.unchanged.append(change)
    return preview


def _start_import(
    session: Session, actor: Actor, content: bytes, file_name: str, kind: str
) -> m.ImportedFile:
    """What every import begins with: an administrator, a file not seen before, and the
    record of the import (its SHA-256 recognises the same file next time)."""
    require(is_admin(actor), "import")
    digest = file_digest(content)
    previous = session.scalar(select(m.ImportedFile).where(m.ImportedFile.sha256 == digest))
    if previous is not None:
        raise AlreadyImported(
            PreviousImport(previous.file_name, previous.imported_by, previous.created_at)
        )
    imported = m.ImportedFile(
        sha256=digest, file_name=file_name[:255], kind=kind, imported_by=actor.label
    )
    session.add(imported)
    record_event(session, actor, "import", imported, None)
    return imported


@contextmanager
def _importing(
    engine: Engine,
    actor: Actor,
    parsed: ParsedReport | ParsedWorks,
    file_name: str,
    content: bytes,
    kind: str,
) -> Iterator[tuple[Session, m.ImportedFile, str]]:
    """One transaction for a whole checked file: the session, the import's record, and the
    source the file's records name."""
    if not parsed.ok:
        raise InvalidInput(["file_has_problems"])
    with write_scope(engine, actor) as session:
        imported = _start_import(session, actor, content, file_name, kind)
        imported.row_count = len(parsed.rows)
        yield session, imported, f"Tệp nhập “{file_name}” ngày {config.today():%d/%m/%Y}"


def apply_report_import(
    engine: Engine, actor: Actor, report: ParsedReport, file_name: str, content: bytes
) -> uuid.UUID:
    """Write every figure of the file, or none; returns the import's id."""
    with _importing(engine, actor, report, file_name, content, "report") as (
        session,
        imported,
        source,
    ):
        campaign, indicators, units = _context(session, report)
        existing = _existing(session, report, campaign.id, units)
        decisions = _flow_decisions(session, report, campaign.id, indicators, units)
        refused = [d.refused for d in decisions.values() if d.refused is not None]
        if refused:
            raise InvalidInput(refused)
        for row in report.rows:
            for code, value in row.values.items():
                indicator = indicators[code]
                current = existing.get((units[row.code], indicator.id))
                decision = decisions.get((row.code, code))
                is_check = decision is not None and decision.is_check
                if current is None:
                    session.add(
                        m.IndicatorValue(
                            campaign_id=campaign.id,
                            locality_id=units[row.code],
                            indicator_id=indicator.id,
                            period_start=report.period_start,
                            period_end=report.period_end,
                            period_label=report.period_label or None,
                            value=value,
                            source=source,
                            source_file_id=imported.id,
                            is_illustrative=False,
                            is_check=is_check,
                        )
                    )
                elif current.value != value or current.is_check != is_check:
                    before = snapshot(current)
                    current.value = value
                    current.is_check = is_check
                    current.source = source
                    current.source_file_id = imported.id
                    record_event(session, actor, "import_update", current, before)
        return imported.id


# --- the locality catalogue ----------------------------------------------------------------


def _catalogue_rows(data: Any) -> list[dict[str, Any]]:
    """The ``merges.json`` shape: {"data": [province, …]}, each with level2s."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise InvalidInput(["catalogue_format"])
    provinces = data["data"]
    for province in provinces:
        if not isinstance(province, dict) or not {"level1_id", "name"} <= set(province):
            raise InvalidInput(["catalogue_format"])
    return provinces


def catalogue_from_merges(data: Any) -> UnitCatalogue:
    """A ``merges.json`` file as a catalogue. It lists no district, so an old commune's own
    province is known only when one province came into today's; otherwise the commune is
    placed under today's province, what it became part of (decision 16)."""
    units: dict[UnitKey, CatalogueUnit] = {}
    links: dict[tuple[UnitKey, UnitKey], str] = {}
    for row in _catalogue_rows(data):
        olds = row.get("merges", [])
        code, name = row["level1_id"], row["name"]
        if any(_continues(row, old) for old in olds):
            province = continuing_province(code, name)
        else:
            province = current_unit("province", code, name, None)
        units.setdefault(province.key, province)
        predecessors = []
        for old in olds:
            if _continues(row, old):
                predecessors.append(province.key)
                continue
            former = former_unit("province", old["old_id"], old["name"], None)
            units.setdefault(former.key, former)
            links.setdefault((former.key, province.key), old.get("type", "full"))
            predecessors.append(former.key)
        old_parent = predecessors[0] if len(predecessors) == 1 else province.key
        for commune in row.get("level2s", []):
            new = current_unit("commune", commune["level2_id"], commune["name"], province.key)
            units.setdefault(new.key, new)
            for old in commune.get("merges", []):
                former = former_unit("commune", old["old_id"], old["name"], old_parent)
                units.setdefault(former.key, former)
                links.setdefault((former.key, new.key), old.get("type", "partial"))
    return UnitCatalogue(
        tuple(units.values()),
        tuple(CatalogueLink(old, new, kind) for (old, new), kind in links.items()),
    )


def preview_catalogue(data: Any) -> CatalogueCounts:
    return catalogue_from_merges(data).counts()


def _continues(province: dict[str, Any], old: dict[str, Any]) -> bool:
    """Hà Nội into Hà Nội: the same province goes on, with the same code and name."""
    return old["old_id"] == province["level1_id"] and old["name"] == province["name"]


def import_catalogue(
    engine: Engine, actor: Actor, data: Any, file_name: str, content: bytes
) -> CatalogueCounts:
    """Create what is missing: today's provinces and communes (from 1/7/2025), the former
    units named as merged into them (until 30/6/2025), and the succession links. Units
    already in the catalogue are kept as they are, so importing twice adds nothing."""
    catalogue = catalogue_from_merges(data)
    with write_scope(engine, actor) as session:
        imported = _start_import(session, actor, content, file_name, "catalogue")
        counts = write_catalogue(
            session, actor, catalogue, f"Danh mục đơn vị hành chính nhập từ “{file_name}”"
        )
        imported.row_count = counts.provinces + counts.communes
    return counts


def install_official_catalogue(engine: Engine, actor: Actor) -> CatalogueCounts:
    """The catalogue built into the tool, from the admin screen: what is missing is added,
    old communes placed under a guessed parent go under their real district; recorded as
    an import of the package's version (once per version)."""
    catalogue = official_catalogue()
    with write_scope(engine, actor) as session:
        source = official_source()
        # Each update is an event of its own: the same version may be needed again once
        # units have been removed or misplaced by hand.
        stamp = f"{source}\n{datetime.now(UTC).isoformat()}".encode()
        imported = _start_import(session, actor, stamp, source, "catalogue")
        counts = write_catalogue(session, actor, catalogue, source)
        imported.row_count = counts.provinces + counts.communes + counts.former_units
    return counts


# --- what the template and the reader need from the database ----------------------------


@dataclass(frozen=True)
class ReportContext:
    known_codes: set[str]
    headers: dict[str, str]  # indicator code -> its column header
    units: dict[str, str]
    campaign_codes: frozenset[str] = frozenset()


def template_spec(
    engine: Engine, campaign_id: uuid.UUID, start: date, end: date, label: str
) -> TemplateSpec:
    """The campaign's raw indicators as template columns (rates are computed, not typed)."""
    with session_scope(engine, read_only=True) as session:
        campaign = session.get_one(m.Campaign, campaign_id)
        indicators = session.execute(
            select(m.Indicator.code, m.Indicator.name_vi, m.Indicator.unit_vi)
            .join(m.CampaignIndicator, m.CampaignIndicator.indicator_id == m.Indicator.id)
            .where(m.CampaignIndicator.campaign_id == campaign_id, m.Indicator.kind == "raw")
            .order_by(m.CampaignIndicator.sort_order)
        ).all()
    return TemplateSpec(
        campaign_code=campaign.code,
        campaign_name=campaign.name,
        period_start=start,
        period_end=end,
        period_label=label,
        indicators=[TemplateIndicator(code, name, unit) for code, name, unit in indicators],
    )


def report_context(engine: Engine) -> ReportContext:
    """Every locality code and indicator: what a filled template is checked against."""
    with session_scope(engine, read_only=True) as session:
        codes = set(session.scalars(select(m.Locality.code).where(m.Locality.deleted_at.is_(None))))
        campaigns = frozenset(
            session.scalars(select(m.Campaign.code).where(m.Campaign.deleted_at.is_(None)))
        )
        indicators = session.execute(
            select(m.Indicator.code, m.Indicator.name_vi, m.Indicator.unit_vi).where(
                m.Indicator.deleted_at.is_(None)
            )
        ).all()
    return ReportContext(
        known_codes=codes,
        headers={c: TemplateIndicator(c, n, u).header for c, n, u in indicators},
        units={c: u for c, _, u in indicators},
        campaign_codes=campaigns,
    )


# --- works lists ---------------------------------------------------------------------------


@dataclass
class WorksPreview:
    added: list[str] = field(default_factory=list)  # "code · name"
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _works_context(session: Session, parsed: ParsedWorks):
    campaign = session.scalar(select(m.Campaign).where(m.Campaign.code == parsed.campaign_code))
    if campaign is None:
        raise InvalidInput(["unknown_campaign"])
    units = _current_units(session, {row.locality_code for row in parsed.rows})
    existing = {
        (w.locality_id, w.name.strip().lower()): w
        for w in session.scalars(
            select(m.Work).where(
                m.Work.locality_id.in_(list(units.values())), m.Work.deleted_at.is_(None)
            )
        )
    }
    return campaign, units, existing


def _work_changes(row, current: m.Work | None) -> dict[str, Any]:
    """A new work takes every field; a known one only the cells that were filled in."""
    if current is None:
        return {name: getattr(row, name) for name in WORK_FIELDS}
    return {
        name: getattr(row, name)
        for name in WORK_FIELDS
        if name in row.provided and getattr(current, name) != getattr(row, name)
    }


def preview_works_import(engine: Engine, parsed: ParsedWorks) -> WorksPreview:
    preview = WorksPreview()
    with session_scope(engine, read_only=True) as session:
        _, units, existing = _works_context(session, parsed)
        for row in parsed.rows:
            current = existing.get((units[row.locality_code], row.name.lower()))
            label = f"{row.locality_code} · {row.name}"
            if current is None:
                preview.added.append(label)
            elif _work_changes(row, current):
                preview.changed.append(label)
            else:
                preview.unchanged.append(label)
    return preview


def apply_works_import(
    engine: Engine, actor: Actor, parsed: ParsedWorks, file_name: str, content: bytes
) -> uuid.UUID:
    """Add the new works and update the known ones (matched by unit and name), or nothing."""
    with _importing(engine, actor, parsed, file_name, content, "works") as (
        session,
        imported,
        source,
    ):
        campaign, units, existing = _works_context(session, parsed)
        for row in parsed.rows:
            current = existing.get((units[row.locality_code], row.name.lower()))
            changes = _work_changes(row, current)
            if current is None:
                work = m.Work(
                    locality_id=units[row.locality_code],
                    campaign_id=campaign.id,
                    name=row.name,
                    source=source,
                    is_illustrative=False,
                    **changes,
                )
                session.add(work)
                record_event(session, actor, "import", work, None)
            elif changes:
                before = snapshot(current)
                for key, value in changes.items():
                    setattr(current, key, value)
                current.source = source
                current.is_illustrative = False
                record_event(session, actor, "import_update", current, before)
        return imported.id


def works_of_area(engine: Engine, locality_ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """The works already recorded in an area, as the template shows them."""
    columns = [getattr(m.Work, name) for name in ("name", *WORK_FIELDS)]
    with session_scope(engine, read_only=True) as session:
        result = session.execute(
            select(m.Locality.code.label("locality_code"), *columns)
            .join(m.Locality, m.Locality.id == m.Work.locality_id)
            .where(m.Work.locality_id.in_(locality_ids), m.Work.deleted_at.is_(None))
            .order_by(m.Locality.code, m.Work.name)
        )
        return [dict(row) for row in result.mappings()]
