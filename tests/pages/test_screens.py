"""The screens, opened on the sample data, show what a user expects to read."""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.screens import (
    all_text,
    assert_no_errors,
    cards,
    open_app,
    select_label,
    shown,
)


def locality_profile_of(code: str) -> AppTest:
    """The profile opened by its address, ``/locality?locality=<code>``, as a bookmark does."""
    app = open_app()
    app.switch_page("pages/locality.py")
    app.query_params["locality"] = code
    app.run()
    assert_no_errors(app)
    return app


@pytest.fixture
def app(sample_app_env) -> AppTest:
    return open_app()


def test_overview_opens_in_vietnamese(app):
    assert_no_errors(app)
    assert app.title[0].value == "Tổng quan phong trào thi đua"
    labels = cards(app)
    assert "Tỷ lệ giải ngân (đến 30/09/2026)" in labels
    assert "Kiến nghị quá hạn" in labels
    assert len(app.get("vega_lite_chart")) >= 3


def test_overview_reads_disbursement_on_one_date(app):
    """2022–2026 nationwide: the five communes' figures of 30/09/2026, not their sum with
    the abolished districts' figures of 30/06/2025 (46,9% before; 61,7% by hand)."""
    figures = cards(app)
    assert figures["Tỷ lệ giải ngân (đến 30/09/2026)"].value == "61,7% *"
    # A figure too long for a projector's card shortens, its scale in the label; the
    # exact figure is on hover.
    allocated = figures["Kế hoạch vốn đầu tư công được giao (nghìn tỷ đồng)"]
    assert allocated.value == "2,8 *"
    assert allocated.help == "Số chính xác: 2.819,4 tỷ đồng *"
    assert allocated.delta == "đến 30/09/2026 · 5/5 đơn vị"
    disbursed = figures["Vốn đầu tư công đã giải ngân (nghìn tỷ đồng)"]
    assert (disbursed.value, disbursed.help) == ("1,7 *", "Số chính xác: 1.739,4 tỷ đồng *")
    assert figures["Số công trình"].value == "1.581 *"  # whole: it fits
    line = next(m.value for m in app.markdown if "số liệu đến" in m.value)
    assert "**30/09/2026** (ngày mới nhất có số liệu) · 5/5 đơn vị có số liệu" in line
    app.select_slider(key="period").set_range(2024, 2025).run()
    assert cards(app)["Tỷ lệ giải ngân (đến 31/12/2025)"].value == "92,1% *"


def test_overview_on_a_date_the_user_picks(app):
    """Quảng Nam's territory in 2023: by default 31/12/2023, where only Hội An has a
    figure (Tam Kỳ's is of 30/09: shown as missing, never added); 30/09 is complete."""
    app.select_slider(key="period").set_range(2022, 2023).run()
    select_label(app.selectbox(key="province"), "Thành phố Đà Nẵng")
    rate = next(m for m in app.metric if m.label.startswith("Tỷ lệ giải ngân"))
    assert rate.label == "Tỷ lệ giải ngân (đến 31/12/2023)"
    assert rate.value == "98,2% *"
    rows = shown(app.dataframe[0]).set_index("Địa phương")
    assert rows.loc["Thành phố Tam Kỳ (cũ)", "Tỷ lệ giải ngân (%) đến 31/12/2023"] == "–"
    assert (
        rows.loc["Thành phố Tam Kỳ (cũ)", "Số liệu lũy kế"]
        == "chưa có số liệu ngày 31/12/2023; gần nhất 30/09/2023"
    )
    app.button(key="as-of-change").click().run()
    pick = app.radio(key="as-of-pick")
    assert pick.options[:2] == [
        "31/12/2023 — 1/2 đơn vị có số liệu",
        "30/09/2023 — 2/2 đơn vị có số liệu",
    ]
    # One run, as AppTest has no fragment reruns: the dialog open, a date, "apply".
    app.button(key="as-of-change").click()
    pick.set_value(date(2023, 9, 30))
    app.button(key="as-of-apply").click().run()
    assert_no_errors(app)
    rows = shown(app.dataframe[0]).set_index("Địa phương")
    assert rows.loc["Thành phố Tam Kỳ (cũ)", "Tỷ lệ giải ngân (%) đến 30/09/2023"] == "36,4"
    assert (
        rows.loc["Thành phố Tam Kỳ (cũ)", "Vốn đầu tư công đã giải ngân (tỷ đồng) đến 30/09/2023"]
        == "231,0"
    )
    line = next(m.value for m in app.markdown if "số liệu đến" in m.value)
    assert "**30/09/2023** (ngày đã chọn) · 2/2 đơn vị có số liệu" in line


