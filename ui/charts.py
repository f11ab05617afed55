"""Altair charts for the dashboards. Pure builders: a frame in, a chart out.

Every chart colours reported and illustrative figures differently, so an invented
number never looks like a reported one, and reads numbers the Vietnamese way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import pandas as pd

from texts.formats import VEGA_LOCALE
from ui import map_labels

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
# The map's plot in pixels, whatever the screen (it fits the column of a 1024-pixel one):
# the names are placed for this size (ui/map_labels.py). Vietnam is tall: at 480 pixels
# high the provinces of the Red River delta touched.
MAP_WIDTH, MAP_HEIGHT = 540, 640


def circle_area(units: int) -> float:
    """A rate's circle on the map, in square pixels, for so many units: smaller as they are
    more (34 provinces about 300, Hà Nội's 126 communes 80), so that a province's communes
    do not pile up. An amount's circles range from a quarter of it to three times it."""
    return min(300.0, max(40.0, 10_000 / max(units, 1)))


def _source_color(source_title: str, reported: str, illustrative: str) -> alt.Color:
    return alt.Color(
        "source:N",
        title=source_title,
        scale=alt.Scale(
            domain=[reported, illustrative], range=[REPORTED_COLOR, ILLUSTRATIVE_COLOR]
        ),
        # One entry under the other: side by side they run past a narrow chart's edge.
        legend=alt.Legend(orient="top", direction="vertical"),
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
    (formatted) and source, and a note when ``note_title`` names it, and a short label
    to write beside the bar; ``sort=False`` keeps the frame's order (periods)."""
    number_format = ",." + str(decimals) + "f"
    base = alt.Chart(pd.DataFrame(frame)).encode(
        y=alt.Y(
            "locality:N",
            title=locality_title,
            axis=alt.Axis(labelLimit=220),
            # Layers share the axis: sort on the field, not on another layer's channel,
            # and by "max": Vega-Lite drops any other sort of a domain the layers share,
            # and the bars came out in alphabetical order.
            sort=alt.EncodingSortField("value", op="max", order="descending") if sort else None,
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
    # Beside each bar its figure alone when the frame has one ("short"): a long label
    # would run past the chart's edge; the tooltip says it all.
    shown = "short" if "short" in pd.DataFrame(frame).columns else "label"
    text = base.mark_text(align="left", dx=3).encode(x="value:Q", text=f"{shown}:N")
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
                # Three to a row: five statuses side by side run past the matrix's edge.
                legend=alt.Legend(orient="bottom", columns=3),
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


def unit_map(
    frame: pd.DataFrame,
    *,
    value_title: str,
    locality_title: str,
    source_title: str,
    note_title: str | None = None,
    decimals: int = 0,
    target: float | None = None,
    backdrop: pd.DataFrame | None = None,
) -> alt.TopLevelMixin:
    """Units as circles at their official coordinates (no tiles, no network): ``frame`` has
    unit (an id), locality, lat, lon, value, label, source, and a note when ``note_title``
    names it (what an as-of figure covers). A rate is coloured on a diverging
    scale around its ``target``; an amount by a sequential one, its circle sized by it.
    ``backdrop``: lat, lon of every commune around, drawn as grey dots: the country's shape
    without a boundary file. Clicking a circle selects its unit (the selection ``unit``)."""
    number_format = ",." + str(decimals) + "f"
    pick = alt.selection_point(name="unit", fields=["unit"], on="click")
    area = circle_area(len(frame))
    if target is not None:  # below the target red, at it yellow, beyond it green
        scale = alt.Scale(scheme="redyellowgreen", domain=[0, target, 1.5 * target], clamp=True)
        size: alt.Size | alt.SizeValue = alt.value(area)
        size_of = pd.Series(area, index=frame.index, dtype=float)
    else:
        scale = alt.Scale(scheme="blues")
        low, high = area / 4, area * 3
        size = alt.Size("value:Q", legend=None, scale=alt.Scale(range=[low, high]))
        # Vega-Lite's size scale starts at zero: the largest value gets ``high``.
        largest = frame["value"].abs().max() if len(frame) else 0
        size_of = low + (high - low) * (frame["value"].abs() / largest if largest else 0)
    where = {"longitude": "lon:Q", "latitude": "lat:Q"}
    circles = (
        alt.Chart(frame)
        .mark_circle(opacity=0.9, stroke="#333333", strokeWidth=0.6, cursor="pointer")
        .encode(
            **where,
            size=size,
            color=alt.Color(
                "value:Q",
                title=value_title,
                scale=scale,
                legend=alt.Legend(orient="bottom", format=number_format, gradientLength=260),
            ),
            tooltip=[
                alt.Tooltip("locality:N", title=locality_title),
                alt.Tooltip("label:N", title=value_title),
                alt.Tooltip("source:N", title=source_title),
                *([alt.Tooltip("note:N", title=note_title)] if note_title else []),
            ],
        )
        .add_params(pick)
    )
    layers = [circles, *_map_names(frame, backdrop, target, size_of)]
    if backdrop is not None and not backdrop.empty:
        dots = alt.Chart(backdrop).mark_circle(size=3, color="#c8ccd2", opacity=0.8)
        layers.insert(0, dots.encode(**where))
    chart = alt.layer(*layers).project(type="mercator")
    # "pad": the plot keeps its size and the legend comes on top of it (Streamlit's "fit"
    # squeezed the plot under the legend, and the names' places with it).
    chart = chart.properties(
        width=MAP_WIDTH, height=MAP_HEIGHT, autosize=alt.AutoSizeParams(type="pad")
    )
    # Drawn as SVG: each unit is an element of the page, named for what it shows.
    return _finish(chart.properties(usermeta={"embedOptions": {"renderer": "svg"}}))


def _map_names(
    frame: pd.DataFrame, backdrop: pd.DataFrame | None, target: float | None, size_of: pd.Series
) -> list[alt.Chart]:
    """The units' short names, one text layer per side of the circle they are written on,
    none where every side would overlap (see ui/map_labels.py)."""
    if frame.empty:
        return []
    values = frame["value"].astype(float).fillna(0)
    # A rate furthest from its target, or the largest amount, is named first.
    priorities = (values - target).abs() if target is not None else values
    around = backdrop if backdrop is not None else pd.DataFrame({"lat": [], "lon": []})
    every_point = list(zip(around["lat"], around["lon"], strict=True))
    positions = map_labels.place_labels(
        list(zip(frame["lat"], frame["lon"], strict=True)),
        list(frame["locality"]),
        list(priorities),
        [math.sqrt(area / math.pi) for area in size_of.fillna(0)],
        every_point=every_point,
        width=MAP_WIDTH,
        height=MAP_HEIGHT,
    )
    names = [map_labels.short_name(name) for name in frame["locality"]]
    named = frame.assign(name=names, position=positions)
    layers = []
    for position, dx, dy, align in map_labels.POSITIONS:
        rows = named[named["position"] == position]
        if rows.empty:
            continue
        text = alt.Chart(rows[["lat", "lon", "name"]]).mark_text(
            dx=dx, dy=dy, align=align, fontSize=map_labels.FONT_PX, color="#333333"
        )
        layers.append(text.encode(longitude="lon:Q", latitude="lat:Q", text="name:N"))
    return layers


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite spec, without Altair's schema validation (a quarter of a
    chart's server time; every builder here is validated by the tests) nor its default
    300-pixel view, which would fight the width the screen gives the chart."""
    spec = chart.to_dict(validate=False)
    view = spec.get("config", {}).get("view", {})
    view.pop("continuousWidth", None)
    view.pop("continuousHeight", None)
    return spec
