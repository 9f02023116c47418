"""`Toàn bộ` looks like the other summary tabs on both backends: header band, frozen
header, filter, number formats, colours for `Kết quả`, and exactly one chart of `Đã có`
against `Chỉ tiêu` per member (the total row left out), after several fleet syncs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from rules.look import GREEN, GREY, HEADER, RED
from tests.adapters.look_views import TabSeen, google_get, google_tab, xlsx_tab
from tests.adapters.test_look_e2e import check_widths
from tests.fleet.test_fleet_e2e import TODAY, make_fleet, service
from tests.fleet.test_fleet_xlsx import cli, make
from tests.plugins.emulator import EmulatorHandle

ROLLUP = "Toàn bộ"
FORMATS = [None, None, "#,##0", "#,##0", "#,##0", "#,##0", "0.0", "#,##0", "#,##0",
           "#,##0", "#,##0", "#,##0", "dd/mm/yyyy hh:mm", None]  # fmt: skip


@pytest.fixture
def emu(sheets_emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch) -> EmulatorHandle:
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", sheets_emulator.host)
    return sheets_emulator


def check(tab: TabSeen, members: int) -> None:
    """`members` rows after the header, then the total row."""
    assert tab.rows[0][0] == "Đơn vị" and tab.rows[members + 1][0] == "Tổng cộng"
    assert [None if f == "General" else f for f in tab.formats] == FORMATS  # xlsx: text
    assert tab.colours == {
        (13, "Thành công", GREEN.fill), (13, "Lỗi", RED.fill), (13, "Chưa đồng bộ", GREY.fill),
    }  # fmt: skip
    assert tab.rule_count == 3
    (bars,) = tab.charts
    assert bars.kind == "COLUMN" and bars.anchor == (0, 15)
    assert bars.domain == (ROLLUP, 0, bars.domain[2], members + 1)  # the total row left out
    assert [(s[0], s[1], s[3]) for s in bars.series] == [
        (ROLLUP, 5, members + 1), (ROLLUP, 4, members + 1),
    ]  # fmt: skip
    check_widths(tab)


def xlsx_band(book: Path) -> tuple[str, bool, str | None, str | None]:
    ws = load_workbook(book)[ROLLUP]
    a1 = ws["A1"]
    return str(a1.fill.fgColor.rgb)[-6:], bool(a1.font.b), ws.freeze_panes, ws.auto_filter.ref


def google_band(emu: EmulatorHandle, key: str) -> tuple[str, bool, int, dict[str, Any]]:
    fields = "sheets(properties(title,gridProperties(frozenRowCount)),basicFilter(range),data(rowData(values(userEnteredFormat))))"
    meta = google_get(emu.url, key, fields, [f"'{ROLLUP}'!A1"])
    (sheet,) = meta["sheets"]
    fmt = sheet["data"][0]["rowData"][0]["values"][0]["userEnteredFormat"]
    fill = "".join(f"{round(fmt['backgroundColor'].get(k, 0) * 255):02X}" for k in ("red", "green", "blue"))  # fmt: skip
    frozen = sheet["properties"]["gridProperties"].get("frozenRowCount", 0)
    return fill, bool(fmt["textFormat"].get("bold")), frozen, sheet.get("basicFilter", {})


def test_rollup_workbook_looks_like_a_summary_tab_after_three_syncs(tmp_path: Path) -> None:
    path = make(tmp_path, 3)  # and one member whose config is missing
    for _ in range(3):
        code, out, err = cli("fleet", "sync", "--fleet", str(path), "--today", "2025-11-10")
        assert code == 2, (out, err)
    book = tmp_path / "rollup.xlsx"
    check(xlsx_tab(book, ROLLUP), 4)
    assert xlsx_band(book) == (HEADER.fill, True, "A2", "A1:N6")


def test_rollup_on_google_looks_like_a_summary_tab_after_three_cycles(
    emu: EmulatorHandle, tmp_path: Path
) -> None:
    path, keys, rollup = make_fleet(emu, tmp_path, 3)
    emu.set_private(keys[1])
    fleet = service(path, emu)
    for _ in range(3):
        fleet.cycle(TODAY)
    tab = google_tab(emu.url, rollup, ROLLUP)
    check(tab, 3)
    assert [r[13][:3] for r in tab.rows[1:4]] == ["Thà", "Lỗi", "Thà"]
    fill, bold, frozen, basic = google_band(emu, rollup)
    assert (fill, bold, frozen) == (HEADER.fill, True, 1)
    assert basic["range"]["endRowIndex"] == 5 and basic["range"]["endColumnIndex"] == 14
    tags = google_get(emu.url, rollup, "developerMetadata(metadataKey)")["developerMetadata"]
    assert [t["metadataKey"] for t in tags] == ["daisuso.chart.rollup"]


def test_rollup_written_by_shards_on_google_has_one_look_and_one_chart(
    emu: EmulatorHandle, tmp_path: Path
) -> None:
    path, _keys, rollup = make_fleet(emu, tmp_path, 6)
    shards = [service(path, emu, shard="1/2"), service(path, emu, shard="2/2")]
    for _ in range(2):
        for shard in shards:
            assert shard.cycle(TODAY).exit_code == 0
    check(google_tab(emu.url, rollup, ROLLUP), 6)
    fill, bold, frozen, _ = google_band(emu, rollup)
    assert (fill, bold, frozen) == (HEADER.fill, True, 1)
