"""A row hidden on Google Sheets is read, and its messages say it is hidden (validate --format json)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sync.adapters.google.backend import GoogleBackend
from sync.bootstrap import build_backend
from sync.config import load_settings
from tests.builders import ambassador_row, small_campaign, write_workbook
from tests.google_helpers import KEY, TODAY, google_config, invoke
from tests.plugins.emulator import EmulatorHandle


@pytest.mark.parametrize(
    ("lang", "suffix"), [("vi", " (Dòng này đang bị ẩn.)"), ("en", " (This row is hidden.)")]
)
def test_a_hidden_row_on_google_says_so(
    sheets_emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    lang: str, suffix: str,
) -> None:  # fmt: skip
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", sheets_emulator.host)
    grids = small_campaign()
    last = ambassador_row(
        "Lý Văn Ẩn", "0112345678", "Phường Cái Khế", "T01", grids["Đại sứ số"][1][8]
    )
    grids["Đại sứ số"].append(last)
    row = len(grids["Đại sứ số"])  # the spreadsheet row of the last ambassador
    write_workbook(tmp_path / "seed.xlsx", grids)
    sheets_emulator.seed_xlsx(tmp_path / "seed.xlsx", KEY)
    config = google_config(tmp_path)
    config.write_text(
        config.read_text(encoding="utf-8").replace('lang = "vi"', f'lang = "{lang}"'),
        encoding="utf-8",
    )
    backend, _ = build_backend(load_settings(config), os.environ)
    assert isinstance(backend, GoogleBackend)
    backend.memory = None  # a person's own client: no layout left in the worker's state
    with backend.open() as book:
        sheet_id = book.sheets()["Đại sứ số"].sheet_id
        hide = {"updateDimensionProperties": {
            "range": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": row - 1, "endIndex": row},
            "properties": {"hiddenByUser": True}, "fields": "hiddenByUser",
        }}  # fmt: skip
        book.batch_update(json.dumps({"requests": [hide]}).encode())
    code, out, err = invoke(
        "validate", "--config", str(config), "--today", TODAY, "--format", "json"
    )
    assert code == 0, err
    found = [i for i in json.loads(out)["issues"] if i["tab"] == "Đại sứ số" and i["row"] == row]
    assert [i["code"] for i in found] == ["phone_bad_prefix"]
    assert found[0]["message"].endswith(suffix)
    others = [i for i in json.loads(out)["issues"] if i["row"] != row]
    assert others and not any(i["message"].endswith(suffix) for i in others)
