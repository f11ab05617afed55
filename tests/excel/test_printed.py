"""The workbooks as they come out of a printer (LibreOffice's PDF, read back): the minutes'
body first, whole, on at most three portrait pages; the register and the summary with their
titles whole and nothing printed that is not for the reader."""

from __future__ import annotations

from datetime import date

from data_access.visit_views import visit_detail
from excel.minutes import visit_minutes
from excel.register import RegisterHeading, recommendations_register
from excel.summary import SummaryIndicator, SummaryRow, dashboard_summary
from sample_data.builder import stable_id
from tests.excel.test_exports import tracked
from tests.helpers.data import TODAY
from tests.helpers.office import print_to_pdf, squeezed, words


def test_the_tam_ky_minutes_workbook_prints_its_body_first_and_whole(sample_engine):
    detail = visit_detail(sample_engine, stable_id("visit", "tam-ky-2023-09-14"), TODAY)
    printed = print_to_pdf(visit_minutes(detail), "bien-ban-tam-ky-excel.xlsx")
    pages = [words(page) for page in printed.text.split("\f")]
    body = next(n for n, page in enumerate(pages, start=1) if "Nơi nhận:" in page)
    assert body <= 3
    text = " ".join(pages[:body])
    assert text.startswith("SỞ NỘI VỤ TỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    # The issuing body wraps in its cell, never cut at the cell's edge.
    assert "ĐOÀN GIÁM SÁT SỞ NỘI VỤ TỈNH" in text and "QUẢNG NAM" in text
    for line in (
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BB-……",
        "BIÊN BẢN",
        "Thời gian bắt đầu: Buổi sáng, ngày 14 tháng 9 năm 2023.",
        "Buổi làm việc kết thúc vào …… giờ ……, ngày 14 tháng 9 năm 2023./.",
        "- Tổng mức đầu tư: 203,4 tỷ đồng (Năm 2022–2023 (đến 14/9/2023), 01/01/2022 – "
        "14/09/2023);",
        "- Tỷ lệ giải ngân: 36,4% (9 tháng năm 2023, 01/01/2023 – 30/09/2023);",
        "ĐẠI DIỆN THÀNH PHỐ TAM KỲ THƯ KÝ CHỦ TỌA",
    ):
        assert line in text, line
    # The last words of the longest findings are printed: no row hides its end.
    assert "công tác tuyên truyền, khen thưởng điển hình được chú trọng." in text
    assert "Trạng thái" not in text and "Đã ký duyệt" not in text


def test_the_register_prints_its_heading_and_marks_whole():
    rows = [
        tracked(1, addressee="UBND thành phố Sa Đéc", days_overdue=12, due_date=date(2026, 11, 8)),
        tracked(2, is_illustrative=True, text="Hoàn thiện hồ sơ thi đua"),
    ]
    heading = RegisterHeading(
        "Sở Nội vụ tỉnh Đồng Tháp", date(2026, 11, 20), "Lọc: Trạng thái: Chưa thực hiện"
    )
    content = recommendations_register(rows, [], {rows[0].locality_id: "Sa Đéc"}, heading)
    text = squeezed(print_to_pdf(content, "so-theo-doi-kien-nghi.xlsx").text)
    for line in (
        "SỞ NỘI VỤ TỈNH ĐỒNG THÁP",
        "SỔ THEO DÕI KIẾN NGHỊ SAU GIÁM SÁT",
        "Đến ngày 20/11/2026 · Lọc: Trạng thái: Chưa thực hiện",
        "Dòng ghi “Minh họa” ở cột Dữ liệu: dữ liệu minh họa.",
        "Hoàn thiện hồ sơ thi đua",
        "Minh họa",
    ):
        assert squeezed(line) in text, line


def test_the_summary_prints_its_title_whole_and_not_its_helper_column():
    indicators = [
        SummaryIndicator("works_count", "Số công trình", "công trình", decimals=0),
        SummaryIndicator("disbursement_rate", "Tỷ lệ giải ngân", "%"),
    ]
    rows = [
        SummaryRow(
            "Thành phố Tam Kỳ (cũ)", "502", {"works_count": 139, "disbursement_rate": 36.4}, False
        ),
        SummaryRow(
            "Thành phố Hội An (cũ)", "503", {"works_count": 48, "disbursement_rate": 98.2}, False
        ),
    ]
    title = "TỔNG HỢP KẾT QUẢ PHONG TRÀO THI ĐUA ĐẨY MẠNH PHÁT TRIỂN KẾT CẤU HẠ TẦNG TỈNH QUẢNG NAM"
    content = dashboard_summary(
        title,
        "Giai đoạn 2022–2023",
        indicators,
        rows,
        {"works_count": 187, "disbursement_rate": 62.7},
        {"works_count": 2, "disbursement_rate": 2},
        100.0,
    )
    printed = print_to_pdf(content, "tong-hop.xlsx").text
    text = words(printed)
    # Merged across the table and wrapped: not cut at the page's edges.
    assert squeezed(title) in squeezed(printed)
    assert "Giai đoạn 2022–2023" in text
    assert "139" in text and "139,0" not in text and "187,0" not in text  # counts: no decimals
    assert "Mục tiêu (%)" not in text  # the charts' helper column stays off the page
