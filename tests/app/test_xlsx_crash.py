"""The xlsx workbook survives a crash at any point of a save: old or new, never broken."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sync.store.state import StateStore
from tests.app.test_fault_matrix import (
    D1,
    D2,
    REPO,
    Boom,
    temp_files,
    workbook_values,
    xlsx_service,
)
from tests.builders import small_campaign, write_config, write_workbook
from tests.reliability_helpers import (
    FAILED_WORD,
    OK_WORD,
)


def test_crash_between_temp_file_and_replace_keeps_the_old_workbook(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "book.xlsx", small_campaign())
    xlsx_service(path).sync(D1)
    old_bytes = path.read_bytes()
    old = workbook_values(path)
    seen: list[Path] = []

    def crash(temp: Path) -> None:
        seen.append(temp)
        assert temp.exists() and temp.stat().st_size > 0  # fully written, not yet renamed
        with temp.open("rb") as handle:
            load_workbook(handle).close()  # and it is a whole workbook
        raise Boom("power cut before the rename")

    with pytest.raises(Boom):
        xlsx_service(path, before_replace=crash).sync(D2)
    assert len(seen) == 1
    assert path.read_bytes() == old_bytes
    assert workbook_values(path) == old
    assert temp_files(tmp_path) == []
    pending = StateStore(tmp_path / ".daisuso", str(path.resolve())).pending_log_rows()
    assert [r[1] for r in pending] == [FAILED_WORD]
    assert pending[0][-1] == "Boom: power cut before the rename"


def test_exception_inside_workbook_save_keeps_the_old_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl.workbook.workbook import Workbook

    path = write_workbook(tmp_path / "book.xlsx", small_campaign())
    xlsx_service(path).sync(D1)
    old_bytes = path.read_bytes()
    real_save = Workbook.save

    def failing_save(self: Workbook, target: Any) -> None:
        real_save(self, target)  # half the bytes are out, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", failing_save)
    with pytest.raises(OSError, match="No space left"):
        xlsx_service(path).sync(D2)
    monkeypatch.undo()
    assert path.read_bytes() == old_bytes
    assert temp_files(tmp_path) == []
    xlsx_service(path).sync(D2)  # and the next sync writes the failure row, then its own
    log = workbook_values(path)["Nhật ký"][1:]
    assert [r[1] for r in log] == [OK_WORD, FAILED_WORD, OK_WORD]
    assert temp_files(tmp_path) == []


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workbook large enough that a sync takes seconds (most of it loading and saving)."""
    from sync.demo.data import build_demo_workbook

    path = tmp_path_factory.mktemp("big") / "big.xlsx"
    build_demo_workbook(path, ambassadors=4_000)
    return path


def run_cli_sync(config: Path, today: str = "2025-11-10") -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SHEETS_EMULATOR_HOST", None)
    return subprocess.Popen(
        [sys.executable, "-m", "sync", "sync", "--config", str(config), "--today", today],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def read_only_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every tab's values; raises if the file is not a whole workbook."""
    wb = load_workbook(path, read_only=True)
    try:
        return {
            ws.title: [_trim(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets
        }
    finally:
        wb.close()


def _trim(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Read-only mode pads rows to the sheet's stated width; compare without the padding."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def without_sync_time(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    from datetime import datetime

    return [r for r in rows if not any(isinstance(v, datetime) for v in r)]


def wait_for_temp_file(folder: Path, proc: subprocess.Popen[bytes], limit: float = 60) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if temp_files(folder):
            return True
        time.sleep(0.001)
    return False


@pytest.mark.long
def test_kill_9_during_a_large_save_leaves_old_or_new(big_workbook: Path, tmp_path: Path) -> None:
    import shutil

    path = tmp_path / big_workbook.name
    shutil.copy(big_workbook, path)
    config = write_config(tmp_path, workbook=path.name)
    entry = {t: r for t, r in read_only_values(path).items()}
    first = run_cli_sync(config)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err.decode()
    base = read_only_values(path)
    assert {t: base[t] for t in entry} == entry
    rng = random.Random(20251110)
    outcomes: list[str] = []
    # Two kills after a random 0.5-3 s, two aimed at the save itself (temp file being written).
    for aim_at_save in (False, True, False, True):
        log_before = read_only_values(path)["Nhật ký"]
        proc = run_cli_sync(config)
        if aim_at_save:
            # The spliced write lasts milliseconds: a sync may finish before the temp file
            # is seen, and then it is simply done.
            if wait_for_temp_file(tmp_path, proc):
                time.sleep(rng.uniform(0.0, 0.005))
        else:
            time.sleep(rng.uniform(0.5, 3.0))
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=120)
        now = read_only_values(path)  # always a whole workbook
        assert list(now) == list(base)
        assert {t: now[t] for t in entry} == entry
        for title in ("Theo tổ", "Theo xã", "Cảnh báo", "Lỗi dữ liệu"):
            assert now[title] == base[title]
        assert without_sync_time(now["Tổng hợp"]) == without_sync_time(base["Tổng hợp"])
        log = now["Nhật ký"]
        assert log in (log_before, [*log_before, log[-1]])  # old version, or one more row
        if len(log) > len(log_before):
            assert log[-1][1] == OK_WORD
        outcomes.append(
            ("killed-" if killed else "done-") + ("new" if log != log_before else "old")
        )
    assert any(o.startswith("killed") for o in outcomes), outcomes
    final = run_cli_sync(config)
    _, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    assert temp_files(tmp_path) == []
    assert read_only_values(path)["Nhật ký"][-1][1] == OK_WORD
