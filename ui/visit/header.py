"""Above the tabs: the visit's date and locality, its state, and who signed it off."""

from __future__ import annotations

import streamlit as st

from data_access.visit_views import VisitDetail
from texts.formats import format_date, format_local_time
from ui.actions import may_edit
from ui.common import illustrative_mark, plain_markdown, t, tm


def signed_off_notice(detail: VisitDetail) -> str:
    return tm(
        "visit.read_only",
        who=detail.signed_off_by or "–",
        when=format_local_time(detail.signed_off_at),
    )


def render(detail: VisitDetail) -> None:
    st.header(
        t(
            "visit.heading",
            date=format_date(detail.visit_date),
            locality=plain_markdown(detail.locality),
        )
    )
    facts = [t(f"visit.{detail.status}")]
    if detail.delegation:
        facts.append(plain_markdown(detail.delegation))
    facts.append(plain_markdown(", ".join(campaign.name for campaign in detail.campaigns)))
    st.caption(" · ".join(facts) + illustrative_mark(detail.is_illustrative))
    if detail.round is not None:
        st.page_link(
            "pages/rounds.py",
            label=t("visit.round", subject=detail.round.subject),
            query_params={"round": str(detail.round.id)},
            icon=":material/event_note:",
        )
    if not may_edit(detail):
        st.info(signed_off_notice(detail))
    elif detail.reopen_reason:
        st.caption(tm("visit.reopened", reason=detail.reopen_reason))
