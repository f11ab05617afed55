"""The pieces of the locality profile screen."""

from __future__ import annotations

from uuid import UUID

import pandas as pd
import streamlit as st

from data_access.locality_profile import LocalityProfile
from domain.localities import LocalityTree
from domain.recommendations import is_overdue
from domain.vocabulary import FINDING_KINDS
from texts.formats import format_date, format_number
from ui import charts
from ui.common import illustrative_mark, is_english, plain_markdown, t

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
            st.warning(t("locality.not_found", code=code))
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
    st.header(profile.name)
    parent = profile.parent_name
    if parent and profile.parent_valid_to:
        parent += f" ({t('former')})"
    facts = [t(f"level.{profile.level}"), f"{t('col.code')} {profile.code}"]
    if parent:
        facts.append(t("locality.parent", parent=parent))
    st.caption(" · ".join(facts))

    def joined(links: list[tuple[str, str, str]]) -> str:
        return ", ".join(
            f"{name} ({t('locality.part') if kind == 'partial' else t('locality.whole')})"
            for name, _code, kind in links
        )

    if profile.valid_to:
        st.info(
            t(
                "locality.abolished",
                date=format_date(profile.valid_to),
                successors=joined(profile.successors) or "–",
            )
        )
    if profile.predecessors and profile.valid_from:
        st.info(
            t(
                "locality.formed_from",
                date=format_date(profile.valid_from),
                predecessors=joined(profile.predecessors),
            )
        )


def _for_campaign(frame: pd.DataFrame, campaign_id: UUID) -> pd.DataFrame:
    if frame.empty or "campaign_id" not in frame:
        return frame
    return frame[frame["campaign_id"] == campaign_id].reset_index(drop=True)


def indicators(profile: LocalityProfile, campaign_id: UUID) -> None:
    values = _for_campaign(profile.values, campaign_id)
    if values.empty:
        st.caption(t("locality.none"))
        return
    lang = "en" if is_english() else "vi"
    values = values.assign(
        column=values[f"name_{lang}"] + " (" + values[f"unit_{lang}"] + ")",
        # The unit is in the column header; the cell holds the figure.
        text=[
            (
                f"{format_number(v.value, int(v.decimals))}%"
                if v.kind == "ratio"
                else format_number(v.value, int(v.decimals))
            )
            + illustrative_mark(bool(v.is_illustrative))
            for v in values.itertuples(index=False)
        ],
        period=[
            f"{v.period_label or ''} ({format_date(v.period_start)}–{format_date(v.period_end)})"
            for v in values.itertuples(index=False)
        ],
    )
    order = values.drop_duplicates("column").sort_values("sort_order")["column"].tolist()
    periods = values.drop_duplicates("period")["period"].tolist()
    table = (
        values.pivot_table(
            index="period", columns="column", values="text", aggfunc="first", sort=False
        )
        .reindex(index=periods, columns=order)
        .fillna("–")
        .reset_index()
        .rename(columns={"period": t("col.period")})
    )
    st.dataframe(table, hide_index=True)
    st.caption(t("app.illustrative_legend"))
    sources = values.drop_duplicates("source")[["source", "is_illustrative"]]
    with st.expander(t("col.source")):
        for row in sources.itertuples(index=False):
            st.markdown("- " + plain_markdown(row.source or "–"))
    names = values.drop_duplicates("code").sort_values("sort_order")
    chosen = st.selectbox(
        t("locality.chart_indicator"),
        options=names["code"].tolist(),
        format_func=dict(zip(names["code"], names["column"], strict=True)).get,
        key="profile_indicator",
    )
    series = values[values["code"] == chosen]
    frame = pd.DataFrame(
        {
            "locality": series["period"],
            "value": series["value"].round(int(series["decimals"].iloc[0])),
            "label": series["text"],
            "source": [
                t("source.illustrative") if i else t("source.reported")
                for i in series["is_illustrative"]
            ],
        }
    )
    st.altair_chart(
        charts.bars_by_locality(
            frame,
            value_title=series["column"].iloc[0],
            locality_title=t("col.period"),
            source_title=t("col.source"),
            reported=t("source.reported"),
            illustrative=t("source.illustrative"),
            decimals=int(series["decimals"].iloc[0]),
            sort=False,
        ),
        width="stretch",
    )


def _data_source(is_illustrative: bool) -> str:
    return t("source.illustrative") if is_illustrative else t("source.reported")


