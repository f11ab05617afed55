"""Builds the shipped Word templates in the layout of Decree 30/2020/NĐ-CP (A4, margins
20/20/30/15 mm, Times New Roman): the biên bản (``bien_ban.docx``, appendix III, form 1.9)
and a round's report, "Báo cáo kết quả giám sát" (``bao_cao.docx``).
The template holds docxtpl tags (``{{ subject }}``, ``{%p for … %}``); an agency opens it in
Word, changes the letterhead and wording, and uploads it back.

    python -m documents.templates.build
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from documents.templates import MINUTES_TEMPLATE, ROUND_REPORT_TEMPLATE

FONT = "Times New Roman"
BODY_PT = 13  # the decree allows 13 to 14


def build_minutes_template(path: Path = MINUTES_TEMPLATE) -> None:
    document = Document()
    _page(document)
    _header(document)
    _title(document)
    _body(document)
    _signatures(document)
    _recipients(document)
    document.core_properties.title = "Biên bản làm việc"
    document.core_properties.author = ""
    document.save(path)


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.1


def _para(
    container,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    keep: bool = False,
    before: float = 0,
):
    """One paragraph of one run: a docxtpl tag is never cut across runs."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _cell_paragraphs(cell) -> None:
    cell._tc.remove(cell.paragraphs[0]._p)  # each cell starts with an empty paragraph


def _header(document) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, (Mm(76), Mm(94)))
    left, right = table.rows[0].cells
    for cell in (left, right):
        _cell_paragraphs(cell)
    _para(left, "{{ parent_agency }}", size=12, align=center)
    _para(left, "{{ issuing_body }}", bold=True, size=12, align=center)
    _para(left, "————", size=12, align=center)
    _para(left, "Số: {{ number }}", size=13, align=center)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=center)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=center)
    _para(right, "————————————", size=12, align=center)


def _title(document) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, "BIÊN BẢN", bold=True, size=14, align=center, before=12)
    _para(document, "{{ subject }}", bold=True, size=14, align=center)
    _para(document, "", size=6)


def _loop(document, over: str, line: str, **style) -> None:
    _para(document, f"{{%p for item in {over} %}}")
    _para(document, line, **style)
    _para(document, "{%p endfor %}")


def _groups(document, over: str) -> None:
    _para(document, f"{{%p for group in {over} %}}")
    _para(document, "{{ group.heading }}", italic=True, bold=True, indent=True)
    _para(document, "{%p for item in group.lines %}")
    _para(document, "- {{ item }}", indent=True)
    _para(document, "{%p endfor %}")
    _para(document, "{%p endfor %}")


def _body(document) -> None:
    _para(document, "Thời gian bắt đầu: {{ start }}.", indent=True)
    _para(document, "Địa điểm: {{ venue }}.", indent=True)
    _para(document, "Thành phần tham dự:", indent=True, keep=True)
    _para(document, "a) Đoàn giám sát:", indent=True, keep=True)
    _loop(document, "delegation_members", "- {{ item }};", indent=True)
    _para(document, "b) Về phía {{ locality }}:", indent=True, keep=True)
    _loop(document, "locality_attendees", "- {{ item }};", indent=True)
    _para(
        document,
        "Chủ trì (chủ tọa): {{ chair }}; Thư ký (người ghi biên bản): {{ secretary }}.",
        indent=True,
    )
    _para(document, "Nội dung:", bold=True, indent=True, keep=True, before=6)
    _para(document, "{%p if summary %}")
    _para(document, "{{ summary }}", indent=True)
    _para(document, "{%p endif %}")
    _para(document, "{%p if figures %}")
    _para(document, "1. Số liệu địa phương báo cáo", bold=True, indent=True, keep=True)
    _figures_table(document)
    _para(document, "{%p endif %}")
    _para(document, "2. Kết quả giám sát", bold=True, indent=True, keep=True, before=6)
    _groups(document, "finding_groups")
    _para(document, "3. Kiến nghị", bold=True, indent=True, keep=True, before=6)
    _groups(document, "recommendation_groups")
    _para(document, "Buổi làm việc kết thúc vào {{ end }}./.", indent=True, keep=True, before=6)


def _figures_table(document, over: str = "figures") -> None:
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Mm(70), Mm(35), Mm(60))
    _widths(table, widths)
    rows = (
        ("Chỉ tiêu", "Giá trị", "Kỳ báo cáo"),
        (f"{{%tr for figure in {over} %}}", "", ""),
        ("{{ figure.indicator }}", "{{ figure.value }}", "{{ figure.period }}"),
        ("{%tr endfor %}", "", ""),
    )
    for row_number, (row, texts) in enumerate(zip(table.rows, rows, strict=True)):
        _cant_split(row)
        for cell, width, text in zip(row.cells, widths, texts, strict=True):
            _cell_paragraphs(cell)
            align = WD_ALIGN_PARAGRAPH.RIGHT if width == widths[1] and row_number == 2 else None
            _para(
                cell,
                text,
                bold=row_number == 0,
                size=12,
                align=align or WD_ALIGN_PARAGRAPH.LEFT,
            )


