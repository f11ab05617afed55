"""Visit rules: what may be edited, sign-off and reopening."""

from __future__ import annotations

from collections.abc import Iterable

from domain.vocabulary import EDITABLE_VISIT_STATUSES

# An Excel cell holds 32,767 characters: every text of a visit must reach the minutes
# whole, so longer text is refused when typed (and kept as a draft), never cut later.
MAX_TEXT_LENGTH = 32_000


def fits_a_cell(texts: Iterable[object]) -> bool:
    return all(len(text) <= MAX_TEXT_LENGTH for text in texts if isinstance(text, str))


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
