"""Cell model: parsing input (RAW / USER_ENTERED) and rendering values like Sheets.

Cells are stored API-shaped: {"userEnteredValue": {...}, "userEnteredFormat": {...},
"note": ..., "dataValidation": ...}. Effective and formatted values are derived on read.

Simplifications (documented in sync/emulator/__init__.py):
- formulas are evaluated only when they are plain arithmetic on literals (+ - * / ^ & and
  parentheses); any other formula's effective value is the formula text itself.
- "Automatic" number display rounds to 10 significant digits, as Sheets shows by default.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from sync.emulator import formats
from sync.emulator.errors import ApiError, invalid_value

EPOCH = dt.datetime(1899, 12, 30)
DATE_TYPES = ("DATE", "TIME", "DATE_TIME")
MONTH_FIRST_LOCALES = {"en_US", "en_PH", "es_US"}

_NUM = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$")
_PCT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%$")
_CUR = re.compile(r"^([+-]?)\$((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def to_serial(when: dt.datetime | dt.date | dt.time) -> float:
    """Days since 1899-12-30 (the Sheets/Lotus epoch) with the time as a fraction."""
    if isinstance(when, dt.time):
        return (when.hour * 3600 + when.minute * 60 + when.second) / 86400
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    delta = when.replace(tzinfo=None) - EPOCH
    return delta.days + delta.seconds / 86400


def from_serial(serial: float) -> dt.datetime:
    return EPOCH + dt.timedelta(days=serial)


def _number(text: str) -> float | None:
    if not any(ch.isdigit() for ch in text) or not _NUM.match(text):
        return None
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1].rstrip("%")) if "." in text else 0


def _date(text: str, locale: str) -> tuple[float, dict[str, str]] | None:
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        pattern = "yyyy-mm-dd"
    else:
        m = _SLASH.match(text)
        if not m:
            return None
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month_first = locale in MONTH_FIRST_LOCALES
        mo, d = (a, b) if month_first else (b, a)
        pattern = "m/d/yyyy" if month_first else "d/m/yyyy"
        if len(m.group(1)) == 2 and len(m.group(2)) == 2:
            pattern = "mm/dd/yyyy" if month_first else "dd/mm/yyyy"
    hh, mi, ss = (int(g) if g else 0 for g in m.groups()[3:6])
    try:
        when = dt.datetime(y, mo, d, hh, mi, ss)
    except ValueError:
        return None
    if m.group(4):
        return to_serial(when), {"type": "DATE_TIME", "pattern": pattern + " hh:mm:ss"}
    return to_serial(when), {"type": "DATE", "pattern": pattern}


def parse_user_entered(text: str, locale: str) -> tuple[dict[str, Any], dict[str, str] | None]:
    """Parse typed text like the Sheets UI: numbers, %, $, dates, times, booleans, formulas."""
    if text.startswith("'"):
        return {"stringValue": text[1:]}, None
    if text.startswith("=") and len(text) > 1:
        return {"formulaValue": text}, None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return {"boolValue": stripped.upper() == "TRUE"}, None
    num = _number(stripped)
    if num is not None:
        if "," in stripped:
            pattern = "#,##0" + ("." + "0" * _decimals(stripped) if "." in stripped else "")
            return {"numberValue": num}, {"type": "NUMBER", "pattern": pattern}
        return {"numberValue": num}, None
    if _PCT.match(stripped) and any(ch.isdigit() for ch in stripped):
        dec = _decimals(stripped)
        pattern = "0" + ("." + "0" * dec if dec else "") + "%"
        value = float(stripped[:-1].replace(",", "")) / 100
        return {"numberValue": value}, {"type": "PERCENT", "pattern": pattern}
    m = _CUR.match(stripped)
    if m:
        value = float(m.group(2).replace(",", "")) * (-1 if m.group(1) == "-" else 1)
        return {"numberValue": value}, {"type": "CURRENCY", "pattern": '"$"#,##0.00'}
    date = _date(stripped, locale)
    if date:
        return {"numberValue": date[0]}, date[1]
    m = _TIME.match(stripped)
    if m and int(m.group(1)) < 24:
        serial = to_serial(dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)))
        pattern = "h:mm:ss" if m.group(3) else "h:mm"
        return {"numberValue": serial}, {"type": "TIME", "pattern": pattern + " am/pm"}
    return {"stringValue": text}, None


def parse_input(
    value: Any, option: str, locale: str, field: str
) -> tuple[dict[str, Any] | None, dict[str, str] | None]:
    """One JSON value from a values.* request -> (userEnteredValue or None, numberFormat)."""
    if isinstance(value, bool):
        return {"boolValue": value}, None
    if isinstance(value, int | float):
        return {"numberValue": float(value)}, None
    if isinstance(value, str):
        if value == "":
            return None, None
        if option == "USER_ENTERED":
            return parse_user_entered(value, locale)
        return {"stringValue": value}, None
    raise invalid_value(field, "type.googleapis.com/google.protobuf.Value", repr(value))


def check_option(option: str | None) -> str:
    if not option:
        raise ApiError(400, "'valueInputOption' is required but not specified")
    if option not in ("RAW", "USER_ENTERED"):
        raise invalid_value(
            "value_input_option",
            "type.googleapis.com/google.apps.sheets.v4.ValueInputOption",
            f'"{option}"',
        )
    return option


def effective(cell: dict[str, Any]) -> dict[str, Any] | None:
    """The computed value: literals as they are, formulas evaluated when we can."""
    uev = cell.get("userEnteredValue")
    if not uev:
        return None
    if "formulaValue" in uev:
        return formats.evaluate(uev["formulaValue"])
    return dict(uev)


def number_format(cell: dict[str, Any]) -> dict[str, str] | None:
    fmt = cell.get("userEnteredFormat", {}).get("numberFormat")
    return fmt if isinstance(fmt, dict) else None


def formatted(cell: dict[str, Any]) -> str | None:
    ev = effective(cell)
    if ev is None:
        return None
    if "stringValue" in ev:
        return str(ev["stringValue"])
    if "boolValue" in ev:
        return "TRUE" if ev["boolValue"] else "FALSE"
    if "errorValue" in ev:
        return formats.ERROR_TEXT.get(ev["errorValue"]["type"], "#ERROR!")
    return formats.format_number(float(ev["numberValue"]), number_format(cell), from_serial)


def json_number(value: float) -> int | float:
    if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def render(cell: dict[str, Any], value_render: str, date_render: str) -> Any:
    """The value values.get returns for one cell, or None when the cell is empty."""
    if value_render == "FORMATTED_VALUE":
        return formatted(cell)
    uev = cell.get("userEnteredValue") or {}
    if value_render == "FORMULA" and "formulaValue" in uev:
        return uev["formulaValue"]
    ev = effective(cell)
    if ev is None:
        return None
    if "numberValue" in ev:
        fmt = number_format(cell)
        if date_render == "FORMATTED_STRING" and fmt and fmt.get("type") in DATE_TYPES:
            return formatted(cell)
        return json_number(float(ev["numberValue"]))
    if "errorValue" in ev:
        return formatted(cell)
    return next(iter(ev.values()))
