"""spreadsheets.batchUpdate requests that touch cells and dimensions."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from sync.emulator import cells, dims, fieldmask
from sync.emulator.state import Sheet, Spreadsheet, State, target_from_grid_range

Reply = dict[str, Any] | None

# Fields Google computes; never stored from a request.
_READ_ONLY = ("effectiveValue", "formattedValue", "effectiveFormat")


class Invalid(Exception):
    """A sub-request is invalid; becomes 'Invalid requests[i].<kind>: <message>'."""


def _sheet(book: Spreadsheet, sheet_id: Any) -> Sheet:
    sheet = book.sheet_by_id(sheet_id)
    if sheet is None:
        raise Invalid(f"No grid with id: {int(sheet_id or 0)}")
    return sheet


def sync_styles(
    fmt: dict[str, Any],
    pairs: tuple[tuple[str, str], ...] = (("backgroundColor", "backgroundColorStyle"),),
) -> None:
    """Google mirrors colours into *ColorStyle fields (and back); do the same."""
    for color, style in pairs:
        _mirror(fmt, color, style)
    text = fmt.get("textFormat")
    if isinstance(text, dict):
        _mirror(text, "foregroundColor", "foregroundColorStyle")
    for side in (fmt.get("borders") or {}).values():
        if isinstance(side, dict):
            _mirror(side, "color", "colorStyle")


def _mirror(obj: dict[str, Any], color: str, style: str) -> None:
    if color in obj and style not in obj:
        obj[style] = {"rgbColor": copy.deepcopy(obj[color])}
    elif style in obj and color not in obj and "rgbColor" in obj[style]:
        obj[color] = copy.deepcopy(obj[style]["rgbColor"])


def apply_cell(sheet: Sheet, key: tuple[int, int], source: dict[str, Any], mask: Any) -> None:
    source = {k: v for k, v in (source or {}).items() if k not in _READ_ONLY}
    cell = fieldmask.updated(sheet.cells.get(key, {}), source, mask)  # the old cell unchanged
    for k in _READ_ONLY:
        cell.pop(k, None)
    if "userEnteredFormat" in cell:  # its own copy: the colours are mirrored in place
        cell["userEnteredFormat"] = fmt = fieldmask.clone(cell["userEnteredFormat"])
        sync_styles(fmt)
    for k in [k for k, v in cell.items() if v in (None, "", {})]:
        del cell[k]
    if cell:
        sheet.cells[key] = cell
    else:
        sheet.cells.pop(key, None)


def _mask(req: dict[str, Any]) -> Any:
    fields = req.get("fields")
    if not fields:
        raise Invalid("At least one field must be specified.")
    return fieldmask.parse(fields)


def update_cells(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    mask = _mask(req)
    rows = req.get("rows") or []
    if "range" in req:
        t = target_from_grid_range(book, req["range"])
        sheet, r0, c0, r1, c1 = t.sheet, t.r0, t.c0, t.r1, t.c1
    else:
        start = req.get("start") or {}
        sheet = _sheet(book, start.get("sheetId"))
        r0, c0 = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        r1 = r0 + len(rows)
        c1 = c0 + max((len(r.get("values") or []) for r in rows), default=0)
        if r1 > sheet.rows or c1 > sheet.cols:
            raise Invalid(
                f"Range exceeds grid limits. Max rows: {sheet.rows}, max columns: {sheet.cols}"
            )
    for r in range(r0, r1):
        row = rows[r - r0] if r - r0 < len(rows) else {}
        values = row.get("values") or []
        for c in range(c0, c1):
            # With a range, cells the rows do not cover are cleared (for the masked fields).
            apply_cell(sheet, (r, c), values[c - c0] if c - c0 < len(values) else {}, mask)
    return None


def repeat_cell(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    mask = _mask(req)
    t = target_from_grid_range(book, req.get("range") or {})
    for r in range(t.r0, t.r1):
        for c in range(t.c0, t.c1):
            apply_cell(t.sheet, (r, c), req.get("cell") or {}, mask)
    return None


def append_cells(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet = _sheet(book, req.get("sheetId"))
    mask = _mask(req)
    rows = req.get("rows") or []
    start = max((r for (r, _c) in sheet.cells), default=-1) + 1
    width = max((len(r.get("values") or []) for r in rows), default=0)
    if start + len(rows) > sheet.rows:
        sheet.grid["rowCount"] = start + len(rows)
    if width > sheet.cols:
        sheet.grid["columnCount"] = width
    for i, row in enumerate(rows):
        for j, value in enumerate(row.get("values") or []):
            apply_cell(sheet, (start + i, j), value, mask)
    return None


def set_data_validation(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    t = target_from_grid_range(book, req.get("range") or {})
    rule = req.get("rule")
    for r in range(t.r0, t.r1):
        for c in range(t.c0, t.c1):
            apply_cell(t.sheet, (r, c), {"dataValidation": rule}, {"dataValidation": None})
    return None


def _dim_range(book: Spreadsheet, rng: dict[str, Any]) -> tuple[Sheet, str, int, int]:
    sheet = _sheet(book, rng.get("sheetId"))
    dimension = rng.get("dimension")
    if dimension not in ("ROWS", "COLUMNS"):
        raise Invalid("dimension must be ROWS or COLUMNS")
    size = sheet.rows if dimension == "ROWS" else sheet.cols
    start = int(rng.get("startIndex", 0))
    end = int(rng.get("endIndex", size))
    if not 0 <= start < end:
        raise Invalid("Invalid dimension range: startIndex must be less than endIndex.")
    return sheet, dimension, start, end


def insert_dimension(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dimension, start, end = _dim_range(book, req.get("range") or {})
    size = sheet.rows if dimension == "ROWS" else sheet.cols
    if start > size:
        raise Invalid(f"Cannot insert beyond the end of the grid ({size}).")
    dims.insert(book, sheet, dimension, start, end - start)
    return None


def delete_dimension(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dimension, start, end = _dim_range(book, req.get("range") or {})
    size = sheet.rows if dimension == "ROWS" else sheet.cols
    if end > size:
        raise Invalid(f"Cannot delete beyond the end of the grid ({size}).")
    if start == 0 and end >= size:
        what = "rows" if dimension == "ROWS" else "columns"
        raise Invalid(f"You can't delete all the {what} on the sheet.")
    dims.delete(book, sheet, dimension, start, end)
    return None


def truncate(book: Spreadsheet, sheet: Sheet, dimension: str, new_size: int, old: int) -> None:
    """Shrinking the grid via gridProperties drops what lies beyond it."""
    axis = 0 if dimension == "ROWS" else 1
    sheet.cells = {k: v for k, v in sheet.cells.items() if k[axis] < new_size}
    meta = sheet.row_meta if axis == 0 else sheet.col_meta
    for i in [i for i in meta if i >= new_size]:
        del meta[i]


def append_dimension(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet = _sheet(book, req.get("sheetId"))
    key = "rowCount" if req.get("dimension") == "ROWS" else "columnCount"
    sheet.grid[key] = int(sheet.grid.get(key, 0)) + int(req.get("length") or 0)
    return None


def update_dimension_properties(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dimension, start, end = _dim_range(book, req.get("range") or {})
    mask = _mask(req)
    meta = sheet.row_meta if dimension == "ROWS" else sheet.col_meta
    for i in range(start, end):
        entry = meta.get(i, {})
        fieldmask.apply_update(entry, req.get("properties") or {}, mask)
        if entry:
            meta[i] = entry
        else:
            meta.pop(i, None)
    return None


def _text_width(text: str) -> int:
    """Rough Arial-10 width; tuned so 1024 'A's give Google's recorded 8691 px."""
    return int(sum(8.48 if ch.isupper() else 6.7 for ch in text) + 8)


def auto_resize_dimensions(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, dimension, start, end = _dim_range(book, req.get("dimensions") or {})
    for i in range(start, end):
        texts = [
            cells.formatted(cell) or ""
            for (r, c), cell in sheet.cells.items()
            if (c if dimension == "COLUMNS" else r) == i
        ]
        if dimension == "COLUMNS":
            size = max((_text_width(t) for t in texts if t), default=100)
        else:
            size = 21 * max((t.count("\n") + 1 for t in texts if t), default=1)
        meta = sheet.col_meta if dimension == "COLUMNS" else sheet.row_meta
        meta.setdefault(i, {})["pixelSize"] = size
    return None


HANDLERS: dict[str, Callable[[State, Spreadsheet, dict[str, Any]], Reply]] = {
    "updateCells": update_cells,
    "repeatCell": repeat_cell,
    "appendCells": append_cells,
    "setDataValidation": set_data_validation,
    "insertDimension": insert_dimension,
    "deleteDimension": delete_dimension,
    "appendDimension": append_dimension,
    "updateDimensionProperties": update_dimension_properties,
    "autoResizeDimensions": auto_resize_dimensions,
}
