"""As-of figures across the 2025 reorganisation, on real databases: one date for every
row and the total, units that no longer exist left out, missing never filled in.

The territory (numbers by hand, tỷ đồng, cumulative from the start of the year):

    Quảng Nam (49, abolished 30/06/2025, wholly into Đà Nẵng 48)
      Tam Kỳ  (502, district, to 30/06/2025)  30/06/2025: allocated 300, disbursed 120
      Hội An  (503, district, to 30/06/2025)  30/06/2025: allocated 200, disbursed 100
    Đà Nẵng (48)
      Phường X (commune, from 01/07/2025)     30/09/2026: 400 / 300;  31/10/2026: 400 / 320
      Phường Y (commune, from 01/07/2025)     30/09/2026: 100 / 50

Each unit's own latest figure, added whatever its date (the old bug): 1.000 / 590, 59,0%.
"""

from datetime import date

import pytest

from data_access import models as m
from data_access.catalogue import list_localities, locality_tree
from data_access.dashboard import as_of_choices
from data_access.db import session_scope
from domain.as_of import Coverage
from domain.periods import Period
from tests.helpers.data import add_value, capital_campaign, overview_view

TODAY = date(2026, 12, 1)
ALL_YEARS = Period.years(2022, 2026)


@pytest.fixture
def territory(engine):
    with session_scope(engine) as s:
        da_nang = m.Locality(code="48", name="Thành phố Đà Nẵng", level="province")
        quang_nam = m.Locality(
            code="49", name="Tỉnh Quảng Nam", level="province", valid_to=date(2025, 6, 30)
        )
        s.add_all([da_nang, quang_nam])
        s.flush()
        s.add(
            m.LocalitySuccession(
                predecessor_id=quang_nam.id,
                successor_id=da_nang.id,
                kind="full",
                effective_date=date(2025, 7, 1),
            )
        )

        def unit(code, name, level, parent, **validity):
            locality = m.Locality(
                code=code, name=name, level=level, parent_id=parent.id, **validity
            )
            s.add(locality)
            return locality

        old = {"valid_to": date(2025, 6, 30)}
        new = {"valid_from": date(2025, 7, 1)}
        tam_ky = unit("502", "Thành phố Tam Kỳ", "district", quang_nam, **old)
        hoi_an = unit("503", "Thành phố Hội An", "district", quang_nam, **old)
        ward_x = unit("20001", "Phường X", "commune", da_nang, **new)
        ward_y = unit("20002", "Phường Y", "commune", da_nang, **new)
        campaign, indicators = capital_campaign(s)

        def value(locality, code, start, end, number):
            add_value(s, campaign, locality, indicators[code], start, end, number)

        def capital(locality, start, end, allocated, disbursed):
            value(locality, "allocated_capital", start, end, allocated)
            value(locality, "disbursed_capital", start, end, disbursed)

        capital(tam_ky, date(2025, 1, 1), date(2025, 6, 30), 300, 120)
        capital(hoi_an, date(2025, 1, 1), date(2025, 6, 30), 200, 100)
        capital(ward_x, date(2026, 1, 1), date(2026, 9, 30), 400, 300)
        capital(ward_x, date(2026, 1, 1), date(2026, 10, 31), 400, 320)
        capital(ward_y, date(2026, 1, 1), date(2026, 9, 30), 100, 50)
        value(tam_ky, "works_count", date(2025, 1, 1), date(2025, 3, 31), 5)
        value(ward_x, "works_count", date(2025, 7, 1), date(2025, 9, 30), 7)
    tree = locality_tree(list_localities(engine))
    return {
        "engine": engine,
        "campaign": campaign.id,
        "tree": tree,
        "da_nang": da_nang.id,
        "tam_ky": tam_ky.id,
        "ward_x": ward_x.id,
        "ward_y": ward_y.id,
    }


def _view(territory, period=ALL_YEARS, parent=None, on=None):
    return overview_view(
        territory["engine"],
        territory["campaign"],
        period,
        parent,
        TODAY,
        tree=territory["tree"],
        on=on,
    )


