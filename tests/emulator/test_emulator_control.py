"""The control surface: faults (status, times, delay, drop), the request log, seeding, CLI."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import gspread
import openpyxl
import pytest
import requests
from gspread.http_client import BackOffHTTPClient

from sync.emulator.client import gspread_client
from tests.plugins.emulator import EmulatorHandle

REPO = Path(__file__).resolve().parents[2]


class QuickBackOff(BackOffHTTPClient):
    _MAX_BACKOFF = 0  # gspread's retry loop without the sleeping


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def test_fault_status_times_and_no_state_change(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("f", {"T": [["a"]]})
    base = sheets_emulator.url
    sheets_emulator.fault(r"^PUT /v4/spreadsheets/f/values/", status=503, times=2)
    url = f"{base}/v4/spreadsheets/f/values/T!A1"
    for _ in range(2):
        failed = http.put(url, params={"valueInputOption": "RAW"}, json={"values": [["b"]]})
        assert failed.status_code == 503
        assert failed.json()["error"] == {
            "code": 503,
            "message": "The service is currently unavailable.",
            "status": "UNAVAILABLE",
        }
        assert sheets_emulator.values("f") == {"T": [["a"]]}  # faulted: nothing changed
    ok = http.put(url, params={"valueInputOption": "RAW"}, json={"values": [["b"]]})
    assert ok.status_code == 200
    assert sheets_emulator.values("f") == {"T": [["b"]]}


def test_quota_fault_and_gspread_backoff(
    sheets_emulator: EmulatorHandle, http: requests.Session
) -> None:
    sheets_emulator.seed("q", {"T": [["a"]]})
    sheets_emulator.fault("GET /v4/spreadsheets/q/values", status=429)
    got = http.get(f"{sheets_emulator.url}/v4/spreadsheets/q/values/T")
    assert got.status_code == 429
    error = got.json()["error"]
    assert error["status"] == "RESOURCE_EXHAUSTED"
    assert error["message"].startswith("Quota exceeded for quota metric 'Read requests'")
    assert error["details"][0]["reason"] == "RATE_LIMIT_EXCEEDED"
    assert error["details"][0]["domain"] == "googleapis.com"
    sheets_emulator.fault("GET /v4/spreadsheets/q/values", status=500, times=1)
    client = gspread_client(sheets_emulator.url, base=QuickBackOff)
    try:
        assert client.open_by_key("q").sheet1.get_all_values() == [["a"]]
    finally:
        client.http_client.session.close()


def test_delay_and_drop(sheets_emulator: EmulatorHandle, http: requests.Session) -> None:
    sheets_emulator.seed("d", {"T": [["a"]]})
    base = sheets_emulator.url
    sheets_emulator.fault("GET /v4/spreadsheets/d$", status=0, delay_s=0.3)
    start = time.monotonic()
    assert http.get(f"{base}/v4/spreadsheets/d").status_code == 200
    assert time.monotonic() - start >= 0.3
    sheets_emulator.fault("GET /v4/spreadsheets/d$", drop=True)
    with pytest.raises(requests.ConnectionError):
        http.get(f"{base}/v4/spreadsheets/d")
    assert http.get(f"{base}/v4/spreadsheets/d").status_code == 200
    sheets_emulator.fault("GET /v4/spreadsheets/d$", status=500, times=5)
    sheets_emulator.clear_faults()
    assert http.get(f"{base}/v4/spreadsheets/d").status_code == 200


def test_request_log(sheets_emulator: EmulatorHandle, emulator_gspread: gspread.Client) -> None:
    sheets_emulator.seed("l", {"Tổ": [["a"]]})
    sheets_emulator.clear_requests()
    ws = emulator_gspread.open_by_key("l").worksheet("Tổ")
    ws.update([["b"]], "A2")
    log = sheets_emulator.requests()
    *reads, write = log
    assert {(e["method"], e["path"], e["status"]) for e in reads} == {
        ("GET", "/v4/spreadsheets/l", 200)  # gspread fetches metadata for each call above
    }
    assert (write["method"], write["path"], write["status"]) == (
        "PUT",
        "/v4/spreadsheets/l/values/'Tổ'!A2",
        200,
    )
    assert write["query"] == {"valueInputOption": ["RAW"]}
    assert write["bytes_in"] > 0 and write["bytes_out"] > 0
    assert write["body"] == {"values": [["b"]], "majorDimension": None}
    sheets_emulator.clear_requests()
    assert sheets_emulator.requests() == []


def test_seed_xlsx_dates_become_serials(tmp_path: Path, sheets_emulator: EmulatorHandle) -> None:
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Đại sứ số"
    ws.append(["Tên", "Ngày", "Số"])
    ws.append(["An", dt.datetime(2025, 10, 15), 3])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    sheets_emulator.seed_xlsx(path, "x")
    assert sheets_emulator.values("x") == {"Đại sứ số": [["Tên", "Ngày", "Số"], ["An", 45945, 3]]}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_standalone_cli(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổ 01"
    ws.append(["a", 1])
    wb.save(tmp_path / "book.xlsx")
    port = _free_port()
    cmd = [sys.executable, "-m", "sync.emulator", "--port", str(port)]
    cmd += ["--seed", str(tmp_path / "book.xlsx"), "--id", "demo"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == f"http://127.0.0.1:{port}"
        with requests.Session() as http:
            got = http.get(f"http://127.0.0.1:{port}/v4/spreadsheets/demo/values/'Tổ 01'").json()
        assert got["values"] == [["a", "1"]]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()
    assert proc.returncode == 0