def test_overview_table_sorts_by_value(app):
    """The figures stay numbers underneath the Vietnamese display."""
    table = app.dataframe[0].value
    assert table["Số công trình"].dtype.kind == "f"
    text = shown(app.dataframe[0])
    assert all(v == "–" or v[0].isdigit() for v in text["Số công trình"])


def test_overview_shows_tam_ky_figures_for_2022_2023(app):
    app.select_slider(key="period").set_range(2022, 2023).run()
    select_label(app.selectbox(key="province"), "Thành phố Đà Nẵng")
    assert_no_errors(app)
    table = shown(app.dataframe[0])
    tam_ky = table[table["Địa phương"] == "Thành phố Tam Kỳ (cũ)"].iloc[0]
    assert tam_ky["Số công trình"] == "139"
    assert tam_ky["Tổng mức đầu tư (tỷ đồng)"] == "203,4"
    assert "Phường Tam Kỳ (một phần)" in tam_ky["Hiện trạng"]
    # Hội An's figures are invented and say so.
    hoi_an = table[table["Địa phương"] == "Thành phố Hội An (cũ)"].iloc[0]
    assert hoi_an["Số công trình"] == "48 *"


def test_overview_metrics_match_the_table_total(app):
    app.select_slider(key="period").set_range(2022, 2023).run()
    select_label(app.selectbox(key="province"), "Thành phố Đà Nẵng")
    total = shown(app.dataframe[1]).iloc[0]
    assert total["Địa phương"] == "Tổng cộng"
    works = cards(app)["Số công trình"]
    assert works.value == "187 *"
    assert total["Số công trình"] == "187 *"  # Hội An's are illustrative
    assert works.delta == "2/2 địa phương báo cáo"
    assert total["Số liệu lũy kế"] == "1/2 đơn vị có số liệu"
    rate = next(m for m in app.metric if m.label.startswith("Tỷ lệ giải ngân"))
    assert rate.delta.endswith("điểm %")
    assert total["Tỷ lệ giải ngân (%) đến 31/12/2023"] == rate.value.replace("%", "")


def test_overview_counts_overdue_recommendations(app):
    overdue = cards(app)["Kiến nghị quá hạn"]
    open_ = cards(app)["Kiến nghị chưa xong"]
    # Sample: Sa Đéc's 31/3/2025 and 30/6/2025 items, Ngô Quyền's 30/9/2026 item.
    assert overdue.value == "3"
    assert open_.value == "7"


def test_english_switch(app):
    app.sidebar.radio[0].set_value("en").run()
    assert_no_errors(app)
    assert app.title[0].value == "Campaign overview"
    rate = next(m for m in app.metric if m.label.startswith("Disbursement rate"))
    assert rate.label == "Disbursement rate (as of 30/09/2026)"
    # Numbers keep the Vietnamese convention in both languages.
    assert rate.value == "61,7% *"
    line = next(m.value for m in app.markdown if "figures as of" in m.value)
    assert "**30/09/2026** (the latest date with figures) · 5 of 5 units reported" in line
    # A unit the name already says is not said twice; any other stays.
    labels = cards(app)
    assert "Works" in labels and "Works (works)" not in labels
    assert "Total investment (thousand billion VND)" in labels


