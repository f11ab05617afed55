"""The locality tree across the 2025 reorganisation, and roll-ups up the hierarchy."""

import uuid
from datetime import date

import pytest

from domain.figures import Figure
from domain.localities import LocalityTree, Unit
from domain.overview import IndicatorDef, build_overview

END = date(2025, 6, 30)
NEW = date(2025, 7, 1)


def uid(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def tree() -> LocalityTree:
    da_nang, quang_nam = uid("48"), uid("49")
    return LocalityTree.from_units(
        [
            Unit(da_nang, "48", "Thành phố Đà Nẵng", "province"),
            Unit(
                quang_nam,
                "49",
                "Tỉnh Quảng Nam",
                "province",
                valid_to=END,
                successors=((da_nang, "full"),),
            ),
            Unit(
                uid("502"),
                "502",
                "Thành phố Tam Kỳ",
                "district",
                quang_nam,
                valid_to=END,
                successors=((uid("20341"), "partial"), (uid("20335"), "partial")),
            ),
            Unit(uid("503"), "503", "Thành phố Hội An", "district", quang_nam, valid_to=END),
            Unit(uid("20341"), "20341", "Phường Tam Kỳ", "commune", da_nang, valid_from=NEW),
            Unit(uid("20335"), "20335", "Phường Bàn Thạch", "commune", da_nang, valid_from=NEW),
            Unit(
                uid("20341-old"),
                "20341",
                "Phường An Mỹ",
                "commune",
                uid("502"),
                valid_to=END,
                successors=((uid("20341"), "full"),),
            ),
            Unit(uid("31"), "31", "Thành phố Hải Phòng", "province"),
        ]
    )


def test_old_province_rolls_up_into_the_province_it_was_merged_into():
    localities = tree()
    assert localities.rows_below(None) == [uid("31"), uid("48")]
    # Under today's Đà Nẵng: its new wards and Quảng Nam's former districts.
    assert set(localities.rows_below(uid("48"))) == {
        uid("20341"),
        uid("20335"),
        uid("502"),
        uid("503"),
    }


def test_a_unit_keeps_its_historical_parent():
    localities = tree()
    assert localities.ancestors(uid("20341-old")) == [uid("502"), uid("49"), uid("48")]


def test_parent_total_is_the_sum_of_its_children_when_it_reported_nothing():
    localities = tree()
    own = {uid("502"): Figure(139), uid("503"): Figure(48)}
    total = localities.roll_up(uid("48"), own.get)
    assert total.value == 139 + 48
    assert total.reporting == 2


def test_a_locality_total_wins_over_a_partial_sum_of_its_parts():
    localities = tree()
    own = {uid("502"): Figure(139), uid("20341-old"): Figure(12)}
    assert localities.roll_up(uid("502"), own.get).value == 139


def test_code_lookup_prefers_the_unit_that_exists_today():
    assert tree().find_code("20341") == uid("20341")
    assert tree().find_code("502") == uid("502")
    assert tree().find_code("99999") is None


def test_partial_successors_are_named_not_divided():
    assert tree().successor_names(uid("502")) == [
        ("Phường Tam Kỳ", "partial"),
        ("Phường Bàn Thạch", "partial"),
    ]


def test_overview_totals_and_recomputed_rate():
    localities = tree()
    disbursed, allocated, rate = uid("disbursed"), uid("allocated"), uid("rate")
    indicators = [
        IndicatorDef(disbursed, "disbursed_capital", "raw"),
        IndicatorDef(allocated, "allocated_capital", "raw"),
        IndicatorDef(rate, "disbursement_rate", "ratio", disbursed, allocated, 100.0),
    ]
    period = (date(2023, 1, 1), date(2023, 9, 30))
    figures = {
        (uid("502"), disbursed): Figure(231, 1, False, *period),
        (uid("502"), allocated): Figure(635.7, 1, False, *period),
        (uid("502"), rate): Figure(36.4, 1, False, *period),
        (uid("503"), disbursed): Figure(400, 1, True, *period),
        (uid("503"), allocated): Figure(500, 1, True, *period),
    }
    table = build_overview(localities, uid("48"), indicators, figures)
    assert table.rows == [uid("502"), uid("503")]
    assert table.value(uid("502"), "disbursement_rate") == 36.4  # as reported
    assert table.value(uid("503"), "disbursement_rate") == pytest.approx(80.0)
    assert table.totals["disbursed_capital"].value == 631
    assert table.totals["allocated_capital"].value == pytest.approx(1135.7)
    assert table.totals["disbursement_rate"].value == pytest.approx(631 / 1135.7 * 100)
    assert table.totals["disbursement_rate"].is_illustrative
    # National view: Đà Nẵng's row carries Quảng Nam's figures.
    national = build_overview(localities, None, indicators, figures)
    assert national.rows == [uid("48")]
    assert national.value(uid("48"), "disbursed_capital") == 631
