"""The visit editor's records: findings, recommendations and attachments."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from data_access import visits as commands
from data_access.attachments import add_attachment, delete_attachment, read_attachment
from data_access.errors import NotFound
from data_access.visit_views import VisitDetail
from domain.recommendations import TRANSITIONS, days_overdue
from domain.vocabulary import FINDING_KINDS, PRIORITIES, RECOMMENDATION_DIRECTIONS
from texts.formats import format_date
from ui.actions import attempt, conflict_for, may_edit, may_follow_up, saved_and_rerun
from ui.autosave import autosaved_text, forget
from ui.common import plain_markdown, t
from ui.data import attachments_folder, engine, today
from ui.visit_editor import show_conflict

UNDO_KEY = "last_deleted"


def _criterion_labels(detail: VisitDetail) -> dict[object, str]:
    labels: dict[object, str] = {None: t("visit.no_criterion")}
    for row in detail.checklist.itertuples(index=False):
        text = row.text if len(row.text) <= 70 else row.text[:67] + "…"
        labels[row.criterion_id] = f"{row.code}. {text}"
    return labels


DELETE = {"finding": commands.delete_finding, "recommendation": commands.delete_recommendation}
RESTORE = {"finding": commands.restore_finding, "recommendation": commands.restore_recommendation}


def _delete_with_undo(column, kind: str, row) -> None:
    """Delete (softly) and offer to undo right away."""
    if (
        column.button(t("visit.delete"), key=f"delete-{row.id}")
        and attempt(DELETE[kind], engine(), row.id).ok
    ):
        st.session_state[UNDO_KEY] = (kind, row.id, row.text)
        saved_and_rerun()


def _undo_bar(of_kind: str) -> None:
    """Right after a delete: one click puts it back (shown in the deleted item's tab)."""
    undo = st.session_state.get(UNDO_KEY)
    if not undo or undo[0] != of_kind:
        return
    kind, record_id, text = undo
    left, right = st.columns([4, 1])
    left.info(t("visit.deleted", text=text[:80]))
    if right.button(t("visit.undo"), key="undo") and attempt(RESTORE[kind], engine(), record_id).ok:
        st.session_state.pop(UNDO_KEY, None)
        saved_and_rerun()


# --- findings -------------------------------------------------------------------------------


def findings(detail: VisitDetail) -> None:
    editable = may_edit(detail)
    _undo_bar("finding")
    criteria = _criterion_labels(detail)
    for kind in FINDING_KINDS:
        st.subheader(t(f"finding.{kind}"))
        of_kind = detail.findings[detail.findings["kind"] == kind]
        for position, row in enumerate(of_kind.itertuples(index=False), start=1):
            _finding(detail, row, position, len(of_kind), criteria, editable)
        if editable:
            _new_finding(detail, kind, criteria)
    _deleted(detail.deleted_findings, "finding", editable)


def _finding(detail, row, position: int, count: int, criteria, editable: bool) -> None:
    scope = commands.draft_scope("finding", row.id, "text")
    with st.container(border=True):
        text = autosaved_text(
            f"{position}.",
            scope=scope,
            saved=row.text,
            base_version=int(row.version),
            drafts=detail.drafts,
            disabled=not editable,
            height=80,
        )
        if pd.notna(row.criterion_id) and row.criterion_id in criteria:
            st.caption(t("visit.criterion", criterion=criteria[row.criterion_id]))
        if not editable:
            return
        save, up, down, delete = st.columns([2, 1, 1, 1])
        expected = int(row.version)
        conflict = conflict_for(f"finding:{row.id}")
        if conflict is not None and show_conflict(conflict, {"text": t("col.text")}):
            expected = conflict.current_version
        if (save.button(t("save"), key=f"save-{row.id}") or expected != row.version) and attempt(
            commands.update_finding,
            engine(),
            row.id,
            expected,
            {"text": text.strip()},
            conflict_key=f"finding:{row.id}",
        ).ok:
            forget(scope)
            saved_and_rerun()
        if (
            up.button("↑", key=f"up-{row.id}", disabled=position == 1, help=t("visit.move_up"))
            and attempt(commands.move_finding, engine(), row.id, -1).ok
        ):
            saved_and_rerun()
        if (
            down.button(
                "↓", key=f"down-{row.id}", disabled=position == count, help=t("visit.move_down")
            )
            and attempt(commands.move_finding, engine(), row.id, 1).ok
        ):
            saved_and_rerun()
        _delete_with_undo(delete, "finding", row)


def _new_finding(detail: VisitDetail, kind: str, criteria: dict[object, str]) -> None:
    scope = commands.draft_scope("visit", detail.id, f"new_finding:{kind}")
    text = autosaved_text(
        t("visit.new_finding", kind=t(f"finding.{kind}").lower()),
        scope=scope,
        saved="",
        base_version=None,
        drafts=detail.drafts,
        height=80,
    )
    left, right = st.columns([4, 1])
    criterion = left.selectbox(
        t("visit.link_criterion"),
        options=list(criteria),
        format_func=criteria.get,
        key=f"criterion-{kind}",
    )
    if (
        right.button(t("visit.add"), key=f"add-{kind}")
        and attempt(commands.add_finding, engine(), detail.id, kind, text, criterion).ok
    ):
        forget(scope)
        saved_and_rerun()


def _deleted(frame: pd.DataFrame, kind: str, editable: bool) -> None:
    if frame.empty:
        return
    with st.expander(t("visit.deleted_items", n=len(frame))):
        for row in frame.itertuples(index=False):
            left, right = st.columns([5, 1])
            left.markdown(plain_markdown(row.text))
            if (
                editable
                and right.button(t("visit.restore"), key=f"restore-{row.id}")
                and attempt(RESTORE[kind], engine(), row.id).ok
            ):
                saved_and_rerun()


# --- recommendations ------------------------------------------------------------------------


def recommendations(detail: VisitDetail, today: date) -> None:
    editable = may_edit(detail)
    _undo_bar("recommendation")
    for row in detail.recommendations.itertuples(index=False):
        _recommendation(detail, row, editable, today)
    if editable:
        _new_recommendation(detail)
    _deleted(detail.deleted_recommendations, "recommendation", editable)


def _recommendation(detail: VisitDetail, row, editable: bool, today: date) -> None:
    scope = commands.draft_scope("recommendation", row.id, "text")
    due = row.due_date if pd.notna(row.due_date) else None
    late = days_overdue(row.status, due, today)
    # Overdue stands out in red; the text is ours, never the user's.
    status = f":red[{t('rstatus.overdue', days=late)}]" if late else t(f"rstatus.{row.status}")
    with st.container(border=True):
        st.markdown(f"**{t(f'direction.{row.direction}')}** · {status}")
        text = autosaved_text(
            t("col.text"),
            scope=scope,
            saved=row.text,
            base_version=int(row.version),
            drafts=detail.drafts,
            disabled=not editable,
            height=80,
        )
        left, middle, right = st.columns(3)
        addressee = left.text_input(
            t("col.addressee"),
            value=row.addressee or "",
            key=f"addressee-{row.id}-{row.version}",
            disabled=not editable,
        )
        due_date = middle.date_input(
            t("col.due"),
            value=due,
            format="DD/MM/YYYY",
            key=f"due-{row.id}-{row.version}",
            disabled=not editable,
        )
        priority = right.selectbox(
            t("visit.priority"),
            options=list(PRIORITIES),
            index=PRIORITIES.index(row.priority),
            format_func=lambda p: t(f"priority.{p}"),
            key=f"priority-{row.id}-{row.version}",
            disabled=not editable,
        )
        if editable:
            _save_recommendation(row, scope, text, addressee, due_date, priority)
        _status_change(detail, row)


def _save_recommendation(row, scope, text, addressee, due_date, priority) -> None:
    changes = {
        "text": text.strip(),
        "addressee": addressee.strip() or None,
        "due_date": due_date,
        "priority": priority,
    }
    expected = int(row.version)
    conflict = conflict_for(f"recommendation:{row.id}")
    labels = {name: t(f"col.{name}") for name in ("text", "addressee")}
    if conflict is not None and show_conflict(conflict, labels):
        expected = conflict.current_version
    save, delete = st.columns([4, 1])
    if (save.button(t("save"), key=f"save-{row.id}") or expected != row.version) and attempt(
        commands.update_recommendation,
        engine(),
        row.id,
        expected,
        changes,
        conflict_key=f"recommendation:{row.id}",
    ).ok:
        forget(scope)
        saved_and_rerun()
    _delete_with_undo(delete, "recommendation", row)


def _status_change(detail: VisitDetail, row) -> None:
    """Follow-up stays possible after sign-off: it is the locality's progress."""
    history = detail.history[detail.history["recommendation_id"] == row.id]
    with st.expander(t("visit.follow_up", n=len(history))):
        if not history.empty:
            st.dataframe(follow_up_table(history), hide_index=True)
        if may_follow_up(detail.locality_id):
            status_change_form(row.id, row.status, int(row.version))


def follow_up_table(history: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.date"): [format_date(d) for d in history["changed_on"]],
            t("visit.from_status"): [
                t(f"rstatus.{s}") if s else "–" for s in history["from_status"]
            ],
            t("visit.to_status"): [t(f"rstatus.{s}") for s in history["to_status"]],
            t("visit.note"): history["note"].fillna(""),
            t("visit.author"): history["author"].fillna(""),
        }
    )


