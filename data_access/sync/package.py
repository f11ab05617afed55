"""The sync package: a ``.zip`` carried on a USB stick or by mail when there is no network.

``data.json`` holds what goes across (the records, the bases they were edited from, the
reply's cursor); ``files/<sha256>`` the bytes of attached files; ``signature`` an HMAC of
both under the laptop's secret, so that only the registered laptop and its server can
make a package the other accepts. A package is read with limits first: it may come from
anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from data_access.errors import InvalidInput

FORMAT = "giamsat-sync/1"
MAX_ENTRIES = 20_000
MAX_BYTES = 2 * 1024**3  # uncompressed, all entries together
_FILE = re.compile(r"^files/([0-9a-f]{64})$")


class PackageRefused(InvalidInput):
    """Not a package this side accepts; ``reason`` says why (problem ``sync_<reason>``)."""

    def __init__(self, reason: str) -> None:
        super().__init__([f"sync_{reason}"])
        self.reason = reason


@dataclass
class Package:
    kind: str  # "push" (laptop -> server) or "reply" (server -> laptop)
    laptop_id: str
    data: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)  # sha256 -> content


def write_package(package: Package, secret: str) -> bytes:
    body = json.dumps(
        {"format": FORMAT, "kind": package.kind, "laptop_id": package.laptop_id, **package.data},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    out = io.BytesIO()
    # Photos are compressed already; the records compress well.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", body)
        for digest in sorted(package.files):
            archive.writestr(f"files/{digest}", package.files[digest], zipfile.ZIP_STORED)
        archive.writestr("signature", _sign(secret, body, sorted(package.files)))
    return out.getvalue()


def peek_laptop(content: bytes) -> str:
    """Which laptop a package says it is for, before its signature can be checked."""
    return str(_read(content)[1].get("laptop_id") or "")


def read_package(content: bytes, secret: str, kind: str) -> Package:
    body, data, files, signature = _read(content)
    if not hmac.compare_digest(signature, _sign(secret, body, sorted(files))):
        raise PackageRefused("signature")
    if data.get("kind") != kind:
        raise PackageRefused(f"kind_{kind}")
    return Package(kind=data.pop("kind"), laptop_id=data.pop("laptop_id"), data=data, files=files)


def _read(content: bytes) -> tuple[bytes, dict[str, Any], dict[str, bytes], str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as error:
        raise PackageRefused("not_a_package") from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_BYTES:
            raise PackageRefused("too_large")
        names = {entry.filename for entry in entries}
        if not {"data.json", "signature"} <= names:
            raise PackageRefused("not_a_package")
        files: dict[str, bytes] = {}
        try:
            for entry in entries:
                match = _FILE.match(entry.filename)
                if entry.filename in ("data.json", "signature"):
                    continue
                if not match:
                    raise PackageRefused("not_a_package")
                blob = _limited(archive, entry)
                if hashlib.sha256(blob).hexdigest() != match.group(1):
                    raise PackageRefused("damaged")
                files[match.group(1)] = blob
            body = _limited(archive, archive.getinfo("data.json"))
            data = json.loads(body)
            signature = _limited(archive, archive.getinfo("signature")).decode("ascii")
        except (zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError, OSError) as error:
            raise PackageRefused("damaged") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackageRefused("not_a_package")
    data.pop("format")
    return body, data, files, signature


def _limited(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, never more than it declared (a zip may lie about its sizes)."""
    with archive.open(entry) as stream:
        blob = stream.read(entry.file_size + 1)
    if len(blob) != entry.file_size:
        raise PackageRefused("damaged")
    return blob


def _sign(secret: str, body: bytes, digests: list[str]) -> str:
    signer = hmac.new(secret.encode(), body, hashlib.sha256)
    for digest in digests:
        signer.update(digest.encode())
    return signer.hexdigest()
