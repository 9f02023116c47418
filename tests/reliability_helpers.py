"""Shared pieces of the reliability tests: fake time, Google-path services on the emulator,
seeds built from the hand-made campaign, and comparisons of summary tabs."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sync.adapters.google.backend import GoogleBackend, Pacer, RetryPolicy
from sync.app.service import SyncService
from sync.bootstrap import Overrides, build_service
from sync.config import Settings, load_settings
from tests.builders import write_config
from tests.fakes import FakeClock
from tests.google_helpers import seedable as to_seed  # noqa: F401 — re-exported for the tests
from tests.google_helpers import serial as serial

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
ENTRY_TABS = ("Tổ", "Phân công", "Đại sứ số", "Tập huấn")
LOG_TAB = "Nhật ký"
OK_WORD = "Thành công"
FAILED_WORD = "Thất bại"


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


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
    fake: FakeClock | None = None,
    retry: RetryPolicy | None = None,
    settings: Settings | None = None,
    rng_seed: int = 0,
) -> SyncService:
    """A SyncService from the composition root, with a fake sleep and a fixed timer."""
    fake = fake or FakeClock(sleep_overshoot=1e-9)
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
    overrides = Overrides(
        clock=clock,
        timer=lambda: 0.0,  # durations in Nhật ký are 0: results compare exactly
        backend=backend,
        lock_path=folder / "sync.lock",
    )
    return build_service(settings, {}, overrides=overrides)


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


def landed(emu: Any, pattern: str, count: int, limit: float = 10.0) -> list[dict[str, Any]]:
    """Wait until `count` API requests matching `pattern` are in the emulator's log (a request
    the client gave up on lands when its delay ends), then until the log stops growing."""
    match = re.compile(pattern)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        calls = [r for r in emu.requests() if r["path"].startswith("/v4/")]
        if sum(bool(match.search(f"{r['method']} {r['path']}")) for r in calls) >= count:
            break
        time.sleep(0.01)
    return settle(emu)
