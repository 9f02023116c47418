"""Soak: the scheduled worker, on an injected clock, through 2,000 cycles of a real
SyncService on the Google path against the emulator, with random faults, then without.

The 2,000 cycles run as two independent parts of 1,000 (own emulator, own service, own
fault seed) that pytest-xdist runs side by side; every property below is asserted on each
part, so over all 2,000 cycles: faults bite in the first three quarters, every sync
succeeds after them, the backoff of every cycle, the log cap, and memory kept flat from
cycle 50 to 1,000 of each part (the limit scaled to the cycles measured).

The emulator runs in its own process here, so tracemalloc measures the worker alone and
the emulator's bookkeeping (its request log) is not counted. The campaign is tiny, in the
province with the fewest communes (Lai Châu, 38), and its entry tabs are cut to 40 rows
(the worker reads every row's metadata for hidden rows): a cycle is cheap, so there are many.
"""

from __future__ import annotations

import gc
import logging
import os
import random
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests

from sync.adapters.google.backend import RetryPolicy
from sync.app.worker import Worker
from sync.config import load_settings
from tests.builders import (
    AMB_HEADER,
    ASSIGN_HEADER,
    MEMBERS_HEADER,
    TRAIN_HEADER,
    ambassador_row,
    team_rows,
)
from tests.fakes import FakeClock
from tests.plugins.emulator import EmulatorHandle
from tests.reliability_helpers import (
    FAILED_WORD,
    OK_WORD,
    ZONE,
    google_config,
    google_service,
    log_rows,
    summary_tabs,
    to_seed,
)

