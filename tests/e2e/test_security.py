"""Security: secrets never printed or stored, phones masked on every path, entry text that
looks like a formula is written as text on both backends."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from tests.builders import ambassador_row, small_campaign, write_config, write_workbook
from tests.reliability_helpers import google_config

REPO = Path(__file__).resolve().parents[2]
EMAIL = "daisuso-sec@daisuso-test.iam.gserviceaccount.com"
LEAKED_TOKEN = "ya29.a0AfB_LEAKCHECKtoken0123456789"
runner = CliRunner()


# --- secrets -------------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # nothing listens here once closed


def private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class TokenServer:
    """A token endpoint that refuses every grant and, like a careless proxy, echoes the
    signed assertion and an access token in its error body."""

    def __init__(self) -> None:
        self.assertions: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                assertion = parse_qs(body).get("assertion", [""])[0]
                outer.assertions.append(assertion)
                data = json.dumps(
                    {
                        "error": "invalid_grant",
                        "error_description": f"Invalid JWT {assertion}; last token {LEAKED_TOKEN}",
                    }
                ).encode()
                self.send_response(400)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/token"

    def __enter__(self) -> TokenServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def write_key_file(folder: Path, pem: str, token_uri: str, mode: int = 0o600) -> Path:
    path = folder / "credentials.json"
    info = {
        "type": "service_account",
        "project_id": "daisuso-test",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": pem,
        "client_email": EMAIL,
        "client_id": "123456789012345678901",
        "token_uri": token_uri,
    }
    path.write_text(json.dumps(info), encoding="utf-8")
    path.chmod(mode)
    return path


def secret_fragments(pem: str, assertions: list[str]) -> list[str]:
    body = [line for line in pem.splitlines() if line and not line.startswith("-----")]
    fragments = [*body, "PRIVATE KEY", LEAKED_TOKEN, "ya29."]
    for assertion in assertions:
        fragments.extend(part for part in assertion.split(".") if len(part) > 20)
    return fragments


@pytest.fixture
def google_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Real auth code: no emulator, Sheets calls forced through a dead proxy."""
    monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    dead = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("HTTPS_PROXY", dead)  # never reach the real sheets.googleapis.com
    monkeypatch.setenv("https_proxy", dead)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    google_config(
        tmp_path,
        "1SecretTestKey0123456789",
        google="max_attempts = 2\nmax_wait_seconds = 0.01\ntimeout_seconds = 3\n",
    )
    return tmp_path


def everything_said(
    folder: Path, results: list[Any], caplog: pytest.LogCaptureFixture
) -> list[str]:
    texts = [r.stdout for r in results] + [r.stderr for r in results] + [caplog.text]
    texts += [repr(r.exception) for r in results if r.exception is not None]
    state = folder / ".daisuso"
    texts += (
        [p.read_text(encoding="utf-8") for p in state.rglob("*.json")] if state.exists() else []
    )
    return texts


@pytest.mark.parametrize("endpoint", ["closed-port", "echoing-server"])
def test_private_key_and_tokens_never_appear(
    google_folder: Path, caplog: pytest.LogCaptureFixture, endpoint: str
) -> None:
    pem = private_key_pem()
    config = google_folder / "daisuso.toml"
    caplog.set_level(logging.DEBUG)
    with TokenServer() as server:
        uri = server.uri if endpoint == "echoing-server" else f"http://127.0.0.1:{closed_port()}/t"
        write_key_file(google_folder, pem, uri)
        results = [
            runner.invoke(app, ["sync", "--config", str(config)]),
            runner.invoke(app, ["doctor", "--config", str(config)]),
            runner.invoke(app, ["validate", "--config", str(config), "--format", "json"]),
        ]
    assert [r.exit_code for r in results] == [4, 4, 4]
    if endpoint == "echoing-server":
        assert len(server.assertions) >= 3 and all(server.assertions)  # real signing happened
    assert "Không lấy được mã truy cập" in results[0].stderr or "xác thực" in results[0].stderr
    assert EMAIL in results[1].stdout  # doctor still names the address to share with
    said = everything_said(google_folder, results, caplog)
    pending = json.loads(next((google_folder / ".daisuso").glob("state-*.json")).read_text())
    assert [row[1] for row in pending["pending_log"]] == ["Thất bại"]
    for fragment in secret_fragments(pem, server.assertions):
        for text in said:
            assert fragment not in text, f"secret fragment {fragment[:12]}… leaked"


