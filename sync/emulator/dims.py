"""Inserting and deleting rows/columns: shift cells, metadata and every stored GridRange."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sync.emulator.state import Sheet, Spreadsheet

_KEYS = {
    "ROWS": ("startRowIndex", "endRowIndex", "rowCount"),
    "COLUMNS": ("startColumnIndex", "endColumnIndex", "columnCount"),
}


def _grid_ranges(book: Spreadsheet, sheet: Sheet) -> list[dict[str, Any]]:
    """Every GridRange on this sheet that must follow inserted/deleted rows or columns."""
    found: list[dict[str, Any]] = []
    found += [p["range"] for p in sheet.protected_ranges if "range" in p]
    found += [
        n["range"] for n in book.named_ranges if n["range"].get("sheetId", 0) == sheet.sheet_id
    ]
    for rule in sheet.conditional_formats:
        found += rule.get("ranges", [])
    found += sheet.merges
    if sheet.basic_filter and "range" in sheet.basic_filter:
        found.append(sheet.basic_filter["range"])
    found += _object_ranges(book, sheet)
    return found


def chart_sources(chart: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every GridRange a chart spec reads from (any `sourceRange.sources`)."""
    stack: list[Any] = [chart.get("spec")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            sources = (node.get("sourceRange") or {}).get("sources")
            if isinstance(sources, list):
                yield from (s for s in sources if isinstance(s, dict))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _object_ranges(book: Spreadsheet, sheet: Sheet) -> list[dict[str, Any]]:
    """Chart sources and filter-view ranges on `sheet`, which follow row and column changes."""
    found = [f["range"] for f in sheet.filter_views if "range" in f]
    for other in book.sheets:
        for chart in other.charts:
            found += [s for s in chart_sources(chart) if int(s.get("sheetId", 0)) == sheet.sheet_id]
    return found


def insert(book: Spreadsheet, sheet: Sheet, dimension: str, start: int, count: int) -> None:
    axis = 0 if dimension == "ROWS" else 1
    sheet.cells = {_moved(key, axis, start, count): cell for key, cell in sheet.cells.items()}
    meta = sheet.row_meta if axis == 0 else sheet.col_meta
    shifted = {(i + count if i >= start else i): m for i, m in meta.items()}
    meta.clear()
    meta.update(shifted)
    lo, hi, count_key = _KEYS[dimension]
    for rng in _grid_ranges(book, sheet):
        if lo in rng and rng[lo] >= start:
            rng[lo] += count
        if hi in rng and rng[hi] > start:
            rng[hi] += count
    for rng in _metadata_ranges(book, sheet, dimension):
        rng["startIndex"] += count if rng["startIndex"] >= start else 0
        rng["endIndex"] += count if rng["endIndex"] > start else 0
    sheet.grid[count_key] = int(sheet.grid.get(count_key, 0)) + count


def delete(book: Spreadsheet, sheet: Sheet, dimension: str, start: int, end: int) -> None:
    axis = 0 if dimension == "ROWS" else 1
    count = end - start
    kept: dict[tuple[int, int], Any] = {}
    for key, cell in sheet.cells.items():
        i = key[axis]
        if start <= i < end:
            continue
        kept[_moved(key, axis, end, -count) if i >= end else key] = cell
    sheet.cells = kept
    meta = sheet.row_meta if axis == 0 else sheet.col_meta
    shifted = {(i - count if i >= end else i): m for i, m in meta.items() if not start <= i < end}
    meta.clear()
    meta.update(shifted)
    lo, hi, count_key = _KEYS[dimension]
    for rng in _grid_ranges(book, sheet):
        for k in (lo, hi):
            if k in rng:
                v = rng[k]
                rng[k] = v - count if v >= end else min(v, start)
    for rng in _metadata_ranges(book, sheet, dimension):
        for k in ("startIndex", "endIndex"):
            rng[k] = rng[k] - count if rng[k] >= end else min(rng[k], start)
    book.developer_metadata = [  # metadata whose rows or columns are all gone goes too
        m
        for m in book.developer_metadata
        if "dimensionRange" not in m["location"]
        or m["location"]["dimensionRange"]["startIndex"]
        < m["location"]["dimensionRange"]["endIndex"]
    ]
    sheet.grid[count_key] = int(sheet.grid.get(count_key, 0)) - count


def _metadata_ranges(book: Spreadsheet, sheet: Sheet, dimension: str) -> list[dict[str, Any]]:
    """Developer metadata on this sheet's rows or columns (DimensionRange, both ends set)."""
    found = [m["location"].get("dimensionRange") for m in book.developer_metadata]
    return [
        r
        for r in found
        if r is not None
        and int(r.get("sheetId", 0)) == sheet.sheet_id
        and r.get("dimension") == dimension
    ]


def _moved(key: tuple[int, int], axis: int, start: int, count: int) -> tuple[int, int]:
    r, c = key
    if axis == 0:
        return (r + count, c) if r >= start else key
    return (r, c + count) if c >= start else key
