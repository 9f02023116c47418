"""`daisuso run`: a sync every `every_minutes` on the `schedule` library, with an injected clock.

`schedule` reads `datetime.now()` itself; the subclasses below route every time
read through the injected clock so the loop can be driven in tests without
patching anything. A failed cycle is logged and retried sooner, with a backoff
that doubles up to the normal interval and resets after a success.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType
from zoneinfo import ZoneInfo

import schedule

from sync.messages import Msg, say

Clock = Callable[[], dt.datetime]  # campaign time; naive is fine: only differences matter here
Sleep = Callable[[float], None]
TIME_FORMAT = "%d/%m/%Y %H:%M:%S"

log = logging.getLogger("daisuso.worker")


def campaign_formatter(zone: ZoneInfo) -> logging.Formatter:
    """Log lines stamped in the campaign's time zone, like `Nhật ký`, whatever the machine's."""
    formatter = logging.Formatter("%(asctime)s %(message)s", datefmt=f"{TIME_FORMAT} %Z")

    def converter(seconds: float | None) -> time.struct_time:
        return dt.datetime.fromtimestamp(seconds or 0.0, zone).timetuple()

    formatter.converter = converter
    return formatter


def campaign_clock(zone: ZoneInfo) -> Clock:
    return lambda: dt.datetime.now(zone).replace(tzinfo=None)


class _ClockedJob(schedule.Job):
    def __init__(self, interval: int, scheduler: _ClockedScheduler) -> None:
        super().__init__(interval, scheduler)
        self._clock = scheduler.clock

    @property
    def should_run(self) -> bool:
        assert self.next_run is not None
        return self._clock() >= self.next_run

    def _schedule_next_run(self) -> None:
        self.period = dt.timedelta(**{str(self.unit): self.interval})
        self.next_run = self._clock() + self.period


class _ClockedScheduler(schedule.Scheduler):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def every(self, interval: int = 1) -> schedule.Job:
        return _ClockedJob(interval, self)

    @property
    def idle_seconds(self) -> float | None:
        if not self.next_run:
            return None
        remaining: dt.timedelta = self.next_run - self.clock()
        return remaining.total_seconds()


@dataclass
class Worker:
    job: Callable[[], object]  # one sync; raises on failure
    every_minutes: int
    clock: Clock
    sleep: Sleep
    retry_base_seconds: float = 60.0
    lang: str = "vi"
    last_error: str = ""
    stop_event: threading.Event = field(default_factory=threading.Event)
    failures: int = 0
    cycles: int = 0
    on_wait: Callable[[float, int], None] | None = None  # told each delay and failures so far

    def __post_init__(self) -> None:
        self._scheduler = _ClockedScheduler(self.clock)
        self._job = self._scheduler.every(self.every_minutes).minutes.do(self._cycle)
        self._job.next_run = self.clock()  # the first sync runs at once

    def stop(self, *_: object) -> None:
        self.stop_event.set()

    def _cycle(self) -> None:
        self.cycles += 1
        try:
            self.job()
        except Exception as exc:  # the loop goes on; the failure is logged and retried
            self.failures += 1
            self.last_error = str(exc) or type(exc).__name__
        else:
            self.failures = 0

    def _after_cycle(self) -> None:
        interval = self.every_minutes * 60.0
        delay = (
            interval
            if self.failures == 0
            else min(interval, self.retry_base_seconds * 2 ** (self.failures - 1))
        )
        self._job.next_run = self.clock() + dt.timedelta(seconds=delay)
        if self.on_wait is not None:
            self.on_wait(delay, self.failures)
        at = self._job.next_run.strftime(TIME_FORMAT)
        if self.failures:
            error = self.last_error
            log.error(say(Msg.WORKER_FAILED, self.lang, count=self.failures, error=error, next=at))
        else:
            log.info(say(Msg.WORKER_NEXT, self.lang, next=at))

    def run(self, max_cycles: int | None = None) -> int:
        """Loop until stopped (or `max_cycles`); a sync in flight always finishes. Returns cycles run."""
        while not self.stop_event.is_set():
            before = self.cycles
            self._scheduler.run_pending()
            if self.cycles != before:
                self._after_cycle()
                if max_cycles is not None and self.cycles >= max_cycles:
                    break
            idle = self._scheduler.idle_seconds or 0.0
            if idle > 0 and not self.stop_event.is_set():
                self.sleep(min(idle, 1.0))  # short naps keep SIGTERM responsive
        return self.cycles


def install_signal_handlers(worker: Worker) -> None:
    """SIGINT/SIGTERM ask the loop to stop after the sync in flight."""

    def handler(signum: int, frame: FrameType | None) -> None:
        log.info(say(Msg.WORKER_SIGNAL, worker.lang, signum=signum))
        worker.stop()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
