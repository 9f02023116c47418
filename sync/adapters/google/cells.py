"""Cells of the Google Sheets backend as JSON (no I/O): typed `CellData`, and the same
built as text directly for the common values (a sync encodes thousands of cells)."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

from rules.look import NUMBER_FORMATS
from rules.tables import Formula, Kind
from rules.values.dates import SHEETS_EPOCH

DATE_FORMAT = {"type": "DATE", "pattern": "dd/mm/yyyy"}
DATETIME_FORMAT = {"type": "DATE_TIME", "pattern": NUMBER_FORMATS[Kind.DATETIME]}
COLUMN_FORMATS: dict[Kind, dict[str, str]] = {
    Kind.INTEGER: {"type": "NUMBER", "pattern": NUMBER_FORMATS[Kind.INTEGER]},
    Kind.NUMBER: {"type": "NUMBER", "pattern": NUMBER_FORMATS[Kind.NUMBER]},
    Kind.PERCENT: {"type": "NUMBER", "pattern": NUMBER_FORMATS[Kind.PERCENT]},
    Kind.DATE: DATE_FORMAT,
    Kind.DATETIME: DATETIME_FORMAT,
}

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON (one encoder for every call: a sync encodes thousands of rows)."""
    return _ENCODER.encode(obj).encode()


def serial(value: date) -> float | int:
    """Spreadsheet serial number (days since 1899-12-30); datetimes keep the time of day."""
    if isinstance(value, datetime):
        naive = value.replace(tzinfo=None)
        delta = naive - datetime.combine(SHEETS_EPOCH, datetime.min.time())
        return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return (value - SHEETS_EPOCH).days


def cell(value: object, kind: Kind = Kind.ANY) -> dict[str, Any]:
    """Typed CellData. Text is always a stringValue, so it never becomes a formula."""
    if value is None:
        return {}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return {"userEnteredValue": {"stringValue": str(value)}}
        out: dict[str, Any] = {"userEnteredValue": {"numberValue": value}}
        if kind is Kind.ANY:  # one decimal for floats, thousands separated for counts
            as_kind = Kind.NUMBER if isinstance(value, float) else Kind.INTEGER
            out["userEnteredFormat"] = {"numberFormat": COLUMN_FORMATS[as_kind]}
        return out
    if isinstance(value, Formula):
        return {"userEnteredValue": {"formulaValue": str(value)}}
    if isinstance(value, date):
        fmt = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
        data: dict[str, Any] = {"userEnteredValue": {"numberValue": serial(value)}}
        if kind not in COLUMN_FORMATS:  # typed columns get their format column-wide
            data["userEnteredFormat"] = {"numberFormat": fmt}
        return data
    return {"userEnteredValue": {"stringValue": str(value)}}


def header_cell(name: str) -> dict[str, Any]:
    bold = {"textFormat": {"bold": True}}
    return {"userEnteredValue": {"stringValue": name}, "userEnteredFormat": bold}


_string = json.encoder.encode_basestring  # what the encoder does with ensure_ascii=False
_VALUE = '{"userEnteredValue":{'
# The format an `ANY` column's number gets, keyed by "is a float" (as in `cell`).
_ANY_FORMAT = {
    is_float: ',"userEnteredFormat":'
    + _ENCODER.encode({"numberFormat": COLUMN_FORMATS[Kind.NUMBER if is_float else Kind.INTEGER]})
    for is_float in (False, True)
}


def cell_json(value: object, kind: Kind = Kind.ANY) -> str:
    """`dumps(cell(value, kind))` as text, built without the dicts for text and numbers."""
    if value is None:
        return "{}"
    kind_of = type(value)
    if isinstance(value, str) and kind_of is str:
        return _VALUE + '"stringValue":' + _string(value) + "}}"
    if kind_of is int or (kind_of is float and math.isfinite(value)):  # type: ignore[arg-type]
        fmt = _ANY_FORMAT[kind_of is float] if kind is Kind.ANY else ""
        return _VALUE + '"numberValue":' + repr(value) + "}" + fmt + "}"
    return _ENCODER.encode(cell(value, kind))
