"""The one fake time of the test suite: injected wherever the product takes a clock or a sleep.

`clock()` is the wall-clock "now" (aware or naive, as constructed), `clock.monotonic()`
the timer the retry and pacing code reads; `clock.sleep(s)` records `s` and moves both.
Nothing is patched: the product receives these callables through its constructors.
"""

from __future__ import annotations

from datetime import datetime, timedelta


class FakeClock:
    def __init__(
        self,
        now: datetime = datetime(2025, 11, 10, 8, 0),
        *,
        monotonic: float = 1000.0,
        sleep_overshoot: float = 0.0,
        max_sleeps: int | None = None,
    ) -> None:
        self.now = now
        self.mono = monotonic
        self.sleeps: list[float] = []
        # A real sleep never returns early; a hair more than asked, when a test wants it.
        self.sleep_overshoot = sleep_overshoot
        self.max_sleeps = max_sleeps  # a livelock guard for code that must not spin

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if self.max_sleeps is not None and len(self.sleeps) > self.max_sleeps:
            raise AssertionError(f"livelock: sleeps {self.sleeps[:4]}…")
        self.advance(seconds=seconds + self.sleep_overshoot)

    def advance(self, **delta: float) -> datetime:
        step = timedelta(**delta)
        self.now += step
        self.mono += step.total_seconds()
        return self.now
