"""Retries, error messages and pacing of the Google Sheets backend (emulator + fake clock)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rules.tables import Column, Kind, Table
from sync.adapters.google.backend import GoogleBackend, Pacer, RetryPolicy
from sync.adapters.google.http import redact
from sync.errors import LayoutError, UnreachableError
from sync.ports import WritePlan
from tests.adapters.test_google_backend import (
    EMAIL,
    ENTRY,
    FAKE_PEM,
    KEY,
    LOG_COLUMNS,
    Recorder,
    api_calls,
    backend_for,
)
from tests.fakes import FakeClock


class MaxRng(random.Random):
    """Full jitter at its upper bound, so the backoff schedule is visible in the sleeps."""

    def uniform(self, a: float, b: float) -> float:
        return b


@pytest.fixture
def emu(sheets_emulator: Any) -> Iterator[Any]:
    sheets_emulator.seed(KEY, {**ENTRY, "Tổng hợp": [["Chỉ số", "Giá trị"], ["Mục tiêu", 1]]})
    sheets_emulator.clear_requests()
    yield sheets_emulator


def plan() -> WritePlan:
    table = Table(
        "Tổng hợp",
        (Column("Chỉ số"), Column("Giá trị", Kind.ANY)),
        (("Mục tiêu", 2000), ("Ngày", date(2025, 11, 10))),
    )
    new = Table("Theo tổ", (Column("Mã tổ"), Column("Đã có", Kind.INTEGER)), (("T01", 3),))
    return WritePlan((table, new), "Nhật ký", LOG_COLUMNS, (("now", "OK", 1, 0, 0, 0.1, ""),))


def test_two_429_then_success_is_three_attempts_with_growing_sleeps(
    emu: Any, tmp_path: Path
) -> None:
    sleep = Recorder()
    policy = RetryPolicy(max_attempts=6, max_wait_seconds=120, base_seconds=1.0)
    backend = backend_for(emu, tmp_path, retry=policy, sleep=sleep, rng=MaxRng())
    emu.fault(r"GET .*values:batchGet", status=429, times=2)
    with backend.open() as book:
        grids = book.read(["Tổ"])
    assert grids["Tổ"][1][0] == "T01"
    gets = [c for c in api_calls(emu) if c["path"].endswith("values:batchGet")]
    assert [c["status"] for c in gets] == [429, 429, 200]
    assert sleep.sleeps == [1.0, 2.0]  # base * 2**attempt, the jitter's upper bound


def test_full_jitter_stays_within_the_exponential_cap(emu: Any, tmp_path: Path) -> None:
    sleep = Recorder()
    backend = backend_for(emu, tmp_path, sleep=sleep, rng=random.Random(3))
    emu.fault(r"GET ", status=503, times=4)
    with backend.open() as book:
        book.titles()
    assert len(sleep.sleeps) == 4
    assert all(0 <= s <= 2**i for i, s in enumerate(sleep.sleeps))


def test_503_past_the_cap_is_unreachable_and_leaves_the_tabs_unchanged(
    emu: Any, tmp_path: Path
) -> None:
    before = emu.values(KEY)
    sleep = Recorder()
    policy = RetryPolicy(max_attempts=4, max_wait_seconds=120)
    backend = backend_for(emu, tmp_path, retry=policy, sleep=sleep, rng=MaxRng())
    emu.fault(r"POST .*:batchUpdate", status=503, times=100)
    with backend.open() as book:
        book.read(["Tổ"])
        with pytest.raises(UnreachableError, match="4 lần thử") as exc:
            book.write(plan())
    assert "503" in str(exc.value)
    posts = [c for c in api_calls(emu) if c["method"] == "POST"]
    assert len(posts) == 4
    assert sleep.sleeps == [1.0, 2.0, 4.0]
    assert emu.values(KEY) == before  # "Theo tổ" not created, "Tổng hợp" as it was


def test_total_backoff_is_capped_by_max_wait(emu: Any, tmp_path: Path) -> None:
    sleep = Recorder()
    policy = RetryPolicy(max_attempts=50, max_wait_seconds=10, base_seconds=1.0)
    backend = backend_for(emu, tmp_path, retry=policy, sleep=sleep, rng=MaxRng(), lang="en")
    emu.fault(r"GET ", status=500, times=100)
    with backend.open() as book, pytest.raises(UnreachableError, match="Could not reach"):
        book.titles()
    assert sleep.sleeps == [1.0, 2.0, 4.0, 3.0]  # the last one only fills the budget
    assert sum(sleep.sleeps) == 10
    assert len(api_calls(emu)) == 5


def test_403_is_not_retried_and_names_the_client_email(emu: Any, tmp_path: Path) -> None:
    emu.set_private(KEY)
    sleep = Recorder()
    backend = backend_for(emu, tmp_path, sleep=sleep)
    with backend.open() as book, pytest.raises(UnreachableError) as exc:
        book.titles()
    message = str(exc.value)
    assert "Không có quyền truy cập bảng tính" in message
    assert f"(quyền Người chỉnh sửa) cho {EMAIL}" in message
    assert FAKE_PEM.splitlines()[1] not in message
    assert len(api_calls(emu)) == 1 and sleep.sleeps == []
    en = backend_for(emu, tmp_path, lang="en")
    with en.open() as book, pytest.raises(UnreachableError, match=f"Editor\\) with {EMAIL}"):
        book.titles()


def test_404_says_check_the_key(emu: Any, tmp_path: Path) -> None:
    sleep = Recorder()
    backend = GoogleBackend(
        "no-such-key",
        None,
        retry=RetryPolicy(),
        emulator_host=emu.host,
        sleep=sleep,
        lang="en",
    )
    with backend.open() as book, pytest.raises(UnreachableError) as exc:
        book.titles()
    assert str(exc.value) == "Spreadsheet 'no-such-key' not found: check the key from its URL."
    assert len(api_calls(emu)) == 1 and sleep.sleeps == []
    vi = GoogleBackend("no-such-key", None, retry=RetryPolicy(), emulator_host=emu.host)
    with vi.open() as book, pytest.raises(UnreachableError, match="Hãy kiểm tra lại khóa"):
        book.titles()


def test_400_is_a_layout_error_with_googles_message(emu: Any, tmp_path: Path) -> None:
    sleep = Recorder()
    backend = backend_for(emu, tmp_path, sleep=sleep)
    emu.fault(r"GET .*values:batchGet", status=400, message="Unable to parse range: 'X'!A1")
    with backend.open() as book, pytest.raises(LayoutError, match="Unable to parse range"):
        book.read(["Tổ"])
    assert sleep.sleeps == []


def test_dropped_connection_on_batch_update_is_retried_to_a_whole_write(
    emu: Any, tmp_path: Path
) -> None:
    sleep = Recorder()
    backend = backend_for(emu, tmp_path, sleep=sleep)
    emu.fault(r"POST .*:batchUpdate", drop=True, times=1)
    with backend.open() as book:
        book.read(["Tổ"])
        book.write(plan())
    posts = [c for c in api_calls(emu) if c["method"] == "POST"]
    assert [c["status"] for c in posts] == [0, 200]  # dropped, then applied once
    after = emu.values(KEY)
    assert after["Tổng hợp"] == [["Chỉ số", "Giá trị"], ["Mục tiêu", 2000], ["Ngày", 45971]]
    assert after["Theo tổ"] == [["Mã tổ", "Đã có"], ["T01", 3]]
    assert len(sleep.sleeps) == 1


def test_dropped_connections_past_the_cap_leave_no_half_written_tab(
    emu: Any, tmp_path: Path
) -> None:
    before = emu.values(KEY)
    backend = backend_for(emu, tmp_path, retry=RetryPolicy(max_attempts=3))
    emu.fault(r"POST .*:batchUpdate", drop=True, times=3)
    with backend.open() as book:
        book.read(["Tổ"])
        with pytest.raises(UnreachableError, match="mất kết nối"):
            book.write(plan())
    assert emu.values(KEY) == before


def test_replay_of_an_applied_batch_is_reported_not_misread(emu: Any, tmp_path: Path) -> None:
    """A read timeout after Google applied the batch: the replay's 400 (tab exists) must
    not look like a layout problem; the data is whole and the next sync rewrites it."""
    policy = RetryPolicy(timeout_seconds=0.3)
    backend = backend_for(emu, tmp_path, retry=policy)
    emu.fault(r"POST .*:batchUpdate", status=0, delay_s=0.6, times=1)  # served, but late
    with backend.open() as book:
        book.read(["Tổ"])
        try:
            book.write(plan())
        except UnreachableError as exc:
            assert "có thể đã ghi xong" in str(exc)
    api_calls(emu)  # let the slow request finish
    after = emu.values(KEY)
    assert after["Theo tổ"] == [["Mã tổ", "Đã có"], ["T01", 3]]
    with backend.open() as book:
        book.write(plan())  # the next sync is clean
    assert emu.values(KEY)["Tổng hợp"][1] == ["Mục tiêu", 2000]


def test_read_timeout_is_retried(emu: Any, tmp_path: Path) -> None:
    sleep = Recorder()
    # A timeout far above a loopback answer even on a loaded machine; one answer far above it.
    backend = backend_for(emu, tmp_path, retry=RetryPolicy(timeout_seconds=2.0), sleep=sleep)
    emu.fault(r"GET .*values:batchGet", status=0, delay_s=4.0, times=1)
    with backend.open() as book:
        assert book.read(["Tổ"])["Tổ"][0][0] == "Mã tổ"
    assert len(sleep.sleeps) == 1


def test_unreachable_host_is_retried_then_unreachable(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    sleep = Recorder()
    backend = GoogleBackend(
        KEY,
        None,
        retry=RetryPolicy(max_attempts=3, timeout_seconds=2),
        emulator_host=f"127.0.0.1:{port}",
        sleep=sleep,
        lang="en",
    )
    with backend.open() as book, pytest.raises(UnreachableError, match="3 attempts"):
        book.titles()
    assert len(sleep.sleeps) == 2


# --- pacing ----------------------------------------------------------------------------------


def test_pacer_61st_request_in_a_minute_waits_for_the_window() -> None:
    clock = FakeClock()
    pacer = Pacer(60, clock=clock.monotonic, sleep=clock.sleep)
    for _ in range(60):
        assert pacer.acquire() == 0
        clock.advance(seconds=0.5)
    assert clock.sleeps == []
    pacer.acquire()  # t = 30 s after the first: wait until it leaves the window
    assert clock.sleeps == [30.0]
    pacer.acquire()  # the second one left 0.5 s after the first
    assert clock.sleeps == [30.0, 0.5]


def test_61_requests_through_the_backend_sleep_once(emu: Any, tmp_path: Path) -> None:
    clock = FakeClock()
    backend = backend_for(emu, tmp_path, clock=clock.monotonic, sleep=clock.sleep)
    with backend.open() as book:
        book.titles()  # request 1 at t=0
        for _ in range(59):
            clock.advance(seconds=0.25)
            book.read(["Tổ"])  # requests 2..60
        assert clock.sleeps == []
        clock.advance(seconds=0.25)
        book.read(["Tổ"])  # request 61, at t = 15 s
    assert clock.sleeps == [45.0]
    assert len(api_calls(emu)) == 61


def test_a_shared_pacer_spans_backends_and_syncs(emu: Any, tmp_path: Path) -> None:
    clock = FakeClock()
    pacer = Pacer(3, clock=clock.monotonic, sleep=clock.sleep)
    one = backend_for(emu, tmp_path, pacer=pacer, sleep=Recorder())
    two = backend_for(emu, tmp_path, pacer=pacer, sleep=Recorder())
    with one.open() as book:
        book.read(["Tổ"])  # 2 requests
    with two.open() as book:
        book.read(["Tổ"])  # 2 more: the 4th waits a whole window
    assert clock.sleeps == [60.0]


def test_retry_policy_validation() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(requests_per_minute=0)


def test_redact_removes_keys_and_tokens() -> None:
    text = f"oops {FAKE_PEM} Bearer ya29.a0AfH6SMB-xyz and ya29.c.b0Aaek"
    out = redact(text)
    assert "PRIVATE KEY" not in out and "ya29" not in out and "oops" in out
