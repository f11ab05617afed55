"""The overview's Excel summary carries the overview's own figures, with their date."""

from datetime import date

from data_access.catalogue import list_localities, locality_tree
from domain.periods import Period
from tests.helpers.data import campaign_named, overview_view
from tests.helpers.excel import open_book
from ui.exports import summary_workbook

TODAY = date(2026, 12, 1)


def test_the_national_summary_reads_disbursement_on_30_09_2026(sample_engine):
    campaign = campaign_named(sample_engine, "ha-tang-thtk-2023-2030")
    tree = locality_tree(list_localities(sample_engine))
    view = overview_view(
        sample_engine, campaign.id, Period.years(2022, 2026), None, TODAY, tree=tree
    )
    sheet = open_book(summary_workbook(view, tree, campaign, "Toàn quốc", "2022–2026"))["Tổng hợp"]
    headers = [cell.value for cell in sheet[4]]
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Tổng cộng")
    figures = dict(zip(headers, total, strict=False))
    assert round(figures["Tỷ lệ giải ngân (%) đến 30/09/2026"], 1) == 61.7
    assert (
        round(figures["Kế hoạch vốn đầu tư công được giao (tỷ đồng) đến 30/09/2026"], 1) == 2819.4
    )
    assert round(figures["Vốn đầu tư công đã giải ngân (tỷ đồng) đến 30/09/2026"], 1) == 1739.4
    assert figures["Số công trình (công trình)"] == 1581
    notes = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
    assert any(
        str(n).startswith("Số liệu lũy kế (")
        and str(n).endswith("tính đến 30/09/2026: 5/5 đơn vị có số liệu.")
        for n in notes
    )
