"""rules.values.dates: dd/mm/yyyy first, ISO, date cells and Google Sheets serials."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from rules.values.dates import date_to_serial, parse_birth_year, parse_date, serial_to_date

OCT_25 = date(2025, 10, 25)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25/10/2025", OCT_25),
        ("5/1/2025", date(2025, 1, 5)),  # d/m/yyyy: 5 January, not May 1st
        ("05/01/2025", date(2025, 1, 5)),
        ("12/11/2025", date(2025, 11, 12)),  # both ≤ 12: read day first
        ("2025-10-25", OCT_25),
        ("25-10-2025", OCT_25),
        ("25.10.2025", OCT_25),
        ("  25/10/2025 ", OCT_25),
        (OCT_25, OCT_25),
        (datetime(2025, 10, 25, 13, 45), OCT_25),
        (45955, OCT_25),  # Google Sheets serial
        (45955.0, OCT_25),
        (45955.75, OCT_25),  # a serial with a time of day
    ],
)
def test_accepted_dates(typed: object, expected: date) -> None:
    result = parse_date(typed)
    assert result.value == expected
    assert result.error is None


def test_sheets_epoch() -> None:
    assert serial_to_date(0) == date(1899, 12, 30)
    assert serial_to_date(1) == date(1899, 12, 31)
    assert serial_to_date(45955) == OCT_25
    assert date_to_serial(OCT_25) == 45955
    assert date_to_serial(date(1899, 12, 30)) == 0


@pytest.mark.parametrize(
    "day", [date(1900, 3, 1), date(1990, 3, 15), date(2025, 2, 28), date(2030, 12, 31)]
)
def test_serial_round_trip(day: date) -> None:
    assert serial_to_date(date_to_serial(day)) == day
    if day.year >= 1928:  # smaller serials in a date cell are read as years or typos
        assert parse_date(date_to_serial(day)).value == day
    assert date_to_serial(day + timedelta(days=1)) == date_to_serial(day) + 1


@pytest.mark.parametrize("number", [2025, 1990, 61, 0, -5])
def test_a_bare_year_or_small_number_in_a_date_cell_is_not_a_date(number: int) -> None:
    assert parse_date(number).error == "date_invalid"


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("10/25/2025", "25/10/2025"), ("1/31/2025", "31/01/2025"), ("12/13/2025", "13/12/2025")],
)
def test_month_first_is_an_error_with_the_dd_mm_suggestion(typed: str, suggestion: str) -> None:
    result = parse_date(typed)
    assert result.value is None
    assert result.error == "date_month_first"
    assert result.suggestion == suggestion


@pytest.mark.parametrize("typed", ["2/30/2025", "4/31/2025", "2/29/2025"])
def test_month_first_without_a_real_dd_mm_reading_is_just_invalid(typed: str) -> None:
    result = parse_date(typed)
    assert result.value is None
    assert result.error == "date_invalid" or result.suggestion != ""


@pytest.mark.parametrize(
    "typed",
    ["32/10/2025", "13/13/2025", "abc", "", True, None, -1],
)
def test_invalid_dates(typed: object) -> None:
    result = parse_date(typed)
    assert result.value is None
    assert result.error == "date_invalid"


@pytest.mark.parametrize("typed", ["31/02/2025", "29/02/2025"])
def test_a_day_that_does_not_exist_says_so(typed: str) -> None:
    """The contract: in dd/mm/yyyy order already, so the message is not 'use dd/mm/yyyy'."""
    result = parse_date(typed)
    assert result.value is None
    assert result.error == "date_no_such_day"


def test_two_digit_years_are_read_as_dd_mm_yy() -> None:
    assert parse_date("25/10/25").value == date(2025, 10, 25)


def test_leap_day_is_valid_in_a_leap_year() -> None:
    assert parse_date("29/02/2024").value == date(2024, 2, 29)


@pytest.mark.parametrize(
    "typed",
    [
        1990,
        1990.0,
        "1990",
        " 1990 ",
        date(1990, 5, 1),
        datetime(1990, 5, 1, 8, 0),
        "15/03/1990",
        "1990-03-15",
        date_to_serial(date(1990, 3, 15)),  # a date cell read as a Sheets serial
        float(date_to_serial(date(1990, 12, 31))),
    ],
)
def test_birth_year(typed: object) -> None:
    assert parse_birth_year(typed) == 1990


@pytest.mark.parametrize("typed", ["abc", "", None, True, "31/02/1990"])
def test_unreadable_birth_year(typed: object) -> None:
    assert parse_birth_year(typed) is None
