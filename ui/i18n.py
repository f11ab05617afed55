"""The message catalogue: every text the screens show, in Vietnamese and English.

Vietnamese is the default. Domain codes (statuses, kinds, levels) are translated here too,
so that the database stores codes and the screen shows words.
"""

from __future__ import annotations

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

MESSAGES: dict[str, dict[str, str]] = {
    # --- app shell -----------------------------------------------------------------------
    "app.title": {"vi": "Giám sát phong trào thi đua", "en": "Emulation campaign supervision"},
    "app.language": {"vi": "Ngôn ngữ", "en": "Language"},
    "nav.overview": {"vi": "Tổng quan", "en": "Overview"},
    "nav.locality": {"vi": "Địa phương", "en": "Locality"},
    "app.db_error": {
        "vi": "Không mở được cơ sở dữ liệu ({url}). Chi tiết: {error}",
        "en": "Could not open the database ({url}). Details: {error}",
    },
    "app.illustrative_legend": {
        "vi": "Dấu * đánh dấu số liệu minh họa (không có trong tài liệu nguồn).",
        "en": "* marks illustrative figures (not in the source documents).",
    },
    # --- filters -------------------------------------------------------------------------
    "filter.campaign": {"vi": "Phong trào thi đua", "en": "Emulation campaign"},
    "filter.period": {"vi": "Giai đoạn (năm)", "en": "Period (years)"},
    "filter.province": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "filter.below": {"vi": "Cấp dưới", "en": "Level below"},
    "filter.whole_country": {"vi": "Toàn quốc", "en": "Whole country"},
    "filter.all_below": {"vi": "Tất cả", "en": "All"},
    "filter.no_campaign": {
        "vi": "Chưa có phong trào thi đua nào trong cơ sở dữ liệu.",
        "en": "There is no emulation campaign in the database yet.",
    },
    # --- overview ------------------------------------------------------------------------
    "overview.title": {"vi": "Tổng quan phong trào thi đua", "en": "Campaign overview"},
    "overview.caption": {
        "vi": "Kế hoạch: {plan} · Thời gian: {start}–{end} · Số liệu {period_start}–{period_end}",
        "en": "Plan: {plan} · Period: {start}–{end} · Figures {period_start}–{period_end}",
    },
    "overview.no_plan": {
        "vi": "theo kế hoạch của từng địa phương",
        "en": "each locality's own plan",
    },
    "overview.localities": {"vi": "Địa phương có số liệu", "en": "Localities covered"},
    "overview.localities_help": {
        "vi": "Số địa phương cấp dưới có số liệu hoặc kế hoạch triển khai trong giai đoạn đã chọn.",
        "en": "Localities of the level below with figures or an implementation plan.",
    },
    "overview.reporting": {
        "vi": "{n}/{total} địa phương báo cáo",
        "en": "{n}/{total} localities reported",
    },
    "overview.points": {"vi": "{gap} điểm %", "en": "{gap} points"},
    "overview.target_help": {
        "vi": "Chênh lệch so với mục tiêu giải ngân {target} kế hoạch vốn được giao. "
        "Tỷ lệ được tính lại từ tổng vốn đã giải ngân và tổng kế hoạch vốn, không lấy trung bình.",
        "en": "Gap to the {target} disbursement target. The rate is recomputed from total "
        "disbursed and total allocated capital, never averaged.",
    },
    "overview.open_recommendations": {"vi": "Kiến nghị chưa xong", "en": "Open recommendations"},
    "overview.overdue_recommendations": {
        "vi": "Kiến nghị quá hạn",
        "en": "Overdue recommendations",
    },
    "overview.of_total": {"vi": "trên tổng {total} kiến nghị", "en": "of {total} recommendations"},
    "overview.no_data": {
        "vi": "Không có số liệu cho lựa chọn này. Hãy mở rộng giai đoạn hoặc chọn địa bàn khác.",
        "en": "No figures for this selection. Widen the period or choose another area.",
    },
    "overview.chart_investment": {
        "vi": "Tổng mức đầu tư và số công trình theo địa phương",
        "en": "Investment and works by locality",
    },
    "overview.chart_rate": {
        "vi": "Tỷ lệ giải ngân theo địa phương (mục tiêu {target})",
        "en": "Disbursement rate by locality (target {target})",
    },
    "overview.chart_trend": {"vi": "Diễn biến theo năm", "en": "Trend by year"},
    "overview.chart_milestones": {
        "vi": "Tình hình triển khai theo mốc",
        "en": "Implementation status by milestone",
    },
    "overview.table": {"vi": "Số liệu theo địa phương", "en": "Figures by locality"},
    "overview.total_row": {"vi": "Tổng cộng", "en": "Total"},
    "overview.open_locality": {"vi": "Xem hồ sơ địa phương", "en": "Open locality profile"},
    "overview.open_button": {"vi": "Mở hồ sơ", "en": "Open profile"},
    "overview.click_hint": {
        "vi": "Chọn một dòng trong bảng để mở hồ sơ địa phương.",
        "en": "Select a row in the table to open the locality's profile.",
    },
    "overview.no_milestones": {
        "vi": "Chưa có kế hoạch triển khai nào trong phạm vi đã chọn.",
        "en": "No implementation plan in the selected area.",
    },
    # --- table columns -------------------------------------------------------------------
    "col.locality": {"vi": "Địa phương", "en": "Locality"},
    "col.code": {"vi": "Mã", "en": "Code"},
    "col.status": {"vi": "Hiện trạng", "en": "Status now"},
    "col.year": {"vi": "Năm", "en": "Year"},
    "col.period": {"vi": "Kỳ báo cáo", "en": "Reporting period"},
    "col.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "col.value": {"vi": "Giá trị", "en": "Value"},
    "col.source": {"vi": "Nguồn", "en": "Source"},
    "col.kind": {"vi": "Loại", "en": "Kind"},
    "col.milestone": {"vi": "Mốc", "en": "Milestone"},
    "col.due": {"vi": "Hạn", "en": "Due"},
    "col.done": {"vi": "Hoàn thành", "en": "Done"},
    "col.work": {"vi": "Công trình, dự án", "en": "Work or project"},
    "col.category": {"vi": "Lĩnh vực", "en": "Category"},
    "col.investment": {"vi": "Tổng mức đầu tư (tỷ đồng)", "en": "Total investment (billion VND)"},
    "col.progress": {"vi": "Tiến độ", "en": "Progress"},
    "col.key_project": {"vi": "Trọng điểm", "en": "Key project"},
    "col.date": {"vi": "Ngày", "en": "Date"},
    "col.delegation": {"vi": "Đoàn", "en": "Delegation"},
    "col.venue": {"vi": "Địa điểm", "en": "Venue"},
    "col.text": {"vi": "Nội dung", "en": "Text"},
    "col.direction": {"vi": "Hướng", "en": "Direction"},
    "col.addressee": {"vi": "Gửi đến", "en": "Addressee"},
    "col.visit": {"vi": "Buổi làm việc", "en": "Visit"},
    "col.data": {"vi": "Số liệu", "en": "Data"},
    "col.plan": {"vi": "Kế hoạch", "en": "Plan"},
    "source.reported": {"vi": "Báo cáo", "en": "Reported"},
    "source.illustrative": {"vi": "Minh họa", "en": "Illustrative"},
    # --- locality ------------------------------------------------------------------------
    "locality.title": {"vi": "Hồ sơ địa phương", "en": "Locality profile"},
    "locality.choose": {"vi": "Chọn địa phương", "en": "Choose a locality"},
    "locality.not_found": {
        "vi": "Không tìm thấy địa phương có mã “{code}”. Hãy chọn trong danh sách.",
        "en": "No locality with code “{code}”. Choose one from the list.",
    },
    "locality.parent": {"vi": "Trực thuộc: {parent}", "en": "Part of: {parent}"},
    "locality.abolished": {
        "vi": "Đơn vị hoạt động đến hết ngày {date}. Nay là: {successors}.",
        "en": "This unit existed until {date}. It became: {successors}.",
    },
    "locality.formed_from": {
        "vi": "Hình thành từ {date}, từ: {predecessors}.",
        "en": "Formed on {date} from: {predecessors}.",
    },
    "locality.part": {"vi": "một phần", "en": "part"},
    "locality.whole": {"vi": "toàn bộ", "en": "whole"},
    "locality.no_campaign": {
        "vi": "Địa phương này chưa có số liệu, kế hoạch hay buổi làm việc nào.",
        "en": "This locality has no figures, plan or visit yet.",
    },
    "locality.indicators": {"vi": "Chỉ tiêu theo thời gian", "en": "Indicators over time"},
    "locality.works": {"vi": "Công trình, dự án", "en": "Works and projects"},
    "locality.milestones": {"vi": "Tiến độ triển khai", "en": "Implementation milestones"},
    "locality.visits": {"vi": "Buổi làm việc", "en": "Supervision visits"},
    "locality.findings": {"vi": "Kết quả giám sát", "en": "Findings"},
    "locality.recommendations": {"vi": "Kiến nghị", "en": "Recommendations"},
    "locality.plan": {"vi": "Kế hoạch triển khai: {plan}", "en": "Implementation plan: {plan}"},
    "locality.plan_unknown": {"vi": "chưa rõ số, ngày", "en": "number and date not known"},
    "locality.none": {"vi": "Chưa có.", "en": "None yet."},
    "locality.chart_indicator": {"vi": "Biểu đồ chỉ tiêu", "en": "Chart indicator"},
    "locality.overdue_count": {
        "vi": "{n} kiến nghị quá hạn",
        "en": "{n} overdue recommendations",
    },
    "locality.back": {"vi": "← Về tổng quan", "en": "← Back to overview"},
    # --- domain words --------------------------------------------------------------------
    "level.province": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "level.district": {"vi": "Cấp huyện (đến 30/6/2025)", "en": "District (until 30/6/2025)"},
    "level.commune": {"vi": "Cấp xã", "en": "Commune"},
    "former": {"vi": "cũ", "en": "former"},
    "milestone.plan_issued": {"vi": "Ban hành kế hoạch", "en": "Plan issued"},
    "milestone.launched": {"vi": "Phát động", "en": "Launched"},
    "milestone.periodic_report": {"vi": "Báo cáo định kỳ", "en": "Periodic report"},
    "milestone.interim_review": {"vi": "Sơ kết", "en": "Interim review"},
    "milestone.final_review": {"vi": "Tổng kết", "en": "Final review"},
    "mstatus.done_on_time": {"vi": "Đúng hạn", "en": "On time"},
    "mstatus.done_late": {"vi": "Trễ hạn", "en": "Late"},
    "mstatus.done": {"vi": "Đã thực hiện", "en": "Done"},
    "mstatus.overdue": {"vi": "Quá hạn, chưa ghi nhận", "en": "Overdue, not recorded"},
    "mstatus.pending": {"vi": "Chưa đến hạn", "en": "Not yet due"},
    "mstatus.missing": {"vi": "Chưa có", "en": "None"},
    "work.unknown": {"vi": "Chưa cập nhật", "en": "Not updated"},
    "work.planned": {"vi": "Chuẩn bị đầu tư", "en": "Planned"},
    "work.in_progress": {"vi": "Đang thi công", "en": "In progress"},
    "work.completed": {"vi": "Hoàn thành", "en": "Completed"},
    "work.suspended": {"vi": "Tạm dừng", "en": "Suspended"},
    "visit.draft": {"vi": "Bản nháp", "en": "Draft"},
    "visit.signed_off": {"vi": "Đã ký duyệt", "en": "Signed off"},
    "visit.locked": {"vi": "Đã khóa", "en": "Locked"},
    "finding.achievement": {"vi": "Kết quả đạt được", "en": "Achievements"},
    "finding.shortcoming": {"vi": "Hạn chế, tồn tại", "en": "Shortcomings"},
    "finding.difficulty": {"vi": "Khó khăn, vướng mắc", "en": "Difficulties"},
    "finding.cause": {"vi": "Nguyên nhân", "en": "Causes"},
    "direction.to_locality": {"vi": "Đoàn kiến nghị địa phương", "en": "To the locality"},
    "direction.to_higher_level": {"vi": "Đoàn kiến nghị cấp trên", "en": "To a higher level"},
    "direction.from_locality": {"vi": "Địa phương kiến nghị", "en": "Raised by the locality"},
    "rstatus.open": {"vi": "Chưa thực hiện", "en": "Open"},
    "rstatus.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "rstatus.done": {"vi": "Đã thực hiện", "en": "Done"},
    "rstatus.not_accepted": {"vi": "Không tiếp thu", "en": "Not accepted"},
    "rstatus.cancelled": {"vi": "Hủy bỏ", "en": "Cancelled"},
    "rstatus.overdue": {"vi": "Quá hạn {days} ngày", "en": "{days} days overdue"},
}


def translate(key: str, language: str, **values: object) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        # A missing key is a bug, but the screen must still say something readable.
        return key
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