def test_key_file_readable_by_others_gets_a_doctor_warning(google_folder: Path) -> None:
    config = google_folder / "daisuso.toml"
    pem = private_key_pem()
    key = write_key_file(google_folder, pem, f"http://127.0.0.1:{closed_port()}/t", mode=0o644)
    loose = runner.invoke(app, ["doctor", "--config", str(config)])
    warning = [line for line in loose.stdout.splitlines() if line.startswith("!")]
    assert warning == [
        f"! Quyền của tệp khóa {key} → Người dùng khác đọc được tệp khóa; chạy: chmod 600 '{key}'"
    ]
    key.chmod(0o600)
    tight = runner.invoke(app, ["doctor", "--config", str(config)])
    assert not [line for line in tight.stdout.splitlines() if line.startswith("!")]
    assert f"✓ Quyền của tệp khóa {key}" in tight.stdout
    for text in (loose.stdout, loose.stderr, tight.stdout, tight.stderr):
        assert all(line not in text for line in pem.splitlines()[1:-1])


# --- personal data ---------------------------------------------------------------------------

TEN_DIGITS = re.compile(r"(?<!\d)0\d{9}(?!\d)")
EXAMPLE_PHONE = "0912345678"  # the format example in the phone_invalid message, nobody's number
D = date(2025, 10, 20)


def phone_campaign() -> tuple[dict[str, list[list[object]]], list[str]]:
    """small_campaign plus rows whose issues carry phones in every way we know of."""
    grids = small_campaign()
    grids["Đại sứ số"] += [
        # same name + birth year + commune as row 2, a different phone: a warning naming both
        ambassador_row("Lê Văn Một", "0916 000 001", "Phường Ninh Kiều", "T01", D),
        ambassador_row(
            "Võ Thị Sai", "091600000", "Phường Ninh Kiều", "T01", D
        ),  # 9 digits: invalid
        ambassador_row("Võ Thị Dư", "0916.000.0033", "Phường Ninh Kiều", "T01", D),  # 11 digits
        ambassador_row("Đỗ Văn Lặp", "+84 912 000 003", "Phường Cái Khế", "T01", D),  # duplicate
        ambassador_row("Ngô Thị Ngoài", "0917000001", "Xã Không Có", "T01", D),  # unknown commune
        ambassador_row("Mai Văn Tổ", "0917000002", "Phường Ninh Kiều", "T99", D),  # unknown team
    ]
    grids["Tổ"].append(["T02", "Bùi Văn Bảy", "Thành viên", "VNPT", "0918 00 00 1", "bad@"])
    phones = [
        "0912000001", "0912000002", "0912000003", "0913000001", "0914000001", "0112345678",
        "0916000001", "0916000003", "0917000001", "0917000002", "0918000001",
        "0910000000", "0920000000",
    ]  # fmt: skip
    return grids, phones


def leaked_phones(text: str, phones: list[str]) -> list[str]:
    squashed = re.sub(r"(?<=\d)[ .\-]+(?=\d)", "", text)
    found = [n for n in TEN_DIGITS.findall(squashed) if n != EXAMPLE_PHONE]
    found += [p for p in phones if p[1:8] in squashed]  # also '+84 912 000 003', '912000003'
    return found


@pytest.fixture
def phone_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    grids, phones = phone_campaign()
    write_workbook(tmp_path / "book.xlsx", grids)
    write_config(tmp_path)
    return tmp_path, phones


def sheet_text(path: Path, titles: tuple[str, ...]) -> str:
    wb = load_workbook(path)
    try:
        return "\n".join(
            " | ".join("" if v is None else str(v) for v in row)
            for title in titles
            for row in wb[title].iter_rows(values_only=True)
        )
    finally:
        wb.close()


SUMMARY = ("Tổng hợp", "Theo tổ", "Theo xã", "Cảnh báo", "Lỗi dữ liệu", "Nhật ký")


