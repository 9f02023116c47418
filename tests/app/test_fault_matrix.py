"""Fault matrix: every request of a sync × every fault × (clears within the cap | persists).

Google path on the emulator (fake retry sleep, real HTTP), then xlsx crash safety
(a crash between the temp file and the rename, a failing save, `kill -9` of a real
`python -m sync sync` in the middle of a large save).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.adapters.google.backend import RetryPolicy
from sync.adapters.xlsx.backend import XlsxBackend
from sync.app.service import SyncService
from sync.bootstrap import Overrides, build_service
from sync.cli.app import app
from sync.errors import UnreachableError
from sync.store.state import StateStore
from tests.builders import small_campaign, write_config
from tests.fakes import FakeClock
from tests.reliability_helpers import (
    FAILED_WORD,
    OK_WORD,
    at,
    entry_tabs,
    google_config,
    google_service,
    landed,
    log_rows,
    serial,
    summary_tabs,
    to_seed,
    without_log,
)

REPO = Path(__file__).resolve().parents[2]
KEY = "faultKEY0123456789"
REF = "refKEY0123456789"
MAX_ATTEMPTS = 3
TIMEOUT = 1.5  # generous: a loaded machine must not turn a normal answer into a timeout
DELAY = 2.0  # past the timeout
D1, D2 = date(2025, 11, 1), date(2025, 11, 10)
T1, T2, T3 = at(D1), at(D2, 8, 0), at(D2, 8, 10)

REQUESTS = {
    "meta": r"^GET /v4/spreadsheets/[^/:]+$",
    "batchGet": r"^GET /v4/spreadsheets/[^/:]+/values:batchGet$",
    "batchUpdate": r"^POST /v4/spreadsheets/[^/:]+:batchUpdate$",
}
FAULTS: dict[str, dict[str, Any]] = {
    "429": {"status": 429},
    "500": {"status": 500},
    "503": {"status": 503},
    "timeout": {"status": 0, "delay_s": DELAY},  # served, but after the client gave up
    "drop": {"drop": True},
}


def seeded_pair(emu: Any, tmp_path: Path) -> tuple[SyncService, SyncService, FakeClock]:
    """The spreadsheet under test and an identical reference copy, both synced once as of D1."""
    seed = to_seed(small_campaign())
    clock = FakeClock(T1)
    retry = RetryPolicy(max_attempts=MAX_ATTEMPTS, max_wait_seconds=5, timeout_seconds=TIMEOUT)
    services = []
    for key in (KEY, REF):
        emu.seed(key, seed)
        service = google_service(emu.host, key, tmp_path / key, clock, retry=retry)
        service.sync(D1)
        services.append(service)
    return services[0], services[1], clock


@pytest.mark.parametrize("persists", [False, True], ids=["clears", "persists"])
@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("request_name", list(REQUESTS))
def test_fault_cell(
    sheets_emulator: Any, tmp_path: Path, request_name: str, fault: str, persists: bool
) -> None:
    emu = sheets_emulator
    service, reference, clock = seeded_pair(emu, tmp_path)
    before = emu.values(KEY)
    assert summary_tabs(before) == summary_tabs(emu.values(REF))  # identical copies

    clock.now = T2
    reference.sync(D2)
    new = emu.values(REF)
    assert without_log(new) != without_log(before)  # the sync under test changes something

    emu.clear_requests()
    times = MAX_ATTEMPTS if persists else MAX_ATTEMPTS - 1
    emu.fault(REQUESTS[request_name], times=times, **FAULTS[fault])
    try:
        service.sync(D2)
        succeeded = True
    except UnreachableError as exc:
        succeeded = False
        assert f"{MAX_ATTEMPTS} lần thử" in str(exc) or "có thể đã ghi xong" in str(exc)
    # Requests the client gave up on land in the emulator when their delay ends.
    calls = landed(emu, REQUESTS[request_name], MAX_ATTEMPTS)
    pattern = re.compile(REQUESTS[request_name])
    attempts = [c for c in calls if pattern.search(f"{c['method']} {c['path']}")]
    assert len(attempts) == MAX_ATTEMPTS  # the faults, then (when they clear) one success
    spec = FAULTS[fault]
    expected_status = 0 if spec.get("drop") else spec["status"] or 200  # a drop is logged as 0
    assert sum(c["status"] == expected_status for c in attempts) >= times
    after = emu.values(KEY)

    assert succeeded is not persists
    assert entry_tabs(after) == entry_tabs(before)
    # Never a mix: the summary tabs are the old ones or exactly the new result.
    applied = summary_tabs(after) == summary_tabs(new)
    assert applied or summary_tabs(after) == summary_tabs(before)
    pending = service.state.pending_log_rows() if service.state else []
    if succeeded:
        assert applied
        assert pending == []
    else:
        # A persistent fault before the write leaves everything as it was. The one
        # exception: a write served after the client's timeout was applied by Google.
        late_write = request_name == "batchUpdate" and fault == "timeout"
        assert applied is late_write
        assert [row[1] for row in pending] == [FAILED_WORD]
        assert pending[0][0] == T2.replace(tzinfo=None)
        if not late_write:
            assert all(row[0] != pytest.approx(serial(T2)) for row in log_rows(after))

    # The fault has cleared: the next sync succeeds and tells the story in Nhật ký.
    emu.clear_faults()
    clock.now = T3
    service.sync(D2)
    reference.sync(D2)
    final, final_ref = emu.values(KEY), emu.values(REF)
    assert without_log(final) == without_log(final_ref)
    assert entry_tabs(final) == entry_tabs(before)
    old = log_rows(before)
    rows = log_rows(final)
    results = [(round(r[0], 6), r[1]) for r in rows[len(old) :]]
    t2, t3 = round(serial(T2), 6), round(serial(T3), 6)
    assert rows[: len(old)] == old
    if succeeded:
        assert results == [(t2, OK_WORD), (t3, OK_WORD)]
    elif applied:
        assert results == [(t2, OK_WORD), (t2, FAILED_WORD), (t3, OK_WORD)]
    else:
        assert results == [(t2, FAILED_WORD), (t3, OK_WORD)]
    assert service.state is not None and service.state.pending_log_rows() == []


def test_late_write_is_resent_and_the_result_is_exactly_the_new_one(
    sheets_emulator: Any, tmp_path: Path
) -> None:
    """batchUpdate applied by Google, answer lost (read timeout): the resend is idempotent."""
    emu = sheets_emulator
    service, reference, clock = seeded_pair(emu, tmp_path)
    clock.now = T2
    reference.sync(D2)
    emu.clear_requests()
    emu.fault(REQUESTS["batchUpdate"], status=0, delay_s=DELAY, times=1)
    result = service.sync(D2)
    assert result.written
    posts = [c for c in landed(emu, REQUESTS["batchUpdate"], 2) if c["method"] == "POST"]
    assert len(posts) == 2  # the first was applied late, the resend applied too
    assert all(c["status"] == 200 for c in posts)
    after, new = emu.values(KEY), emu.values(REF)
    assert summary_tabs(after) == summary_tabs(new)
    assert [r[1] for r in log_rows(after)] == [OK_WORD, OK_WORD]  # one row per sync, not two


def test_a_write_that_may_have_been_applied_is_not_logged_as_a_plain_failure(
    sheets_emulator: Any, tmp_path: Path
) -> None:
    emu = sheets_emulator
    service, _, clock = seeded_pair(emu, tmp_path)
    clock.now = T2
    emu.fault(REQUESTS["batchUpdate"], status=0, delay_s=DELAY, times=MAX_ATTEMPTS)
    with pytest.raises(UnreachableError) as info:
        service.sync(D2)
    landed(emu, REQUESTS["batchUpdate"], MAX_ATTEMPTS)
    assert log_rows(emu.values(KEY))[-1][1] == OK_WORD  # Google did apply it
    assert service.state is not None
    pending = service.state.pending_log_rows()
    assert [r[1] for r in pending] == [FAILED_WORD]
    # The error and the failure row must say that the write may have gone through.
    assert "có thể đã ghi" in str(info.value)
    assert "có thể đã ghi" in str(pending[0][-1])


def test_cli_exits_4_when_the_read_keeps_failing(sheets_emulator: Any, tmp_path: Path) -> None:
    emu = sheets_emulator
    emu.seed(KEY, to_seed(small_campaign()))
    config = google_config(
        tmp_path,
        KEY,
        google="max_attempts = 3\nmax_wait_seconds = 0.05\ntimeout_seconds = 2\n"
        "requests_per_minute = 300\n",
    )
    env = {"SHEETS_EMULATOR_HOST": emu.host}
    runner = CliRunner()
    first = runner.invoke(app, ["sync", "--config", str(config), "--today", "2025-11-10"], env=env)
    assert first.exit_code == 0, first.stderr
    before = emu.values(KEY)
    emu.fault(REQUESTS["batchGet"], status=503, times=3)
    result = runner.invoke(app, ["sync", "--config", str(config), "--today", "2025-11-10"], env=env)
    assert result.exit_code == 4
    assert "sau 3 lần thử" in result.stderr and "HTTP 503" in result.stderr
    assert emu.values(KEY) == before
    state = StateStore(tmp_path / ".daisuso", f"google:{KEY}")
    assert [r[1] for r in state.pending_log_rows()] == [FAILED_WORD]
    emu.clear_faults()
    again = runner.invoke(app, ["sync", "--config", str(config), "--today", "2025-11-10"], env=env)
    assert again.exit_code == 0
    assert [r[1] for r in log_rows(emu.values(KEY))] == [OK_WORD, FAILED_WORD, OK_WORD]


# --- xlsx crash safety ---------------------------------------------------------------------


def xlsx_service(path: Path, **backend_kw: Any) -> SyncService:
    from sync.config import load_settings

    settings = load_settings(write_config(path.parent, workbook=path.name))
    overrides = Overrides(
        clock=FakeClock(T2),
        timer=lambda: 0.0,
        backend=XlsxBackend(path, **backend_kw),
        lock_path=path.parent / ".lock",
    )
    return build_service(settings, {}, overrides=overrides)


def workbook_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


class Boom(RuntimeError):
    pass
