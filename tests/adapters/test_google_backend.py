"""Google Sheets backend against the Sheets API emulator: real gspread over loopback."""

from __future__ import annotations

import json
import math
import random
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from rules.tables import Column, Kind, Table
from sync.adapters.google import plan as gp
from sync.adapters.google.backend import (
    GoogleBackend,
    RetryPolicy,
)
from sync.errors import LayoutError
from sync.ports import WritePlan
from tests.google_helpers import serial
from tests.google_helpers import write_key_file as shared_key_file

KEY = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-daisuso"
EMAIL = "daisuso-bot@daisuso-test.iam.gserviceaccount.com"
FAKE_PEM = (
    "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
)

ENTRY = {
    "Tổ": [
        ["Mã tổ", "Họ và tên", "Vai trò", "Số điện thoại"],
        ["T01", "Nguyễn Văn An", "Tổ trưởng", "0912345678"],
        ["T01", "Trần Thị Bình", "Tổ phó", "+84 912 345 679"],
    ],
    "Đại sứ số": [
        ["Họ và tên", "Số điện thoại", "Xã/Phường", "Mã tổ", "Ngày công nhận", "Ghi chú"],
        ["Lê Văn Cường", "0987654321", "Phường Ninh Kiều", "T01", {"date": "2025-10-20"}],
        [],
        ["Phạm Thị Dung", "0987654322", "Xã Phong Điền", "T01", {"date": "2025-11-02"}, "=1+1"],
    ],
    "Tập huấn": [
        [],
        ["Ngày", "Mã tổ", "Xã/Phường", "Số người tham dự"],
        [{"date": "2025-10-25"}, "T01", "Phường Ninh Kiều", 30],
    ],
}
LOG_COLUMNS = (
    Column("Thời gian", Kind.DATETIME),
    Column("Kết quả"),
    Column("Số dòng đọc", Kind.INTEGER),
    Column("Lỗi", Kind.INTEGER),
    Column("Cảnh báo", Kind.INTEGER),
    Column("Thời lượng (s)", Kind.NUMBER),
    Column("Ghi chú"),
)
NASTY = ["=cmd|' /C calc'!A0", "+84912345678", "-5 rows", "@x", "\tTab", "\rCR", "=2*3"]


def write_key_file(tmp_path: Path) -> Path:
    return shared_key_file(tmp_path / "credentials.json", EMAIL)


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def backend_for(emu: Any, tmp_path: Path, **kw: Any) -> GoogleBackend:
    kw.setdefault("retry", RetryPolicy())
    kw.setdefault("sleep", Recorder())
    kw.setdefault("rng", random.Random(7))
    return GoogleBackend(KEY, write_key_file(tmp_path), emulator_host=emu.host, **kw)


def api_calls(emu: Any) -> list[dict[str, Any]]:
    """Sheets API calls in the emulator log (it logs a request before answering it)."""
    return [r for r in emu.requests() if r["path"].startswith("/v4/")]


def grid_data(emu: Any, title: str) -> list[list[dict[str, Any]]]:
    """userEnteredValue/Format of every cell of a tab, straight from the emulator."""
    import requests

    fields = "sheets(properties(title),data(rowData(values(userEnteredValue,userEnteredFormat))))"
    params = {"ranges": gp.quote_title(title), "fields": fields}
    body = requests.get(f"{emu.url}/v4/spreadsheets/{KEY}", params=params, timeout=10).json()
    data = body["sheets"][0]["data"][0]
    return [row.get("values", []) for row in data.get("rowData", [])]


# --- read ------------------------------------------------------------------------------------


