"""The chart builders give valid Vega-Lite: the screens send their specs unvalidated."""

import pandas as pd

from ui import charts

SOURCES = {"source_title": "Nguồn", "reported": "Báo cáo", "illustrative": "Minh họa"}


def test_every_builder_gives_a_valid_spec_without_the_default_view_size():
    bars = pd.DataFrame(
        {
            "locality": ["Phường Tam Kỳ", "Phường Bàn Thạch"],
            "value": [61.7, 92.1],
            "label": ["61,7% (đến 30/09/2026)", "92,1%"],
            "source": ["Minh họa", "Báo cáo"],
            "note": ["5/5 đơn vị có số liệu", ""],
        }
    )
    trend = pd.DataFrame(
        {
            "year": ["2025", "2026 (đến 30/09)"],
            "value": [92.1, 61.7],
            "series": ["Tỷ lệ"] * 2,
            "label": ["92,1%", "61,7%"],
        }
    )
    matrix = pd.DataFrame(
        {
            "locality": ["Tam Kỳ"],
            "milestone": ["Ban hành kế hoạch"],
            "status": ["done"],
            "status_label": ["Đã thực hiện"],
        }
    )
    built = [
        charts.bars_by_locality(
            bars,
            value_title="Tỷ lệ (%)",
            locality_title="Địa phương",
            target=100.0,
            note_title="Số liệu lũy kế",
            decimals=1,
            **SOURCES,
        ),
        charts.trend_by_year(
            trend, year_title="Năm", value_title="Giá trị", series_title="Chỉ tiêu"
        ),
        charts.milestone_matrix(
            matrix,
            locality_title="Địa phương",
            milestone_title="Mốc",
            status_title="Hiện trạng",
            status_labels={"done": "Đã thực hiện"},
            milestone_order=["Ban hành kế hoạch"],
        ),
    ]
    for chart in built:
        chart.to_dict()  # validated against the Vega-Lite schema: raises when invalid
        spec = charts.vega_spec(chart)
        assert "continuousWidth" not in spec.get("config", {}).get("view", {})
        assert spec["config"]["locale"]["number"]["decimal"] == ","
