"""Altair charts for the dashboards. Pure builders: a frame in, a chart out.

Every chart colours reported and illustrative figures differently, so an invented
number never looks like a reported one, and reads numbers the Vietnamese way.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from texts.formats import VEGA_LOCALE

REPORTED_COLOR = "#1f5fa8"
ILLUSTRATIVE_COLOR = "#b9c7d8"
TARGET_COLOR = "#c0392b"
STATUS_COLORS = {
    "done_on_time": "#2e7d32",
    "done": "#66bb6a",
    "done_late": "#f9a825",
    "pending": "#90a4ae",
    "overdue": "#c62828",
    "missing": "#eceff1",
}


def _source_color(source_title: str, reported: str, illustrative: str) -> alt.Color:
    return alt.Color(
        "source:N",
        title=source_title,
        scale=alt.Scale(
            domain=[reported, illustrative], range=[REPORTED_COLOR, ILLUSTRATIVE_COLOR]
        ),
        legend=alt.Legend(orient="top"),
    )


def _finish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(locale=VEGA_LOCALE).configure_view(strokeWidth=0)


def bars_by_locality(
    frame: pd.DataFrame | Mapping[str, list],
    *,
    value_title: str,
    locality_title: str,
    source_title: str,
    reported: str,
    illustrative: str,
    decimals: int = 0,
    target: float | None = None,
    sort: bool = True,
    note_title: str | None = None,
) -> alt.TopLevelMixin:
    """Horizontal bars: ``frame`` has locality (or any category), value, label
    (formatted) and source, and a note when ``note_title`` names it; ``sort=False`` keeps
    the frame's order (periods)."""
    number_format = ",." + str(decimals) + "f"
    base = alt.Chart(pd.DataFrame(frame)).encode(
        y=alt.Y(
            "locality:N",
            title=locality_title,
            axis=alt.Axis(labelLimit=220),
            # Layers share the axis: sort on the field, not on another layer's channel.
            sort=alt.EncodingSortField("value", order="descending") if sort else None,
        ),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=number_format)),
        color=_source_color(source_title, reported, illustrative),
        tooltip=[
            alt.Tooltip("locality:N", title=locality_title),
            alt.Tooltip("label:N", title=value_title),
            alt.Tooltip("source:N", title=source_title),
            # What an as-of bar covers ("3/4 đơn vị có số liệu"), where the frame says it.
            *([alt.Tooltip("note:N", title=note_title)] if note_title else []),
        ],
    )
    text = base.mark_text(align="left", dx=3).encode(x="value:Q", text="label:N")
    layers = [bars, text]
    if target is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"target": [target]}))
            .mark_rule(color=TARGET_COLOR, strokeDash=[6, 3], size=2)
            .encode(x="target:Q")
        )
    # A step per bar: a fixed pixel height collapses layered bar charts in Streamlit.
    return _finish(alt.layer(*layers).properties(height=alt.Step(26)))


def trend_by_year(
    frame: pd.DataFrame, *, year_title: str, value_title: str, series_title: str
) -> alt.TopLevelMixin:
    """Small multiples by year, one per indicator, each on its own scale (a rate and an
    amount in tỷ đồng must never share an axis). ``frame``: year, value, series, label,
    source."""
    chart = (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=60), color=REPORTED_COLOR)
        .encode(
            x=alt.X("year:O", title=year_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format=",.1~f")),
            tooltip=[
                alt.Tooltip("year:O", title=year_title),
                alt.Tooltip("series:N", title=series_title),
                alt.Tooltip("label:N", title=value_title),
            ],
        )
        .properties(width=200, height=130)
        .facet(facet=alt.Facet("series:N", title=None), columns=2)
        .resolve_scale(y="independent")
    )
    return _finish(chart)


def milestone_matrix(
    frame: pd.DataFrame,
    *,
    locality_title: str,
    milestone_title: str,
    status_title: str,
    status_labels: dict[str, str],
    milestone_order: list[str],
) -> alt.TopLevelMixin:
    """Localities x milestones: ``frame`` has locality, milestone, status, status_label."""
    statuses = [s for s in STATUS_COLORS if s in set(frame["status"])]
    chart = (
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(
                "milestone:N",
                title=milestone_title,
                sort=milestone_order,
                axis=alt.Axis(labelAngle=-30, labelLimit=160),
            ),
            y=alt.Y("locality:N", title=locality_title, axis=alt.Axis(labelLimit=220)),
            color=alt.Color(
                "status_label:N",
                title=status_title,
                scale=alt.Scale(
                    domain=[status_labels[s] for s in statuses],
                    range=[STATUS_COLORS[s] for s in statuses],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("locality:N", title=locality_title),
                alt.Tooltip("milestone:N", title=milestone_title),
                alt.Tooltip("status_label:N", title=status_title),
            ],
        )
        .properties(height=alt.Step(22))
    )
    return _finish(chart)


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite spec, without Altair's schema validation (a quarter of a
    chart's server time; every builder here is validated by the tests) nor its default
    300-pixel view, which would fight the width the screen gives the chart."""
    spec = chart.to_dict(validate=False)
    view = spec.get("config", {}).get("view", {})
    view.pop("continuousWidth", None)
    view.pop("continuousHeight", None)
    return spec
