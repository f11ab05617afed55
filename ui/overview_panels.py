"""The pieces of the overview screen: filters, metrics, charts, the table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from uuid import UUID

import pandas as pd
import streamlit as st

from data_access.dashboard import TREND_CODES, OverviewView
from data_access.places import Places
from domain.as_of import NO_COVERAGE, Coverage, DateChoice, is_partial_year
from domain.figures import Figure
from domain.localities import LocalityTree
from domain.milestones import worst_status
from domain.vocabulary import MILESTONE_KINDS
from texts.formats import compact_parts, format_amount, format_date, format_number
from ui import charts
from ui.common import (
    data_source,
    illustrative_mark,
    indicator_label,
    language,
    localized,
    plain_markdown,
    show_chart,
    source_legend,
    styled_numbers,
    successor_text,
    t,
    translated_choice,
    unit_name,
)

HEADLINE = [
    "works_count",
    "total_investment",
    "allocated_capital",
    "disbursed_capital",
    "disbursement_rate",
]
SECONDARY = ["clearance_plans", "clearance_cost"]
AS_OF_KEY = "as_of"  # the date chosen for as-of figures; absent: the latest


@dataclass(frozen=True)
class OverviewFilters:
    first_year: int
    last_year: int
    parent_id: UUID | None


def area_filters(tree: LocalityTree, years: list[int], columns) -> OverviewFilters:
    """Period as a range of years; the area as a province and, optionally, a unit below;
    in the three ``columns`` of the filter row."""
    col_period, col_province, col_below = columns
    with col_period:
        first, last = st.select_slider(
            t("filter.period"), options=years, value=(years[0], years[-1]), key="period"
        )
    provinces = sorted(
        (u for u in tree.units.values() if u.level == "province"),
        key=lambda u: (u.valid_to is not None, u.name),
    )
    with col_province:
        province = st.selectbox(
            t("filter.province"),
            options=[None, *[u.id for u in provinces]],
            format_func=lambda i: t("filter.whole_country") if i is None else unit_name(tree, i),
            key=translated_choice("province"),
            # None is an option here; the browser shows it as "nothing chosen" at times.
            placeholder=t("filter.whole_country"),
        )
    below_options = [
        unit_id
        for unit_id in (tree.rows_below(province) if province else [])
        if tree.children(unit_id)
    ]
    with col_below:
        below = st.selectbox(
            t("filter.below"),
            options=[None, *below_options],
            format_func=lambda i: t("filter.all_below") if i is None else unit_name(tree, i),
            key=translated_choice("below"),
            placeholder=t("filter.all_below"),
            disabled=not below_options,
        )
    return OverviewFilters(first, last, below or province)


def area_name(tree: LocalityTree, parent_id: UUID | None) -> str:
    return t("filter.whole_country") if parent_id is None else unit_name(tree, parent_id)


def _indicator_rows(view: OverviewView) -> dict[str, pd.Series]:
    return {indicator.code: indicator for indicator in view.indicators}


def _figure_text(figure: Figure | None, indicator: pd.Series, *, with_unit: bool = True) -> str:
    if figure is None:
        return format_amount(None, "")
    decimals = int(indicator.decimals)
    text = (
        format_amount(figure.value, localized(indicator, "unit"), decimals)
        if with_unit
        else format_number(figure.value, decimals)
    )
    return text + illustrative_mark(figure.is_illustrative)


def chosen_as_of() -> date | None:
    return st.session_state.get(AS_OF_KEY)


def _coverage_text(coverage: Coverage | None) -> str:
    coverage = coverage or NO_COVERAGE
    return t("asof.coverage", n=coverage.reported, total=coverage.expected)


def as_of_line(view: OverviewView, choices: Callable[[], list[DateChoice]]) -> None:
    """The date the view's as-of figures are read on, their coverage, and a way to read
    them on another date of the range."""
    if view.as_of is None:
        return
    names = [localized(i, "name") for i in view.indicators if i.code in view.as_of_codes]
    lead = view.as_of_lead
    # Side by side, the button as wide as its words: never "Đổi…" on a narrow screen.
    line = st.container(horizontal=True, vertical_alignment="center")
    with line:
        st.markdown(
            t(
                "asof.line",
                date=format_date(view.as_of),
                how=t("asof.latest") if view.as_of == view.as_of_latest else t("asof.picked"),
                coverage=_coverage_text(view.coverage.get(lead) if lead else None),
            ),
            # Which figures are cumulative goes on hover: the line stays one line.
            help=t("asof.line_names", names=", ".join(names)) + " " + t("asof.line_help"),
            width="stretch",
        )
        if st.button(
            t("asof.change"), key="as-of-change", icon=":material/event:", width="content"
        ):
            # Decorated here, not at import: the title follows the language of this run.
            st.dialog(t("asof.dialog"))(_pick_as_of)(choices(), view.as_of)


def _pick_as_of(choices: list[DateChoice], current: date) -> None:
    if not choices:
        st.info(t("asof.no_dates"))
        return
    dates = [choice.on for choice in choices]
    coverage = {choice.on: choice.coverage for choice in choices}
    picked = st.radio(
        t("asof.pick"),
        dates,
        index=dates.index(current) if current in dates else 0,
        format_func=lambda on: t(
            "asof.option", date=format_date(on), coverage=_coverage_text(coverage[on])
        ),
        key="as-of-pick",
    )
    apply, latest = st.columns(2)
    if apply.button(t("asof.apply"), type="primary", key="as-of-apply"):
        st.session_state[AS_OF_KEY] = None if picked == dates[0] else picked
        st.rerun()
    if latest.button(t("asof.back_latest"), key="as-of-latest"):
        st.session_state[AS_OF_KEY] = None
        st.rerun()


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    note: str | None = None  # grey text under the value
    gap: str | None = None  # coloured: distance to a target
    help: str | None = None


def headline(view: OverviewView) -> None:
    """The five figures a leader reads first, whole at 1024 px: a long figure shortens
    ("2,7" in "nghìn tỷ đồng"), the exact one on hover and in the table."""
    indicators = _indicator_rows(view)
    cards = [_figure_card(view, indicators[code]) for code in HEADLINE if code in indicators]
    _cards(cards, "headline")


def other_figures(view: OverviewView) -> None:
    """The localities counted, clearance, and the recommendations."""
    indicators = _indicator_rows(view)
    rows = len(view.table.rows)
    cards = [
        Card(t("overview.localities"), format_number(rows), help=t("overview.localities_help"))
    ]
    cards += [_figure_card(view, indicators[code]) for code in SECONDARY if code in indicators]
    cards.append(
        Card(
            t("overview.open_recommendations"),
            format_number(view.open_recommendations),
            note=t("overview.of_total", total=format_number(view.total_recommendations)),
        )
    )
    cards.append(
        Card(t("overview.overdue_recommendations"), format_number(view.overdue_recommendations))
    )
    _cards(cards, "other-figures")


def _figure_card(view: OverviewView, indicator: pd.Series) -> Card:
    code = indicator.code
    rows = len(view.table.rows)
    figure = view.table.totals.get(code)
    unit = localized(indicator, "unit")
    decimals = int(indicator.decimals)
    coverage = view.coverage.get(code)
    note = (
        t("overview.reporting", n=view.table.reporting(code), total=rows)
        if code not in view.as_of_codes
        else t(
            "asof.card",
            date=format_date(view.as_of),
            n=coverage.reported if coverage else 0,
            total=coverage.expected if coverage else 0,
        )
    )
    number, scale = compact_parts(figure.value if figure else None, decimals)
    if unit != "%":  # the unit, and the word a long figure was shortened by, in the label
        unit = f"{t(scale)} {unit}" if scale else unit
    label = plain_markdown(
        localized(indicator, "name") if unit == "%" else indicator_label(indicator, unit)
    )
    value = (number + ("%" if unit == "%" and figure else "")) + illustrative_mark(
        bool(figure and figure.is_illustrative)
    )
    exact = t("overview.exact", value=_figure_text(figure, indicator)) if scale else None
    card = Card(label, value, note=note, help=exact)
    if code == "disbursement_rate" and figure is not None and indicator.target_value:
        target = float(indicator.target_value)
        gap = figure.value - target
        card = Card(
            # The gap takes the card's second line: the date goes into the label.
            f"{card.label} ({t('asof.until', date=format_date(view.as_of))})",
            card.value,
            gap=("+" if gap >= 0 else "-") + t("overview.points", gap=format_number(abs(gap), 1)),
            help=t("overview.target_help", target=format_amount(target, "%"))
            + " "
            + _coverage_text(coverage)
            + ".",
        )
    return card


CARD_WIDTH = 148  # px: five in a row at 1280 px, wrapping to three at 1024 px


def _cards(cards: list[Card], key: str) -> None:
    """Cards side by side that wrap on a narrow screen, their labels and notes on as many
    lines as they need: nothing on a card is ever cut."""
    row = st.container(horizontal=True, gap="small", key=f"cards-{key}")
    for card in cards:
        row.metric(
            card.label,
            card.value,
            delta=card.gap or card.note,
            delta_color="normal" if card.gap else "off",
            delta_arrow="auto" if card.gap else "off",
            help=card.help,
            border=True,
            width=CARD_WIDTH,
            height="stretch",  # a row of cards as tall as its tallest
        )


def projector_layout() -> None:
    """Room above the fold on a 720 px projector: less blank space over the title, and
    card labels and notes that wrap instead of ending in "…". Fixed rules of ours."""
    st.html(
        "<style>"
        "[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
        "[class*='st-key-cards-'] [data-testid='stMetricLabel'] .stMarkdownEllipsis,"
        "[class*='st-key-cards-'] [data-testid='stMetricLabel'] p,"
        "[class*='st-key-cards-'] [data-testid='stMetricDelta'] .stMarkdownEllipsis,"
        "[class*='st-key-cards-'] [data-testid='stMetricDelta'] p"
        "{white-space:normal;overflow:visible;text-overflow:clip}"
        "</style>"
    )


def _chart_frame(
    view: OverviewView, tree: LocalityTree, code: str, decimals: int, unit: str
) -> pd.DataFrame:
    records = []
    for row in view.table.rows:
        figure = view.table.cells.get((row, code))
        if figure is None:
            continue
        label = short = format_amount(figure.value, unit, decimals)
        note = ""
        if code in view.as_of_codes:
            label += f" ({t('asof.until', date=format_date(view.as_of))})"
            note = _coverage_text(view.row_coverage.get((row, code)))
        records.append(
            {
                "locality": unit_name(tree, row),
                "value": round(figure.value, decimals),
                "label": label,
                "short": short,
                "source": data_source(figure.is_illustrative),
                "note": note,
            }
        )
    return pd.DataFrame(records, columns=["locality", "value", "label", "short", "source", "note"])


def _bars(
    view: OverviewView,
    tree: LocalityTree,
    indicator: pd.Series,
    title: str,
    target: float | None = None,
) -> None:
    decimals = int(indicator.decimals)
    unit = localized(indicator, "unit")
    frame = _chart_frame(view, tree, indicator.code, decimals, unit)
    if frame.empty:
        return
    st.markdown(f"**{plain_markdown(title)}**")
    show_chart(
        charts.bars_by_locality,
        frame,
        value_title=indicator_label(indicator, unit),
        locality_title=t("col.locality"),
        **source_legend(),
        decimals=decimals,
        target=target,
        note_title=t("asof.col") if indicator.code in view.as_of_codes else None,
    )


def locality_charts(view: OverviewView, tree: LocalityTree) -> None:
    """The ranked rates against the target first (left, or on top on a narrow screen),
    then investment and works."""
    indicators = _indicator_rows(view)
    right, left = st.columns(2)
    with left:
        for code in ("total_investment", "works_count"):
            if code in indicators:
                _bars(
                    view,
                    tree,
                    indicators[code],
                    t("overview.chart_investment") if code == "total_investment" else "",
                )
    with right:
        rate = indicators.get("disbursement_rate")
        if rate is not None:
            target = rate.target_value
            _bars(
                view,
                tree,
                rate,
                t("overview.chart_rate", target=format_amount(target, "%")),
                target,
            )


MAP_KEY = "map"
MAP_OPEN_KEY = "map_open"  # a unit with nothing below, clicked on the map: its profile opens


def unit_map(
    view: OverviewView, tree: LocalityTree, places: Places, parent_id: UUID | None
) -> None:
    """The units of the table as circles at their official places, coloured by the chosen
    figure (the same figures, dates and coverage as the table); a click on a unit shows
    the units below it, or opens the profile of a unit with none."""
    indicators = _indicator_rows(view)
    codes = [
        code
        for code in indicators
        if any((row, code) in view.table.cells for row in view.table.rows)
    ]
    if not codes:
        return
    st.subheader(t("overview.map"))
    # The names themselves as options (no format function), in a box of each language.
    names = {localized(indicators[code], "name"): code for code in codes}
    default = "disbursement_rate" if "disbursement_rate" in codes else codes[0]
    picked = st.selectbox(
        t("overview.map_indicator"),
        list(names),
        index=codes.index(default),
        key=f"map-indicator-{language()}",
    )
    chosen = names[picked]
    indicator = indicators[chosen]
    decimals = int(indicator.decimals)
    unit = localized(indicator, "unit")
    frame = _chart_frame(view, tree, chosen, decimals, unit)
    placed = [
        places.of(
            tree.units[row].level,
            tree.units[row].code,
            former=tree.units[row].valid_to is not None,
        )
        for row in view.table.rows
        if (row, chosen) in view.table.cells
    ]
    ids = [str(row) for row in view.table.rows if (row, chosen) in view.table.cells]
    frame = frame.assign(
        unit=ids,
        lat=[p[0] if p else None for p in placed],
        lon=[p[1] if p else None for p in placed],
    ).dropna(subset=["lat"])
    is_rate = indicator.kind == "ratio" and indicator.target_value is not None
    shown = list(zip(frame["lat"], frame["lon"], strict=True))
    around = places.communes_around([] if parent_id is None else shown)  # the country
    show_chart(
        charts.unit_map,
        frame,
        value_title=indicator_label(indicator, unit),
        locality_title=t("col.locality"),
        source_title=source_legend()["source_title"],
        note_title=t("asof.col") if chosen in view.as_of_codes else None,
        decimals=decimals,
        target=float(indicator.target_value) if is_rate else None,
        backdrop=pd.DataFrame(around, columns=["lat", "lon"]),
        events={
            "on_select": partial(_drill_down, tree),
            "selection_mode": "unit",
            "key": MAP_KEY,
        },
        width="content",  # the names are placed for the map's own size
    )
    unplaced = len(ids) - len(frame)
    if unplaced:
        st.caption(t("overview.map_unplaced", n=unplaced))
    st.caption(t("overview.map_hint"))


def _drill_down(tree: LocalityTree) -> None:
    """A unit clicked: with units below it, they become the rows (a province is chosen, or
    the unit under the province); without, its profile opens (after this callback)."""
    picked = st.session_state.get(MAP_KEY, {}).get("selection", {}).get("unit") or []
    if not picked:
        return
    unit_id = UUID(picked[0]["unit"])
    if not tree.rows_below(unit_id):
        st.session_state[MAP_OPEN_KEY] = tree.units[unit_id].code
    elif tree.units[unit_id].level == "province" and st.session_state.get("province") is None:
        st.session_state["province"] = unit_id
        st.session_state["below"] = None
    else:
        st.session_state["below"] = unit_id


def map_opened() -> str | None:
    """The code of the unit whose profile the map asked to open, once."""
    return st.session_state.pop(MAP_OPEN_KEY, None)


def trend_chart(view: OverviewView) -> None:
    indicators = _indicator_rows(view)
    records = []
    for year, totals in sorted(view.trend.items()):
        last = view.trend_dates.get(year)
        # A year whose figures stop before 31/12 is marked: its point is not a whole year.
        shown = (
            t("asof.partial_year", year=year, date=last.strftime("%d/%m"))
            if last is not None and is_partial_year(year, last)
            else str(year)
        )
        for code in TREND_CODES:
            figure = totals.get(code)
            if figure is None or code not in indicators:
                continue
            indicator = indicators[code]
            unit = localized(indicator, "unit")
            label = _figure_text(figure, indicator)
            if code in view.as_of_codes and figure.period_end is not None:
                label += f" ({t('asof.until', date=format_date(figure.period_end))})"
            records.append(
                {
                    "year": shown,
                    "value": round(figure.value, int(indicator.decimals)),
                    "series": indicator_label(indicator, unit),
                    "label": label,
                }
            )
    if not records:
        return
    st.markdown(f"**{t('overview.chart_trend')}**")
    show_chart(
        charts.trend_by_year,
        pd.DataFrame(records),
        year_title=t("col.year"),
        value_title=t("col.value"),
        series_title=t("col.indicator"),
    )


def milestone_chart(view: OverviewView, tree: LocalityTree) -> None:
    st.markdown(f"**{t('overview.chart_milestones')}**")
    if view.milestones.empty:
        st.caption(t("overview.no_milestones"))
        return
    cells = (
        view.milestones.groupby(["locality_id", "kind"])["status"]
        .agg(lambda statuses: worst_status(list(statuses)))
        .reset_index()
    )
    cells["locality"] = [unit_name(tree, i) for i in cells["locality_id"]]
    cells["milestone"] = [t(f"milestone.{k}") for k in cells["kind"]]
    cells["status_label"] = [t(f"mstatus.{s}") for s in cells["status"]]
    labels = {s: t(f"mstatus.{s}") for s in charts.STATUS_COLORS}
    show_chart(
        charts.milestone_matrix,
        cells,
        locality_title=t("col.locality"),
        milestone_title=t("col.milestone"),
        status_title=t("col.status"),
        status_labels=labels,
        milestone_order=[t(f"milestone.{k}") for k in MILESTONE_KINDS],
    )


@dataclass(frozen=True)
class FiguresTable:
    """The overview's table: numbers kept numeric (a column sorts by value), shown the
    Vietnamese way by ``display``; the total apart, so that sorting never moves it."""

    rows: pd.DataFrame
    total: pd.DataFrame
    number_columns: dict[str, int]  # column -> decimals
    illustrative: set[tuple[int, str]]  # (row position, column) of illustrative figures
    total_illustrative: set[tuple[int, str]]

    def display(self, frame: pd.DataFrame, *, total: bool = False):
        """``1.739,4``, `` *`` after an illustrative figure, ``–`` for none."""
        marks = self.total_illustrative if total else self.illustrative
        return styled_numbers(frame, self.number_columns, marks)


def figures_table(view: OverviewView, tree: LocalityTree) -> FiguresTable:
    """Localities x indicators as the user reads them, and the total row."""
    indicators = list(_indicator_rows(view).values())
    columns = {indicator.code: _column(indicator, view) for indicator in indicators}
    number_columns = {columns[i.code]: int(i.decimals) for i in indicators}
    records, illustrative = [], set()
    for position, row in enumerate(view.table.rows):
        record: dict[str, object] = {
            t("col.locality"): unit_name(tree, row),
            t("col.code"): tree.units[row].code,
            t("col.status"): successor_text(tree, row),
        }
        for indicator in indicators:
            figure = view.table.cells.get((row, indicator.code))
            record[columns[indicator.code]] = figure.value if figure else None
            if figure is not None and figure.is_illustrative:
                illustrative.add((position, columns[indicator.code]))
        if view.as_of_codes:
            record[t("asof.col")] = _row_as_of(view, row)
        records.append(record)
    frame = pd.DataFrame(records)
    total: dict[str, object] = {
        t("col.locality"): t("overview.total_row"),
        t("col.code"): "",
        t("col.status"): "",
    }
    total_marks = set()
    for indicator in indicators:
        figure = view.table.totals.get(indicator.code)
        total[columns[indicator.code]] = figure.value if figure else None
        if figure is not None and figure.is_illustrative:
            total_marks.add((0, columns[indicator.code]))
    if view.as_of_codes:
        lead = view.as_of_lead
        total[t("asof.col")] = _coverage_text(view.coverage.get(lead) if lead else None)
    for column in number_columns:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return FiguresTable(frame, pd.DataFrame([total]), number_columns, illustrative, total_marks)


def _row_as_of(view: OverviewView, row: UUID) -> str:
    """A row's as-of coverage, or, where it has none on the view's date, its latest."""
    lead = view.as_of_lead
    coverage = view.row_coverage.get((row, lead)) if lead else None
    if coverage is not None and coverage.reported:
        return _coverage_text(coverage)
    latest = view.row_latest.get(row)
    if latest is None:
        return "–"
    return t("asof.row_missing", date=format_date(view.as_of), latest=format_date(latest))


def _column(indicator, view: OverviewView) -> str:
    column = indicator_label(indicator)
    if indicator.code in view.as_of_codes and view.as_of:
        column += f" {t('asof.until', date=format_date(view.as_of))}"
    return column


def open_profile_picker(view: OverviewView, tree: LocalityTree) -> None:
    """A plain select-and-open, for keyboards and projectors where clicking a row is awkward."""
    chosen = st.selectbox(
        t("overview.open_locality"),
        options=view.table.rows,
        format_func=lambda i: unit_name(tree, i),
        key="open_locality",
        placeholder=t("filter.choose"),
    )
    if st.button(t("overview.open_button"), key="open_profile") and chosen is not None:
        st.switch_page("pages/locality.py", query_params={"locality": tree.units[chosen].code})
