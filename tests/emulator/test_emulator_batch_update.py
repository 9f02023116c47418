"""spreadsheets.batchUpdate and spreadsheets.get: replies, all-or-nothing, field masks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.plugins.emulator import EmulatorHandle


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def _batch(http: requests.Session, base: str, sid: str, *reqs: dict[str, Any]) -> Any:
    return http.post(f"{base}/v4/spreadsheets/{sid}:batchUpdate", json={"requests": list(reqs)})


def _meta(http: requests.Session, base: str, sid: str, **params: Any) -> Any:
    return http.get(f"{base}/v4/spreadsheets/{sid}", params=params).json()


def test_add_sheet_replies_and_conflicts(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("s", {"Sheet1": [["a"]]})
    base = sheets_emulator.url
    props = {"sheetId": 42, "title": "Tổ 01", "gridProperties": {"rowCount": 5, "columnCount": 3}}
    reply = _batch(http, base, "s", {"addSheet": {"properties": props}}).json()
    assert reply == {
        "spreadsheetId": "s",
        "replies": [
            {
                "addSheet": {
                    "properties": {
                        "sheetId": 42,
                        "title": "Tổ 01",
                        "index": 1,
                        "sheetType": "GRID",
                        "gridProperties": {"rowCount": 5, "columnCount": 3},
                    }
                }
            }
        ],
    }
    same_id = _batch(http, base, "s", {"addSheet": {"properties": {"sheetId": 42, "title": "x"}}})
    assert same_id.status_code == 400
    same_title = _batch(http, base, "s", {"addSheet": {"properties": {"title": "tổ 01"}}})
    assert same_title.status_code == 400
    assert same_title.json()["error"]["message"].startswith("Invalid requests[0].addSheet: ")


def test_batch_is_all_or_nothing(sheets_emulator: EmulatorHandle, http: requests.Session) -> None:
    sheets_emulator.seed("s", {"Sheet1": [["keep"]]})
    base = sheets_emulator.url
    before = _meta(http, base, "s")
    response = _batch(
        http,
        base,
        "s",
        {"addSheet": {"properties": {"title": "new"}}},
        {
            "updateCells": {
                "start": {"sheetId": 0},
                "rows": [{"values": [{"userEnteredValue": {"stringValue": "changed"}}]}],
                "fields": "userEnteredValue",
            }
        },
        {"deleteSheet": {"sheetId": 999}},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Invalid requests[2].deleteSheet: No grid with id: 999"
    )
    assert _meta(http, base, "s") == before
    assert sheets_emulator.values("s") == {"Sheet1": [["keep"]]}


def test_a_failed_batch_leaves_nested_cell_formats_as_they_were(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    """Cells are copied on write: a nested update (and its mirrored colours) in a batch that
    fails later must not reach the stored cell."""
    sheets_emulator.seed("s", {"Sheet1": [["keep"]]})
    base = sheets_emulator.url
    one = {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1, "startColumnIndex": 0, "endColumnIndex": 1}  # fmt: skip
    bold = {"textFormat": {"bold": True, "italic": True}, "backgroundColor": {"red": 1}}
    fields = "userEnteredFormat(textFormat,backgroundColor)"
    cell = {"userEnteredFormat": bold}
    assert _batch(
        http, base, "s", {"repeatCell": {"range": one, "cell": cell, "fields": fields}}
    ).ok
    grid = {"includeGridData": "true", "fields": "sheets.data.rowData.values.userEnteredFormat"}
    before = _meta(http, base, "s", **grid)
    change = {"textFormat": {"bold": False, "foregroundColor": {"blue": 1}}, "backgroundColor": {"green": 1}}  # fmt: skip
    nested = "userEnteredFormat.textFormat.bold,userEnteredFormat.textFormat.foregroundColor,userEnteredFormat.backgroundColor"  # fmt: skip
    update = {"range": one, "cell": {"userEnteredFormat": change}, "fields": nested}
    response = _batch(
        http,
        base,
        "s",
        {"repeatCell": update},
        {"deleteSheet": {"sheetId": 999}},
    )
    assert response.status_code == 400
    assert _meta(http, base, "s", **grid) == before
    shown = before["sheets"][0]["data"][0]["rowData"][0]["values"][0]["userEnteredFormat"]
    assert shown["textFormat"]["bold"] is True and shown["backgroundColor"] == {"red": 1}


def test_cells_dimensions_and_metadata(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("s", {"T": [["r1"], ["r2"], ["r3"]]})
    base = sheets_emulator.url
    rng = {
        "sheetId": 0,
        "startRowIndex": 0,
        "endRowIndex": 1,
        "startColumnIndex": 0,
        "endColumnIndex": 2,
    }
    replies = _batch(
        http,
        base,
        "s",
        {"deleteDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}}},
        {"appendCells": {"sheetId": 0, "rows": [{"values": [{"userEnteredValue": {"numberValue": 9}}]}], "fields": "userEnteredValue"}},
        {"repeatCell": {"range": rng, "cell": {"userEnteredFormat": {"backgroundColor": {"red": 1}}}, "fields": "userEnteredFormat.backgroundColor"}},
        {"setDataValidation": {"range": rng, "rule": {"condition": {"type": "BOOLEAN"}}}},
        {"addProtectedRange": {"protectedRange": {"range": rng, "warningOnly": True}}},
        {"addNamedRange": {"namedRange": {"name": "Header", "range": rng}}},
        {"addConditionalFormatRule": {"rule": {"ranges": [rng], "booleanRule": {"condition": {"type": "NOT_BLANK"}, "format": {"textFormat": {"bold": True}}}}, "index": 0}},
        {"updateSpreadsheetProperties": {"properties": {"title": "Mới", "locale": "vi_VN"}, "fields": "title,locale"}},
        {"updateDimensionProperties": {"range": {"sheetId": 0, "dimension": "COLUMNS", "startIndex": 1, "endIndex": 2}, "properties": {"hiddenByUser": True}, "fields": "hiddenByUser"}},
    ).json()["replies"]  # fmt: skip
    assert replies[:4] == [{}, {}, {}, {}]
    protected = replies[4]["addProtectedRange"]["protectedRange"]
    assert protected["warningOnly"] is True and "sheetId" not in protected["range"]
    assert replies[5]["addNamedRange"]["namedRange"]["name"] == "Header"
    assert sheets_emulator.values("s") == {"T": [["r1"], ["r3"], [9]]}
    masked = _meta(
        http,
        base,
        "s",
        fields="properties(title,locale),sheets(properties(sheetId,title),protectedRanges,conditionalFormats)",
    )
    assert masked["properties"] == {"title": "Mới", "locale": "vi_VN"}
    assert masked["sheets"][0]["properties"] == {"sheetId": 0, "title": "T"}
    assert masked["sheets"][0]["conditionalFormats"][0]["booleanRule"]["format"] == {
        "textFormat": {"bold": True}
    }
    grid = _meta(http, base, "s", ranges="T!A1:B2", includeGridData="true")["sheets"][0]["data"][0]
    cell = grid["rowData"][0]["values"][0]
    assert cell["formattedValue"] == "r1"
    assert cell["userEnteredFormat"]["backgroundColorStyle"] == {"rgbColor": {"red": 1}}
    assert cell["dataValidation"] == {"condition": {"type": "BOOLEAN"}}
    assert grid["columnMetadata"] == [{"pixelSize": 100}, {"pixelSize": 100, "hiddenByUser": True}]
    by_name = http.get(f"{base}/v4/spreadsheets/s/values/Header").json()
    assert by_name == {"range": "T!A1:B1", "majorDimension": "ROWS", "values": [["r1"]]}


def test_insert_dimension_shifts_everything(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("s", {"T": [["a"], ["b"]]})
    base = sheets_emulator.url
    rng = {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 2}
    _batch(http, base, "s", {"addProtectedRange": {"protectedRange": {"range": rng}}})
    _batch(
        http,
        base,
        "s",
        {"insertDimension": {"range": {"sheetId": 0, "dimension": "ROWS", "startIndex": 0, "endIndex": 2}}},
    )  # fmt: skip
    assert sheets_emulator.values("s") == {"T": [[], [], ["a"], ["b"]]}
    meta = _meta(http, base, "s", fields="sheets(properties.gridProperties,protectedRanges.range)")
    sheet = meta["sheets"][0]
    assert sheet["properties"]["gridProperties"]["rowCount"] == 1002
    assert sheet["protectedRanges"][0]["range"] == {"startRowIndex": 3, "endRowIndex": 4}


def test_spreadsheets_create_and_include_in_response(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    base = sheets_emulator.url
    body = {
        "properties": {"title": "Tạo mới", "locale": "vi_VN"},
        "sheets": [{"properties": {"title": "Tổ"}}],
    }
    created = http.post(f"{base}/v4/spreadsheets", json=body).json()
    assert created["sheets"][0]["properties"]["title"] == "Tổ"
    sid = created["spreadsheetId"]
    response = http.post(
        f"{base}/v4/spreadsheets/{sid}:batchUpdate",
        json={"requests": [{"addSheet": {}}], "includeSpreadsheetInResponse": True},
    ).json()
    assert response["replies"][0]["addSheet"]["properties"]["title"] == "Sheet2"
    assert [s["properties"]["title"] for s in response["updatedSpreadsheet"]["sheets"]] == [
        "Tổ",
        "Sheet2",
    ]
