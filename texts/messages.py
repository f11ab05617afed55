"""The message catalogue: every text the screens show, in Vietnamese and English.

Vietnamese is the default. Domain codes (statuses, kinds, levels) are translated here too,
so that the database stores codes and the screen shows words.
"""

from __future__ import annotations

import re

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
    "overview.map": {"vi": "Bản đồ", "en": "Map"},
    "overview.map_indicator": {"vi": "Tô màu theo", "en": "Coloured by"},
    "overview.map_hint": {
        "vi": "Bấm vào một địa phương để xem các đơn vị trực thuộc, hoặc mở hồ sơ của xã, "
        "phường. Vị trí theo tọa độ trong danh mục hành chính chính thức (không cần mạng).",
        "en": "Click a locality to see the units below it, or to open a commune's profile. "
        "Places from the official administrative catalogue (no network needed).",
    },
    "overview.map_unplaced": {
        "vi": "{n} đơn vị chưa có tọa độ trong danh mục nên không có trên bản đồ.",
        "en": "{n} units have no coordinates in the catalogue and are not on the map.",
        "en_one": "1 unit has no coordinates in the catalogue and is not on the map.",
    },
    "overview.exact": {"vi": "Số chính xác: {value}", "en": "Exact figure: {value}"},
    "number.thousand": {"vi": "nghìn", "en": "thousand"},
    "number.million": {"vi": "triệu", "en": "million"},
    "number.billion": {"vi": "tỷ", "en": "billion"},
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
    "overview.points": {"vi": "{gap} điểm %", "en": "{gap} {gap|point|points}"},
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
    "overview.of_total": {
        "vi": "trên tổng {total} kiến nghị",
        "en": "of {total} {total|recommendation|recommendations}",
    },
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
        "en": "{n} of {total} {total|unit|units} reported",
    },
    "asof.card": {
        "vi": "đến {date} · {n}/{total} đơn vị",
        "en": "as of {date} · {n}/{total} units",
    },
    "asof.line": {
        "vi": "Số liệu lũy kế: số liệu đến **{date}** ({how}) · {coverage}.",
        "en": "Cumulative figures: figures as of **{date}** ({how}) · {coverage}.",
    },
    "asof.line_names": {
        "vi": "Số liệu lũy kế trên màn hình này: {names}.",
        "en": "Cumulative figures on this screen: {names}.",
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
        "en": "The chart compares periods of one length only; {n} {n|figure|figures} of other "
        "periods {n|is|are} in the table.",
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
    "visits.title": {"vi": "Buổi làm việc giám sát", "en": "Supervision visits"},
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
    "visits.count": {
        "vi": "{n}/{total} buổi làm việc",
        "en": "{n} of {total} {total|visit|visits}",
    },
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
    "visit.field.time_of_day": {"vi": "Thời gian bắt đầu", "en": "Started at"},
    "visit.field.end_time": {"vi": "Kết thúc lúc", "en": "Ended at"},
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
        "en": "Copy the {n} {n|attendee|attendees} of the visit of {date}",
    },
    "visit.copy_attendees.members": {
        "vi": "Thêm {n} thành viên của đoàn",
        "en": "Add the delegation's {n} {n|member|members}",
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
        "en": "{n} {n|piece|pieces} of text {n|is|are} typed but not saved. A signed record holds "
        "only what is saved: save or discard them before signing off.",
    },
    "visit.unsaved_where": {"vi": "Ở đâu", "en": "Where"},
    "visit.unsaved_at": {"vi": "Gõ lúc", "en": "Typed at"},
    "visit.unsaved_new": {"vi": "mục mới chưa thêm", "en": "new item not yet added"},
    "visit.save_all_drafts": {
        "vi": "Lưu tất cả nội dung nháp của tôi",
        "en": "Save all my drafts",
    },
    "visit.drafts_saved": {"vi": "Đã lưu {n} nội dung nháp.", "en": "{n} {n|draft|drafts} saved."},
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
    "tracker.overdue": {"vi": "Quá hạn", "en": "Overdue"},
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
    "export.minutes_word": {"vi": "Tải biên bản (Word)", "en": "Download minutes (Word)"},
    "export.register_prepare": {
        "vi": "Chuẩn bị sổ theo dõi kiến nghị (Excel, {n} kiến nghị)",
        "en": "Prepare the register (Excel, {n} {n|recommendation|recommendations})",
    },
    "export.register_ready": {
        "vi": "Tải sổ theo dõi kiến nghị đã chuẩn bị ({n} kiến nghị)",
        "en": "Download the prepared register ({n} {n|recommendation|recommendations})",
    },
    "export.preparing": {"vi": "Đang chuẩn bị tệp…", "en": "Preparing the file…"},
    "export.preparing_done": {
        "vi": "Đang chuẩn bị tệp… {percent}%",
        "en": "Preparing the file… {percent}%",
    },
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
        "en": "The file is not imported: {n} {n|figure overlaps a period|figures overlap periods} "
        "already recorded and would be counted twice. Correct the period or remove {n|it|them},"
        " then upload again.",
    },
    "imports.checks": {
        "vi": "{n} số liệu cộng dồn của các kỳ đã có sẽ được giữ làm số kiểm tra, không cộng thêm:",
        "en": "{n} {n|figure restates a period|figures restate periods} already recorded and "
        "{n|is|are} kept as check {n|figure|figures}, not added:",
    },
    "imports.preview": {
        "vi": "Kỳ {label}: {rows} đơn vị. Sẽ thêm {added}, thay đổi {changed}, giữ nguyên "
        "{unchanged} số liệu.",
        "en": "Period {label}: {rows} {rows|unit|units}. {added} to add, {changed} to change, "
        "{unchanged} unchanged.",
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
        "vi": "Danh mục chính thức đã có sẵn trong phần mềm (trang Quản trị). Tại đây nhập "
        "một bản cập nhật theo định dạng merges.json (34 tỉnh, thành phố và các xã, phường, "
        "đặc khu, kèm đơn vị cũ được sáp nhập). Đơn vị đã có được giữ nguyên.",
        "en": "The official catalogue is built into the tool (Administration screen). Here an "
        "update in the merges.json format can be imported. Units already in the catalogue "
        "are kept as they are.",
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
        "en": "The file has {provinces} {provinces|province|provinces}, {communes} "
        "{communes|commune|communes}, {former} former {former|unit|units} and {links} "
        "succession {links|link|links}. The catalogue holds {known} {known|unit|units}.",
    },
    "imports.catalogue_done": {
        "vi": "Đã thêm {provinces} tỉnh, {communes} xã, phường và {former} đơn vị cũ.",
        "en": "Added {provinces} {provinces|province|provinces}, {communes} "
        "{communes|commune|communes} and {former} former {former|unit|units}.",
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
        "en": "The file has more than {max_rows} {max_rows|row|rows}; too large for the template.",
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
        "en": "A sheet has more than {max_rows} {max_rows|row|rows}; the template takes at most "
        "{max_rows} data {max_rows|row|rows}. Delete the extra rows at the end and upload "
        "again.",
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
        "en": "Too many failed attempts. Try again in {minutes} {minutes|minute|minutes}.",
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
    "admin.tab.templates": {"vi": "Mẫu văn bản", "en": "Document templates"},
    "admin.tab.catalogue": {"vi": "Danh mục đơn vị hành chính", "en": "Administrative units"},
    "catalogue.builtin": {
        "vi": "Danh mục chính thức có sẵn trong phần mềm ({package}): {provinces} tỉnh, thành "
        "phố và {communes} xã, phường, đặc khu hiện nay; {former} đơn vị trước 1/7/2025 (tỉnh, "
        "huyện, xã cũ, mỗi đơn vị dưới huyện, tỉnh cũ của nó); {links} liên kết kế thừa từ "
        "đơn vị cũ sang đơn vị mới.",
        "en": "The official catalogue built into the tool ({package}): {provinces} "
        "{provinces|province|provinces} and {communes} {communes|commune|communes} of today; "
        "{former} {former|unit|units} before 1/7/2025 (old provinces, districts and communes, "
        "each under its own district and province); {links} succession {links|link|links} from "
        "old units to new ones.",
    },
    "catalogue.complete": {
        "vi": "Cơ sở dữ liệu đã có đủ danh mục chính thức.",
        "en": "The database holds the whole official catalogue.",
    },
    "catalogue.missing": {
        "vi": "Cơ sở dữ liệu còn thiếu {provinces} tỉnh, {communes} xã, phường, {former} đơn "
        "vị cũ và {links} liên kết kế thừa. Đơn vị đã có được giữ nguyên.",
        "en": "The database lacks {provinces} {provinces|province|provinces}, {communes} "
        "{communes|commune|communes}, {former} former {former|unit|units} and {links} "
        "succession {links|link|links}. Units already there are kept.",
    },
    "catalogue.misplaced": {
        "vi": "{n} đơn vị cũ đang nằm dưới tỉnh mới sẽ được đặt lại dưới huyện cũ của nó.",
        "en": "{n} former units placed under today's province will go under their own district.",
        "en_one": "1 former unit placed under today's province will go under its own district.",
    },
    "catalogue.install": {
        "vi": "Bổ sung từ danh mục chính thức",
        "en": "Add what is missing from the official catalogue",
    },
    "catalogue.installing": {
        "vi": "Đang bổ sung danh mục đơn vị hành chính…",
        "en": "Adding the administrative units…",
    },
    "catalogue.installed": {
        "vi": "Đã bổ sung {provinces} tỉnh, {communes} xã, phường, {former} đơn vị cũ và "
        "{links} liên kết kế thừa.",
        "en": "Added {provinces} {provinces|province|provinces}, {communes} "
        "{communes|commune|communes}, {former} former {former|unit|units} and {links} "
        "succession {links|link|links}.",
    },
    "catalogue.moved": {
        "vi": "{n} đơn vị cũ được đặt lại dưới huyện của nó.",
        "en": "{n} former units moved under their own district.",
        "en_one": "1 former unit moved under its own district.",
    },
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
        "en": "{n} {n|pair|pairs} of flow figures of one unit and indicator {n|overlaps|overlap}, "
        "stored before the tool refused overlaps: both are added to the totals. For each, keep "
        "the longer period's figure as a check figure (not added) or delete one.",
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
    # --- document templates ----------------------------------------------------------------
    "template.intro": {
        "vi": "Biên bản tải về ở dạng Word theo mẫu 1.9, Phụ lục III, Nghị định 30/2020/NĐ-CP. "
        "Để dùng tiêu đề, quốc hiệu, lời văn của cơ quan mình: tải mẫu về, sửa trong Word "
        "(giữ nguyên các tên trong dấu {{ }} và {% %}), rồi tải lên tại đây. Từ lần tải biên "
        "bản sau, phần mềm điền vào mẫu của cơ quan.",
        "en": "Minutes download in Word in the layout of form 1.9, appendix III, Decree "
        "30/2020/NĐ-CP. To use your agency's letterhead and wording: download the template, "
        "edit it in Word (keep the names inside {{ }} and {% %}), and upload it here. The "
        "next minutes downloaded are filled into your template.",
    },
    "template.in_use": {
        "vi": "Đang dùng mẫu của cơ quan: {name} (tải lên bởi {who}, lúc {when}).",
        "en": "Your agency's template is in use: {name} (uploaded by {who}, {when}).",
    },
    "template.shipped_in_use": {
        "vi": "Đang dùng mẫu có sẵn của phần mềm.",
        "en": "The template shipped with the application is in use.",
    },
    "template.download_shipped": {
        "vi": "Tải mẫu có sẵn (.docx)",
        "en": "Download the shipped template (.docx)",
    },
    "template.download_agency": {
        "vi": "Tải mẫu đang dùng (.docx)",
        "en": "Download the template in use (.docx)",
    },
    "template.upload": {
        "vi": "Mẫu biên bản của cơ quan (.docx)",
        "en": "Your agency's minutes template (.docx)",
    },
    "template.use": {"vi": "Kiểm tra và dùng mẫu này", "en": "Check and use this template"},
    "template.kept": {
        "vi": "Đã kiểm tra và lưu mẫu {name}: biên bản tải về từ nay theo mẫu này.",
        "en": "Template {name} checked and kept: minutes now download in it.",
    },
    "template.reset_confirm": {
        "vi": "Tôi muốn bỏ mẫu của cơ quan, dùng lại mẫu có sẵn",
        "en": "Drop our template and go back to the shipped one",
    },
    "template.reset": {"vi": "Dùng lại mẫu có sẵn", "en": "Use the shipped template"},
    "template.reset_done": {"vi": "Đã dùng lại mẫu có sẵn.", "en": "Back to the shipped template."},
    "template.names": {"vi": "Các tên dùng được trong mẫu", "en": "Names a template may use"},
    "template.name": {"vi": "Tên", "en": "Name"},
    "template.meaning": {"vi": "Nội dung", "en": "Meaning"},
    "template.syntax": {
        "vi": "Mẫu có thẻ viết sai, chưa dùng được: {detail}. Sửa thẻ trong Word rồi tải lên lại.",
        "en": "The template has a malformed tag and cannot be used: {detail}. Fix it in Word "
        "and upload again.",
    },
    "template.unknown_names": {
        "vi": "Mẫu dùng tên phần mềm không có: {detail}. Xem bảng các tên dùng được bên dưới.",
        "en": "The template uses names the application does not provide: {detail}. See the "
        "list of names below.",
    },
    "template.fails": {
        "vi": "Không điền được mẫu: {detail}. Mẫu chưa được lưu.",
        "en": "The template could not be filled: {detail}. It was not kept.",
    },
    "template.file.empty": {"vi": "Tệp rỗng.", "en": "The file is empty."},
    "template.file.too_large": {
        "vi": "Tệp quá lớn cho một mẫu văn bản (tối đa 10 MB).",
        "en": "Too large for a document template (10 MB at most).",
    },
    "template.file.ole": {
        "vi": "Tệp Word cũ (.doc) hoặc có mật khẩu: hãy lưu thành .docx không mật khẩu.",
        "en": "An old .doc or a password-protected file: save it as .docx without a password.",
    },
    "template.file.not_zip": {
        "vi": "Tệp không phải văn bản Word .docx.",
        "en": "Not a Word .docx document.",
    },
    "template.file.not_docx": {
        "vi": "Tệp hỏng hoặc không phải văn bản Word .docx.",
        "en": "The file is damaged or not a Word .docx document.",
    },
    "template.file.too_many_entries": {
        "vi": "Tệp có quá nhiều thành phần (hơn {max_entries}) cho một mẫu văn bản.",
        "en": "The file has too many parts (over {max_entries}) for a template.",
    },
    "template.file.zip_bomb": {
        "vi": "Tệp bị từ chối: nội dung giải nén quá lớn so với kích thước tệp.",
        "en": "Refused: it unpacks to far more than its size.",
    },
    "template.file.macro": {
        "vi": "Tệp có macro (.docm); chỉ nhận .docx không có macro.",
        "en": "A macro document; only .docx without macros is accepted.",
    },
    "template.name.parent_agency": {
        "vi": "Tên cơ quan chủ quản của đoàn (chữ in hoa)",
        "en": "The delegation's parent agency (capitals)",
    },
    "template.name.issuing_body": {
        "vi": "Tên đoàn giám sát, cơ quan lập biên bản (chữ in hoa)",
        "en": "The delegation, which issues the minutes (capitals)",
    },
    "template.name.number": {
        "vi": "Số biên bản (để văn thư điền: ……/BB-……)",
        "en": "The minutes' number (left for the office: ……/BB-……)",
    },
    "template.name.subject": {
        "vi": "Trích yếu nội dung biên bản",
        "en": "What the minutes are about",
    },
    "template.name.start": {
        "vi": "Thời gian bắt đầu (giờ, ngày tháng năm)",
        "en": "When the session started (hour and date)",
    },
    "template.name.end": {
        "vi": "Thời gian kết thúc (giờ, ngày tháng năm)",
        "en": "When the session ended (hour and date)",
    },
    "template.name.venue": {"vi": "Địa điểm", "en": "Venue"},
    "template.name.locality": {
        "vi": "Tên địa phương được giám sát",
        "en": "The locality supervised",
    },
    "template.name.delegation_members": {
        "vi": "Danh sách thành viên đoàn (họ tên, chức vụ)",
        "en": "The delegation's attendees (name, title)",
    },
    "template.name.locality_attendees": {
        "vi": "Danh sách đại biểu địa phương (họ tên, chức vụ)",
        "en": "The locality's attendees (name, title)",
    },
    "template.name.chair": {"vi": "Chủ trì (chủ tọa)", "en": "Chair"},
    "template.name.secretary": {
        "vi": "Thư ký (người ghi biên bản)",
        "en": "Secretary (who took the minutes)",
    },
    "template.name.summary": {"vi": "Nội dung làm việc", "en": "Purpose of the session"},
    "template.name.figures": {
        "vi": "Số liệu địa phương báo cáo: mỗi dòng có indicator, value, period, source",
        "en": "Figures the locality reported: each with indicator, value, period, source",
    },
    "template.name.finding_groups": {
        "vi": "Kết quả giám sát theo loại: mỗi nhóm có heading và lines",
        "en": "Findings by kind: each group has a heading and lines",
    },
    "template.name.recommendation_groups": {
        "vi": "Kiến nghị theo hướng: mỗi nhóm có heading và lines",
        "en": "Recommendations by direction: each group has a heading and lines",
    },
    "template.name.secretary_name": {
        "vi": "Họ tên ở khối chữ ký Thư ký",
        "en": "The name under the secretary's signature",
    },
    "template.name.chair_name": {
        "vi": "Họ tên ở khối chữ ký Chủ tọa",
        "en": "The name under the chair's signature",
    },
    "template.name.locality_signer": {
        "vi": "Tiêu đề khối chữ ký của địa phương (ĐẠI DIỆN …)",
        "en": "The heading of the locality's signature block",
    },
    "template.name.locality_signer_name": {
        "vi": "Họ tên đại diện địa phương ký biên bản",
        "en": "The locality's signer",
    },
    "template.name.locality_signer_title": {
        "vi": "Chức vụ đại diện địa phương",
        "en": "The locality signer's title",
    },
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
    "rstatus.overdue": {"vi": "Quá hạn {days} ngày", "en": "{days} {days|day|days} overdue"},
    # --- field sync ----------------------------------------------------------------------
    "nav.sync": {"vi": "Đồng bộ / xung đột", "en": "Sync / conflicts"},
    "sync.title": {"vi": "Đồng bộ và xung đột", "en": "Sync and conflicts"},
    "sync.server_caption": {
        "vi": "Đây là máy chủ dùng chung. Các máy trạm đồng bộ vào đây; xung đột cần xử lý "
        "được liệt kê dưới đây.",
        "en": "This is the shared server. Laptops sync into it; conflicts to resolve are "
        "listed below.",
    },
    "sync.laptop_caption": {
        "vi": "Máy trạm **{name}** của {server} · lần nhận dữ liệu gần nhất: {when}",
        "en": "Laptop **{name}** of {server} · last data received: {when}",
    },
    "sync.never": {"vi": "chưa có", "en": "never"},
    "sync.waiting": {
        "vi": "Một gói đã gửi chưa nhận được trả lời. Lần đồng bộ sau gửi lại đúng gói đó; "
        "máy chủ chỉ nhập một lần.",
        "en": "A package sent has not been answered yet. The next sync sends the same package "
        "again; the server merges it only once.",
    },
    "sync.direct": {"vi": "Đồng bộ trực tiếp với máy chủ", "en": "Sync directly with the server"},
    "sync.server_url": {
        "vi": "Địa chỉ cơ sở dữ liệu của máy chủ",
        "en": "The server's database address",
    },
    "sync.server_url_help": {
        "vi": "Dạng postgresql://người-dùng:mật-khẩu@máy-chủ/tên. Chỉ dùng cho lần đồng bộ này, "
        "không lưu lại.",
        "en": "Like postgresql://user:password@host/name. Used for this sync only, not kept.",
    },
    "sync.now": {"vi": "Đồng bộ ngay", "en": "Sync now"},
    "sync.by_file": {"vi": "Đồng bộ bằng tệp (không có mạng)", "en": "Sync by file (no network)"},
    "sync.by_file_caption": {
        "vi": "Tạo gói thay đổi, mang đến máy chủ (USB, thư nội bộ); quản trị viên máy chủ "
        "nhận gói và trả lại gói trả lời để nhập vào máy này.",
        "en": "Make the package of changes and carry it to the server (USB stick, internal "
        "mail); the server's administrator receives it and hands back a reply to import here.",
    },
    "sync.export": {"vi": "Tạo gói gửi máy chủ", "en": "Make the package for the server"},
    "sync.download_push": {"vi": "Tải gói thay đổi (.zip)", "en": "Download the package (.zip)"},
    "sync.reply_upload": {
        "vi": "Gói trả lời từ máy chủ (.zip)",
        "en": "The server's reply package (.zip)",
    },
    "sync.receive_reply": {"vi": "Nhập gói trả lời", "en": "Import the reply"},
    "sync.step.export": {"vi": "Đang gom các thay đổi…", "en": "Gathering the changes…"},
    "sync.step.check": {
        "vi": "Máy chủ đang kiểm tra quyền của người sửa…",
        "en": "The server checks who made each change…",
    },
    "sync.step.merge": {"vi": "Đang hợp nhất từng trường…", "en": "Merging field by field…"},
    "sync.step.files": {"vi": "Đang lưu ảnh và tệp đính kèm…", "en": "Storing attached files…"},
    "sync.step.reply": {
        "vi": "Máy chủ đang chuẩn bị trả lời…",
        "en": "The server prepares its reply…",
    },
    "sync.step.done": {"vi": "Xong.", "en": "Done."},
    "sync.synced": {"vi": "Đã đồng bộ.", "en": "Synced."},
    "sync.done": {
        "vi": "Đã đồng bộ: gửi {sent} bản ghi, nhận {received}, xung đột mới {conflicts}.",
        "en": "Synced: {sent} {sent|record|records} sent, {received} received, {conflicts} new "
        "{conflicts|conflict|conflicts}.",
    },
    "sync.refused_some": {
        "vi": "Máy chủ không nhận {n} bản ghi; chúng vẫn được giữ trên máy này.",
        "en": "The server refused {n} records; they are still kept on this laptop.",
        "en_one": "The server refused 1 record; it is still kept on this laptop.",
    },
    "sync.reason.no_author": {
        "vi": "không rõ ai đã sửa",
        "en": "no author recorded",
    },
    "sync.reason.unknown_author": {
        "vi": "người sửa không có tài khoản đang hoạt động trên máy chủ",
        "en": "the author has no active account on the server",
    },
    "sync.reason.author": {
        "vi": "người sửa không có quyền này trên máy chủ (không thuộc đoàn, hoặc ngoài địa bàn)",
        "en": "the author may not do this on the server (not in the delegation, or out of reach)",
    },
    "sync.reason.outside_scope": {
        "vi": "địa phương nằm ngoài phạm vi đăng ký của máy trạm",
        "en": "the locality is outside what the laptop was registered for",
    },
    "sync.reason.refused_change": {
        "vi": "nhật ký của thay đổi bị từ chối",
        "en": "the log entry of a refused change",
    },
    "sync.reason.no_visit": {"vi": "không tìm thấy buổi làm việc", "en": "the visit is not found"},
    "sync.laptops": {"vi": "Máy trạm đã đăng ký", "en": "Registered laptops"},
    "sync.no_laptops": {"vi": "Chưa đăng ký máy trạm nào.", "en": "No laptop is registered yet."},
    "sync.laptop_name": {"vi": "Máy trạm", "en": "Laptop"},
    "sync.localities": {"vi": "Địa phương được mang đi", "en": "Localities it takes out"},
    "sync.delegations": {"vi": "Đoàn giám sát", "en": "Delegations"},
    "sync.last_sync": {"vi": "Đồng bộ gần nhất", "en": "Last sync"},
    "sync.status": {"vi": "Trạng thái", "en": "Status"},
    "sync.active": {"vi": "Đang dùng", "en": "In use"},
    "sync.revoked": {"vi": "Đã thu hồi", "en": "Revoked"},
    "sync.register": {"vi": "Đăng ký máy trạm mới", "en": "Register a laptop"},
    "sync.server_name": {
        "vi": "Tên máy chủ (hiện trên máy trạm)",
        "en": "Server name (shown on the laptop)",
    },
    "sync.default_server_name": {"vi": "Máy chủ dùng chung", "en": "Shared server"},
    "sync.register_button": {"vi": "Đăng ký", "en": "Register"},
    "sync.registered": {
        "vi": "Đã đăng ký máy trạm {name}. Tải tệp đăng ký ở đầu danh sách.",
        "en": "Laptop {name} registered. Download its registration file above the list.",
    },
    "sync.registration_download": {
        "vi": "Tải tệp đăng ký (.json)",
        "en": "Download the registration file (.json)",
    },
    "sync.registration_note": {
        "vi": "Giao tệp này cho máy trạm và giữ kín: ai có tệp có thể đồng bộ thay máy trạm. "
        "Máy bị mất thì thu hồi.",
        "en": "Hand this file to the laptop and keep it private: whoever holds it can sync as "
        "the laptop. Revoke a lost laptop.",
    },
    "sync.choose_laptop": {"vi": "Chọn máy trạm", "en": "Choose a laptop"},
    "sync.checkout": {"vi": "Tạo gói dữ liệu mang đi", "en": "Make its take-out package"},
    "sync.checkout_download": {
        "vi": "Tải gói dữ liệu mang đi (.zip)",
        "en": "Download the take-out package (.zip)",
    },
    "sync.registration_again": {
        "vi": "Tạo lại tệp đăng ký",
        "en": "Make the registration file again",
    },
    "sync.revoke_sure": {"vi": "Tôi muốn thu hồi máy này", "en": "I want to revoke this laptop"},
    "sync.revoke": {"vi": "Thu hồi", "en": "Revoke"},
    "sync.revoked_done": {
        "vi": "Đã thu hồi: gói của máy này sẽ bị từ chối.",
        "en": "Revoked: this laptop's packages will be refused.",
    },
    "sync.push_upload": {"vi": "Nhận gói từ máy trạm", "en": "Receive a laptop's package"},
    "sync.push_caption": {
        "vi": "Gói được kiểm tra chữ ký, rồi từng thay đổi được kiểm tra quyền như khi người "
        "đó sửa trên máy chủ. Nhận hai lần cùng một gói không nhập hai lần.",
        "en": "The package's signature is checked, then each change against the rights its "
        "author has on the server. Receiving a package twice merges it once.",
    },
    "sync.push_file": {"vi": "Gói từ máy trạm (.zip)", "en": "The laptop's package (.zip)"},
    "sync.receive_push": {"vi": "Nhận gói", "en": "Receive"},
    "sync.push_received": {
        "vi": "Đã nhận gói. Tải gói trả lời để mang về máy trạm.",
        "en": "Package received. Download the reply to take back to the laptop.",
    },
    "sync.reply_download": {"vi": "Tải gói trả lời (.zip)", "en": "Download the reply (.zip)"},
    "sync.conflicts": {
        "vi": "Xung đột cần xử lý ({n})",
        "en": "Conflicts to resolve ({n})",
    },
    "sync.no_conflicts": {"vi": "Không có xung đột nào.", "en": "No conflicts."},
    "sync.conflict_caption": {
        "vi": "{locality} · buổi làm việc {date} · {what} · {field}",
        "en": "{locality} · visit of {date} · {what} · {field}",
    },
    "sync.kept": {"vi": "**Giá trị đang giữ**", "en": "**Value held**"},
    "sync.other": {"vi": "**Giá trị từ {side}**", "en": "**Value from {side}**"},
    "sync.server": {"vi": "máy chủ", "en": "the server"},
    "sync.keep": {"vi": "Giữ giá trị này", "en": "Keep this value"},
    "sync.take_other": {"vi": "Lấy giá trị này", "en": "Take this value"},
    "sync.typed": {"vi": "Hoặc viết lại", "en": "Or write it anew"},
    "sync.save_typed": {"vi": "Lưu bản viết lại", "en": "Save what I wrote"},
    "sync.resolved": {"vi": "Đã xử lý xung đột.", "en": "Conflict resolved."},
    "sync.alive": {"vi": "Giữ lại (không xóa)", "en": "Kept (not deleted)"},
    "sync.deleted": {"vi": "Đã xóa", "en": "Deleted"},
    "sync.entity.delegation": {"vi": "Đoàn giám sát", "en": "Delegation"},
    "sync.entity.delegation_member": {"vi": "Thành viên đoàn", "en": "Delegation member"},
    "sync.entity.visit": {"vi": "Buổi làm việc", "en": "Visit"},
    "sync.entity.visit_campaign": {"vi": "Phong trào của buổi", "en": "Campaign of the visit"},
    "sync.entity.attendee": {"vi": "Thành phần tham dự", "en": "Attendee"},
    "sync.entity.criterion_rating": {"vi": "Đánh giá tiêu chí", "en": "Criterion rating"},
    "sync.entity.finding": {"vi": "Nhận xét", "en": "Finding"},
    "sync.entity.recommendation": {"vi": "Kiến nghị", "en": "Recommendation"},
    "sync.entity.recommendation_update": {"vi": "Cập nhật kiến nghị", "en": "Follow-up"},
    "sync.entity.attachment": {"vi": "Tệp đính kèm", "en": "Attachment"},
    "sync.entity.indicator_value": {"vi": "Số liệu báo cáo", "en": "Reported figure"},
    "sync.entity.sync_conflict": {"vi": "Xung đột", "en": "Conflict"},
    "sync.field.text": {"vi": "nội dung", "en": "text"},
    "sync.field.evidence": {"vi": "căn cứ, minh chứng", "en": "evidence"},
    "sync.field.deleted_at": {"vi": "xóa hay giữ", "en": "deleted or kept"},
    "sync.field.summary": {"vi": "tóm tắt buổi làm việc", "en": "summary"},
    "sync.field.venue": {"vi": "địa điểm", "en": "venue"},
    "sync.field.addressee": {"vi": "nơi nhận", "en": "addressee"},
    "sync.field.due_date": {"vi": "thời hạn", "en": "due date"},
    "sync.field.rating": {"vi": "mức đánh giá", "en": "rating"},
    "sync.field.note": {"vi": "ghi chú", "en": "note"},
    "sync.field.value": {"vi": "giá trị", "en": "value"},
    "sync.log": {"vi": "Nhật ký đồng bộ", "en": "Sync log"},
    "sync.col.at": {"vi": "Lúc", "en": "When"},
    "sync.col.mode": {"vi": "Cách", "en": "How"},
    "sync.col.sent": {"vi": "Gửi", "en": "Sent"},
    "sync.col.received": {"vi": "Nhận", "en": "Received"},
    "sync.col.conflicts": {"vi": "Xung đột", "en": "Conflicts"},
    "sync.col.refused": {"vi": "Bị từ chối", "en": "Refused"},
    "sync.mode.direct": {"vi": "trực tiếp", "en": "direct"},
    "sync.mode.package": {"vi": "bằng tệp", "en": "by file"},
    "sync.first_start": {
        "vi": "Hoặc: đây là máy trạm của một máy chủ dùng chung",
        "en": "Or: this is a laptop of a shared server",
    },
    "sync.first_start_caption": {
        "vi": "Nhập tệp đăng ký quản trị viên máy chủ đã giao; máy sẽ lấy về các địa phương, "
        "buổi làm việc và tài khoản của đoàn để làm việc không cần mạng.",
        "en": "Import the registration file the server's administrator handed over; the laptop "
        "then takes out its localities, visits and the delegation's accounts to work offline.",
    },
    "sync.registration_file": {"vi": "Tệp đăng ký (.json)", "en": "Registration file (.json)"},
    "sync.join": {"vi": "Dùng máy này làm máy trạm", "en": "Make this the laptop"},
    "sync.joined": {
        "vi": "Máy này là máy trạm **{name}** của {server}. Lấy dữ liệu mang đi: nhập địa chỉ "
        "máy chủ (khi có mạng) hoặc gói dữ liệu mang đi quản trị viên đã tạo.",
        "en": "This is laptop **{name}** of {server}. Take out its data: enter the server's "
        "address (with a network) or import the take-out package its administrator made.",
    },
    "sync.checkout_upload": {
        "vi": "Gói dữ liệu mang đi (.zip)",
        "en": "Take-out package (.zip)",
    },
    "sync.take_out": {"vi": "Lấy dữ liệu", "en": "Take out the data"},
    "sync.need_source": {
        "vi": "Nhập địa chỉ máy chủ hoặc chọn gói dữ liệu mang đi.",
        "en": "Enter the server's address or choose the take-out package.",
    },
    "problem.sync_not_a_package": {
        "vi": "Tệp không phải gói đồng bộ của ứng dụng này.",
        "en": "The file is not a sync package of this application.",
    },
    "problem.sync_signature": {
        "vi": "Chữ ký của gói không đúng: gói đã bị sửa, hoặc không phải của máy trạm này.",
        "en": "The package's signature is wrong: it was altered, or is not this laptop's.",
    },
    "problem.sync_damaged": {
        "vi": "Gói bị hỏng (tệp bị cắt hoặc sửa). Tạo lại gói và gửi lại.",
        "en": "The package is damaged (cut or altered). Make it again and resend it.",
    },
    "problem.sync_too_large": {
        "vi": "Gói quá lớn (hơn 20.000 mục hoặc 2 GB).",
        "en": "The package is too large (over 20,000 entries or 2 GB).",
    },
    "problem.sync_kind_push": {
        "vi": "Đây là gói trả lời; máy chủ cần gói thay đổi từ máy trạm.",
        "en": "This is a reply; the server needs a laptop's package of changes.",
    },
    "problem.sync_kind_reply": {
        "vi": "Đây là gói thay đổi; máy trạm cần gói trả lời từ máy chủ.",
        "en": "This is a package of changes; the laptop needs the server's reply.",
    },
    "problem.sync_unknown_laptop": {
        "vi": "Gói của một máy trạm chưa đăng ký với máy chủ này.",
        "en": "The package is from a laptop not registered with this server.",
    },
    "problem.sync_revoked": {
        "vi": "Máy trạm này đã bị thu hồi; gói của nó không được nhận.",
        "en": "This laptop was revoked; its packages are refused.",
    },
    "problem.sync_other_laptop": {
        "vi": "Gói trả lời này dành cho máy trạm khác.",
        "en": "This reply is for another laptop.",
    },
    "problem.sync_registration_file": {
        "vi": "Tệp không phải tệp đăng ký máy trạm.",
        "en": "The file is not a laptop registration file.",
    },
    "problem.sync_already_joined": {
        "vi": "Máy này đã là máy trạm của một máy chủ.",
        "en": "This laptop already belongs to a server.",
    },
    "problem.sync_not_empty": {
        "vi": "Cơ sở dữ liệu của máy này đã có dữ liệu (ví dụ dữ liệu mẫu); máy trạm cần bắt "
        "đầu từ cơ sở dữ liệu trống (GIAMSAT_LOAD_SAMPLE=0).",
        "en": "This database already holds data (the sample, say); a laptop must start from "
        "an empty database (GIAMSAT_LOAD_SAMPLE=0).",
    },
    "problem.sync_not_joined": {
        "vi": "Máy này chưa đăng ký với máy chủ nào.",
        "en": "This machine is not registered with a server.",
    },
    "problem.sync_laptop_name": {"vi": "Đặt tên cho máy trạm.", "en": "Name the laptop."},
    "problem.sync_laptop_localities": {
        "vi": "Chọn ít nhất một địa phương máy trạm được mang đi.",
        "en": "Choose at least one locality the laptop takes out.",
    },
    "problem.sync_choice": {"vi": "Lựa chọn không hợp lệ.", "en": "Not a valid choice."},
    "problem.sync_bad_address": {
        "vi": "Địa chỉ máy chủ không đúng dạng (postgresql://người-dùng:mật-khẩu@máy/tên).",
        "en": "The server address is not valid (postgresql://user:password@host/name).",
    },
    "problem.sync_unreachable": {
        "vi": "Không kết nối được máy chủ (mạng, mật khẩu hoặc địa chỉ). Có thể đồng bộ bằng tệp.",
        "en": "Could not reach the server (network, password or address). Sync by file instead.",
    },
    "problem.sync_not_a_server": {
        "vi": "Địa chỉ này không phải cơ sở dữ liệu của ứng dụng giám sát.",
        "en": "This address is not a database of this application.",
    },
    # --- supervision rounds (đợt giám sát) ------------------------------------------------
    "nav.rounds": {"vi": "Đợt giám sát", "en": "Supervision rounds"},
    "round.title": {"vi": "Đợt giám sát", "en": "Supervision rounds"},
    "round.intro": {
        "vi": "Mỗi đợt gom các buổi làm việc của một đoàn theo một quyết định hoặc kế hoạch: "
        "các địa phương và ngày dự kiến, tiến độ, và báo cáo kết quả giám sát.",
        "en": "A round groups a delegation's visits under one decision or plan: the "
        "localities and their planned days, progress, and the supervision report.",
    },
    "round.new": {"vi": "Tạo đợt giám sát mới", "en": "New supervision round"},
    "round.none": {
        "vi": "Chưa có đợt giám sát nào.",
        "en": "There is no supervision round yet.",
    },
    "round.subject": {"vi": "Nội dung giám sát", "en": "Subject"},
    "round.subject_hint": {
        "vi": "việc triển khai phong trào thi đua … năm …",
        "en": "the implementation of the emulation campaign … in …",
    },
    "round.decision": {"vi": "Quyết định / kế hoạch", "en": "Decision / plan"},
    "round.decision_number": {
        "vi": "Số quyết định hoặc kế hoạch",
        "en": "Decision or plan number",
    },
    "round.decision_date": {"vi": "Ngày ban hành", "en": "Issued on"},
    "round.period": {"vi": "Thời gian", "en": "Period"},
    "round.period_start": {"vi": "Từ ngày", "en": "From"},
    "round.period_end": {"vi": "Đến ngày", "en": "To"},
    "round.any_campaign": {"vi": "Không gắn phong trào", "en": "No particular campaign"},
    "round.localities": {"vi": "Các địa phương sẽ đến", "en": "Localities to visit"},
    "round.days_later": {
        "vi": "Ngày làm việc với từng địa phương đặt sau, trong thẻ “Kế hoạch và tiến độ”.",
        "en": "The day for each locality is set afterwards, on the “Plan and progress” tab.",
    },
    "round.create": {"vi": "Tạo đợt giám sát", "en": "Create the round"},
    "round.heading": {"vi": "Giám sát {subject}", "en": "Supervision of {subject}"},
    "visit.round": {"vi": "Thuộc đợt giám sát {subject}", "en": "Part of the round: {subject}"},
    "round.back": {"vi": "← Danh sách đợt giám sát", "en": "← All rounds"},
    "round.not_found": {
        "vi": "Không tìm thấy đợt giám sát này. Hãy chọn trong danh sách.",
        "en": "This round was not found. Choose one from the list.",
    },
    "round.caption": {
        "vi": "{delegation} · Quyết định/kế hoạch: {decision} · Thời gian: {period}",
        "en": "{delegation} · Decision/plan: {decision} · Period: {period}",
    },
    "round.progress.visited": {"vi": "Đã làm việc", "en": "Visited"},
    "round.progress.scheduled": {"vi": "Theo kế hoạch", "en": "Scheduled"},
    "round.progress.overdue": {"vi": "Quá ngày dự kiến", "en": "Overdue"},
    "round.report": {"vi": "Báo cáo", "en": "Report"},
    "round.report_status.draft": {"vi": "Dự thảo", "en": "Draft"},
    "round.report_status.final": {"vi": "Đã hoàn thành", "en": "Finalised"},
    "round.tab.plan": {"vi": "Kế hoạch và tiến độ", "en": "Plan and progress"},
    "round.tab.report": {"vi": "Báo cáo kết quả giám sát", "en": "Supervision report"},
    "round.plan": {"vi": "Các địa phương của đợt", "en": "The round's localities"},
    "round.no_stops": {
        "vi": "Đợt chưa có địa phương nào: thêm ở “Sửa kế hoạch” hoặc gắn một buổi làm việc.",
        "en": "No locality yet: add some under “Edit the plan” or link a visit.",
    },
    "round.scheduled": {"vi": "Ngày dự kiến", "en": "Planned day"},
    "round.no_day": {"vi": "chưa đặt", "en": "not set"},
    "round.visit_link": {
        "vi": "Buổi làm việc ngày {date} ({status})",
        "en": "Visit of {date} ({status})",
    },
    "round.final_read_only": {
        "vi": "Báo cáo của đợt đã hoàn thành: kế hoạch chỉ xem được.",
        "en": "The round's report is finalised: the plan is read-only.",
    },
    "round.edit_plan": {"vi": "Sửa kế hoạch", "en": "Edit the plan"},
    "round.edit_details": {
        "vi": "Sửa nội dung, quyết định, thời gian của đợt",
        "en": "Edit the round's subject, decision and period",
    },
    "round.save_details": {"vi": "Lưu thông tin đợt", "en": "Save the round's details"},
    "round.keep": {"vi": "Giữ", "en": "Keep"},
    "round.add_localities": {"vi": "Thêm địa phương", "en": "Add localities"},
    "round.save_plan": {"vi": "Lưu kế hoạch", "en": "Save the plan"},
    "round.visits": {"vi": "Buổi làm việc của đợt", "en": "The round's visits"},
    "round.unlink": {"vi": "Gỡ", "en": "Remove"},
    "round.unlink_help": {
        "vi": "Gỡ buổi làm việc khỏi đợt (buổi làm việc vẫn còn nguyên)",
        "en": "Take the visit out of the round (the visit itself stays)",
    },
    "round.no_candidates": {
        "vi": "Đoàn không còn buổi làm việc nào chưa thuộc đợt giám sát.",
        "en": "The delegation has no visit outside a round.",
    },
    "round.link_choose": {
        "vi": "Buổi làm việc của đoàn chưa thuộc đợt nào",
        "en": "The delegation's visits in no round",
    },
    "round.link": {"vi": "Gắn vào đợt", "en": "Add to the round"},
    "round.linked": {
        "vi": "Đã gắn {n} buổi làm việc vào đợt.",
        "en": "{n} visits added to the round.",
        "en_one": "1 visit added to the round.",
    },
    "round.report_intro": {
        "vi": "Soạn báo cáo từ kết quả các buổi làm việc của đợt, sửa ở đây (hoặc trong Word rồi "
        "tải lên lại), và trưởng đoàn hoàn thành. Nội dung gõ được giữ lại ngay cả khi tải lại "
        "trang.",
        "en": "Draft the report from the round's visits, edit it here (or in Word and upload it "
        "back), and the head finalises it. What is typed is kept even through a reload.",
    },
    "round.draft_needs_visits": {
        "vi": "Gắn các buổi làm việc vào đợt để soạn dự thảo từ kết quả của chúng.",
        "en": "Add the visits to the round to draft the report from their results.",
    },
    "round.draft": {
        "vi": "Soạn dự thảo từ kết quả các buổi làm việc",
        "en": "Draft from the visits' results",
    },
    "round.draft_replace": {
        "vi": "Thay nội dung đang có bằng bản soạn mới",
        "en": "Replace what is written with a new draft",
    },
    "round.drafted": {
        "vi": "Đã soạn dự thảo từ kết quả các buổi làm việc.",
        "en": "The report was drafted from the visits' results.",
    },
    "round.section.results": {
        "vi": "I. Tình hình và kết quả đạt được",
        "en": "I. Situation and results achieved",
    },
    "round.section.shortcomings": {"vi": "II. Hạn chế, tồn tại", "en": "II. Shortcomings"},
    "round.section.difficulties": {
        "vi": "III. Khó khăn, vướng mắc và nguyên nhân",
        "en": "III. Difficulties and their causes",
    },
    "round.section.proposals": {
        "vi": "IV. Kiến nghị, đề xuất",
        "en": "IV. Recommendations and proposals",
    },
    "round.save_report": {"vi": "Lưu báo cáo", "en": "Save the report"},
    "round.word": {"vi": "Văn bản Word", "en": "Word document"},
    "round.download_draft": {
        "vi": "Tải dự thảo báo cáo (Word)",
        "en": "Download the draft report (Word)",
    },
    "round.download_uploaded": {
        "vi": "Tải bản đã sửa trong Word",
        "en": "Download the copy edited in Word",
    },
    "round.uploaded_in_use": {
        "vi": "Báo cáo đang dùng bản sửa trong Word “{name}” ({who} tải lên lúc {when}); khi hoàn "
        "thành, bản này được lưu cùng đợt.",
        "en": "The report is the copy edited in Word, “{name}” (uploaded by {who} at {when}); "
        "it is the one stored when the report is finalised.",
    },
    "round.drop_uploaded": {
        "vi": "Bỏ bản Word này, dùng nội dung soạn trong phần mềm",
        "en": "Drop this Word copy, use the text written here",
    },
    "round.upload": {
        "vi": "Tải lên bản báo cáo đã sửa trong Word (.docx)",
        "en": "Upload the report edited in Word (.docx)",
    },
    "round.use_upload": {"vi": "Dùng bản này", "en": "Use this copy"},
    "round.upload_kept": {
        "vi": "Đã lưu “{name}” làm bản báo cáo.",
        "en": "“{name}” is now the report.",
    },
    "round.finalise_title": {"vi": "Hoàn thành báo cáo", "en": "Finalise the report"},
    "round.finalise_drafted": {
        "vi": "Bản lưu cùng đợt là văn bản Word của nội dung đã lưu ở trên.",
        "en": "The file stored with the round is the Word document of the text saved above.",
    },
    "round.finalise_uploaded": {
        "vi": "Bản lưu cùng đợt là bản đã sửa trong Word và tải lên.",
        "en": "The file stored with the round is the copy edited in Word and uploaded.",
    },
    "round.finalise_sure": {
        "vi": "Tôi đã rà soát báo cáo; sau khi hoàn thành, báo cáo và kế hoạch chỉ xem được",
        "en": "I have reviewed the report; once finalised, the report and plan are read-only",
    },
    "round.finalise": {"vi": "Hoàn thành báo cáo", "en": "Finalise the report"},
    "round.finalised_done": {
        "vi": "Đã hoàn thành báo cáo và lưu cùng đợt giám sát.",
        "en": "The report is finalised and stored with the round.",
    },
    "round.final": {
        "vi": "Báo cáo đã hoàn thành ({who}, lúc {when}).",
        "en": "The report was finalised ({who}, at {when}).",
    },
    "round.download_final": {
        "vi": "Tải báo cáo đã hoàn thành (Word)",
        "en": "Download the finalised report (Word)",
    },
    "round.reopen_sure": {
        "vi": "Mở lại để sửa (bản đã hoàn thành không còn là bản chính thức)",
        "en": "Reopen to edit (the finalised file is no longer the official one)",
    },
    "round.reopen": {"vi": "Mở lại báo cáo", "en": "Reopen the report"},
    "round.reopened": {"vi": "Đã mở lại báo cáo.", "en": "The report was reopened."},
    "round.on_laptop": {
        "vi": "Đợt giám sát được lập và theo dõi trên máy chủ dùng chung; máy trạm ghi các buổi "
        "làm việc, và sau khi đồng bộ, các buổi này được gắn vào đợt trên máy chủ.",
        "en": "Rounds are planned and followed on the shared server; a laptop records the "
        "visits, which are added to their round on the server once synced.",
    },
    "problem.round_on_laptop": {
        "vi": "Máy trạm không lập đợt giám sát: đợt được lập trên máy chủ dùng chung.",
        "en": "A laptop does not plan rounds: they are planned on the shared server.",
    },
    "problem.round_subject_required": {
        "vi": "Nhập nội dung giám sát của đợt.",
        "en": "Enter the round's subject.",
    },
    "problem.round_period_order": {
        "vi": "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.",
        "en": "The start must be on or before the end.",
    },
    "problem.round_visited_locality": {
        "vi": "Địa phương đã có buổi làm việc của đợt nên không bỏ khỏi kế hoạch được; gỡ buổi "
        "làm việc trước.",
        "en": "A locality visited in the round stays in the plan; remove the visit first.",
    },
    "problem.round_other_delegation": {
        "vi": "Buổi làm việc thuộc đoàn khác, không gắn vào đợt này được.",
        "en": "The visit belongs to another delegation and cannot join this round.",
    },
    "problem.round_visit_elsewhere": {
        "vi": "Buổi làm việc đã thuộc một đợt giám sát khác.",
        "en": "The visit already belongs to another round.",
    },
    "problem.round_report_missing": {
        "vi": "Chưa có văn bản báo cáo để hoàn thành.",
        "en": "There is no report document to finalise.",
    },
    "error.report_final": {
        "vi": "Báo cáo của đợt đã hoàn thành nên chỉ xem được. Trưởng đoàn có thể mở lại.",
        "en": "The round's report is finalised and read-only. The head can reopen it.",
    },
}


def translate(key: str, language: str, **values: object) -> str:
    """The text of ``key`` in ``language``, filled with ``values``.

    English counts need a singular: ``{days|day|days}`` is the word for the number ``days``
    (any count of the message), and an entry may add ``en_one``, the whole text used when
    ``n`` is 1. Vietnamese nouns do not change with the number.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        # A missing key is a bug, but the screen must still say something readable.
        return key
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    if values.get("n") == 1:
        text = entry.get(f"{language}_one", text)
    text = _COUNTED_WORD.sub(lambda word: _word_for(word, values), text)
    return text.format(**values) if values else text


# {days|day|days}: the singular or the plural, by the number ``days``.
_COUNTED_WORD = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _word_for(word: re.Match, values: dict[str, object]) -> str:
    count, singular, plural = word.groups()
    return singular if values.get(count) == 1 else plural