def _widths(table, widths) -> None:
    """Column widths as Word and LibreOffice both read them (the grid and every cell)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _signatures(document) -> None:
    """Three blocks side by side, a row each for the headings, the room to sign and the
    names, so that the names stay level whatever a heading's length."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, "", size=6, keep=True)
    table = document.add_table(rows=3, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, (Mm(56),) * 3)
    blocks = (
        ("{{ locality_signer }}", "{{ locality_signer_name }}"),
        ("THƯ KÝ", "{{ secretary_name }}"),
        ("CHỦ TỌA", "{{ chair_name }}"),
    )
    for row in table.rows:
        _cant_split(row)
        for cell in row.cells:
            _cell_paragraphs(cell)
    for column, (heading, name) in enumerate(blocks):
        headings, room, names = (row.cells[column] for row in table.rows)
        _para(headings, heading, bold=True, size=13, align=center, keep=True)
        if column == 0:  # the locality's signer also says in which capacity
            _para(headings, "{{ locality_signer_title }}", size=13, align=center, keep=True)
        _para(room, "(Ký, ghi rõ họ tên)", italic=True, size=12, align=center, keep=True)
        for _ in range(4):  # room to sign
            _para(room, "", size=13, align=center, keep=True)
        _para(names, name, bold=True, size=13, align=center)


def _recipients(document) -> None:
    left = WD_ALIGN_PARAGRAPH.LEFT
    _para(document, "Nơi nhận:", bold=True, italic=True, size=12, align=left, before=12, keep=True)
    for line in ("- Thành viên đoàn giám sát;", "- {{ locality }};", "- Lưu: VT, hồ sơ đoàn."):
        _para(document, line, size=11, align=left, keep=True)


def build_round_report_template(path: Path = ROUND_REPORT_TEMPLATE) -> None:
    document = Document()
    _page(document)
    _header(document)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _para(document, "{{ place_date }}", italic=True, size=13, align=right, before=6)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(document, "BÁO CÁO", bold=True, size=14, align=center, before=12)
    _para(document, "Kết quả giám sát {{ subject }}", bold=True, size=14, align=center)
    _para(document, "", size=6)
    _para(document, "{{ basis }}", indent=True)
    headings = (
        ("results", "I. TÌNH HÌNH VÀ KẾT QUẢ ĐẠT ĐƯỢC"),
        ("shortcomings", "II. HẠN CHẾ, TỒN TẠI"),
        ("difficulties", "III. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN"),
        ("proposals", "IV. KIẾN NGHỊ, ĐỀ XUẤT"),
    )
    for name, heading in headings:
        _para(document, heading, bold=True, indent=True, keep=True, before=6)
        _loop(document, name, "{{ item }}", indent=True)
    _para(
        document,
        "Trên đây là báo cáo kết quả giám sát của {{ delegation }}./.",
        indent=True,
        before=6,
    )
    _report_signature(document)
    _para(document, "{%p if annex %}")
    annex = _para(document, "PHỤ LỤC", bold=True, size=14, align=center, keep=True)
    annex.paragraph_format.page_break_before = True  # the annex starts a page of its own
    _para(
        document,
        "SỐ LIỆU CÁC ĐỊA PHƯƠNG BÁO CÁO TẠI CÁC BUỔI LÀM VIỆC",
        bold=True,
        align=center,
        keep=True,
    )
    _para(document, "{%p for place in annex %}")
    _para(document, "{{ place.heading }}", bold=True, keep=True, before=6)
    _figures_table(document, over="place.figures")
    _para(document, "{%p endfor %}")
    _para(document, "{%p endif %}")
    document.core_properties.title = "Báo cáo kết quả giám sát"
    document.core_properties.author = ""
    document.save(path)


def _report_signature(document) -> None:
    """Nơi nhận on the left, the head's signature on the right, side by side."""
    left, center = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, (Mm(80), Mm(90)))
    _cant_split(table.rows[0])
    recipients, signer = table.rows[0].cells
    for cell in (recipients, signer):
        _cell_paragraphs(cell)
    _para(recipients, "Nơi nhận:", bold=True, italic=True, size=12, align=left, before=12)
    for line in ("- Lãnh đạo {{ parent_agency_name }};", "- Các địa phương được giám sát;"):
        _para(recipients, line, size=11, align=left)
    _para(recipients, "- Lưu: VT, hồ sơ đoàn.", size=11, align=left)
    _para(signer, "TM. ĐOÀN GIÁM SÁT", bold=True, size=13, align=center, before=12)
    _para(signer, "TRƯỞNG ĐOÀN", bold=True, size=13, align=center)
    _para(signer, "(Ký, ghi rõ họ tên)", italic=True, size=12, align=center)
    for _ in range(4):  # room to sign
        _para(signer, "", size=13, align=center)
    _para(signer, "{{ head_name }}", bold=True, size=13, align=center)


if __name__ == "__main__":
    build_minutes_template()
    build_round_report_template()
    print(MINUTES_TEMPLATE, ROUND_REPORT_TEMPLATE)
