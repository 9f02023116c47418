"""values.* behaviour pinned to Google's: trimming, range echo, render options, input parsing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from sync.emulator import a1
from tests.plugins.emulator import EmulatorHandle


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def _get(http: requests.Session, base: str, sid: str, rng: str, **params: str) -> Any:
    url = f"{base}/v4/spreadsheets/{sid}/values/{quote(rng, safe='')}"
    return http.get(url, params=params).json()


def _put(
    http: requests.Session, base: str, sid: str, rng: str, rows: Any, option: str = "RAW"
) -> requests.Response:
    url = f"{base}/v4/spreadsheets/{sid}/values/{quote(rng, safe='')}"
    return http.put(url, params={"valueInputOption": option}, json={"values": rows})


def test_trimming_and_echo_with_vietnamese_titles(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    rows = [["A1", "", "C1", ""], ["", ""], [], ["", "B4"]]
    sheets_emulator.seed("vn", {"Đại sứ số": rows, "Tổ": [["x"]], "Tổ 01": [], "it's": []})
    base = sheets_emulator.url
    got = _get(http, base, "vn", "Đại sứ số")
    assert got == {
        "range": "'Đại sứ số'!A1:Z1000",
        "majorDimension": "ROWS",
        "values": [["A1", "", "C1"], [], [], ["", "B4"]],
    }
    assert _get(http, base, "vn", "Tổ")["range"] == "Tổ!A1:Z1000"
    assert _get(http, base, "vn", "'Tổ 01'!B2") == {"range": "'Tổ 01'!B2", "majorDimension": "ROWS"}
    assert _get(http, base, "vn", "'it''s'!A1:B2")["range"] == "'it''s'!A1:B2"
    assert _get(http, base, "vn", "'Đại sứ số'!A:A")["range"] == "'Đại sứ số'!A1:A1000"
    assert _get(http, base, "vn", "'Đại sứ số'!2:2") == {
        "range": "'Đại sứ số'!A2:Z2",
        "majorDimension": "ROWS",
    }
    columns = _get(http, base, "vn", "'Đại sứ số'!A1:C4", majorDimension="COLUMNS")
    assert columns["values"] == [["A1"], ["", "", "", "B4"], ["C1"]]


def test_title_quoting_rules() -> None:
    assert a1.quote_title("Sheet1") == "Sheet1"
    assert a1.quote_title("Tổ") == "Tổ"
    for title, quoted in [
        ("D3", "'D3'"),
        ("a b", "'a b'"),
        ("Tổ 01", "'Tổ 01'"),
        ("it's", "'it''s'"),
    ]:
        assert a1.quote_title(title) == quoted
        assert a1.split_sheet(f"{quoted}!A1") == (title, "A1")


@given(st.integers(min_value=0, max_value=20000))
def test_column_letters_round_trip(col: int) -> None:
    assert a1.letters_to_col(a1.col_to_letters(col)) == col


def test_render_options_and_user_entered(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("r", {"S": []}, locale="vi_VN")
    base = sheets_emulator.url
    row = ["=4/2", "2025-10-15", "15/10/2025", "TRUE", "1,234.50", "50%", "'0123", "+84901234567"]
    response = _put(http, base, "r", "S!A1", [row], "USER_ENTERED")
    assert response.json()["updatedRange"] == "S!A1:H1"
    assert _get(http, base, "r", "S!A1:H1")["values"] == [
        ["2", "2025-10-15", "15/10/2025", "TRUE", "1,234.50", "50%", "0123", "84901234567"]
    ]
    unformatted = _get(http, base, "r", "S!A1:H1", valueRenderOption="UNFORMATTED_VALUE")
    assert unformatted["values"] == [[2, 45945, 45945, True, 1234.5, 0.5, "0123", 84901234567]]
    formula = _get(http, base, "r", "S!A1:C1", valueRenderOption="FORMULA")
    assert formula["values"] == [["=4/2", 45945, 45945]]
    as_text = _get(
        http,
        base,
        "r",
        "S!B1",
        valueRenderOption="UNFORMATTED_VALUE",
        dateTimeRenderOption="FORMATTED_STRING",
    )
    assert as_text["values"] == [["2025-10-15"]]
    _put(http, base, "r", "S!A2", [["=4/2", "TRUE", "12"]], "RAW")
    raw = _get(http, base, "r", "S!A2:C2", valueRenderOption="UNFORMATTED_VALUE")
    assert raw["values"] == [["=4/2", "TRUE", "12"]]


def test_errors_are_googles(sheets_emulator: EmulatorHandle, http: requests.Session) -> None:
    sheets_emulator.seed("e", {"Sheet1": []})
    base = sheets_emulator.url
    past = _put(http, base, "e", "Sheet1!A1001", [["x"]])
    assert past.status_code == 400
    assert past.json() == {
        "error": {
            "code": 400,
            "message": "Range ('Sheet1'!A1001) exceeds grid limits. Max rows: 1000, max columns: 26",
            "status": "INVALID_ARGUMENT",
        }
    }
    bad = _get(http, base, "e", "Nope!A1")
    assert bad["error"]["message"] == "Unable to parse range: Nope!A1"
    missing = http.get(f"{base}/v4/spreadsheets/unknown/values/A1")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": 404,
        "message": "Requested entity was not found.",
        "status": "NOT_FOUND",
    }


def test_append_grows_the_grid_and_reports_table(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("a", {"T": [["h1", "h2"], ["1", "2"]]})
    base = sheets_emulator.url
    url = f"{base}/v4/spreadsheets/a/values/T:append"
    rows = [[str(i), "x"] for i in range(1000)]
    got = http.post(url, params={"valueInputOption": "RAW"}, json={"values": rows}).json()
    assert got["tableRange"] == "T!A1:B2"
    assert got["updates"]["updatedRange"] == "T!A3:B1002"
    meta = http.get(f"{base}/v4/spreadsheets/a", params={"fields": "sheets.properties"}).json()
    assert meta["sheets"][0]["properties"]["gridProperties"]["rowCount"] == 1002


def test_batch_update_clear_and_batch_clear(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("b", {"T": []})
    base = sheets_emulator.url
    body = {
        "valueInputOption": "USER_ENTERED",
        "data": [
            {"range": "T!A1", "values": [["1", "2"]]},
            {"range": "T!A3:B3", "values": [["3"]]},
        ],
    }
    got = http.post(f"{base}/v4/spreadsheets/b/values:batchUpdate", json=body).json()
    assert (got["totalUpdatedRows"], got["totalUpdatedColumns"], got["totalUpdatedCells"]) == (
        2,
        2,
        3,
    )
    assert sheets_emulator.values("b") == {"T": [[1, 2], [], [3]]}
    cleared = http.post(f"{base}/v4/spreadsheets/b/values/T!A1:A1:clear").json()
    assert cleared == {"spreadsheetId": "b", "clearedRange": "T!A1"}
    http.post(f"{base}/v4/spreadsheets/b/values:batchClear", json={"ranges": ["T!B1", "T!A3"]})
    assert sheets_emulator.values("b") == {"T": []}
