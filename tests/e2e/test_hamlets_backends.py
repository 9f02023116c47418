"""Hamlets on both backends: `Theo ấp` and the hamlet figures after a sync, and what `init` makes.

xlsx: the workbook file; Google: the same workbook seeded into the Sheets emulator and
synced through `backend = "google"`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
from openpyxl import load_workbook

from tests.builders import write_config, write_workbook
from tests.google_helpers import KEY, TODAY, Rows, google_config, invoke, norm_rows, xlsx_tabs
from tests.hamlet_campaign import ALERTS, DASHBOARD, THEO_AP, THEO_XA_HAMLETS, hamlet_campaign
from tests.plugins.emulator import EmulatorHandle

BACKENDS = ["xlsx", "google"]
HAMLET_TAB = "Ấp - Khu vực"
COMMUNES_LIST = "'Danh mục'!$B$2:$B$104"  # the 103 communes/wards of Cần Thơ


def synced_tabs(
    backend: str, folder: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Rows]:
    book = write_workbook(folder / "book.xlsx", hamlet_campaign())  # type: ignore[arg-type]
    emu: EmulatorHandle | None = None
    if backend == "xlsx":
        config = write_config(folder)
    else:
        emu = request.getfixturevalue("sheets_emulator")
        monkeypatch.setenv("SHEETS_EMULATOR_HOST", emu.host)
        emu.seed_xlsx(book, KEY)
        book.unlink()
        config = google_config(folder)
    code, out, err = invoke("sync", "--config", str(config), "--today", TODAY)
    assert code == 0, (out, err)
    if emu is None:
        return xlsx_tabs(book)
    return {t: norm_rows(rows) for t, rows in emu.values(KEY).items()}


@pytest.mark.parametrize("backend", BACKENDS)
def test_theo_ap_and_the_hamlet_figures(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tabs = synced_tabs(backend, tmp_path, request, monkeypatch)
    theo_ap = tabs["Theo ấp"]
    assert theo_ap[0] == [
        "Xã/Phường", "Ấp/Khu vực", "Mã tổ", "Chỉ tiêu", "Đã có", "Tỷ lệ (%)", "Trạng thái",
    ]  # fmt: skip
    assert theo_ap[1:] == norm_rows([list(r) for r in THEO_AP])

    header = tabs["Theo xã"][0]
    listed, reached = header.index("Số ấp/khu vực"), header.index("Số ấp/khu vực có đại sứ")
    rows = {r[0]: r + [None] * (len(header) - len(r)) for r in tabs["Theo xã"][1:]}
    for commune, (n_listed, n_reached) in THEO_XA_HAMLETS.items():
        assert rows[commune][listed] == (None if n_listed is None else float(n_listed)), commune
        assert rows[commune][reached] == float(n_reached), commune

    dashboard = {r[0]: r[1] for r in tabs["Tổng hợp"][1:] if r}
    for label, value in DASHBOARD.items():
        assert dashboard[label] == float(value), label

    alerts = [r for r in tabs["Cảnh báo"][1:] if len(r) > 4 and r[4]]
    assert alerts == norm_rows([list(a) for a in ALERTS])

    issues = {(r[0], r[1], r[2]) for r in tabs["Lỗi dữ liệu"][1:]}
    assert (HAMLET_TAB, 5.0, "Ấp/Khu vực") in issues  # listed twice
    assert ("Đại sứ số", 6.0, "Ấp/Khu vực") in issues  # not listed


def test_init_makes_the_hamlet_tab_with_a_commune_dropdown_xlsx(tmp_path: Path) -> None:
    config = write_config(tmp_path, workbook="new.xlsx")
    code, out, err = invoke("init", "--config", str(config))
    assert code == 0, (out, err)
    wb = load_workbook(tmp_path / "new.xlsx")
    sheet = wb[HAMLET_TAB]
    assert [c.value for c in sheet[1]] == ["Xã/Phường", "Ấp/Khu vực", "Chỉ tiêu"]
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert set(rules) == {"A2:A1048576"}
    assert rules["A2:A1048576"].type == "list"
    assert rules["A2:A1048576"].formula1 == COMMUNES_LIST
    assert not rules["A2:A1048576"].showErrorMessage  # other forms of a name may be typed
    listed = [r[1] for r in wb["Danh mục"].iter_rows(min_row=2, values_only=True) if r[1]]
    assert len(listed) == 103 and "Phường Ninh Kiều" in listed
    assert "Theo ấp" in wb.sheetnames
    wb.close()

    # A second init changes nothing; the tabs it made are a layout a sync accepts.
    before = (tmp_path / "new.xlsx").read_bytes()
    code, out, _ = invoke("init", "--config", str(config))
    assert code == 0 and "Đã tạo tab / tabs created: —" in out
    assert (tmp_path / "new.xlsx").read_bytes() == before
    code, out, err = invoke("sync", "--config", str(config), "--today", TODAY)
    assert code == 0, (out, err)


def _validation(emu: EmulatorHandle, cell: str) -> dict[str, Any]:
    params = {
        "includeGridData": "true",
        "ranges": [cell],
        "fields": "sheets(data(rowData(values(dataValidation))))",
    }
    got = requests.get(f"{emu.url}/v4/spreadsheets/{KEY}", params=params, timeout=10).json()
    rows = got["sheets"][0]["data"][0].get("rowData") or [{}]
    values = (rows[0].get("values") or [{}])[0]
    rule: dict[str, Any] = values.get("dataValidation", {})
    return rule


def test_init_makes_the_hamlet_tab_with_a_commune_dropdown_google(
    sheets_emulator: EmulatorHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", sheets_emulator.host)
    sheets_emulator.seed(KEY, {})
    config = google_config(tmp_path)
    code, out, err = invoke("init", "--config", str(config))
    assert code == 0, (out, err)
    tabs = sheets_emulator.values(KEY)
    assert tabs[HAMLET_TAB][0] == ["Xã/Phường", "Ấp/Khu vực", "Chỉ tiêu"]
    assert "Theo ấp" in tabs
    rule = _validation(sheets_emulator, f"'{HAMLET_TAB}'!A2")
    assert rule["condition"]["type"] == "ONE_OF_RANGE"
    assert rule["condition"]["values"] == [{"userEnteredValue": "=" + COMMUNES_LIST}]
    assert not rule.get("strict", False)
    assert _validation(sheets_emulator, f"'{HAMLET_TAB}'!B2") == {}
