"""The report of a supervision round, "Báo cáo kết quả giám sát": its sections drafted from
what the round's visits recorded (by locality; the proposals by addressee), the Word file
in the decree's layout with the annex of figures and their dates, and the same file as it
prints."""

from __future__ import annotations

import dataclasses
from datetime import date

from data_access.rounds import RoundDetail, RoundStop, RoundVisitRef
from data_access.visit_views import Finding, Recommendation, visit_detail
from documents.minutes import EXAMPLE
from documents.round_report import draft_sections, report_docx, report_docx_name
from tests.documents.test_minutes_word import TAM_KY_VISIT, docx_text
from tests.helpers.data import TODAY
from tests.helpers.office import print_to_pdf, words


def round_of(*visits, **changes) -> RoundDetail:
    """A round of the Quảng Nam delegation that made ``visits``."""
    stops = {}
    for visit in visits:
        stop = stops.setdefault(visit.locality, (visit.locality_id, []))
        stop[1].append(RoundVisitRef(visit.id, visit.visit_date, visit.status))
    detail = RoundDetail(
        id=EXAMPLE.id,
        version=1,
        delegation_id=EXAMPLE.delegation_id,
        delegation="Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam",
        organisation="Sở Nội vụ tỉnh Quảng Nam",
        head="Trần Văn Trưởng",
        campaign_id=None,
        campaign=None,
        decision_number="15/QĐ-SNV",
        decision_date=date(2023, 8, 25),
        subject="việc triển khai phong trào thi đua năm 2023",
        period_start=date(2023, 9, 1),
        period_end=date(2023, 12, 31),
        sections={},
        report_status="draft",
        report_file_name=None,
        report_uploaded_by=None,
        report_uploaded_at=None,
        finalised_at=None,
        finalised_by=None,
        stops=tuple(
            RoundStop(locality_id, name, None, tuple(refs), "visited")
            for name, (locality_id, refs) in stops.items()
        ),
        visits=visits,
        candidates=(),
    )
    return dataclasses.replace(detail, **changes)


def _second_visit():
    """Another locality's session: a shortcoming, a cause, a recommendation to the same
    addressee as one of Tam Kỳ's."""
    return dataclasses.replace(
        EXAMPLE,
        locality="Phường Hội An",
        visit_date=date(2023, 10, 5),
        findings=(
            Finding(EXAMPLE.id, 1, "shortcoming", "Chậm giải ngân vốn đầu tư công", None, None, 0),
            Finding(EXAMPLE.id, 1, "cause", "Vướng giải phóng mặt bằng", None, None, 1),
        ),
        recommendations=(
            Recommendation(
                EXAMPLE.id,
                1,
                "to_higher_level",
                "Hội đồng Thi đua - Khen thưởng tỉnh Quảng Nam",
                "Bổ sung tiêu chí về giải ngân",
                date(2024, 3, 31),
                "normal",
                "open",
                0,
                0,
            ),
        ),
        figures=(),
    )


def test_the_sections_are_drafted_by_locality_and_the_proposals_by_addressee(sample_engine):
    tam_ky = visit_detail(sample_engine, TAM_KY_VISIT, TODAY)
    sections = draft_sections(round_of(tam_ky, _second_visit()))
    results = sections["results"].splitlines()
    assert results[0] == "Thành phố Tam Kỳ (làm việc ngày 14/09/2023):"
    assert results[1].startswith("- UBND thành phố đã ban hành Kế hoạch tổ chức triển khai")
    assert len(results) == 1 + 5  # Tam Kỳ's five achievements; Hội An recorded none
    assert sections["shortcomings"] == (
        "Phường Hội An (làm việc ngày 05/10/2023):\n- Chậm giải ngân vốn đầu tư công"
    )
    assert sections["difficulties"] == (
        "Thành phố Tam Kỳ (làm việc ngày 14/09/2023):\n"
        "- Tiêu chí thi đua ngành dọc (kinh tế, tài chính).\n"
        "- Một số tiêu chí thi đua không phù hợp và sát sao với từng địa phương.\n"
        "Phường Hội An (làm việc ngày 05/10/2023):\n"
        "- Nguyên nhân: Vướng giải phóng mặt bằng"
    )
    proposals = sections["proposals"].splitlines()
    council = proposals.index("Đối với Hội đồng Thi đua - Khen thưởng tỉnh Quảng Nam:")
    # Both localities' recommendations to the council, under one heading.
    assert proposals[council + 1].startswith("- Đoàn giám sát tiếp thu, tổng hợp kiến nghị")
    assert proposals[council + 1].endswith("(Thành phố Tam Kỳ)")
    assert proposals[council + 2] == (
        "- Bổ sung tiêu chí về giải ngân (Phường Hội An; thời hạn 31/03/2024)"
    )
    assert "Đối với Sở Nội vụ tỉnh Quảng Nam:" in proposals
    assert "Đối với Phòng chuyên môn UBND thành phố Tam Kỳ:" in proposals


