"""Developer metadata, text runs, links, widths and formats go through real gspread into the
emulator and come back from spreadsheets.get (and developerMetadata.get/search)."""

from __future__ import annotations

from typing import Any

import gspread
import pytest
import requests

from tests.emulator.objects import RED, SID, SOURCE, TAB, lookup, open_book
from tests.plugins.emulator import EmulatorHandle


@pytest.fixture
def book(sheets_emulator: EmulatorHandle, emulator_gspread: gspread.Client) -> gspread.Spreadsheet:
    return open_book(sheets_emulator, emulator_gspread)


def _create(key: str, value: str, location: dict[str, Any]) -> dict[str, Any]:
    meta = {"metadataKey": key, "metadataValue": value, "location": location}
    return {"createDeveloperMetadata": {"developerMetadata": {**meta, "visibility": "DOCUMENT"}}}


ROWS_1_3 = {"dimensionRange": {"sheetId": TAB, "dimension": "ROWS", "startIndex": 1, "endIndex": 3}}
CREATE = [
    _create("daisuso.chart", "progress", {"sheetId": TAB}),
    _create("daisuso.version", "1", {"spreadsheet": True}),
    _create("daisuso.rows", "teams", ROWS_1_3),
]


def test_developer_metadata_is_created_where_its_location_says(book: gspread.Spreadsheet) -> None:
    created = book.batch_update({"requests": CREATE})
    made = [r["createDeveloperMetadata"]["developerMetadata"] for r in created["replies"]]
    assert [m["location"]["locationType"] for m in made] == ["SHEET", "SPREADSHEET", "ROW"]
    meta = book.fetch_sheet_metadata(
        params={"fields": "developerMetadata,sheets(developerMetadata)"}
    )
    assert [m["metadataKey"] for m in meta["developerMetadata"]] == ["daisuso.version"]
    assert [m["metadataValue"] for m in meta["sheets"][0]["developerMetadata"]] == ["progress"]
    assert "developerMetadata" not in meta["sheets"][1]

    grid = book.fetch_sheet_metadata(
        params={
            "fields": "sheets(data(rowMetadata(developerMetadata)))",
            "ranges": "'Tổng hợp'!A1:A4",
        }
    )
    per_row = [
        len(r.get("developerMetadata", [])) for r in grid["sheets"][0]["data"][0]["rowMetadata"]
    ]
    assert per_row == [0, 1, 1, 0]


def test_developer_metadata_is_updated_deleted_and_searched(
    book: gspread.Spreadsheet, sheets_emulator: EmulatorHandle
) -> None:
    created = book.batch_update({"requests": CREATE})
    made = [r["createDeveloperMetadata"]["developerMetadata"] for r in created["replies"]]
    book.batch_update(
        {
            "requests": [
                {
                    "updateDeveloperMetadata": {
                        "dataFilters": [lookup(metadataKey="daisuso.chart")],
                        "developerMetadata": {"metadataValue": "progress-v2"},
                        "fields": "metadataValue",
                    }
                },
                {
                    "deleteDeveloperMetadata": {
                        "dataFilter": lookup(metadataId=made[1]["metadataId"])
                    }
                },
            ]
        }
    )
    meta = book.fetch_sheet_metadata(
        params={"fields": "developerMetadata,sheets(developerMetadata)"}
    )
    assert "developerMetadata" not in meta
    assert meta["sheets"][0]["developerMetadata"][0]["metadataValue"] == "progress-v2"

    with requests.Session() as http:
        base = f"{sheets_emulator.url}/v4/spreadsheets/{SID}/developerMetadata"
        found = http.post(
            f"{base}:search", json={"dataFilters": [lookup(locationType="ROW")]}
        ).json()
        one = http.get(f"{base}/{made[0]['metadataId']}").json()
        missing = http.get(f"{base}/{made[1]['metadataId']}")
    assert [m["developerMetadata"]["metadataKey"] for m in found["matchedDeveloperMetadata"]] == [
        "daisuso.rows"
    ]
    assert one["metadataValue"] == "progress-v2"
    assert missing.status_code == 404


