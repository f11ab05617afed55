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
    # --- figures read on one date (domain/as_of.py) ----------------------------------------
    "asof.until": {"vi": "đến {date}", "en": "as of {date}"},
    "asof.coverage": {
        "vi": "{n}/{total} đơn vị có số liệu",
        "en": "{n} of {total} units reported",
    },
    "asof.card": {
        "vi": "đến {date} · {n}/{total} đơn vị",
        "en": "as of {date} · {n}/{total} units",
    },
    "asof.line": {
        "vi": "{names}: số liệu đến **{date}** ({how}) · {coverage}.",
        "en": "{names}: figures as of **{date}** ({how}) · {coverage}.",
    },
    "asof.latest": {"vi": "ngày mới nhất có số liệu", "en": "the latest date with figures"},
    "asof.picked": {"vi": "ngày đã chọn", "en": "the date chosen"},
    "asof.line_help": {
        "vi": "Số liệu lũy kế được cộng cho các đơn vị tồn tại vào cùng một ngày, mỗi đơn vị "
        "lấy số liệu của đúng ngày đó; đơn vị chưa có số liệu của ngày đó được tính là thiếu, "
        "không thay bằng số cũ hơn. Tỷ lệ được tính lại từ tử số và mẫu số của cùng ngày.",
        "en": "As-of figures are added for the units that existed on one date, each with its "
        "value for that date; a unit without one is missing, never filled in with an older "
        "value. The rate is recomputed from its parts of that same date.",
    },
    "asof.change": {"vi": "Đổi ngày", "en": "Change date"},
    "asof.dialog": {"vi": "Ngày tính số liệu lũy kế", "en": "Date of the as-of figures"},
    "asof.pick": {
        "vi": "Các ngày có số liệu trong giai đoạn, với số đơn vị báo cáo",
        "en": "The dates with figures in the period, with the units reporting",
    },
    "asof.option": {"vi": "{date} — {coverage}", "en": "{date} — {coverage}"},
    "asof.apply": {"vi": "Xem theo ngày này", "en": "Use this date"},
    "asof.back_latest": {"vi": "Về ngày mới nhất", "en": "Back to the latest date"},
    "asof.col": {"vi": "Số liệu lũy kế", "en": "As-of figures"},
    "asof.row_missing": {
        "vi": "chưa có số liệu ngày {date}; gần nhất {latest}",
        "en": "none on {date}; latest {latest}",
    },
    "asof.partial_year": {"vi": "{year} (đến {date})", "en": "{year} (to {date})"},
    "asof.no_dates": {
        "vi": "Không có số liệu lũy kế nào trong giai đoạn này.",
        "en": "No as-of figures in this period.",
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
    "locality.units_below": {
        "vi": "Tổng hợp các đơn vị trực thuộc theo năm",
        "en": "Its units' figures by year",
    },
    "locality.units_below_help": {
        "vi": "Cộng theo cùng quy tắc với trang Tổng quan: số liệu theo kỳ cộng trong năm; số "
        "liệu lũy kế lấy đúng một ngày (ngày mới nhất của năm) cho các đơn vị tồn tại vào ngày "
        "đó, kể cả đơn vị đã sáp nhập vào đơn vị này. Số liệu của kỳ kéo dài qua hai năm chỉ "
        "được tính ở dòng cả giai đoạn.",
        "en": "Added by the overview's rules: flows summed within the year; as-of figures "
        "read on one date (the year's latest) for the units existing then, including units "
        "merged into this one. Figures whose period spans two years count only in the "
        "whole-range row.",
    },
    "locality.whole_range": {
        "vi": "Cả giai đoạn {first}–{last}",
        "en": "Whole range {first}–{last}",
    },
    "locality.own_figures": {"vi": "Số liệu của chính đơn vị", "en": "The unit's own figures"},
    "locality.chart_same_length": {
        "vi": "Biểu đồ chỉ đặt cạnh nhau các kỳ cùng độ dài; {n} số liệu của kỳ dài hơn hoặc "
        "ngắn hơn xem trong bảng.",
        "en": "The chart compares periods of one length only; {n} figures of other periods "
        "are in the table.",
    },
    "locality.chart_indicator": {"vi": "Biểu đồ chỉ tiêu", "en": "Chart indicator"},
    "locality.overdue_count": {
        "vi": "{n} kiến nghị quá hạn",
        "en": "{n} overdue recommendations",
        "en_one": "1 overdue recommendation",
    },
    "locality.back": {"vi": "← Về tổng quan", "en": "← Back to overview"},
    # --- people and saving ---------------------------------------------------------------
    "save": {"vi": "Lưu", "en": "Save"},
    "draft.failed": {
        "vi": "Chưa lưu được bản nháp vào cơ sở dữ liệu; nội dung vẫn còn trong ô. Hãy bấm Lưu.",
        "en": "The draft could not be stored; your text is still in the field. Press Save.",
    },
    "saved": {"vi": "Đã lưu.", "en": "Saved."},
    "draft.kept": {"vi": "Đã lưu nháp lúc {time}", "en": "Draft saved at {time}"},
    "draft.typing": {"vi": "Đang lưu nháp…", "en": "Saving the draft…"},
    "draft.offline": {
        "vi": "Mất kết nối: nội dung được giữ trong trình duyệt, sẽ gửi khi kết nối lại",
        "en": "Offline: the text is kept in this browser and sent when the connection returns",
    },
    "draft.restored": {
        "vi": "Đã khôi phục nội dung chưa lưu (gõ lúc {time}).",
        "en": "Unsaved text restored (typed at {time}).",
    },
    "error.visit_locked": {
        "vi": "Buổi làm việc đã được ký duyệt nên chỉ xem được. Trưởng đoàn có thể mở lại "
        "(kèm lý do) ở thẻ “Ký duyệt”.",
        "en": "This visit is signed off and read-only. The delegation head can reopen it "
        "(with a reason) in the “Sign-off” tab.",
    },
    "error.refused": {
        "vi": "Thao tác không được thực hiện; không có gì bị thay đổi.",
        "en": "The action was refused; nothing changed.",
    },
    "error.invalid_input": {
        "vi": "Nội dung nhập chưa hợp lệ; không có gì bị thay đổi.",
        "en": "The input is not valid; nothing changed.",
    },
    "error.not_found": {
        "vi": "Không tìm thấy nội dung này (có thể đã bị xóa).",
        "en": "This item no longer exists (it may have been deleted).",
    },
    "error.stale_edit": {
        "vi": "Người khác đã lưu nội dung này sau khi bạn mở. Chưa ghi đè gì. Nội dung bạn "
        "nhập vẫn được giữ trong ô và trong bản nháp; hãy đối chiếu hai bản dưới đây.",
        "en": "Someone saved this after you opened it. Nothing was overwritten. Your text is "
        "kept in the field and as a draft; compare both versions below.",
    },
    "error.theirs": {"vi": "Bản đang lưu (của người khác)", "en": "Saved version (theirs)"},
    "error.mine": {"vi": "Bản của bạn", "en": "Your version"},
    "error.keep_mine": {"vi": "Lưu bản của tôi thay thế", "en": "Save mine instead"},
    "edit.take_theirs": {
        "vi": "Dùng bản đang lưu, bỏ bản của tôi",
        "en": "Use the saved version, drop mine",
    },
    "edit.conflict": {
        "vi": "Bản của bạn chưa được lưu và vẫn nằm trong ô. Có thể sửa trong ô để gộp hai "
        "bản, rồi chọn một trong hai nút dưới đây.",
        "en": "Your version is not saved and stays in the field. You can edit it there to merge "
        "both, then choose one of the two buttons below.",
    },
    "edit.overtaken": {
        "vi": "Người khác vừa lưu mục này sau khi bạn bắt đầu sửa; khi bạn lưu, hai bản sẽ "
        "hiện cạnh nhau để bạn chọn.",
        "en": "Someone saved this after you began editing; when you save, both versions will "
        "be shown side by side for you to choose.",
    },
    "error.unexpected": {
        "vi": "Không lưu được do lỗi hệ thống; nội dung bạn nhập vẫn được giữ. Chi tiết: {error}",
        "en": "Could not save because of a system error; your text is kept. Details: {error}",
    },
    "problem.campaigns_required": {
        "vi": "Chọn ít nhất một phong trào thi đua.",
        "en": "Choose at least one emulation campaign.",
    },
    "problem.locality_required": {"vi": "Chọn địa phương.", "en": "Choose a locality."},
    "problem.text_required": {"vi": "Nội dung không được để trống.", "en": "The text is empty."},
    "problem.note_required": {
        "vi": "Cần ghi chú cho thay đổi trạng thái.",
        "en": "A note is needed for a status change.",
    },
    "problem.reason_required": {
        "vi": "Cần nêu lý do mở lại.",
        "en": "A reason is needed to reopen.",
    },
    "problem.unsaved_drafts": {
        "vi": "Chưa ký duyệt: còn nội dung đang gõ dở, chưa lưu (danh sách ở thẻ Ký duyệt).",
        "en": "Not signed off: some text is typed but not saved (listed on the Sign-off tab).",
    },
    "problem.transition": {
        "vi": "Không chuyển được sang trạng thái này từ trạng thái hiện tại.",
        "en": "This status cannot follow the current one.",
    },
    "problem.period_order": {
        "vi": "Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc.",
        "en": "The period must start before it ends.",
    },
    "problem.rating": {"vi": "Mức đánh giá không hợp lệ.", "en": "Invalid rating."},
    "problem.verification_result": {
        "vi": "Kết quả kiểm tra không hợp lệ.",
        "en": "Invalid result.",
    },
    "problem.file_type": {
        "vi": "Chỉ nhận ảnh JPG, PNG hoặc tệp PDF.",
        "en": "Only JPG or PNG photos and PDF files are accepted.",
    },
    "problem.image_broken": {
        "vi": "Tệp ảnh bị hỏng hoặc không phải ảnh JPG/PNG thật (hoặc lớn hơn 60 triệu điểm ảnh).",
        "en": "The image is damaged or not a real JPG/PNG (or larger than 60 megapixels).",
    },
    "problem.pdf_broken": {
        "vi": "Tệp PDF bị cắt ngắn hoặc hỏng (thiếu phần kết thúc).",
        "en": "The PDF file is truncated or damaged (its end is missing).",
    },
    "problem.finding_elsewhere": {
        "vi": "Nhận xét được chọn không còn thuộc buổi làm việc này; hãy chọn lại.",
        "en": "The chosen finding is no longer part of this visit; choose again.",
    },
    "problem.text_too_long": {
        "vi": "Nội dung dài quá 32.000 ký tự (một ô Excel chỉ chứa 32.767 ký tự, biên bản sẽ "
        "bị cắt). Nội dung vẫn được giữ ở bản nháp; hãy tách thành nhiều mục.",
        "en": "The text is longer than 32,000 characters (an Excel cell holds 32,767; the "
        "minutes would cut it). It is kept as a draft; split it into several items.",
    },
    "problem.finding_kind": {"vi": "Loại nhận xét không hợp lệ.", "en": "Invalid finding kind."},
    "problem.criterion": {
        "vi": "Tiêu chí không thuộc phong trào của buổi làm việc.",
        "en": "The criterion is not one of the visit's campaigns.",
    },
    "problem.campaign": {
        "vi": "Phong trào không thuộc buổi làm việc này.",
        "en": "The campaign is not one of this visit's.",
    },
    "problem.direction": {"vi": "Chiều kiến nghị không hợp lệ.", "en": "Invalid direction."},
    "problem.priority": {"vi": "Mức ưu tiên không hợp lệ.", "en": "Invalid priority."},
    "problem.field_value": {
        "vi": "Giá trị nhập không hợp lệ.",
        "en": "Invalid value.",
    },
    "problem.too_large": {
        "vi": "Tệp lớn hơn 10 MB.",
        "en": "The file is larger than 10 MB.",
    },
    "problem.negative": {
        "vi": "{indicator}: giá trị không được âm.",
        "en": "{indicator}: cannot be negative.",
    },
    "problem.implausible": {
        "vi": "{indicator}: giá trị vượt quá mức một địa phương có thể báo cáo (tối đa "
        "{bound}); kiểm tra lại đơn vị tính.",
        "en": "{indicator}: the value is beyond what one locality could report (at most "
        "{bound}); check the unit.",
    },
    "problem.percent_over_100": {
        "vi": "{indicator}: tỷ lệ không vượt quá 100 (nhập 36,4 cho 36,4%).",
        "en": "{indicator}: a percentage cannot exceed 100 (enter 36,4 for 36.4%).",
    },
    "problem.disbursed_over_allocated": {
        "vi": "{indicator}: lớn hơn kế hoạch vốn được giao; cần ghi chú lý do.",
        "en": "{indicator}: above the allocated capital; a note is needed.",
    },
    "problem.flow_overlap": {
        "vi": "{indicator}: kỳ đã nhập trùng một phần với số liệu đã có của kỳ “{period}” "
        "({dates}; nguồn: {source}). Số liệu cộng theo kỳ không được tính hai lần: nhập đúng "
        "kỳ đó để thay thế, hoặc một kỳ không trùng.",
        "en": "{indicator}: the period overlaps the figure already recorded for “{period}” "
        "({dates}; source: {source}). A flow is never counted twice: enter that same period "
        "to replace it, or a period that does not overlap.",
    },
    "figures.check_note": {
        "vi": "số kiểm tra, không cộng thêm: các kỳ đã có cộng lại {sum}{gap}",
        "en": "check figure, not added: the periods recorded add up to {sum}{gap}",
    },
    "figures.check_differs": {"vi": " — chênh {diff}", "en": " — differs by {diff}"},
    "figures.check_matches": {"vi": " — khớp", "en": " — matches"},
    "figures.check_kept": {
        "vi": "{indicator} ({period}) được giữ làm {note}.",
        "en": "{indicator} ({period}) is kept as a {note}.",
    },
    "col.check": {"vi": "Đối chiếu", "en": "Check"},
    "col.problem": {"vi": "Vấn đề", "en": "Problem"},
    "number.empty": {"vi": "chưa nhập số", "en": "no number entered"},
    "number.ambiguous": {
        "vi": "“{text}” có thể là {whole} hoặc {decimal}; chỉ tiêu này có phần thập phân nên "
        "không tự chọn: hãy viết {whole} hoặc {decimal}",
        "en": "“{text}” can be {whole} or {decimal}; this indicator has decimals, so neither "
        "is assumed: write {whole} or {decimal}",
    },
    "number.not_whole": {
        "vi": "“{text}” có phần thập phân, chỉ tiêu này chỉ nhận số nguyên",
        "en": "“{text}” has decimals; this indicator takes whole numbers only",
    },
    "number.not_a_number": {"vi": "“{text}” không phải là số", "en": "“{text}” is not a number"},
    # --- visits --------------------------------------------------------------------------
    "nav.visits": {"vi": "Buổi làm việc", "en": "Visits"},
    "nav.visit": {"vi": "Biên bản buổi làm việc", "en": "Visit record"},
    "nav.recommendations": {"vi": "Theo dõi kiến nghị", "en": "Recommendations tracker"},
    "visits.title": {"vi": "Đợt giám sát, buổi làm việc", "en": "Supervision visits"},
    "visits.new": {"vi": "Tạo buổi làm việc mới", "en": "New visit"},
    "filter.choose": {"vi": "Chọn…", "en": "Choose…"},
    "upload.button": {"vi": "Chọn tệp", "en": "Choose a file"},
    "visits.campaigns": {"vi": "Phong trào thi đua được giám sát", "en": "Campaigns supervised"},
    "visits.choose_locality": {"vi": "Chọn địa phương", "en": "Choose a locality"},
    "visits.choose_delegation": {"vi": "Chọn đoàn đã có", "en": "Choose an existing delegation"},
    "visits.new_delegation": {
        "vi": "…hoặc tên đoàn mới",
        "en": "…or the name of a new delegation",
    },
    "visits.create": {"vi": "Tạo và mở biên bản", "en": "Create and open"},
    "visits.dates": {"vi": "Khoảng ngày", "en": "Date range"},
    "visits.count": {"vi": "{n}/{total} buổi làm việc", "en": "{n} of {total} visits"},
    "visit.back": {"vi": "← Danh sách buổi làm việc", "en": "← All visits"},
    "visit.not_found": {
        "vi": "Không tìm thấy buổi làm việc này. Hãy chọn trong danh sách.",
        "en": "This visit was not found. Choose one from the list.",
    },
    "visit.heading": {
        "vi": "Buổi làm việc ngày {date} — {locality}",
        "en": "Visit of {date} — {locality}",
    },
    "visit.read_only": {
        "vi": "Đã ký duyệt bởi {who} lúc {when}: biên bản chỉ xem, không sửa được.",
        "en": "Signed off by {who} at {when}: read-only.",
    },
    "visit.reopened": {
        "vi": "Đã mở lại để sửa. Lý do: {reason}",
        "en": "Reopened. Reason: {reason}",
    },
    "visit.tab.general": {"vi": "Thông tin chung", "en": "General"},
    "visit.tab.before": {"vi": "Trước buổi làm việc", "en": "Before the meeting"},
    "visit.tab.checklist": {"vi": "Tiêu chí", "en": "Checklist"},
    "visit.tab.figures": {"vi": "Số liệu báo cáo", "en": "Reported figures"},
    "visit.tab.findings": {"vi": "Kết quả giám sát", "en": "Findings"},
    "visit.tab.recommendations": {"vi": "Kiến nghị", "en": "Recommendations"},
    "visit.tab.attachments": {"vi": "Tệp đính kèm", "en": "Attachments"},
    "visit.tab.sign_off": {"vi": "Ký duyệt", "en": "Sign-off"},
    "visit.field.time_of_day": {"vi": "Thời gian", "en": "Time"},
    "visit.field.venue": {"vi": "Địa điểm", "en": "Venue"},
    "visit.field.chair": {"vi": "Chủ trì", "en": "Chair"},
    "visit.field.secretary": {"vi": "Thư ký", "en": "Secretary"},
    "visit.field.summary": {"vi": "Nội dung làm việc", "en": "Purpose of the meeting"},
    "visit.save_general": {"vi": "Lưu thông tin chung", "en": "Save general information"},
    "visit.attendees": {"vi": "Thành phần tham dự", "en": "Attendees"},
    "visit.side": {"vi": "Bên", "en": "Side"},
    "visit.full_name": {"vi": "Họ tên", "en": "Full name"},
    "visit.title": {"vi": "Chức vụ", "en": "Position"},
    "visit.add_attendee": {"vi": "Thêm người tham dự", "en": "Add attendee"},
    "visits.attendees_later": {
        "vi": "Thành phần tham dự được ghi trong biên bản sau khi tạo: từng người, hoặc chép "
        "cả danh sách buổi làm việc trước và thành viên đoàn.",
        "en": "Attendees are entered in the record once it is created: one by one, or the "
        "last visit's list and the delegation's members in one click.",
    },
    "visit.copy_attendees.last": {
        "vi": "Chép {n} người dự buổi làm việc ngày {date}",
        "en": "Copy the {n} attendees of the visit of {date}",
    },
    "visit.copy_attendees.members": {
        "vi": "Thêm {n} thành viên của đoàn",
        "en": "Add the delegation's {n} members",
    },
    "visit.addressee_choose": {
        "vi": "Chọn cơ quan đã gửi trước đây, hoặc gõ tên mới",
        "en": "Pick an addressee used before, or type a new one",
    },
    "visit.remove_attendee": {"vi": "Bỏ người này khỏi danh sách", "en": "Remove from the list"},
    "visit.attendee_name_required": {
        "vi": "Cần nhập họ tên người tham dự.",
        "en": "Enter the attendee's full name.",
    },
    "side.delegation": {"vi": "Đoàn giám sát", "en": "Delegation"},
    "side.locality": {"vi": "Địa phương", "en": "Locality"},
    "visit.latest_figures": {
        "vi": "Số liệu mới nhất của địa phương",
        "en": "The locality's latest figures",
    },
    "visit.earlier_open": {
        "vi": "Kiến nghị chưa hoàn thành từ các lần trước",
        "en": "Open recommendations from earlier visits",
    },
    "visit.verification": {"vi": "Kết quả kiểm tra", "en": "Check result"},
    "visit.verification_note": {"vi": "Ghi chú kiểm tra", "en": "Check note"},
    "visit.record_verification": {"vi": "Ghi nhận", "en": "Record"},
    "visit.verified": {
        "vi": "Đã kiểm tra tại buổi này: {status}.",
        "en": "Checked at this visit: {status}.",
    },
    "verify.verified_done": {"vi": "Đã thực hiện xong", "en": "Verified done"},
    "verify.still_open": {"vi": "Vẫn chưa xong", "en": "Still open"},
    "verify.no_longer_relevant": {"vi": "Không còn phù hợp", "en": "No longer relevant"},
    "visit.no_criteria": {
        "vi": "Phong trào này chưa có tiêu chí thi đua.",
        "en": "This campaign has no criteria yet.",
    },
    "visit.progress": {
        "vi": "Đã đánh giá {rated}/{total} tiêu chí",
        "en": "{rated}/{total} criteria rated",
    },
    "visit.rating": {"vi": "Đánh giá", "en": "Rating"},
    "visit.rating_note": {"vi": "Ghi chú đánh giá", "en": "Rating note"},
    "visit.suggestions": {
        "vi": "Kiến nghị thường dùng, theo tiêu chí của phong trào",
        "en": "Common recommendations, from the campaign's criteria",
    },
    "visit.suggestions_choose": {
        "vi": "Chọn để điền vào nội dung (tiêu chí “Chưa đạt” ở đầu)",
        "en": "Choose one to fill in the text (criteria not met first)",
    },
    "visit.suggestion": {
        "vi": "Tập trung chỉ đạo thực hiện tiêu chí “{criterion}”; báo cáo kết quả với Đoàn "
        "giám sát.",
        "en": "Focus on carrying out the criterion “{criterion}” and report the results to "
        "the delegation.",
    },
    "rating.good": {"vi": "Tốt", "en": "Good"},
    "rating.pass": {"vi": "Đạt", "en": "Met"},
    "rating.fail": {"vi": "Chưa đạt", "en": "Not met"},
    "rating.not_rated": {"vi": "Không đánh giá", "en": "Not rated"},
    "group.agencies": {"vi": "Cơ quan, đơn vị", "en": "Agencies and units"},
    "group.front_and_mass_organisations": {
        "vi": "MTTQ và các đoàn thể",
        "en": "Fatherland Front and mass organisations",
    },
    "group.organisations_enterprises_households": {
        "vi": "Tổ chức, doanh nghiệp, hộ gia đình",
        "en": "Organisations, enterprises, households",
    },
    "group.individuals": {"vi": "Cá nhân", "en": "Individuals"},
    "area.infrastructure": {"vi": "Phát triển kết cấu hạ tầng", "en": "Infrastructure"},
    "area.thrift": {"vi": "THTK, CLP", "en": "Thrift, anti-waste"},
    "area.general": {"vi": "Nhiệm vụ chung", "en": "General tasks"},
    "visit.recorded_figures": {
        "vi": "Số liệu đã ghi tại buổi làm việc",
        "en": "Figures recorded at this visit",
    },
    "visit.enter_figures": {
        "vi": "Nhập số liệu địa phương báo cáo",
        "en": "Enter reported figures",
    },
    "visit.period_label": {"vi": "Kỳ báo cáo", "en": "Reporting period"},
    "visit.period_start": {"vi": "Từ ngày", "en": "From"},
    "visit.period_end": {"vi": "Đến ngày", "en": "To"},
    "visit.unit": {"vi": "Đơn vị tính", "en": "Unit"},
    "visit.note": {"vi": "Ghi chú", "en": "Note"},
    "visit.number_help": {
        "vi": "Nhập kiểu Việt Nam: 203,4 hoặc 1.234.567. Để trống nếu không báo cáo.",
        "en": "Vietnamese style: 203,4 or 1.234.567. Leave empty when not reported.",
    },
    "visit.save_figures": {"vi": "Lưu số liệu", "en": "Save figures"},
    "visit.check": {"vi": "Kiểm tra", "en": "Check"},
    "visit.criterion": {"vi": "Tiêu chí: {criterion}", "en": "Criterion: {criterion}"},
    "visit.no_criterion": {"vi": "(không gắn tiêu chí)", "en": "(no criterion)"},
    "visit.link_criterion": {"vi": "Gắn với tiêu chí", "en": "Linked criterion"},
    "visit.new_finding": {"vi": "Thêm {kind}", "en": "Add to {kind}"},
    "visit.add": {"vi": "Thêm", "en": "Add"},
    "visit.move_up": {"vi": "Đưa lên", "en": "Move up"},
    "visit.move_down": {"vi": "Đưa xuống", "en": "Move down"},
    "visit.delete": {"vi": "Xóa", "en": "Delete"},
    "visit.deleted": {"vi": "Đã xóa “{text}”.", "en": "Deleted “{text}”."},
    "visit.undo": {"vi": "Hoàn tác", "en": "Undo"},
    "visit.deleted_items": {"vi": "Đã xóa ({n}): khôi phục", "en": "Deleted ({n}): restore"},
    "visit.restore": {"vi": "Khôi phục", "en": "Restore"},
    "visit.priority": {"vi": "Mức ưu tiên", "en": "Priority"},
    "priority.high": {"vi": "Cao", "en": "High"},
    "priority.normal": {"vi": "Bình thường", "en": "Normal"},
    "priority.low": {"vi": "Thấp", "en": "Low"},
    "visit.follow_up": {
        "vi": "Theo dõi thực hiện ({n} cập nhật)",
        "en": "Follow-up ({n} updates)",
        "en_one": "Follow-up (1 update)",
    },
    "visit.from_status": {"vi": "Từ", "en": "From"},
    "visit.to_status": {"vi": "Sang", "en": "To"},
    "visit.author": {"vi": "Người cập nhật", "en": "By"},
    "visit.new_status": {"vi": "Trạng thái mới", "en": "New status"},
    "visit.update_status": {"vi": "Cập nhật", "en": "Update"},
    "visit.new_recommendation": {"vi": "Thêm kiến nghị", "en": "New recommendation"},
    "visit.whole_visit": {"vi": "Cả buổi làm việc", "en": "The whole visit"},
    "visit.upload": {
        "vi": "Ảnh hoặc PDF (JPG, PNG, PDF, tối đa 10 MB)",
        "en": "Photo or PDF (JPG, PNG, PDF, up to 10 MB)",
    },
    "visit.upload_help": {
        "vi": "JPG, PNG hoặc PDF, tối đa 10 MB.",
        "en": "JPG, PNG or PDF, up to 10 MB.",
    },
    "visit.attach_to": {"vi": "Đính kèm vào", "en": "Attach to"},
    "visit.attach": {"vi": "Đính kèm", "en": "Attach"},
    "visit.download": {"vi": "Tải về", "en": "Download"},
    "visit.file_broken": {
        "vi": "Tệp ảnh bị hỏng, không hiển thị được. Có thể tải về hoặc xóa.",
        "en": "The image file is damaged and cannot be shown. It can be downloaded or deleted.",
    },
    "visit.file_missing": {
        "vi": "Không tìm thấy tệp “{name}” trong thư mục đính kèm.",
        "en": "The file “{name}” is missing from the attachments folder.",
    },
    "visit.sign_off_explain": {
        "vi": "Trưởng đoàn ký duyệt biên bản khi đã hoàn tất. Sau khi ký, biên bản chỉ xem; "
        "muốn sửa phải mở lại và nêu lý do.",
        "en": "The delegation head signs off a finished record. It is then read-only; "
        "changing it needs reopening with a reason.",
    },
    "visit.signer_is": {"vi": "Người ký duyệt: **{name}**", "en": "Signing off: **{name}**"},
    "visit.unsaved_before_sign_off": {
        "vi": "Còn {n} nội dung đang gõ dở, chưa lưu. Biên bản ký duyệt chỉ gồm những gì đã "
        "lưu: hãy lưu hoặc bỏ các nội dung này trước khi ký.",
        "en": "{n} pieces of text are typed but not saved. A signed record holds only what is "
        "saved: save or discard them before signing off.",
    },
    "visit.unsaved_where": {"vi": "Ở đâu", "en": "Where"},
    "visit.unsaved_at": {"vi": "Gõ lúc", "en": "Typed at"},
    "visit.unsaved_new": {"vi": "mục mới chưa thêm", "en": "new item not yet added"},
    "visit.save_all_drafts": {
        "vi": "Lưu tất cả nội dung nháp của tôi",
        "en": "Save all my drafts",
    },
    "visit.drafts_saved": {"vi": "Đã lưu {n} nội dung nháp.", "en": "{n} drafts saved."},
    "visit.discard_confirm": {
        "vi": "Tôi đồng ý bỏ các nội dung chưa lưu này",
        "en": "I agree to discard this unsaved text",
    },
    "visit.discard_and_sign_off": {
        "vi": "Bỏ nội dung chưa lưu và ký duyệt",
        "en": "Discard the unsaved text and sign off",
    },
    "visit.sign_off_confirm": {
        "vi": "Tôi xác nhận nội dung biên bản đã đầy đủ, chính xác.",
        "en": "I confirm the record is complete and correct.",
    },
    "visit.sign_off": {"vi": "Ký duyệt", "en": "Sign off"},
    "visit.signed_off_done": {"vi": "Đã ký duyệt biên bản.", "en": "The record is signed off."},
    "visit.reopen_reason": {"vi": "Lý do mở lại", "en": "Reason for reopening"},
    "visit.reopen": {"vi": "Mở lại để sửa", "en": "Reopen"},
    "visit.locked": {"vi": "Đã khóa", "en": "Locked"},
    "visit.lock_explain": {
        "vi": "Khi biên bản đã gửi đi chính thức, trưởng đoàn khóa biên bản: từ đó không ai mở "
        "lại để sửa được nữa.",
        "en": "Once the minutes are sent out officially, the head locks them: from then on "
        "nobody can reopen them.",
    },
    "visit.lock_confirm": {
        "vi": "Tôi xác nhận biên bản đã gửi đi và không cần sửa nữa",
        "en": "I confirm the minutes are sent out and need no more changes",
    },
    "visit.lock": {"vi": "Khóa biên bản", "en": "Lock the minutes"},
    "visit.locked_done": {"vi": "Đã khóa biên bản.", "en": "The minutes are locked."},
    "visit.locked_notice": {
        "vi": "{notice} Biên bản đã khóa: không mở lại được.",
        "en": "{notice} The minutes are locked: they cannot be reopened.",
    },
    "error.visit_locked_final": {
        "vi": "Biên bản đã khóa sau khi gửi đi chính thức: chỉ xem, không mở lại được.",
        "en": "These minutes are locked, sent out officially: read-only, never reopened.",
    },
    "visit.reopened_done": {"vi": "Đã mở lại biên bản.", "en": "The record is reopened."},
    "tracker.title": {"vi": "Theo dõi kiến nghị", "en": "Recommendations tracker"},
    "tracker.overdue_only": {"vi": "Chỉ quá hạn", "en": "Overdue only"},
    "tracker.none": {
        "vi": "Không có kiến nghị nào khớp bộ lọc.",
        "en": "No recommendation matches.",
    },
    "tracker.page": {"vi": "Trang", "en": "Page"},
    "tracker.page_rows": {
        "vi": "Kiến nghị {first}–{last} trong tổng số {total} (trang {page}/{pages}).",
        "en": "Recommendations {first}–{last} of {total} (page {page} of {pages}).",
    },
    "tracker.follow_up": {"vi": "Cập nhật tình hình thực hiện", "en": "Follow-up"},
    "tracker.open_visit": {"vi": "Mở biên bản buổi làm việc", "en": "Open the visit record"},
    # --- Excel ---------------------------------------------------------------------------
    "export.minutes": {"vi": "Tải biên bản (Excel)", "en": "Download minutes (Excel)"},
    "export.register": {
        "vi": "Tải sổ theo dõi kiến nghị (Excel)",
        "en": "Download the register (Excel)",
    },
    "export.summary": {"vi": "Tải báo cáo tổng hợp (Excel)", "en": "Download summary (Excel)"},
    "nav.imports": {"vi": "Nhập dữ liệu", "en": "Imports"},
    "imports.title": {"vi": "Nhập dữ liệu", "en": "Imports"},
    "imports.tab.template": {"vi": "Mẫu báo cáo", "en": "Report template"},
    "imports.tab.report": {"vi": "Nhập báo cáo", "en": "Import a report"},
    "imports.tab.catalogue": {"vi": "Danh mục địa phương", "en": "Locality catalogue"},
    "imports.tab.works": {"vi": "Danh sách công trình", "en": "Works list"},
    "imports.download_works": {
        "vi": "Tải mẫu danh sách công trình (Excel)",
        "en": "Download the works list template",
    },
    "imports.upload_works": {
        "vi": "Danh sách công trình đã điền (.xlsx, tối đa 20 MB)",
        "en": "Filled works list (.xlsx, up to 20 MB)",
    },
    "imports.works_preview": {
        "vi": "Sẽ thêm {added}, cập nhật {changed}, giữ nguyên {unchanged} công trình.",
        "en": "{added} works to add, {changed} to update, {unchanged} unchanged.",
    },
    "imports.kind.works": {"vi": "Danh sách công trình", "en": "Works list"},
    "imports.tab.history": {"vi": "Lịch sử nhập", "en": "Import history"},
    "imports.area": {"vi": "Địa bàn (các đơn vị trong mẫu)", "en": "Area (rows of the template)"},
    "imports.template_rows": {
        "vi": "Mẫu có {n} dòng đơn vị.",
        "en": "The template has {n} rows.",
        "en_one": "The template has 1 row.",
    },
    "imports.download_template": {"vi": "Tải mẫu báo cáo (Excel)", "en": "Download template"},
    "imports.upload_report": {
        "vi": "Tệp báo cáo đã điền (.xlsx, tối đa 20 MB)",
        "en": "Filled report (.xlsx, up to 20 MB)",
    },
    "imports.checking": {"vi": "Đang kiểm tra từng ô…", "en": "Checking every cell…"},
    "imports.importing": {"vi": "Đang nhập…", "en": "Importing…"},
    "imports.problems": {
        "vi": "Tệp có {n} lỗi; chưa nhập gì. Sửa các ô dưới đây rồi tải lên lại.",
        "en": "The file has {n} problems; nothing was imported. Fix these cells and upload again.",
        "en_one": "The file has 1 problem; nothing was imported. Fix this cell and upload again.",
    },
    "imports.sheet": {"vi": "Sheet", "en": "Sheet"},
    "imports.cell": {"vi": "Ô", "en": "Cell"},
    "imports.column": {"vi": "Cột", "en": "Column"},
    "imports.reason": {"vi": "Lý do", "en": "Reason"},
    "imports.overlaps": {
        "vi": "Không nhập tệp: {n} số liệu trùng kỳ với số liệu đã có, sẽ bị tính hai lần. "
        "Sửa kỳ báo cáo hoặc bỏ các số liệu này rồi tải lại tệp.",
        "en": "The file is not imported: {n} figures overlap periods already recorded and "
        "would be counted twice. Correct the period or remove them, then upload again.",
    },
    "imports.checks": {
        "vi": "{n} số liệu cộng dồn của các kỳ đã có sẽ được giữ làm số kiểm tra, không cộng thêm:",
        "en": "{n} figures restate periods already recorded and are kept as check figures, "
        "not added:",
    },
    "imports.preview": {
        "vi": "Kỳ {label}: {rows} đơn vị. Sẽ thêm {added}, thay đổi {changed}, giữ nguyên "
        "{unchanged} số liệu.",
        "en": "Period {label}: {rows} units. {added} to add, {changed} to change, {unchanged} "
        "unchanged.",
    },
    "imports.old": {"vi": "Giá trị cũ", "en": "Old value"},
    "imports.new": {"vi": "Giá trị mới", "en": "New value"},
    "imports.confirm": {"vi": "Xác nhận nhập", "en": "Confirm import"},
    "imports.done": {
        "vi": "Đã nhập {n} số liệu.",
        "en": "{n} figures imported.",
        "en_one": "1 figure imported.",
    },
    "imports.already": {
        "vi": "Tệp “{name}” này đã được nhập lúc {when} bởi {who}; không nhập lại.",
        "en": "This file (“{name}”) was imported at {when} by {who}; not imported again.",
    },
    "imports.catalogue_help": {
        "vi": "Danh mục đơn vị hành chính chính thức (định dạng merges.json: 34 tỉnh, thành "
        "phố và các xã, phường, đặc khu, kèm đơn vị cũ được sáp nhập). Đơn vị đã có được giữ "
        "nguyên.",
        "en": "The official list of administrative units (merges.json format). Units already "
        "in the catalogue are kept as they are.",
    },
    "imports.upload_catalogue": {
        "vi": "Tệp danh mục (.json, tối đa 20 MB)",
        "en": "Catalogue file (.json, up to 20 MB)",
    },
    "imports.catalogue_format": {
        "vi": "Tệp không đúng định dạng danh mục đơn vị hành chính.",
        "en": "The file is not in the administrative-units format.",
    },
    "imports.catalogue_preview": {
        "vi": "Tệp có {provinces} tỉnh, thành phố; {communes} xã, phường, đặc khu; {former} "
        "đơn vị cũ và {links} liên kết kế thừa. Danh mục hiện có {known} đơn vị.",
        "en": "The file has {provinces} provinces, {communes} communes, {former} former units "
        "and {links} succession links. The catalogue holds {known} units.",
    },
    "imports.catalogue_done": {
        "vi": "Đã thêm {provinces} tỉnh, {communes} xã, phường và {former} đơn vị cũ.",
        "en": "Added {provinces} provinces, {communes} communes and {former} former units.",
    },
    "imports.file": {"vi": "Tệp", "en": "File"},
    "imports.by": {"vi": "Người nhập", "en": "Imported by"},
    "imports.rows": {"vi": "Số dòng", "en": "Rows"},
    "imports.kind.report": {"vi": "Báo cáo số liệu", "en": "Report"},
    "imports.kind.catalogue": {"vi": "Danh mục địa phương", "en": "Catalogue"},
    "error.already_imported": {
        "vi": "Tệp này đã được nhập trước đây; không nhập lại.",
        "en": "This file was imported before; not imported again.",
    },
    "problem.file_has_problems": {
        "vi": "Tệp còn lỗi; chưa nhập gì.",
        "en": "The file still has problems; nothing imported.",
    },
    "problem.unknown_campaign": {
        "vi": "Phong trào trong mẫu không còn trong hệ thống.",
        "en": "The template's campaign is no longer in the system.",
    },
    "problem.catalogue_format": {
        "vi": "Tệp không đúng định dạng danh mục đơn vị hành chính.",
        "en": "The file is not in the administrative-units format.",
    },
    # --- problems found in an uploaded workbook (domain.imports.ImportProblem.reason) ------
    "cell.header": {
        "vi": "Tiêu đề cột phải là “{expected}”.",
        "en": "The column header must be “{expected}”.",
    },
    "cell.too_many_rows": {
        "vi": "Tệp có hơn {max_rows} dòng; quá lớn so với mẫu.",
        "en": "The file has more than {max_rows} rows; too large for the template.",
    },
    "cell.boolean": {
        "vi": "Ô phải là số, không phải đúng/sai.",
        "en": "The cell must hold a number, not true/false.",
    },
    "cell.number_ambiguous": {
        "vi": "“{text}” có thể hiểu hai cách; viết 1234 hoặc 1,234.",
        "en": "“{text}” can be read two ways; write 1234 or 1,234.",
    },
    "cell.number_not_a_number": {
        "vi": "“{text}” không phải là số.",
        "en": "“{text}” is not a number.",
    },
    "cell.number_empty": {"vi": "Chưa nhập số.", "en": "No number entered."},
    "cell.date": {
        "vi": "Ngày phải có dạng dd/mm/yyyy, ví dụ 14/09/2023.",
        "en": "A date must read dd/mm/yyyy, for example 14/09/2023.",
    },
    "cell.merged": {
        "vi": "Vùng số liệu có ô gộp; hãy bỏ gộp ô.",
        "en": "The data area has merged cells; unmerge them.",
    },
    "cell.no_sheet": {"vi": "Không có sheet “{sheet}”.", "en": "There is no sheet “{sheet}”."},
    "cell.not_report_template": {
        "vi": "Tệp không phải mẫu báo cáo của hệ thống (thiếu thông tin mẫu). Hãy tải mẫu mới "
        "và điền vào đó.",
        "en": "The file is not one of the system's report templates (its description is "
        "missing). Download a new template and fill it in.",
    },
    "cell.not_works_template": {
        "vi": "Tệp không phải mẫu danh sách công trình của hệ thống.",
        "en": "The file is not one of the system's works-list templates.",
    },
    "cell.template_info_broken": {
        "vi": "Thông tin mẫu bị sửa hoặc hỏng.",
        "en": "The template's description was changed or is damaged.",
    },
    "cell.unknown_indicators": {
        "vi": "Mẫu có chỉ tiêu không còn trong hệ thống; hãy tải mẫu mới.",
        "en": "The template has indicators the system no longer has; download a new one.",
    },
    "cell.unknown_locality": {
        "vi": "Mã đơn vị không có trong danh mục địa phương.",
        "en": "The unit code is not in the catalogue of localities.",
    },
    "cell.duplicate_locality": {
        "vi": "Mã đơn vị bị trùng với dòng {row}.",
        "en": "The unit code repeats row {row}.",
    },
    "cell.negative": {"vi": "Giá trị không được âm.", "en": "The value cannot be negative."},
    "cell.implausible": {
        "vi": "Giá trị vượt quá mức một địa phương có thể báo cáo (tối đa {bound}); kiểm tra "
        "lại đơn vị tính.",
        "en": "The value is beyond what one locality could report (at most {bound}); check "
        "the unit.",
    },
    "cell.unreadable_row": {
        "vi": "Dòng {row} có ô số không đọc được (ví dụ NaN hoặc vô cực): nhập lại số ở dòng "
        "này; các dòng sau chưa được kiểm tra.",
        "en": "Row {row} has a number cell that cannot be read (such as NaN or infinity): "
        "type the number again; the rows after it were not checked.",
    },
    "cell.unknown_campaign": {
        "vi": "Mã phong trào trong thông tin mẫu không có trong hệ thống; hãy tải mẫu mới.",
        "en": "The campaign code in the template's description is not in the system; "
        "download a new template.",
    },
    "cell.period_order": {
        "vi": "Kỳ báo cáo trong thông tin mẫu có ngày bắt đầu sau ngày kết thúc; hãy tải mẫu mới.",
        "en": "The template's period starts after it ends; download a new template.",
    },
    "cell.percent_over_100": {
        "vi": "Tỷ lệ không vượt quá 100.",
        "en": "A percentage cannot exceed 100.",
    },
    "cell.disbursed_over_allocated": {
        "vi": "Vốn giải ngân lớn hơn kế hoạch vốn được giao mà không ghi chú.",
        "en": "Disbursed capital is above the allocated capital and there is no note.",
    },
    "cell.formula_without_value": {
        "vi": "Công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại rồi nhập.",
        "en": "The formula has no saved value: open the file in Excel, save it, then import.",
    },
    "cell.work_name_missing": {"vi": "Thiếu tên công trình.", "en": "The work has no name."},
    "cell.duplicate_work": {
        "vi": "Công trình trùng với dòng {row}.",
        "en": "The work repeats row {row}.",
    },
    "cell.work_status": {
        "vi": "Tình trạng phải là: {choices}.",
        "en": "The status must be one of: {choices}.",
    },
    "cell.progress_range": {"vi": "Tiến độ từ 0 đến 100.", "en": "Progress is from 0 to 100."},
    "cell.yes_no": {"vi": "Ghi “{yes}” hoặc “{no}”.", "en": "Write “{yes}” or “{no}”."},
    "cell.end_before_start": {
        "vi": "Ngày hoàn thành dự kiến trước ngày khởi công.",
        "en": "The planned completion date is before the start date.",
    },
    "file.empty": {"vi": "Tệp rỗng.", "en": "The file is empty."},
    "file.too_large": {"vi": "Tệp lớn hơn 20 MB.", "en": "The file is larger than 20 MB."},
    "file.ole": {
        "vi": "Tệp là Excel cũ (.xls) hoặc có mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu và lưu "
        "dưới dạng .xlsx.",
        "en": "An old .xls or a password-protected file. Save it as .xlsx without a password.",
    },
    "file.not_zip": {
        "vi": "Tệp không phải là tệp Excel .xlsx (có thể là CSV hoặc tệp khác đổi tên).",
        "en": "Not an .xlsx workbook (perhaps a renamed CSV or another file).",
    },
    "file.zip_bomb": {
        "vi": "Tệp bị từ chối: nội dung giải nén quá lớn so với kích thước tệp.",
        "en": "Refused: it unpacks to far more than its size.",
    },
    "file.macro": {
        "vi": "Tệp có macro (.xlsm); chỉ nhận .xlsx không có macro.",
        "en": "A macro workbook; only .xlsx without macros is accepted.",
    },
    "file.not_xlsx": {
        "vi": "Tệp hỏng hoặc không phải bảng tính Excel.",
        "en": "The file is damaged or not an Excel workbook.",
    },
    "file.too_many_entries": {
        "vi": "Tệp có quá nhiều thành phần (hơn {max_entries}): không phải tệp mẫu báo cáo.",
        "en": "The file has too many parts (over {max_entries}): it is not a report template.",
    },
    "file.too_many_strings": {
        "vi": "Tệp chứa quá nhiều ô chữ (hơn {max_strings}) so với mẫu báo cáo: hãy dùng "
        "tệp mẫu tải từ phần mềm.",
        "en": "The file holds too many text cells (over {max_strings}) for a template: use "
        "the template downloaded from the application.",
    },
    "file.too_many_rows": {
        "vi": "Một trang tính có hơn {max_rows} dòng, mẫu nhận tối đa {max_rows} dòng số "
        "liệu. Xóa các dòng thừa ở cuối trang rồi tải lại.",
        "en": "A sheet has more than {max_rows} rows; the template takes at most {max_rows} "
        "data rows. Delete the extra rows at the end and upload again.",
    },
    "file.unsafe_xml": {
        "vi": "Tệp chứa cấu trúc XML không an toàn và bị từ chối.",
        "en": "The file holds unsafe XML and was refused.",
    },
    # --- accounts --------------------------------------------------------------------------
    "nav.account": {"vi": "Tài khoản", "en": "Account"},
    "nav.admin": {"vi": "Quản trị", "en": "Administration"},
    "account.title": {"vi": "Tài khoản", "en": "Account"},
    "auth.login": {"vi": "Đăng nhập", "en": "Sign in"},
    "auth.username": {"vi": "Tên đăng nhập", "en": "Username"},
    "auth.password": {"vi": "Mật khẩu", "en": "Password"},
    "auth.password_again": {"vi": "Nhập lại mật khẩu", "en": "Password again"},
    "auth.current_password": {"vi": "Mật khẩu hiện tại", "en": "Current password"},
    "auth.new_password": {
        "vi": "Mật khẩu mới (ít nhất 10 ký tự)",
        "en": "New password (10+ characters)",
    },
    "auth.sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "auth.sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "auth.signed_in_as": {
        "vi": "Đang đăng nhập: {name} ({role})",
        "en": "Signed in: {name} ({role})",
    },
    "auth.wrong": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "en": "Wrong username or password.",
    },
    "auth.disabled": {
        "vi": "Tài khoản đã bị khóa. Hãy liên hệ quản trị viên.",
        "en": "This account is disabled. Contact the administrator.",
    },
    "auth.locked": {
        "vi": "Đăng nhập sai nhiều lần. Hãy thử lại sau {minutes} phút.",
        "en": "Too many failed attempts. Try again in {minutes} minutes.",
    },
    "auth.required": {
        "vi": "Phiên đăng nhập đã hết; hãy đăng nhập lại. Nội dung đang gõ vẫn được giữ.",
        "en": "Your session ended; sign in again. What you typed is kept.",
    },
    "auth.first_start": {
        "vi": "Lần chạy đầu tiên: hãy tạo tài khoản quản trị viên.",
        "en": "First start: create the administrator account.",
    },
    "auth.create_admin": {"vi": "Tạo quản trị viên", "en": "Create administrator"},
    "auth.admin_created": {
        "vi": "Đã tạo quản trị viên. Hãy tải lại trang để đăng nhập.",
        "en": "Administrator created. Reload the page to sign in.",
    },
    "auth.passwords_differ": {
        "vi": "Hai mật khẩu không giống nhau.",
        "en": "The passwords differ.",
    },
    "auth.must_change": {
        "vi": "Đây là lần đăng nhập đầu hoặc mật khẩu vừa được đặt lại: hãy đổi mật khẩu.",
        "en": "First sign-in or a reset password: please change your password.",
    },
    "auth.change_password": {"vi": "Đổi mật khẩu", "en": "Change password"},
    "auth.password_changed": {"vi": "Đã đổi mật khẩu.", "en": "Password changed."},
    "role.viewer": {"vi": "Lãnh đạo (chỉ xem)", "en": "Viewer"},
    "role.inspector": {"vi": "Thành viên đoàn", "en": "Inspector"},
    "role.admin": {"vi": "Quản trị", "en": "Administrator"},
    "member.none": {"vi": "Không", "en": "None"},
    "member.member": {"vi": "Thành viên", "en": "Member"},
    "member.head": {"vi": "Trưởng đoàn", "en": "Head"},
    "error.permission": {
        "vi": "Bạn không có quyền thực hiện việc này; thao tác đã được ghi nhật ký.",
        "en": "You are not allowed to do this; the attempt was logged.",
    },
    "problem.password_short": {
        "vi": "Mật khẩu phải có ít nhất 10 ký tự.",
        "en": "The password needs at least 10 characters.",
    },
    "problem.password_weak": {
        "vi": "Mật khẩu cần có cả chữ và số (hoặc ký tự khác), không có khoảng trắng ở đầu, cuối.",
        "en": "Use letters and digits (or symbols), no spaces at either end.",
    },
    "problem.password_same": {
        "vi": "Mật khẩu mới phải khác mật khẩu cũ.",
        "en": "The new password must differ from the old one.",
    },
    "problem.password_current": {
        "vi": "Mật khẩu hiện tại không đúng.",
        "en": "The current password is wrong.",
    },
    "problem.username_taken": {"vi": "Tên đăng nhập đã có.", "en": "This username exists."},
    "problem.user_fields": {
        "vi": "Cần tên đăng nhập và họ tên.",
        "en": "Username and full name are needed.",
    },
    "problem.role": {"vi": "Vai trò không hợp lệ.", "en": "Invalid role."},
    "problem.disable_self": {
        "vi": "Không thể tự khóa tài khoản của mình.",
        "en": "You cannot disable your own account.",
    },
    "visit.sign_off_head_only": {
        "vi": "Chỉ trưởng đoàn (hoặc quản trị viên) ký duyệt được biên bản này.",
        "en": "Only the delegation head (or an administrator) can sign this record off.",
    },
    "admin.title": {"vi": "Quản trị", "en": "Administration"},
    "admin.tab.users": {"vi": "Người dùng", "en": "Users"},
    "admin.tab.audit": {"vi": "Nhật ký", "en": "Audit log"},
    "admin.tab.backups": {"vi": "Sao lưu", "en": "Backups"},
    "admin.tab.overlaps": {"vi": "Số liệu trùng kỳ ({n})", "en": "Overlapping figures ({n})"},
    "admin.tab.no_overlaps": {"vi": "Số liệu trùng kỳ", "en": "Overlapping figures"},
    "admin.checking_overlaps": {
        "vi": "Đang kiểm tra số liệu trùng kỳ…",
        "en": "Checking for overlapping figures…",
    },
    "admin.no_overlaps": {
        "vi": "Không có số liệu cộng theo kỳ nào bị trùng kỳ: không số nào bị tính hai lần.",
        "en": "No flow figures overlap: nothing is counted twice.",
    },
    "admin.overlaps_help": {
        "vi": "{n} cặp số liệu cộng theo kỳ của cùng một đơn vị và chỉ tiêu có kỳ trùng nhau, "
        "được lưu trước khi phần mềm từ chối trùng kỳ: cả hai đang được cộng vào tổng. Với mỗi "
        "cặp, giữ số của kỳ dài hơn làm số kiểm tra (không cộng) hoặc xóa một số.",
        "en": "{n} pairs of flow figures of one unit and indicator overlap, stored before the "
        "tool refused overlaps: both are added to the totals. For each, keep the longer "
        "period's figure as a check figure (not added) or delete one.",
    },
    "admin.overlap": {
        "vi": "**{locality}** · {indicator} · {campaign}",
        "en": "**{locality}** · {indicator} · {campaign}",
    },
    "admin.flow": {
        "vi": "{period} ({dates}): {value} — nguồn: {source}",
        "en": "{period} ({dates}): {value} — source: {source}",
    },
    "admin.keep_as_check": {
        "vi": "Giữ “{period}” làm số kiểm tra",
        "en": "Keep “{period}” as a check figure",
    },
    "admin.delete_flow": {"vi": "Xóa số liệu “{period}”", "en": "Delete “{period}”"},
    "admin.role": {"vi": "Vai trò", "en": "Role"},
    "admin.active": {"vi": "Đang hoạt động", "en": "Active"},
    "admin.scope": {"vi": "Giới hạn địa bàn", "en": "Limited to"},
    "admin.last_login": {"vi": "Đăng nhập gần nhất", "en": "Last sign-in"},
    "admin.failed_logins": {"vi": "Lần đăng nhập sai", "en": "Failed sign-ins"},
    "admin.new_user": {"vi": "Thêm người dùng", "en": "New user"},
    "admin.temporary_password": {"vi": "Mật khẩu tạm", "en": "Temporary password"},
    "admin.create_user": {"vi": "Tạo người dùng", "en": "Create user"},
    "admin.edit_user": {"vi": "Sửa người dùng", "en": "Edit user"},
    "admin.reset_password": {"vi": "Đặt lại mật khẩu", "en": "Reset password"},
    "admin.password_reset_done": {
        "vi": "Đã đặt lại mật khẩu; người dùng phải đổi khi đăng nhập.",
        "en": "Password reset; the user must change it at sign-in.",
    },
    "admin.membership": {"vi": "Trong đoàn", "en": "In the delegation"},
    "admin.audit_actor": {"vi": "Người thực hiện", "en": "Who"},
    "admin.audit_action": {"vi": "Thao tác", "en": "Action"},
    "admin.audit_entity": {"vi": "Loại bản ghi", "en": "Record kind"},
    "admin.audit_record": {"vi": "Mã bản ghi", "en": "Record id"},
    "admin.audit_count": {
        "vi": "{n} sự kiện (mới nhất trước).",
        "en": "{n} events, newest first.",
        "en_one": "1 event.",
    },
    "admin.audit_export": {"vi": "Tải nhật ký (Excel)", "en": "Download the log (Excel)"},
    "admin.backup_now": {"vi": "Sao lưu ngay", "en": "Back up now"},
    "admin.backing_up": {"vi": "Đang sao lưu…", "en": "Backing up…"},
    "admin.backup_done": {
        "vi": "Đã sao lưu vào {name}; kiểm tra toàn vẹn: tốt.",
        "en": "Backed up to {name}; integrity check passed.",
    },
    "admin.backup_postgres": {
        "vi": "Máy chủ PostgreSQL được sao lưu bằng pg_dump (xem README).",
        "en": "A PostgreSQL server is backed up with pg_dump (see the README).",
    },
    "admin.restore_from": {"vi": "Khôi phục từ bản sao lưu", "en": "Restore from"},
    "admin.restore_confirm": {
        "vi": "Tôi hiểu: dữ liệu hiện tại được sao lưu rồi thay bằng bản đã chọn.",
        "en": "I understand: the current data is backed up, then replaced.",
    },
    "admin.restore": {"vi": "Khôi phục", "en": "Restore"},
    "admin.restore_done": {"vi": "Đã khôi phục từ {name}.", "en": "Restored from {name}."},
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
    """The text of ``key`` in ``language``, filled with ``values``.

    English counts need a singular: an entry may add ``en_one``, used when ``n`` is 1.
    Vietnamese nouns do not change with the number.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        # A missing key is a bug, but the screen must still say something readable.
        return key
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    if values.get("n") == 1:
        text = entry.get(f"{language}_one", text)
    return text.format(**values) if values else text
