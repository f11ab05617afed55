"""The biên bản in Word: the lines of form 1.9 (Decree 30/2020/NĐ-CP, appendix III) drawn
from a visit, and an agency's own template, checked before it is used."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date

import pytest
from docx import Document

from data_access.visit_views import Attendee, Finding, visit_detail
from documents.minutes import (
    EXAMPLE,
    MINUTES_NAMES,
    check_minutes_template,
    minutes_context,
    minutes_docx,
    official_time,
)
from documents.office_files import FileRefused
from documents.templates import MINUTES_TEMPLATE
from documents.word import TemplateRefused
from sample_data.builder import stable_id
from tests.helpers.data import TODAY

TAM_KY_VISIT = stable_id("visit", "tam-ky-2023-09-14")


def docx_text(content: bytes) -> str:
    """Every paragraph of the document, tables included, one per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def agency_variant(old: str, new: str) -> bytes:
    """The shipped template with ``old`` changed to ``new`` where it is typed, as an agency
    does in Word."""
    document = Document(str(MINUTES_TEMPLATE))
    cells = [c for t in document.tables for row in t.rows for c in row.cells]
    paragraphs = [*document.paragraphs, *(p for c in cells for p in c.paragraphs)]
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_tam_ky_minutes_hold_the_lines_of_form_1_9(sample_engine):
    detail = visit_detail(sample_engine, TAM_KY_VISIT, TODAY)
    text = docx_text(minutes_docx(detail))
    for line in [
        "SỞ NỘI VỤ TỈNH QUẢNG NAM",  # the parent agency
        "ĐOÀN GIÁM SÁT SỞ NỘI VỤ TỈNH QUẢNG NAM",  # the issuing body, whole
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BB-……",
        "BIÊN BẢN",
        "Thời gian bắt đầu: Buổi sáng, ngày 14 tháng 9 năm 2023.",
        "Địa điểm: UBND thành phố Tam Kỳ.",
        "b) Về phía Thành phố Tam Kỳ:",
        "Buổi làm việc kết thúc vào …… giờ ……, ngày 14 tháng 9 năm 2023./.",
        "ĐẠI DIỆN THÀNH PHỐ TAM KỲ",
        "THƯ KÝ",
        "CHỦ TỌA",
        "Nơi nhận:",
        "- Thành phố Tam Kỳ;",
    ]:
        assert line in text.splitlines(), line
    # Nobody recorded the chair or the secretary: dots to fill in, as on the paper form.
    assert "Chủ trì (chủ tọa): ……………………; Thư ký (người ghi biên bản): ……………………." in text
    # The figures reported at the session, each with its period.
    assert "203,4 tỷ đồng" in text
    assert "Năm 2022–2023 (đến 14/9/2023)\n01/01/2022 – 14/09/2023" in text
    assert "36,4%" in text and "9 tháng năm 2023\n01/01/2023 – 30/09/2023" in text
    # Findings by kind in the official order, then recommendations with their addressee.
    assert text.index("a) Kết quả đạt được") < text.index("b) Khó khăn, vướng mắc")
    assert "(gửi Hội đồng Thi đua - Khen thưởng tỉnh Quảng Nam)" in text
    # The application's own state is not part of the minutes.
    assert "Trạng thái" not in text and "Đã ký duyệt" not in text


def test_a_visit_recorded_in_full_names_everyone_and_signs_with_their_names():
    detail = dataclasses.replace(
        EXAMPLE,
        attendees=(
            Attendee("delegation", "Trần Văn Trưởng", "Trưởng đoàn"),
            Attendee("delegation", "Nguyễn Thị Lan", None),
            Attendee("locality", "Lê Văn Hải", "Chủ tịch UBND phường"),
            Attendee("locality", "Võ Thị Mai", "Phó Chủ tịch UBND phường"),
        ),
    )
    text = docx_text(minutes_docx(detail))
    lines = text.splitlines()
    for line in [
        "- Trần Văn Trưởng, Trưởng đoàn;",
        "- Nguyễn Thị Lan;",
        "- Lê Văn Hải, Chủ tịch UBND phường;",
        "- Võ Thị Mai, Phó Chủ tịch UBND phường;",
        "Thời gian bắt đầu: 08 giờ 00, ngày 20 tháng 11 năm 2026.",
        "Buổi làm việc kết thúc vào 11 giờ 30, ngày 20 tháng 11 năm 2026./.",
        "Chủ trì (chủ tọa): Trần Văn Trưởng; Thư ký (người ghi biên bản): Nguyễn Thư Ký.",
        # Signature blocks: the secretary, the chair, the locality's first attendee.
        "Nguyễn Thư Ký",
        "Trần Văn Trưởng",
        "Lê Văn Hải",
        "ĐẠI DIỆN PHƯỜNG TAM KỲ",
    ]:
        assert line in lines, line


