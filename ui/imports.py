"""The import screen: report templates out, filled reports and the catalogue in."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import streamlit as st

from data_access import imports
from domain.imports import ImportProblem, ParsedReport
from domain.localities import LocalityTree
from excel.report_import import read_report
from excel.safety import FileRefused
from excel.template import report_template, template_file_name
from excel.works import read_works, works_file_name, works_template
from texts.formats import format_local_time, format_number
from ui.actions import attempt, saved_and_rerun
from ui.common import t, unit_name
from ui.data import Reads, engine, today
from ui.exports import XLSX

MAX_CATALOGUE_BYTES = 20 * 1024 * 1024


def template_download(reads: Reads) -> None:
    tree = reads.tree()
    campaigns = reads.campaigns()
    names = dict(zip(campaigns["id"], campaigns["name"], strict=True))
    campaign_id = st.selectbox(
        t("filter.campaign"), options=list(names), format_func=names.get, key="tpl-campaign"
    )
    on = today()
    left, middle, right = st.columns([2, 1, 1])
    label = left.text_input(t("visit.period_label"), value=f"Năm {on.year}", key="tpl-label")
    start = middle.date_input(
        t("visit.period_start"), value=date(on.year, 1, 1), format="DD/MM/YYYY", key="tpl-start"
    )
    end = right.date_input(
        t("visit.period_end"), value=date(on.year, 12, 31), format="DD/MM/YYYY", key="tpl-end"
    )
    provinces = sorted(
        (u for u in tree.units.values() if u.level == "province" and u.existed_during(end, end)),
        key=lambda u: u.name,
    )
    area = st.selectbox(
        t("imports.area"),
        options=[None, *[u.id for u in provinces]],
        format_func=lambda i: t("filter.whole_country") if i is None else unit_name(tree, i),
        key="tpl-area",
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
        spec = imports.template_spec(engine(), campaign_id, start, end, label.strip() or "")
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


def report_upload() -> None:
    uploaded = st.file_uploader(t("imports.upload_report"), type=["xlsx"], key="report-file")
    if uploaded is None:
        return
    content = uploaded.getvalue()
    if _already_imported(content):
        return
    with st.spinner(t("imports.checking")):
        report = _check(content)
    if report is None:
        return
    if not report.ok:
        show_problems(report.problems)
        return
    preview = imports.preview_report_import(engine(), report)
    _show_preview(report, preview)
    if (
        st.button(t("imports.confirm"), type="primary", key="confirm-report")
        and attempt(imports.apply_report_import, engine(), report, uploaded.name, content).ok
    ):
        saved_and_rerun(t("imports.done", n=len(preview.added) + len(preview.changed)))


def show_problems(problems: list[ImportProblem]) -> None:
    """Every problem with where it is, so the file can be fixed in one go."""
    st.error(t("imports.problems", n=len(problems)))
    st.dataframe(
        pd.DataFrame(
            {
                t("imports.sheet"): [p.sheet for p in problems],
                t("imports.cell"): [p.cell for p in problems],
                t("imports.column"): [p.column for p in problems],
                t("col.value"): [p.value for p in problems],
                t("imports.reason"): [t(f"cell.{p.reason}", **p.details) for p in problems],
            }
        ),
        hide_index=True,
    )


def _already_imported(content: bytes) -> bool:
    previous = imports.find_import(engine(), imports.file_digest(content))
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


def works_section(reads: Reads) -> None:
    tree = reads.tree()
    campaigns = reads.campaigns()
    names = dict(zip(campaigns["id"], campaigns["name"], strict=True))
    codes = dict(zip(campaigns["id"], campaigns["code"], strict=True))
    left, right = st.columns(2)
    campaign_id = left.selectbox(
        t("filter.campaign"), options=list(names), format_func=names.get, key="works-campaign"
    )
    on = today()
    provinces = sorted(
        (u for u in tree.units.values() if u.level == "province" and u.existed_during(on, on)),
        key=lambda u: u.name,
    )
    area = right.selectbox(
        t("imports.area"),
        options=[u.id for u in provinces],
        format_func=lambda i: unit_name(tree, i),
        key="works-area",
    )
    area_ids = [area, *tree.descendants(area)] if area else []

    def build() -> bytes:
        known = imports.works_of_area(engine(), area_ids)
        return works_template(codes[campaign_id], names[campaign_id], known)

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
    if _already_imported(content):
        return
    try:
        with st.spinner(t("imports.checking")):
            parsed = read_works(content, imports.report_context(engine()).known_codes)
    except FileRefused as refused:
        st.error(t(f"file.{refused.reason}"))
        return
    if not parsed.ok:
        show_problems(parsed.problems)
        return
    preview = imports.preview_works_import(engine(), parsed)
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
        and attempt(imports.apply_works_import, engine(), parsed, uploaded.name, content).ok
    ):
        saved_and_rerun(t("imports.done", n=len(preview.added) + len(preview.changed)))


def _check(content: bytes) -> ParsedReport | None:
    context = imports.report_context(engine())
    try:
        return read_report(content, context.known_codes, context.headers, context.units)
    except FileRefused as refused:
        st.error(t(f"file.{refused.reason}"))
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
    changes = preview.changed + preview.added
    if changes:
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.code"): [c.locality_code for c in changes],
                    t("col.indicator"): [c.indicator for c in changes],
                    t("imports.old"): [
                        "–" if c.old is None else format_number(c.old, 1) for c in changes
                    ],
                    t("imports.new"): [format_number(c.new, 1) for c in changes],
                }
            ),
            hide_index=True,
        )


def catalogue_upload(tree: LocalityTree) -> None:
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
            outcome = attempt(imports.import_catalogue, engine(), data, uploaded.name, content)
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


def history() -> None:
    frame = imports.import_history(engine())
    if frame.empty:
        st.caption(t("locality.none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("col.date"): [format_local_time(v) for v in frame["created_at"]],
                t("imports.file"): frame["file_name"],
                t("col.kind"): [t(f"imports.kind.{k}") for k in frame["kind"]],
                t("imports.by"): frame["imported_by"].fillna("–"),
                t("imports.rows"): frame["row_count"],
                "SHA-256": frame["sha256"].str[:16] + "…",
            }
        ),
        hide_index=True,
    )