def test_phones_are_masked_in_every_cli_output_and_summary_tab(
    phone_folder: tuple[Path, list[str]], caplog: pytest.LogCaptureFixture
) -> None:
    folder, phones = phone_folder
    config = str(folder / "daisuso.toml")
    caplog.set_level(logging.DEBUG)
    today = ["--today", "2025-11-10"]
    outputs = {
        "validate": runner.invoke(app, ["validate", "--config", config, *today]),
        "validate json": runner.invoke(
            app, ["validate", "--config", config, "--format", "json", *today]
        ),
        "sync --dry-run": runner.invoke(app, ["sync", "--config", config, "--dry-run", *today]),
        "sync": runner.invoke(app, ["sync", "--config", config, *today]),
        "doctor": runner.invoke(app, ["doctor", "--config", config]),
        "snapshots": runner.invoke(app, ["snapshots", "--config", config]),
    }
    assert {name: r.exit_code for name, r in outputs.items()} == dict.fromkeys(outputs, 0)
    report = json.loads(outputs["validate json"].stdout)
    phone_issues = [i for i in report["issues"] if i["column"] == "Số điện thoại"]
    assert len(phone_issues) >= 5  # the search below looks at real phone-bearing issues
    for name, result in outputs.items():
        assert leaked_phones(result.stdout + result.stderr, phones) == [], name
    assert leaked_phones(caplog.text, phones) == []
    tabs = sheet_text(folder / "book.xlsx", SUMMARY)
    assert "*******001" in tabs  # masked, last 3 digits kept
    assert leaked_phones(tabs, phones) == []


def test_show_personal_data_shows_full_phones_only_when_asked(
    phone_folder: tuple[Path, list[str]],
) -> None:
    folder, _ = phone_folder
    config = str(folder / "daisuso.toml")
    today = ["--today", "2025-11-10"]
    text = runner.invoke(app, ["validate", "--config", config, "--show-personal-data", *today])
    data = runner.invoke(
        app, ["validate", "--config", config, "--format", "json", "--show-personal-data", *today]
    )
    assert "0912000001" in text.stdout and "0112345678" in text.stdout
    assert "0912000001" in data.stdout  # the duplicate message names the phone in full
    sync = runner.invoke(app, ["sync", "--config", config, "--show-personal-data", *today])
    assert sync.exit_code == 0
    masked = runner.invoke(app, ["validate", "--config", config, *today])
    assert "0912000001" not in masked.stdout and "*******001" in masked.stdout


def test_a_phone_typed_into_another_column_is_masked_too(tmp_path: Path) -> None:
    """Columns shift: a phone lands in Năm sinh or Ngày công nhận; the issue shows the value."""
    grids = small_campaign()
    row = ambassador_row("Lệch Cột", "0919000001", "Phường Ninh Kiều", "T01", D)
    row[1] = "0919000009"  # Năm sinh
    grids["Đại sứ số"].append(row)
    write_workbook(tmp_path / "book.xlsx", grids)
    config = str(write_config(tmp_path))
    out = runner.invoke(app, ["validate", "--config", config, "--today", "2025-11-10"])
    synced = runner.invoke(app, ["sync", "--config", config, "--today", "2025-11-10"])
    assert (out.exit_code, synced.exit_code) == (0, 0)
    issues = sheet_text(tmp_path / "book.xlsx", ("Lỗi dữ liệu",))
    assert "Năm sinh" in issues  # the issue is there
    assert "0919000009" not in out.stdout
    assert "0919000009" not in issues


def test_run_worker_log_output_masks_phones(phone_folder: tuple[Path, list[str]]) -> None:
    folder, phones = phone_folder
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SHEETS_EMULATOR_HOST", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync", "run", "--config", str(folder / "daisuso.toml")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            wb = folder / "book.xlsx"
            if "Nhật ký" in load_workbook(wb, read_only=True).sheetnames:
                break
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Lần đồng bộ tiếp theo lúc" in err  # the worker logged its sync and its next try
    assert leaked_phones(out + err, phones) == []


# --- formula / CSV / DDE injection ---------------------------------------------------------

NASTY = [
    '=HYPERLINK("http://evil.example","bấm")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=2+2",
]
