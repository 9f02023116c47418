"""spreadsheets.batchUpdate: dispatch plus sheet-, range- and spreadsheet-level requests.

The server runs the whole batch on a deep copy of the spreadsheet and swaps it in only on
success, so one bad sub-request leaves the spreadsheet untouched (Google's all-or-nothing).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sync.emulator import batch_cells, embedded, fieldmask, metadata, sheets_api
from sync.emulator.batch_cells import Invalid
from sync.emulator.errors import ApiError, bad_request
from sync.emulator.state import (
    OWNER_EMAIL,
    Spreadsheet,
    State,
    clean_grid_range,
    clean_sheet_properties,
    new_sheet,
    now_iso,
    target_from_grid_range,
)

Reply = dict[str, Any] | None
Handler = Callable[[State, Spreadsheet, dict[str, Any]], Reply]


def _sheet(book: Spreadsheet, sheet_id: Any) -> Any:
    sheet = book.sheet_by_id(sheet_id)
    if sheet is None:
        raise Invalid(f"No grid with id: {int(sheet_id or 0)}")
    return sheet


def add_sheet(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    props = copy.deepcopy(req.get("properties") or {})
    sheet_id = props.get("sheetId")
    if sheet_id is not None and book.sheet_by_id(sheet_id) is not None:
        raise Invalid(f"A sheet with the id {sheet_id} already exists.")
    if sheet_id is None:
        sheet_id = state.new_int_id()
    title = props.get("title")
    if not title:
        n = len(book.sheets) + 1
        while book.sheet_by_title(f"Sheet{n}") is not None:
            n += 1
        title = f"Sheet{n}"
    if book.sheet_by_title(title) is not None:
        raise Invalid(f'A sheet with the name "{title}" already exists. Please enter another name.')
    grid = props.get("gridProperties") or {}
    sheet = new_sheet(
        int(sheet_id),
        title,
        len(book.sheets),
        int(grid.get("rowCount", 0)),
        int(grid.get("columnCount", 0)),
    )
    for key, value in props.items():
        if key not in ("sheetId", "title", "index", "gridProperties") and value is not None:
            sheet.properties[key] = value
    for key, value in grid.items():
        if key not in ("rowCount", "columnCount"):
            sheet.grid[key] = value
    index = props.get("index")
    if index is not None and 0 <= int(index) < len(book.sheets):
        book.sheets.insert(int(index), sheet)
        for i, s in enumerate(book.sheets):
            s.properties["index"] = i
    else:
        book.sheets.append(sheet)
    return {"properties": clean_sheet_properties(sheet.properties)}


def delete_sheet(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet = _sheet(book, req.get("sheetId"))
    if len(book.sheets) == 1:
        raise Invalid("You can't remove all the sheets in a document.")
    book.sheets.remove(sheet)
    metadata.drop_sheet(book, sheet.sheet_id)
    book.named_ranges = [
        n for n in book.named_ranges if n["range"].get("sheetId", 0) != sheet.sheet_id
    ]
    book.reindex()
    return None


def update_sheet_properties(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    props = req.get("properties") or {}
    sheet = _sheet(book, props.get("sheetId"))
    if not req.get("fields"):
        raise Invalid("At least one field must be updated.")
    mask = fieldmask.parse(req["fields"])
    updated = copy.deepcopy(sheet.properties)
    fieldmask.apply_update(updated, props, mask)
    updated["sheetId"] = sheet.sheet_id
    updated.setdefault("sheetType", "GRID")
    title = updated.get("title") or ""
    other = book.sheet_by_title(title)
    if not title:
        raise Invalid("The sheet name cannot be empty.")
    if other is not None and other is not sheet:
        raise Invalid(f'A sheet with the name "{title}" already exists. Please enter another name.')
    if updated.get("hidden") and all(s is sheet or s.properties.get("hidden") for s in book.sheets):
        raise Invalid("You can't hide all the sheets in a document.")
    grid = updated.setdefault("gridProperties", {})
    for key in ("rowCount", "columnCount"):
        if int(grid.get(key) or 0) < 1:
            raise Invalid(f"Invalid {key}: the grid must have at least one row and column.")
    old_rows, old_cols = sheet.rows, sheet.cols
    new_index = updated.get("index", sheet.properties.get("index"))
    updated["index"] = sheet.properties.get("index")
    sheet.properties = updated
    if sheet.rows < old_rows:
        batch_cells.truncate(book, sheet, "ROWS", sheet.rows, old_rows)
    if sheet.cols < old_cols:
        batch_cells.truncate(book, sheet, "COLUMNS", sheet.cols, old_cols)
    if new_index != sheet.properties["index"]:
        book.sheets.remove(sheet)
        book.sheets.insert(max(0, min(int(new_index or 0), len(book.sheets))), sheet)
        for i, s in enumerate(book.sheets):
            s.properties["index"] = i
    return None


def update_spreadsheet_properties(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    if not req.get("fields"):
        raise Invalid("At least one field must be updated.")
    fieldmask.apply_update(
        book.properties, req.get("properties") or {}, fieldmask.parse(req["fields"])
    )
    return None


def _named_json(named: dict[str, Any]) -> dict[str, Any]:
    return {**copy.deepcopy(named), "range": clean_grid_range(named["range"])}


def add_named_range(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    named = copy.deepcopy(req.get("namedRange") or {})
    name = named.get("name") or ""
    if not name or any(n["name"].lower() == name.lower() for n in book.named_ranges):
        raise Invalid(f"Named range with name {name!r} is invalid or already exists.")
    target_from_grid_range(book, named.get("range") or {})
    named["namedRangeId"] = str(named.get("namedRangeId") or state.new_int_id())
    named["range"] = {k: v for k, v in named["range"].items() if v is not None}
    book.named_ranges.append(named)
    return {"namedRange": _named_json(named)}


def _find_named(book: Spreadsheet, named_id: Any) -> dict[str, Any]:
    found = next((n for n in book.named_ranges if n["namedRangeId"] == str(named_id)), None)
    if found is None:
        raise Invalid(f"No named range with id {named_id}")
    return found


def delete_named_range(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    book.named_ranges.remove(_find_named(book, req.get("namedRangeId")))
    return None


def update_named_range(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    new = req.get("namedRange") or {}
    found = _find_named(book, new.get("namedRangeId"))
    fieldmask.apply_update(found, new, fieldmask.parse(req.get("fields") or "*"))
    found["namedRangeId"] = str(new.get("namedRangeId"))
    return None


def _protected(book: Spreadsheet, pid: Any) -> tuple[Any, dict[str, Any]]:
    for sheet in book.sheets:
        for pr in sheet.protected_ranges:
            if pr["protectedRangeId"] == int(pid or 0):
                return sheet, pr
    raise Invalid(f"No protected range with id: {pid}")


def add_protected_range(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    pr = {k: v for k, v in copy.deepcopy(req.get("protectedRange") or {}).items() if v is not None}
    if "namedRangeId" in pr:
        pr["range"] = copy.deepcopy(_find_named(book, pr["namedRangeId"])["range"])
    target = target_from_grid_range(book, pr.get("range") or {})
    pr["protectedRangeId"] = int(pr.get("protectedRangeId") or state.new_int_id())
    pr["_owner"] = OWNER_EMAIL
    target.sheet.protected_ranges.append(pr)
    return {"protectedRange": sheets_api.protected_json(pr, reply=True)}


def delete_protected_range(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, pr = _protected(book, req.get("protectedRangeId"))
    sheet.protected_ranges.remove(pr)
    return None


def update_protected_range(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    new = req.get("protectedRange") or {}
    _, pr = _protected(book, new.get("protectedRangeId"))
    fieldmask.apply_update(pr, new, fieldmask.parse(req.get("fields") or "*"))
    pr["protectedRangeId"] = int(new["protectedRangeId"])
    pr["_owner"] = OWNER_EMAIL
    return None


def add_conditional_format_rule(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rule = embedded.clean_rule(req.get("rule") or {})
    sheet = embedded.rule_sheet(book, rule)
    index = int(req.get("index") or 0)
    sheet.conditional_formats.insert(min(index, len(sheet.conditional_formats)), rule)
    return None


def delete_conditional_format_rule(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet = _sheet(book, req.get("sheetId"))
    index = int(req.get("index") or 0)
    if not 0 <= index < len(sheet.conditional_formats):
        raise Invalid(f"No conditional format on sheet {sheet.sheet_id} at index {index}")
    return {"rule": sheet.conditional_formats.pop(index)}


def set_basic_filter(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    flt = copy.deepcopy(req.get("filter") or {})
    target = target_from_grid_range(book, flt.get("range") or {})
    flt["range"] = clean_grid_range(flt.get("range") or {})
    target.sheet.basic_filter = flt
    return None


def clear_basic_filter(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    _sheet(book, req.get("sheetId")).basic_filter = None
    return None


def merge_cells(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    rng = req.get("range") or {}
    target_from_grid_range(book, rng).sheet.merges.append(copy.deepcopy(rng))
    return None


def unmerge_cells(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    t = target_from_grid_range(book, req.get("range") or {})
    t.sheet.merges = [
        m
        for m in t.sheet.merges
        if not (t.r0 <= m.get("startRowIndex", 0) and m.get("endRowIndex", 0) <= t.r1)
    ]
    return None


HANDLERS: dict[str, Handler] = {
    "addSheet": add_sheet,
    "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties,
    "addNamedRange": add_named_range,
    "deleteNamedRange": delete_named_range,
    "updateNamedRange": update_named_range,
    "addProtectedRange": add_protected_range,
    "deleteProtectedRange": delete_protected_range,
    "updateProtectedRange": update_protected_range,
    "addConditionalFormatRule": add_conditional_format_rule,
    "deleteConditionalFormatRule": delete_conditional_format_rule,
    "setBasicFilter": set_basic_filter,
    "clearBasicFilter": clear_basic_filter,
    "mergeCells": merge_cells,
    "unmergeCells": unmerge_cells,
    **batch_cells.HANDLERS,
    **embedded.HANDLERS,
    **metadata.HANDLERS,
}


def batch_update(state: State, sid: str, body: dict[str, Any]) -> dict[str, Any]:
    book = state.get(sid)
    replies: list[dict[str, Any]] = []
    for i, request in enumerate(body.get("requests") or []):
        if not isinstance(request, dict) or len(request) != 1:
            raise ApiError(400, f"Invalid requests[{i}]: exactly one request kind is required.")
        kind, payload = next(iter(request.items()))
        handler = HANDLERS.get(kind)
        if handler is None:
            raise ApiError(
                400,
                f"Invalid JSON payload received. Unknown name \"{kind}\" at 'requests[{i}]': "
                "Cannot find field.",
            )
        try:
            reply = handler(state, book, payload or {})
        except Invalid as exc:
            raise bad_request(i, kind, str(exc)) from None
        except ApiError as exc:
            if exc.code != 400 or exc.message.startswith("Invalid requests"):
                raise
            raise bad_request(i, kind, exc.message) from None
        replies.append({kind: reply} if reply is not None else {})
    book.modified = now_iso()
    out: dict[str, Any] = {"spreadsheetId": sid, "replies": replies}
    if body.get("includeSpreadsheetInResponse"):
        out["updatedSpreadsheet"] = sheets_api.spreadsheet_json(
            book, bool(body.get("responseIncludeGridData")), body.get("responseRanges")
        )
    return out
