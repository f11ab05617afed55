"""Attachments are stored under generated names inside one folder, whatever their name."""

from __future__ import annotations

from datetime import date

import pytest

from data_access.attachments import MAX_BYTES, add_attachment, read_attachment
from data_access.errors import InvalidInput, NotFound
from data_access.visit_views import visit_detail
from tests.helpers.data import TODAY, person, sample_with_a_visit

ADMIN = person("Quản trị")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\n"


@pytest.fixture
def visit(engine):
    return engine, sample_with_a_visit(engine, ADMIN, date(2025, 5, 1))


@pytest.mark.parametrize("name", ["../../x.png", "C:\\x.png", "\\\\host\\share\\x.png", "CON"])
def test_dangerous_names_are_only_labels(visit, tmp_path, name):
    engine, visit_id = visit
    folder = tmp_path / "attachments"
    add_attachment(engine, ADMIN, folder, visit_id, name, PNG)
    stored = visit_detail(engine, visit_id, TODAY).attachments[0]
    assert list(folder.iterdir()) == [folder / stored.stored_name]
    assert "/" not in stored.original_name and "\\" not in stored.original_name
    assert read_attachment(folder, stored.stored_name) == PNG


def test_type_comes_from_the_content_and_size_is_limited(visit, tmp_path):
    engine, visit_id = visit
    add_attachment(engine, ADMIN, tmp_path, visit_id, "bien-ban.pdf", PDF)
    with pytest.raises(InvalidInput) as wrong_type:
        add_attachment(engine, ADMIN, tmp_path, visit_id, "anh.jpg", b"MZ\x90\x00 not a photo")
    assert wrong_type.value.problems == ["file_type"]
    with pytest.raises(InvalidInput) as too_large:
        add_attachment(engine, ADMIN, tmp_path, visit_id, "lon.pdf", PDF + b"0" * MAX_BYTES)
    assert too_large.value.problems == ["too_large"]
    attachments = visit_detail(engine, visit_id, TODAY).attachments
    assert [a.content_type for a in attachments] == ["application/pdf"]


def test_stored_names_cannot_escape_the_folder(tmp_path):
    with pytest.raises(NotFound):
        read_attachment(tmp_path, "../secret.pdf")