def _totals(view) -> dict[str, float]:
    return {code: round(figure.value, 1) for code, figure in view.table.totals.items()}


def test_the_latest_date_counts_only_the_units_with_a_value_on_it(territory):
    view = _view(territory)
    assert view.as_of == view.as_of_latest == date(2026, 10, 31)
    # Phường X alone: Y has no 31/10 figure (missing, not its 30/09 one), the abolished
    # districts are not counted at all.
    assert _totals(view) == {
        "works_count": 12.0,
        "allocated_capital": 400.0,
        "disbursed_capital": 320.0,
        "disbursement_rate": 80.0,
    }
    assert view.coverage["allocated_capital"] == Coverage(1, 2)
    assert view.coverage["disbursement_rate"] == Coverage(1, 2)


def test_a_date_the_user_picks(territory):
    view = _view(territory, on=date(2026, 9, 30))
    assert view.as_of == date(2026, 9, 30)
    assert _totals(view)["allocated_capital"] == 500.0
    assert _totals(view)["disbursed_capital"] == 350.0
    assert _totals(view)["disbursement_rate"] == 70.0
    assert view.coverage["disbursed_capital"] == Coverage(2, 2)


def test_a_date_outside_the_range_falls_back_to_the_latest(territory):
    view = _view(territory, period=Period.years(2025, 2025), on=date(2026, 9, 30))
    assert view.as_of == date(2025, 6, 30)


def test_a_date_without_any_value_in_the_view_falls_back_to_the_latest(territory):
    # No unit of the view has a value on 31/03/2025 (a date picked in another view).
    view = _view(territory, parent=territory["da_nang"], on=date(2025, 3, 31))
    assert view.as_of == date(2026, 10, 31)


def test_before_the_reorganisation_the_districts_count_under_today_s_province(territory):
    view = _view(territory, period=Period.years(2025, 2025))
    assert view.as_of == date(2025, 6, 30)
    assert view.table.rows == [territory["da_nang"]]  # Quảng Nam rolls up into Đà Nẵng
    assert _totals(view)["allocated_capital"] == 500.0
    assert _totals(view)["disbursement_rate"] == 44.0
    # The communes did not exist yet: they are not expected on 30/06/2025.
    assert view.coverage["allocated_capital"] == Coverage(2, 2)


def test_rows_use_the_same_date_and_say_their_latest(territory):
    view = _view(territory, parent=territory["da_nang"])
    values = {row: view.table.value(row, "allocated_capital") for row in view.table.rows}
    assert values[territory["ward_x"]] == 400
    assert values[territory["ward_y"]] is None
    assert values[territory["tam_ky"]] is None
    assert view.row_latest[territory["ward_y"]] == date(2026, 9, 30)
    assert view.row_latest[territory["tam_ky"]] == date(2025, 6, 30)
    assert view.row_coverage[(territory["ward_y"], "allocated_capital")] == Coverage(0, 1)
    # An abolished unit is not missing on a date after it ended: nothing is expected.
    assert view.row_coverage[(territory["tam_ky"], "allocated_capital")] == Coverage(0, 0)


def test_the_trend_reads_each_year_on_its_own_latest_date(territory):
    view = _view(territory)
    assert view.trend_dates[2025] == date(2025, 9, 30)  # works of the third quarter
    assert round(view.trend[2025]["disbursement_rate"].value, 1) == 44.0  # 30/06/2025
    assert round(view.trend[2026]["disbursement_rate"].value, 1) == 80.0  # 31/10/2026


def test_date_choices_with_their_coverage(territory):
    choices = as_of_choices(
        territory["engine"], territory["campaign"], ALL_YEARS, None, territory["tree"]
    )
    assert [(c.on, c.coverage) for c in choices] == [
        (date(2026, 10, 31), Coverage(1, 2)),
        (date(2026, 9, 30), Coverage(2, 2)),
        (date(2025, 6, 30), Coverage(2, 2)),
    ]
