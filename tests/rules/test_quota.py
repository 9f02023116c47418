"""rules.quota: elapsed fraction, expected by today (ceil) and status, exact at the edges."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

import pytest

from rules.quota import FALLING_SHORT, Status, elapsed_fraction, expected, percent, status
from tests.builders import (
    CAMPAIGN,
    ambassador,
    assignment,
    commune,
    grids,
    phone,
    run,
    team,
    team_members,
)

START, DEADLINE = date(2025, 10, 15), date(2025, 11, 30)  # 46 days


@pytest.mark.parametrize(
    ("today", "fraction"),
    [
        (START - timedelta(days=30), Fraction(0)),  # before start
        (START, Fraction(0)),  # day 0
        (START + timedelta(days=1), Fraction(1, 46)),
        (START + timedelta(days=23), Fraction(1, 2)),  # mid-way
        (DEADLINE - timedelta(days=1), Fraction(45, 46)),
        (DEADLINE, Fraction(1)),  # deadline day
        (DEADLINE + timedelta(days=10), Fraction(1)),  # after the deadline
    ],
)
def test_elapsed_fraction(today: date, fraction: Fraction) -> None:
    assert elapsed_fraction(today, START, DEADLINE) == fraction
    assert 0 <= elapsed_fraction(today, START, DEADLINE) <= 1


@pytest.mark.parametrize(
    ("quota", "fraction", "want"),
    [
        (20, Fraction(1, 46), 1),  # 0.43 → 1: ceil, not round
        (20, Fraction(0), 0),
        (20, Fraction(1), 20),
        (50, Fraction(27, 46), 30),  # 29.35 → 30
        (46, Fraction(1, 46), 1),  # exactly 1: no ceil overshoot
        (46, Fraction(23, 46), 23),
        (0, Fraction(1, 2), 0),
    ],
)
def test_expected_uses_ceil(quota: int, fraction: Fraction, want: int) -> None:
    assert expected(quota, fraction) == want


def test_expected_is_exact_where_floats_wobble() -> None:
    # 0.1 * 30 is 3.0000000000000004 in floats: ceil would give 4.
    assert expected(30, Fraction(1, 10)) == 3
    assert expected(100, Fraction(7, 100)) == 7


MID = START + timedelta(days=20)


@pytest.mark.parametrize(
    ("count", "quota", "exp", "today", "want"),
    [
        (20, 20, 9, MID, Status.DONE),
        (25, 20, 9, MID, Status.DONE),
        (20, 20, 20, DEADLINE + timedelta(days=5), Status.DONE),  # also after the deadline
        (0, 0, 0, MID, Status.DONE),
        (19, 20, 20, DEADLINE + timedelta(days=1), Status.FAILED),
        (0, 20, 20, DEADLINE + timedelta(days=1), Status.FAILED),
        (16, 20, 20, DEADLINE, Status.ON_PACE),  # deadline day itself: not yet "Không đạt"
        (15, 20, 20, DEADLINE, Status.BEHIND),
        (0, 20, 0, START, Status.ON_PACE),  # day 0: nothing expected yet
    ],
)
def test_status(count: int, quota: int, exp: int, today: date, want: Status) -> None:
    assert status(count, quota, exp, today, DEADLINE, 0.8) is want


def test_deadline_day_is_never_failed() -> None:
    for count in range(20):
        assert status(count, 20, 20, DEADLINE, DEADLINE, 0.8) is not Status.FAILED


@pytest.mark.parametrize(
    ("count", "want"), [(24, Status.ON_PACE), (23, Status.BEHIND), (30, Status.ON_PACE)]
)
def test_tolerance_edge_is_exact(count: int, want: Status) -> None:
    # 30 × 0.8 = 24 exactly (24.000000000000004 in floats would make 24 "behind").
    assert status(count, 50, 30, MID, DEADLINE, 0.8) is want


@pytest.mark.parametrize(
    ("count", "exp", "tolerance", "want"),
    [
        (10, 10, 1.0, Status.ON_PACE),
        (9, 10, 1.0, Status.BEHIND),
        (7, 10, 0.7, Status.ON_PACE),
        (6, 10, 0.7, Status.BEHIND),
        (3, 10, 0.3, Status.ON_PACE),
        (2, 10, 0.3, Status.BEHIND),
        (0, 0, 1.0, Status.ON_PACE),
    ],
)
def test_other_tolerances(count: int, exp: int, tolerance: float, want: Status) -> None:
    assert status(count, 50, exp, MID, DEADLINE, tolerance) is want


def test_falling_short_statuses() -> None:
    assert frozenset({Status.BEHIND, Status.FAILED}) == FALLING_SHORT
    assert {s.value for s in Status} == {"Đạt", "Không đạt", "Đúng tiến độ", "Chậm tiến độ"}


@pytest.mark.parametrize(
    ("count", "quota", "want"),
    [
        (12, 50, 24.0),
        (1, 3, 33.3),
        (2, 3, 66.7),
        (20, 20, 100.0),
        (25, 20, 125.0),
        (0, 20, 0.0),
        (3, 0, None),
    ],
)
def test_percent_one_decimal(count: int, quota: int, want: float | None) -> None:
    assert percent(count, quota) == want


# --- through evaluate -------------------------------------------------------------------


def _campaign_grid(counts: dict[str, int], quotas: dict[str, object]):  # type: ignore[no-untyped-def]
    """T01 owns Ninh Kiều and Cái Khế; T02 owns Long Phú; `counts` ambassadors per commune."""
    owner = {"Ninh Kiều": "T01", "Cái Khế": "T01", "Long Phú": "T02"}
    rows, n = [], 0
    for name, k in counts.items():
        for _ in range(k):
            rows.append(ambassador(f"Người {n}", phone(n), name, owner[name]))
            n += 1
    return grids(
        members=team_members("T01") + team_members("T02"),
        assignments=[assignment(owner[c], c, quotas.get(c)) for c in owner],
        ambassadors=rows,
    )


def test_team_count_and_quota_are_sums_of_its_communes() -> None:
    g = _campaign_grid(
        {"Ninh Kiều": 3, "Cái Khế": 4, "Long Phú": 2},
        {"Ninh Kiều": 10, "Cái Khế": None, "Long Phú": ""},
    )
    report = run(g, campaign=replace(CAMPAIGN, commune_quota=25))
    assert commune(report, "Phường Ninh Kiều").quota == 10
    assert commune(report, "Phường Cái Khế").quota == 25  # blank Chỉ tiêu → commune_quota
    assert commune(report, "Xã Long Phú").quota == 25
    t01, t02 = team(report, "T01"), team(report, "T02")
    assert (t01.communes, t01.quota, t01.count) == (2, 35, 7)
    assert (t02.communes, t02.quota, t02.count) == (1, 25, 2)
    assert report.totals.quota == 60


def test_quota_zero_is_a_real_quota_not_blank() -> None:
    g = _campaign_grid({"Ninh Kiều": 0, "Cái Khế": 0, "Long Phú": 0}, {"Ninh Kiều": 0})
    report = run(g)
    assert commune(report, "Phường Ninh Kiều").quota == 0
    assert commune(report, "Phường Ninh Kiều").status is Status.DONE


@pytest.mark.parametrize(
    ("today", "count", "want_expected", "want"),
    [
        (date(2025, 11, 11), 24, 30, Status.ON_PACE),  # day 27: ceil(50·27/46) = 30, 0.8·30 = 24
        (date(2025, 11, 11), 23, 30, Status.BEHIND),
        (date(2025, 11, 30), 40, 50, Status.ON_PACE),  # deadline day
        (date(2025, 11, 30), 39, 50, Status.BEHIND),
        (date(2025, 12, 1), 49, 50, Status.FAILED),
        (date(2025, 12, 1), 50, 50, Status.DONE),
        (date(2025, 10, 15), 0, 0, Status.ON_PACE),
        (date(2025, 10, 16), 0, 2, Status.BEHIND),  # ceil(50/46) = 2; 0 < 1.6
    ],
)
def test_commune_and_team_status_through_evaluate(
    today: date, count: int, want_expected: int, want: Status
) -> None:
    rows = [ambassador(f"N{i}", phone(i), "Long Phú", "T02", "15/10/2025") for i in range(count)]
    g = grids(
        members=team_members("T02"),
        assignments=[assignment("T02", "Long Phú", 50)],
        ambassadors=rows,
    )
    report = run(g, today=today)
    lp, t02 = commune(report, "Xã Long Phú"), team(report, "T02")
    assert (lp.count, lp.expected, lp.status) == (count, want_expected, want)
    assert (t02.count, t02.expected, t02.status) == (count, want_expected, want)


def test_team_status_is_judged_on_the_sum_not_per_commune() -> None:
    # Ninh Kiều is far ahead, Cái Khế far behind; the team as a whole is on pace.
    g = _campaign_grid(
        {"Ninh Kiều": 20, "Cái Khế": 0, "Long Phú": 0}, {"Ninh Kiều": 20, "Cái Khế": 20}
    )
    report = run(
        g, today=date(2025, 11, 7)
    )  # day 23: f = 1/2, expected 10 per commune, 20 per team
    assert commune(report, "Phường Ninh Kiều").status is Status.DONE
    assert commune(report, "Phường Cái Khế").status is Status.BEHIND
    t01 = team(report, "T01")
    assert (t01.quota, t01.count, t01.expected) == (40, 20, 20)
    assert t01.status is Status.ON_PACE
