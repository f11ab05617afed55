"""Importing localities' reports: a round trip to the dashboard, and bad files refused
quickly, in bounded memory, with nothing written."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from data_access import models as m
from data_access.catalogue import list_localities, locality_tree
from data_access.db import session_scope
from data_access.errors import InvalidInput
from data_access.imports import (
    AlreadyImported,
    apply_report_import,
    import_history,
    preview_report_import,
    report_context,
    template_spec,
)
from documents.office_files import FileRefused
from domain.periods import Period
from excel.report_import import read_report_against
from excel.template import report_template
from excel.works import read_works
from sample_data.load import load_sample
from sample_data.sources import INFRASTRUCTURE
from tests.helpers import hostile
from tests.helpers.data import campaign_named, combined_values, person
from tests.helpers.excel import fill, problem_text, replace_part
from texts.messages import translate

WARDS = [("20341", "Phường Tam Kỳ"), ("20335", "Phường Bàn Thạch")]
NINE_MONTHS = (date(2027, 1, 1), date(2027, 9, 30), "9 tháng năm 2027")


@pytest.fixture
def template(engine):
    load_sample(engine)
    campaign = campaign_named(engine, INFRASTRUCTURE).id
    spec = template_spec(engine, campaign, *NINE_MONTHS)
    return engine, campaign, report_template(spec, WARDS)


def read(engine, content: bytes, **options):
    context = report_context(engine)
    return read_report_against(content, context, **options)


def _values(engine) -> int:
    with session_scope(engine, read_only=True) as s:
        return s.scalar(select(func.count()).select_from(m.IndicatorValue))


def test_round_trip_from_template_to_dashboard(template):
    engine, campaign, content = template
    # Columns: C works, D investment, E allocated, F disbursed, ...; row 5 Tam Kỳ, 6 Bàn Thạch.
    filled = fill(
        content,
        {"C5": 12, "D5": "203,4", "E5": "635,7", "F5": "231", "C6": "1.234", "E6": 100, "F6": 40.5},
    )
    report = read(engine, filled)
    assert [(p.cell, p.column) for p in report.problems] == [("C6", "Số công trình (công trình)")]
    assert "có thể hiểu hai cách" in problem_text(report.problems[0])
    filled = fill(
        content,
        {"C5": 12, "D5": "203,4", "E5": "635,7", "F5": "231", "C6": 7, "E6": 100, "F6": 40.5},
    )
    report = read(engine, filled)
    assert report.ok, report.problems
    preview = preview_report_import(engine, report)
    assert (len(preview.added), len(preview.changed), len(preview.unchanged)) == (7, 0, 0)
    apply_report_import(engine, person("Cán bộ nhập"), report, "bao-cao.xlsx", filled)
    values = combined_values(engine, campaign, Period.years(2027, 2027))
    tree = locality_tree(list_localities(engine))
    tam_ky = values[values.locality_id == tree.find_code("20341")].set_index("n_values")
    assert sorted(tam_ky.value) == [12, 203.4, 231, 635.7]
    assert not tam_ky.is_illustrative.any()
    # The same file again is recognised; a corrected one shows what changes.
    with pytest.raises(AlreadyImported):
        apply_report_import(engine, person("Cán bộ nhập"), report, "bao-cao (1).xlsx", filled)
    corrected = fill(
        content,
        {"C5": 13, "D5": "203,4", "E5": "635,7", "F5": "231", "C6": 7, "E6": 100, "F6": 40.5},
    )
    preview = preview_report_import(engine, read(engine, corrected))
    assert [(c.locality_code, c.indicator, c.old, c.new) for c in preview.changed] == [
        ("20341", "works_count", 12, 13)
    ]
    assert len(preview.unchanged) == 6
    history = import_history(engine)
    assert [(i.file_name, i.imported_by) for i in history] == [
        ("bao-cao.xlsx", person("Cán bộ nhập").label)
    ]


def test_every_problem_is_located(template):
    engine, _, content = template
    filled = fill(content, {"A6": "99999", "C5": -1, "E5": 100, "F5": 150, "D5": "abc"})
    report = read(engine, filled)
    found = {(p.sheet, p.cell, problem_text(p).split(".")[0]) for p in report.problems}
    assert ("Báo cáo", "A6", "Mã đơn vị không có trong danh mục địa phương") in found
    assert ("Báo cáo", "C5", "Giá trị không được âm") in found
    assert ("Báo cáo", "D5", "“abc” không phải là số") in found
    assert any(p.cell == "F5" and "giải ngân lớn hơn" in problem_text(p) for p in report.problems)
    before = _values(engine)
    with pytest.raises(InvalidInput):
        apply_report_import(engine, person("x"), report, "loi.xlsx", filled)
    assert _values(engine) == before


def test_wrong_headers_and_formulas_without_values(template):
    engine, _, content = template
    renamed = fill(content, {"C4": "Công trình"})
    report = read(engine, renamed)
    assert report.problems[0].cell == "C4"
    assert "Tiêu đề cột phải là “Số công trình (công trình)”" in problem_text(report.problems[0])
    # openpyxl saves formulas without computing them: no cached value.
    formula = fill(content, {"C5": "=2+3"})
    report = read(engine, formula)
    assert report.problems[0].cell == "C5"
    assert "Công thức chưa có giá trị tính sẵn" in problem_text(report.problems[0])


def test_merged_cells_in_the_data_area(template):
    engine, _, content = template
    book = openpyxl.load_workbook(io.BytesIO(content))
    book["Báo cáo"].merge_cells("C5:C6")
    out = io.BytesIO()
    book.save(out)
    report = read(engine, out.getvalue())
    assert any(p.cell == "C5:C6" and "ô gộp" in problem_text(p) for p in report.problems)


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


BAD_FILES = {
    "not a zip": (b"\x00\x01garbage" * 10, "not_zip"),
    "renamed csv": ("Mã đơn vị,Số công trình\n20341,12\n".encode(), "not_zip"),
    "xls or encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "ole"),
    "empty": (b"", "empty"),
    "zip bomb": (
        _zip(
            {
                "[Content_Types].xml": b"<x/>",
                "xl/workbook.xml": b"<x/>",
                "xl/worksheets/sheet1.xml": b"0" * (150 * 1024 * 1024),
            }
        ),
        "zip_bomb",
    ),
    "macro workbook": (
        _zip(
            {
                "[Content_Types].xml": b"<Types/>",
                "xl/workbook.xml": b"<x/>",
                "xl/vbaProject.bin": b"\x00" * 100,
            }
        ),
        "macro",
    ),
    "zip of something else": (_zip({"hello.txt": b"hi"}), "not_xlsx"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_are_refused_quickly_in_bounded_memory(template, name):
    engine, _, _ = template
    content, reason = BAD_FILES[name]
    before = _values(engine)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(FileRefused) as refused:
        read(engine, content)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert refused.value.reason == reason
    assert peak < 50 * 1024 * 1024
    assert elapsed < 30  # generous: shared machines; a bomb that expanded would take far longer
    assert _values(engine) == before


def test_xml_bomb_is_refused(template):
    engine, _, content = template
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c>'
        b"</row></sheetData></worksheet>"
    )
    with pytest.raises(FileRefused) as refused:
        read(engine, replace_part(content, "xl/worksheets/sheet1.xml", bomb))
    assert refused.value.reason == "unsafe_xml"


def test_a_sheet_that_lies_about_its_size_and_a_million_rows(template):
    engine, _, content = template
    book_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    head, _, rest = book_xml.partition("<sheetData>")
    header = "".join(re.findall(r'<row r="[1-4]".*?</row>', rest))  # title and header rows
    head = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:A1"', head)  # a lie
    # A million rows that look empty: the file is refused before any parser reads them.
    rows = "".join(f'<row r="{r}"><c r="C{r}"/></row>' for r in range(5, 1_000_005))
    huge = f"{head}<sheetData>{header}{rows}</sheetData></worksheet>".encode()
    content = replace_part(content, "xl/worksheets/sheet1.xml", huge)
    with pytest.raises(FileRefused) as refused:
        read(engine, content, max_rows=1000)
    # Said with the limit: never a silent partial import.
    message = translate("file.too_many_rows", "vi", **refused.value.details)
    assert "hơn 1.000 dòng" in message


HOSTILE = {
    "two million shared strings": (hostile.many_shared_strings, "too_many_strings"),
    "a million rows, no dimension": (hostile.million_rows_without_dimension, "too_many_rows"),
    "150,000 zip entries": (hostile.many_entries, "too_many_entries"),
}


_BUILT: dict[str, bytes] = {}


def _built(name: str, template: bytes) -> bytes:
    """Each hostile file built once, from the first template (the same spec on either
    database): both readers and both databases get the same file."""
    if name not in _BUILT:
        _BUILT[name] = HOSTILE[name][0](template)
    return _BUILT[name]


def _cost(call) -> tuple[float, int]:
    """Seconds (the best of three runs: a loaded machine only adds) and peak bytes."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(timings), peak


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("reader", ["report", "works"])
def test_small_files_holding_too_much_are_refused_in_a_second_and_50_mb(template, name, reader):
    """Each passed the file checks before: 12-15 s and +324 MB for the shared strings
    (accepted by the works import), 11-13 s and +80 MB for the rows, 1,3 s and +87 MB
    for the entries."""
    engine, _, content = template
    reason = HOSTILE[name][1]
    hostile_file = _built(name, content)
    assert len(hostile_file) < 20 * 1024 * 1024  # under the upload limit
    known = report_context(engine).known_codes

    def refuse() -> None:
        with pytest.raises(FileRefused) as refused:
            if reader == "report":
                read(engine, hostile_file)
            else:
                read_works(hostile_file, known)
        assert refused.value.reason == reason
        assert translate(f"file.{reason}", "vi", **refused.value.details).count("hơn") == 1

    seconds, peak = _cost(refuse)
    assert peak < 50 * 1024 * 1024, f"{peak / 1e6:.0f} MB"
    assert seconds < 1, f"{seconds:.2f} s"


