"""spreadsheets.values.*: get, batchGet, update, batchUpdate, append, clear, batchClear."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sync.emulator import a1, cells, dims
from sync.emulator.errors import ApiError, grid_limits, invalid_value
from sync.emulator.state import Sheet, Spreadsheet, State, Target, now_iso, resolve

Query = dict[str, list[str]]


def _q(query: Query, key: str, default: str) -> str:
    return query.get(key, [default])[0] or default


def read(target: Target, value_render: str, date_render: str, major: str) -> list[list[Any]]:
    """Rendered values in the box, trimmed like Google (trailing empties dropped)."""
    found: dict[int, dict[int, Any]] = {}
    columns = major == "COLUMNS"
    for (r, c), cell in _in_box(target):
        if target.r0 <= r < target.r1 and target.c0 <= c < target.c1:
            value = cells.render(cell, value_render, date_render)
            if value is None or value == "":
                continue
            rr, cc = r - target.r0, c - target.c0
            outer, inner = (cc, rr) if columns else (rr, cc)
            found.setdefault(outer, {})[inner] = value
    if not found:
        return []
    out: list[list[Any]] = []
    for i in range(max(found) + 1):
        line = found.get(i, {})
        out.append([line.get(j, "") for j in range(max(line) + 1)] if line else [])
    return out


def _in_box(target: Target) -> Iterable[tuple[tuple[int, int], dict[str, Any]]]:
    """The stored cells that may lie in the box: a small box (`'Tab'!A1`) is looked up
    cell by cell rather than by scanning every cell of the sheet."""
    stored = target.sheet.cells
    area = max(0, target.r1 - target.r0) * max(0, target.c1 - target.c0)
    if area >= len(stored):
        return stored.items()
    box = ((r, c) for r in range(target.r0, target.r1) for c in range(target.c0, target.c1))
    return ((key, stored[key]) for key in box if key in stored)


def value_range(target: Target, query: Query) -> dict[str, Any]:
    major = _q(query, "majorDimension", "ROWS")
    rows = read(
        target,
        _q(query, "valueRenderOption", "FORMATTED_VALUE"),
        _q(query, "dateTimeRenderOption", "SERIAL_NUMBER"),
        major,
    )
    out: dict[str, Any] = {"range": target.echo(), "majorDimension": major}
    if rows:
        out["values"] = rows
    return out


def get(state: State, sid: str, range_text: str, query: Query) -> dict[str, Any]:
    return value_range(resolve(state.get(sid), range_text), query)


def batch_get(state: State, sid: str, query: Query) -> dict[str, Any]:
    book = state.get(sid)
    ranges = [value_range(resolve(book, r), query) for r in query.get("ranges", [])]
    return {"spreadsheetId": sid, "valueRanges": ranges}


def _rows(body: dict[str, Any], field: str) -> list[list[Any]]:
    values = body.get("values", [])
    if values is None:
        return []
    if not isinstance(values, list):
        raise invalid_value(
            f"{field}.values", "type.googleapis.com/google.protobuf.ListValue", json.dumps(values)
        )
    for i, row in enumerate(values):
        if not isinstance(row, list):
            raise invalid_value(
                f"{field}.values[{i}]",
                "type.googleapis.com/google.protobuf.ListValue",
                json.dumps(row),
            )
    if body.get("majorDimension") == "COLUMNS":
        width = max((len(col) for col in values), default=0)
        values = [[col[i] if i < len(col) else None for col in values] for i in range(width)]
    return values


def write(
    book: Spreadsheet, target: Target, rows: list[list[Any]], option: str, field: str
) -> dict[str, Any]:
    """Write rows at the target's top-left corner; 400 past the range or the grid."""
    sheet = target.sheet
    height, width = len(rows), max((len(r) for r in rows), default=0)
    if not target.single:
        if height > target.r1 - target.r0:
            raise _outside(target, f"row [{target.r0 + height}]")
        if width > target.c1 - target.c0:
            raise _outside(target, f"column [{a1.col_to_letters(target.c0 + width - 1)}]")
    if target.r0 + height > sheet.rows or target.c0 + width > sheet.cols:
        box = a1.range_a1(target.r0, target.c0, target.r0 + height, target.c0 + width)
        raise grid_limits(f"'{sheet.title}'!{box}", sheet.rows, sheet.cols)
    locale = str(book.properties.get("locale", "en_US"))
    count = 0
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is None:
                continue  # null means "leave this cell alone"
            count += 1
            key = (target.r0 + i, target.c0 + j)
            uev, fmt = cells.parse_input(value, option, locale, f"{field}.values[{i}][{j}]")
            set_value(sheet, key, uev, fmt)
    book.modified = now_iso()
    out: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id}
    if height and width:
        out["updatedRange"] = a1.echo(
            sheet.title, target.r0, target.c0, target.r0 + height, target.c0 + width
        )
        out.update(updatedRows=height, updatedColumns=width, updatedCells=count)
    else:
        out["updatedRange"] = target.echo()
    return out


def set_value(
    sheet: Sheet, key: tuple[int, int], uev: dict[str, Any] | None, fmt: dict[str, Any] | None
) -> None:
    cell = dict(sheet.cells.get(key, {}))  # stored cells are never changed in place
    if uev is None:
        cell.pop("userEnteredValue", None)
    else:
        cell["userEnteredValue"] = uev
    if fmt is not None:
        cell["userEnteredFormat"] = {**cell.get("userEnteredFormat", {}), "numberFormat": fmt}
    if cell:
        sheet.cells[key] = cell
    else:
        sheet.cells.pop(key, None)


