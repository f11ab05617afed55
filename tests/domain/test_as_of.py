"""The as-of rules by hand (domain/as_of.py): which values count on a date, coverage."""

from datetime import date
from uuid import uuid4

from domain.as_of import (
    Coverage,
    counts_on,
    coverage_on,
    date_choices,
    is_as_of,
    is_partial_year,
    latest_within,
    row_coverage,
)
from domain.localities import LocalityTree, Unit

PROVINCE, OLD, NEW_A, NEW_B = uuid4(), uuid4(), uuid4(), uuid4()
TREE = LocalityTree.from_units(
    [
        Unit(PROVINCE, "48", "Thành phố Đà Nẵng", "province"),
        Unit(OLD, "502", "Thành phố Tam Kỳ", "district", PROVINCE, valid_to=date(2025, 6, 30)),
        Unit(NEW_A, "1", "Phường A", "commune", PROVINCE, valid_from=date(2025, 7, 1)),
        Unit(NEW_B, "2", "Phường B", "commune", PROVINCE, valid_from=date(2025, 7, 1)),
    ]
)


def test_which_figures_are_read_on_a_date():
    assert is_as_of("raw", "latest") and is_as_of("ratio", "latest") and is_as_of("ratio", "sum")
    assert not is_as_of("raw", "sum")


def test_a_value_counts_only_on_its_own_date_and_while_its_unit_exists():
    assert counts_on(TREE, NEW_A, date(2026, 9, 30), date(2026, 9, 30))
    assert not counts_on(TREE, NEW_A, date(2026, 6, 30), date(2026, 9, 30))  # older: missing
    assert counts_on(TREE, OLD, date(2025, 6, 30), date(2025, 6, 30))  # its last day
    assert not counts_on(TREE, OLD, date(2025, 9, 30), date(2025, 9, 30))  # abolished


def test_coverage_expects_only_the_units_that_exist_on_the_date():
    reporters = {OLD, NEW_A, NEW_B}
    assert coverage_on(TREE, reporters, {NEW_A}, date(2026, 9, 30)) == Coverage(1, 2)
    assert coverage_on(TREE, reporters, {OLD}, date(2025, 6, 30)) == Coverage(1, 1)


def test_date_choices_latest_first():
    dated = [
        (OLD, date(2025, 6, 30)),
        (NEW_A, date(2026, 9, 30)),
        (NEW_B, date(2026, 9, 30)),
        (NEW_A, date(2026, 10, 31)),
    ]
    choices = date_choices(TREE, {OLD, NEW_A, NEW_B}, dated)
    assert [(c.on, c.coverage) for c in choices] == [
        (date(2026, 10, 31), Coverage(1, 2)),
        (date(2026, 9, 30), Coverage(2, 2)),
        (date(2025, 6, 30), Coverage(1, 1)),
    ]


def test_rows_coverage_and_their_latest_date():
    by_row = row_coverage(TREE, [PROVINCE, OLD], {OLD, NEW_A, NEW_B}, {NEW_B}, date(2026, 9, 30))
    assert by_row == {PROVINCE: Coverage(1, 2), OLD: Coverage(0, 0)}
    latest = {OLD: date(2025, 6, 30), NEW_A: date(2026, 9, 30)}
    assert latest_within(TREE, [PROVINCE, OLD, NEW_B], latest) == {
        PROVINCE: date(2026, 9, 30),
        OLD: date(2025, 6, 30),
    }


def test_partial_years():
    assert is_partial_year(2026, date(2026, 9, 30))
    assert not is_partial_year(2025, date(2025, 12, 31))
    assert not is_partial_year(2025, None)
