"""Dates as teams type them: dd/mm/yyyy first, ISO, date cells and Sheets serials."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rules.issues import IssueCode

SHEETS_EPOCH = date(1899, 12, 30)  # serial 0 in Google Sheets and Excel (1900 system)
_MAX_SERIAL = 2958465  # 9999-12-31
_MIN_SERIAL = 10000  # 1927-05-18: smaller numbers in a date cell are years or typos

_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?:[ T].*)?")
_YMD = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:[ T].*)?")


@dataclass(frozen=True, slots=True)
class DateResult:
    value: date | None
    error: IssueCode | None = None
    suggestion: str = ""  # the dd/mm reading for an mm/dd input


def serial_to_date(serial: float) -> date:
    return SHEETS_EPOCH + timedelta(days=int(serial))


def date_to_serial(value: date) -> int:
    return (value - SHEETS_EPOCH).days


def parse_date(value: object) -> DateResult:
    if isinstance(value, datetime):
        return DateResult(value.date())
    if isinstance(value, date):
        return DateResult(value)
    if isinstance(value, bool) or value is None:
        return DateResult(None, error=IssueCode.DATE_INVALID)
    if isinstance(value, int | float):
        # A bare year (2025) typed in a date cell is not the serial for 1905.
        if _MIN_SERIAL <= value <= _MAX_SERIAL:
            return DateResult(serial_to_date(value))
        return DateResult(None, error=IssueCode.DATE_INVALID)
    return _parse_text(str(value).strip())


def _parse_text(text: str) -> DateResult:
    if m := _YMD.fullmatch(text):
        return _build(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if month > 12 and day <= 12:
            # Typed month first (US order): say which dd/mm date was probably meant.
            probable = _build(year, day, month).value
            if probable is None:  # no real date either way round
                return DateResult(None, error=IssueCode.DATE_INVALID)
            return DateResult(
                None, error=IssueCode.DATE_MONTH_FIRST, suggestion=probable.strftime("%d/%m/%Y")
            )
        return _build(year, month, day)
    return DateResult(None, error=IssueCode.DATE_INVALID)


def _build(year: int, month: int, day: int) -> DateResult:
    try:
        return DateResult(date(year, month, day))
    except ValueError:
        return DateResult(None, error=IssueCode.DATE_INVALID)


def parse_birth_year(value: object) -> int | None:
    """A year, or a date whose year is used; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1000 <= value <= 9999:
            return int(value)
        parsed = parse_date(value)
        return parsed.value.year if parsed.value else None
    if isinstance(value, date):
        return value.year
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    parsed = parse_date(text)
    return parsed.value.year if parsed.value else None
