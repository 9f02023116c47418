"""Request budget of one sync on Google Sheets: a full Cần Thơ campaign costs 3 requests
the first time and 2 from then on.

First sync: 1 spreadsheets.get (tab list), 1 values:batchGet (entry tabs + log), >= 1
batchUpdate (all summary tabs and the log, one body unless above 2 MB). Later syncs
remember the layout the write echoed: no spreadsheets.get, the batchGet also reads cell
A1 of every other remembered tab (a tab renamed since would fail it). No write is ever
aimed at an entry tab.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.demo.data import build_demo_grids
from tests.google_helpers import (
    ENTRY_TABS,
    KEY,
    LOG_TAB,
    SUMMARY_TABS,
    TODAY,
    calls,
    google_config,
    invoke,
    seedable,
)
from tests.plugins.emulator import EmulatorHandle


def sheet_ids(emu: EmulatorHandle) -> dict[str, int]:
    body = requests.get(
        f"{emu.url}/v4/spreadsheets/{KEY}",
        params={"fields": "sheets.properties(sheetId,title)"},
        timeout=10,
    ).json()
    return {s["properties"]["title"]: s["properties"]["sheetId"] for s in body["sheets"]}


def all_sheet_ids(node: Any) -> Iterator[int]:
    """Every value of a `sheetId` key anywhere in a request body."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sheetId":
                yield value
            else:
                yield from all_sheet_ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_sheet_ids(item)


def one_sync(emu: EmulatorHandle, config: Path) -> tuple[list[dict[str, Any]], float]:
    emu.clear_requests()
    started = time.monotonic()
    code, out, err = invoke("sync", "--config", str(config), "--today", TODAY)
    seconds = time.monotonic() - started
    assert code == 0, (out, err)
    return emu.requests(), seconds


def check_budget(log: list[dict[str, Any]], entry_ids: set[int], *, first: bool) -> None:
    kinds = calls(log)
    assert len(kinds) <= (3 if first else 2), kinds
    assert kinds.count("get") == (1 if first else 0), kinds
    assert kinds.count("batchGet") == 1, kinds
    assert kinds.count("batchUpdate") >= 1, kinds
    assert kinds[:2] == (["get", "batchGet"] if first else ["batchGet", "batchUpdate"])
    assert all(entry["status"] == 200 for entry in log), [e["status"] for e in log]
    read = next(e for e in log if e["path"].endswith("/values:batchGet"))
    ranges = read["query"]["ranges"]
    whole = {r.strip("'") for r in ranges if not r.endswith("!A1")}
    assert whole <= {*ENTRY_TABS, "Ấp - Khu vực", LOG_TAB}, ranges
    assert first or len(whole) < len(ranges)  # the other remembered tabs: A1 only
    for entry in log:
        if entry["path"].endswith(":batchUpdate"):
            body = entry["body"]
            assert body and body["requests"], "an empty batchUpdate"
            touched = set(all_sheet_ids(body))
            assert touched, "a batchUpdate that names no sheet"
            assert not touched & entry_ids, touched & entry_ids


@pytest.fixture
def emu(sheets_emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch) -> EmulatorHandle:
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", sheets_emulator.host)
    return sheets_emulator


def campaign(emu: EmulatorHandle, folder: Path, ambassadors: int) -> tuple[Path, set[int]]:
    grids = build_demo_grids(ambassadors=ambassadors)
    assert len(grids["Tổ"]) == 1 + 40 * 5 and len(grids["Phân công"]) == 1 + 103
    emu.seed(KEY, seedable(grids))
    ids = sheet_ids(emu)
    return google_config(folder), {ids[t] for t in ENTRY_TABS}


def test_a_sync_of_2000_ambassadors_costs_3_requests_then_2(
    emu: EmulatorHandle, tmp_path: Path
) -> None:
    config, entry_ids = campaign(emu, tmp_path, 2000)
    before = {t: rows for t, rows in emu.values(KEY).items() if t in ENTRY_TABS}
    log, _ = one_sync(emu, config)
    check_budget(log, entry_ids, first=True)
    assert calls(log) == ["get", "batchGet", "batchUpdate"]
    tabs = emu.values(KEY)
    assert {*SUMMARY_TABS, LOG_TAB} <= set(tabs)
    assert len(tabs["Theo tổ"]) == 1 + 40 and len(tabs["Theo xã"]) == 1 + 103

    # Again, and again, with every summary tab and the log already there: the layout is
    # remembered, the log is read with the entry tabs.
    for _ in range(2):
        log, _ = one_sync(emu, config)
        check_budget(log, entry_ids, first=False)
        assert calls(log) == ["batchGet", "batchUpdate"]
    after = emu.values(KEY)
    assert len(after[LOG_TAB]) == 1 + 3
    assert {t: after[t] for t in ENTRY_TABS} == before
    assert {t: after[t] for t in ("Theo tổ", "Theo xã")} == {
        t: tabs[t] for t in ("Theo tổ", "Theo xã")
    }


def test_a_sync_of_20000_ambassadors_costs_3_requests(emu: EmulatorHandle, tmp_path: Path) -> None:
    config, entry_ids = campaign(emu, tmp_path, 20000)
    log, _ = one_sync(emu, config)  # its time is measured by bench/run.py, not here
    check_budget(log, entry_ids, first=True)
    dashboard = {r[0]: r[1] for r in emu.values(KEY)["Tổng hợp"][1:]}
    assert dashboard["Đại sứ số hợp lệ"] > 15000
