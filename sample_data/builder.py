"""A small builder that gives every sample record a stable id from its natural key, so
that loading the sample twice adds nothing the second time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from data_access import models as m
from data_access.official_catalogue import official_unit_id
from domain.localities import LAST_DAY_BEFORE_REORGANISATION, REORGANISATION

SAMPLE_NAMESPACE = uuid.UUID("6f1d3c52-3a7e-4f43-9d5e-2b8f0e9a7c11")


def stable_id(*key: object) -> uuid.UUID:
    return uuid.uuid5(SAMPLE_NAMESPACE, "/".join(str(k) for k in key))


@dataclass
class SampleBuilder:
    records: list[m.Base] = field(default_factory=list)
    localities: dict[str, uuid.UUID] = field(default_factory=dict)
    indicators: dict[str, uuid.UUID] = field(default_factory=dict)
    campaigns: dict[str, uuid.UUID] = field(default_factory=dict)

    @staticmethod
    def add_key(model: type[m.Base], key: tuple[object, ...]) -> uuid.UUID:
        """The id a record added with this key has (or will have)."""
        return stable_id(model.__tablename__, *key)

    def add(self, model: type[m.Base], key: tuple[object, ...], **fields: Any) -> uuid.UUID:
        record_id = stable_id(model.__tablename__, *key)
        self.records.append(model(id=record_id, **fields))
        return record_id

    # --- catalogue -------------------------------------------------------------------

    def locality(
        self,
        key: str,
        code: str,
        name: str,
        level: str,
        parent: str | None = None,
        *,
        old: bool = False,
        new: bool = False,
        note: str | None = None,
    ) -> uuid.UUID:
        """``old``: abolished at the 2025 reorganisation; ``new``: created by it."""
        # The id the official catalogue gives the unit: the sample and the built-in
        # catalogue name each unit once, and a laptop agrees with its server.
        unit_id = official_unit_id(level, code, not old)
        self.records.append(
            m.Locality(
                id=unit_id,
                code=code,
                name=name,
                level=level,
                parent_id=self.localities[parent] if parent else None,
                valid_from=REORGANISATION if new else None,
                valid_to=LAST_DAY_BEFORE_REORGANISATION if old else None,
                note=note,
            )
        )
        self.localities[key] = unit_id
        return self.localities[key]

    def succession(self, old: str, new: str, kind: str, source: str) -> None:
        self.add(
            m.LocalitySuccession,
            (old, new),
            predecessor_id=self.localities[old],
            successor_id=self.localities[new],
            kind=kind,
            effective_date=REORGANISATION,
            source=source,
        )

    def indicator(self, code: str, **fields: Any) -> uuid.UUID:
        for side in ("numerator", "denominator"):
            if side in fields:
                fields[f"{side}_id"] = self.indicators[fields.pop(side)]
        self.indicators[code] = self.add(m.Indicator, (code,), code=code, **fields)
        return self.indicators[code]

    def campaign(self, code: str, indicators: list[str], **fields: Any) -> uuid.UUID:
        if "launched_by" in fields:
            fields["launched_by_id"] = self.localities[fields.pop("launched_by")]
        campaign_id = self.add(m.Campaign, (code,), code=code, **fields)
        self.campaigns[code] = campaign_id
        for order, indicator in enumerate(indicators):
            self.add(
                m.CampaignIndicator,
                (code, indicator),
                campaign_id=campaign_id,
                indicator_id=self.indicators[indicator],
                sort_order=order,
            )
        return campaign_id

    # --- figures -----------------------------------------------------------------------

    def value(
        self,
        campaign: str,
        locality: str,
        indicator: str,
        start: date,
        end: date,
        value: float,
        label: str,
        *,
        source: str,
        illustrative: bool,
        reported_at: uuid.UUID | None = None,  # the visit where the locality reported it
    ) -> None:
        self.add(
            m.IndicatorValue,
            (campaign, locality, indicator, start, end),
            campaign_id=self.campaigns[campaign],
            locality_id=self.localities[locality],
            indicator_id=self.indicators[indicator],
            period_start=start,
            period_end=end,
            period_label=label,
            value=value,
            source=source,
            is_illustrative=illustrative,
            source_visit_id=reported_at,
        )

    def implementation_id(self, campaign: str, locality: str) -> uuid.UUID:
        return stable_id(m.Implementation.__tablename__, campaign, locality)

    def implementation(
        self,
        campaign: str,
        locality: str,
        *,
        plan_document: str | None,
        plan_date: date | None,
        source: str,
        illustrative: bool = False,
        note: str | None = None,
    ) -> uuid.UUID:
        return self.add(
            m.Implementation,
            (campaign, locality),
            campaign_id=self.campaigns[campaign],
            locality_id=self.localities[locality],
            plan_document=plan_document,
            plan_date=plan_date,
            source=source,
            is_illustrative=illustrative,
            note=note,
        )

    def milestone(
        self,
        implementation_id: uuid.UUID,
        kind: str,
        label: str,
        *,
        due: date | None = None,
        done: date | None = None,
        is_done: bool = False,
        source: str,
        illustrative: bool = False,
    ) -> None:
        self.add(
            m.Milestone,
            (implementation_id, kind, label),
            implementation_id=implementation_id,
            kind=kind,
            label=label,
            due_date=due,
            done_date=done,
            is_done=is_done or done is not None,
            source=source,
            is_illustrative=illustrative,
        )
