"""spreadsheets.get / spreadsheets.create: rendering the Spreadsheet resource."""

from __future__ import annotations

import copy
import re
from typing import Any

from sync.emulator import cells, fieldmask, metadata
from sync.emulator.google_defaults import DEFAULT_FORMAT, SPREADSHEET_THEME
from sync.emulator.state import (
    COL_PIXELS,
    ROW_PIXELS,
    Cell,
    Sheet,
    Spreadsheet,
    State,
    Target,
    clean_grid_range,
    clean_sheet_properties,
    new_sheet,
    resolve,
)


def spreadsheet_url(spreadsheet_id: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{spreadsheet_id}/edit"


def properties_json(book: Spreadsheet) -> dict[str, Any]:
    props = copy.deepcopy(book.properties)
    props.setdefault("defaultFormat", copy.deepcopy(DEFAULT_FORMAT))
    props.setdefault("spreadsheetTheme", copy.deepcopy(SPREADSHEET_THEME))
    return props


def cell_json(cell: Cell) -> dict[str, Any]:
    """Full CellData as Google returns it with grid data (minus effectiveFormat)."""
    out: dict[str, Any] = {}
    uev = cell.get("userEnteredValue")
    if uev:
        out["userEnteredValue"] = copy.deepcopy(uev)
        ev = cells.effective(cell)
        if ev is not None:
            out["effectiveValue"] = ev
        shown = cells.formatted(cell)
        if shown is not None:
            out["formattedValue"] = shown
    for key, value in cell.items():
        if key != "userEnteredValue" and value not in (None, "", {}):
            out[key] = copy.deepcopy(value)
    link = hyperlink(cell)
    if link:
        out["hyperlink"] = link
    return out


_HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"((?:[^"]|"")*)"', re.IGNORECASE)


def hyperlink(cell: Cell) -> str | None:
    """The read-only CellData.hyperlink: a =HYPERLINK("…") target, the cell's text link,
    or the link of a text run that covers the whole text."""
    formula = (cell.get("userEnteredValue") or {}).get("formulaValue")
    found = _HYPERLINK.match(formula) if isinstance(formula, str) else None
    if found:
        return found.group(1).replace('""', '"')
    link = ((cell.get("userEnteredFormat") or {}).get("textFormat") or {}).get("link") or {}
    if link.get("uri"):
        return str(link["uri"])
    runs = cell.get("textFormatRuns") or []
    if len(runs) == 1 and not int(runs[0].get("startIndex") or 0):
        uri = ((runs[0].get("format") or {}).get("link") or {}).get("uri")
        return str(uri) if uri else None
    return None


def protected_json(pr: dict[str, Any], reply: bool) -> dict[str, Any]:
    """ProtectedRange as Google shows it. The caller always becomes an editor, but the
    addProtectedRange reply echoes the editors given (Google does the same)."""
    out = {k: copy.deepcopy(v) for k, v in pr.items() if v not in (None, "", False)}
    if "range" in out:
        out["range"] = clean_grid_range(out["range"])
    out["requestingUserCanEdit"] = True
    editors = copy.deepcopy(pr.get("editors") or {})
    editors = {k: v for k, v in editors.items() if v}
    if not reply:
        editors["users"] = sorted({*editors.get("users", []), pr["_owner"]})
    out["editors"] = editors
    out.pop("_owner", None)
    return out