def test_too_many_problems_stop_the_check(template):
    engine, _, content = template
    filled = fill(content, {f"A{r}": "20341" for r in range(5, 2000)})
    report = read(engine, filled)
    assert len(report.problems) == 500  # enough to fix a file: it is the wrong file


def _report_for(engine, campaign, start, end, label, cells):
    content = report_template(template_spec(engine, campaign, start, end, label), WARDS)
    filled = fill(content, cells)
    return read(engine, filled), filled


def test_a_nine_month_report_after_three_quarters_is_kept_as_check_figures(engine):
    """Both wards have their works of each quarter of 2026 (illustrative): a "9 tháng"
    file restates them; its works are kept beside their sum, never added."""
    load_sample(engine)
    campaign = campaign_named(engine, INFRASTRUCTURE).id
    before = combined_values(engine, campaign, Period.years(2026, 2026))
    works = before[before.indicator_id == _indicator_id(engine, "works_count")]
    report, filled = _report_for(
        engine,
        campaign,
        date(2026, 1, 1),
        date(2026, 9, 30),
        "9 tháng năm 2026",
        {"C5": 40, "C6": 30},
    )
    preview = preview_report_import(engine, report)
    assert not preview.refused
    assert [(c.locality_code, c.indicator) for c, _ in preview.checks] == [
        ("20341", "works_count"),
        ("20335", "works_count"),
    ]
    apply_report_import(engine, person("Cán bộ nhập"), report, "9-thang.xlsx", filled)
    after = combined_values(engine, campaign, Period.years(2026, 2026))
    assert after[after.indicator_id == _indicator_id(engine, "works_count")]["value"].sum() == (
        works["value"].sum()
    )
    with session_scope(engine, read_only=True) as s:
        checks = s.scalars(select(m.IndicatorValue.value).where(m.IndicatorValue.is_check)).all()
    assert sorted(checks) == [30, 40]


