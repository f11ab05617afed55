"""The biên bản as it comes out of a printer: converted to PDF by LibreOffice and read back
as a reader would (page images in test-artifacts/)."""

from __future__ import annotations

import dataclasses

from data_access.visit_views import Attendee, visit_detail
from documents.minutes import EXAMPLE, minutes_docx
from tests.documents.test_minutes_word import TAM_KY_VISIT
from tests.helpers.data import TODAY
from tests.helpers.office import print_to_pdf, words


def test_the_tam_ky_minutes_print_whole_on_at_most_three_pages(sample_engine):
    detail = visit_detail(sample_engine, TAM_KY_VISIT, TODAY)
    printed = print_to_pdf(minutes_docx(detail), "bien-ban-tam-ky.docx")
    assert printed.pages <= 3
    lines = [words(line) for line in printed.text.splitlines()]
    text = words(printed.text)
    # The header's two columns side by side: each line of each is there, uncut.
    assert any(line.startswith("SỞ NỘI VỤ TỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI") for line in lines)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ĐOÀN GIÁM SÁT SỞ NỘI VỤ TỈNH" in text and "QUẢNG NAM" in text
    assert "Số: ……/BB-……" in text
    assert "BIÊN BẢN" in lines
    assert "Thời gian bắt đầu: Buổi sáng, ngày 14 tháng 9 năm 2023." in lines
    assert "Buổi làm việc kết thúc vào …… giờ ……, ngày 14 tháng 9 năm 2023./." in lines
    for figure in ("139 công trình", "203,4 tỷ đồng", "635,7 tỷ đồng", "36,4%"):
        assert figure in text, figure
    assert "9 tháng năm 2023" in text and "01/01/2023 – 30/09/2023" in text
    assert any(
        line.split() == ["ĐẠI", "DIỆN", "THÀNH", "PHỐ", "THƯ", "KÝ", "CHỦ", "TỌA"] for line in lines
    )
    assert "Nơi nhận:" in lines
    assert "Trạng thái" not in text and "Đã ký duyệt" not in text


def test_a_full_record_prints_its_composition_and_the_names_under_the_signatures():
    detail = dataclasses.replace(
        EXAMPLE,
        attendees=(
            Attendee("delegation", "Trần Văn Trưởng", "Trưởng đoàn"),
            Attendee("locality", "Lê Văn Hải", "Chủ tịch UBND phường"),
        ),
    )
    printed = print_to_pdf(minutes_docx(detail), "bien-ban-day-du.docx")
    lines = [words(line) for line in printed.text.splitlines()]
    assert "- Trần Văn Trưởng, Trưởng đoàn;" in lines
    assert "- Lê Văn Hải, Chủ tịch UBND phường;" in lines
    assert "Buổi làm việc kết thúc vào 11 giờ 30, ngày 20 tháng 11 năm 2026./." in lines
    # The three names on one line, level under their blocks.
    assert "Lê Văn Hải Nguyễn Thư Ký Trần Văn Trưởng" in lines
    assert printed.pages <= 2
