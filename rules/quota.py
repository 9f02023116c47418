"""Quota and pace: expected by today, and the status of a team or commune."""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from fractions import Fraction

from rules.messages import pick


class Status(StrEnum):
    DONE = "Đạt"
    FAILED = "Không đạt"
    ON_PACE = "Đúng tiến độ"
    BEHIND = "Chậm tiến độ"


STATUS_EN = {
    Status.DONE: "Done",
    Status.FAILED: "Not met",
    Status.ON_PACE: "On pace",
    Status.BEHIND: "Behind",
}
FALLING_SHORT = frozenset({Status.BEHIND, Status.FAILED})


def elapsed_fraction(today: date, start: date, deadline: date) -> Fraction:
    """f = (today − start) / (deadline − start), clamped to [0, 1]; exact, so edges don't wobble."""
    if today >= deadline:
        return Fraction(1)
    if today <= start:
        return Fraction(0)
    return Fraction((today - start).days, (deadline - start).days)


def expected(quota: int, fraction: Fraction) -> int:
    return math.ceil(quota * fraction)


def status(
    count: int, quota: int, expected_now: int, today: date, deadline: date, tolerance: float
) -> Status:
    if count >= quota:
        return Status.DONE
    if today > deadline:
        return Status.FAILED
    # Exact decimal tolerance: 0.8 × 30 must be 24, not 24.000000000000004.
    if count >= expected_now * Fraction(str(tolerance)):
        return Status.ON_PACE
    return Status.BEHIND


def status_label(value: Status, lang: str) -> str:
    return pick((value.value, STATUS_EN[value]), lang)


def percent(count: int, quota: int) -> float | None:
    """Percent with one decimal; None when there is no quota to measure against."""
    if quota <= 0:
        return None
    # Half up, as the spreadsheet's ROUND does (Python's round() would give 0.2 for 1/400).
    exact = Fraction(count * 1000, quota)
    return math.floor(exact + Fraction(1, 2)) / 10
