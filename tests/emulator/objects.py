"""Shared builders for the emulator's object round-trip tests (charts, rules, metadata)."""

from __future__ import annotations

import json
from typing import Any

import gspread

from tests.plugins.emulator import EmulatorHandle

SID = "objects"
TAB = 0  # the first seeded tab's sheetId
SOURCE = {"sheetId": TAB, "startRowIndex": 0, "endRowIndex": 4, "startColumnIndex": 0}
RED = {"red": 0.96, "green": 0.8, "blue": 0.8}


def open_book(
    sheets_emulator: EmulatorHandle, emulator_gspread: gspread.Client
) -> gspread.Spreadsheet:
    rows: list[list[Any]] = [
        ["Tổ", "Số", "Chỉ tiêu"],
        ["T01", 4, 40],
        ["T02", 22, 65],
        ["T03", 9, 10],
    ]
    sheets_emulator.seed(SID, {"Tổng hợp": rows, "Theo tổ": [["x"]]})
    return emulator_gspread.open_by_key(SID)


def sheet_meta(book: gspread.Spreadsheet, fields: str, index: int = 0) -> dict[str, Any]:
    meta = book.fetch_sheet_metadata(params={"fields": f"sheets({fields})"})
    found: dict[str, Any] = meta["sheets"][index]
    return found


def series(column: int) -> dict[str, Any]:
    rng = {**SOURCE, "startColumnIndex": column, "endColumnIndex": column + 1}
    return {"series": {"sourceRange": {"sources": [rng]}}, "targetAxis": "LEFT_AXIS"}


def chart_spec(title: str) -> dict[str, Any]:
    domain = {**SOURCE, "endColumnIndex": 1}
    return {
        "title": title,
        "basicChart": {
            "chartType": "COLUMN",
            "legendPosition": "BOTTOM_LEGEND",
            "domains": [{"domain": {"sourceRange": {"sources": [domain]}}}],
            "series": [series(1), series(2)],
            "headerCount": 1,
        },
    }


def as_google_returns(spec: dict[str, Any]) -> Any:
    """Responses leave out proto3 defaults: GridRange.sheetId 0."""
    return json.loads(json.dumps(spec).replace('"sheetId": 0, ', ""))


def anchor(row: int, column: int) -> dict[str, Any]:
    return {
        "overlayPosition": {"anchorCell": {"sheetId": TAB, "rowIndex": row, "columnIndex": column}}
    }


def rule(formula: str, color: dict[str, float]) -> dict[str, Any]:
    condition = {"type": "CUSTOM_FORMULA", "values": [{"userEnteredValue": formula}]}
    rng = {**SOURCE, "startRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": 3}
    return {
        "ranges": [rng],
        "booleanRule": {"condition": condition, "format": {"backgroundColor": color}},
    }


def lookup(**fields: Any) -> dict[str, Any]:
    return {"developerMetadataLookup": fields}