LINK = "#gid=0&range=B3"
RUNS = [
    {"startIndex": 0, "format": {"bold": True}},
    {"startIndex": 5, "format": {"link": {"uri": LINK}, "underline": True}},
]


def _layout_requests() -> list[dict[str, Any]]:
    cell_link = {"textFormat": {"link": {"uri": LINK}}}
    header = {"backgroundColor": RED, "textFormat": {"bold": True}, "wrapStrategy": "WRAP"}
    runs = RUNS
    return [
        {
            "updateCells": {
                "start": {"sheetId": TAB, "rowIndex": 1, "columnIndex": 3},
                "rows": [
                    {
                        "values": [
                            {
                                "userEnteredValue": {"stringValue": "Dòng 3"},
                                "textFormatRuns": runs,
                            },
                            {
                                "userEnteredValue": {"stringValue": "3"},
                                "userEnteredFormat": cell_link,
                            },
                        ]
                    }
                ],
                "fields": "userEnteredValue,userEnteredFormat,textFormatRuns",
            }
        },
        {
            "repeatCell": {
                "range": {**SOURCE, "endRowIndex": 1, "endColumnIndex": 3},
                "cell": {"userEnteredFormat": header},
                "fields": "userEnteredFormat(backgroundColor,textFormat.bold,wrapStrategy)",
            }
        },
        {
            "updateDimensionProperties": {
                "range": {
                    "sheetId": TAB,
                    "dimension": "COLUMNS",
                    "startIndex": 0,
                    "endIndex": 1,
                },
                "properties": {"pixelSize": 187},
                "fields": "pixelSize",
            }
        },
    ]


def test_links_text_runs_widths_and_formats(book: gspread.Spreadsheet) -> None:
    book.batch_update({"requests": _layout_requests()})
    fields = "data(rowData(values(userEnteredFormat,textFormatRuns,hyperlink)),columnMetadata)"
    meta = book.fetch_sheet_metadata(
        params={"fields": f"sheets({fields})", "ranges": "'Tổng hợp'!A1:E2"}
    )
    data = meta["sheets"][0]["data"][0]
    head, row = (r["values"] for r in data["rowData"])
    assert head[0]["userEnteredFormat"]["backgroundColorStyle"] == {"rgbColor": RED}
    assert head[0]["userEnteredFormat"]["wrapStrategy"] == "WRAP"
    assert row[3]["textFormatRuns"] == RUNS
    assert row[4]["hyperlink"] == LINK
    assert [c["pixelSize"] for c in data["columnMetadata"]] == [187, 100, 100, 100, 100]


def _row_ranges(sheets_emulator: EmulatorHandle) -> list[dict[str, Any]]:
    with requests.Session() as http:
        found = http.post(
            f"{sheets_emulator.url}/v4/spreadsheets/{SID}/developerMetadata:search",
            json={"dataFilters": [lookup(locationType="ROW")]},
        ).json()
    return [
        m["developerMetadata"]["location"]["dimensionRange"]
        for m in found.get("matchedDeveloperMetadata", [])
    ]


def test_row_metadata_follows_inserted_and_deleted_rows(
    book: gspread.Spreadsheet, sheets_emulator: EmulatorHandle
) -> None:
    book.batch_update({"requests": CREATE})
    rows = {"sheetId": TAB, "dimension": "ROWS"}
    book.batch_update(
        {"requests": [{"insertDimension": {"range": {**rows, "startIndex": 0, "endIndex": 2}}}]}
    )
    assert _row_ranges(sheets_emulator) == [{"dimension": "ROWS", "startIndex": 3, "endIndex": 5}]
    book.batch_update(
        {"requests": [{"deleteDimension": {"range": {**rows, "startIndex": 2, "endIndex": 6}}}]}
    )
    assert _row_ranges(sheets_emulator) == []
