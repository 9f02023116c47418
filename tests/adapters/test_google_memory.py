"""Layout memory of a single `daisuso sync` on Google (on by default): 1 read + 1 write in
steady state; a layout a person changed between syncs (tab renamed, deleted, replaced,
resized) costs one metadata read and is never written wrongly; a fresh state folder or
another spreadsheet key starts from Google's metadata."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.adapters.google.backend import GoogleBackend
from sync.bootstrap import Overrides, build_backend
from sync.config import load_settings
from tests.builders import small_campaign
from tests.google_helpers import KEY, LOG_TAB, TODAY, calls, google_config, invoke, seedable
from tests.plugins.emulator import EmulatorHandle


@pytest.fixture
def emu(sheets_emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch) -> EmulatorHandle:
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", sheets_emulator.host)
    sheets_emulator.seed(KEY, seedable(small_campaign()))
    return sheets_emulator


def sync(emu: EmulatorHandle, config: Path) -> list[str]:
    emu.clear_requests()
    code, out, err = invoke("sync", "--config", str(config), "--today", TODAY)
    assert code == 0, (out, err)
    return calls(emu.requests())


def person(emu: EmulatorHandle, *requests_: dict[str, Any]) -> None:
    """A person edits the spreadsheet in the browser (not counted: the log is cleared after)."""
    url = f"{emu.url}/v4/spreadsheets/{KEY}:batchUpdate"
    answer = requests.post(url, json={"requests": list(requests_)}, timeout=10)
    assert answer.status_code == 200, answer.text


def ids(emu: EmulatorHandle) -> dict[str, int]:
    body = requests.get(f"{emu.url}/v4/spreadsheets/{KEY}", timeout=10).json()
    return {s["properties"]["title"]: s["properties"]["sheetId"] for s in body["sheets"]}


def writes(emu: EmulatorHandle) -> list[dict[str, Any]]:
    return [e for e in emu.requests() if e["path"].endswith(":batchUpdate")]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return google_config(tmp_path)  # remember_layout is on by default


def test_steady_state_is_one_read_and_one_write(emu: EmulatorHandle, config: Path) -> None:
    assert sync(emu, config) == ["get", "batchGet", "batchUpdate"]
    first = emu.values(KEY)
    assert sync(emu, config) == ["batchGet", "batchUpdate"]
    assert sync(emu, config) == ["batchGet", "batchUpdate"]
    after = emu.values(KEY)
    assert len(after[LOG_TAB]) == 1 + 3
    assert {t: v for t, v in after.items() if t != LOG_TAB and t != "Tổng hợp"} == {
        t: v for t, v in first.items() if t != LOG_TAB and t != "Tổng hợp"
    }


def test_turned_off_every_sync_reads_the_layout(emu: EmulatorHandle, tmp_path: Path) -> None:
    config = google_config(tmp_path, extra="\n[google]\nremember_layout = false\n")
    assert sync(emu, config) == ["get", "batchGet", "batchUpdate"]
    assert sync(emu, config) == ["get", "batchGet", "batchUpdate"]


def test_a_summary_tab_renamed_by_a_person_is_left_alone(emu: EmulatorHandle, config: Path) -> None:
    sync(emu, config)
    team_id = ids(emu)["Theo tổ"]
    person(
        emu,
        {
            "updateSheetProperties": {
                "properties": {"sheetId": team_id, "title": "Giữ lại"},
                "fields": "title",
            }
        },
    )
    kept = emu.values(KEY)["Giữ lại"]
    assert sync(emu, config) == ["batchGet", "get", "batchGet", "batchUpdate"]
    now = emu.values(KEY)
    assert now["Giữ lại"] == kept  # the person's tab is not touched
    assert now["Theo tổ"] == kept  # a fresh worker tab is written
    assert ids(emu)["Giữ lại"] == team_id
    assert sync(emu, config) == ["batchGet", "batchUpdate"]  # remembered again


def test_a_summary_tab_deleted_by_a_person(emu: EmulatorHandle, config: Path) -> None:
    sync(emu, config)
    person(emu, {"deleteSheet": {"sheetId": ids(emu)["Cảnh báo"]}})
    assert sync(emu, config) == ["batchGet", "get", "batchGet", "batchUpdate"]
    assert "Cảnh báo" in emu.values(KEY)
    assert sync(emu, config) == ["batchGet", "batchUpdate"]


def test_a_summary_tab_replaced_by_another_of_the_same_title(
    emu: EmulatorHandle, config: Path
) -> None:
    """Renamed, and a new tab takes its title: the read cannot tell; the write's title
    check is refused whole, nothing changes, and the write is redone on the real layout."""
    sync(emu, config)
    old_id = ids(emu)["Theo xã"]
    person(
        emu,
        {
            "updateSheetProperties": {
                "properties": {"sheetId": old_id, "title": "Bản cũ"},
                "fields": "title",
            }
        },
        {"addSheet": {"properties": {"sheetId": 777, "title": "Theo xã"}}},
    )
    kept = emu.values(KEY)["Bản cũ"]
    assert sync(emu, config) == ["batchGet", "batchUpdate", "get", "batchUpdate"]
    refused, redone = writes(emu)
    assert refused["status"] == 400 and redone["status"] == 200
    now = emu.values(KEY)
    assert now["Bản cũ"] == kept
    assert now["Theo xã"] == kept  # written into the new tab of that title
    assert ids(emu)["Theo xã"] == 777


def rename(sheet_id: int, title: str) -> dict[str, Any]:
    props = {"sheetId": sheet_id, "title": title}
    return {"updateSheetProperties": {"properties": props, "fields": "title"}}


def test_entry_tabs_renamed_and_tabs_resized(emu: EmulatorHandle, config: Path) -> None:
    sync(emu, config)
    sheet = ids(emu)
    first = emu.values(KEY)
    person(emu, rename(sheet["Tập huấn"], "Tap huan"))  # still recognised as Tập huấn
    assert sync(emu, config) == ["batchGet", "get", "batchGet", "batchUpdate"]
    assert emu.values(KEY)["Theo tổ"] == first["Theo tổ"]
    person(emu, rename(sheet["Đại sứ số"], "Lưu trữ"))  # now the layout is broken
    emu.clear_requests()
    code, _, err = invoke("sync", "--config", str(config), "--today", TODAY)
    assert code == 3 and "Đại sứ số" in err
    assert "batchUpdate" not in calls(emu.requests())
    grid = {"rowCount": 2, "columnCount": 3}
    person(
        emu,
        rename(sheet["Đại sứ số"], "Đại sứ số"),
        {
            "updateSheetProperties": {
                "properties": {"sheetId": sheet["Theo tổ"], "gridProperties": grid},
                "fields": "gridProperties(rowCount,columnCount)",
            }
        },
        {"appendDimension": {"sheetId": sheet["Đại sứ số"], "dimension": "ROWS", "length": 500}},
    )
    assert sync(emu, config) == ["get", "batchGet", "batchUpdate"]  # forgotten on failure
    assert emu.values(KEY)["Theo tổ"] == first["Theo tổ"]  # resized back by the write
    assert sync(emu, config) == ["batchGet", "batchUpdate"]


def test_rows_hidden_by_a_person_are_seen_with_the_memory(
    emu: EmulatorHandle, config: Path
) -> None:
    """The write's echo carries the rows' hidden flags (the metadata field mask names
    them), so the memory knows them: a hidden row is said to be hidden from the sync
    after the one that ran when it was hidden."""
    sync(emu, config)
    row = next(r[1] for r in emu.values(KEY)["Lỗi dữ liệu"][1:] if r[0] == "Đại sứ số")
    sheet = ids(emu)["Đại sứ số"]
    hide = {"updateDimensionProperties": {
        "range": {"sheetId": sheet, "dimension": "ROWS", "startIndex": row - 1, "endIndex": row},
        "properties": {"hiddenByUser": True}, "fields": "hiddenByUser",
    }}  # fmt: skip
    person(emu, hide)
    assert sync(emu, config) == ["batchGet", "batchUpdate"]
    assert sync(emu, config) == ["batchGet", "batchUpdate"]
    issues = emu.values(KEY)["Lỗi dữ liệu"]
    hidden = [r for r in issues[1:] if r[0] == "Đại sứ số" and r[1] == row]
    assert hidden and all("Dòng này đang bị ẩn" in str(r) for r in hidden)


def test_a_fresh_state_folder_starts_from_the_metadata(
    emu: EmulatorHandle, config: Path, tmp_path: Path
) -> None:
    sync(emu, config)
    assert sync(emu, config) == ["batchGet", "batchUpdate"]
    shutil.rmtree(config.parent / ".daisuso")
    assert sync(emu, config) == ["get", "batchGet", "batchUpdate"]


def test_another_key_never_reuses_the_memory(emu: EmulatorHandle, tmp_path: Path) -> None:
    """`k-1` and `k_1` share a state file name; the memory names its spreadsheet."""
    first, second = "k-1", "k_1"
    emu.seed(first, seedable(small_campaign()))
    emu.seed(second, seedable(small_campaign()))
    add = {"requests": [{"addSheet": {"properties": {"sheetId": 4242, "title": "Ghi chú"}}}]}
    url = f"{emu.url}/v4/spreadsheets/{first}:batchUpdate"
    requests.post(url, json=add, timeout=10).raise_for_status()  # the layouts differ
    assert sync(emu, google_config(tmp_path, first)) == ["get", "batchGet", "batchUpdate"]
    assert sync(emu, google_config(tmp_path, second)) == ["get", "batchGet", "batchUpdate"]
    assert sync(emu, google_config(tmp_path, first)) == ["get", "batchGet", "batchUpdate"]
    assert sync(emu, google_config(tmp_path, first)) == ["batchGet", "batchUpdate"]
    for key in (first, second):
        assert {"Theo tổ", "Nhật ký"} <= set(emu.values(key))


def test_the_memory_is_tied_to_the_server(tmp_path: Path) -> None:
    """The same key on another server (an emulator, another emulator) is another memory."""
    settings = load_settings(google_config(tmp_path))
    here, _ = build_backend(settings, {"SHEETS_EMULATOR_HOST": "127.0.0.1:9001"}, Overrides())
    there, _ = build_backend(settings, {"SHEETS_EMULATOR_HOST": "127.0.0.1:9002"}, Overrides())
    google, _ = build_backend(settings, {}, Overrides())
    memories = [b.memory for b in (here, there, google) if isinstance(b, GoogleBackend)]
    assert len(memories) == 3 and all(m is not None for m in memories)
    here_memory, there_memory, google_memory = memories
    assert here_memory is not None and there_memory is not None and google_memory is not None
    here_memory.save({"sheets": [{"properties": {"sheetId": 1, "title": "Tổ"}}]}, ["Tổ"])
    assert here_memory.load() is not None
    assert there_memory.load() is None and google_memory.load() is None


def by_team(emu: EmulatorHandle, fields: str) -> dict[str, Any]:
    """The `Theo tổ` sheet as Google describes it, limited to `fields`."""
    meta = requests.get(
        f"{emu.url}/v4/spreadsheets/{KEY}", params={"fields": fields}, timeout=10
    ).json()
    sheet: dict[str, Any] = next(s for s in meta["sheets"] if s["properties"]["title"] == "Theo tổ")
    return sheet


def test_a_chart_or_colour_rule_deleted_by_a_person_costs_one_read(
    emu: EmulatorHandle, config: Path
) -> None:
    """The memory says the chart and the rules are there; the write naming them is refused
    whole, nothing changes, and it is redone on the real layout: one chart, four rules."""
    sync(emu, config)
    teams = by_team(emu, "sheets(properties(sheetId,title),charts(chartId))")
    person(
        emu,
        {"deleteEmbeddedObject": {"objectId": teams["charts"][0]["chartId"]}},
        {"deleteConditionalFormatRule": {"sheetId": teams["properties"]["sheetId"], "index": 0}},
    )
    assert sync(emu, config) == ["batchGet", "batchUpdate", "get", "batchUpdate"]
    refused, redone = writes(emu)
    assert refused["status"] == 400 and redone["status"] == 200
    teams = by_team(emu, "sheets(properties(title),charts(chartId),conditionalFormats(ranges))")
    assert len(teams["charts"]) == 1 and len(teams["conditionalFormats"]) == 4
    assert sync(emu, config) == ["batchGet", "batchUpdate"]
