"""The quota pacer on a virtual clock: no bucket is ever exceeded; a 429 slows a whole account."""

from __future__ import annotations

import random
from bisect import bisect_right

from sync.fleet.clock import VirtualClock
from sync.fleet.config import QuotaSettings
from sync.fleet.pacer import Limits, QuotaPacer, is_project_limit


def max_in_window(stamps: list[float], window: float = 60.0) -> int:
    """Most stamps in any half-open window (t - window, t]."""
    stamps = sorted(stamps)
    best = 0
    for i, t in enumerate(stamps):
        first = bisect_right(stamps, t - window)
        best = max(best, i + 1 - first)
    return best


def make(quota: QuotaSettings | None = None, shards: int = 1) -> tuple[QuotaPacer, VirtualClock]:
    clock = VirtualClock(1000.0)
    limits = Limits.from_quota(quota or QuotaSettings(), shards)
    return QuotaPacer(limits, clock=clock, sleep=clock.sleep, rng=random.Random(1)), clock


def test_one_account_never_exceeds_its_bucket_and_reaches_it() -> None:
    pacer, clock = make()
    stamps = []
    for _ in range(600):
        pacer.acquire("sa1", "p", "read")
        stamps.append(clock())
    assert max_in_window(stamps) == 60
    # Two at once, then one every 60/59 s: within 2% of the floor (599 s).
    assert stamps[1] == stamps[0]
    assert 608.0 < stamps[-1] - stamps[0] < 608.2


def test_no_arrival_pattern_exceeds_a_bucket() -> None:
    """Idle gaps refill the burst; random arrivals never put 61 requests in 60 s."""
    for seed in range(20):
        rng = random.Random(seed)
        pacer, clock = make(QuotaSettings(reads_per_minute=60, project_reads_per_minute=100))
        stamps = []
        for _ in range(400):
            if rng.random() < 0.2:
                clock.advance(rng.choice((0.1, 1.0, 5.0, 30.0, 61.0)))
            pacer.acquire(f"sa{rng.randint(0, 2)}" if seed % 2 else "sa", "p", "read")
            stamps.append(clock())
        assert max_in_window(stamps) <= 100
        if seed % 2 == 0:
            assert max_in_window(stamps) <= 60


def test_a_tiny_share_is_evenly_spaced() -> None:
    pacer, clock = make(QuotaSettings(reads_per_minute=60), shards=40)  # 1 a minute
    stamps = []
    for _ in range(10):
        pacer.acquire("sa", "p", "read")
        stamps.append(clock())
    assert max_in_window(stamps) == 1


def test_reads_and_writes_have_separate_buckets() -> None:
    pacer, clock = make()
    start = clock()
    for _ in range(60):
        pacer.acquire("sa1", "p", "read")
        pacer.acquire("sa1", "p", "write")
    assert clock() - start < 60  # both kinds flow at full rate side by side
    assert pacer.stats.requests == {"read": 60, "write": 60}


def test_members_sharing_an_account_share_its_budget() -> None:
    pacer, clock = make()
    a, b = pacer.member("key.json", "p"), pacer.member("key.json", "p")
    stamps = []
    for i in range(240):
        (a if i % 2 else b).acquire()
        stamps.append(clock())
    assert max_in_window(stamps) == 60


def test_project_bucket_binds_many_accounts() -> None:
    pacer, clock = make()
    stamps = []
    for i in range(3000):
        pacer.acquire(f"sa{i % 10}", "proj", "write")  # ten accounts: 600/min, project 300
        stamps.append(clock())
    assert max_in_window(stamps) == 300
    per_account = [s for i, s in enumerate(stamps) if i % 10 == 3]
    assert max_in_window(per_account) <= 60
    assert pacer.taken("project", "proj", "write") == 3000


def test_a_shard_gets_its_share_of_the_quota() -> None:
    pacer, clock = make(shards=4)
    stamps = []
    for _ in range(100):
        pacer.acquire("sa", "p", "read")
        stamps.append(clock())
    assert max_in_window(stamps) == 15  # 60 / 4


def test_a_429_slows_every_member_of_that_account_only() -> None:
    pacer, clock = make()
    first, second = pacer.member("sa1", "p"), pacer.member("sa1", "p")
    other = pacer.member("sa2", "p")
    first.acquire()
    delay = first.throttled(message="... 'Read requests per minute per user' ...")
    assert 0.5 <= delay <= 1.0
    before = clock()
    other.acquire()  # another account is not slowed
    assert clock() - before < 1.0 + 1e-6
    at = clock()
    second.acquire()  # the same account waits out the shared backoff
    assert clock() >= before + delay - 1e-9
    assert clock() > at


def test_consecutive_429s_double_the_backoff_and_success_resets_it() -> None:
    pacer, _ = make()
    m = pacer.member("sa1", "p")
    delays = [m.throttled(write=True) for _ in range(4)]
    assert delays[3] > delays[0] * 3
    assert all(d <= 64 for d in delays)
    m.succeeded(write=True)
    assert m.throttled(write=True) <= 1.0
    assert pacer.stats.throttled == 5


def test_a_project_429_blocks_every_account_of_the_project() -> None:
    pacer, clock = make()
    message = "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per project'"
    assert is_project_limit(message)
    assert not is_project_limit("limit 'Write requests per minute per user'")
    delay = pacer.member("sa1", "p").throttled(write=True, message=message)
    before = clock()
    pacer.member("sa2", "p").acquire(write=True)
    assert clock() - before >= delay - 1e-9


def test_concurrent_threads_lose_no_reservation() -> None:
    import threading

    pacer, clock = make()
    stamps: list[float] = []
    lock = threading.Lock()

    def run() -> None:
        for _ in range(50):
            pacer.acquire("sa", "p", "read")
            with lock:
                stamps.append(clock())

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert pacer.stats.requests["read"] == 200
    assert pacer.taken("account", "sa", "read") == 200