def status_change_form(recommendation_id, status: str, version: int) -> None:
    options = sorted(TRANSITIONS[status])
    left, middle, right = st.columns([2, 3, 1])
    new_status = left.selectbox(
        t("visit.new_status"),
        options=options,
        format_func=lambda s: t(f"rstatus.{s}"),
        key=f"new-status-{recommendation_id}-{version}",
    )
    note = middle.text_input(t("visit.note"), key=f"status-note-{recommendation_id}-{version}")
    right.write("")
    if (
        right.button(t("visit.update_status"), key=f"status-{recommendation_id}")
        and attempt(
            commands.change_recommendation_status,
            engine(),
            recommendation_id,
            new_status,
            note,
            today(),
            version,
            conflict_key=f"status:{recommendation_id}",
        ).ok
    ):
        saved_and_rerun()


def _new_recommendation(detail: VisitDetail) -> None:
    st.subheader(t("visit.new_recommendation"))
    scope = commands.draft_scope("visit", detail.id, "new_recommendation")
    with st.container(border=True):
        direction = st.radio(
            t("col.direction"),
            options=list(RECOMMENDATION_DIRECTIONS),
            format_func=lambda d: t(f"direction.{d}"),
            horizontal=True,
            key="new-rec-direction",
        )
        text = autosaved_text(
            t("col.text"),
            scope=scope,
            saved="",
            base_version=None,
            drafts=detail.drafts,
            height=80,
        )
        left, middle, right = st.columns(3)
        addressee = left.text_input(t("col.addressee"), key="new-rec-addressee")
        due = middle.date_input(t("col.due"), value=None, format="DD/MM/YYYY", key="new-rec-due")
        priority = right.selectbox(
            t("visit.priority"),
            options=list(PRIORITIES),
            index=1,
            format_func=lambda p: t(f"priority.{p}"),
            key="new-rec-priority",
        )
        data = commands.RecommendationInput(
            direction=direction, text=text, addressee=addressee, due_date=due, priority=priority
        )
        if (
            st.button(t("visit.add"), key="add-recommendation")
            and attempt(commands.add_recommendation, engine(), detail.id, data).ok
        ):
            forget(scope)
            for key in ("new-rec-addressee", "new-rec-due"):
                st.session_state.pop(key, None)
            saved_and_rerun()


