"""rules.values.date_text: dates typed as text the ways offices write them."""

from __future__ import annotations

from datetime import date

import pytest

from rules.values.date_text import DateText, parse_date_text

OCT_16 = date(2025, 10, 16)


@pytest.mark.parametrize(
    "typed",
    [
        "16/10/2025",
        "16/10/25",
        "16-10-2025",
        "16.10.2025",
        "16 / 10 / 2025",
        "ngày 16/10/2025",
        "Ngày 16/10/2025",
        "ngày: 16/10/2025",
        "16 tháng 10 năm 2025",
        "ngày 16 tháng 10 năm 2025",
        "16 thang 10 nam 2025",
        "16 tháng 10, 2025",
        "2025-10-16",
        "16/10/2025 08:30",
    ],
)
def test_forms_offices_write(typed: str) -> None:
    assert parse_date_text(typed) == DateText(OCT_16)


@pytest.mark.parametrize(
    ("typed", "year"), [("01/02/85", 1985), ("01/02/69", 2069), ("01/02/00", 2000)]
)
def test_two_digit_years(typed: str, year: int) -> None:
    assert parse_date_text(typed) == DateText(date(year, 2, 1))


@pytest.mark.parametrize("typed", ["30/02/2025", "29/02/2025", "31/04/2025", "31 tháng 6 năm 2025"])
def test_a_day_that_does_not_exist(typed: str) -> None:
    assert parse_date_text(typed) == DateText(None, error="date_no_such_day")


def test_month_first_suggests_the_day_first_reading() -> None:
    assert parse_date_text("10/25/2025") == DateText(None, "date_month_first", "25/10/2025")


@pytest.mark.parametrize("typed", ["", "hôm qua", "32/13/2025", "16/10", "2025", "00/10/2025"])
def test_not_a_date(typed: str) -> None:
    assert parse_date_text(typed) == DateText(None, error="date_invalid")
