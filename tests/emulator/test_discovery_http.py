"""The emulator answers a body that does not fit Google's schema as Google does (400,
nothing applied), and serves unchecked when the discovery document is not installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import gspread
import pytest
import requests

from sync.emulator import discovery
from sync.emulator.server import Emulator
from tests.plugins.emulator import EmulatorHandle

UNKNOWN = {"requests": [{"addSheet": {"properties": {"title": "Tiến độ", "colour": "red"}}}]}
UNKNOWN_MESSAGE = (
    'Invalid JSON payload received. Unknown name "colour" at '
    "'requests[0].add_sheet.properties': Cannot find field."
)


@pytest.fixture
def sheet(sheets_emulator: EmulatorHandle, emulator_gspread: gspread.Client) -> gspread.Spreadsheet:
    sheets_emulator.seed("v", {"Tổng hợp": [["a", 1]]})
    return emulator_gspread.open_by_key("v")


def test_an_unknown_field_is_refused_and_nothing_is_applied(sheet: gspread.Spreadsheet) -> None:
    with pytest.raises(gspread.exceptions.APIError) as err:
        sheet.batch_update(UNKNOWN)
    assert err.value.code == 400
    assert (
        err.value.error
        == discovery.error_body(
            [discovery.Violation("requests[0].add_sheet.properties", UNKNOWN_MESSAGE)]
        )["error"]
    )
    assert [ws.title for ws in sheet.worksheets()] == ["Tổng hợp"]


def test_a_bad_enum_and_a_wrong_type_in_values_calls(
    sheet: gspread.Spreadsheet, sheets_emulator: EmulatorHandle
) -> None:
    with pytest.raises(gspread.exceptions.APIError) as bad_enum:
        sheet.values_update(
            "A1",
            params={"valueInputOption": "RAW"},
            body={"values": [["b"]], "majorDimension": "ROW"},
        )
    assert bad_enum.value.error["message"] == (
        "Invalid value at 'data.major_dimension' "
        '(type.googleapis.com/google.apps.sheets.v4.Dimension), "ROW"'
    )
    with pytest.raises(gspread.exceptions.APIError) as wrong_type:
        sheet.values_batch_update(
            {"valueInputOption": "RAW", "data": [{"range": 5, "values": [["c"]]}]}
        )
    assert wrong_type.value.error["message"] == "Invalid value at 'data[0].range' (TYPE_STRING), 5"
    assert sheets_emulator.values("v") == {"Tổng hợp": [["a", 1]]}


def test_a_good_body_is_served(sheet: gspread.Spreadsheet, sheets_emulator: EmulatorHandle) -> None:
    sheet.values_update("A2", params={"valueInputOption": "RAW"}, body={"values": [["b", "2"]]})
    sheet.batch_update({"requests": [{"addSheet": {"properties": {"title": "Tiến độ"}}}]})
    assert sheets_emulator.values("v")["Tổng hợp"] == [["a", 1], ["b", "2"]]
    assert [ws.title for ws in sheet.worksheets()] == ["Tổng hợp", "Tiến độ"]


@pytest.fixture
def unchecked() -> Iterator[str]:
    with Emulator(seed=3, check_bodies=False) as emulator:
        yield emulator.url


def test_without_the_document_the_emulator_serves_unchecked(unchecked: str) -> None:
    with requests.Session() as http:
        http.put(
            f"{unchecked}/_emulator/spreadsheets/u", json={"Sheet1": [["x"]]}
        ).raise_for_status()
        reply = http.post(f"{unchecked}/v4/spreadsheets/u:batchUpdate", json=UNKNOWN)
        titles = http.get(
            f"{unchecked}/v4/spreadsheets/u", params={"fields": "sheets.properties.title"}
        )
    assert reply.status_code == 200
    assert titles.json() == {
        "sheets": [{"properties": {"title": "Sheet1"}}, {"properties": {"title": "Tiến độ"}}]
    }


def test_no_package_means_no_document(tmp_path: Path) -> None:
    assert discovery.document_path(lambda name: None) is None
    assert discovery.read(None) is None
    installed = discovery.document_path()
    assert installed is not None and installed.name == "sheets.v4.json"


def test_an_answer_that_does_not_fit_googles_schema_is_an_emulator_error() -> None:
    with Emulator(seed=4) as emulator, requests.Session() as http:
        http.put(f"{emulator.url}/_emulator/spreadsheets/w", json={"S": [["x"]]}).raise_for_status()
        assert http.get(f"{emulator.url}/v4/spreadsheets/w").status_code == 200
        emulator.state.spreadsheets["w"].sheets[0].charts.append({"chartId": 9, "shape": "round"})
        answer = http.get(f"{emulator.url}/v4/spreadsheets/w")
    assert answer.status_code == 500
    assert "Unknown name \"shape\" at 'sheets[0].charts[0]'" in answer.json()["error"]["message"]
