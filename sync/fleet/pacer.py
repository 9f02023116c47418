"""The fleet's quota pacer: token buckets per service account and per project.

Google counts read and write requests apart, per minute, per user (a service account)
and per project. Every request of every member passes two buckets of its kind: its
account's and its project's. Members sharing a key file share an account.

A bucket lets two requests leave back to back (a member's metadata read and its values
read, on its first sync) and then one every `60 / (per_minute - 1)` seconds: no
60-second window ever holds more than `per_minute`, and a steady stream runs within
2% of the quota (the floor).
A slot is reserved under the lock and slept for outside it, so threads never
serialise on a sleep. A 429 blocks the whole account (or project, when the project
limit was hit) for a backoff that doubles with each 429 in a row: every member of that
account waits, not only the one that was refused.

Clock and sleep are injected: a virtual clock runs an hour of quota in a second.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from sync.fleet.config import QuotaSettings

Kind = Literal["read", "write"]
KINDS: tuple[Kind, Kind] = ("read", "write")
# Spacing is widened by this factor so float rounding never puts `per_minute + 1`
# requests inside a 60-second window.
SAFETY = 1 + 1e-6


@dataclass
class Bucket:
    """A token bucket as the generic cell rate algorithm: `burst` requests may leave back to
    back, then one every `interval`, which is chosen so that no 60-second window ever
    holds more than `per_minute` (burst - 1 + 60 / interval <= per_minute)."""

    per_minute: float
    burst: int = 2
    tat: float = float("-inf")  # theoretical arrival time of the next request
    taken: int = 0

    def __post_init__(self) -> None:
        if self.per_minute < self.burst + 1:
            self.burst = 1  # a tiny share (a shard's): evenly spaced

    @property
    def interval(self) -> float:
        return 60.0 * SAFETY / (self.per_minute - self.burst + 1)

    @property
    def ready(self) -> float:
        """The earliest time the next request conforms."""
        return self.tat - (self.burst - 1) * self.interval

    def reserve(self, at: float) -> None:
        self.tat = max(self.tat, at) + self.interval
        self.taken += 1


@dataclass
class Backoff:
    until: float = float("-inf")
    streak: int = 0


@dataclass(frozen=True)
class Limits:
    """Per-minute limits for one pacer (a shard's share already applied)."""

    reads: float
    writes: float
    project_reads: float
    project_writes: float

    @classmethod
    def from_quota(cls, quota: QuotaSettings, shards: int = 1) -> Limits:
        # Whole requests: N shards of floor(L / N) never sum past L in any window.
        def share(limit: int) -> float:
            return float(max(1, limit // shards))

        return cls(
            share(quota.reads_per_minute),
            share(quota.writes_per_minute),
            share(quota.project_reads_per_minute),
            share(quota.project_writes_per_minute),
        )

    def account(self, kind: Kind) -> float:
        return self.reads if kind == "read" else self.writes

    def project(self, kind: Kind) -> float:
        return self.project_reads if kind == "read" else self.project_writes


@dataclass
class PacerStats:
    requests: dict[Kind, int] = field(default_factory=lambda: {"read": 0, "write": 0})
    throttled: int = 0  # 429s reported
    slept: float = 0.0


class QuotaPacer:
    """Shared by every member of a fleet process (thread-safe)."""

    def __init__(
        self,
        limits: Limits,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        base_backoff: float = 1.0,
        max_backoff: float = 64.0,
    ) -> None:
        self.limits = limits
        self._clock = clock
        self._sleep = sleep
        self._rng = rng if rng is not None else random.Random()
        self.base_backoff = base_backoff
        self.max_backoff = max_backoff
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str, Kind], Bucket] = {}
        self._backoff: defaultdict[tuple[str, str, Kind], Backoff] = defaultdict(Backoff)
        self.stats = PacerStats()

    def _bucket(self, scope: str, name: str, kind: Kind) -> Bucket:
        key = (scope, name, kind)
        bucket = self._buckets.get(key)
        if bucket is None:
            rate = self.limits.account(kind) if scope == "account" else self.limits.project(kind)
            bucket = self._buckets[key] = Bucket(rate)
        return bucket

    def acquire(self, account: str, project: str, kind: Kind) -> float:
        """Reserve the next slot for one request; sleep until it; seconds slept."""
        with self._lock:
            now = self._clock()
            mine = self._bucket("account", account, kind)
            shared = self._bucket("project", project, kind)
            at = max(
                now,
                mine.ready,
                shared.ready,
                self._backoff[("account", account, kind)].until,
                self._backoff[("project", project, kind)].until,
            )
            mine.reserve(at)
            shared.reserve(at)
            self.stats.requests[kind] += 1
            wait = at - now
            self.stats.slept += max(0.0, wait)
        if wait > 0:
            self._sleep(wait)
        return max(0.0, wait)

    def throttled(self, account: str, project: str, kind: Kind, *, per_project: bool) -> float:
        """A 429: block the account (or project) for a doubling, jittered backoff."""
        key = ("project", project, kind) if per_project else ("account", account, kind)
        with self._lock:
            state = self._backoff[key]
            state.streak += 1
            cap = min(self.max_backoff, self.base_backoff * 2.0 ** (state.streak - 1))
            delay: float = cap / 2 + self._rng.uniform(0.0, cap / 2)
            state.until = max(state.until, self._clock() + delay)
            self.stats.throttled += 1
            return delay

    def succeeded(self, account: str, project: str, kind: Kind) -> None:
        """An answered request ends a 429 streak."""
        with self._lock:
            for key in (("account", account, kind), ("project", project, kind)):
                if key in self._backoff:
                    self._backoff[key].streak = 0

    def taken(self, scope: Literal["account", "project"], name: str, kind: Kind) -> int:
        with self._lock:
            bucket = self._buckets.get((scope, name, kind))
            return bucket.taken if bucket is not None else 0

    def now(self) -> float:
        return self._clock()

    def member(self, account: str, project: str) -> MemberPacer:
        return MemberPacer(self, account, project)


def is_project_limit(message: str) -> bool:
    """Google's 429 names the limit: '... per minute per project' or '... per user'."""
    text = message.lower()
    return "per project" in text and "per user" not in text


@dataclass(frozen=True)
class MemberPacer:
    """The pacer as one member's HTTP client sees it (bound to its account and project)."""

    pacer: QuotaPacer
    account: str
    project: str

    def acquire(self, write: bool = False) -> float:
        return self.pacer.acquire(self.account, self.project, "write" if write else "read")

    def throttled(self, write: bool = False, message: str = "") -> float:
        kind: Kind = "write" if write else "read"
        per_project = is_project_limit(message)
        return self.pacer.throttled(self.account, self.project, kind, per_project=per_project)

    def succeeded(self, write: bool = False) -> None:
        self.pacer.succeeded(self.account, self.project, "write" if write else "read")

    def tags(self) -> dict[str, str]:
        """For the emulator: who is asking (hashed: header-safe) and the pacer's clock."""
        return {
            "X-Emulator-User": _short(self.account),
            "X-Goog-User-Project": _short(self.project),
            "X-Emulator-Time": repr(self.pacer.now()),
        }


def _short(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
