"""Formula, CSV and DDE injection: text that looks like a formula is written as text on both backends."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from sync.cli.app import app
from tests.builders import ambassador_row, small_campaign, write_config, write_workbook
from tests.e2e.test_security import NASTY, SUMMARY, D, runner
from tests.fakes import FakeClock
from tests.reliability_helpers import at, google_service, to_seed


def nasty_campaign() -> dict[str, list[list[object]]]:
    grids = small_campaign()
    members = grids["Tổ"]
    # leaders and deputies of T01 / T02 (rows 1, 2 and 6, 7) get formula-looking names
    members[1][1], members[2][1], members[6][1], members[7][1] = NASTY[:4]
    for i, value in enumerate(NASTY):
        row = ambassador_row(f"Người Thử {i}", f"09150000{i:02d}", "Phường Ninh Kiều", "T01", D)
        row[2] = value  # Giới tính: an error whose Giá trị is copied into Lỗi dữ liệu
        grids["Đại sứ số"].append(row)
    return grids


def expected_text(value: str) -> str:
    return " ".join(value.split())  # entry text is trimmed and whitespace-collapsed


def test_formula_looking_text_is_written_as_text_in_xlsx(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "book.xlsx", nasty_campaign())
    result = runner.invoke(
        app, ["sync", "--config", str(write_config(tmp_path)), "--today", "2025-11-10"]
    )
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(path)
    teams = {row[0].value: row for row in wb["Theo tổ"].iter_rows(min_row=2)}
    written = [teams["T01"][1], teams["T01"][2], teams["T02"][1], teams["T02"][2]]
    for cell, value in zip(written, NASTY[:4], strict=True):
        assert (cell.value, cell.data_type) == (value, "s")
    issues = [
        row[3] for row in wb["Lỗi dữ liệu"].iter_rows(min_row=2) if row[2].value == "Giới tính"
    ]
    assert [(c.value, c.data_type) for c in issues] == [(expected_text(v), "s") for v in NASTY]
    wb.close()
    with_values = load_workbook(path, data_only=True)  # no formula anywhere in summary tabs
    plain = load_workbook(path)
    for title in SUMMARY:
        for row in plain[title].iter_rows():
            assert all(c.data_type != "f" for c in row)
    with_values.close()
    plain.close()


def test_formula_looking_text_is_written_as_text_on_google(
    sheets_emulator: Any, tmp_path: Path
) -> None:
    key = "injectionKEY0123"
    sheets_emulator.seed(key, to_seed(nasty_campaign()))
    service = google_service(sheets_emulator.host, key, tmp_path, FakeClock(at(date(2025, 11, 10))))
    service.sync(date(2025, 11, 10))
    book = sheets_emulator.emulator.state.spreadsheets[key]
    sheets = {s.title: s for s in book.sheets}

    def entered(title: str) -> list[list[dict[str, Any]]]:
        sheet = sheets[title]
        rows = 1 + max((r for r, _ in sheet.cells), default=0)
        cols = 1 + max((c for _, c in sheet.cells), default=0)
        return [
            [sheet.cells.get((r, c), {}).get("userEnteredValue", {}) for c in range(cols)]
            for r in range(rows)
        ]

    teams = {row[0].get("stringValue"): row for row in entered("Theo tổ")[1:]}
    written = [teams["T01"][1], teams["T01"][2], teams["T02"][1], teams["T02"][2]]
    assert written == [{"stringValue": v} for v in NASTY[:4]]
    issues = [
        row[3] for row in entered("Lỗi dữ liệu")[1:] if row[2] == {"stringValue": "Giới tính"}
    ]
    assert issues == [{"stringValue": expected_text(v)} for v in NASTY]
    for title in SUMMARY:
        for row in entered(title):
            assert all("formulaValue" not in cell for cell in row), title
