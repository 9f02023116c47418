"""Dates typed as text, the ways Vietnamese offices write them.

`16/10/2025`, `16/10/25`, `16-10-2025`, `16.10.2025`, `ngày 16/10/2025`, `16 tháng 10 năm
2025`, `2025-10-16`. A date in the right order that does not exist (`30/02/2025`) says so;
`10/25/2025` is read as month first and the dd/mm reading is suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rules.values.text import fold

_SEP = r"\s*[/.\-]\s*"
_TIME = r"(?:[ T].*)?"
_DMY = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}}){_TIME}")
_YMD = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}}){_TIME}")
# "16 tháng 10 năm 2025", "16 thang 10 nam 2025", "16 tháng 10, 2025" (folded).
_WORDS = re.compile(r"(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:,\s*)?(?:nam\s*)?(\d{4})")
_DAY_WORD = re.compile(r"^ngay\s*:?\s*")
CENTURY_PIVOT = 70  # two-digit years: 00-69 are 20xx, 70-99 are 19xx


@dataclass(frozen=True, slots=True)
class DateText:
    value: date | None
    error: str | None = None  # date_invalid | date_month_first | date_no_such_day
    suggestion: str = ""  # the dd/mm reading of a month-first date


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < CENTURY_PIVOT else 1900
    return year


def parse_date_text(text: str) -> DateText:
    folded = _DAY_WORD.sub("", fold(text.strip()))
    if m := _YMD.fullmatch(folded):
        return _build(int(m[1]), int(m[2]), int(m[3]))
    if m := _WORDS.fullmatch(folded):
        return _build(int(m[3]), int(m[2]), int(m[1]))
    if m := _DMY.fullmatch(folded):
        day, month, year = int(m[1]), int(m[2]), _year(m[3])
        if month > 12 and day <= 12:  # month first (US order): say which dd/mm date was meant
            probable = _build(year, day, month).value
            if probable is None:
                return DateText(None, error="date_invalid")
            return DateText(None, "date_month_first", probable.strftime("%d/%m/%Y"))
        return _build(year, month, day)
    return DateText(None, error="date_invalid")


def _build(year: int, month: int, day: int) -> DateText:
    try:
        return DateText(date(year, month, day))
    except ValueError:
        if 1 <= month <= 12 and 1 <= day <= 31:
            return DateText(None, error="date_no_such_day")
        return DateText(None, error="date_invalid")