def test_locality_by_url_shows_profile(sample_app_env):
    app = locality_profile_of("502")
    text = all_text(app)
    assert "Thành phố Tam Kỳ" in app.header[0].value
    assert "Phường Tam Kỳ (một phần)" in text  # what it became
    assert "139" in text and "203,4" in text and "36,4" in text
    assert "Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam" in text
    assert "14/09/2023" in text
    assert "Tiêu chí thi đua ngành dọc" in text
    assert "hồ sơ thi đua" in text


def test_locality_recommendations_open_and_overdue_first(sample_app_env):
    app = locality_profile_of("867")
    assert any("kiến nghị quá hạn" in w.value for w in app.warning)
    recommendations = next(df.value for df in app.dataframe if "Gửi đến" in df.value.columns)
    statuses = recommendations["Hiện trạng"].tolist()
    assert statuses[0].startswith("Quá hạn")  # open and overdue first
    assert statuses[-1] == "Đã thực hiện"


def test_unknown_locality_code_says_so(sample_app_env):
    app = locality_profile_of("00000")
    assert any("Không tìm thấy địa phương có mã “00000”" in w.value for w in app.warning)


def test_overview_button_opens_the_locality(app):
    select_label(app.selectbox(key="province"), "Tỉnh Đồng Tháp")
    box = app.selectbox(key="open_locality")
    select_label(box, next(o for o in box.options if o.startswith("Thành phố Sa Đéc")))
    app.button(key="open_profile").click().run()
    assert_no_errors(app)
    assert app.header[0].value == "Thành phố Sa Đéc"


def _works_column(app: AppTest) -> dict[str, str]:
    rows = [shown(app.dataframe[0]), shown(app.dataframe[1])]
    return {
        place: works
        for table in rows
        for place, works in zip(table["Địa phương"], table["Số công trình"], strict=True)
    }


def _number(text: str) -> int:
    return int(text.split(" ")[0].replace(".", ""))


def test_level_below_sums_to_the_parent_row(app):
    app.select_slider(key="period").set_range(2023, 2023).run()
    select_label(app.selectbox(key="province"), "Thành phố Hải Phòng")
    ngo_quyen = _number(_works_column(app)["Quận Ngô Quyền (cũ)"])
    select_label(app.selectbox(key="below"), "Quận Ngô Quyền (cũ)")
    assert_no_errors(app)
    wards = _works_column(app)
    assert set(wards) == {
        "Phường Máy Chai (cũ)",
        "Phường Vạn Mỹ (cũ)",
        "Phường Cầu Tre (cũ)",
        "Phường Đằng Giang (cũ)",
        "Tổng cộng",
    }
    parts = [_number(v) for k, v in wards.items() if k != "Tổng cộng"]
    assert sum(parts) == ngo_quyen == _number(wards["Tổng cộng"])
    works = cards(app)["Số công trình"]
    assert works.delta == "4/4 địa phương báo cáo"


def test_locality_page_in_english(sample_app_env):
    app = open_app()
    app.sidebar.radio[0].set_value("en").run()
    app.switch_page("pages/locality.py")
    app.query_params["locality"] = "502"
    app.run()
    assert_no_errors(app)
    assert app.title[0].value == "Locality profile"
    text = all_text(app)
    assert "This unit existed until 30/06/2025" in text
    assert "Raised by the locality" in text
    assert "Achievements" in text


