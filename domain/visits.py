"""Visit rules: what may be edited, sign-off and reopening."""

from __future__ import annotations

from domain.vocabulary import EDITABLE_VISIT_STATUSES


def is_editable(status: str) -> bool:
    """A signed-off visit is read-only until it is reopened with a reason."""
    return status in EDITABLE_VISIT_STATUSES


def can_sign_off(status: str) -> bool:
    return status == "draft"


def can_reopen(status: str) -> bool:
    """Signed-off minutes can be reopened with a reason; locked ones never."""
    return status == "signed_off"


def can_lock(status: str) -> bool:
    """Minutes are locked once sent out officially: only signed-off ones, and for good."""
    return status == "signed_off"


def checklist_progress(ratings: list[str]) -> tuple[int, int]:
    """(rated, total): 'not rated' counts as not yet rated."""
    return sum(1 for r in ratings if r != "not_rated"), len(ratings)
