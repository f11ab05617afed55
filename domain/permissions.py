"""Who may do what. Pure rules: the data layer enforces them on every write, the screens
use the same rules only to hide what a user cannot do.

- viewer (leadership): reads dashboards, profiles and exports; changes nothing.
- inspector: creates and edits visits of the delegations they belong to, within their
  localities; the head of a delegation signs its visits off and reopens them; follows up
  recommendations within their localities.
- admin: everything, including accounts, imports, the audit log and backups.

A user may be limited to some localities (and what lies below them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID


@dataclass(frozen=True)
class Actor:
    username: str
    full_name: str
    role: str
    user_id: UUID | None = None
    scope: frozenset[UUID] | None = None  # None: every locality
    delegations: frozenset[UUID] = field(default_factory=frozenset)
    heads: frozenset[UUID] = field(default_factory=frozenset)  # delegations this user heads
    must_change_password: bool = False

    @property
    def label(self) -> str:
        """How the user appears in histories and the audit log."""
        return f"{self.full_name} ({self.username})"

    def sees(self, locality_id: UUID | None) -> bool:
        return self.scope is None or locality_id in self.scope


def is_admin(actor: Actor) -> bool:
    return actor.role == "admin"


def can_write(actor: Actor) -> bool:
    return actor.role in ("inspector", "admin")


def can_create_visit(actor: Actor, locality_id: UUID, delegation_id: UUID | None) -> bool:
    """An inspector records for a delegation they belong to, or starts a new one."""
    if delegation_id is None:
        return is_admin(actor) or (actor.role == "inspector" and actor.sees(locality_id))
    return can_edit_visit(actor, locality_id, delegation_id)


def can_edit_visit(actor: Actor, locality_id: UUID, delegation_id: UUID | None) -> bool:
    """An inspector of the visit's delegation who sees its unit (no delegation: none)."""
    return is_admin(actor) or (
        actor.role == "inspector" and actor.sees(locality_id) and delegation_id in actor.delegations
    )


def can_sign_off(actor: Actor, locality_id: UUID, delegation_id: UUID | None) -> bool:
    if is_admin(actor):
        return True
    return can_edit_visit(actor, locality_id, delegation_id) and delegation_id in actor.heads


def can_edit_round(actor: Actor, delegation_id: UUID) -> bool:
    """A round's plan and its report draft: the members of its delegation."""
    return is_admin(actor) or (actor.role == "inspector" and delegation_id in actor.delegations)


def can_finalise_round(actor: Actor, delegation_id: UUID) -> bool:
    """The round's report is the head's to finalise (and to reopen)."""
    return is_admin(actor) or (
        can_edit_round(actor, delegation_id) and delegation_id in actor.heads
    )


def can_follow_up(actor: Actor, locality_id: UUID) -> bool:
    """Updating a recommendation's status: the locality's progress, after the visit too."""
    return is_admin(actor) or (actor.role == "inspector" and actor.sees(locality_id))
