"""The emulator in its own process, and what runs through it: a daisuso sync, the naive
gspread script, and the `values:batchGet` body of the floor; traffic from its request log."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import requests

from bench.common import (
    DEADLINE,
    ENTRY_TABS,
    NOW,
    PROVINCE,
    READ_QUERY,
    ROOT,
    START,
    TODAY,
    TZ,
    Grids,
    median,
    seed_cell,
)

# --- emulator --------------------------------------------------------------------------


class EmulatorProc:
    """`python -m sync.emulator --port 0` in its own process, driven over HTTP."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.emulator", "--port", "0", "--locale", "vi_VN"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.startswith("http://"):
            err = self.proc.stderr.read() if self.proc.stderr else ""
            self.proc.kill()
            raise RuntimeError(f"emulator did not start: {line} {err[-500:]}")
        self.url = line
        self.host = line[len("http://") :]
        self.http = requests.Session()
        self.http.trust_env = False

    def control(self, method: str, path: str, **kw: Any) -> Any:
        r = self.http.request(method, f"{self.url}/_emulator/{path}", timeout=600, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def seed(self, key: str, grids: Grids) -> None:
        tabs = {t: [[seed_cell(v) for v in row] for row in grid] for t, grid in grids.items()}
        params = {"locale": "vi_VN", "timeZone": TZ, "title": "daisuso bench"}
        self.control("PUT", f"spreadsheets/{quote(key, safe='')}", json=tabs, params=params)

    def drop(self, key: str) -> None:
        self.control("DELETE", f"spreadsheets/{quote(key, safe='')}")

    def clear_log(self) -> None:
        self.control("DELETE", "requests")

    def api_log(self, settle: float = 0.03) -> list[dict[str, Any]]:
        """API requests logged since the last clear. The emulator logs a request just
        after answering it, so poll until the log stops growing."""
        seen, entries = -1, []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            entries = [e for e in self.control("GET", "requests") if "/_emulator" not in e["path"]]
            if len(entries) == seen:
                break
            seen = len(entries)
            time.sleep(settle)
        return entries

    def close(self) -> None:
        self.http.close()
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