def _outside(target: Target, what: str) -> ApiError:
    return ApiError(
        400, f"Requested writing within range [{target.echo()}], but tried writing to {what}"
    )


def _with_data(
    book: Spreadsheet, out: dict[str, Any], query: Query, body_key: str = "updatedRange"
) -> dict[str, Any]:
    if _q(query, "includeValuesInResponse", "false").lower() != "true" or body_key not in out:
        return out
    render = {
        "valueRenderOption": [_q(query, "responseValueRenderOption", "FORMATTED_VALUE")],
        "dateTimeRenderOption": [_q(query, "responseDateTimeRenderOption", "SERIAL_NUMBER")],
    }
    out["updatedData"] = value_range(resolve(book, out[body_key]), render)
    return out


def update(state: State, sid: str, range_text: str, query: Query, body: Any) -> dict[str, Any]:
    book = state.get(sid)
    option = cells.check_option(query.get("valueInputOption", [""])[0])
    target = resolve(book, range_text)
    out = write(book, target, _rows(body or {}, "data"), option, "data")
    return _with_data(book, out, query)


def batch_update(state: State, sid: str, body: dict[str, Any]) -> dict[str, Any]:
    book = state.get(sid)
    option = cells.check_option(body.get("valueInputOption"))
    query = {
        "includeValuesInResponse": [str(body.get("includeValuesInResponse", False)).lower()],
        "responseValueRenderOption": [body.get("responseValueRenderOption") or ""],
        "responseDateTimeRenderOption": [body.get("responseDateTimeRenderOption") or ""],
    }
    responses, rows, cols, sheets, total = [], set(), set(), set(), 0
    for i, item in enumerate(body.get("data") or []):
        target = resolve(book, item.get("range", ""))
        data = _rows(item, f"data[{i}]")
        res = _with_data(book, write(book, target, data, option, f"data[{i}]"), query)
        responses.append(res)
        sid_ = target.sheet.sheet_id
        for r in range(res.get("updatedRows", 0)):
            rows.add((sid_, target.r0 + r))
        for c in range(res.get("updatedColumns", 0)):
            cols.add((sid_, target.c0 + c))
        if res.get("updatedCells"):
            sheets.add(sid_)
        total += res.get("updatedCells", 0)
    out: dict[str, Any] = {"spreadsheetId": sid}
    if total:
        out.update(
            totalUpdatedRows=len(rows),
            totalUpdatedColumns=len(cols),
            totalUpdatedCells=total,
            totalUpdatedSheets=len(sheets),
        )
    out["responses"] = responses
    return out


def append(state: State, sid: str, range_text: str, query: Query, body: Any) -> dict[str, Any]:
    """Find the 'table' that starts at the range's first row and write below it.

    Matches the recordings: an empty first row means "write right here" (no tableRange);
    otherwise the table is the run of non-empty rows from there, and rows go after it.
    The grid grows when needed; INSERT_ROWS shifts the rows below down first.
    """
    book = state.get(sid)
    option = cells.check_option(query.get("valueInputOption", [""])[0])
    target = resolve(book, range_text)
    rows = _rows(body or {}, "data")
    sheet = target.sheet
    occupied: dict[int, int] = {}  # row -> last non-empty column (within the range columns)
    for (r, c), cell in sheet.cells.items():
        if target.c0 <= c < target.c1 and r >= target.r0 and cell.get("userEnteredValue"):
            occupied[r] = max(occupied.get(r, -1), c)
    end = target.r0
    while end in occupied and end < target.r1:
        end += 1
    out: dict[str, Any] = {"spreadsheetId": sid}
    if end > target.r0:
        last_col = max(occupied[r] for r in range(target.r0, end))
        out["tableRange"] = a1.echo(sheet.title, target.r0, target.c0, end, last_col + 1)
    height, width = len(rows), max((len(r) for r in rows), default=0)
    if _q(query, "insertDataOption", "OVERWRITE") == "INSERT_ROWS" and height:
        dims.insert(book, sheet, "ROWS", end, height)
    if end + height > sheet.rows:
        sheet.grid["rowCount"] = end + height
    if target.c0 + width > sheet.cols:
        sheet.grid["columnCount"] = target.c0 + width
    where = Target(sheet, end, target.c0, end + max(height, 1), target.c0 + max(width, 1), True)
    updates = write(book, where, rows, option, "data")
    out["updates"] = _with_data(book, updates, query)
    return out


def clear_target(book: Spreadsheet, target: Target) -> str:
    """Clear values only (formats, notes and validation stay), like values.clear."""
    for key in [k for k in target.sheet.cells if _inside(target, k)]:
        set_value(target.sheet, key, None, None)
    book.modified = now_iso()
    return target.echo()


def _inside(target: Target, key: tuple[int, int]) -> bool:
    return target.r0 <= key[0] < target.r1 and target.c0 <= key[1] < target.c1


def clear(state: State, sid: str, range_text: str) -> dict[str, Any]:
    book = state.get(sid)
    return {"spreadsheetId": sid, "clearedRange": clear_target(book, resolve(book, range_text))}


def batch_clear(state: State, sid: str, body: dict[str, Any]) -> dict[str, Any]:
    book = state.get(sid)
    targets = [resolve(book, r) for r in body.get("ranges") or []]
    return {"spreadsheetId": sid, "clearedRanges": [clear_target(book, t) for t in targets]}
