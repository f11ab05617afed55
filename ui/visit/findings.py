"""Tab "Kết quả giám sát": findings by kind (achievements, shortcomings, difficulties,
causes), edited in place, reordered, deleted with undo."""

from __future__ import annotations

from uuid import UUID

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import Finding, VisitDetail
from domain.vocabulary import FINDING_KINDS
from ui import editing
from ui.actions import may_edit, saved_and_rerun
from ui.autosave import autosaved_text, forget, new_text, own_drafts, text_key
from ui.common import choose_one, t, tm, translated_choice
from ui.data import Reads, Writes
from ui.visit.undo import delete_button, deleted_list, undo_bar


def criterion_labels(detail: VisitDetail) -> dict[UUID | None, str]:
    labels: dict[UUID | None, str] = {None: t("visit.no_criterion")}
    for item in detail.checklist:
        text = item.text if len(item.text) <= 70 else item.text[:67] + "…"
        labels[item.criterion_id] = f"{item.code}. {text}"
    return labels


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    editable = may_edit(detail)
    undo_bar("finding", writes)
    criteria = criterion_labels(detail)
    for kind in FINDING_KINDS:
        st.subheader(t(f"finding.{kind}"))
        of_kind = [finding for finding in detail.findings if finding.kind == kind]
        for position, finding in enumerate(of_kind, start=1):
            with st.container(border=True):
                _finding(detail, finding, position, len(of_kind), criteria, editable, writes)
        if editable:
            _new_finding(detail, kind, criteria, writes)
    deleted_list(detail.deleted_findings, "finding", editable, writes)


def _finding(
    detail: VisitDetail,
    finding: Finding,
    position: int,
    count: int,
    criteria: dict[UUID | None, str],
    editable: bool,
    writes: Writes,
) -> None:
    scope = commands.draft_scope("finding", finding.id, "text")
    edit = editing.begin(
        f"finding:{finding.id}",
        finding.version,
        {text_key(scope): finding.text},
        own_drafts(detail, scope),
    )
    text = autosaved_text(
        f"{position}.",
        scope=scope,
        saved=finding.text,
        base_version=edit.base,
        drafts=detail.drafts,
        writes=writes,
        disabled=not editable,
        height=80,
    )
    if finding.criterion_id in criteria and finding.criterion_id is not None:
        st.caption(tm("visit.criterion", criterion=criteria[finding.criterion_id]))
    if not editable:
        return
    expected, again = editing.save_against(edit, {"text": t("col.text")}, writes, (scope,))
    save, up, down, delete = st.columns([2, 1, 1, 1])
    if (save.button(t("save"), key=f"save-{finding.id}") or again) and writes.run(
        commands.update_finding,
        finding.id,
        expected,
        {"text": text.strip()},
        conflict_key=edit.record,
    ).ok:
        editing.done(edit)
        saved_and_rerun()
    moves = (
        (up, "↑", -1, position == 1, "visit.move_up", "up"),
        (down, "↓", 1, position == count, "visit.move_down", "down"),
    )
    for column, arrow, step, at_end, help_key, name in moves:
        if (
            column.button(arrow, key=f"{name}-{finding.id}", disabled=at_end, help=t(help_key))
            and writes.run(commands.move_finding, finding.id, step).ok
        ):
            saved_and_rerun()
    delete_button(delete, "finding", finding, writes)


def _new_finding(
    detail: VisitDetail, kind: str, criteria: dict[UUID | None, str], writes: Writes
) -> None:
    scope = commands.draft_scope("visit", detail.id, f"new_finding:{kind}")
    text = new_text(
        t("visit.new_finding", kind=t(f"finding.{kind}").lower()),
        scope=scope,
        drafts=detail.drafts,
        writes=writes,
        height=80,
    )
    left, right = st.columns([4, 1])
    criterion = choose_one(
        left, t("visit.link_criterion"), criteria, key=translated_choice(f"criterion-{kind}")
    )
    if (
        right.button(t("visit.add"), key=f"add-{kind}")
        and writes.run(commands.add_finding, detail.id, kind, text, criterion).ok
    ):
        forget(scope)
        saved_and_rerun()
