"""Small uploads that cost a naive reader seconds and hundreds of MB: each is a valid
zip under the size and ratio limits, built from a real template."""

from __future__ import annotations

import io
import re
import zipfile

from tests.helpers.excel import replace_part

SHEET = "xl/worksheets/sheet1.xml"


def many_shared_strings(template: bytes, count: int = 2_000_000) -> bytes:
    """Two million distinct shared strings (about 5 MB zipped, 60 MB of XML)."""
    items = b"".join(b"<si><t>%d</t></si>" % (i * 7919) for i in range(count))
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (count, count)
        + items
        + b"</sst>"
    )
    return replace_part(template, "xl/sharedStrings.xml", xml)


def million_rows_without_dimension(template: bytes, rows: int = 1_000_000) -> bytes:
    """The data sheet without its <dimension>, followed by a million numbered rows."""
    xml = zipfile.ZipFile(io.BytesIO(template)).read(SHEET).decode()
    head, _, rest = xml.partition("<sheetData>")
    head = re.sub(r"<dimension [^>]*/>", "", head)
    kept = "".join(re.findall(r'<row r="[1-4]".*?</row>', rest))
    body = "".join(f'<row r="{r}"><c r="C{r}"><v>{r}</v></c></row>' for r in range(5, rows + 5))
    return replace_part(
        template, SHEET, f"{head}<sheetData>{kept}{body}</sheetData></worksheet>".encode()
    )


def many_entries(template: bytes, count: int = 150_000) -> bytes:
    """The template plus 150,000 tiny zip entries."""
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(template))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for i in range(count):
            target.writestr(f"xl/media/e{i}.bin", b"x")
    return out.getvalue()
