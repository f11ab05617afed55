"""Biên bản làm việc: the minutes of a visit, in the national administrative style."""

from __future__ import annotations

from data_access.visit_views import VisitDetail
from domain.vocabulary import FINDING_KINDS
from excel.sheets import Book, Column, file_slug
from texts.formats import format_date, format_formal_date
from texts.messages import translate


def _t(key: str, **values: object) -> str:
    return translate(key, "vi", **values)


def minutes_file_name(detail: VisitDetail) -> str:
    return f"bien-ban_{file_slug(detail.locality)}_{detail.visit_date.isoformat()}.xlsx"


def visit_minutes(detail: VisitDetail, place: str) -> bytes:
    """The minutes workbook: a cover sheet in the official layout, then one sheet each for
    attendees, the checklist, reported figures, findings and recommendations."""
    book = Book()
    _cover(book, detail, place)
    book.table_sheet(
        "Thành phần tham dự",
        [
            Column("TT", 6, "count"),
            Column("Bên", 18),
            Column("Họ tên", 30),
            Column("Chức vụ", 40, "wrap"),
        ],
        [
            (i, _t(f"side.{r.side}"), r.full_name, r.title)
            for i, r in enumerate(detail.attendees, start=1)
        ],
    )
    book.table_sheet(
        "Tiêu chí",
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
        "Số liệu báo cáo",
        [
            Column("Kỳ báo cáo", 26),
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
    findings = sorted(
        detail.findings,
        key=lambda r: (FINDING_KINDS.index(r.kind), r.sort_order),
    )
    book.table_sheet(
        "Kết quả giám sát",
        [Column("Loại", 24), Column("TT", 6, "count"), Column("Nội dung", 90, "wrap")],
        [(_t(f"finding.{r.kind}"), i, r.text) for i, r in enumerate(findings, start=1)],
        landscape=True,
    )
    book.table_sheet(
        "Kiến nghị",
        [
            Column("TT", 6, "count"),
            Column("Hướng", 26),
            Column("Gửi đến", 30, "wrap"),
            Column("Nội dung", 70, "wrap"),
            Column("Hạn", 12, "date"),
            Column("Ưu tiên", 12),
            Column("Trạng thái", 16),
        ],
        [
            (
                i,
                _t(f"direction.{r.direction}"),
                r.addressee,
                r.text,
                r.due_date,
                _t(f"priority.{r.priority}"),
                _t(f"rstatus.{r.status}"),
            )
            for i, r in enumerate(detail.recommendations, start=1)
        ],
        landscape=True,
    )
    return book.close()


def _cover(book: Book, detail: VisitDetail, place: str) -> None:
    sheet = book.workbook.add_worksheet("Biên bản")
    f = book.formats
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 60)
    organisation = (detail.delegation or "Đoàn giám sát").upper()
    book.text(sheet, 0, 0, organisation, style="bold_center")
    sheet.write_string(0, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f["bold_center"])
    sheet.write_string(1, 1, "Độc lập - Tự do - Hạnh phúc", f["bold_center"])
    # The place is a locality's name: user text like any other (decision 14).
    book.text(
        sheet, 3, 1, f"{place}, {format_formal_date(detail.visit_date)}", style="italic_center"
    )
    sheet.merge_range(5, 0, 5, 1, "BIÊN BẢN LÀM VIỆC", f["title"])
    campaigns = "; ".join(f"“{campaign.name}”" for campaign in detail.campaigns)
    book.text(sheet, 6, 0, "Về việc giám sát phong trào thi đua")
    book.text(sheet, 6, 1, campaigns, wrap=True)
    lines = [
        (
            "Thời gian",
            f"{detail.time_of_day + ', ' if detail.time_of_day else ''}"
            f"ngày {format_date(detail.visit_date)}",
        ),
        ("Địa điểm", detail.venue),
        ("Địa phương", detail.locality),
        ("Chủ trì", detail.chair),
        ("Thư ký", detail.secretary),
        ("Nội dung làm việc", detail.summary),
        ("Trạng thái biên bản", _t(f"visit.{detail.status}")),
    ]
    if detail.signed_off_by:
        lines.append(("Người ký duyệt", detail.signed_off_by))
    for row, (label, value) in enumerate(lines, start=8):
        sheet.write_string(row, 0, label, f["bold"])
        book.text(sheet, row, 1, value or "", wrap=True)
    book.print_setup(sheet, 2, None, landscape=False)


ADMINISTRATIVE_PREFIXES = (
    "Thành phố ",
    "Tỉnh ",
    "Thị xã ",
    "Quận ",
    "Huyện ",
    "Phường ",
    "Xã ",
    "Đặc khu ",
    "Thị trấn ",
)


def place_of(locality: str) -> str:
    """``Thành phố Tam Kỳ`` -> ``Tam Kỳ``, as in "Tam Kỳ, ngày 14 tháng 9 năm 2023"."""
    for prefix in ADMINISTRATIVE_PREFIXES:
        if locality.startswith(prefix):
            return locality[len(prefix) :]
    return locality
