"""Administration: users and their reach, the audit log, backups, stored overlaps, the
agency's document templates, the built-in catalogue of administrative units."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import streamlit as st

from data_access import accounts, backup, flows, imports
from data_access import document_templates as document_templates_data
from data_access.official_catalogue import CatalogueCounts
from documents.minutes import MINUTES_NAMES, check_minutes_template
from documents.office_files import FileRefused
from documents.templates import MINUTES_TEMPLATE
from documents.word import TemplateRefused
from domain.flows import RecordedFlow
from domain.localities import LocalityTree
from domain.vocabulary import USER_ROLES
from texts.formats import format_date, format_local_time, format_number
from ui.actions import saved_and_rerun
from ui.common import (
    choose_one,
    date_range,
    plain_markdown,
    t,
    tm,
    translated_choice,
    unit_name,
)
from ui.data import Reads, Writes
from ui.exports import DOCX

MEMBER_ROLES = ("none", "member", "head")


def _scope_options(reads: Reads) -> list[str]:
    tree = reads.tree()
    units = [u for u in tree.units.values() if u.level in ("province", "district")]
    return [str(u.id) for u in sorted(units, key=lambda u: (u.valid_to is not None, u.name))]


def users(reads: Reads, writes: Writes) -> None:
    """The accounts, then forms to create one and to change the one chosen."""
    tree = reads.tree()
    found = reads.users()
    _user_table(found, tree)
    options = _scope_options(reads)
    with st.expander(t("admin.new_user"), icon=":material/person_add:"):
        _new_user(options, tree, writes)
    if not found:
        return
    names = {user.id: user.username for user in found}
    chosen = choose_one(st, t("admin.edit_user"), names, key="edit-user")
    user = next(u for u in found if u.id == chosen)
    _edit_user(user, options, tree, writes)
    left, right = st.columns(2)
    with left:
        _reset_password(user, writes)
    with right:
        _membership(user, reads, writes)


def _user_table(found: Sequence[accounts.UserRecord], tree: LocalityTree) -> None:
    st.dataframe(
        {
            t("auth.username"): [u.username for u in found],
            t("visit.full_name"): [u.full_name for u in found],
            t("admin.role"): [t(f"role.{u.role}") for u in found],
            t("admin.active"): [u.is_active for u in found],
            t("admin.scope"): [
                ", ".join(unit_name(tree, i) for i in u.locality_ids if i in tree.units)
                or t("filter.whole_country")
                for u in found
            ],
            t("admin.last_login"): [format_local_time(u.last_login_at) for u in found],
            t("admin.failed_logins"): [u.failed_logins for u in found],
        },
        hide_index=True,
    )


def _scope_picker(options: list[str], tree: LocalityTree, default: list[str] | None = None):
    return st.multiselect(
        t("admin.scope"),
        options,
        format_func=lambda i: unit_name(tree, UUID(i)),
        default=default,
        placeholder=t("filter.whole_country"),
    )


def _new_user(options: list[str], tree: LocalityTree, writes: Writes) -> None:
    with st.form("new-user", clear_on_submit=True):
        left, right = st.columns(2)
        username = left.text_input(t("auth.username"))
        full_name = right.text_input(t("visit.full_name"))
        role = left.selectbox(
            t("admin.role"),
            USER_ROLES,
            format_func=lambda r: t(f"role.{r}"),
            placeholder=t("filter.choose"),
        )
        password = right.text_input(t("admin.temporary_password"), type="password")
        scope = _scope_picker(options, tree)
        submitted = st.form_submit_button(t("admin.create_user"), type="primary")
    data = accounts.UserInput(username, full_name, role, password, tuple(UUID(i) for i in scope))
    if submitted and writes.run(accounts.create_user, data).ok:
        saved_and_rerun()


def _edit_user(
    user: accounts.UserRecord, options: list[str], tree: LocalityTree, writes: Writes
) -> None:
    with st.form(f"edit-{user.id}"):
        left, right = st.columns(2)
        role = left.selectbox(
            t("admin.role"),
            USER_ROLES,
            index=USER_ROLES.index(user.role),
            format_func=lambda r: t(f"role.{r}"),
            placeholder=t("filter.choose"),
        )
        active = right.checkbox(t("admin.active"), value=user.is_active)
        scope = _scope_picker(
            options, tree, [str(i) for i in user.locality_ids if str(i) in options]
        )
        if (
            st.form_submit_button(t("save"))
            and writes.run(
                accounts.update_user,
                user.id,
                role=role,
                is_active=active,
                locality_ids=tuple(UUID(i) for i in scope),
            ).ok
        ):
            saved_and_rerun()


def _reset_password(user: accounts.UserRecord, writes: Writes) -> None:
    password = st.text_input(t("admin.temporary_password"), type="password", key=f"reset-{user.id}")
    if (
        st.button(t("admin.reset_password"), key=f"reset-button-{user.id}")
        and writes.run(accounts.reset_password, user.id, password).ok
    ):
        saved_and_rerun(t("admin.password_reset_done"))


def _membership(user: accounts.UserRecord, reads: Reads, writes: Writes) -> None:
    delegations = reads.delegation_names()
    if not delegations:
        return
    delegation = choose_one(st, t("col.delegation"), delegations, key=f"dlg-{user.id}")
    member = st.radio(
        t("admin.membership"),
        MEMBER_ROLES,
        horizontal=True,
        format_func=lambda r: t(f"member.{r}"),
        key=f"member-{user.id}",
    )
    role = None if member == "none" else member
    if (
        st.button(t("save"), key=f"member-save-{user.id}")
        and writes.run(accounts.set_membership, delegation, user.id, role).ok
    ):
        saved_and_rerun()


def audit_log(reads: Reads) -> None:
    first, second, third = st.columns(3)
    who = first.text_input(t("admin.audit_actor"), key="audit-actor")
    entity = second.selectbox(
        t("admin.audit_entity"),
        [
            "",
            "visit",
            "finding",
            "recommendation",
            "indicator_value",
            "attachment",
            "app_user",
            "imported_file",
            "work",
            "-",
        ],
        format_func=lambda e: t("filter.all_below") if e == "" else e,
        key=translated_choice("audit-entity"),
        placeholder=t("filter.choose"),
    )
    start, end = date_range(third, t("visits.dates"), "audit-dates")
    events = reads.audit_events(actor_contains=who, entity=entity, start=start, end=end)
    st.caption(t("admin.audit_count", n=len(events)))
    shown = {
        t("col.date"): [format_local_time(e.occurred_at) for e in events],
        t("admin.audit_actor"): [e.actor or "–" for e in events],
        t("admin.audit_action"): [e.action for e in events],
        t("admin.audit_entity"): [e.entity for e in events],
        t("admin.audit_record"): [str(e.entity_id) for e in events],
    }
    st.dataframe(shown, hide_index=True)
    st.download_button(
        t("admin.audit_export"),
        data=lambda: _audit_workbook(shown),
        file_name="nhat-ky.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="audit-export",
    )


def _audit_workbook(shown: dict[str, list[str]]) -> bytes:
    from excel.sheets import Book, Column

    book = Book()
    columns = [Column(name, 24 if i else 18, "wrap") for i, name in enumerate(shown)]
    book.table_sheet("Nhật ký", columns, zip(*shown.values(), strict=True), landscape=True)
    return book.close()


def backups(reads: Reads, writes: Writes) -> None:
    try:
        existing = reads.backups()
    except backup.BackupError:
        st.info(t("admin.backup_postgres"))
        return
    if st.button(t("admin.backup_now"), type="primary", key="backup-now"):
        with st.spinner(t("admin.backing_up")):
            made = writes.backup_now()
        saved_and_rerun(t("admin.backup_done", name=made.path.name))
    if not existing:
        st.caption(t("locality.none"))
        return
    st.dataframe(
        {
            t("imports.file"): [b.path.name for b in existing],
            t("col.date"): [f"{b.created:%H:%M %d/%m/%Y}" for b in existing],
            "MB": [round(b.size_bytes / 1e6, 1) for b in existing],
        },
        hide_index=True,
    )
    names = {b.path.name: b.path for b in existing}
    chosen = st.selectbox(
        t("admin.restore_from"), list(names), key="restore-from", placeholder=t("filter.choose")
    )
    confirmed = st.checkbox(t("admin.restore_confirm"), key="restore-confirm")
    if st.button(t("admin.restore"), disabled=not confirmed, key="restore"):
        writes.restore(names[chosen])
        saved_and_rerun(t("admin.restore_done", name=chosen))


def overlaps(found: Sequence[flows.OverlapRecord], writes: Writes) -> None:
    """Flow values stored before the writers refused overlaps: each pair once, with a
    way to resolve it (keep the longer as a check figure, or delete one)."""
    if not found:
        st.success(t("admin.no_overlaps"))
        return
    st.warning(t("admin.overlaps_help", n=len(found)))
    for position, overlap in enumerate(found):
        first, second = overlap.first, overlap.second
        with st.container(border=True):
            st.markdown(
                t(
                    "admin.overlap",
                    locality=plain_markdown(f"{overlap.locality} ({overlap.locality_code})"),
                    indicator=plain_markdown(overlap.indicator),
                    campaign=plain_markdown(overlap.campaign),
                )
            )
            for flow in (first, second):
                st.caption(_flow_text(flow))
            longer = first if first.contains(second) else second if second.contains(first) else None
            columns = st.columns(3)
            if longer is not None and columns[0].button(
                t("admin.keep_as_check", period=longer.label or _dates(longer)),
                key=f"overlap-check-{position}",
            ):
                _resolve(writes, longer, keep_as_check=True)
            for column, flow in zip(columns[1:], (first, second), strict=True):
                if column.button(
                    t("admin.delete_flow", period=flow.label or _dates(flow)),
                    key=f"overlap-delete-{position}-{flow.id}",
                ):
                    _resolve(writes, flow, keep_as_check=False)


def _dates(flow: RecordedFlow) -> str:
    return f"{format_date(flow.start)}–{format_date(flow.end)}"


def _flow_text(flow: RecordedFlow) -> str:
    return t(
        "admin.flow",
        period=plain_markdown(flow.label or _dates(flow)),
        dates=_dates(flow),
        value=format_number(flow.value, 1),
        source=plain_markdown(flow.source or "–"),
    )


def _resolve(writes: Writes, flow: RecordedFlow, *, keep_as_check: bool) -> None:
    if writes.run(flows.set_flow_aside, flow.id, keep_as_check=keep_as_check).ok:
        saved_and_rerun()


def document_templates(reads: Reads, writes: Writes) -> None:
    """The biên bản template: the shipped one to download and edit in Word, the agency's
    own uploaded (checked by filling it before it is kept), and the way back."""
    st.markdown(t("template.intro"))
    agency = reads.agency_template("minutes")
    if agency:
        when = format_local_time(agency.uploaded_at)
        st.info(tm("template.in_use", name=agency.file_name, who=agency.uploaded_by, when=when))
    else:
        st.caption(t("template.shipped_in_use"))
    buttons = st.container(horizontal=True)  # as wide as their labels: never cut
    buttons.download_button(
        t("template.download_shipped"),
        data=MINUTES_TEMPLATE.read_bytes,  # read when clicked
        file_name="mau-bien-ban.docx",
        mime=DOCX,
        icon=":material/download:",
        key="template-shipped",
        on_click="ignore",
    )
    if agency:
        buttons.download_button(
            t("template.download_agency"),
            data=agency.content,
            file_name=agency.file_name,
            mime=DOCX,
            icon=":material/download:",
            key="template-agency",
            on_click="ignore",
        )
    uploaded = st.file_uploader(t("template.upload"), type=["docx"], key="template-upload")
    if uploaded is not None and st.button(t("template.use"), type="primary", key="template-use"):
        _keep_template(uploaded.name, uploaded.getvalue(), writes)
    if agency:
        confirmed = st.checkbox(t("template.reset_confirm"), key="template-reset-confirm")
        if (
            st.button(t("template.reset"), disabled=not confirmed, key="template-reset")
            and writes.run(document_templates_data.drop_agency_template, "minutes").ok
        ):
            saved_and_rerun(t("template.reset_done"))
    with st.expander(t("template.names"), icon=":material/data_object:"):
        st.dataframe(
            {
                t("template.name"): [f"{{{{ {name} }}}}" for name in MINUTES_NAMES],
                t("template.meaning"): [t(f"template.name.{name}") for name in MINUTES_NAMES],
            },
            hide_index=True,
        )


def _keep_template(name: str, content: bytes, writes: Writes) -> None:
    try:
        check_minutes_template(content)
    except FileRefused as refused:
        st.error(t(f"template.file.{refused.reason}", **refused.details))
        return
    except TemplateRefused as refused:
        st.error(t(f"template.{refused.reason}", detail=refused.detail))
        return
    if writes.run(document_templates_data.keep_agency_template, "minutes", name, content).ok:
        saved_and_rerun(t("template.kept", name=name))


def official_catalogue(reads: Reads, writes: Writes) -> None:
    """The catalogue built into the tool: what it holds, what this database lacks of it,
    and a button that adds what is missing (an update of the package brings new units)."""
    status = reads.official_catalogue_status()
    held = status.catalogue
    st.markdown(
        tm(
            "catalogue.builtin",
            package=status.package,
            provinces=held.provinces,
            communes=format_number(held.communes),
            former=format_number(held.former_units),
            links=format_number(held.successions),
        )
    )
    if status.complete:
        st.success(t("catalogue.complete"))
        return
    gap = status.missing
    notice = _counts_text("catalogue.missing", gap)
    if gap.parents_corrected:
        notice += " " + t("catalogue.misplaced", n=gap.parents_corrected)
    st.info(notice)
    if st.button(t("catalogue.install"), type="primary", key="catalogue-install"):
        with st.spinner(t("catalogue.installing")):
            outcome = writes.run(imports.install_official_catalogue)
        if outcome.ok:
            added = outcome.value
            done = _counts_text("catalogue.installed", added)
            if added.parents_corrected:
                done += " " + t("catalogue.moved", n=added.parents_corrected)
            saved_and_rerun(done)


def _counts_text(key: str, counts: CatalogueCounts) -> str:
    return t(
        key,
        provinces=counts.provinces,
        communes=format_number(counts.communes),
        former=format_number(counts.former_units),
        links=format_number(counts.successions),
    )