def works(profile: LocalityProfile, campaign_id: UUID) -> None:
    frame = _for_campaign(profile.works, campaign_id)
    if frame.empty:
        st.caption(t("locality.none"))
        return
    table = pd.DataFrame(
        {
            t("col.work"): frame["name"],
            t("col.key_project"): frame["is_key_project"].astype(bool),
            t("col.category"): frame["category"].fillna("–"),
            t("col.investment"): [
                format_number(v, 1) if pd.notna(v) else "–" for v in frame["total_investment"]
            ],
            t("col.status"): [t(f"work.{s}") for s in frame["status"]],
            t("col.progress"): frame["progress_percent"],
            t("col.data"): [_data_source(bool(i)) for i in frame["is_illustrative"]],
        }
    )
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
    plans = _for_campaign(profile.implementations, campaign_id)
    for plan in plans.itertuples(index=False):
        document = plan.plan_document or t("locality.plan_unknown")
        if pd.notna(plan.plan_date):
            document += f" ({format_date(plan.plan_date)})"
        st.markdown(
            plain_markdown(t("locality.plan", plan=document))
            + illustrative_mark(bool(plan.is_illustrative))
        )
        if plan.note:
            st.caption(plain_markdown(plan.note))
    frame = _for_campaign(profile.milestones, campaign_id)
    if frame.empty:
        st.caption(t("locality.none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("col.milestone"): [t(f"milestone.{k}") for k in frame["kind"]],
                t("col.text"): frame["label"].fillna(""),
                t("col.due"): [format_date(d) if pd.notna(d) else "–" for d in frame["due_date"]],
                t("col.done"): [
                    format_date(d) if pd.notna(d) else ("✓" if done else "–")
                    for d, done in zip(frame["done_date"], frame["is_done"], strict=True)
                ],
                t("col.status"): [t(f"mstatus.{s}") for s in frame["status"]],
                t("col.data"): [_data_source(bool(i)) for i in frame["is_illustrative"]],
            }
        ),
        hide_index=True,
    )


def visits(profile: LocalityProfile, campaign_id: UUID) -> pd.DataFrame:
    frame = _for_campaign(profile.visits, campaign_id)
    if frame.empty:
        st.caption(t("locality.none"))
        return frame
    st.dataframe(
        pd.DataFrame(
            {
                t("col.date"): [format_date(d) for d in frame["visit_date"]],
                t("col.delegation"): frame["delegation"].fillna("–"),
                t("col.venue"): frame["venue"].fillna("–"),
                t("col.status"): [t(f"visit.{s}") for s in frame["status"]],
                t("col.data"): [_data_source(bool(i)) for i in frame["is_illustrative"]],
            }
        ),
        hide_index=True,
    )
    return frame


def findings(profile: LocalityProfile, visit_ids: set[UUID]) -> None:
    frame = profile.findings[profile.findings["visit_id"].isin(visit_ids)]
    if frame.empty:
        st.caption(t("locality.none"))
        return
    for kind in FINDING_KINDS:
        of_kind = frame[frame["kind"] == kind]
        if of_kind.empty:
            continue
        st.markdown(f"**{t(f'finding.{kind}')}**")
        for row in of_kind.itertuples(index=False):
            st.markdown(
                f"- {format_date(row.visit_date)}: {plain_markdown(row.text)}"
                + illustrative_mark(bool(row.is_illustrative))
            )


def recommendations(profile: LocalityProfile, visit_ids: set[UUID], today) -> None:
    frame = profile.recommendations[profile.recommendations["visit_id"].isin(visit_ids)]
    frame = frame.reset_index(drop=True)
    if frame.empty:
        st.caption(t("locality.none"))
        return
    overdue = [
        is_overdue(r.status, r.due_date if pd.notna(r.due_date) else None, today)
        for r in frame.itertuples(index=False)
    ]
    if any(overdue):
        st.warning(t("locality.overdue_count", n=sum(overdue)))
    table = pd.DataFrame(
        {
            t("col.status"): [
                t("rstatus.overdue", days=r.days_overdue) if late else t(f"rstatus.{r.status}")
                for r, late in zip(frame.itertuples(index=False), overdue, strict=True)
            ],
            t("col.direction"): [t(f"direction.{d}") for d in frame["direction"]],
            t("col.addressee"): frame["addressee"].fillna("–"),
            t("col.text"): frame["text"],
            t("col.due"): [format_date(d) if pd.notna(d) else "–" for d in frame["due_date"]],
            t("col.visit"): [format_date(d) for d in frame["visit_date"]],
            t("col.data"): [_data_source(bool(i)) for i in frame["is_illustrative"]],
        }
    )
    styled = table.style.apply(
        lambda row: ["background-color: #fdecea" if overdue[row.name] else ""] * len(row),
        axis=1,
    )
    st.dataframe(
        styled,
        hide_index=True,
        column_config={t("col.text"): st.column_config.TextColumn(width="large")},
    )
