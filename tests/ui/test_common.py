"""Small screen helpers with rules of their own."""

from __future__ import annotations

import math

import pandas as pd

from ui.common import attendee_rows

SIDES = {"delegation": "Đoàn giám sát", "locality": "Địa phương"}


def test_the_attendee_grid_never_turns_an_empty_cell_into_text():
    edited = pd.DataFrame(
        {
            "side": ["Đoàn giám sát", "Địa phương", None, "Địa phương"],
            "full_name": ["Trần Văn Hùng", " Lê Thị B ", "Không ghi bên", math.nan],
            "title": [math.nan, "Phó Chủ tịch UBND phường", None, "Chuyên viên"],
        }
    )
    assert attendee_rows(edited, SIDES) == [
        ("delegation", "Trần Văn Hùng", ""),
        ("locality", "Lê Thị B", "Phó Chủ tịch UBND phường"),
        ("delegation", "Không ghi bên", ""),
    ]
