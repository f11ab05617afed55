"""The chart builders give valid Vega-Lite: the screens send their specs unvalidated."""

import re

import pandas as pd
import vl_convert

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
        *(
            charts.unit_map(
                bars.assign(unit=["a", "b"], lat=[15.56, 15.9], lon=[108.48, 108.3]),
                value_title="Tỷ lệ (%)",
                locality_title="Địa phương",
                source_title="Nguồn",
                note_title="Số liệu lũy kế",
                target=target,
                backdrop=pd.DataFrame({"lat": [15.0, 16.2], "lon": [108.0, 108.9]}),
            )
            for target in (100.0, None)  # a rate, an amount
        ),
    ]
    for chart in built:
        chart.to_dict()  # validated against the Vega-Lite schema: raises when invalid
        spec = charts.vega_spec(chart)
        assert "continuousWidth" not in spec.get("config", {}).get("view", {})
        assert spec["config"]["locale"]["number"]["decimal"] == ","


def _axis_labels(chart, names) -> list[str]:
    """The chart drawn as Vega draws it (vl-convert, offline): the given names in the order
    they appear on its axis."""
    svg = vl_convert.vegalite_to_svg(charts.vega_spec(chart))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return [text for text in texts if text in names]


def test_bars_are_ranked_by_their_figure_not_by_name():
    # Alphabetical order would be An Giang, Cà Mau, Hà Nội: the ranked chart showed
    # the 34 provinces that way, its sort dropped by Vega-Lite for the layered axis.
    frame = pd.DataFrame(
        {
            "locality": ["Tỉnh An Giang", "Tỉnh Cà Mau", "Thành phố Hà Nội"],
            "value": [58.9, 92.1, 74.0],
            "label": ["58,9%", "92,1%", "74,0%"],
            "source": ["Báo cáo"] * 3,
        }
    )
    chart = charts.bars_by_locality(
        frame, value_title="Tỷ lệ (%)", locality_title="Địa phương", target=100.0, **SOURCES
    )
    assert _axis_labels(chart, set(frame["locality"])) == [
        "Tỉnh Cà Mau",
        "Thành phố Hà Nội",
        "Tỉnh An Giang",
    ]
    periods = charts.bars_by_locality(
        frame, value_title="Tỷ lệ (%)", locality_title="Kỳ", sort=False, **SOURCES
    )
    assert _axis_labels(periods, set(frame["locality"])) == list(frame["locality"])
