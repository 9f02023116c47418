"""One contract suite, two backends: the same workbook synced as .xlsx and on (emulated) Google Sheets.

Google side: the workbook is seeded into the Sheets emulator with `seed_xlsx` and synced
through `backend = "google"` with `SHEETS_EMULATOR_HOST`; xlsx side: the file itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from openpyxl import load_workbook

from tests.builders import write_config, write_workbook
from tests.google_helpers import (
    CAMPAIGNS,
    DDE,
    ENTRY_TABS,
    HYPERLINK,
    KEY,
    LAST_SYNC,
    LOG_TAB,
    SUMMARY_TABS,
    TODAY,
    Rows,
    entered_values,
    google_config,
    invoke,
    messy_campaign,
    norm_rows,
    serial,
    without_last_sync,
    xlsx_tabs,
)
from tests.plugins.emulator import EmulatorHandle

BACKENDS = ["xlsx", "google"]
FORMULA_PREFIXES = ("=", "+", "-", "@")


class Side:
    """One backend holding one copy of a campaign, synced through the CLI."""

    def __init__(self, kind: str, folder: Path, grids: dict[str, Rows], emu: Any) -> None:
        self.kind = kind
        self.folder = folder
        self.emu: EmulatorHandle | None = emu
        folder.mkdir(parents=True, exist_ok=True)
        self.book = write_workbook(folder / "book.xlsx", grids)
        if kind == "xlsx":
            self.config = write_config(folder)
        else:
            assert emu is not None
            emu.seed_xlsx(self.book, KEY)
            self.book.unlink()  # the spreadsheet lives in the emulator only
            self.config = google_config(folder)

    def sync(self, *args: str) -> str:
        code, out, err = invoke("sync", "--config", str(self.config), "--today", TODAY, *args)
        assert code == 0, (out, err)
        return out

    def tabs(self) -> dict[str, Rows]:
        """Every tab, normalised (dates as serials, 4 == 4.0, trailing blanks trimmed)."""
        if self.emu is None:
            return xlsx_tabs(self.book)
        return {t: norm_rows(rows) for t, rows in self.emu.values(KEY).items()}

    def exact(self) -> dict[str, Any]:
        """Every cell as exactly as the backend can tell: for entry-tab comparisons."""
        if self.emu is None:
            wb = load_workbook(self.book)
            return {
                ws.title: [
                    [(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()
                ]
                for ws in wb.worksheets
            }
        out: dict[str, Any] = dict(self.emu.values(KEY))
        cells = "data(rowData(values(userEnteredValue,userEnteredFormat)))"
        params = {
            "includeGridData": "true",
            "ranges": [f"'{t}'" for t in ENTRY_TABS],
            "fields": f"sheets(properties(title,gridProperties),{cells})",
        }
        response = requests.get(f"{self.emu.url}/v4/spreadsheets/{KEY}", params=params, timeout=10)
        response.raise_for_status()
        for sheet in response.json()["sheets"]:
            out["grid:" + sheet["properties"]["title"]] = sheet
        return out

    def text_cells(self, tab: str) -> list[tuple[str, bool]]:
        """(text, stored as a plain string) for every cell of `tab` that starts like a formula."""
        found: list[tuple[str, bool]] = []
        if self.emu is None:
            wb = load_workbook(self.book)
            for row in wb[tab].iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith(FORMULA_PREFIXES):
                        found.append((c.value, c.data_type == "s"))
            return found
        for entered in entered_values(self.emu.url, KEY, tab):
            for uev in entered:
                text = uev.get("stringValue", uev.get("formulaValue"))
                if isinstance(text, str) and text.startswith(FORMULA_PREFIXES):
                    found.append((text, set(uev) == {"stringValue"}))
        return found


MakeSide = Callable[[str, dict[str, Rows]], Side]


@pytest.fixture
def make_side(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MakeSide:
    def make(kind: str, grids: dict[str, Rows]) -> Side:
        emu = None
        if kind == "google":
            emu = request.getfixturevalue("sheets_emulator")
            monkeypatch.setenv("SHEETS_EMULATOR_HOST", emu.host)
        return Side(kind, tmp_path / kind, grids, emu)

    return make


# --- the same summaries on both backends ------------------------------------------------


@pytest.mark.parametrize("campaign", sorted(CAMPAIGNS))
def test_summary_tabs_are_identical_on_both_backends(make_side: MakeSide, campaign: str) -> None:
    xlsx = make_side("xlsx", CAMPAIGNS[campaign]())
    google = make_side("google", CAMPAIGNS[campaign]())
    out_x, out_g = xlsx.sync(), google.sync()
    assert out_x == out_g  # the totals line
    tabs_x, tabs_g = xlsx.tabs(), google.tabs()
    for tab in SUMMARY_TABS:
        assert without_last_sync(tabs_g[tab]) == without_last_sync(tabs_x[tab]), tab
    # Non-trivial content (guards against comparing two empty tabs).
    assert len(tabs_x["Theo xã"]) == 1 + 103
    assert len(tabs_x["Theo tổ"]) == 1 + 2
    assert len(tabs_x["Lỗi dữ liệu"]) >= 3
    # The sheets hold the same tabs, in the same order.
    assert list(tabs_g) == list(tabs_x)


def test_messy_values_are_read_alike(make_side: MakeSide) -> None:
    """NFD text, text dates, a date cell as birth year, `+84` phones, on both backends."""
    xlsx = make_side("xlsx", messy_campaign())
    google = make_side("google", messy_campaign())
    xlsx.sync()
    google.sync()
    for side in (xlsx, google):
        tabs = side.tabs()
        dashboard = {r[0]: r[1] for r in tabs["Tổng hợp"][1:]}
        assert dashboard["Đại sứ số hợp lệ"] == 12, side.kind
        # 6, not 7: a training's "-1" hours (an optional column) is a warning and still counts
        assert dashboard["Số dòng có lỗi"] == 6, side.kind
        assert dashboard["Ngày đánh giá"] == serial(datetime(2025, 11, 10)), side.kind
        teams = {r[0]: r for r in tabs["Theo tổ"][1:]}
        # NFD name written back NFC; T02 counts Vị Thanh 1 + NFD/+84 row + text-date row + the
        # date-cell birth year row = 4 (the `t02` lower-case team row has a month-first date).
        assert teams["T02"][1:3] == [HYPERLINK, "Nguyễn Thị Phó"], side.kind
        assert teams["T02"][5] == 4, side.kind
        issues = {(r[0], r[1], r[2]): r for r in tabs["Lỗi dữ liệu"][1:]}
        assert issues[("Đại sứ số", 12, "Xã/Phường")][3] == DDE, side.kind
        assert issues[("Đại sứ số", 13, "Mã tổ")][3] == "@X", side.kind
        month_first = issues[("Đại sứ số", 16, "Ngày công nhận")]
        assert month_first[3:5] == ["10/25/2025", "Lỗi"], side.kind
        assert "25/10/2025" in month_first[5], side.kind


# --- the contract, once per backend -----------------------------------------------------


@pytest.mark.parametrize("campaign", sorted(CAMPAIGNS))
@pytest.mark.parametrize("backend", BACKENDS)
def test_entry_tabs_are_never_changed(make_side: MakeSide, backend: str, campaign: str) -> None:
    side = make_side(backend, CAMPAIGNS[campaign]())
    before = side.exact()
    side.sync()
    after = side.exact()
    for tab in ENTRY_TABS:
        assert after[tab] == before[tab], tab
        if backend == "google":
            assert after["grid:" + tab] == before["grid:" + tab], tab
    assert set(SUMMARY_TABS) | {LOG_TAB} <= set(after)


@pytest.mark.parametrize("backend", BACKENDS)
def test_text_that_looks_like_a_formula_is_written_as_text(
    make_side: MakeSide, backend: str
) -> None:
    side = make_side(backend, messy_campaign())
    side.sync()
    by_team = side.text_cells("Theo tổ")
    issues = side.text_cells("Lỗi dữ liệu")
    assert (HYPERLINK, True) in by_team
    for text in (DDE, "@X", "+30 người", "-1"):
        assert (text, True) in issues, (text, issues)
    bad = [cell for cell in by_team + issues if not cell[1]]
    assert not bad, bad
    for tab in (*SUMMARY_TABS, LOG_TAB):
        assert all(ok for _, ok in side.text_cells(tab)), tab


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_sync_appends_one_log_row_and_changes_nothing_else(
    make_side: MakeSide, backend: str
) -> None:
    side = make_side(backend, messy_campaign())
    assert LOG_TAB not in side.tabs()
    side.sync()
    first = side.tabs()
    side.sync()
    second = side.tabs()
    log1, log2 = first[LOG_TAB], second[LOG_TAB]
    assert log1[0] == [
        "Thời gian", "Kết quả", "Số dòng đọc", "Lỗi", "Cảnh báo", "Thời lượng (s)", "Ghi chú",
    ]  # fmt: skip
    assert len(log1) == 1 + 1 and len(log2) == 1 + 2
    assert log2[:2] == log1
    for row in log2[1:]:
        assert row[1] == "Thành công"
        # rows read, errors, warnings; the training with hours -1 is a warning (optional column)
        assert row[2:5] == [10 + 3 + 17 + 4, 6, 1]
        assert row[6] == "Đánh giá theo ngày 10/11/2025"
    assert log2[2][0] >= log1[1][0]
    for tab, rows in first.items():
        if tab == LOG_TAB:
            continue
        assert without_last_sync(second[tab]) == without_last_sync(rows), tab
    stamps = [r[1] for t in (first, second) for r in t["Tổng hợp"] if r[0] == LAST_SYNC]
    assert len(stamps) == 2 and stamps[1] >= stamps[0]
    assert stamps[1] == log2[2][0]  # the dashboard shows the time of the sync that is logged


@pytest.mark.parametrize("backend", BACKENDS)
def test_last_sync_time_is_in_the_campaign_time_zone(make_side: MakeSide, backend: str) -> None:
    side = make_side(backend, CAMPAIGNS["small"]())
    before = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None, microsecond=0)
    side.sync()
    after = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)
    stamp = {r[0]: r[1] for r in side.tabs()["Tổng hợp"][1:]}[LAST_SYNC]
    assert serial(before) - 1e-6 <= stamp <= serial(after + timedelta(seconds=1))


def formatted_values(side: Any) -> dict[str, list[list[str]]]:
    """Every tab as a person sees it (FORMATTED_VALUE), after one sync."""
    side.sync()
    assert side.emu is not None
    shown: dict[str, list[list[str]]] = requests.get(
        f"{side.emu.url}/_emulator/spreadsheets/{KEY}",
        params={"valueRenderOption": "FORMATTED_VALUE"},
        timeout=10,
    ).json()
    return shown


def test_google_dates_and_percentages_are_formatted(make_side: MakeSide) -> None:
    """Dates are dates (a DATE format, shown dd/mm/yyyy), percentages show one decimal."""
    shown = formatted_values(make_side("google", CAMPAIGNS["small"]()))
    dashboard = dict(shown["Tổng hợp"][1:])
    assert dashboard["Ngày đánh giá"] == "10/11/2025"
    assert shown["Theo tổ"][2][6] == "10.0"  # T02: 1/10
    assert shown["Nhật ký"][1][0].count("/") == 2


def test_google_dashboard_percentage_shows_one_decimal(make_side: MakeSide) -> None:
    shown = formatted_values(make_side("google", CAMPAIGNS["small"]()))
    assert dict(shown["Tổng hợp"][1:])["Tỷ lệ so với mục tiêu (%)"] == "8.0"


@pytest.mark.parametrize("backend", BACKENDS)
def test_init_after_a_sync_changes_no_value_and_the_next_sync_works(
    make_side: MakeSide, backend: str
) -> None:
    # A sync shrinks each summary tab to its rows; init must read only rows the grid has.
    side = make_side(backend, CAMPAIGNS["small"]())
    side.sync()
    before = side.tabs()
    code, out, err = invoke("init", "--config", str(side.config))
    assert code == 0, (out, err)
    after = side.tabs()  # init may add the optional tabs; the others keep every value
    assert {tab: after[tab] for tab in before} == before
    side.sync()
    assert len(side.tabs()[LOG_TAB]) == 1 + 2
