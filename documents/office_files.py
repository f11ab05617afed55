"""Checks on an uploaded Office file (a workbook or a Word document) before any parser
touches it.

Both are zips of XML files: an upload can be a renamed CSV, an old .xls or .doc, an
encrypted or macro file, or a zip bomb. Each is refused here, quickly and in bounded
memory, with a reason the screen turns into a Vietnamese message.
"""

from __future__ import annotations

import io
import struct
import zipfile

from texts.formats import format_number

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed
ZIP_SIGNATURE = b"PK\x03\x04"
# A template has about 15 parts; a workbook saved by Excel with images, a few dozen.
MAX_ENTRIES = 1_000
_END_OF_DIRECTORY = b"PK\x05\x06"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and encrypted files


class FileRefused(ValueError):
    """``reason``: too_large, empty, ole, not_zip, zip_bomb, macro, not_xlsx, not_docx,
    unsafe_xml, too_many_entries, too_many_strings, too_many_rows; ``details`` fill its
    message."""

    def __init__(self, reason: str, **details: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


def check_office_file(content: bytes, main_part: str, wrong_kind: str) -> zipfile.ZipFile:
    """The zip of an Office file holding ``main_part`` (else FileRefused ``wrong_kind``),
    neither a bomb nor macro-enabled; returns it opened."""
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
    if main_part not in names or "[content_types].xml" not in names:
        raise FileRefused(wrong_kind)
    content_types = bounded_read(archive, "[Content_Types].xml", 1024 * 1024)
    if b"macroEnabled" in content_types:
        raise FileRefused("macro")
    return archive


def _declared_entries(content: bytes) -> int:
    """How many entries the zip's end-of-directory record declares (ZIP64's 0xFFFF
    counts as too many: no workbook needs it)."""
    at = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - 65_557))
    if at < 0 or at + 22 > len(content):
        raise FileRefused("not_zip")
    (entries,) = struct.unpack_from("<H", content, at + 10)
    return entries


def bounded_read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Read a member, but never more than ``limit`` bytes whatever the header says."""
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise FileRefused("zip_bomb")
    return data
