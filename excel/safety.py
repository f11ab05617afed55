"""Checks on an uploaded workbook before any parser touches it.

A spreadsheet is a zip of XML files: it can be a renamed CSV, an old .xls, an encrypted
or macro workbook, or a zip bomb. Each is refused here, quickly and in bounded memory,
with a reason the screen turns into a Vietnamese message.

A small file can also hold far more than any template: 150,000 zip entries, two million
shared strings, a million rows. openpyxl would read all of it (the shared strings when
the workbook opens) before the template is even checked, so it is counted here first,
from the zip's directory and by streaming each part, never holding one whole.
"""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl

from texts.formats import format_number

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_ROWS = 20_000  # data rows of a template: a province's communes, with room to spare
# A template has about 15 parts; a workbook saved by Excel with images, a few dozen.
MAX_ENTRIES = 1_000
# Text cells of a full template (codes, names, notes of MAX_ROWS rows), with room.
MAX_SHARED_STRINGS = 200_000
MAX_SHARED_STRINGS_BYTES = 30 * 1024 * 1024
MAX_SHEET_BYTES = 60 * 1024 * 1024
ROWS_BEYOND_DATA = 100  # title, header, instructions and hidden rows of any sheet
_CHUNK = 1024 * 1024
_END_OF_DIRECTORY = b"PK\x05\x06"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx


class FileRefused(ValueError):
    """``reason``: too_large, empty, ole, not_zip, zip_bomb, macro, not_xlsx, unsafe_xml,
    too_many_entries, too_many_strings, too_many_rows; ``details`` fill its message."""

    def __init__(self, reason: str, **details: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


def ensure_defused_xml() -> None:
    """openpyxl defends against XML bombs only when defusedxml is installed."""
    if not openpyxl.DEFUSEDXML:
        raise FileRefused("unsafe_xml")


def check_workbook_file(content: bytes, max_rows: int = MAX_ROWS) -> None:
    ensure_defused_xml()
    if not content:
        raise FileRefused("empty")
    if len(content) > MAX_FILE_BYTES:
        raise FileRefused("too_large")
    if content.startswith(OLE_SIGNATURE):
        raise FileRefused("ole")
    if not content.startswith(ZIP_SIGNATURE):
        raise FileRefused("not_zip")
    if _declared_entries(content) > MAX_ENTRIES:  # before zipfile reads the directory
        raise FileRefused("too_many_entries", max_entries=format_number(MAX_ENTRIES))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise FileRefused("not_zip") from error
    # Sizes as the archive declares them; reading stops at them (see bounded_read).
    uncompressed = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members) or 1
    if uncompressed > MAX_UNCOMPRESSED_BYTES or uncompressed / compressed > MAX_RATIO:
        raise FileRefused("zip_bomb")
    names = {m.filename.lower() for m in members}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise FileRefused("macro")
    if "xl/workbook.xml" not in names or "[content_types].xml" not in names:
        raise FileRefused("not_xlsx")
    content_types = bounded_read(archive, "[Content_Types].xml", 1024 * 1024)
    if b"macroEnabled" in content_types:
        raise FileRefused("macro")
    _check_sizes(archive, max_rows)


def _declared_entries(content: bytes) -> int:
    """How many entries the zip's end-of-directory record declares (ZIP64's 0xFFFF
    counts as too many: no workbook needs it)."""
    at = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - 65_557))
    if at < 0 or at + 22 > len(content):
        raise FileRefused("not_zip")
    (entries,) = struct.unpack_from("<H", content, at + 10)
    return entries


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


def bounded_read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Read a member, but never more than ``limit`` bytes whatever the header says."""
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise FileRefused("zip_bomb")
    return data