def test_read_is_two_requests_with_serial_dates(emu: Any, tmp_path: Path) -> None:
    backend = backend_for(emu, tmp_path)
    with backend.open() as book:
        assert book.titles() == ["Tổ", "Đại sứ số", "Tập huấn"]
        grids = book.read(["Đại sứ số", "Tập huấn"])
        assert book.titles() == ["Tổ", "Đại sứ số", "Tập huấn"]  # cached
    calls = api_calls(emu)
    assert [c["method"] for c in calls] == ["GET", "GET"]
    meta, batch = calls
    assert meta["path"] == f"/v4/spreadsheets/{KEY}"
    assert "sheets(properties(sheetId,title,index" in meta["query"]["fields"][0]
    assert batch["path"] == f"/v4/spreadsheets/{KEY}/values:batchGet"
    assert batch["query"]["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert batch["query"]["dateTimeRenderOption"] == ["SERIAL_NUMBER"]
    assert batch["query"]["ranges"] == ["'Đại sứ số'", "'Tập huấn'"]

    ds = grids["Đại sứ số"]
    assert ds[0][:2] == ["Họ và tên", "Số điện thoại"]
    assert ds[1][4] == serial(date(2025, 10, 20))
    assert ds[2] == [None] * 6  # an empty middle row keeps its index
    assert ds[3][5] == "=1+1" or ds[3][5] == 2  # a formula cell typed by a team
    assert len({len(r) for r in ds}) == 1  # rectangular
    th = grids["Tập huấn"]
    assert th[0] == [None] * 4  # leading empty row: row indexes stay exact
    assert th[1][0] == "Ngày"
    assert th[2] == [serial(date(2025, 10, 25)), "T01", "Phường Ninh Kiều", 30]


def test_read_missing_tab_is_a_layout_error(emu: Any, tmp_path: Path) -> None:
    with backend_for(emu, tmp_path).open() as book, pytest.raises(LayoutError, match="Phân công"):
        book.read(["Tổ", "Phân công"])


# --- write -----------------------------------------------------------------------------------


def summary_tables(today: date) -> tuple[Table, ...]:
    dashboard = Table(
        "Tổng hợp",
        (Column("Chỉ số"), Column("Giá trị", Kind.ANY)),
        (
            ("Mục tiêu", 2000),
            ("Tỷ lệ (%)", 87.5),
            ("Lần đồng bộ", datetime(2025, 11, 10, 8, 30, 0)),
            ("Ngày", today),
            *((f"nasty {i}", s) for i, s in enumerate(NASTY)),
        ),
    )
    teams = Table(
        "Theo tổ",
        (
            Column("Mã tổ"),
            Column("Chỉ tiêu", Kind.INTEGER),
            Column("Tỷ lệ (%)", Kind.PERCENT),
            Column("Ngày", Kind.DATE),
        ),
        (("T01", 60, 80.0, today), ("T02", 40, 12.5, None)),
    )
    return dashboard, teams


def plan_with(tables: tuple[Table, ...], rows: int = 1, keep: int = 500) -> WritePlan:
    log_rows = tuple(
        (datetime(2025, 11, 10, 8, i), "OK", 100 + i, 0, 1, 1.5, f"sync {i}") for i in range(rows)
    )
    return WritePlan(tables, "Nhật ký", LOG_COLUMNS, log_rows, keep)


def test_write_is_one_request_typed_and_never_touches_entry_tabs(emu: Any, tmp_path: Path) -> None:
    # A stale, bigger "Tổng hợp" from an older sync: every stale cell must go.
    stale = [[f"old {r}.{c}" for c in range(8)] for r in range(30)]
    emu.seed(KEY, {**ENTRY, "Tổng hợp": stale})
    before = emu.values(KEY)
    emu.clear_requests()
    today = date(2025, 11, 10)
    backend = backend_for(emu, tmp_path)
    with backend.open() as book:
        grids = book.read(list(ENTRY))
        book.write(plan_with(summary_tables(today)))
    calls = api_calls(emu)
    assert [(c["method"], c["path"].rsplit("/", 1)[-1]) for c in calls] == [
        ("GET", KEY),
        ("GET", "values:batchGet"),
        ("POST", f"{KEY}:batchUpdate"),
    ]
    after = emu.values(KEY)
    for title in ENTRY:
        assert after[title] == before[title]
    assert grids["Tổ"][1][0] == "T01"

    assert after["Tổng hợp"][:3] == [["Chỉ số", "Giá trị"], ["Mục tiêu", 2000], ["Tỷ lệ (%)", 87.5]]
    assert len(after["Tổng hợp"]) == 1 + 4 + len(NASTY)  # stale rows 12..30 gone
    assert all(len(r) <= 2 for r in after["Tổng hợp"])  # stale columns C..H gone
    sync_time = after["Tổng hợp"][3][1]
    assert math.isclose(sync_time, serial(date(2025, 11, 10)) + (8 * 60 + 30) / 1440)
    assert after["Tổng hợp"][4][1] == serial(today)
    assert after["Theo tổ"] == [
        ["Mã tổ", "Chỉ tiêu", "Tỷ lệ (%)", "Ngày"],
        ["T01", 60, 80, serial(today)],
        ["T02", 40, 12.5],
    ]
    # Text that looks like a formula or a number stays text (stringValue, not formulaValue).
    cells = grid_data(emu, "Tổng hợp")
    nasty = [row[1]["userEnteredValue"] for row in cells[5:]]
    assert nasty == [{"stringValue": s} for s in NASTY]
    assert cells[0][0]["userEnteredFormat"]["textFormat"]["bold"] is True
    assert cells[3][1]["userEnteredFormat"]["numberFormat"] == gp.DATETIME_FORMAT
    assert cells[4][1]["userEnteredFormat"]["numberFormat"] == gp.DATE_FORMAT
    teams = grid_data(emu, "Theo tổ")
    assert (
        teams[1][1]["userEnteredFormat"]["numberFormat"]["pattern"] == "#,##0"
    )  # counts as the contract shows them
    assert teams[1][2]["userEnteredFormat"]["numberFormat"]["pattern"] == "0.0"
    assert teams[1][3]["userEnteredFormat"]["numberFormat"] == gp.DATE_FORMAT
    assert teams[1][0]["userEnteredValue"] == {"stringValue": "T01"}

    # No entry-tab value, and no entry-tab sheetId, is in the write.
    body = calls[-1]["body"]
    text = json.dumps(body, ensure_ascii=False)
    entry_values = {"Nguyễn Văn An", "+84 912 345 679", "Lê Văn Cường", "0987654322"}
    entry_values |= {"Phường Ninh Kiều", "Xã Phong Điền", "Tổ trưởng", "Số người tham dự"}
    for v in entry_values:
        assert v not in text, v
    ids = _sheet_ids(body)
    with backend.open() as book:
        meta = book.sheets()
    assert not ids & {meta[t].sheet_id for t in ENTRY}
    assert ids == {meta[t].sheet_id for t in ("Tổng hợp", "Theo tổ", "Nhật ký")}


def _sheet_ids(node: Any) -> set[int]:
    found: set[int] = set()
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "sheetId":
                found.add(v)
            else:
                found |= _sheet_ids(v)
    elif isinstance(node, list):
        for v in node:
            found |= _sheet_ids(v)
    return found


def test_log_is_appended_and_trimmed_to_log_keep(emu: Any, tmp_path: Path) -> None:
    old = [[f"2025-11-0{i} 08:00", f"old {i}", i, 0, 0, 1, ""] for i in range(1, 6)]
    emu.seed(KEY, {**ENTRY, "Nhật ký": [[c.name for c in LOG_COLUMNS], *old]})
    emu.clear_requests()
    backend = backend_for(emu, tmp_path)
    with backend.open() as book:
        book.read(["Tổ"])
        book.write(plan_with((), rows=2, keep=6))
    assert len(api_calls(emu)) == 3  # the log came with the batchGet
    log = emu.values(KEY)["Nhật ký"]
    assert log[0] == [c.name for c in LOG_COLUMNS]
    assert [r[1] for r in log[1:]] == ["old 2", "old 3", "old 4", "old 5", "OK", "OK"]
    assert log[5][0] == pytest.approx(serial(date(2025, 11, 10)) + 8 / 24)
    assert log[6][6] == "sync 1"
    # A second sync, writing without a read first: the log is fetched (3 requests total).
    emu.clear_requests()
    with backend.open() as book:
        book.write(plan_with((), rows=1, keep=3))
    assert [c["method"] for c in api_calls(emu)] == ["GET", "GET", "POST"]
    log = emu.values(KEY)["Nhật ký"]
    assert [r[1] for r in log[1:]] == ["OK", "OK", "OK"]
    assert [r[6] for r in log[1:]] == ["sync 0", "sync 1", "sync 0"]


def test_new_log_tab_is_created_with_the_first_row(emu: Any, tmp_path: Path) -> None:
    with backend_for(emu, tmp_path).open() as book:
        book.write(plan_with(()))
    log = emu.values(KEY)["Nhật ký"]
    assert log[0][1] == "Kết quả" and log[1][1] == "OK" and len(log) == 2
