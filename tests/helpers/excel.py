"""Helpers for tests that read workbooks back."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl

from domain.imports import ImportProblem
from texts.messages import translate


def open_book(content: bytes, **options):
    return openpyxl.load_workbook(io.BytesIO(content), **options)


def sheet_xml(content: bytes) -> dict[str, str]:
    """Every worksheet's raw XML, by part name."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {
        name: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if re.match(r"xl/worksheets/sheet[0-9]+\.xml$", name)
    }


def parts(content: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(content)).namelist()


def replace_part(content: bytes, part: str, data: bytes, **extra: bytes) -> bytes:
    """A copy of a workbook with one part (and optionally more) replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    replacements = {part: data, **{k.replace("__", "/"): v for k, v in extra.items()}}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, replacements.pop(item.filename, source.read(item.filename)))
        for name, value in replacements.items():
            target.writestr(name, value)
    return out.getvalue()


def problem_text(problem: ImportProblem, language: str = "vi") -> str:
    """What the import screen says for a problem, in ``language``."""
    return translate(f"cell.{problem.reason}", language, **problem.details)


def fill(content: bytes, cells: dict[str, object]) -> bytes:
    """What a locality's officer does: open the template, type, save."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Báo cáo"]
    for coordinate, value in cells.items():
        sheet[coordinate] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell_texts(path: Path) -> str:
    """Every cell of a downloaded workbook, as text, one per line."""
    book = openpyxl.load_workbook(path, read_only=True)
    texts = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    book.close()
    return "\n".join(texts)
