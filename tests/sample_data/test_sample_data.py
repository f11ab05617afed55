"""The sample carries the real facts of the sources, flags everything else, and loads
idempotently."""

from datetime import date

from sqlalchemy import func, select

from data_access import models as m
from data_access.catalogue import list_campaigns, list_localities, locality_tree
from data_access.db import session_scope
from data_access.locality_profile import locality_profile
from domain.periods import Period
from sample_data.load import load_sample, reset_to_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers.data import TODAY, campaign_named, overview_view


def _campaign(engine, code=INFRASTRUCTURE):
    return campaign_named(engine, code)


def _unit(engine, code):
    return locality_tree(list_localities(engine)).find_code(code)


def test_tam_ky_figures_from_the_14_september_2023_visit(sample_engine):
    profile = locality_profile(sample_engine, _unit(sample_engine, "502"), TODAY)
    values = {(v.code, v.period_label): v.value for v in profile.values}
    assert values[("works_count", "Năm 2022–2023 (đến 14/9/2023)")] == 139
    assert values[("total_investment", "Năm 2022–2023 (đến 14/9/2023)")] == 203.4
    assert values[("disbursed_capital", "9 tháng năm 2023")] == 231
    assert values[("allocated_capital", "9 tháng năm 2023")] == 635.7
    assert values[("disbursement_rate", "9 tháng năm 2023")] == 36.4
    assert values[("clearance_plans", "9 tháng năm 2023")] == 67
    assert values[("clearance_cost", "9 tháng năm 2023")] == 129.2
    real = [v for v in profile.values if v.period_end <= date(2023, 9, 30)]
    assert not any(v.is_illustrative for v in real)
    assert all("14/9/2023" in v.source for v in real)


def test_tam_ky_visit_findings_and_recommendations(sample_engine):
    profile = locality_profile(sample_engine, _unit(sample_engine, "502"), TODAY)
    visit = profile.visits[0]
    assert visit.visit_date == date(2023, 9, 14)
    assert visit.delegation == "Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam"
    texts = " ".join(f.text for f in profile.findings)
    assert "Tiêu chí thi đua ngành dọc (kinh tế, tài chính)" in texts
    assert "26 dự án khớp nối hạ tầng đô thị" in texts
    recommendations = profile.recommendations
    assert {r.direction for r in recommendations} == {
        "to_locality",
        "to_higher_level",
        "from_locality",
    }
    assert any("hồ sơ thi đua" in r.text for r in recommendations)
    assert any("Hội đồng Thi đua - Khen thưởng tỉnh" in r.text for r in recommendations)
    assert not any(r.is_illustrative for r in recommendations)


def test_campaign_plans_from_the_sources(sample_engine):
    campaigns = {c.code: c for c in list_campaigns(sample_engine)}
    assert campaigns["hung-yen-du-an-trong-diem-2021-2025"].plan_document == (
        "Kế hoạch số 71/KH-UBND"
    )
    assert campaigns["hung-yen-du-an-trong-diem-2021-2025"].plan_date == date(2022, 4, 12)
    assert campaigns["ngo-quyen-nuoc-rut-2023"].plan_date == date(2023, 11, 20)
    with session_scope(sample_engine, read_only=True) as s:
        plans = dict(
            s.execute(
                select(m.Locality.code, m.Implementation.plan_document)
                .join(m.Locality, m.Locality.id == m.Implementation.locality_id)
                .where(m.Implementation.is_illustrative.is_(False))
            ).all()
        )
    assert plans["49"] == "Quyết định số 428/QĐ-UBND"
    assert plans["87"] == "Kế hoạch số 126/KH-UBND"
    assert plans["31"] == "Kế hoạch số 51/KH-UBND"


def test_sa_dec_key_works_and_successors(sample_engine):
    profile = locality_profile(sample_engine, _unit(sample_engine, "867"), TODAY)
    assert {"Đường T3", "Đường N7", "Đường D2", "Trường Tiểu học Phú Long"} <= set(
        w.name for w in profile.works
    )
    assert [s.name for s in profile.successors] == ["Phường Sa Đéc", "Xã Tân Dương"]
    tam_ky = locality_profile(sample_engine, _unit(sample_engine, "502"), TODAY)
    assert {s.name for s in tam_ky.successors} == {
        "Phường Tam Kỳ",
        "Phường Bàn Thạch",
        "Phường Hương Trà",
        "Phường Quảng Phú",
    }


def test_quang_nam_2023_figures_count_for_today_da_nang(sample_engine):
    campaign = _campaign(sample_engine)
    localities = list_localities(sample_engine)
    tree = locality_tree(localities)
    da_nang = tree.find_code("48")
    view = overview_view(
        sample_engine, campaign.id, Period.years(2022, 2023), None, TODAY, tree=tree
    )
    province_view = overview_view(
        sample_engine, campaign.id, Period.years(2022, 2023), da_nang, TODAY, tree=tree
    )
    assert (
        view.table.value(da_nang, "works_count") == province_view.table.totals["works_count"].value
    )
    tam_ky = tree.find_code("502")
    assert province_view.table.value(tam_ky, "works_count") == 139
    # Its rate is as of 30/09/2023; the view reads as-of figures on 31/12/2023 (Hội An's
    # year): Tam Kỳ has none then, and shows its latest date instead of an older value.
    assert province_view.as_of == date(2023, 12, 31)
    assert province_view.table.value(tam_ky, "disbursement_rate") is None
    assert province_view.row_latest[tam_ky] == date(2023, 9, 30)
    on_its_date = overview_view(
        sample_engine,
        campaign.id,
        Period.years(2022, 2023),
        da_nang,
        TODAY,
        tree=tree,
        on=date(2023, 9, 30),
    )
    assert on_its_date.table.value(tam_ky, "disbursement_rate") == 36.4


def test_illustrative_figures_are_flagged(sample_engine):
    with session_scope(sample_engine, read_only=True) as s:
        unflagged = s.scalar(
            select(func.count())
            .select_from(m.IndicatorValue)
            .where(m.IndicatorValue.is_illustrative.is_(False))
        )
        sources = set(s.scalars(select(m.IndicatorValue.source).distinct()))
    assert unflagged == 7  # exactly Tam Kỳ's reported figures
    assert "Số liệu minh họa (không có trong tài liệu nguồn)" in sources


def test_loading_twice_adds_nothing_and_reset_restores(engine):
    added = load_sample(engine)
    assert added > 500
    assert load_sample(engine) == 0
    with session_scope(engine) as s:
        s.add(m.Locality(code="99999", name="Xã thử", level="commune"))
    assert reset_to_sample(engine) == added
    with session_scope(engine, read_only=True) as s:
        assert s.scalar(select(m.Locality.id).where(m.Locality.code == "99999")) is None
