"""The import screen: report templates out, filled reports and the catalogue in."""

from __future__ import annotations

import json
from datetime import date

import streamlit as st

from data_access import imports
from documents.office_files import FileRefused
from domain.imports import ImportProblem, ParsedReport
from domain.localities import LocalityTree
from excel.report_import import read_report_against
from excel.template import report_template, template_file_name
from excel.works import read_works, works_file_name, works_template
from texts.formats import format_local_time, format_number
from ui.actions import problem_text, saved_and_rerun
from ui.common import (
    check_note,
    choose_one,
    plain_markdown,
    provinces_on,
    t,
    translated_choice,
    unit_name,
)
from ui.data import Reads, Writes
from ui.exports import XLSX

MAX_CATALOGUE_BYTES = 20 * 1024 * 1024


def template_download(reads: Reads) -> None:
    tree = reads.tree()
    names = reads.campaign_names()
    campaign_id = choose_one(st, t("filter.campaign"), names, key="tpl-campaign")
    on = reads.today()
    left, middle, right = st.columns([2, 1, 1])
    label = left.text_input(t("visit.period_label"), value=f"Năm {on.year}", key="tpl-label")
    start = middle.date_input(
        t("visit.period_start"), value=date(on.year, 1, 1), format="DD/MM/YYYY", key="tpl-start"
    )
    end = right.date_input(
        t("visit.period_end"), value=date(on.year, 12, 31), format="DD/MM/YYYY", key="tpl-end"
    )
    area = st.selectbox(
        t("imports.area"),
        options=[None, *provinces_on(tree, end)],
        format_func=lambda i: t("filter.whole_country") if i is None else unit_name(tree, i),
        key=translated_choice("tpl-area"),
        placeholder=t("filter.choose"),
    )
    rows = [
        unit_id
        for unit_id in tree.rows_below(area)
        if tree.units[unit_id].existed_during(start, end)
    ]
    st.caption(t("imports.template_rows", n=format_number(len(rows))))
    if start > end:
        st.error(t("problem.period_order"))
        return
    area_name = t("filter.whole_country") if area is None else tree.units[area].name

    def build() -> bytes:
        spec = reads.template_spec(campaign_id, start, end, label.strip() or "")
        return report_template(spec, [(tree.units[u].code, tree.units[u].name) for u in rows])

    st.download_button(
        t("imports.download_template"),
        data=build,
        file_name=template_file_name(area_name, end),
        mime=XLSX,
        icon=":material/download:",
        key="tpl-download",
        on_click="ignore",
        disabled=not rows,
    )


def report_upload(reads: Reads, writes: Writes) -> None:
    uploaded = st.file_uploader(t("imports.upload_report"), type=["xlsx"], key="report-file")
    if uploaded is None:
        return
    content = uploaded.getvalue()
    if _already_imported(reads, content):
        return
    with st.spinner(t("imports.checking")):
        report = _check(reads, content)
    if report is None:
        return
    if not report.ok:
        show_problems(report.problems)
        return
    preview = reads.report_preview(report)
    _show_preview(report, preview)
    if preview.refused:
        return  # nothing is imported while a figure would be counted twice
    if (
        st.button(t("imports.confirm"), type="primary", key="confirm-report")
        and writes.run(imports.apply_report_import, report, uploaded.name, content).ok
    ):
        saved_and_rerun(t("imports.done", n=len(preview.added) + len(preview.changed)))


def show_problems(problems: list[ImportProblem]) -> None:
    """Every problem with where it is, so the file can be fixed in one go."""
    st.error(t("imports.problems", n=len(problems)))
    st.dataframe(
        {
            t("imports.sheet"): [p.sheet for p in problems],
            t("imports.cell"): [p.cell for p in problems],
            t("imports.column"): [p.column for p in problems],
            t("col.value"): [p.value for p in problems],
            t("imports.reason"): [t(f"cell.{p.reason}", **p.details) for p in problems],
        },
        hide_index=True,
    )


def _already_imported(reads: Reads, content: bytes) -> bool:
    previous = reads.previous_import(content)
    if previous is not None:
        st.warning(
            t(
                "imports.already",
                name=previous.file_name,
                when=format_local_time(previous.imported_at),
                who=previous.imported_by or "–",
            )
        )
    return previous is not None


