"""Errors the write side raises. Each carries a ``code`` the UI turns into a message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class WriteRefused(Exception):
    code = "refused"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.code)
        self.detail = detail


class NotFound(WriteRefused):
    code = "not_found"


class VisitLocked(WriteRefused):
    """The visit is signed off: read-only until reopened with a reason; or locked, for good."""

    code = "visit_locked"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        if detail == "locked":
            self.code = "visit_locked_final"


class InvalidInput(WriteRefused):
    code = "invalid_input"

    def __init__(self, problems: list[Any]) -> None:
        super().__init__(", ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class StaleEdit(WriteRefused):
    """Someone saved the record since this user opened it. Nothing was overwritten;
    ``theirs`` is what is saved now, ``mine`` what this user tried to save."""

    theirs: dict[str, Any] = field(default_factory=dict)
    mine: dict[str, Any] = field(default_factory=dict)
    current_version: int = 0
    code: str = "stale_edit"

    def __post_init__(self) -> None:
        super().__init__("stale_edit")


class PermissionDenied(WriteRefused):
    """The user's role, delegation or localities do not allow this; it is audited."""

    code = "permission"

    def __init__(self, action: str, entity: str = "", entity_id: Any = None) -> None:
        super().__init__(action)
        self.action = action
        self.entity = entity
        self.entity_id = entity_id
