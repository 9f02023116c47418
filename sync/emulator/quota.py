"""Google's per-minute quotas, enforced by the emulator on an injectable clock.

Google counts read requests (GET) and write requests (everything else) apart, per user
(a service account) and per project, per minute; past a limit it answers 429
RESOURCE_EXHAUSTED naming the metric and the limit. The emulator learns the user from
the `X-Emulator-User` header and the project from `X-Goog-User-Project` (clients that
send neither are one anonymous user of one project). Windows are sliding: no 60 seconds
ever hold more than the limit, which is at least as strict as Google's minute buckets.
A refused request is not counted (Google refuses it before any work).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

WINDOW = 60.0
ANONYMOUS = "anonymous"
DEFAULT_PROJECT = "123456789012"


@dataclass(frozen=True)
class QuotaLimits:
    reads_per_user: int = 60
    writes_per_user: int = 60
    reads_per_project: int = 300
    writes_per_project: int = 300


def quota_message(write: bool, per_project: bool, project: str) -> str:
    metric = "Write requests" if write else "Read requests"
    scope = "project" if per_project else "user"
    return (
        f"Quota exceeded for quota metric '{metric}' and limit '{metric} per minute per {scope}' "
        f"of service 'sheets.googleapis.com' for consumer 'project_number:{project}'."
    )


def quota_details(write: bool, per_project: bool, project: str) -> list[dict[str, Any]]:
    kind = "Write" if write else "Read"
    scope = "Project" if per_project else "User"
    return [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED",
            "domain": "googleapis.com",
            "metadata": {
                "quota_limit": f"{kind}RequestsPerMinutePer{scope}",
                "consumer": f"projects/{project}",
                "service": "sheets.googleapis.com",
                "quota_metric": f"sheets.googleapis.com/{kind.lower()}_requests",
            },
        }
    ]


@dataclass(frozen=True)
class Refusal:
    message: str
    details: list[dict[str, Any]]


@dataclass
class QuotaMeter:
    """Counts requests per (user, kind) and (project, kind) in a sliding 60 s window."""

    limits: QuotaLimits = field(default_factory=QuotaLimits)
    clock: Callable[[], float] = time.monotonic
    refused: int = 0
    accepted: int = 0
    stamps: list[float] = field(default_factory=list)  # every accepted request, for reports
    keep_stamps: bool = False
    log: list[tuple[float, bool, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: defaultdict[tuple[str, str, bool], deque[float]] = defaultdict(deque)

    def _count(self, key: tuple[str, str, bool], now: float) -> deque[float]:
        window = self._windows[key]
        while window and window[0] <= now - WINDOW:
            window.popleft()
        return window

    def charge(
        self, user: str | None, project: str | None, write: bool, at: float | None = None
    ) -> Refusal | None:
        """Count one request, or refuse it (a 429) when it would exceed a limit.

        `at` is the caller's time on a clock shared with it (a virtual clock in tests)."""
        user, project = user or ANONYMOUS, project or DEFAULT_PROJECT
        lim = self.limits
        with self._lock:
            now = self.clock() if at is None else at
            mine = self._count(("user", user, write), now)
            ours = self._count(("project", project, write), now)
            per_user = lim.writes_per_user if write else lim.reads_per_user
            per_project = lim.writes_per_project if write else lim.reads_per_project
            over_project = len(ours) >= per_project
            if len(mine) >= per_user or over_project:
                self.refused += 1
                scope = over_project and len(mine) < per_user
                return Refusal(
                    quota_message(write, scope, project), quota_details(write, scope, project)
                )
            mine.append(now)
            ours.append(now)
            self.accepted += 1
            if self.keep_stamps:
                self.stamps.append(now)
                self.log.append((now, write, user, project))
            return None

    def charge_request(self, method: str, headers: Any) -> Refusal | None:
        """`charge` for an HTTP request: who, which project and when, from its headers."""
        at = headers.get("X-Emulator-Time")
        return self.charge(
            headers.get("X-Emulator-User"),
            headers.get("X-Goog-User-Project"),
            method != "GET",
            float(at) if at else None,
        )

    def report(self) -> dict[str, Any]:
        """Accepted and refused counts and the most requests seen in any 60 s window, per
        user and per project (the largest over all users / projects), reads and writes."""
        peaks: dict[str, int] = {}
        for scope in ("user", "project"):
            for write in (False, True):
                series: defaultdict[str, list[float]] = defaultdict(list)
                for at, w, user, project in self.log:
                    if w == write:
                        series[user if scope == "user" else project].append(at)
                name = f"{'writes' if write else 'reads'}_per_{scope}"
                peaks[name] = max((max_in_window(v) for v in series.values()), default=0)
        return {"accepted": self.accepted, "refused": self.refused, "max_in_60s": peaks}


def max_in_window(stamps: list[float], window: float = WINDOW) -> int:
    """Most stamps in any half-open window (t - window, t]."""
    ordered = sorted(stamps)
    best, first = 0, 0
    for i, t in enumerate(ordered):
        while ordered[first] <= t - window:
            first += 1
        best = max(best, i + 1 - first)
    return best


def quota_control(
    meter: QuotaMeter | None, method: str, body: Any
) -> tuple[QuotaMeter | None, Any]:
    """The `/_emulator/quota` endpoint: POST {"reads_per_user": 60, ...} enforces quotas
    (`{"off": true}` stops them); GET reports what was accepted, refused and the busiest
    60 s windows. (the meter from now on, the answer)"""
    if method == "POST":
        spec = dict(body or {})
        if spec.pop("off", False):
            return None, {}
        return QuotaMeter(QuotaLimits(**spec), keep_stamps=True), {}
    return meter, meter.report() if meter is not None else {}
