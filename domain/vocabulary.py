"""Every code the database stores, declared once, in the order screens and files list them.

The model's CHECK constraints are built from these tuples; screens translate each code with
the catalogue key ``<family>.<code>`` (``rstatus.open``, ``finding.cause``…); SQL filters,
rules and exports import them from here rather than spelling the codes again.
"""

from __future__ import annotations

# --- Localities ------------------------------------------------------------------------
LOCALITY_LEVELS = ("province", "district", "commune")
SUCCESSION_KINDS = ("full", "partial")  # did the whole old unit move to the new one?

# --- Campaigns, criteria, indicators, milestones, works ---------------------------------
TARGET_GROUPS = (
    "agencies",
    "front_and_mass_organisations",
    "organisations_enterprises_households",
    "individuals",
)
CRITERION_AREAS = ("infrastructure", "thrift", "general")
INDICATOR_KINDS = ("raw", "ratio")
# How values combine over time: flows add up, cumulative or as-of figures take the latest.
TIME_RULES = ("sum", "latest")
MILESTONE_KINDS = ("plan_issued", "launched", "periodic_report", "interim_review", "final_review")
WORK_STATUSES = ("unknown", "planned", "in_progress", "completed", "suspended")

# --- Delegations and visits -------------------------------------------------------------
MEMBER_ROLES = ("head", "deputy", "member", "secretary")
VISIT_STATUSES = ("draft", "signed_off", "locked")
EDITABLE_VISIT_STATUSES = frozenset({"draft"})
ATTENDEE_SIDES = ("delegation", "locality")
RATINGS = ("good", "pass", "fail", "not_rated")
FINDING_KINDS = ("achievement", "shortcoming", "difficulty", "cause")

# --- Supervision rounds (đợt giám sát) --------------------------------------------------
# The consolidated report's sections, in the order "Báo cáo kết quả giám sát" has them.
REPORT_SECTIONS = ("results", "shortcomings", "difficulties", "proposals")
REPORT_STATUSES = ("draft", "final")
ROUND_PROGRESS = ("visited", "scheduled", "overdue")  # of each locality of a round

# --- Recommendations --------------------------------------------------------------------
RECOMMENDATION_DIRECTIONS = ("to_locality", "to_higher_level", "from_locality")
RECOMMENDATION_STATUSES = ("open", "in_progress", "done", "not_accepted", "cancelled")
OPEN_RECOMMENDATION_STATUSES = ("open", "in_progress")  # still to be carried out
PRIORITIES = ("high", "normal", "low")
DEFAULT_PRIORITY = "normal"

# --- Accounts ---------------------------------------------------------------------------
USER_ROLES = ("viewer", "inspector", "admin")


def check_clause(column: str, codes: tuple[str, ...]) -> str:
    """``level in ('province','district','commune')``: the text of a CHECK constraint."""
    return f"{column} in (" + ",".join(f"'{code}'" for code in codes) + ")"
