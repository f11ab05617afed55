"""Field sync on screen: a laptop syncs with its server (directly or by file), the server's
administrator registers laptops and receives their packages, and whoever may edit a
record resolves its conflicts."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import streamlit as st

from data_access import accounts
from data_access.errors import InvalidInput
from data_access.sync import conflicts as sync_conflicts
from data_access.sync import exchange, laptops
from domain.permissions import Actor, is_admin
from texts.formats import format_local_time, format_number
from ui import auth
from ui.actions import problem_text, saved_and_rerun
from ui.common import choose_one, choose_several, plain_markdown, t, tm, unit_name
from ui.data import Reads, Writes, attachments_folder, engine

RESULT_KEY = "sync-result"
DOWNLOAD_KEY = "sync-download"


def page(reads: Reads, writes: Writes, who: Actor) -> None:
    _show_result()
    state = reads.laptop_state()
    if state is not None:
        laptop(reads, writes, state)
    elif is_admin(who):
        server(reads, writes)
    else:
        st.caption(t("sync.server_caption"))
    conflicts(reads, writes)
    sync_log(reads)


# --- on a laptop --------------------------------------------------------------------------


def laptop(reads: Reads, writes: Writes, state: laptops.LaptopState) -> None:
    when = format_local_time(state.last_reply_at) if state.last_reply_at else t("sync.never")
    st.caption(tm("sync.laptop_caption", name=state.name, server=state.server_name, when=when))
    if state.waiting_for_reply:
        st.warning(t("sync.waiting"))
    with st.container(border=True):
        st.subheader(t("sync.direct"))
        address = st.text_input(
            t("sync.server_url"), type="password", key="sync-url", help=t("sync.server_url_help")
        )
        if st.button(t("sync.now"), type="primary", key="sync-now", disabled=not address):
            bar = _progress_bar()
            done = writes.run(
                exchange.sync_direct, address, legacy_folder=attachments_folder(), progress=bar
            )
            if done.ok:
                _keep_result(done.value)
    with st.container(border=True):
        st.subheader(t("sync.by_file"))
        st.caption(t("sync.by_file_caption"))
        left, right = st.columns(2)
        with left:
            if st.button(t("sync.export"), key="sync-export"):
                made = writes.run(exchange.export_push, attachments_folder())
                if made.ok:
                    st.session_state[DOWNLOAD_KEY] = ("push", made.value)
            _offer_download("push", t("sync.download_push"), f"{state.name}-gui-may-chu.zip")
        with right:
            reply = st.file_uploader(t("sync.reply_upload"), type=["zip"], key="sync-reply")
            if reply is not None and st.button(t("sync.receive_reply"), key="sync-receive-reply"):
                bar = _progress_bar()
                done = writes.run(exchange.receive_reply, reply.getvalue(), progress=bar)
                if done.ok:
                    _keep_result(done.value)


def _progress_bar() -> Callable[[float, str], None]:
    bar = st.progress(0.0, text=t("sync.step.export"))

    def show(share: float, step: str) -> None:
        bar.progress(min(max(share, 0.0), 1.0), text=t(f"sync.step.{step}"))

    return show


def _keep_result(summary: exchange.SyncSummary) -> None:
    st.session_state[RESULT_KEY] = summary
    st.session_state.pop(DOWNLOAD_KEY, None)
    saved_and_rerun(t("sync.synced"), whole_page=True)


def _show_result() -> None:
    """What the last sync did, once, on the run after it."""
    summary: exchange.SyncSummary | None = st.session_state.pop(RESULT_KEY, None)
    if summary is None:
        return
    st.success(
        t(
            "sync.done",
            sent=format_number(summary.sent_total),
            received=format_number(summary.received_total),
            conflicts=format_number(summary.conflicts),
        )
    )
    if summary.refused:
        reasons = sorted({r["reason"] for r in summary.refused})
        st.warning(
            t("sync.refused_some", n=len(summary.refused))
            + " "
            + "; ".join(t(f"sync.reason.{reason}") for reason in reasons)
        )


def _offer_download(kind: str, label: str, file_name: str) -> None:
    waiting = st.session_state.get(DOWNLOAD_KEY)
    if waiting and waiting[0] == kind:
        st.download_button(
            label,
            waiting[1],
            file_name=file_name,
            mime="application/zip",
            key=f"sync-download-{kind}",
            icon=":material/download:",
        )


# --- on the server ------------------------------------------------------------------------


def server(reads: Reads, writes: Writes) -> None:
    tree = reads.tree()
    registered = reads.laptops()
    with st.container(border=True):
        st.subheader(t("sync.laptops"))
        _offer_download("registration", t("sync.registration_download"), "dang-ky-may-tram.json")
        if st.session_state.get(DOWNLOAD_KEY, ("",))[0] == "registration":
            st.caption(t("sync.registration_note"))
        if registered:
            st.dataframe(
                {
                    t("sync.laptop_name"): [r.name for r in registered],
                    t("sync.localities"): [
                        ", ".join(unit_name(tree, u) for u in r.locality_ids if u in tree.units)
                        for r in registered
                    ],
                    t("sync.last_sync"): [format_local_time(r.last_sync_at) for r in registered],
                    t("sync.status"): [
                        t("sync.revoked") if r.revoked else t("sync.active") for r in registered
                    ],
                },
                hide_index=True,
            )
            _laptop_actions([r for r in registered if not r.revoked], writes)
        else:
            st.caption(t("sync.no_laptops"))
        with st.expander(t("sync.register"), icon=":material/add_to_queue:"):
            _register(reads, writes)
    with st.container(border=True):
        st.subheader(t("sync.push_upload"))
        st.caption(t("sync.push_caption"))
        package = st.file_uploader(t("sync.push_file"), type=["zip"], key="sync-push")
        if package is not None and st.button(t("sync.receive_push"), key="sync-receive-push"):
            bar = _progress_bar()
            done = writes.run(exchange.receive_push, package.getvalue(), progress=bar)
            if done.ok:
                st.session_state[DOWNLOAD_KEY] = ("reply", done.value)
                saved_and_rerun(t("sync.push_received"), whole_page=True)
        _offer_download("reply", t("sync.reply_download"), "tra-loi-may-tram.zip")


def _register(reads: Reads, writes: Writes) -> None:
    ids, labels = reads.locality_choices(detailed=True)
    delegations = reads.delegation_names()
    # Options as text: a multiselect keeps its choices as strings (see ui/admin.py).
    localities = {str(i): labels[i] for i in ids}
    teams = {str(d): name for d, name in delegations.items()}
    with st.form("sync-register"):
        name = st.text_input(t("sync.laptop_name"), key="sync-laptop-name")
        chosen_localities = choose_several(
            st, t("sync.localities"), localities, key="sync-laptop-localities"
        )
        chosen_delegations = choose_several(
            st, t("sync.delegations"), teams, key="sync-laptop-delegations"
        )
        server_name = st.text_input(
            t("sync.server_name"), value=t("sync.default_server_name"), key="sync-server-name"
        )
        submitted = st.form_submit_button(t("sync.register_button"), type="primary")
    if submitted:
        made = writes.run(
            laptops.register_laptop,
            name,
            [UUID(d) for d in chosen_delegations],
            [UUID(u) for u in chosen_localities],
            server_name,
        )
        if made.ok:
            # The file is offered above the list, where the new laptop now shows.
            st.session_state[DOWNLOAD_KEY] = ("registration", made.value.to_bytes())
            saved_and_rerun(t("sync.registered", name=made.value.name), whole_page=True)


def _laptop_actions(active: list[laptops.LaptopRecord], writes: Writes) -> None:
    if not active:
        return
    names = {r.id: r.name for r in active}
    chosen = choose_one(st, t("sync.choose_laptop"), names, key="sync-laptop")
    left, middle, right = st.columns(3)
    with left:
        if st.button(t("sync.checkout"), key="sync-checkout"):
            made = writes.run(exchange.checkout_package, chosen)
            if made.ok:
                st.session_state[DOWNLOAD_KEY] = ("checkout", made.value)
        _offer_download("checkout", t("sync.checkout_download"), f"{names[chosen]}-lay-di.zip")
    with middle:
        if st.button(t("sync.registration_again"), key="sync-registration-again"):
            made = writes.run(laptops.registration_of, chosen, t("sync.default_server_name"))
            if made.ok:
                st.session_state[DOWNLOAD_KEY] = ("registration", made.value.to_bytes())
    with right:
        sure = st.checkbox(t("sync.revoke_sure"), key="sync-revoke-sure")
        revoke = st.button(t("sync.revoke"), key="sync-revoke", disabled=not sure)
        if revoke and writes.run(laptops.revoke_laptop, chosen).ok:
            saved_and_rerun(t("sync.revoked_done"), whole_page=True)


# --- both ---------------------------------------------------------------------------------


def conflicts(reads: Reads, writes: Writes) -> None:
    found = reads.open_conflicts()
    st.subheader(t("sync.conflicts", n=len(found)) if found else t("sync.no_conflicts"))
    for conflict in found:
        _conflict(conflict, writes)


def _conflict(conflict: sync_conflicts.OpenConflict, writes: Writes) -> None:
    key = str(conflict.id)
    other_side = t("sync.server") if conflict.other_side == exchange.SERVER else conflict.other_side
    with st.container(border=True, key=f"conflict-{key}"):
        st.caption(
            tm(
                "sync.conflict_caption",
                locality=conflict.locality or "–",
                date=conflict.visit_date or "–",
                what=t(f"sync.entity.{conflict.entity}"),
                field=_field_label(conflict.field),
            )
        )
        if conflict.record_text:
            st.markdown(plain_markdown(conflict.record_text[:200]))
        kept, other = st.columns(2)
        with kept:
            st.markdown(t("sync.kept"))
            st.markdown(_shown(conflict, conflict.kept))
            if st.button(t("sync.keep"), key=f"keep-{key}"):
                _resolve(writes, conflict, "kept")
        with other:
            st.markdown(tm("sync.other", side=other_side))  # the laptop's name, escaped
            st.markdown(_shown(conflict, conflict.other))
            if st.button(t("sync.take_other"), key=f"other-{key}"):
                _resolve(writes, conflict, "other")
        if conflict.can_type:
            typed = st.text_area(
                t("sync.typed"), value=str(conflict.kept or ""), key=f"typed-{key}"
            )
            if st.button(t("sync.save_typed"), key=f"save-typed-{key}"):
                _resolve(writes, conflict, "edited", typed)


def _resolve(
    writes: Writes, conflict: sync_conflicts.OpenConflict, choice: str, typed: str = ""
) -> None:
    if writes.run(sync_conflicts.resolve_conflict, conflict.id, choice, typed).ok:
        saved_and_rerun(t("sync.resolved"), whole_page=True)


def _field_label(field: str) -> str:
    label = t(f"sync.field.{field}")
    return field if label.startswith("sync.field.") else label


def _shown(conflict: sync_conflicts.OpenConflict, value: object) -> str:
    if conflict.field == "deleted_at":
        return t("sync.alive") if value is None else t("sync.deleted")
    return plain_markdown(str(value)) if value not in (None, "") else "–"


def sync_log(reads: Reads) -> None:
    entries = reads.sync_log()
    if not entries:
        return
    with st.expander(t("sync.log"), icon=":material/history:"):
        st.dataframe(
            {
                t("sync.col.at"): [format_local_time(e.at) for e in entries],
                t("sync.laptop_name"): [e.laptop_name for e in entries],
                t("sync.col.mode"): [t(f"sync.mode.{e.mode}") for e in entries],
                t("sync.col.sent"): [sum(e.sent.values()) for e in entries],
                t("sync.col.received"): [sum(e.received.values()) for e in entries],
                t("sync.col.conflicts"): [e.conflicts for e in entries],
                t("sync.col.refused"): [len(e.refused) for e in entries],
            },
            hide_index=True,
        )


# --- first start of a laptop --------------------------------------------------------------


def first_start() -> None:
    """No account yet: the first person creates the administrator, or this is a laptop of
    a shared server. Its registration file makes it one; the first sync brings the
    accounts to sign in with."""
    state = laptops.laptop_state(engine())
    if state is None:
        auth.first_start_screen()
        st.divider()
        st.subheader(t("sync.first_start"))
        st.caption(t("sync.first_start_caption"))
        registration = st.file_uploader(
            t("sync.registration_file"), type=["json"], key="sync-registration"
        )
        if registration is not None and st.button(t("sync.join"), key="sync-join"):
            try:
                made = laptops.Registration.from_bytes(registration.getvalue())
                laptops.join_server(engine(), accounts.SYSTEM, made)
            except InvalidInput as refused:
                for problem in refused.problems:
                    st.error(problem_text(problem))
                return
            st.rerun()
        return
    st.title(t("app.title"))
    st.info(tm("sync.joined", name=state.name, server=state.server_name))
    address = st.text_input(t("sync.server_url"), type="password", key="sync-first-url")
    checkout = st.file_uploader(t("sync.checkout_upload"), type=["zip"], key="sync-first-zip")
    if st.button(t("sync.take_out"), type="primary", key="sync-take-out"):
        bar = _progress_bar()
        try:
            if checkout is not None:
                exchange.receive_reply(engine(), accounts.SYSTEM, checkout.getvalue(), progress=bar)
            elif address:
                exchange.sync_direct(engine(), accounts.SYSTEM, address, progress=bar)
            else:
                st.error(t("sync.need_source"))
                return
        except InvalidInput as refused:
            for problem in refused.problems:
                st.error(problem_text(problem))
            return
        st.rerun()