def grid_data(
    book: Spreadsheet, sheet: Sheet, target: Target, values: bool = True
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if target.r0:
        out["startRow"] = target.r0
    if target.c0:
        out["startColumn"] = target.c0
    by_row: dict[int, dict[int, Cell]] = {}
    for (r, c), cell in sheet.cells.items() if values else ():
        if target.r0 <= r < target.r1 and target.c0 <= c < target.c1 and cell:
            by_row.setdefault(r, {})[c] = cell
    if by_row:
        rows: list[dict[str, Any]] = []
        for r in range(target.r0, max(by_row) + 1):
            row = by_row.get(r)
            if not row:
                rows.append({})
                continue
            cells = [cell_json(row.get(c, {})) for c in range(target.c0, max(row) + 1)]
            rows.append({"values": cells})
        out["rowData"] = rows
    out["rowMetadata"] = _dims_meta(book, sheet, "ROWS", range(target.r0, target.r1))
    out["columnMetadata"] = _dims_meta(book, sheet, "COLUMNS", range(target.c0, target.c1))
    return out


def _dims_meta(
    book: Spreadsheet, sheet: Sheet, dimension: str, indexes: range
) -> list[dict[str, Any]]:
    """Each row's (column's) metadata; the many plain ones at the speed of a literal."""
    rows = dimension == "ROWS"
    meta, px = (sheet.row_meta, ROW_PIXELS) if rows else (sheet.col_meta, COL_PIXELS)
    tagged = metadata.on_dimension(book, sheet.sheet_id, dimension)
    return [
        _dim_meta(meta.get(i), px, metadata.at_dimension(book, sheet.sheet_id, dimension, i))
        if tagged or i in meta
        else {"pixelSize": px}
        for i in indexes
    ]


def _dim_meta(
    meta: dict[str, Any] | None, default_px: int, developer: list[dict[str, Any]]
) -> dict[str, Any]:
    out: dict[str, Any] = {"pixelSize": default_px}
    for key, value in (meta or {}).items():
        if value not in (None, False):
            out[key] = value
    if developer:
        out["developerMetadata"] = developer
    return out


def sheet_json(
    book: Spreadsheet, sheet: Sheet, data: list[Target] | None, values: bool = True
) -> dict[str, Any]:
    out: dict[str, Any] = {"properties": clean_sheet_properties(sheet.properties)}
    if data is not None:
        out["data"] = [grid_data(book, sheet, t, values) for t in data]
    if sheet.merges:
        out["merges"] = [clean_grid_range(m) for m in sheet.merges]
    if sheet.conditional_formats:
        out["conditionalFormats"] = copy.deepcopy(sheet.conditional_formats)
    if sheet.protected_ranges:
        out["protectedRanges"] = [protected_json(p, reply=False) for p in sheet.protected_ranges]
    if sheet.basic_filter:
        out["basicFilter"] = copy.deepcopy(sheet.basic_filter)
    if sheet.charts:
        out["charts"] = copy.deepcopy(sheet.charts)
    if sheet.filter_views:
        out["filterViews"] = copy.deepcopy(sheet.filter_views)
    developer = metadata.at_sheet(book, sheet.sheet_id)
    if developer:
        out["developerMetadata"] = developer
    return out


def spreadsheet_json(
    book: Spreadsheet,
    include_grid: bool = False,
    ranges: list[str] | None = None,
    values: bool = True,
) -> dict[str, Any]:
    sheets: list[dict[str, Any]] = []
    if ranges:
        wanted: dict[int, list[Target]] = {}
        for text in ranges:
            target = resolve(book, text)
            wanted.setdefault(target.sheet.sheet_id, []).append(target)
        for sheet in book.sheets:
            if sheet.sheet_id in wanted:
                sheets.append(
                    sheet_json(
                        book, sheet, wanted[sheet.sheet_id] if include_grid else None, values
                    )
                )
    else:
        for sheet in book.sheets:
            full = [Target(sheet, 0, 0, sheet.rows, sheet.cols)]
            sheets.append(sheet_json(book, sheet, full if include_grid else None, values))
    out: dict[str, Any] = {
        "spreadsheetId": book.spreadsheet_id,
        "properties": properties_json(book),
        "sheets": sheets,
    }
    if book.named_ranges:
        out["namedRanges"] = [
            {**copy.deepcopy(n), "range": clean_grid_range(n["range"])} for n in book.named_ranges
        ]
    developer = metadata.at_spreadsheet(book)
    if developer:
        out["developerMetadata"] = developer
    out["spreadsheetUrl"] = spreadsheet_url(book.spreadsheet_id)
    return out


def get(state: State, spreadsheet_id: str, query: dict[str, list[str]]) -> dict[str, Any]:
    book = state.get(spreadsheet_id)
    fields = query.get("fields", [""])[0]
    mask = fieldmask.parse(fields) if fields else None
    include = query.get("includeGridData", ["false"])[0].lower() == "true"
    if mask is not None and fieldmask.mentions(mask, "sheets", "data"):
        include = True  # asking for sheets.data in `fields` returns grid data (as Google)
    # Only metadata asked for (e.g. rowMetadata): the cell values are not built at all.
    values = mask is None or fieldmask.mentions(mask, "sheets", "data", "rowData")
    body = spreadsheet_json(book, include, query.get("ranges"), values)
    return fieldmask.project(body, mask) if mask is not None else body


def create(state: State, body: dict[str, Any]) -> dict[str, Any]:
    """spreadsheets.create: honours properties.title/locale/timeZone and sheets[].properties."""
    props = body.get("properties") or {}
    book = state.create(
        props.get("title") or "Untitled spreadsheet",
        locale=props.get("locale", "en_US"),
        time_zone=props.get("timeZone", "Etc/GMT"),
        with_default_sheet=not body.get("sheets"),
    )
    for i, sheet_body in enumerate(body.get("sheets") or []):
        sp = sheet_body.get("properties") or {}
        grid = sp.get("gridProperties") or {}
        sheet = new_sheet(
            int(sp.get("sheetId", 0 if i == 0 else state.new_int_id())),
            sp.get("title") or f"Sheet{i + 1}",
            i,
            int(grid.get("rowCount", 0)),
            int(grid.get("columnCount", 0)),
        )
        book.sheets.append(sheet)
    return spreadsheet_json(book)