def test_the_report_holds_the_decree_layout_the_sections_and_the_dated_figures(sample_engine):
    tam_ky = visit_detail(sample_engine, TAM_KY_VISIT, TODAY)
    detail = round_of(tam_ky)
    detail = dataclasses.replace(detail, sections=draft_sections(detail))
    text = docx_text(report_docx(detail, TODAY))
    lines = text.splitlines()
    for line in [
        "SỞ NỘI VỤ TỈNH QUẢNG NAM",
        "ĐOÀN GIÁM SÁT SỞ NỘI VỤ TỈNH QUẢNG NAM",
        "Số: ……/BC-……",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "……, ngày 22 tháng 11 năm 2026",
        "BÁO CÁO",
        "Kết quả giám sát việc triển khai phong trào thi đua năm 2023",
        "Thực hiện Quyết định số 15/QĐ-SNV ngày 25 tháng 8 năm 2023, từ 01/09/2023 đến "
        "31/12/2023, Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam đã làm việc với 1 địa phương: "
        "Thành phố Tam Kỳ (14/09/2023). Kết quả như sau:",
        "I. TÌNH HÌNH VÀ KẾT QUẢ ĐẠT ĐƯỢC",
        "Thành phố Tam Kỳ (làm việc ngày 14/09/2023):",
        "II. HẠN CHẾ, TỒN TẠI",
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN",
        "- Tiêu chí thi đua ngành dọc (kinh tế, tài chính).",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "Đối với Sở Nội vụ tỉnh Quảng Nam:",
        "Trên đây là báo cáo kết quả giám sát của Đoàn giám sát Sở Nội vụ tỉnh Quảng Nam./.",
        "TRƯỞNG ĐOÀN",
        "Trần Văn Trưởng",
        "PHỤ LỤC",
        "1. Thành phố Tam Kỳ (số liệu báo cáo tại buổi làm việc ngày 14/09/2023)",
        "203,4 tỷ đồng",
    ]:
        assert line in lines, line
    # Each figure of the annex with its period and the period's dates.
    assert "Năm 2022–2023 (đến 14/9/2023)\n01/01/2022 – 14/09/2023" in text
    # Nothing recorded as a shortcoming: dots to fill in, between the two headings.
    shortcomings = lines.index("II. HẠN CHẾ, TỒN TẠI")
    assert lines[shortcomings + 1] == "……………………"
    assert report_docx_name(detail) == (
        "bao-cao-ket-qua-giam-sat_viec-trien-khai-phong-trao-thi-dua-nam-2023_2023-09-01.docx"
    )


def test_the_report_prints_with_its_annex_and_the_signature_block(sample_engine):
    tam_ky = visit_detail(sample_engine, TAM_KY_VISIT, TODAY)
    detail = round_of(tam_ky)
    detail = dataclasses.replace(detail, sections=draft_sections(detail))
    printed = print_to_pdf(report_docx(detail, TODAY), "bao-cao-ket-qua-giam-sat.docx")
    text = words(printed.text)
    lines = [words(line) for line in printed.text.splitlines()]
    assert "BÁO CÁO" in lines
    assert "Số: ……/BC-……" in text
    assert "I. TÌNH HÌNH VÀ KẾT QUẢ ĐẠT ĐƯỢC" in lines
    assert "IV. KIẾN NGHỊ, ĐỀ XUẤT" in lines
    assert any(line.endswith("TRƯỞNG ĐOÀN") for line in lines)
    assert "PHỤ LỤC" in lines
    for figure in ("139 công trình", "203,4 tỷ đồng", "36,4%", "01/01/2023 – 30/09/2023"):
        assert figure in text, figure
    assert printed.pages <= 4
