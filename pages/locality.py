"""Địa phương: one locality's figures, works, milestones, visits and recommendations."""

import streamlit as st

from ui import locality_panels as panels
from ui.common import choose_campaign, t
from ui.data import Reads
from ui.shell import ensure_app_shell

ensure_app_shell()
reads = Reads()
st.title(t("locality.title"))
if st.button(t("locality.back"), key="back"):
    st.switch_page("pages/overview.py")

locality_id = panels.locality_picker(
    reads.tree(), reads.locality_choices(detailed=True), reads.allowed
)
if locality_id is None:
    st.stop()
profile = reads.profile(locality_id)
panels.header(profile)
tree = reads.tree()
has_units_below = bool(tree.children(locality_id))
campaign_ids = [*profile.campaign_ids]
if has_units_below:  # a province or district: its units' campaigns are its own too
    campaign_ids += [c for c in reads.campaigns_below(locality_id) if c not in campaign_ids]
if not campaign_ids:
    st.info(t("locality.no_campaign"))
    st.stop()
campaign = choose_campaign(reads.campaigns(), key="locality_campaign", only=campaign_ids)
if campaign is None:
    st.stop()

figures, works, milestones, visits = st.tabs(
    [t("locality.indicators"), t("locality.works"), t("locality.milestones"), t("locality.visits")]
)
with figures:
    if has_units_below:
        panels.unit_years(reads.unit_years(campaign.id, locality_id))
        st.subheader(t("locality.own_figures"))
    panels.indicators(profile, campaign.id)
with works:
    panels.works(profile, campaign.id)
with milestones:
    panels.milestones(profile, campaign.id)
with visits:
    visit_ids = {visit.visit_id for visit in panels.visits(profile, campaign.id)}
    st.subheader(t("locality.recommendations"))
    panels.recommendations(profile, visit_ids)
    st.subheader(t("locality.findings"))
    panels.findings(profile, visit_ids)
