"""Biên bản làm việc as a workbook that prints as the Word one does: the body of the minutes
on one portrait sheet (the lines of form 1.9, Decree 30/2020/NĐ-CP, from
``documents.minutes``), then appendix sheets for the checklist, the figures as numbers and
the recommendations. Rows of wrapped text get their height written: merged cells are never
sized by Excel or LibreOffice themselves, and their lines would overlap."""

from __future__ import annotations

from typing import Any

from data_access.visit_views import VisitDetail
from documents.minutes import minutes_context, minutes_file_stem
from excel.sheets import CHARS_PER_WIDTH, POINTS_PER_LINE, Book, Column, wrapped_lines
from texts.messages import translate

BODY_COLUMNS = 3  # header, body text and signatures share three columns of equal width
COLUMN_WIDTH = 29  # characters; the three fill an A4 portrait page inside its margins
CHARS_PER_LINE = COLUMN_WIDTH * BODY_COLUMNS * 1.3  # merged across, a little more fits
LAST = BODY_COLUMNS - 1
MAX_LINES_A_ROW = 24  # 24 lines of 16 points: within a row's 409 points


def _t(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


def minutes_file_name(detail: VisitDetail) -> str:
    return minutes_file_stem(detail) + ".xlsx"


def visit_minutes(detail: VisitDetail) -> bytes:
    """The minutes workbook: the body, then the appendices."""
    book = Book()
    _body(book, minutes_context(detail))
    book.table_sheet(
        "Phụ lục 1 - Tiêu chí",
        [
            Column("Mã", 10),
            Column("Nhóm đối tượng", 24, "wrap"),
            Column("Lĩnh vực", 20),
            Column("Tiêu chí", 60, "wrap"),
            Column("Đánh giá", 14),
            Column("Ghi chú", 40, "wrap"),
        ],
        [
            (
                r.code,
                _t(f"group.{r.target_group}"),
                _t(f"area.{r.area}"),
                r.text,
                _t(f"rating.{r.rating}"),
                r.note,
            )
            for r in detail.checklist
        ],
        landscape=True,
    )
    book.table_sheet(
        "Phụ lục 2 - Số liệu",
        [
            Column("Kỳ báo cáo", 26, "wrap"),
            Column("Từ ngày", 12, "date"),
            Column("Đến ngày", 12, "date"),
            Column("Chỉ tiêu", 44, "wrap"),
            Column("Giá trị", 16, "amount"),
            Column("Đơn vị", 12),
            Column("Nguồn", 40, "wrap"),
        ],
        [
            (r.period_label, r.period_start, r.period_end, r.name_vi, r.value, r.unit_vi, r.source)
            for r in detail.figures
        ],
        landscape=True,
    )
    book.table_sheet(
        "Phụ lục 3 - Kiến nghị",
        [
            Column("TT", 6, "count"),
            Column("Hướng", 26, "wrap"),
            Column("Gửi đến", 30, "wrap"),
            Column("Nội dung", 70, "wrap"),
            Column("Hạn", 12, "date"),
            Column("Ưu tiên", 12),
        ],
        [
            (
                i,
                _t(f"direction.{r.direction}"),
                r.addressee,
                r.text,
                r.due_date,
                _t(f"priority.{r.priority}"),
            )
            for i, r in enumerate(detail.recommendations, start=1)
        ],
        landscape=True,
    )
    return book.close()


def _pieces(text: str) -> list[str]:
    """``text`` in pieces of at most ``MAX_LINES_A_ROW`` printed lines, cut between words:
    a row is at most 409 points high, and a longer text would print cut."""
    most = MAX_LINES_A_ROW * CHARS_PER_LINE
    pieces: list[str] = []
    for paragraph in text.split("\n"):
        piece = ""
        for word in paragraph.split(" "):
            if piece and len(piece) + 1 + len(word) > most:
                pieces.append(piece)
                piece = word
            else:
                piece = f"{piece} {word}" if piece else word
        pieces.append(piece)
    return pieces


class _Body:
    """The body sheet written top to bottom, a row at a time."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.sheet = book.workbook.add_worksheet("Biên bản")
        self.sheet.set_column(0, LAST, COLUMN_WIDTH)
        self.row = 0

    def write(self, col: int, text: str, style: str, **changes: Any) -> None:
        self.book.text(self.sheet, self.row, col, text, style=style, text_wrap=True, **changes)

    def line(self, text: str, style: str = "wrap", *, indent: bool = False, **changes: Any):
        """Text across the page, each row's height set for its wrapped lines."""
        if indent:  # the first-line indent of the Word minutes, as a cell's indent
            changes = {**changes, "indent": 2}
        for piece in _pieces(text):
            blank = self.book.variant(style, text_wrap=True, **changes)
            self.sheet.merge_range(self.row, 0, self.row, LAST, "", blank)
            self.write(0, piece, style, **changes)
            self.sheet.set_row(self.row, POINTS_PER_LINE * wrapped_lines(piece, CHARS_PER_LINE))
            self.row += 1

    def cells(self, texts: list[str], style: str) -> None:
        """One row of side-by-side cells (the signature blocks)."""
        for col, text in enumerate(texts):
            self.write(col, text, style)
        lines = max(wrapped_lines(text, COLUMN_WIDTH * CHARS_PER_WIDTH) for text in texts)
        self.sheet.set_row(self.row, POINTS_PER_LINE * lines)
        self.row += 1

    def gap(self, points: float = 8) -> None:
        self.sheet.set_row(self.row, points)
        self.row += 1


def _body(book: Book, c: dict[str, Any]) -> None:
    body = _Body(book)
    sheet = body.sheet
    header = [
        (c["parent_agency"], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
        (c["issuing_body"], "Độc lập - Tự do - Hạnh phúc", True),
        (f"Số: {c['number']}", "", None),
    ]
    for left, right, bold in header:
        body.write(0, left, "bold_center" if bold else "center")
        sheet.merge_range(body.row, 1, body.row, LAST, "", book.variant("bold_center"))
        body.write(1, right, "bold_center")
        sheet.set_row(
            body.row, POINTS_PER_LINE * wrapped_lines(left, COLUMN_WIDTH * CHARS_PER_WIDTH)
        )
        body.row += 1
    body.gap()
    body.line("BIÊN BẢN", "title")
    body.line(c["subject"], "bold_center")
    body.gap()
    body.line(f"Thời gian bắt đầu: {c['start']}.", indent=True)
    body.line(f"Địa điểm: {c['venue']}.", indent=True)
    body.line("Thành phần tham dự:", indent=True)
    body.line("a) Đoàn giám sát:", indent=True)
    for person in c["delegation_members"]:
        body.line(f"- {person};", indent=True)
    body.line(f"b) Về phía {c['locality']}:", indent=True)
    for person in c["locality_attendees"]:
        body.line(f"- {person};", indent=True)
    body.line(
        f"Chủ trì (chủ tọa): {c['chair']}; Thư ký (người ghi biên bản): {c['secretary']}.",
        indent=True,
    )
    body.line("Nội dung:", "bold", indent=True)
    if c["summary"]:
        body.line(c["summary"], indent=True)
    if c["figures"]:
        body.line("1. Số liệu địa phương báo cáo (chi tiết: Phụ lục 2)", "bold", indent=True)
        for figure in c["figures"]:
            period = figure["period"].replace("\n", ", ")
            body.line(f"- {figure['indicator']}: {figure['value']} ({period});", indent=True)
    for heading, groups in (
        ("2. Kết quả giám sát", c["finding_groups"]),
        ("3. Kiến nghị", c["recommendation_groups"]),
    ):
        body.line(heading, "bold", indent=True)
        for group in groups:
            body.line(group["heading"], "bold", indent=True, italic=True)
            for text in group["lines"]:
                body.line(f"- {text}", indent=True)
    body.line(f"Buổi làm việc kết thúc vào {c['end']}./.", indent=True)
    body.gap(14)
    body.cells([c["locality_signer"], "THƯ KÝ", "CHỦ TỌA"], "bold_center")
    if c["locality_signer_title"]:
        body.cells([c["locality_signer_title"], "", ""], "center")
    body.cells(["(Ký, ghi rõ họ tên)"] * BODY_COLUMNS, "italic_center")
    body.gap(64)  # room to sign
    body.cells([c["locality_signer_name"], c["secretary_name"], c["chair_name"]], "bold_center")
    body.gap(14)
    body.line("Nơi nhận:", "bold", italic=True)
    for recipient in (
        "- Thành viên đoàn giám sát;",
        f"- {c['locality']};",
        "- Lưu: VT, hồ sơ đoàn.",
    ):
        body.line(recipient, font_size=11)
    book.print_setup(sheet, BODY_COLUMNS, None, landscape=False)
    sheet.print_area(0, 0, body.row - 1, LAST)
