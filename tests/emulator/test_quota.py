"""The emulator's quota meter: per user and per project, reads and writes apart, sliding 60 s."""

from __future__ import annotations

from sync.emulator.quota import QuotaLimits, QuotaMeter
from sync.fleet.clock import VirtualClock


def test_per_user_limit_then_429_then_recovery() -> None:
    clock = VirtualClock()
    meter = QuotaMeter(QuotaLimits(reads_per_user=3), clock)
    assert [meter.charge("a", "p", False) for _ in range(3)] == [None, None, None]
    refusal = meter.charge("a", "p", False)
    assert refusal is not None
    assert "'Read requests per minute per user'" in refusal.message
    assert refusal.details[0]["reason"] == "RATE_LIMIT_EXCEEDED"
    assert meter.charge("a", "p", True) is None  # writes are counted apart
    assert meter.charge("b", "p", False) is None  # another user has its own budget
    clock.advance(59.999)
    assert meter.charge("a", "p", False) is not None
    clock.advance(0.001)  # the first three leave the window
    assert meter.charge("a", "p", False) is None
    assert (meter.accepted, meter.refused) == (6, 2)


def test_per_project_limit_across_users() -> None:
    clock = VirtualClock()
    meter = QuotaMeter(QuotaLimits(writes_per_project=4), clock)
    for user in "abcd":
        assert meter.charge(user, "p", True) is None
    refusal = meter.charge("e", "p", True)
    assert refusal is not None and "'Write requests per minute per project'" in refusal.message
    assert refusal.details[0]["metadata"]["quota_limit"] == "WriteRequestsPerMinutePerProject"
    assert meter.charge("e", "other", True) is None