def test_what_people_typed_is_printed_as_typed_never_as_word_markup_or_a_tag():
    typed = 'Kiến nghị <w:p> & "nhà thầu" {{ chair }} {% if x %}\nDòng hai\x0b\x01'
    detail = dataclasses.replace(
        EXAMPLE, findings=(Finding(EXAMPLE.findings[0].id, 1, "shortcoming", typed, None, None, 0),)
    )
    text = docx_text(minutes_docx(detail))
    assert '- Kiến nghị <w:p> & "nhà thầu" {{ chair }} {% if x %}\nDòng hai' in text
    assert "\x01" not in text


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("08:00", "08 giờ 00, ngày 14 tháng 9 năm 2023"),
        ("8h30", "08 giờ 30, ngày 14 tháng 9 năm 2023"),
        ("14 giờ", "14 giờ 00, ngày 14 tháng 9 năm 2023"),
        ("Buổi sáng", "Buổi sáng, ngày 14 tháng 9 năm 2023"),
        (None, "…… giờ ……, ngày 14 tháng 9 năm 2023"),
        ("  ", "…… giờ ……, ngày 14 tháng 9 năm 2023"),
    ],
)
def test_times_are_written_as_official_documents_write_them(typed, printed):
    assert official_time(typed, date(2023, 9, 14)) == printed


def test_the_shipped_template_uses_every_name_and_only_those():
    check_minutes_template(MINUTES_TEMPLATE.read_bytes())
    assert set(MINUTES_NAMES) == set(minutes_context(EXAMPLE))
    from docxtpl import DocxTemplate

    used = DocxTemplate(str(MINUTES_TEMPLATE)).get_undeclared_template_variables()
    assert used == set(MINUTES_NAMES)


def test_an_agency_template_with_its_own_letterhead_is_filled():
    own = agency_variant("{{ parent_agency }}", "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG")
    check_minutes_template(own)
    text = docx_text(minutes_docx(EXAMPLE, own))
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG" in text.splitlines()
    assert "SỞ NỘI VỤ THÀNH PHỐ ĐÀ NẴNG" not in text.splitlines()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _macro_document() -> bytes:
    with zipfile.ZipFile(MINUTES_TEMPLATE) as shipped:
        parts = {name: shipped.read(name) for name in shipped.namelist()}
    parts["word/vbaProject.bin"] = b"\0" * 10
    return _zip(parts)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        ("TT;Tên\n1;Phường Tam Kỳ\n".encode(), "not_zip"),  # a CSV renamed .docx
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "ole"),  # an old .doc
        (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}), "not_docx"),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 5_000_000}),
            "zip_bomb",
        ),
        (_macro_document(), "macro"),
    ],
    ids=["empty", "csv", "doc", "xlsx", "bomb", "macro"],
)
def test_a_file_that_is_no_safe_word_document_is_refused(content, reason):
    with pytest.raises(FileRefused) as refused:
        check_minutes_template(content)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    "tag, reason, said",
    [
        ("{{ ten_co_quan }}", "unknown_names", "ten_co_quan"),
        ("{{ chair ", "syntax", "expected token"),
        ("{% for x in chair %}", "syntax", "endfor"),
        # A tag reaching Python's internals is stopped by the sandbox, not run.
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "fails", "unsafe"),
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "fails", "unsafe"),
    ],
)
def test_a_template_whose_tags_cannot_be_filled_is_refused_with_the_reason(tag, reason, said):
    with pytest.raises(TemplateRefused) as refused:
        check_minutes_template(agency_variant("BIÊN BẢN", tag))
    assert refused.value.reason == reason
    assert said in refused.value.detail


def test_an_agency_template_failing_on_a_visit_gives_way_to_the_shipped_one():
    # Fills the example (one figure), but divides by the number of figures.
    own = agency_variant("BIÊN BẢN", "BIÊN BẢN ({{ 100 // (figures | length) }})")
    check_minutes_template(own)
    assert "BIÊN BẢN (100)" in docx_text(minutes_docx(EXAMPLE, own)).splitlines()
    text = docx_text(minutes_docx(dataclasses.replace(EXAMPLE, figures=()), own))
    assert "BIÊN BẢN" in text.splitlines()  # the shipped template's title