def test_overview_counts_a_recommendation_saved_while_its_figures_stay_cached(
    sample_app_env,
):
    """Saving at a visit leaves the overview's aggregates cached (figures version) but
    its recommendation counts follow at once (every-write version)."""
    from datetime import date

    from data_access import visits as v
    from data_access.catalogue import data_versions, list_localities, locality_tree
    from data_access.db import create_db_engine
    from sample_data.sources import INFRASTRUCTURE
    from tests.helpers.data import app_database_url, campaign_named, person

    app = open_app()
    open_ = cards(app)["Kiến nghị chưa xong"]
    assert open_.value == "7"
    engine = create_db_engine(app_database_url(sample_app_env))
    try:
        tree = locality_tree(list_localities(engine))
        campaign = campaign_named(engine, INFRASTRUCTURE).id
        before = data_versions(engine)
        admin = person("Quản trị Kiểm thử", "admin")
        visit = v.create_visit(
            engine, admin, v.VisitInput(tree.find_code("20341"), date(2026, 11, 20), [campaign])
        )
        v.add_recommendation(
            engine,
            admin,
            visit,
            v.RecommendationInput("to_locality", "Hoàn thiện hồ sơ quyết toán"),
        )
        after = data_versions(engine)
    finally:
        engine.dispose()
    assert after.figures == before.figures and after.any > before.any
    app.run()
    assert_no_errors(app)
    open_ = cards(app)["Kiến nghị chưa xong"]
    assert open_.value == "8"


def test_a_province_adds_up_its_units_and_the_province_it_absorbed(sample_app_env):
    """Đà Nẵng reports nothing itself: its profile totals its units by the overview's
    rules, Quảng Nam's history included (2023, 2024 are Quảng Nam's districts)."""
    app = locality_profile_of("48")
    years = shown(app.dataframe[0]).set_index("Năm")
    assert years.loc["2023", "Tỷ lệ giải ngân (%)"] == "98,2 *"
    assert years.loc["2023", "Số liệu lũy kế"] == "đến 31/12/2023 · 1/2 đơn vị có số liệu"
    assert years.loc["2026 (đến 30/09)", "Số liệu lũy kế"].startswith("đến 30/09/2026")
    whole = years.loc["Cả giai đoạn 2022–2026"]
    # Tam Kỳ's 139 works of 2022–2023 count in the whole range, as on the overview.
    assert whole["Số công trình"] == "520 *"
    overview = open_app()
    national = shown(overview.dataframe[0]).set_index("Địa phương")
    assert national.loc["Thành phố Đà Nẵng", "Số công trình"] == "520 *"
    assert (
        national.loc["Thành phố Đà Nẵng", "Tỷ lệ giải ngân (%) đến 30/09/2026"]
        == whole["Tỷ lệ giải ngân (%)"]
    )


def test_a_commune_chart_never_puts_a_long_period_beside_quarters(sample_app_env):
    app = locality_profile_of("502")
    # The chart opens on the works (the first indicator): 139 of 2022–2023, then quarters.
    assert app.selectbox(key="profile_indicator").value == "works_count"
    assert any("1 số liệu của kỳ dài hơn hoặc ngắn hơn" in c.value for c in app.caption)


def _map_points(app: AppTest) -> dict[str, float]:
    """Each unit on the overview's map, with the figure its circle is coloured by."""
    (chart,) = [c for c in app.get("vega_lite_chart") if "projection" in json.loads(c.proto.spec)]
    spec = json.loads(chart.proto.spec)
    (units,) = [layer for layer in spec["layer"] if layer["mark"].get("cursor") == "pointer"]
    (data,) = [d for d in chart.proto.datasets if d.name == units["data"]["name"]]
    points = pa.ipc.open_stream(data.data.data).read_all().to_pandas()
    return dict(zip(points["locality"], points["value"], strict=True))


def test_the_map_shows_the_tables_figures_and_follows_the_chosen_one(app):
    table = shown(app.dataframe[0]).set_index("Địa phương")
    rates = _map_points(app)
    column = "Tỷ lệ giải ngân (%) đến 30/09/2026"
    assert rates == {
        name: float(text.replace(" *", "").replace(",", "."))
        for name, text in table[column].items()
    }
    assert rates["Thành phố Đà Nẵng"] == 62.3
    select_label(app.selectbox(key="map-indicator-vi"), "Số công trình")
    works = _map_points(app)
    assert works == {
        name: float(text.replace(" *", "").replace(".", ""))
        for name, text in table["Số công trình"].items()
    }
