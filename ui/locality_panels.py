"""The pieces of the locality profile screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar
from uuid import UUID

import pandas as pd
import streamlit as st

from data_access.dashboard import UnitYears
from data_access.locality_profile import (
    LocalityFigure,
    LocalityProfile,
    ProfileVisit,
    Succession,
)
from domain.as_of import Coverage, is_partial_year
from domain.localities import LocalityTree
from domain.periods import comparable_lengths
from domain.vocabulary import FINDING_KINDS
from texts.formats import format_date, format_number
from ui import charts
from ui.common import (
    check_note,
    choose_one,
    data_source,
    illustrative_mark,
    indicator_label,
    overdue_rows,
    plain_markdown,
    recommendation_status,
    show_chart,
    source_legend,
    styled_numbers,
    succession_name,
    t,
    tm,
    translated_choice,
)

R = TypeVar("R")

PICK_KEY = "locality_pick"
URL_KEY = "locality_from_url"


def locality_picker(
    tree: LocalityTree,
    choices: tuple[list[UUID], dict[UUID, str]],
    allowed: frozenset[UUID] | None = None,
) -> UUID | None:
    """Choose a locality; ``?locality=<code>`` in the address opens one directly and the
    address follows the choice, so a profile can be bookmarked or sent."""
    code = st.query_params.get("locality")
    if code and st.session_state.get(URL_KEY) != code:
        found = tree.find_code(code)
        st.session_state[URL_KEY] = code
        if found is not None and allowed is not None and found not in allowed:
            found = None  # outside the user's localities: as if it did not exist
        if found is None:
            st.warning(tm("locality.not_found", code=code))
        else:
            st.session_state[PICK_KEY] = found
    options, labels = choices
    chosen = st.selectbox(
        t("locality.choose"),
        options=options,
        format_func=labels.__getitem__,
        key=PICK_KEY,
        index=None,
        placeholder=t("filter.choose"),
    )
    if chosen is not None and st.query_params.get("locality") != tree.units[chosen].code:
        st.query_params["locality"] = tree.units[chosen].code
        st.session_state[URL_KEY] = tree.units[chosen].code
    return chosen


def header(profile: LocalityProfile) -> None:
    st.header(plain_markdown(profile.name))
    parent = profile.parent_name
    if parent and profile.parent_valid_to:
        parent += f" ({t('former')})"
    facts = [t(f"level.{profile.level}"), f"{t('col.code')} {profile.code}"]
    if parent:
        facts.append(tm("locality.parent", parent=parent))
    st.caption(" · ".join(facts))

    def joined(links: tuple[Succession, ...]) -> str:
        return ", ".join(succession_name(link.name, link.kind) for link in links)

    if profile.valid_to:
        st.info(
            tm(
                "locality.abolished",
                date=format_date(profile.valid_to),
                successors=joined(profile.successors) or "–",
            )
        )
    if profile.predecessors and profile.valid_from:
        st.info(
            tm(
                "locality.formed_from",
                date=format_date(profile.valid_from),
                predecessors=joined(profile.predecessors),
            )
        )


def _for_campaign(records: Sequence[R], campaign_id: UUID) -> list[R]:
    return [record for record in records if record.campaign_id == campaign_id]


def _figure_text(figure: LocalityFigure) -> str:
    # The unit is in the column header; the cell holds the figure.
    number = format_number(figure.value, figure.decimals)
    return (f"{number}%" if figure.kind == "ratio" else number) + illustrative_mark(
        figure.is_illustrative
    )


def _period_text(figure: LocalityFigure) -> str:
    span = f"{format_date(figure.period_start)}–{format_date(figure.period_end)}"
    return f"{figure.period_label or ''} ({span})"


def indicators(profile: LocalityProfile, campaign_id: UUID) -> None:
    values = _for_campaign(profile.values, campaign_id)
    if not values:
        st.caption(t("locality.none"))
        return
    columns = {v.code: indicator_label(v) for v in sorted(values, key=lambda v: v.sort_order)}
    periods = list(dict.fromkeys(_period_text(v) for v in values))
    cells: dict[tuple[str, str], str] = {}
    for v in values:
        text = _figure_text(v)
        if v.is_check:  # shown beside the sum it restates, never added to anything
            text += f" ({check_note(v.value, v.restated, v.decimals)})"
        cells.setdefault((_period_text(v), v.code), text)
    table = {
        t("col.period"): periods,
        **{
            header: [cells.get((period, code), "–") for period in periods]
            for code, header in columns.items()
        },
    }
    st.dataframe(table, hide_index=True)
    st.caption(t("app.illustrative_legend"))
    with st.expander(t("col.source")):
        for source in dict.fromkeys(v.source for v in values):
            st.markdown("- " + plain_markdown(source or "–"))
    chosen = choose_one(
        st, t("locality.chart_indicator"), columns, key=translated_choice("profile_indicator")
    )
    series = [v for v in values if v.code == chosen and not v.is_check]
    if not series:
        return
    decimals = series[0].decimals
    if series[0].time_rule == "sum" and series[0].kind == "raw":
        # Flows: bars of one period length only; the others stay in the table above.
        same = comparable_lengths([(v.period_start, v.period_end) for v in series])
        if not all(same):
            st.caption(t("locality.chart_same_length", n=same.count(False)))
        series = [v for v, keep in zip(series, same, strict=True) if keep]
    frame = {
        "locality": [_period_text(v) for v in series],
        "value": [round(v.value, decimals) for v in series],
        "label": [_figure_text(v) for v in series],
        "source": [data_source(v.is_illustrative) for v in series],
    }
    show_chart(
        charts.bars_by_locality,
        frame,
        value_title=columns[chosen],
        locality_title=t("col.period"),
        **source_legend(),
        decimals=decimals,
        sort=False,
    )


def unit_years(years: UnitYears) -> None:
    """A unit above a commune: its units' figures by year, by the overview's rules."""
    st.subheader(t("locality.units_below"))
    if not years.totals and not years.whole:
        st.caption(t("locality.none"))
        return
    indicators = [i for i in years.indicators if any(i.code in y for y in years.totals.values())]
    columns = {i.code: indicator_label(i) for i in indicators}
    lead = next((i.code for i in indicators if i.is_as_of), None)
    labels, rows, marks = [], [], []
    for year, totals in sorted(years.totals.items()):
        last = years.last_dates[year]
        partial = is_partial_year(year, last)
        labels.append(
            t("asof.partial_year", year=year, date=last.strftime("%d/%m")) if partial else str(year)
        )
        rows.append(totals)
        coverage = years.coverage.get(year, {}).get(lead) if lead else None
        as_of = next((totals[c].period_end for c in columns if c in totals and c == lead), None)
        marks.append(_as_of_note(as_of, coverage))
    if years.years and years.whole:
        first, last_year = years.years
        labels.append(t("locality.whole_range", first=first, last=last_year))
        rows.append(years.whole)
        marks.append(_as_of_note(years.whole_as_of, None))
    frame = pd.DataFrame(
        {
            t("col.year"): labels,
            **{
                header: [totals[code].value if code in totals else None for totals in rows]
                for code, header in columns.items()
            },
            t("asof.col"): marks,
        }
    )
    decimals = {columns[i.code]: int(i.decimals) for i in indicators}
    marked = {
        (position, header)
        for position, totals in enumerate(rows)
        for code, header in columns.items()
        if code in totals and totals[code].is_illustrative
    }
    st.dataframe(styled_numbers(frame, decimals, marked), hide_index=True)
    st.caption(t("locality.units_below_help"))


def _as_of_note(on: date | None, coverage: Coverage | None) -> str:
    if on is None:
        return "–"
    text = t("asof.until", date=format_date(on))
    if coverage is not None:
        text += " · " + t("asof.coverage", n=coverage.reported, total=coverage.expected)
    return text


def works(profile: LocalityProfile, campaign_id: UUID) -> None:
    found = _for_campaign(profile.works, campaign_id)
    if not found:
        st.caption(t("locality.none"))
        return
    table = {
        t("col.work"): [w.name for w in found],
        t("col.key_project"): [w.is_key_project for w in found],
        t("col.category"): [w.category or "–" for w in found],
        t("col.investment"): [format_number(w.total_investment, 1) for w in found],
        t("col.status"): [t(f"work.{w.status}") for w in found],
        t("col.progress"): [w.progress_percent for w in found],
        t("col.data"): [data_source(w.is_illustrative) for w in found],
    }
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            t("col.progress"): st.column_config.ProgressColumn(
                t("col.progress"), min_value=0, max_value=100, format="%d%%"
            ),
        },
    )


def milestones(profile: LocalityProfile, campaign_id: UUID) -> None:
    for plan in _for_campaign(profile.implementations, campaign_id):
        document = plan.plan_document or t("locality.plan_unknown")
        if plan.plan_date:
            document += f" ({format_date(plan.plan_date)})"
        st.markdown(
            plain_markdown(t("locality.plan", plan=document))
            + illustrative_mark(plan.is_illustrative)
        )
        if plan.note:
            st.caption(plain_markdown(plan.note))
    found = _for_campaign(profile.milestones, campaign_id)
    if not found:
        st.caption(t("locality.none"))
        return
    st.dataframe(
        {
            t("col.milestone"): [t(f"milestone.{m.kind}") for m in found],
            t("col.text"): [m.label or "" for m in found],
            t("col.due"): [format_date(m.due_date) for m in found],
            t("col.done"): [
                format_date(m.done_date) if m.done_date else ("✓" if m.is_done else "–")
                for m in found
            ],
            t("col.status"): [t(f"mstatus.{m.status}") for m in found],
            t("col.data"): [data_source(m.is_illustrative) for m in found],
        },
        hide_index=True,
    )


def visits(profile: LocalityProfile, campaign_id: UUID) -> list[ProfileVisit]:
    found = _for_campaign(profile.visits, campaign_id)
    if not found:
        st.caption(t("locality.none"))
        return found
    st.dataframe(
        {
            t("col.date"): [format_date(v.visit_date) for v in found],
            t("col.delegation"): [v.delegation or "–" for v in found],
            t("col.venue"): [v.venue or "–" for v in found],
            t("col.status"): [t(f"visit.{v.status}") for v in found],
            t("col.data"): [data_source(v.is_illustrative) for v in found],
        },
        hide_index=True,
    )
    return found


def findings(profile: LocalityProfile, visit_ids: set[UUID]) -> None:
    found = [f for f in profile.findings if f.visit_id in visit_ids]
    if not found:
        st.caption(t("locality.none"))
        return
    for kind in FINDING_KINDS:
        of_kind = [f for f in found if f.kind == kind]
        if not of_kind:
            continue
        st.markdown(f"**{t(f'finding.{kind}')}**")
        for finding in of_kind:
            st.markdown(
                f"- {format_date(finding.visit_date)}: {plain_markdown(finding.text)}"
                + illustrative_mark(finding.is_illustrative)
            )


def recommendations(profile: LocalityProfile, visit_ids: set[UUID]) -> None:
    found = [r for r in profile.recommendations if r.visit_id in visit_ids]
    if not found:
        st.caption(t("locality.none"))
        return
    late = [r.days_overdue > 0 for r in found]
    if any(late):
        st.warning(t("locality.overdue_count", n=sum(late)))
    table = {
        t("col.status"): [recommendation_status(r.status, r.days_overdue) for r in found],
        t("col.direction"): [t(f"direction.{r.direction}") for r in found],
        t("col.addressee"): [r.addressee or "–" for r in found],
        t("col.text"): [r.text for r in found],
        t("col.due"): [format_date(r.due_date) for r in found],
        t("col.visit"): [format_date(r.visit_date) for r in found],
        t("col.data"): [data_source(r.is_illustrative) for r in found],
    }
    st.dataframe(
        overdue_rows(table, late),
        hide_index=True,
        column_config={t("col.text"): st.column_config.TextColumn(width="large")},
    )
