"""A flow is never counted twice (PRODUCT.md, "How numbers combine"; docs/figures.md).

Flows (works built, investment started, plans approved…) are summed over a range, so two
values of one unit and indicator whose periods overlap cannot both be recorded as such:
three quarters and then "9 tháng" would count the same works twice. A writer refuses the
overlap, or, when the new value covers wholly the periods already recorded (it restates
their sum), keeps it as a *check figure*: shown beside the sum, flagged when they differ,
never added. The exact same period is no overlap: the new value replaces the old.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any


@dataclass(frozen=True)
class RecordedFlow:
    """A flow value already recorded for the unit and indicator."""

    start: date
    end: date
    value: float
    label: str | None = None
    source: str | None = None
    id: Any = None  # the stored value, where a person may act on it

    def contains(self, other: RecordedFlow) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class FlowOverlap:
    """A refused flow value: its period overlaps ``existing`` without restating it."""

    indicator: str  # indicator code
    existing: RecordedFlow
    reason: str = "flow_overlap"


@dataclass(frozen=True)
class FlowDecision:
    """What a writer does with a new flow value: record it (``is_check`` False), keep it
    as a check figure beside ``restated`` (the values it restates), or refuse it."""

    is_check: bool = False
    restated: tuple[RecordedFlow, ...] = ()
    refused: FlowOverlap | None = None

    @property
    def restated_sum(self) -> float:
        return sum(flow.value for flow in self.restated)


def overlaps(start: date, end: date, flow: RecordedFlow) -> bool:
    """The periods share a day, and are not the very same period."""
    return flow.start <= end and start <= flow.end and (flow.start, flow.end) != (start, end)


def decide_flow(
    indicator: str, start: date, end: date, recorded: Iterable[RecordedFlow]
) -> FlowDecision:
    overlapping = sorted(
        (flow for flow in recorded if overlaps(start, end, flow)), key=lambda f: f.start
    )
    if not overlapping:
        return FlowDecision()
    outside = [flow for flow in overlapping if not (start <= flow.start and flow.end <= end)]
    if outside:
        return FlowDecision(refused=FlowOverlap(indicator, outside[0]))
    return FlowDecision(is_check=True, restated=tuple(overlapping))


@dataclass(frozen=True)
class StoredOverlap:
    """Two flow values of one unit and indicator, already stored, whose periods overlap:
    listed for a person to resolve (a database from before the writers refused them)."""

    key: Any  # whatever names the unit and indicator (campaign, locality, indicator)
    first: RecordedFlow
    second: RecordedFlow


def stored_overlaps(values: Sequence[tuple[Any, RecordedFlow]]) -> list[StoredOverlap]:
    """``values``: (key, flow) pairs, sorted by key then start. Each value is compared
    with the earlier ones of its key that are still running when it starts."""
    found = []
    for key, group in groupby(values, key=lambda pair: pair[0]):
        running: list[RecordedFlow] = []
        for _, flow in group:
            running = [earlier for earlier in running if earlier.end >= flow.start]
            found += [
                StoredOverlap(key, earlier, flow)
                for earlier in running
                if overlaps(flow.start, flow.end, earlier)
            ]
            running.append(flow)
    return found