REPO = Path(__file__).resolve().parents[2]
KEY = "soakKEY0123456789"
CYCLES = int(os.environ.get("DAISUSO_SOAK_CYCLES", "2000"))  # in all; smaller for a quick run
PARTS = 2  # independent parts, run side by side by pytest-xdist
PART_CYCLES = CYCLES // PARTS
FAULTS_UNTIL = PART_CYCLES * 3 // 4  # cycles 1..750 of a part see random faults, then they clear
MEASURE_FROM = max(10, PART_CYCLES // 20)  # 50 of 1,000
# 5 MB over cycles 100..2,000 of one long run, as a rate: the same leak per cycle fails.
GROWTH_LIMIT = 5 * 1024 * 1024 * (PART_CYCLES - MEASURE_FROM) // 1900
ENTRY_ROWS = 40
FAULT_RATE = 0.10
LOG_KEEP = 20  # small in the soak (cost); the default 500 is checked below
EVERY_MINUTES = 1
RETRY_BASE = 2.0  # worker backoff 2, 4, 8, 16, 32 s, then the 60 s interval
TODAY = date(2025, 11, 10)
REQUESTS = (
    r"^GET /v4/spreadsheets/[^/:]+$",
    r"^GET /v4/spreadsheets/[^/:]+/values:batchGet$",
    r"^POST /v4/spreadsheets/[^/:]+:batchUpdate$",
)
FAULTS: tuple[dict[str, Any], ...] = (
    {"status": 429},
    {"status": 500},
    {"status": 503},
    {"drop": True},
)


def tiny_campaign() -> dict[str, list[list[object]]]:
    day = date(2025, 10, 20)
    return {
        "Tổ": [list(MEMBERS_HEADER), *team_rows("T01", 10000000)],
        "Phân công": [list(ASSIGN_HEADER), ["T01", "Xã Mường Kim", 5]],
        "Đại sứ số": [
            list(AMB_HEADER),
            *[ambassador_row(f"Đại Sứ {i}", f"09120000{i:02d}", "Xã Mường Kim", "T01", day) for i in range(8)],
            ambassador_row("Sai Số", "0112345678", "Xã Mường Kim", "T01", day),
        ],
        "Tập huấn": [list(TRAIN_HEADER), [day, "T01", "Xã Mường Kim", "VNeID", 12, 2]],
    }  # fmt: skip


@pytest.fixture
def emulator_process() -> Iterator[EmulatorHandle]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.emulator", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        handle = EmulatorHandle(SimpleNamespace(host=url.removeprefix("http://"), url=url))  # type: ignore[arg-type]
        yield handle
        handle.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


class CountingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.errors += 1


def cut_entry_tabs(emu: EmulatorHandle, rows: int) -> None:
    """Resize every seeded tab to `rows` rows through the Sheets API (seeds get 1,000)."""
    url = f"{emu.url}/v4/spreadsheets/{KEY}"
    meta = requests.get(url, params={"fields": "sheets.properties.sheetId"}, timeout=10).json()
    fields = "gridProperties.rowCount"
    resize = [
        {
            "updateSheetProperties": {
                "properties": {**s["properties"], "gridProperties": {"rowCount": rows}},
                "fields": fields,
            }
        }
        for s in meta["sheets"]
    ]
    requests.post(url + ":batchUpdate", json={"requests": resize}, timeout=10).raise_for_status()


@pytest.mark.long
@pytest.mark.parametrize("part", range(PARTS))
def test_a_thousand_cycles_with_random_faults(
    emulator_process: EmulatorHandle, tmp_path: Path, part: int
) -> None:
    emu = emulator_process
    emu.seed(KEY, to_seed(tiny_campaign()))
    cut_entry_tabs(emu, ENTRY_ROWS)
    config = google_config(tmp_path, KEY, extra=f"log_keep = {LOG_KEEP}\n")
    config.write_text(config.read_text(encoding="utf-8").replace("Cần Thơ", "Lai Châu"))
    settings = load_settings(config)
    clock = FakeClock(datetime(2025, 11, 10, 7, 0, tzinfo=ZONE))
    retry = RetryPolicy(max_attempts=3, max_wait_seconds=5, timeout_seconds=2)  # 60/min pacing
    service = google_service(emu.host, KEY, tmp_path, clock, fake=FakeClock(sleep_overshoot=1e-9), retry=retry, settings=settings)  # fmt: skip
    rng = random.Random(20251110 + part)
    outcomes: list[bool] = []
    memory: dict[int, int] = {}
    snapshots: dict[int, tracemalloc.Snapshot] = {}
    log_sizes: list[int] = []
    state = {"faults": False}

    def job() -> None:
        n = worker.cycles
        if n == MEASURE_FROM:
            gc.collect()
            tracemalloc.start()
            memory[n] = tracemalloc.get_traced_memory()[0]
            snapshots[n] = tracemalloc.take_snapshot()
        if n % 200 == 0:
            emu.clear_requests()  # the emulator's own log, in its own process
        if state["faults"]:
            emu.clear_faults()
            state["faults"] = False
        if n <= FAULTS_UNTIL:
            for match in REQUESTS:
                if rng.random() < FAULT_RATE:
                    emu.fault(match, times=rng.randint(1, 4), **rng.choice(FAULTS))
                    state["faults"] = True
        try:
            service.sync(TODAY)
        except Exception:
            outcomes.append(False)
            raise
        else:
            outcomes.append(True)
        finally:
            if n == PART_CYCLES:
                gc.collect()
                memory[n] = tracemalloc.get_traced_memory()[0]
                snapshots[n] = tracemalloc.take_snapshot()
                tracemalloc.stop()
            if n % (PART_CYCLES // 8) == 0:
                log_sizes.append(len(log_rows(emu.values(KEY))))

    waits: list[float] = []
    worker = Worker(
        job, EVERY_MINUTES, clock=clock, sleep=clock.sleep, retry_base_seconds=RETRY_BASE,
        on_wait=lambda delay, _failures: waits.append(delay),
    )  # fmt: skip
    # pytest's log capture keeps every record, and a record keeps its exception and so every
    # frame of the failed sync: count the worker's error lines instead of capturing them.
    worker_log = logging.getLogger("daisuso.worker")
    counter = CountingHandler()
    worker_log.addHandler(counter)
    worker_log.propagate = False
    try:
        assert worker.run(max_cycles=PART_CYCLES) == PART_CYCLES
    finally:
        worker_log.propagate = True
        worker_log.removeHandler(counter)
        if tracemalloc.is_tracing():
            tracemalloc.stop()

    assert len(outcomes) == len(waits) == PART_CYCLES
    failed = [i for i, ok in enumerate(outcomes) if not ok]
    assert 0.03 * FAULTS_UNTIL < len(failed) < 0.5 * FAULTS_UNTIL  # the faults did bite
    assert all(outcomes[FAULTS_UNTIL:])  # after the faults clear, every sync succeeds
    # Backoff: doubles between consecutive failed cycles (capped), resets after a success.
    interval = EVERY_MINUTES * 60.0
    streak = 0
    for ok, wait in zip(outcomes, waits, strict=True):
        streak = 0 if ok else streak + 1
        expected = interval if ok else min(interval, RETRY_BASE * 2 ** (streak - 1))
        assert wait == expected
    longest = max(
        (len(run) for run in "".join("x" if not ok else " " for ok in outcomes).split()),
        default=0,
    )
    assert longest >= 2  # growth was really exercised
    # Nhật ký: capped at log_keep all along, newest rows kept, the last ones all successes.
    assert log_sizes and all(size <= LOG_KEEP for size in log_sizes)
    final = emu.values(KEY)
    rows = log_rows(final)
    assert len(rows) == LOG_KEEP
    assert [r[1] for r in rows] == [OK_WORD] * LOG_KEEP
    stamps = [r[0] for r in rows]
    assert stamps == sorted(stamps) and stamps[-1] > stamps[0]
    assert "Tổng hợp" in summary_tabs(final)
    # Memory stays flat from cycle 50 to cycle 1,000.
    growth = memory[PART_CYCLES] - memory[MEASURE_FROM]
    top = snapshots[PART_CYCLES].compare_to(snapshots[MEASURE_FROM], "lineno")[:8]
    assert growth < GROWTH_LIMIT, f"grew {growth / 1e6:.1f} MB:\n" + "\n".join(map(str, top))
    assert counter.errors == outcomes.count(False)  # every failed cycle was logged


def test_default_log_keep_caps_nhat_ky_at_the_newest_500_rows(
    sheets_emulator: Any, tmp_path: Path
) -> None:
    emu = sheets_emulator
    header = ["Thời gian", "Kết quả", "Số dòng đọc", "Lỗi", "Cảnh báo", "Thời lượng (s)", "Ghi chú"]
    old = [[{"datetime": f"2025-11-0{1 + i // 500}T00:00:00"}, OK_WORD, 1, 0, 0, 0, f"cũ {i}"] for i in range(520)]  # fmt: skip
    emu.seed(KEY, {**to_seed(tiny_campaign()), "Nhật ký": [header, *old]})
    config = google_config(tmp_path, KEY)
    config.write_text(config.read_text(encoding="utf-8").replace("Cần Thơ", "Lai Châu"))
    clock = FakeClock(datetime(2025, 11, 10, 7, 0, tzinfo=ZONE))
    service = google_service(emu.host, KEY, tmp_path, clock, settings=load_settings(config))
    assert service.settings.worker.log_keep == 500
    service.sync(TODAY)
    rows = log_rows(emu.values(KEY))
    assert len(rows) == 500
    assert rows[0][6] == "cũ 21" and rows[-2][6] == "cũ 519" and rows[-1][1] == OK_WORD
    emu.fault(REQUESTS[1], status=503, times=3)
    with pytest.raises(Exception, match="3 lần thử"):
        service.sync(TODAY)
    clock.sleep(60)
    service.sync(TODAY)  # the failure row and this sync's row: still 500, oldest dropped
    rows = log_rows(emu.values(KEY))
    assert len(rows) == 500
    assert rows[0][6] == "cũ 23"
    assert [r[1] for r in rows[-3:]] == [OK_WORD, FAILED_WORD, OK_WORD]


def test_pacer_with_an_injected_clock_never_livelocks() -> None:
    from sync.adapters.google.http import Pacer

    first, second = 1009.3859586774234, 1011.0868072687438  # found by search: 1 ulp apart
    clock = FakeClock(monotonic=first, max_sleeps=10)
    pacer = Pacer(1, clock=clock.monotonic, sleep=clock.sleep)
    pacer.acquire()
    clock.mono = second
    waited = pacer.acquire()  # must wait the ~58.3 s left in the window, then go
    assert waited == pytest.approx(first + 60 - second)
    assert len(clock.sleeps) == 1