def test_a_report_overlapping_part_of_a_quarter_is_refused_and_writes_nothing(engine):
    load_sample(engine)
    campaign = campaign_named(engine, INFRASTRUCTURE).id
    report, filled = _report_for(
        engine,
        campaign,
        date(2026, 8, 1),
        date(2026, 10, 31),
        "Từ 01/8 đến 31/10/2026",
        {"C5": 4, "E5": 500},
    )
    preview = preview_report_import(engine, report)
    [(change, overlap)] = preview.refused
    assert (change.locality_code, overlap.indicator) == ("20341", "works_count")
    assert overlap.existing.label == "Quý III năm 2026"
    before = _values(engine)
    with pytest.raises(InvalidInput):
        apply_report_import(engine, person("Cán bộ nhập"), report, "trung.xlsx", filled)
    assert _values(engine) == before


def _indicator_id(engine, code):
    with session_scope(engine, read_only=True) as s:
        return s.scalar(select(m.Indicator.id).where(m.Indicator.code == code))


def _with_meta(content: bytes, key: str, value: str) -> bytes:
    """The template with one value of its hidden description changed, as a hand would."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    meta = book["_thong_tin"]
    row = next(r for r in meta.iter_rows() if r[0].value == key)
    row[1].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("key", "value", "reason", "message"),
    [
        ("campaign", "KHONG-CO", "unknown_campaign", "Mã phong trào trong thông tin mẫu"),
        ("period_start", "2027-12-31", "period_order", "ngày bắt đầu sau ngày kết thúc"),
    ],
    ids=["unknown-campaign", "inverted-period"],
)
def test_a_changed_template_description_is_a_located_problem(template, key, value, reason, message):
    """Before: an unknown campaign made the preview raise outside the error handling; an
    inverted period raised an IntegrityError at confirm."""
    engine, _, content = template
    report = read(engine, fill(_with_meta(content, key, value), {"C5": 3}))
    assert [(p.sheet, p.reason) for p in report.problems] == [("_thong_tin", reason)]
    assert message in problem_text(report.problems[0])
    assert not report.ok


def _number_cell(content: bytes, typed: str) -> bytes:
    """C5 holding ``typed`` as the number Excel stores (what a forged file can hold)."""
    filled = fill(content, {"C5": 12345, "D5": 7})
    part = "xl/worksheets/sheet1.xml"
    xml = zipfile.ZipFile(io.BytesIO(filled)).read(part).decode()
    assert "<v>12345</v>" in xml
    return replace_part(filled, part, xml.replace("<v>12345</v>", f"<v>{typed}</v>").encode())


@pytest.mark.parametrize(
    ("typed", "cell", "message"),
    [
        ("1E309", "C5", "vượt quá mức một địa phương có thể báo cáo (tối đa 10.000.000)"),
        ("1E308", "C5", "vượt quá mức một địa phương có thể báo cáo (tối đa 10.000.000)"),
        ("NaN", "", "Dòng 5 có ô số không đọc được"),
        ("-inf", "", "Dòng 5 có ô số không đọc được"),
    ],
)
def test_numbers_no_locality_could_report_are_refused_where_they_are(
    template, typed, cell, message
):
    """Before: 1E309 was stored as infinity, 1E308 accepted (two add up to infinity), NaN
    refused as a damaged file without a cell."""
    engine, _, content = template
    report = read(engine, _number_cell(content, typed))
    assert [p.cell for p in report.problems] == [cell]
    assert message in problem_text(report.problems[0])
    assert not report.ok
