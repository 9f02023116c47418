"""Shared pieces of the reliability tests: fake time, Google-path services on the emulator,
seeds built from the hand-made campaign, and comparisons of summary tabs."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sync.adapters.google.backend import GoogleBackend, Pacer, RetryPolicy
from sync.app.service import SyncService
from sync.config import Settings, load_settings
from sync.store.snapshots import SnapshotStore
from sync.store.state import StateStore
from tests.builders import write_config
from tests.google_helpers import seedable as to_seed  # noqa: F401 — re-exported for the tests

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
ENTRY_TABS = ("Tổ", "Phân công", "Đại sứ số", "Tập huấn")
LOG_TAB = "Nhật ký"
OK_WORD = "Thành công"
FAILED_WORD = "Thất bại"


class FakeTime:
    """A monotonic clock that only moves when something sleeps (retry backoff, pacer)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        # A real sleep never returns early: a hair more than asked keeps the Pacer out of
        # its float-rounding livelock (see test_soak.test_pacer_with_an_injected_clock...).
        self.now += seconds + 1e-9


class WallClock:
    """The service's aware 'now', set by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def serial(moment: datetime) -> float:
    """A naive wall time as a Sheets serial number (what the emulator dumps)."""
    naive = moment.replace(tzinfo=None)
    return (naive - datetime(1899, 12, 30)).total_seconds() / 86400


def google_config(folder: Path, key: str, extra: str = "", google: str = "") -> Path:
    """A config for the Google backend (the emulator supplies anonymous credentials)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = write_config(folder, extra=extra)
    text = config.read_text(encoding="utf-8").replace(
        'backend = "xlsx"', f'backend = "google"\nkey = "{key}"'
    )
    if google:
        text += f"\n[google]\n{google}"
    config.write_text(text, encoding="utf-8")
    return config


def google_service(
    host: str,
    key: str,
    folder: Path,
    clock: Callable[[], datetime],
    *,
    fake: FakeTime | None = None,
    retry: RetryPolicy | None = None,
    settings: Settings | None = None,
    rng_seed: int = 0,
) -> SyncService:
    """A SyncService like the composition root builds, with fake sleep and a fixed timer."""
    fake = fake or FakeTime()
    settings = settings or load_settings(google_config(folder, key))
    retry = retry or RetryPolicy(max_attempts=3, max_wait_seconds=5, timeout_seconds=0.5)
    backend = GoogleBackend(
        key,
        None,
        retry=retry,
        emulator_host=host,
        clock=fake.monotonic,
        sleep=fake.sleep,
        rng=random.Random(rng_seed),
        pacer=Pacer(retry.requests_per_minute, clock=fake.monotonic, sleep=fake.sleep),
    )
    return SyncService(
        backend,
        settings,
        clock=clock,
        timer=lambda: 0.0,  # durations in Nhật ký are 0: results compare exactly
        lock_path=folder / "sync.store.lock",
        state=StateStore(folder / "state", backend.lock_key),
        snapshots=SnapshotStore(folder / "snapshots", 30),
    )


def summary_tabs(values: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    return {tab: rows for tab, rows in values.items() if tab not in ENTRY_TABS}


def entry_tabs(values: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    return {tab: rows for tab, rows in values.items() if tab in ENTRY_TABS}


def without_log(values: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    return {tab: rows for tab, rows in summary_tabs(values).items() if tab != LOG_TAB}


def log_rows(values: dict[str, list[list[Any]]]) -> list[list[Any]]:
    return values.get(LOG_TAB, [[]])[1:]


def settle(emu: Any, quiet: float = 0.05, limit: float = 5.0) -> list[dict[str, Any]]:
    """Wait until the emulator's request log stops growing (late requests have landed)."""
    deadline = time.monotonic() + limit
    seen = -1
    calls: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        calls = [r for r in emu.requests() if r["path"].startswith("/v4/")]
        if len(calls) == seen:
            break
        seen = len(calls)
        time.sleep(quiet)
    return calls
