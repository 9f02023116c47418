"""`init` on Google Sheets: only what is missing, drop-downs from the list tab, protection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sync.adapters.google.backend import (
    GoogleBackend,
    RetryPolicy,
)
from sync.ports import InitPlan, Owner, TabLayout
from tests.adapters.test_google_backend import (
    EMAIL,
    ENTRY,
    KEY,
    LOG_COLUMNS,
    Recorder,
    api_calls,
    backend_for,
)


def init_plan(warning_only: bool = False) -> InitPlan:
    tabs = (
        TabLayout(
            "Tổ",
            ("Mã tổ", "Họ và tên", "Vai trò", "Số điện thoại"),
            "team",
            {"Mã tổ": "Mã tổ", "Vai trò": "Vai trò"},
        ),
        TabLayout(
            "Phân công", ("Mã tổ", "Xã/Phường", "Chỉ tiêu"), "team", {"Xã/Phường": "Xã/Phường"}
        ),
        TabLayout("Tổng hợp", ("Chỉ số", "Giá trị"), Owner.WORKER),
        TabLayout("Nhật ký", tuple(c.name for c in LOG_COLUMNS), Owner.WORKER),
    )
    lists = {
        "Mã tổ": ("T01", "T02"),
        "Xã/Phường": ("Phường Ninh Kiều", "Xã Phong Điền", "Phường Cái Khế"),
        "Vai trò": ("Tổ trưởng", "Tổ phó", "Thành viên"),
    }
    return InitPlan(tabs, lists, protect_warning_only=warning_only)


def spreadsheet(emu: Any, fields: str, ranges: list[str] | None = None) -> dict[str, Any]:
    import requests

    params: dict[str, Any] = {"fields": fields}
    if ranges:
        params["ranges"] = ranges
    out: dict[str, Any] = requests.get(
        f"{emu.url}/v4/spreadsheets/{KEY}", params=params, timeout=10
    ).json()
    return out


def test_init_adds_only_what_is_missing_and_is_idempotent(emu: Any, tmp_path: Path) -> None:
    emu.seed(KEY, {"Tổ": ENTRY["Tổ"], "Phân công": []})
    before = emu.values(KEY)
    emu.clear_requests()
    backend = backend_for(emu, tmp_path)
    with backend.open() as book:
        report = book.init(init_plan())
    assert set(report.created_tabs) == {"Danh mục", "Tổng hợp", "Nhật ký"}
    assert set(report.headers_written) == {"Phân công", "Tổng hợp", "Nhật ký"}
    assert [c["method"] for c in api_calls(emu)] == ["GET", "GET", "POST"]
    after = emu.values(KEY)
    assert after["Tổ"] == before["Tổ"]  # existing cells untouched
    assert after["Phân công"] == [["Mã tổ", "Xã/Phường", "Chỉ tiêu"]]
    assert after["Danh mục"][0] == ["Mã tổ", "Xã/Phường", "Vai trò"]
    assert [r[1] for r in after["Danh mục"][1:]] == [
        "Phường Ninh Kiều",
        "Xã Phong Điền",
        "Phường Cái Khế",
    ]

    state = spreadsheet(
        emu,
        "sheets(properties(title,gridProperties(frozenRowCount)),protectedRanges,"
        "data(rowData(values(dataValidation))))",
        ["'Tổ'!A2:C2", "'Phân công'!B2"],
    )
    by_title = {s["properties"]["title"]: s for s in state["sheets"]}
    to_row = by_title["Tổ"]["data"][0]["rowData"][0]["values"]
    team_rule = to_row[0]["dataValidation"]
    assert team_rule["condition"] == {
        "type": "ONE_OF_RANGE",
        "values": [{"userEnteredValue": "='Danh mục'!$A$2:$A$3"}],
    }
    assert not team_rule.get("strict", False)
    assert "dataValidation" not in to_row[1]
    assert to_row[2]["dataValidation"]["condition"]["values"][0]["userEnteredValue"] == (
        "='Danh mục'!$C$2:$C$4"
    )
    commune_rule = by_title["Phân công"]["data"][0]["rowData"][0]["values"][0]["dataValidation"]
    assert commune_rule["condition"]["values"][0]["userEnteredValue"] == "='Danh mục'!$B$2:$B$4"
    whole = spreadsheet(
        emu, "sheets(properties(title,gridProperties(frozenRowCount)),protectedRanges)"
    )
    by_title = {s["properties"]["title"]: s for s in whole["sheets"]}
    for title in ("Tổng hợp", "Nhật ký"):
        (pr,) = by_title[title]["protectedRanges"]
        assert EMAIL in pr["editors"]["users"]
        assert not pr.get("warningOnly", False)
        assert by_title[title]["properties"]["gridProperties"]["frozenRowCount"] == 1
    assert "protectedRanges" not in by_title["Tổ"]
    assert by_title["Tổ"]["properties"]["gridProperties"]["frozenRowCount"] == 1

    # Second run: nothing missing, so no batchUpdate at all and nothing changes.
    first = emu.values(KEY)
    emu.clear_requests()
    with backend.open() as book:
        again = book.init(init_plan())
    assert again.created_tabs == () and again.headers_written == ()
    assert [c["method"] for c in api_calls(emu)] == ["GET", "GET"]
    assert emu.values(KEY) == first


def test_init_appends_new_list_values_and_moves_the_dropdown(emu: Any, tmp_path: Path) -> None:
    backend = backend_for(emu, tmp_path)
    with backend.open() as book:
        book.init(init_plan())
    plan = init_plan()
    lists = {**plan.lists, "Mã tổ": ("T01", "T02", "T03")}
    with backend.open() as book:
        report = book.init(InitPlan(plan.tabs, lists))
    assert report.created_tabs == ()
    assert [r[0] for r in emu.values(KEY)["Danh mục"][1:]] == ["T01", "T02", "T03"]
    state = spreadsheet(emu, "sheets(data(rowData(values(dataValidation))))", ["'Tổ'!A2"])
    rule = state["sheets"][0]["data"][0]["rowData"][0]["values"][0]["dataValidation"]
    assert rule["condition"]["values"][0]["userEnteredValue"] == "='Danh mục'!$A$2:$A$4"


def test_init_without_client_email_protects_with_a_warning(emu: Any, tmp_path: Path) -> None:
    backend = GoogleBackend(
        KEY, None, retry=RetryPolicy(), emulator_host=emu.host, sleep=Recorder()
    )
    with backend.open() as book:
        book.init(init_plan())
    state = spreadsheet(emu, "sheets(properties(title),protectedRanges)")
    prs = [p for s in state["sheets"] for p in s.get("protectedRanges", [])]
    assert len(prs) == 2 and all(p["warningOnly"] for p in prs)


def test_init_notes_a_missing_dropdown_column(emu: Any, tmp_path: Path) -> None:
    emu.seed(KEY, {"Tổ": [["Họ và tên", "Vai trò"]]})
    with backend_for(emu, tmp_path, lang="en").open() as book:
        report = book.init(init_plan())
    assert any("Mã tổ" in n and "'Tổ'" in n for n in report.notes)
    assert "Tổ" not in report.headers_written
    assert emu.values(KEY)["Tổ"] == [["Họ và tên", "Vai trò"]]


# --- auth, config, doctor --------------------------------------------------------------------
