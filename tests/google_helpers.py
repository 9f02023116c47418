"""Shared helpers for the end-to-end tests that run the CLI against the Sheets emulator."""

from __future__ import annotations

import json
import math
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from tests.builders import AMB_HEADER, ambassador_row, small_campaign, team_rows, write_config

KEY = "1DaIsUsOe2eTestKey_-0123456789abcdefghijklmn"
TODAY = "2025-11-10"
EPOCH = datetime(1899, 12, 30)
ENTRY_TABS = ("Tổ", "Phân công", "Đại sứ số", "Tập huấn")
SUMMARY_TABS = ("Tổng hợp", "Tiến độ", "Theo tổ", "Theo xã", "Cảnh báo", "Lỗi dữ liệu")
LOG_TAB = "Nhật ký"
LAST_SYNC = "Đồng bộ lần cuối"

Rows = list[list[Any]]

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def google_config(folder: Path, key: str = KEY, extra: str = "") -> Path:
    """The builders' config with `backend = "google"` and the spreadsheet key."""
    path = write_config(folder, extra=extra)
    text = path.read_text(encoding="utf-8")
    text = text.replace('backend = "xlsx"', f'backend = "google"\nkey = "{key}"', 1)
    path.write_text(text, encoding="utf-8")
    return path


# --- workbooks ----------------------------------------------------------------------------

DDE = "=cmd|' /C calc'!A0"
HYPERLINK = '=HYPERLINK("http://x","Người T02 0")'


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def messy_campaign() -> dict[str, Rows]:
    """`small_campaign()` plus the values teams really type.

    - T02's leader is named like a formula; T02's deputy is typed in NFD;
    - a DDE payload in a commune cell (error: unknown commune, shown in `Lỗi dữ liệu`);
    - a team code `@x` (error: unknown team, shown as its raw value);
    - a phone typed `+84 …`, an NFD commune, text dates in both orders, a date cell as
      the birth year, a `+…` participants cell and a `-…` hours cell.
    """
    grids = small_campaign()
    t02 = team_rows("T02", 20000000)
    t02[0][1] = HYPERLINK
    t02[1][1] = nfd("Nguyễn Thị Phó")
    grids["Tổ"] = [grids["Tổ"][0], *team_rows("T01", 10000000), *t02]
    d = date(2025, 10, 22)
    amb = grids["Đại sứ số"]
    assert amb[0] == list(AMB_HEADER)
    amb += [
        ambassador_row("Võ Văn Dde", "0915000001", DDE, "T02", d),
        ambassador_row("Võ Văn At", "0915000002", "Phường Vị Thanh", "@x", d),
        ambassador_row(nfd("Đặng Thị Nfd"), "+84 915 000 003", nfd("Phường Vị Thanh"), "T02", d),
        ambassador_row("Hồ Văn Chữ", "0915.000.004", "Phường Vị Thanh", "T02", d),
        ambassador_row("Hồ Văn Iso", "84915000005", "Phường Vị Thanh", "t02", d),
        ambassador_row("Hồ Văn Mỹ", "0915000006", "Phường Vị Thanh", "T02", d),
        ambassador_row("Hồ Văn Năm", "915000007", "Phường Cái Khế", "T01", d, year=1985),
    ]
    amb[-5][8] = "25/10/2025"  # text date, dd/mm
    amb[-4][8] = "2025-10-26"  # text date, ISO
    amb[-3][8] = "10/25/2025"  # month first: an error suggesting 25/10/2025
    amb[-2][1] = date(1990, 5, 17)  # a date cell as the birth year
    amb[-1][5] = "-Khu vực 3"
    grids["Tập huấn"] += [
        [date(2025, 10, 27), "T01", "Phường Cái Khế", "=SUM(1,2)", "+30 người", 2],
        ["27/10/2025", "T02", "Phường Vị Thanh", "@mention", 12, "-1"],
    ]
    return grids


CAMPAIGNS = {"small": small_campaign, "messy": messy_campaign}


# --- normalised values --------------------------------------------------------------------


def serial(value: date) -> float:
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    delta = moment.replace(tzinfo=None) - EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


def norm(value: Any) -> Any:
    """One comparable value: dates as serials, 4 == 4.0, blanks as None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, date):
        value = serial(value)
    if isinstance(value, int | float):
        number = float(value)
        return round(number, 6) if math.isfinite(number) else number
    return value


def norm_rows(rows: Rows) -> Rows:
    """Values normalised; trailing blank cells and rows dropped (Google trims them)."""
    out: Rows = []
    for row in rows:
        cells = [norm(v) for v in row]
        while cells and cells[-1] is None:
            cells.pop()
        out.append(cells)
    while out and not out[-1]:
        out.pop()
    return out


def xlsx_tabs(path: Path) -> dict[str, Rows]:
    wb = load_workbook(path)
    try:
        return {ws.title: norm_rows([list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb}
    finally:
        wb.close()


def without_last_sync(rows: Rows) -> Rows:
    return [r for r in rows if not (r and r[0] == LAST_SYNC)]


def seedable(grids: dict[str, Rows]) -> dict[str, Rows]:
    """Grids in the emulator's seed shape: dates as DATE-formatted serials."""

    def cell(value: Any) -> Any:
        if isinstance(value, datetime):
            return {"datetime": value.isoformat()}
        if isinstance(value, date):
            return {"date": value.isoformat()}
        return value

    return {tab: [[cell(v) for v in row] for row in rows] for tab, rows in grids.items()}


# --- the emulator's own view of cells ----------------------------------------------------


def entered_values(url: str, key: str, tab: str) -> list[list[dict[str, Any]]]:
    """userEnteredValue of every cell of `tab`, straight from the emulator's API."""
    rng = "'" + tab.replace("'", "''") + "'"
    response = requests.get(
        f"{url}/v4/spreadsheets/{quote(key, safe='')}",
        params={
            "includeGridData": "true",
            "ranges": rng,
            "fields": "sheets(properties(title),data(rowData(values(userEnteredValue))))",
        },
        timeout=10,
    )
    response.raise_for_status()
    sheets = response.json()["sheets"]
    assert [s["properties"]["title"] for s in sheets] == [tab]
    rows = sheets[0]["data"][0].get("rowData", [])
    return [[c.get("userEnteredValue", {}) for c in r.get("values", [])] for r in rows]


def calls(log: list[dict[str, Any]]) -> list[str]:
    """'GET get' / 'GET batchGet' / 'POST batchUpdate' per logged API request."""
    out = []
    for entry in log:
        path = entry["path"]
        if path.endswith(":batchUpdate"):
            out.append("batchUpdate")
        elif path.endswith("/values:batchGet"):
            out.append("batchGet")
        elif "/values" in path:
            out.append("values")
        else:
            out.append("get")
    return out


# --- service-account key file ------------------------------------------------------------

EMAIL = "daisuso-e2e@daisuso-test.iam.gserviceaccount.com"
FAKE_PEM = (
    "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
)


def write_key_file(path: Path, email: str = EMAIL) -> Path:
    """A service-account key file that parses (its key is not usable: the emulator ignores it)."""
    info = {
        "type": "service_account",
        "project_id": "daisuso-test",
        "private_key_id": "abc",
        "private_key": FAKE_PEM,
        "client_email": email,
        "client_id": "1",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    path.write_text(json.dumps(info), encoding="utf-8")
    path.chmod(0o600)
    return path
