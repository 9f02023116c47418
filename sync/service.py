"""One sync and one validation, composed from a backend, the rules and a clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rules.communes import CommuneDirectory
from rules.evaluate import LayoutProblem, Report, evaluate, find_tabs
from rules.summary import LOG, LOG_COLUMNS, build_tables
from sync.backend import Backend, Book, Grid, WritePlan
from sync.config import Settings
from sync.errors import DaisusoError, LayoutError, LockHeldError
from sync.lock import sync_lock
from sync.messages import layout_message, say
from sync.state import StateStore

Clock = Callable[[], datetime]  # aware "now" in the campaign's time zone
Timer = Callable[[], float]


@dataclass(frozen=True)
class SyncResult:
    report: Report
    plan: WritePlan
    written: bool
    seconds: float


class SyncService:
    def __init__(
        self,
        backend: Backend,
        settings: Settings,
        *,
        clock: Clock,
        timer: Timer = time.monotonic,
        lock_path: Path | None = None,
        state: StateStore | None = None,
        show_personal: bool = False,
    ) -> None:
        self.backend = backend
        self.settings = settings
        self.clock = clock
        self.timer = timer
        self.lock_path = lock_path
        self.state = state
        self.show_personal = show_personal
        self.lang = settings.worker.lang
        self.campaign = settings.campaign.rules()
        self.directory = CommuneDirectory.for_province(self.campaign.province)

    def validate(self, today: date | None = None) -> Report:
        with self.backend.open() as book:
            return self._evaluate(self._read(book), today)

    def sync(self, today: date | None = None, *, dry_run: bool = False) -> SyncResult:
        started, now = self.timer(), self.clock()
        try:
            if dry_run:
                return self._run(today, now, started, dry_run=True)
            if self.lock_path is None:
                return self._run(today, now, started, dry_run=False)
            with sync_lock(self.lock_path, now=now, lang=self.lang):
                return self._run(today, now, started, dry_run=False)
        except LockHeldError:
            raise
        except Exception as exc:
            if not dry_run and self.state is not None:
                # Nothing is written on failure; the row waits for the next sync that can write.
                message = (
                    str(exc) if isinstance(exc, DaisusoError) else f"{type(exc).__name__}: {exc}"
                )
                row = (now.replace(tzinfo=None, microsecond=0), say("log.failed", self.lang), None, None, None,
                       round(self.timer() - started, 2), message.splitlines()[0][:500] if message else "")  # fmt: skip
                self.state.add_pending_log_row(row)
            raise

    def _run(
        self, today: date | None, now: datetime, started: float, *, dry_run: bool
    ) -> SyncResult:
        with self.backend.open() as book:
            report = self._evaluate(self._read(book), today)
            plan = self._plan(report, now, round(self.timer() - started, 2))
            if not dry_run:
                book.write(plan)
        if not dry_run and self.state is not None:
            self.state.clear_pending_log()
        return SyncResult(report, plan, not dry_run, round(self.timer() - started, 2))

    def _read(self, book: Book) -> dict[str, Grid]:
        tabs = find_tabs(book.titles())
        grids = book.read(list(tabs.values()))
        return {canonical: grids[actual] for canonical, actual in tabs.items()}

    def _evaluate(self, grids: dict[str, Grid], today: date | None) -> Report:
        as_of = today or self.clock().date()
        try:
            return evaluate(grids, self.campaign, self.directory, as_of)
        except LayoutProblem as problem:
            raise LayoutError(
                layout_message(problem, self.backend.display_name, self.lang)
            ) from problem

    def _plan(self, report: Report, now: datetime, seconds: float) -> WritePlan:
        stamp = now.replace(tzinfo=None, microsecond=0)
        tables = build_tables(report, lang=self.lang, now=stamp, show_personal=self.show_personal)
        t = report.totals
        note = (
            say("log.as_of", self.lang, date=report.today.strftime("%d/%m/%Y"))
            if report.today != now.date()
            else ""
        )
        pending = self.state.pending_log_rows() if self.state is not None else []
        row = (stamp, say("log.ok", self.lang), t.rows_read, t.errors, t.warnings, seconds, note)
        return WritePlan(tables, LOG, LOG_COLUMNS, (*pending, row), self.settings.worker.log_keep)
