"""Tab "Tệp đính kèm": photos and PDFs of the visit or of one finding."""

from __future__ import annotations

from uuid import UUID

import streamlit as st

from data_access.attachments import MAX_BYTES, delete_attachment, is_whole_image
from data_access.errors import NotFound
from data_access.visit_views import Attachment, VisitDetail
from ui.actions import may_edit, saved_and_rerun
from ui.common import choose_one, plain_markdown, t, tm, translated_choice
from ui.data import Reads, Writes


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    editable = may_edit(detail)
    targets: dict[UUID | None, str] = {None: t("visit.whole_visit")}
    for finding in detail.findings:
        targets[finding.id] = f"{t(f'finding.{finding.kind}')}: {finding.text[:60]}"
    if editable:
        _upload(detail, targets, writes)
    if not detail.attachments:
        st.caption(t("locality.none"))
        return
    columns = st.columns(4)
    for index, attachment in enumerate(detail.attachments):
        with columns[index % 4], st.container(border=True):
            _attachment(attachment, targets, editable, reads, writes)


def _upload(detail: VisitDetail, targets: dict[UUID | None, str], writes: Writes) -> None:
    uploaded = st.file_uploader(
        t("visit.upload"),
        type=["jpg", "jpeg", "png", "pdf"],
        key="upload",
        help=t("visit.upload_help"),
        max_upload_size=MAX_BYTES // (1024 * 1024),  # MB, as the help says
    )
    target = choose_one(st, t("visit.attach_to"), targets, key=translated_choice("attach-to"))
    if (
        uploaded is not None
        and st.button(t("visit.attach"), key="attach")
        and writes.attach(detail.id, uploaded.name, uploaded.getvalue(), target).ok
    ):
        st.session_state.pop("upload", None)
        saved_and_rerun()


@st.cache_data(max_entries=1000, show_spinner=False)
def _decodes(stored_name: str, content_type: str, _content: bytes) -> bool:
    """Whether a stored image can be shown; a stored file never changes under its name."""
    return is_whole_image(_content, content_type)


def _attachment(
    attachment: Attachment,
    targets: dict[UUID | None, str],
    editable: bool,
    reads: Reads,
    writes: Writes,
) -> None:
    try:
        content = reads.attachment(attachment.stored_name)
    except NotFound:
        st.warning(tm("visit.file_missing", name=attachment.original_name))
        return
    if not attachment.content_type.startswith("image/"):
        st.markdown(":material/picture_as_pdf: PDF")
    elif _decodes(attachment.stored_name, attachment.content_type, content):
        st.image(content, width=160)  # a thumbnail; the download is the original
    else:
        # Stored before images were decoded on upload: named, and still deletable.
        st.warning(t("visit.file_broken"), icon=":material/broken_image:")
    st.caption(plain_markdown(attachment.original_name))
    if attachment.finding_id is not None and attachment.finding_id in targets:
        st.caption(plain_markdown(targets[attachment.finding_id]))
    st.download_button(
        t("visit.download"),
        data=content,
        file_name=attachment.original_name,
        mime=attachment.content_type,
        key=f"download-{attachment.id}",
    )
    if (
        editable
        and st.button(t("visit.delete"), key=f"delete-{attachment.id}")
        and writes.run(delete_attachment, attachment.id).ok
    ):
        saved_and_rerun()
