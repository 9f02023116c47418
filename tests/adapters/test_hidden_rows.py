"""Hidden rows and formulas with no value reach the rules from both backends."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from rules.contract import MEMBERS
from rules.tables import FormulaText, HiddenRow
from sync.adapters.google.backend import GoogleBackend
from sync.adapters.google.http import RetryPolicy
from sync.adapters.xlsx.backend import XlsxBackend
from tests.builders import MEMBERS_HEADER
from tests.google_helpers import write_key_file

KEY = "1HiDdEnRoWs0123456789abcdefghijklmnopqrstuv"
ROWS = [
    list(MEMBERS_HEADER),
    ["T01", "Nguyễn Văn An", "Tổ trưởng", "", "", ""],
    ["T01", "Trần Văn Ẩn", "Tổ phó", "", "", ""],
    ["T01", "Lê Văn Ba", "Thành viên", "", "", ""],
]


def test_xlsx_marks_hidden_rows_and_formulas_without_a_value(tmp_path: Path) -> None:
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = MEMBERS.title
    for row in ROWS:
        sheet.append(row)
    sheet["D4"] = '=CONCAT("Trường ", "Chính trị")'  # written by a program: no cached value
    sheet.row_dimensions[3].hidden = True
    wb.save(tmp_path / "book.xlsx")
    with XlsxBackend(tmp_path / "book.xlsx").open() as book:
        grid = book.read([MEMBERS.title])[MEMBERS.title]
    assert [type(row) is HiddenRow for row in grid] == [False, False, True, False]
    assert grid[2][:3] == ROWS[2][:3]
    assert type(grid[3][3]) is FormulaText
    assert grid[3][3] == '=CONCAT("Trường ", "Chính trị")'


def test_google_marks_rows_hidden_by_user_within_the_metadata_read(
    tmp_path: Path, sheets_emulator: Any
) -> None:
    sheets_emulator.seed(KEY, {MEMBERS.title: ROWS})
    backend = GoogleBackend(
        KEY, write_key_file(tmp_path / "credentials.json"), retry=RetryPolicy(max_attempts=1),
        emulator_host=sheets_emulator.host, sleep=lambda s: None, rng=random.Random(1),
    )  # fmt: skip
    with backend.open() as book:
        sheet_id = book.sheets()[MEMBERS.title].sheet_id
        hide = {"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": 2, "endIndex": 3},
            "properties": {"hiddenByUser": True}, "fields": "hiddenByUser",
        }}  # fmt: skip
        book.batch_update(json.dumps({"requests": [hide]}).encode())
    fresh = GoogleBackend(
        KEY, write_key_file(tmp_path / "credentials.json"), retry=RetryPolicy(max_attempts=1),
        emulator_host=sheets_emulator.host, sleep=lambda s: None, rng=random.Random(1),
    )  # fmt: skip
    with fresh.open() as book:
        grid = book.read([MEMBERS.title])[MEMBERS.title]
    assert [type(row) is HiddenRow for row in grid] == [False, False, True, False]
    assert grid[2][:3] == ROWS[2][:3]
