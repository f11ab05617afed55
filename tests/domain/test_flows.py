"""A flow is never counted twice (domain/flows.py), by hand."""

from datetime import date

from domain.flows import RecordedFlow, decide_flow, overlaps, stored_overlaps

Q1 = RecordedFlow(date(2026, 1, 1), date(2026, 3, 31), 20, "Quý I năm 2026", "Báo cáo quý")
Q2 = RecordedFlow(date(2026, 4, 1), date(2026, 6, 30), 15, "Quý II năm 2026")
Q3 = RecordedFlow(date(2026, 7, 1), date(2026, 9, 30), 25, "Quý III năm 2026")
NINE_MONTHS = (date(2026, 1, 1), date(2026, 9, 30))


def test_the_same_period_is_no_overlap_it_replaces():
    assert not overlaps(Q1.start, Q1.end, Q1)
    assert overlaps(date(2026, 3, 31), date(2026, 4, 30), Q1)  # one shared day
    assert not overlaps(date(2026, 4, 1), date(2026, 4, 30), Q1)


def test_nine_months_after_three_quarters_restates_them():
    decision = decide_flow("works_count", *NINE_MONTHS, [Q1, Q2, Q3])
    assert decision.is_check and decision.refused is None
    assert decision.restated == (Q1, Q2, Q3)
    assert decision.restated_sum == 60


def test_a_period_cutting_across_one_is_refused_naming_it():
    decision = decide_flow("works_count", date(2026, 3, 1), date(2026, 5, 31), [Q1, Q2])
    assert not decision.is_check
    assert decision.refused.indicator == "works_count"
    assert decision.refused.existing == Q1  # the first one it cuts, with its source


def test_a_quarter_inside_a_recorded_nine_months_is_refused():
    nine = RecordedFlow(*NINE_MONTHS, 60, "9 tháng năm 2026")
    decision = decide_flow("works_count", Q2.start, Q2.end, [nine])
    assert decision.refused.existing == nine


def test_no_overlap_is_a_plain_figure():
    decision = decide_flow("works_count", date(2026, 10, 1), date(2026, 12, 31), [Q1, Q2, Q3])
    assert not decision.is_check and decision.refused is None


def test_stored_overlaps_each_pair_once():
    nine = RecordedFlow(*NINE_MONTHS, 62, "9 tháng năm 2026")
    values = sorted(
        [("a", Q1), ("a", nine), ("a", Q2), ("a", Q3), ("b", Q1), ("b", Q2)],
        key=lambda pair: (pair[0], pair[1].start, pair[1].end),
    )
    found = [(o.key, o.first.label, o.second.label) for o in stored_overlaps(values)]
    assert found == [
        ("a", "Quý I năm 2026", "9 tháng năm 2026"),
        ("a", "9 tháng năm 2026", "Quý II năm 2026"),
        ("a", "9 tháng năm 2026", "Quý III năm 2026"),
    ]
