"""Administration: users and their reach, the audit log, backups."""

from __future__ import annotations

from uuid import UUID

import pandas as pd
import streamlit as st

from data_access import accounts, audit, backup
from domain.vocabulary import USER_ROLES
from texts.formats import format_local_time
from ui.actions import actor, attempt, saved_and_rerun
from ui.common import t, unit_name
from ui.data import Reads, engine

MEMBER_ROLES = ("none", "member", "head")


def _scope_options(reads: Reads) -> list[str]:
    tree = reads.tree()
    units = [u for u in tree.units.values() if u.level in ("province", "district")]
    return [str(u.id) for u in sorted(units, key=lambda u: (u.valid_to is not None, u.name))]


def users(reads: Reads) -> None:
    tree = reads.tree()
    frame = accounts.list_users(engine())
    st.dataframe(
        pd.DataFrame(
            {
                t("auth.username"): frame["username"],
                t("visit.full_name"): frame["full_name"],
                t("admin.role"): [t(f"role.{r}") for r in frame["role"]],
                t("admin.active"): frame["is_active"],
                t("admin.scope"): [
                    ", ".join(unit_name(tree, i) for i in ids if i in tree.units)
                    or t("filter.whole_country")
                    for ids in frame["locality_ids"]
                ],
                t("admin.last_login"): [
                    format_local_time(v) if pd.notna(v) else "–" for v in frame["last_login_at"]
                ],
                t("admin.failed_logins"): frame["failed_logins"],
            }
        ),
        hide_index=True,
    )
    options = _scope_options(reads)
    label = lambda i: unit_name(tree, UUID(i))  # noqa: E731
    with st.expander(t("admin.new_user"), icon=":material/person_add:"):
        with st.form("new-user", clear_on_submit=True):
            left, right = st.columns(2)
            username = left.text_input(t("auth.username"))
            full_name = right.text_input(t("visit.full_name"))
            role = left.selectbox(t("admin.role"), USER_ROLES, format_func=lambda r: t(f"role.{r}"))
            password = right.text_input(t("admin.temporary_password"), type="password")
            scope = st.multiselect(
                t("admin.scope"), options, format_func=label, placeholder=t("filter.whole_country")
            )
            submitted = st.form_submit_button(t("admin.create_user"), type="primary")
        if (
            submitted
            and attempt(
                accounts.create_user,
                engine(),
                accounts.UserInput(
                    username, full_name, role, password, tuple(UUID(i) for i in scope)
                ),
            ).ok
        ):
            saved_and_rerun()
    if frame.empty:
        return
    names = dict(zip(frame["id"], frame["username"], strict=True))
    chosen = st.selectbox(t("admin.edit_user"), list(names), format_func=names.get, key="edit-user")
    row = frame.set_index("id").loc[chosen]
    with st.form(f"edit-{chosen}"):
        left, right = st.columns(2)
        role = left.selectbox(
            t("admin.role"),
            USER_ROLES,
            index=USER_ROLES.index(row.role),
            format_func=lambda r: t(f"role.{r}"),
        )
        active = right.checkbox(t("admin.active"), value=bool(row.is_active))
        scope = st.multiselect(
            t("admin.scope"),
            options,
            format_func=label,
            default=[str(i) for i in row.locality_ids if str(i) in options],
            placeholder=t("filter.whole_country"),
        )
        if (
            st.form_submit_button(t("save"))
            and attempt(
                accounts.update_user,
                engine(),
                chosen,
                role=role,
                is_active=active,
                locality_ids=tuple(UUID(i) for i in scope),
            ).ok
        ):
            saved_and_rerun()
    left, right = st.columns(2)
    password = left.text_input(
        t("admin.temporary_password"), type="password", key=f"reset-{chosen}"
    )
    if (
        left.button(t("admin.reset_password"), key=f"reset-button-{chosen}")
        and attempt(accounts.reset_password, engine(), chosen, password).ok
    ):
        saved_and_rerun(t("admin.password_reset_done"))
    delegations = reads.delegations()
    if not delegations.empty:
        delegation_names = dict(zip(delegations["id"], delegations["name"], strict=True))
        delegation = right.selectbox(
            t("col.delegation"),
            list(delegation_names),
            format_func=delegation_names.get,
            key=f"dlg-{chosen}",
        )
        member = right.radio(
            t("admin.membership"),
            MEMBER_ROLES,
            horizontal=True,
            format_func=lambda r: t(f"member.{r}"),
            key=f"member-{chosen}",
        )
        if (
            right.button(t("save"), key=f"member-save-{chosen}")
            and attempt(
                accounts.set_membership,
                engine(),
                delegation,
                chosen,
                None if member == "none" else member,
            ).ok
        ):
            saved_and_rerun()


def audit_log() -> None:
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
        key="audit-entity",
    )
    dates = third.date_input(t("visits.dates"), value=(), format="DD/MM/YYYY", key="audit-dates")
    start, end = (*dates, None, None)[:2] if isinstance(dates, tuple) else (dates, dates)
    events = audit.list_events(engine(), actor_contains=who, entity=entity, start=start, end=end)
    st.caption(t("admin.audit_count", n=len(events)))
    shown = pd.DataFrame(
        {
            t("col.date"): [format_local_time(v) for v in events["occurred_at"]],
            t("admin.audit_actor"): events["actor"].fillna("–"),
            t("admin.audit_action"): events["action"],
            t("admin.audit_entity"): events["entity"],
            t("admin.audit_record"): events["entity_id"].astype(str),
        }
    )
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


def _audit_workbook(shown: pd.DataFrame) -> bytes:
    from excel.sheets import Book, Column

    book = Book()
    columns = [Column(name, 24 if i else 18, "wrap") for i, name in enumerate(shown.columns)]
    book.table_sheet("Nhật ký", columns, shown.itertuples(index=False, name=None), landscape=True)
    return book.close()


def backups() -> None:
    try:
        existing = backup.list_backups(engine())
    except backup.BackupError:
        st.info(t("admin.backup_postgres"))
        return
    if st.button(t("admin.backup_now"), type="primary", key="backup-now"):
        with st.spinner(t("admin.backing_up")):
            made = backup.create_backup(engine())
        saved_and_rerun(t("admin.backup_done", name=made.path.name))
    if not existing:
        st.caption(t("locality.none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("imports.file"): [b.path.name for b in existing],
                t("col.date"): [f"{b.created:%H:%M %d/%m/%Y}" for b in existing],
                "MB": [round(b.size_bytes / 1e6, 1) for b in existing],
            }
        ),
        hide_index=True,
    )
    names = {b.path.name: b.path for b in existing}
    chosen = st.selectbox(t("admin.restore_from"), list(names), key="restore-from")
    confirmed = st.checkbox(t("admin.restore_confirm"), key="restore-confirm")
    if st.button(t("admin.restore"), disabled=not confirmed, key="restore"):
        backup.restore_backup(engine(), actor(), names[chosen])
        st.cache_data.clear()
        saved_and_rerun(t("admin.restore_done", name=chosen))
