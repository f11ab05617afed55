"""Checks on an uploaded workbook before any parser touches it, after the checks of every
Office file (``documents.office_files``: size, zip, macro, bomb).

A small file can also hold far more than any template: 150,000 zip entries, two million
shared strings, a million rows. openpyxl would read all of it (the shared strings when
the workbook opens) before the template is even checked, so it is counted here first,
from the zip's directory and by streaming each part, never holding one whole.
"""

from __future__ import annotations

import zipfile

import openpyxl

from documents.office_files import FileRefused, check_office_file
from texts.formats import format_number

MAX_ROWS = 20_000  # data rows of a template: a province's communes, with room to spare
# Text cells of a full template (codes, names, notes of MAX_ROWS rows), with room.
MAX_SHARED_STRINGS = 200_000
MAX_SHARED_STRINGS_BYTES = 30 * 1024 * 1024
MAX_SHEET_BYTES = 60 * 1024 * 1024
ROWS_BEYOND_DATA = 100  # title, header, instructions and hidden rows of any sheet
_CHUNK = 1024 * 1024


def ensure_defused_xml() -> None:
    """openpyxl defends against XML bombs only when defusedxml is installed."""
    if not openpyxl.DEFUSEDXML:
        raise FileRefused("unsafe_xml")


def check_workbook_file(content: bytes, max_rows: int = MAX_ROWS) -> None:
    ensure_defused_xml()
    archive = check_office_file(content, "xl/workbook.xml", "not_xlsx")
    _check_sizes(archive, max_rows)


def _check_sizes(archive: zipfile.ZipFile, max_rows: int) -> None:
    """Shared strings and rows of every sheet, counted as the parts stream by."""
    for member in archive.infolist():
        name = member.filename.lower()
        if name == "xl/sharedstrings.xml":
            refused = FileRefused("too_many_strings", max_strings=format_number(MAX_SHARED_STRINGS))
            if (
                _count(archive, member, b"<si", MAX_SHARED_STRINGS_BYTES, refused)
                > MAX_SHARED_STRINGS
            ):
                raise refused
        elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
            refused = FileRefused("too_many_rows", max_rows=format_number(max_rows))
            if (
                _count(archive, member, b"<row", MAX_SHEET_BYTES, refused)
                > max_rows + ROWS_BEYOND_DATA
            ):
                raise refused


def _count(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, tag: bytes, limit: int, refused: FileRefused
) -> int:
    """Occurrences of ``tag`` (``<row`` also counts a ``<rowBreaks``: one at most) in one
    part, read a chunk at a time; a part larger than ``limit`` bytes is ``refused``."""
    found, read, tail = 0, 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if read > limit:
                raise refused
            window = tail + chunk
            found += window.count(tag)
            tail = window[-(len(tag) - 1) :]  # a tag cut across two chunks counts once
    return found
