"""Tổng quan: leadership's view across localities for one campaign and period."""

import streamlit as st

from texts.formats import format_date
from ui import exports
from ui import overview_panels as panels
from ui.common import choose_campaign, t, year_range
from ui.data import Reads
from ui.shell import ensure_app_shell

ensure_app_shell()
reads = Reads()
tree = reads.tree()
panels.projector_layout()
st.title(t("overview.title"))

# The campaign and the area on one row: room above the fold for the figures and the chart.
where = st.columns([3, 2, 2, 2])
with where[0]:
    campaign = choose_campaign(reads.campaigns())
if campaign is None:
    st.stop()
first, last = reads.overview_years(campaign)
filters = panels.area_filters(tree, year_range(first, last), where[1:])
view = reads.overview(
    campaign.id, filters.first_year, filters.last_year, filters.parent_id, panels.chosen_as_of()
)

st.caption(
    t(
        "overview.caption",
        plan=campaign.plan_document or t("overview.no_plan"),
        start=format_date(campaign.start_date),
        end=format_date(campaign.end_date),
        period_start=filters.first_year,
        period_end=filters.last_year,
    )
)
if not view.table.rows:
    st.info(t("overview.no_data"))
    st.stop()

panels.as_of_line(
    view,
    lambda: reads.as_of_choices(
        campaign.id, filters.first_year, filters.last_year, filters.parent_id
    ),
)
panels.headline(view)
panels.locality_charts(view, tree)  # the ranked rates, above the fold at 1280×720
st.caption(t("app.illustrative_legend"))
panels.other_figures(view)
panels.unit_map(view, tree, reads.places(), filters.parent_id)
opened = panels.map_opened()
if opened:
    st.switch_page("pages/locality.py", query_params={"locality": opened})
exports.summary_button(
    view,
    tree,
    campaign,
    panels.area_name(tree, filters.parent_id),
    f"{filters.first_year}–{filters.last_year}",
)
# One under the other, each the page's width: the matrix keeps its labels and legend.
panels.trend_chart(view)
panels.milestone_chart(view, tree)

st.subheader(t("overview.table"))
table = panels.figures_table(view, tree)
picked = st.dataframe(
    table.display(table.rows),
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="table",
)
st.dataframe(table.display(table.total, total=True), hide_index=True, key="table-total")
st.caption(t("overview.click_hint"))
rows = picked.selection.rows if picked else []
if rows and rows[0] < len(view.table.rows):
    st.switch_page(
        "pages/locality.py", query_params={"locality": tree.units[view.table.rows[rows[0]]].code}
    )
panels.open_profile_picker(view, tree)
