"""Checks on an uploaded workbook before any parser touches it.

A spreadsheet is a zip of XML files: it can be a renamed CSV, an old .xls, an encrypted
or macro workbook, or a zip bomb. Each is refused here, quickly and in bounded memory,
with a reason the screen turns into a Vietnamese message.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and encrypted .xlsx


class FileRefused(ValueError):
    """``reason``: too_large, empty, ole, not_zip, zip_bomb, macro, not_xlsx, unsafe_xml."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ensure_defused_xml() -> None:
    """openpyxl defends against XML bombs only when defusedxml is installed."""
    if not openpyxl.DEFUSEDXML:
        raise FileRefused("unsafe_xml")


def check_workbook_file(content: bytes) -> None:
    ensure_defused_xml()
    if not content:
        raise FileRefused("empty")
    if len(content) > MAX_FILE_BYTES:
        raise FileRefused("too_large")
    if content.startswith(OLE_SIGNATURE):
        raise FileRefused("ole")
    if not content.startswith(ZIP_SIGNATURE):
        raise FileRefused("not_zip")
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


def bounded_read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Read a member, but never more than ``limit`` bytes whatever the header says."""
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise FileRefused("zip_bomb")
    return data
