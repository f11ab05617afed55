"""How two copies of a record become one: the rules of field sync, without a database.

A laptop and the shared server each hold a copy of the visits it took out. At a sync each
record is merged field by field against the copy both sides last agreed on (the *base*):
a field changed on one side only takes that side's value; a field changed on both sides
to different values is a conflict, and both values are kept. Nothing is decided by clock
or by who syncs first, so the same edits give the same result in any order.

Values are JSON-safe (text, numbers, ISO dates, UUIDs as text): what the package carries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.recommendations import can_change_status

Fields = Mapping[str, Any]

# Bookkeeping of each copy, never merged: the id is the record, the version and the
# timestamps are each database's own (the merged record gets a new version).
NOT_MERGED = frozenset({"id", "created_at", "updated_at", "version"})
# A soft delete is the field ``deleted_at`` being set; against an edit it is a conflict.
DELETED = "deleted_at"


@dataclass(frozen=True)
class FieldConflict:
    """Both sides changed ``field`` since the base, to different values."""

    field: str
    base: Any
    kept: Any  # the value the record holds until someone resolves the conflict
    other: Any  # the value of the other side, kept beside it


@dataclass(frozen=True)
class Merged:
    values: dict[str, Any]  # the record as it is after the merge (the kept side on conflicts)
    conflicts: tuple[FieldConflict, ...]


def changed_fields(base: Fields | None, current: Fields) -> set[str]:
    """The fields ``current`` changed since ``base`` (all of them for a new record)."""
    names = set(current) - NOT_MERGED
    if base is None:
        return names
    return {name for name in names if current.get(name) != base.get(name)}


def merge_record(
    base: Fields | None, mine: Fields, theirs: Fields, *, derived: Iterable[str] = ()
) -> Merged:
    """Merge ``theirs`` (arriving) into ``mine`` (held here), against ``base``.

    On a conflict the record keeps ``mine``: the receiving side holds the truth until a
    person chooses. ``derived`` fields are left as ``mine``: computed afterwards from
    merged history (a recommendation's status). A delete on one side against an edit of
    any other field on the other is a conflict on ``deleted_at``; the record stays alive
    until someone resolves it, so the edit is not hidden.
    """
    skip = NOT_MERGED | set(derived)
    names = (set(mine) | set(theirs)) - skip
    values = {name: mine.get(name) for name in names}
    conflicts = []
    mine_changed = changed_fields(base, mine) - skip
    theirs_changed = changed_fields(base, theirs) - skip
    for name in sorted(names):
        ours, other = mine.get(name), theirs.get(name)
        if ours == other:
            continue
        if name in theirs_changed and name not in mine_changed:
            values[name] = other
        elif name in theirs_changed:
            conflicts.append(FieldConflict(name, _get(base, name), ours, other))
    # A delete against an edit: whichever side deleted, the record stays alive, listed.
    deleted_here = DELETED in mine_changed and mine.get(DELETED) is not None
    deleted_there = DELETED in theirs_changed and theirs.get(DELETED) is not None
    edits_here = mine_changed - {DELETED}
    edits_there = theirs_changed - {DELETED}
    if base is not None and (
        (deleted_here and not deleted_there and edits_there)
        or (deleted_there and not deleted_here and edits_here)
    ):
        values[DELETED] = None
        conflicts = [c for c in conflicts if c.field != DELETED]
        deleted_at = mine.get(DELETED) if deleted_here else theirs.get(DELETED)
        # Kept: alive (None); the other value is the delete, which a person may confirm.
        conflicts.append(FieldConflict(DELETED, _get(base, DELETED), None, deleted_at))
    return Merged(values, tuple(conflicts))


def _get(base: Fields | None, name: str) -> Any:
    return None if base is None else base.get(name)


@dataclass(frozen=True)
class StatusChange:
    """One step of a recommendation's follow-up history, as both sides hold it."""

    id: str
    changed_on: str  # ISO date
    created_at: str  # ISO timestamp: orders changes of the same day
    from_status: str | None
    to_status: str


def current_status(changes: Iterable[StatusChange], initial: str = "open") -> str:
    """The status after replaying every change in date order, skipping those that are no
    longer a valid transition from where the replay stands (two people closed the same
    recommendation offline: the second "done" is kept in the history, not applied).

    ``initial`` is where the history starts when its first change does not say."""
    ordered = sorted(changes, key=lambda c: (c.changed_on, c.created_at, c.id))
    status = (ordered[0].from_status or initial) if ordered else initial
    for change in ordered:
        if change.to_status == status:
            continue
        if can_change_status(status, change.to_status):
            status = change.to_status
    return status
