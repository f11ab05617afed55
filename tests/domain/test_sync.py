"""The merge rules of field sync, by hand and on random edits (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.sync import FieldConflict, StatusChange, current_status, merge_record

BASE = {"id": "f1", "version": 3, "text": "Gốc", "evidence": None, "deleted_at": None}


def test_fields_changed_on_one_side_merge_by_themselves():
    mine = {**BASE, "text": "Sửa ở máy chủ", "version": 4}
    theirs = {**BASE, "evidence": "Biên bản số 12", "version": 4}
    merged = merge_record(BASE, mine, theirs)
    assert merged.values == {
        "text": "Sửa ở máy chủ",
        "evidence": "Biên bản số 12",
        "deleted_at": None,
    }
    assert merged.conflicts == ()


def test_a_field_changed_on_both_sides_keeps_ours_and_lists_theirs():
    merged = merge_record(BASE, {**BASE, "text": "Bản A"}, {**BASE, "text": "Bản B"})
    assert merged.values["text"] == "Bản A"
    assert merged.conflicts == (FieldConflict("text", "Gốc", "Bản A", "Bản B"),)


def test_the_same_change_on_both_sides_is_no_conflict():
    merged = merge_record(BASE, {**BASE, "text": "Như nhau"}, {**BASE, "text": "Như nhau"})
    assert merged.conflicts == () and merged.values["text"] == "Như nhau"


def test_a_delete_against_an_edit_keeps_the_record_and_the_edit():
    deleted = {**BASE, "deleted_at": "2026-11-25T08:00:00+00:00"}
    edited = {**BASE, "evidence": "Ảnh hiện trường"}
    for mine, theirs in ((deleted, edited), (edited, deleted)):
        merged = merge_record(BASE, mine, theirs)
        assert merged.values["deleted_at"] is None
        assert merged.values["evidence"] == "Ảnh hiện trường"
        assert merged.conflicts == (
            FieldConflict("deleted_at", None, None, "2026-11-25T08:00:00+00:00"),
        )


def test_a_delete_alone_merges():
    deleted = {**BASE, "deleted_at": "2026-11-25T08:00:00+00:00"}
    assert merge_record(BASE, BASE, deleted).values["deleted_at"] == deleted["deleted_at"]


def test_derived_fields_are_left_to_the_history():
    merged = merge_record(
        {**BASE, "status": "open"},
        {**BASE, "status": "open"},
        {**BASE, "status": "done"},
        derived=("status",),
    )
    assert "status" not in merged.values


def _change(day, created, before, after, key="x"):
    return StatusChange(f"{key}{day}", f"2026-11-{day:02d}", created, before, after)


def test_status_is_the_latest_valid_transition_of_the_merged_history():
    # Laptop A: open -> in progress on the 21st; laptop B: open -> done on the 22nd.
    history = [_change(22, "t2", "open", "done", "b"), _change(21, "t1", "open", "in_progress")]
    assert current_status(history) == "done"
    # Two people closed it offline: the second "done" is kept but changes nothing, and a
    # cancel from "open" recorded after a done no longer applies (done -> cancelled is not
    # a transition).
    history = [
        _change(21, "t1", "open", "done"),
        _change(22, "t2", "open", "done", "b"),
        _change(23, "t3", "open", "cancelled", "c"),
    ]
    assert current_status(history) == "done"
    assert current_status([]) == "open"


values = st.one_of(st.none(), st.text(max_size=3))
FIELDS = ("text", "evidence", "addressee")


@st.composite
def edits(draw):
    base = {"id": "r", "deleted_at": None, **{f: draw(values) for f in FIELDS}}
    sides = []
    for _ in range(2):
        side = dict(base)
        for name in draw(st.sets(st.sampled_from(FIELDS))):
            side[name] = draw(values)
        if draw(st.booleans()) and draw(st.booleans()):
            side["deleted_at"] = "2026-11-25T08:00:00+00:00"
        sides.append(side)
    return base, sides[0], sides[1]


@settings(max_examples=300, deadline=None)
@given(edits())
def test_every_edit_is_either_applied_or_listed_and_both_orders_agree(case):
    base, one, other = case
    here = merge_record(base, one, other)
    there = merge_record(base, other, one)
    listed = {c.field for c in here.conflicts}
    assert listed == {c.field for c in there.conflicts}
    for name in (*FIELDS, "deleted_at"):
        for side, merged, conflicts in (
            (one, here, here.conflicts),
            (other, there, there.conflicts),
        ):
            if side[name] != base[name]:
                # The edit is in the record, or in a conflict beside it.
                assert merged.values[name] == side[name] or any(
                    c.field == name and side[name] in (c.kept, c.other) for c in conflicts
                )
        if name not in listed:  # outside conflicts, both orders give the same record
            assert here.values[name] == there.values[name]
