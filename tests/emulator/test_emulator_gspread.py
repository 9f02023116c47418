"""Real gspread 6 calls against the emulator, through sync/emulator/client.py."""

from __future__ import annotations

import gspread
import pytest
from gspread.exceptions import APIError, SpreadsheetNotFound

from tests.plugins.emulator import EmulatorHandle

TABS = {
    "Đại sứ số": [["Họ tên", "Tổ", "Điểm"], ["An", "Tổ 01", 3], ["Bình", "Tổ 02", 5]],
    "Tổ 01": [["x"]],
}


@pytest.fixture
def book(sheets_emulator: EmulatorHandle, emulator_gspread: gspread.Client) -> gspread.Spreadsheet:
    sheets_emulator.seed("book1", TABS, title="Chiến dịch")
    return emulator_gspread.open_by_key("book1")


def test_open_by_key_and_read(book: gspread.Spreadsheet) -> None:
    assert book.title == "Chiến dịch"
    assert [w.title for w in book.worksheets()] == ["Đại sứ số", "Tổ 01"]
    ws = book.worksheet("Đại sứ số")
    assert ws.id == 0 and ws.row_count == 1000 and ws.col_count == 26
    assert ws.get_all_values() == [
        ["Họ tên", "Tổ", "Điểm"],
        ["An", "Tổ 01", "3"],
        ["Bình", "Tổ 02", "5"],
    ]
    assert ws.get_all_records() == [
        {"Họ tên": "An", "Tổ": "Tổ 01", "Điểm": 3},
        {"Họ tên": "Bình", "Tổ": "Tổ 02", "Điểm": 5},
    ]


def test_update_and_batch_get(book: gspread.Spreadsheet, sheets_emulator: EmulatorHandle) -> None:
    ws = book.worksheet("Đại sứ số")
    ws.update([["Chi", "Tổ 01", "7"]], "A4", value_input_option="USER_ENTERED")
    ws.update_acell("D1", "Ngày")
    ws.update([["2025-10-15"]], "D2", value_input_option="USER_ENTERED")
    got = ws.batch_get(["A4:C4", "D1:D2"])
    assert got[0] == [["Chi", "Tổ 01", "7"]]
    assert got[1] == [["Ngày"], ["2025-10-15"]]
    assert got[1].range == "'Đại sứ số'!D1:D2"
    assert sheets_emulator.values("book1")["Đại sứ số"][3] == ["Chi", "Tổ 01", 7]
    assert sheets_emulator.values("book1")["Đại sứ số"][1][3] == 45945  # date serial
    assert ws.get("D2", value_render_option="UNFORMATTED_VALUE") == [[45945]]


def test_add_worksheet_freeze_protect_validate(book: gspread.Spreadsheet) -> None:
    ws = book.add_worksheet("Tổng hợp", rows=20, cols=5)
    ws.freeze(rows=1, cols=2)
    ws.add_protected_range("A1:B2", description="header")
    ws.add_validation(
        "C2:C20",
        gspread.utils.ValidationConditionType.one_of_list,
        ["Có", "Không"],
        showCustomUi=True,
    )
    meta = book.fetch_sheet_metadata(
        {"fields": "sheets(properties(sheetId,title,gridProperties),protectedRanges)"}
    )
    sheet = next(s for s in meta["sheets"] if s["properties"]["title"] == "Tổng hợp")
    grid = sheet["properties"]["gridProperties"]
    assert grid == {"rowCount": 20, "columnCount": 5, "frozenRowCount": 1, "frozenColumnCount": 2}
    [protected] = sheet["protectedRanges"]
    assert protected["description"] == "header"
    assert protected["range"]["sheetId"] == ws.id
    grid_data = book.fetch_sheet_metadata(
        {"ranges": "'Tổng hợp'!C2", "fields": "sheets.data.rowData.values.dataValidation"}
    )
    rule = grid_data["sheets"][0]["data"][0]["rowData"][0]["values"][0]["dataValidation"]
    assert rule["condition"]["type"] == "ONE_OF_LIST"
    assert [v["userEnteredValue"] for v in rule["condition"]["values"]] == ["Có", "Không"]


def test_rows_append_insert_delete(book: gspread.Spreadsheet) -> None:
    ws = book.worksheet("Tổ 01")
    ws.append_row(["a", 1])
    ws.append_rows([["b", 2], ["c", 3]])
    ws.insert_row(["top"], index=1)
    ws.delete_rows(3)
    assert ws.get_all_values() == [["top", ""], ["x", ""], ["b", "2"], ["c", "3"]]
    props = book.fetch_sheet_metadata()["sheets"][1]["properties"]
    assert props["gridProperties"]["rowCount"] == 1000  # +1 inserted, -1 deleted


def test_create_open_by_title_and_delete(emulator_gspread: gspread.Client) -> None:
    created = emulator_gspread.create("Báo cáo tuần")
    assert created.sheet1.title == "Sheet1"
    opened = emulator_gspread.open("Báo cáo tuần")
    assert opened.id == created.id
    emulator_gspread.del_spreadsheet(created.id)
    with pytest.raises(SpreadsheetNotFound):
        emulator_gspread.open_by_key(created.id)


def test_private_spreadsheet_is_403(
    sheets_emulator: EmulatorHandle, emulator_gspread: gspread.Client
) -> None:
    sheets_emulator.seed("secret", {"A": [["1"]]})
    sheets_emulator.set_private("secret")
    with pytest.raises(PermissionError) as info:  # gspread maps 403 to PermissionError
        emulator_gspread.open_by_key("secret")
    cause = info.value.__cause__
    assert isinstance(cause, APIError) and cause.code == 403
    assert cause.error["status"] == "PERMISSION_DENIED"


def test_worksheet_title_format_and_resize(book: gspread.Spreadsheet) -> None:
    ws = book.worksheet("Tổ 01")
    ws.update_title("Tổ 1")
    ws.format("A1", {"textFormat": {"bold": True}})
    ws.resize(rows=5, cols=3)
    meta = book.fetch_sheet_metadata()
    props = meta["sheets"][1]["properties"]
    assert props["title"] == "Tổ 1"
    assert props["gridProperties"] == {"rowCount": 5, "columnCount": 3}
    fmt = book.fetch_sheet_metadata(
        {"ranges": "'Tổ 1'!A1", "fields": "sheets.data.rowData.values.userEnteredFormat"}
    )
    assert fmt["sheets"][0]["data"][0]["rowData"][0]["values"][0] == {
        "userEnteredFormat": {"textFormat": {"bold": True}}
    }
    with pytest.raises(APIError) as info:
        ws.update([["too far"]], "A6")
    assert info.value.code == 400
    assert "exceeds grid limits. Max rows: 5, max columns: 3" in info.value.error["message"]