def works_section(reads: Reads, writes: Writes) -> None:
    tree = reads.tree()
    campaigns = {campaign.id: campaign for campaign in reads.campaigns()}
    left, right = st.columns(2)
    campaign_id = left.selectbox(
        t("filter.campaign"),
        options=list(campaigns),
        format_func=lambda i: campaigns[i].name,
        key="works-campaign",
        placeholder=t("filter.choose"),
    )
    on = reads.today()
    area = right.selectbox(
        t("imports.area"),
        options=provinces_on(tree, on),
        format_func=lambda i: unit_name(tree, i),
        key="works-area",
        placeholder=t("filter.choose"),
    )
    area_ids = [area, *tree.descendants(area)] if area else []

    def build() -> bytes:
        campaign = campaigns[campaign_id]
        return works_template(campaign.code, campaign.name, reads.works_of_area(area_ids))

    st.download_button(
        t("imports.download_works"),
        data=build,
        file_name=works_file_name(tree.units[area].name if area else "", on),
        mime=XLSX,
        icon=":material/download:",
        key="works-download",
        on_click="ignore",
        disabled=area is None,
    )
    uploaded = st.file_uploader(t("imports.upload_works"), type=["xlsx"], key="works-file")
    if uploaded is None:
        return
    content = uploaded.getvalue()
    if _already_imported(reads, content):
        return
    try:
        with st.spinner(t("imports.checking")):
            context = reads.report_context()
            parsed = read_works(content, context.known_codes, campaigns=context.campaign_codes)
    except FileRefused as refused:
        st.error(t(f"file.{refused.reason}", **refused.details))
        return
    if not parsed.ok:
        show_problems(parsed.problems)
        return
    preview = reads.works_preview(parsed)
    st.success(
        t(
            "imports.works_preview",
            added=len(preview.added),
            changed=len(preview.changed),
            unchanged=len(preview.unchanged),
        )
    )
    if (
        st.button(t("imports.confirm"), type="primary", key="confirm-works")
        and writes.run(imports.apply_works_import, parsed, uploaded.name, content).ok
    ):
        saved_and_rerun(t("imports.done", n=len(preview.added) + len(preview.changed)))


def _check(reads: Reads, content: bytes) -> ParsedReport | None:
    context = reads.report_context()
    try:
        return read_report_against(content, context)
    except FileRefused as refused:
        st.error(t(f"file.{refused.reason}", **refused.details))
        return None


def _show_preview(report: ParsedReport, preview: imports.ImportPreview) -> None:
    st.success(
        t(
            "imports.preview",
            label=report.period_label,
            rows=len(report.rows),
            added=len(preview.added),
            changed=len(preview.changed),
            unchanged=len(preview.unchanged),
        )
    )
    if preview.refused:
        st.error(t("imports.overlaps", n=len(preview.refused)))
        st.dataframe(
            {
                t("col.code"): [change.locality_code for change, _ in preview.refused],
                t("col.problem"): [
                    problem_text(overlap, markdown=False) for _, overlap in preview.refused
                ],
            },
            hide_index=True,
        )
    if preview.checks:
        st.info(
            t("imports.checks", n=len(preview.checks))
            + " "
            + "; ".join(
                plain_markdown(f"{change.locality_code} · {change.indicator}: ")
                + check_note(change.new, decision.restated_sum, 1)
                for change, decision in preview.checks
            )
        )
    changes = preview.changed + preview.added
    if changes:
        st.dataframe(
            {
                t("col.code"): [c.locality_code for c in changes],
                t("col.indicator"): [c.indicator for c in changes],
                t("imports.old"): [
                    "–" if c.old is None else format_number(c.old, 1) for c in changes
                ],
                t("imports.new"): [format_number(c.new, 1) for c in changes],
            },
            hide_index=True,
        )


def catalogue_upload(tree: LocalityTree, writes: Writes) -> None:
    st.caption(t("imports.catalogue_help"))
    uploaded = st.file_uploader(t("imports.upload_catalogue"), type=["json"], key="catalogue")
    if uploaded is None:
        return
    content = uploaded.getvalue()
    if len(content) > MAX_CATALOGUE_BYTES:
        st.error(t("file.too_large"))
        return
    try:
        data = json.loads(content)
        counts = imports.preview_catalogue(data)
    except (ValueError, imports.InvalidInput):
        st.error(t("imports.catalogue_format"))
        return
    st.info(
        t(
            "imports.catalogue_preview",
            provinces=counts.provinces,
            communes=format_number(counts.communes),
            former=format_number(counts.former_units),
            links=format_number(counts.successions),
            known=format_number(len(tree.units)),
        )
    )
    if st.button(t("imports.confirm"), type="primary", key="confirm-catalogue"):
        with st.spinner(t("imports.importing")):
            outcome = writes.run(imports.import_catalogue, data, uploaded.name, content)
        if outcome.ok:
            added = outcome.value
            saved_and_rerun(
                t(
                    "imports.catalogue_done",
                    provinces=added.provinces,
                    communes=format_number(added.communes),
                    former=format_number(added.former_units),
                )
            )


def history(reads: Reads) -> None:
    done = reads.import_history()
    if not done:
        st.caption(t("locality.none"))
        return
    st.dataframe(
        {
            t("col.date"): [format_local_time(i.created_at) for i in done],
            t("imports.file"): [i.file_name for i in done],
            t("col.kind"): [t(f"imports.kind.{i.kind}") for i in done],
            t("imports.by"): [i.imported_by or "–" for i in done],
            t("imports.rows"): [i.row_count for i in done],
            "SHA-256": [i.sha256[:16] + "…" for i in done],
        },
        hide_index=True,
    )
