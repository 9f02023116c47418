"""The emulator in its own process, and what runs through it: a daisuso sync, the naive
gspread script, and the `values:batchGet` body of the floor; traffic from its request log."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.common import (
    DEADLINE,
    ENTRY_TABS,
    NOW,
    PROVINCE,
    READ_QUERY,
    START,
    TODAY,
    TZ,
    Grids,
    median,
    seed_cell,
)
from sync.emulator.control import EmulatorControl

# --- emulator --------------------------------------------------------------------------


class EmulatorProc(EmulatorControl):
    """`daisuso emulator --port 0` in its own process, driven through its control client."""

    def __init__(self) -> None:
        daisuso = Path(sys.executable).with_name("daisuso")
        self.proc = subprocess.Popen(
            [str(daisuso), "emulator", "--port", "0", "--locale", "vi_VN"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.startswith("http://"):
            err = self.proc.stderr.read() if self.proc.stderr else ""
            self.proc.kill()
            raise RuntimeError(f"emulator did not start: {line} {err[-500:]}")
        super().__init__(line)
        self.http = self._http

    def seed_grids(self, key: str, grids: Grids) -> None:
        tabs = {t: [[seed_cell(v) for v in row] for row in grid] for t, grid in grids.items()}
        self.seed(key, tabs, title="daisuso bench", locale="vi_VN", time_zone=TZ)

    def clear_log(self) -> None:
        self.clear_requests()

    def api_log(self) -> list[dict[str, Any]]:
        """API requests logged since the last clear (logged before they are answered)."""
        return self.api_requests()

    def close(self) -> None:
        super().close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@contextmanager
def emulator() -> Iterator[EmulatorProc]:
    emu = EmulatorProc()
    try:
        yield emu
    finally:
        emu.close()


def traffic(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "requests": len(entries),
        "bytes_sent": sum(int(e.get("bytes_in") or 0) for e in entries),
        "bytes_received": sum(int(e.get("bytes_out") or 0) for e in entries),
        "calls": [f"{e['method']} {e['path']} {e['status']}" for e in entries],
    }


def timed_runs(
    emu: EmulatorProc, repeat: int, once: Callable[[], Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One warm-up then `repeat` timed runs of `once`, each with its own request log."""
    emu.clear_log()
    once()
    first = traffic(emu.api_log())
    walls: list[float] = []
    runs: list[dict[str, Any]] = []
    for _ in range(repeat):
        emu.clear_log()
        gc.collect()
        t0 = time.perf_counter()
        once()
        walls.append(time.perf_counter() - t0)
        runs.append(traffic(emu.api_log()))
    requests_each = [r["requests"] for r in runs]
    out = {
        "wall_s": median(walls),
        "wall_runs_s": walls,
        "requests": int(median(requests_each)),
        "requests_max": max(requests_each),
        "requests_each": requests_each,
        "bytes_sent": int(median([r["bytes_sent"] for r in runs])),
        "bytes_received": int(median([r["bytes_received"] for r in runs])),
        "calls": runs[-1]["calls"],
        "first_run": first,
    }
    return out, runs


# --- 2. daisuso sync through the emulator ------------------------------------------------


def bench_sync(emu: EmulatorProc, key: str, repeat: int) -> dict[str, Any]:
    try:
        from sync.adapters.google.backend import GoogleBackend, RetryPolicy
        from sync.app.service import SyncService
        from sync.config import Settings
    except Exception as exc:  # the backend is being finished elsewhere
        return {
            "skipped": f"sync.adapters.google.backend not importable: {type(exc).__name__}: {exc}"
        }
    settings = Settings(
        spreadsheet={"backend": "google", "key": key},
        campaign={"province": PROVINCE, "start": START, "deadline": DEADLINE, "timezone": TZ},
    )
    backend = GoogleBackend(
        key, None, retry=RetryPolicy(requests_per_minute=300, max_attempts=1),
        emulator_host=emu.host,
    )  # fmt: skip
    service = SyncService(backend, settings, clock=lambda: NOW)
    out, _runs = timed_runs(emu, repeat, lambda: service.sync(TODAY))
    return out


# --- 3. naive gspread script -------------------------------------------------------------


def bench_naive(emu: EmulatorProc, key: str, repeat: int) -> dict[str, Any]:
    from bench.naive import run_naive
    from sync.emulator.client import gspread_client

    def once() -> None:
        client = gspread_client(emu.url)
        client.http_client.session.trust_env = False
        try:
            run_naive(client, key, start=START, deadline=DEADLINE, today=TODAY)
        finally:
            client.http_client.session.close()

    out, _runs = timed_runs(emu, repeat, once)
    return out


# --- 5. the floor: the batchGet body -----------------------------------------------------


def fetch_batch_get(emu: EmulatorProc, key: str) -> bytes:
    params: dict[str, Any] = {**READ_QUERY, "ranges": [f"'{t}'" for t in ENTRY_TABS]}
    url = f"{emu.url}/v4/spreadsheets/{quote(key, safe='')}/values:batchGet"
    r = emu.http.get(url, params=params, timeout=600)
    r.raise_for_status()
    return r.content
