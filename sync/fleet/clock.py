"""A virtual monotonic clock: `sleep` advances it at once.

Shared by the pacer and the emulator's quota enforcement in tests and in the bench, so
half an hour of quota time runs in seconds. Thread-safe.
"""

from __future__ import annotations

import threading


class VirtualClock:
    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.slept = 0.0

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            with self._lock:
                self._now += seconds
                self.slept += seconds

    def advance(self, seconds: float) -> None:
        self.sleep(seconds)