# --- attachments ----------------------------------------------------------------------------


def attachments(detail: VisitDetail) -> None:
    editable = may_edit(detail)
    folder = attachments_folder()
    targets: dict[object, str] = {None: t("visit.whole_visit")}
    for row in detail.findings.itertuples(index=False):
        targets[row.id] = f"{t(f'finding.{row.kind}')}: {row.text[:60]}"
    if editable:
        uploaded = st.file_uploader(
            t("visit.upload"),
            type=["jpg", "jpeg", "png", "pdf"],
            key="upload",
            help=t("visit.upload_help"),
        )
        target = st.selectbox(
            t("visit.attach_to"), options=list(targets), format_func=targets.get, key="attach-to"
        )
        if (
            uploaded is not None
            and st.button(t("visit.attach"), key="attach")
            and attempt(
                add_attachment,
                engine(),
                folder,
                detail.id,
                uploaded.name,
                uploaded.getvalue(),
                target,
            ).ok
        ):
            st.session_state.pop("upload", None)
            saved_and_rerun()
    if detail.attachments.empty:
        st.caption(t("locality.none"))
        return
    columns = st.columns(4)
    for index, row in enumerate(detail.attachments.itertuples(index=False)):
        with columns[index % 4], st.container(border=True):
            try:
                content = read_attachment(folder, row.stored_name)
            except NotFound:
                st.warning(t("visit.file_missing", name=row.original_name))
                continue
            if row.content_type.startswith("image/"):
                st.image(content, width=160)  # a thumbnail; the download is the original
            else:
                st.markdown(":material/picture_as_pdf: PDF")
            st.caption(row.original_name)
            if pd.notna(row.finding_id) and row.finding_id in targets:
                st.caption(targets[row.finding_id])
            st.download_button(
                t("visit.download"),
                data=content,
                file_name=row.original_name,
                mime=row.content_type,
                key=f"download-{row.id}",
            )
            if (
                editable
                and st.button(t("visit.delete"), key=f"delete-{row.id}")
                and attempt(delete_attachment, engine(), row.id).ok
            ):
                saved_and_rerun()
