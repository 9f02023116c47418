"""rules.progress: `Tiến độ` day by day and the JSON `progress`, on a hand-built campaign."""

from __future__ import annotations

from datetime import date

from rules.campaign import Campaign
from rules.contract import PROGRESS_COLUMNS
from rules.progress import progress, progress_json, progress_table

# 11 days: 01/10 → 11/10 (10 days of elapsed time), target 500.
CAMPAIGN = Campaign(start=date(2025, 10, 1), deadline=date(2025, 10, 11), target=500)
RECOGNISED = {
    date(2025, 9, 28): 2,  # before the start: counted on the first day
    date(2025, 10, 1): 3,
    date(2025, 10, 3): 4,
    date(2025, 10, 6): 1,
}


def test_one_row_per_day_start_to_deadline_with_exact_expected_line() -> None:
    days = progress(RECOGNISED, 37, CAMPAIGN, today=date(2025, 10, 6))
    assert days[0].day == date(2025, 10, 1)
    assert days[-1].day == date(2025, 10, 11)
    assert len(days) == 11
    # ceil(37 × k/10): 0, 3.7→4, 7.4→8, 11.1→12, 14.8→15, 18.5→19, …, 37
    assert [d.expected for d in days] == [0, 4, 8, 12, 15, 19, 23, 26, 30, 34, 37]
    assert {d.target for d in days} == {500}


def test_new_and_cumulative_by_recognition_day_blank_after_today() -> None:
    days = progress(RECOGNISED, 37, CAMPAIGN, today=date(2025, 10, 6))
    assert [d.new for d in days] == [5, 0, 4, 0, 0, 1, None, None, None, None, None]
    assert [d.cumulative for d in days] == [5, 5, 9, 9, 9, 10, None, None, None, None, None]


def test_expected_uses_exact_fractions_no_float_wobble() -> None:
    # 3 × 1/3 must be exactly 1, not ceil(1.0000000000000002) = 2.
    campaign = Campaign(start=date(2025, 10, 1), deadline=date(2025, 10, 4), target=3)
    days = progress({}, 3, campaign, today=date(2025, 10, 4))
    assert [d.expected for d in days] == [0, 1, 2, 3]


def test_json_runs_from_start_to_today_or_deadline() -> None:
    days = progress(RECOGNISED, 37, CAMPAIGN, today=date(2025, 10, 3))
    items = progress_json(days, date(2025, 10, 3))
    assert items == [
        {"date": "2025-10-01", "new": 5, "cumulative": 5, "expected": 0},
        {"date": "2025-10-02", "new": 0, "cumulative": 5, "expected": 4},
        {"date": "2025-10-03", "new": 4, "cumulative": 9, "expected": 8},
    ]
    after = progress(RECOGNISED, 37, CAMPAIGN, today=date(2025, 12, 1))
    assert len(progress_json(after, date(2025, 12, 1))) == 11
    before = progress(RECOGNISED, 37, CAMPAIGN, today=date(2025, 9, 30))
    assert progress_json(before, date(2025, 9, 30)) == []
    assert all(d.cumulative is None for d in before)


def test_table_columns_and_types() -> None:
    table = progress_table(progress(RECOGNISED, 37, CAMPAIGN, today=date(2025, 10, 2)))
    assert table.header == ("Ngày", "Mới", "Lũy kế", "Kỳ vọng", "Mục tiêu")
    assert table.columns == PROGRESS_COLUMNS
    assert table.rows[1] == (date(2025, 10, 2), 0, 5, 4, 500)
    assert table.rows[2] == (date(2025, 10, 3), None, None, 8, 500)
