"""Seeding spreadsheets from plain Python data or an .xlsx workbook, and dumping them back.

Seed shape: {"Tab": [[cell, ...], ...], ...}. A cell is a string (stored verbatim, never
parsed), a number, a boolean, None/"" (empty), or a dict:
  {"serial": 45000, "format": "DATE"}            date serial with a DATE/DATE_TIME/TIME format
                                                   (optional "pattern", default ISO-like)
  {"date": "2025-10-15"} / {"datetime": "2025-10-15T08:30:00"}   convenience for the above
  {"formula": "=1+2"}                              a formula
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sync.emulator import cells
from sync.emulator.state import (
    DEFAULT_COLS,
    DEFAULT_ROWS,
    Cell,
    Spreadsheet,
    State,
    Target,
    new_sheet,
)
from sync.emulator.values import read

DEFAULT_PATTERNS = {"DATE": "yyyy-mm-dd", "DATE_TIME": "yyyy-mm-dd hh:mm:ss", "TIME": "hh:mm:ss"}


def seed_cell(value: Any) -> Cell:
    if value is None or value == "":
        return {}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, int | float):
        return {"userEnteredValue": {"numberValue": float(value)}}
    if isinstance(value, str):
        return {"userEnteredValue": {"stringValue": value}}
    if isinstance(value, dict):
        if "formula" in value:
            return {"userEnteredValue": {"formulaValue": str(value["formula"])}}
        kind = str(value.get("format", "DATE"))
        if "date" in value:
            serial = cells.to_serial(dt.date.fromisoformat(str(value["date"])))
        elif "datetime" in value:
            serial = cells.to_serial(dt.datetime.fromisoformat(str(value["datetime"])))
            kind = str(value.get("format", "DATE_TIME"))
        else:
            serial = float(value["serial"])
        pattern = str(value.get("pattern") or DEFAULT_PATTERNS.get(kind, "yyyy-mm-dd"))
        return {
            "userEnteredValue": {"numberValue": serial},
            "userEnteredFormat": {"numberFormat": {"type": kind, "pattern": pattern}},
        }
    raise ValueError(f"cannot seed a cell from {value!r}")


def apply_seed(
    state: State,
    spreadsheet_id: str,
    tabs: dict[str, list[list[Any]]],
    title: str | None = None,
    locale: str = "en_US",
    time_zone: str = "Etc/GMT",
) -> Spreadsheet:
    """Create or replace a spreadsheet with the given tabs (first tab gets sheetId 0)."""
    book = state.create(
        title or spreadsheet_id,
        spreadsheet_id=spreadsheet_id,
        locale=locale,
        time_zone=time_zone,
        with_default_sheet=not tabs,
    )
    for index, (name, rows) in enumerate(tabs.items()):
        width = max((len(r) for r in rows), default=0)
        sheet = new_sheet(
            0 if index == 0 else state.new_int_id(),
            name,
            index,
            max(DEFAULT_ROWS, len(rows)),
            max(DEFAULT_COLS, width),
        )
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = seed_cell(value)
                if cell:
                    sheet.cells[(r, c)] = cell
        book.sheets.append(sheet)
    return book


def dump(book: Spreadsheet, render: str = "UNFORMATTED_VALUE") -> dict[str, list[list[Any]]]:
    """Every tab's values, trimmed like values.get (dates as serial numbers)."""
    return {
        s.title: read(Target(s, 0, 0, s.rows, s.cols), render, "SERIAL_NUMBER", "ROWS")
        for s in book.sheets
    }


def seed_from_xlsx(path: str | Path) -> dict[str, list[list[Any]]]:
    """Read a workbook's cached values (data_only) into the seed shape; datetimes become
    serials with a DATE (or DATE_TIME / TIME) format."""
    import openpyxl  # local import: only the xlsx path needs it

    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        out: dict[str, list[list[Any]]] = {}
        for ws in wb.worksheets:
            rows: list[list[Any]] = []
            for row in ws.iter_rows(values_only=True):
                rows.append([_xlsx_value(v) for v in row])
            while rows and all(v in (None, "") for v in rows[-1]):
                rows.pop()
            out[ws.title] = [_trim(r) for r in rows]
        return out
    finally:
        wb.close()


def _trim(row: list[Any]) -> list[Any]:
    while row and row[-1] in (None, ""):
        row.pop()
    return row


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return {"serial": cells.to_serial(value), "format": "DATE"}
        return {"serial": cells.to_serial(value), "format": "DATE_TIME"}
    if isinstance(value, dt.date):
        return {"serial": cells.to_serial(value), "format": "DATE"}
    if isinstance(value, dt.time):
        return {"serial": cells.to_serial(value), "format": "TIME"}
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    return value
