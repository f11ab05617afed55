"""Attachments: generated names, bytes in the database, whatever the uploaded name."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from data_access.attachments import MAX_BYTES, add_attachment, read_attachment
from data_access.errors import InvalidInput, NotFound
from data_access.visit_views import visit_detail
from data_access.visits import add_finding
from tests.helpers.data import TODAY, person, sample_with_a_visit
from tests.helpers.files import JPEG, PDF, PNG, image_bytes

ADMIN = person("Quản trị")


@pytest.fixture
def visit(engine):
    return engine, sample_with_a_visit(engine, ADMIN, date(2025, 5, 1))


@pytest.mark.parametrize("name", ["../../x.png", "C:\\x.png", "\\\\host\\share\\x.png", "CON"])
def test_dangerous_names_are_only_labels(visit, tmp_path, name):
    engine, visit_id = visit
    add_attachment(engine, ADMIN, visit_id, name, PNG)
    stored = visit_detail(engine, visit_id, TODAY).attachments[0]
    assert "/" not in stored.original_name and "\\" not in stored.original_name
    folder = tmp_path / "attachments"
    assert read_attachment(engine, stored.stored_name, folder) == PNG
    assert not folder.exists()  # nothing written beside the database


def test_files_of_older_versions_are_read_from_their_folder(visit, tmp_path):
    engine, visit_id = visit
    add_attachment(engine, ADMIN, visit_id, "anh.png", PNG)
    stored_name = f"{uuid.uuid4().hex}.jpg"
    (tmp_path / stored_name).write_bytes(JPEG)
    assert read_attachment(engine, stored_name, tmp_path) == JPEG
    with pytest.raises(NotFound):
        read_attachment(engine, f"{uuid.uuid4().hex}.jpg", tmp_path)


def test_type_comes_from_the_content_and_size_is_limited(visit, tmp_path):
    engine, visit_id = visit
    add_attachment(engine, ADMIN, visit_id, "bien-ban.pdf", PDF)
    with pytest.raises(InvalidInput) as wrong_type:
        add_attachment(engine, ADMIN, visit_id, "anh.jpg", b"MZ\x90\x00 not a photo")
    assert wrong_type.value.problems == ["file_type"]
    with pytest.raises(InvalidInput) as too_large:
        add_attachment(engine, ADMIN, visit_id, "lon.pdf", PDF + b"0" * MAX_BYTES)
    assert too_large.value.problems == ["too_large"]
    attachments = visit_detail(engine, visit_id, TODAY).attachments
    assert [a.content_type for a in attachments] == ["application/pdf"]


def test_stored_names_cannot_escape_the_folder(engine, tmp_path):
    with pytest.raises(NotFound):
        read_attachment(engine, "../secret.pdf", tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"junk" * 500, "image_broken"),  # a JPEG in name only
        ("anh.png", PNG[: len(PNG) // 2], "image_broken"),  # cut in the middle
        ("anh.jpg", JPEG[:-200] if len(JPEG) > 400 else JPEG[:40], "image_broken"),
        ("bien-ban.pdf", PDF[:30], "pdf_broken"),
    ],
    ids=["jpeg-signature-then-junk", "truncated-png", "truncated-jpeg", "truncated-pdf"],
)
def test_a_file_that_only_starts_like_its_type_is_refused(visit, tmp_path, name, content, reason):
    engine, visit_id = visit
    with pytest.raises(InvalidInput) as refused:
        add_attachment(engine, ADMIN, visit_id, name, content)
    assert refused.value.problems == [reason]
    assert visit_detail(engine, visit_id, TODAY).attachments == ()


def test_a_decompression_bomb_is_refused_from_its_header(visit, tmp_path):
    # 10,000 × 10,000 pixels of one colour: a few KB compressed, 300 MB once shown.
    engine, visit_id = visit
    bomb = image_bytes("PNG", (10_000, 10_000), mode="1")
    assert len(bomb) < MAX_BYTES
    with pytest.raises(InvalidInput) as refused:
        add_attachment(engine, ADMIN, visit_id, "anh.png", bomb)
    assert refused.value.problems == ["image_broken"]


def test_the_label_keeps_the_detected_types_extension(visit, tmp_path):
    engine, visit_id = visit
    for name, content in [
        ("polyglot.html", JPEG),
        ("anh hiện trường.JPEG", JPEG),
        ("bien-ban", PDF),
        (".png", PNG),
    ]:
        add_attachment(engine, ADMIN, visit_id, name, content)
    labels = sorted(a.original_name for a in visit_detail(engine, visit_id, TODAY).attachments)
    assert labels == ["anh hiện trường.JPEG", "bien-ban.pdf", "polyglot.jpg", "tep-dinh-kem.png"]


def test_a_finding_of_another_visit_or_none_leaves_nothing(visit):
    engine, visit_id = visit
    other_visit = sample_with_a_visit(engine, ADMIN, date(2025, 6, 1))
    elsewhere = add_finding(engine, ADMIN, other_visit, "achievement", "Ở buổi khác")
    for finding_id in (elsewhere, uuid.uuid4()):
        with pytest.raises(InvalidInput) as refused:
            add_attachment(engine, ADMIN, visit_id, "anh.png", PNG, finding_id)
        assert refused.value.problems == ["finding_elsewhere"]
    assert visit_detail(engine, visit_id, TODAY).attachments == ()
