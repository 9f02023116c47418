"""Two real `python -m sync sync` processes on one spreadsheet: one syncs, the other exits 5
naming the holder; a lock left by a killed process is taken over at once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sync.store.lock import lock_path_for
from tests.builders import small_campaign, write_config
from tests.reliability_helpers import google_config, log_rows, to_seed

REPO = Path(__file__).resolve().parents[2]
HOST = socket.gethostname()


def cli(config: Path, *args: str, emulator: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SHEETS_EMULATOR_HOST", None)
    if emulator:
        env["SHEETS_EMULATOR_HOST"] = emulator
    return subprocess.Popen(
        [sys.executable, "-m", "sync", "sync", "--config", str(config), "--today", "2025-11-10", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def race(config: Path, emulator: str | None = None) -> list[tuple[int, int, str]]:
    """Start two syncs together; (pid, exit code, stderr) of each."""
    procs = [cli(config, emulator=emulator), cli(config, emulator=emulator)]
    out = []
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        out.append((proc.pid, proc.returncode, err))
    return out


def check_one_winner(results: list[tuple[int, int, str]]) -> None:
    codes = sorted(code for _, code, _ in results)
    assert codes == [0, 5], results
    winner = next(pid for pid, code, _ in results if code == 0)
    loser_err = next(err for _, code, err in results if code == 5)
    assert f"(máy {HOST}, pid {winner}, từ " in loser_err


@pytest.fixture(scope="module")
def slow_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sync.demo.data import build_demo_workbook

    path = tmp_path_factory.mktemp("slow") / "book.xlsx"
    build_demo_workbook(path, ambassadors=6_000)  # a sync takes a few seconds: the race is real
    return path


def test_two_syncs_on_one_workbook(slow_workbook: Path, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(slow_workbook.read_bytes())
    config = write_config(tmp_path)
    check_one_winner(race(config))
    wb = load_workbook(path, read_only=True)
    try:
        rows = list(wb["Nhật ký"].iter_rows(min_row=2, values_only=True))
    finally:
        wb.close()
    assert len([r for r in rows if any(v is not None for v in r)]) == 1


@pytest.fixture
def google_key() -> Iterator[str]:
    key = f"conc{uuid.uuid4().hex}"
    yield key
    lock_path_for(key).unlink(missing_ok=True)


def test_two_syncs_on_one_emulated_spreadsheet(
    sheets_emulator: Any, tmp_path: Path, google_key: str
) -> None:
    emu = sheets_emulator
    emu.seed(google_key, to_seed(small_campaign()))
    config = google_config(tmp_path, google_key, google="timeout_seconds = 20\n")
    # Whoever gets the lock first waits 4 s for the spreadsheet: the other one arrives
    # while the lock is held.
    emu.fault(r"^GET /v4/spreadsheets/[^/:]+$", status=0, delay_s=4.0, times=1)
    check_one_winner(race(config, emulator=emu.host))
    assert [r[1] for r in log_rows(emu.values(google_key))] == ["Thành công"]
    assert lock_path_for(google_key).parent == Path(__import__("tempfile").gettempdir())


HOLDER = """
import sys, time
from datetime import datetime
from pathlib import Path
from sync.store.lock import sync_lock
with sync_lock(Path(sys.argv[1]), now=datetime.now()):
    print("held", flush=True)
    time.sleep(120)
"""


def test_a_lock_left_by_a_killed_process_is_taken_over_at_once(tmp_path: Path) -> None:
    from tests.builders import write_workbook

    book = write_workbook(tmp_path / "book.xlsx", small_campaign())
    config = write_config(tmp_path)
    lock = lock_path_for(str(book.resolve()), book.resolve().parent)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        blocked = cli(config)
        _, err = blocked.communicate(timeout=60)
        assert blocked.returncode == 5
        assert f"(máy {HOST}, pid {holder.pid}, từ " in err
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
    assert lock.exists() and str(holder.pid) in lock.read_text()  # the file is still there
    after = cli(config)
    _, err = after.communicate(timeout=60)  # a stale lock is taken over, never waited out
    assert after.returncode == 0, err
    wb = load_workbook(book, read_only=True)
    try:
        rows = list(wb["Nhật ký"].iter_rows(min_row=2, values_only=True))
    finally:
        wb.close()
    assert len(rows) == 1 and rows[0][1] == "Thành công"
