"""The roll-up over arrays gives what the plain rules give, on random trees: own figures
winning over their parts at every level, old provinces absorbed into new ones, units
without figures, rates reported by one locality or recomputed from many."""

import uuid
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.figures import Figure
from domain.localities import LocalityTree, Unit
from domain.overview import IndicatorDef, build_overview
from domain.rollup import own_arrays, roll_up_rows, rows_holding, tree_index

WORKS = IndicatorDef(uuid.uuid4(), "works", "raw")
PLAN = IndicatorDef(uuid.uuid4(), "plan", "raw")
DISBURSED = IndicatorDef(uuid.uuid4(), "disbursed", "raw")
RATE = IndicatorDef(uuid.uuid4(), "rate", "ratio", DISBURSED.id, PLAN.id, 100.0)
INDICATORS = [WORKS, PLAN, DISBURSED, RATE]
DAYS = [date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)]


@st.composite
def trees_and_figures(draw):
    """Provinces with districts and communes (some communes straight under a province),
    some old provinces wholly merged into another; figures on any unit."""
    units: list[Unit] = []
    provinces = [uuid.uuid4() for _ in range(draw(st.integers(1, 4)))]
    for n, province in enumerate(provinces):
        merged = n > 0 and draw(st.booleans())
        successors = ((provinces[0], "full"),) if merged else ()
        units.append(Unit(province, f"p{n}", f"Tỉnh {n}", "province", successors=successors))
        for d in range(draw(st.integers(0, 3))):
            district = uuid.uuid4()
            units.append(Unit(district, f"d{n}.{d}", f"Huyện {n}.{d}", "district", province))
            for c in range(draw(st.integers(0, 3))):
                units.append(Unit(uuid.uuid4(), f"c{n}.{d}.{c}", f"Xã {c}", "commune", district))
        for c in range(draw(st.integers(0, 2))):
            units.append(Unit(uuid.uuid4(), f"c{n}.{c}", f"Phường {c}", "commune", province))
    figures = {}
    for unit in units:
        for indicator in INDICATORS:
            if draw(st.integers(0, 2)) == 0:
                start = draw(st.sampled_from([None, date(2025, 1, 1), date(2025, 4, 1)]))
                figures[(unit.id, indicator.id)] = Figure(
                    draw(st.floats(0, 1_000, allow_nan=False)),
                    1,
                    draw(st.booleans()),
                    start,
                    draw(st.sampled_from([None, *DAYS])),
                )
    return LocalityTree.from_units(units), figures


def _arrays(tree, figures):
    index = tree_index(tree)
    keys = list(figures)
    distinct = list(dict.fromkeys(indicator for _, indicator in keys))
    return own_arrays(
        index,
        [index.position[unit] for unit, _ in keys],
        [distinct.index(indicator) for _, indicator in keys],
        distinct,
        [figures[k].value for k in keys],
        [figures[k].is_illustrative for k in keys],
        [figures[k].period_start for k in keys],
        [figures[k].period_end for k in keys],
    )


def _same(fast: Figure | None, plain: Figure | None) -> None:
    assert (fast is None) == (plain is None)
    if fast is not None:
        assert fast.value == pytest.approx(plain.value)
        assert (fast.reporting, fast.is_illustrative) == (plain.reporting, plain.is_illustrative)
        assert (fast.period_start, fast.period_end) == (plain.period_start, plain.period_end)


@settings(max_examples=120, deadline=None)
@given(trees_and_figures())
def test_the_roll_up_over_arrays_equals_the_plain_rules_below_every_parent(case):
    tree, figures = case
    arrays = _arrays(tree, figures)
    for parent in [None, *tree.units]:
        plain = build_overview(tree, parent, INDICATORS, figures)
        fast = roll_up_rows(tree, parent, INDICATORS, arrays)
        assert fast.rows == plain.rows
        assert fast.cells.keys() == plain.cells.keys()
        for key, figure in plain.cells.items():
            _same(fast.cells[key], figure)
        assert fast.totals.keys() == plain.totals.keys()
        holders = {unit for unit, _ in figures}
        below = {r for r in tree.rows_below(parent) if (tree.descendants(r) | {r}) & holders}
        assert rows_holding(tree, parent, holders) == below
        for code, figure in plain.totals.items():
            _same(fast.totals[code], figure)


def test_a_province_total_wins_over_its_communes_and_an_old_province_counts_in_the_new():
    """By hand: Đà Nẵng reports 10 works itself, so nothing below it is added (its
    communes' 3 + 4, nor the 5 of Tam Kỳ, a district of Quảng Nam, merged into it); below
    Đà Nẵng, Quảng Nam's district is a row beside its communes."""
    da_nang, quang_nam, tam_ky, hai_phong = (uuid.uuid4() for _ in range(4))
    communes = [uuid.uuid4(), uuid.uuid4()]
    tree = LocalityTree.from_units(
        [
            Unit(da_nang, "48", "Thành phố Đà Nẵng", "province"),
            Unit(quang_nam, "49", "Tỉnh Quảng Nam", "province", successors=((da_nang, "full"),)),
            Unit(tam_ky, "502", "Thành phố Tam Kỳ", "district", quang_nam),
            Unit(communes[0], "20341", "Phường Tam Kỳ", "commune", da_nang),
            Unit(communes[1], "20335", "Phường Bàn Thạch", "commune", da_nang),
            Unit(hai_phong, "31", "Thành phố Hải Phòng", "province"),
        ]
    )
    figures = {
        (da_nang, WORKS.id): Figure(10),
        (communes[0], WORKS.id): Figure(3),
        (communes[1], WORKS.id): Figure(4),
        (tam_ky, WORKS.id): Figure(5),
    }
    country = roll_up_rows(tree, None, [WORKS], _arrays(tree, figures))
    assert country.rows == [da_nang]
    assert country.value(da_nang, "works") == 10
    assert country.totals["works"].reporting == 1
    province = roll_up_rows(tree, da_nang, [WORKS], _arrays(tree, figures))
    assert {tree.units[r].name: province.value(r, "works") for r in province.rows} == {
        "Thành phố Tam Kỳ": 5,
        "Phường Tam Kỳ": 3,
        "Phường Bàn Thạch": 4,
    }
