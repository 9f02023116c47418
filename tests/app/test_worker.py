"""The scheduled worker, driven by an injected clock and sleep (no patching of datetime)."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sync.app.worker import Worker
from tests.builders import small_campaign, write_config, write_workbook
from tests.fakes import FakeClock


def test_runs_every_interval() -> None:
    clock = FakeClock()
    runs: list[datetime] = []
    worker = Worker(lambda: runs.append(clock()), 10, clock=clock, sleep=clock.sleep)
    worker.run(max_cycles=3)
    assert runs == [
        datetime(2025, 11, 10, 8, 0),
        datetime(2025, 11, 10, 8, 10),
        datetime(2025, 11, 10, 8, 20),
    ]


def test_failing_sync_is_logged_and_the_loop_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    outcomes = iter([RuntimeError("sheet down"), None, None])

    def job() -> None:
        outcome = next(outcomes)
        if outcome is not None:
            raise outcome

    worker = Worker(job, 10, clock=clock, sleep=clock.sleep)
    with caplog.at_level(logging.ERROR, logger="daisuso.worker"):
        assert worker.run(max_cycles=3) == 3
    # The failure is said in the configured language (Vietnamese by default), with the next try.
    retry = (datetime(2025, 11, 10, 8, 0) + timedelta(seconds=60)).strftime("%d/%m/%Y %H:%M:%S")
    assert f"Đồng bộ thất bại (1 lần liên tiếp): sheet down — thử lại lúc {retry}." in caplog.text
    assert worker.failures == 0


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Đồng bộ thất bại (1 lần liên tiếp): sheet down — thử lại lúc {at}."),
        ("en", "Sync failed (1 in a row): sheet down — next try at {at}."),
    ],
)
def test_a_failure_says_when_the_next_try_comes_in_the_configured_language(
    caplog: pytest.LogCaptureFixture, lang: str, expected: str
) -> None:
    clock = FakeClock()

    def job() -> None:
        raise RuntimeError("sheet down")

    worker = Worker(job, 10, clock=clock, sleep=clock.sleep, lang=lang, retry_base_seconds=60)
    with caplog.at_level(logging.INFO, logger="daisuso.worker"):
        worker.run(max_cycles=1)
    at = (datetime(2025, 11, 10, 8, 0) + timedelta(seconds=60)).strftime("%d/%m/%Y %H:%M:%S")
    assert caplog.messages == [expected.format(at=at)]


def test_backoff_grows_between_failures_and_resets_after_success() -> None:
    clock = FakeClock()
    results = [False] * 5 + [True, False, True]

    def job() -> None:
        if not results.pop(0):
            raise RuntimeError("503")

    waits: list[float] = []
    worker = Worker(job, 10, clock=clock, sleep=clock.sleep, retry_base_seconds=60,
                    on_wait=lambda delay, _failures: waits.append(delay))  # fmt: skip
    worker.run(max_cycles=8)
    # 60, 120, 240, 480 s, then capped at the 600 s interval; success → 600; one failure → 60 again.
    assert waits == [60, 120, 240, 480, 600, 600, 60, 600]


def test_stop_during_a_sync_finishes_it_then_exits() -> None:
    clock = FakeClock()
    finished: list[bool] = []
    worker: Worker

    def job() -> None:
        worker.stop()  # a signal arriving while the sync runs
        finished.append(True)

    worker = Worker(job, 10, clock=clock, sleep=clock.sleep)
    assert worker.run() == 1
    assert finished == [True]


def test_sleeps_in_short_naps_so_signals_are_noticed() -> None:
    clock = FakeClock()
    worker = Worker(lambda: None, 1, clock=clock, sleep=clock.sleep)
    worker.run(max_cycles=2)
    assert clock.sleeps and max(clock.sleeps) <= 1.0
    assert sum(clock.sleeps) == pytest.approx(60.0)


def test_sigterm_finishes_and_exits_0(tmp_path: Path) -> None:
    write_workbook(tmp_path / "book.xlsx", small_campaign())
    config = write_config(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync", "run", "--config", str(config), "--today", "2025-11-10"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if "Nhật ký" in load_workbook(tmp_path / "book.xlsx").sheetnames:
                break
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err.decode()
    log = list(load_workbook(tmp_path / "book.xlsx")["Nhật ký"].iter_rows(values_only=True))
    assert len(log) >= 2 and log[1][1] == "Thành công"
