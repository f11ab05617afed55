"""Filling a Word template (docxtpl, on python-docx) with what a document says.

The template may be an agency's own upload, so its tags run in Jinja's sandbox (a tag
cannot reach Python's internals) and every value is escaped for Word's XML; characters
XML cannot hold (control characters pasted from other programs) are dropped."""

from __future__ import annotations

import io
import re
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from documents.office_files import FileRefused, check_office_file

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TemplateRefused(ValueError):
    """The template cannot be filled: ``reason`` (syntax, unknown_names, fails) and a
    ``detail`` for the message (the line or the names)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(item) for item in value]
    return value


def fill(template: bytes, context: dict[str, Any]) -> bytes:
    """The document: ``template`` with ``context`` filled in."""
    document = _open(template)
    try:
        document.render(_clean(context), jinja_env=_environment(), autoescape=True)
    except Exception as error:
        # An agency's tags may fail in any way Python can (a division by a count of
        # nothing…): each is a template that cannot be filled, said as such.
        raise TemplateRefused("fails", str(error)) from error
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def check_word_file(content: bytes) -> None:
    """Refuse (FileRefused) a file that is not a Word document of a sensible size, or is
    unsafe: a bomb, macro-enabled."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise FileRefused("too_large")
    check_office_file(content, "word/document.xml", "not_docx")


def check_template(content: bytes, example: dict[str, Any]) -> None:
    """Refuse a file that is not a Word document, is unsafe, uses names the tool does not
    provide, or does not fill; ``example`` is a context of every name."""
    check_word_file(content)
    document = _open(content)
    try:
        used = document.get_undeclared_template_variables(jinja_env=_environment())
    except TemplateError as error:
        raise TemplateRefused("syntax", _where(error)) from error
    unknown = sorted(set(used) - set(example))
    if unknown:
        raise TemplateRefused("unknown_names", ", ".join(unknown))
    fill(content, example)


def _open(content: bytes) -> DocxTemplate:
    try:
        return DocxTemplate(io.BytesIO(content))
    except Exception as error:  # python-docx raises many kinds for a damaged file
        raise FileRefused("not_docx") from error


def _where(error: TemplateError) -> str:
    """The message and the text around the broken tag, without Word's XML."""
    context = " ".join(line.strip() for line in getattr(error, "docx_context", []) or [])
    return f"{error} — {context}".strip(" —") if context else str(error)
