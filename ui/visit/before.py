"""Tab "Trước buổi làm việc": the locality's latest figures, and the recommendations of
earlier visits still open, each to be checked at this one."""

from __future__ import annotations

import streamlit as st

from data_access import visits as commands
from data_access.visit_views import EarlierRecommendation, VisitDetail
from domain.recommendations import VERIFICATION_RESULTS
from texts.formats import format_amount, format_date
from ui.actions import may_edit, saved_and_rerun
from ui.autosave import forget, new_text
from ui.common import illustrative_mark, localized, plain_markdown, t
from ui.data import Reads, Writes


def render(detail: VisitDetail, reads: Reads, writes: Writes) -> None:
    st.subheader(t("visit.latest_figures"))
    figures = detail.latest_figures
    if not figures:
        st.caption(t("locality.none"))
    else:
        st.dataframe(
            {
                t("col.indicator"): [localized(f, "name") for f in figures],
                t("col.value"): [
                    format_amount(
                        f.value, "%" if f.unit_vi == "%" else localized(f, "unit"), f.decimals
                    )
                    + illustrative_mark(f.is_illustrative)
                    for f in figures
                ],
                t("col.period"): [f.period_label or "–" for f in figures],
            },
            hide_index=True,
        )
    st.subheader(t("visit.earlier_open"))
    if not detail.earlier_open:
        st.caption(t("locality.none"))
        return
    editable = may_edit(detail)
    for earlier in detail.earlier_open:
        with st.container(border=True):
            _earlier(detail, earlier, editable, writes)


def _earlier(
    detail: VisitDetail, earlier: EarlierRecommendation, editable: bool, writes: Writes
) -> None:
    st.markdown(
        f"**{format_date(earlier.visit_date)} · {plain_markdown(earlier.locality)}** · "
        f"{t(f'direction.{earlier.direction}')} · {t('col.due')}: {format_date(earlier.due_date)}"
    )
    st.markdown(plain_markdown(earlier.text))
    if earlier.verified_at_visit_id == detail.id:
        st.success(t("visit.verified", status=t(f"rstatus.{earlier.status}")))
        return
    if earlier.days_overdue:
        st.warning(t("rstatus.overdue", days=earlier.days_overdue))
    if not editable:
        return
    result = st.radio(
        t("visit.verification"),
        options=list(VERIFICATION_RESULTS),
        format_func=lambda r: t(f"verify.{r}"),
        horizontal=True,
        key=f"verify-{earlier.id}",
    )
    scope = commands.draft_scope("verify", f"{detail.id}:{earlier.id}", "note")
    note = new_text(
        t("visit.verification_note"), scope=scope, drafts=detail.drafts, writes=writes, area=False
    )
    if st.button(t("visit.record_verification"), key=f"verify-save-{earlier.id}") and (
        writes.run(commands.verify_recommendation, earlier.id, detail.id, result, note).ok
    ):
        forget(scope)
        saved_and_rerun()
