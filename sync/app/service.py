"""One sync and one validation, composed from a backend, the rules and a clock."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from rules.contract import ENTRY_TABS, LOG, LOG_COLUMNS, is_blank
from rules.evaluate import LayoutProblem, Report, evaluate, find_tabs
from rules.summary import build_tables, loss_alert
from rules.tables import Cell
from rules.values.communes import CommuneDirectory
from sync.config import Settings
from sync.errors import DaisusoError, LayoutError, LockHeldError
from sync.messages import Msg, layout_message, say
from sync.perf import paused_gc
from sync.ports import Backend, Book, Grid, WritePlan
from sync.store.lock import sync_lock
from sync.store.snapshots import SnapshotStore, digest
from sync.store.state import StateStore

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
        snapshots: SnapshotStore | None = None,
        show_personal: bool = False,
    ) -> None:
        self.backend = backend
        self.settings = settings
        self.clock = clock
        self.timer = timer
        self.lock_path = lock_path
        self.state = state
        self.snapshots = snapshots
        self.show_personal = show_personal
        self.lang = settings.worker.lang
        self.campaign = settings.campaign.rules()
        self.directory = CommuneDirectory.for_province(self.campaign.province)

    def validate(self, today: date | None = None) -> Report:
        with self.backend.open(writing=False) as book:
            return self._evaluate(self._read(book), today)

    def sync(
        self, today: date | None = None, *, dry_run: bool = False, force: bool = False
    ) -> SyncResult:
        started, now = self.timer(), self.clock()
        try:
            if dry_run or self.lock_path is None:
                return self._run(today, now, started, dry_run=dry_run, force=force)
            with sync_lock(self.lock_path, now=now, lang=self.lang):
                return self._run(today, now, started, dry_run=False, force=force)
        except LockHeldError:
            raise
        except Exception as exc:
            if not dry_run and self.state is not None:
                # Nothing is written on failure; the row waits for the next sync that can write.
                message = (
                    str(exc) if isinstance(exc, DaisusoError) else f"{type(exc).__name__}: {exc}"
                )
                row = (now.replace(tzinfo=None, microsecond=0), say(Msg.LOG_FAILED, self.lang), None, None, None,
                       round(self.timer() - started, 2), message.splitlines()[0][:500] if message else "")  # fmt: skip
                self.state.add_pending_log_row(row)
            raise

    def _run(
        self, today: date | None, now: datetime, started: float, *, dry_run: bool, force: bool
    ) -> SyncResult:
        last_counts = self.state.last_counts() if self.state is not None else {}
        with self.backend.open() as book:
            grids = self._guard_empty_reads(self._read(book), last_counts, force)
            entry_titles = find_tabs(book.titles())
            report = self._evaluate(grids, today)
            previous = self.state.get("last_snapshot") if self.state is not None else None
            if not dry_run:
                self._snapshot(grids, now)
            alerts = self._loss_alerts(report.rows_by_tab, last_counts, previous or "")
            plan = self._plan(report, now, round(self.timer() - started, 2), alerts)
            plan = replace(plan, entry_titles=entry_titles)
            if not dry_run:
                book.write(plan)
        if not dry_run and self.state is not None:
            self.state.clear_pending_log()
            self.state.set_last_counts(dict(report.rows_by_tab))
        return SyncResult(report, plan, not dry_run, round(self.timer() - started, 2))

    def _guard_empty_reads(
        self, grids: dict[str, Grid], last: dict[str, int], force: bool
    ) -> dict[str, Grid]:
        """A tab that reads completely empty after having rows is suspicious: stop unless forced."""
        out = dict(grids)
        for spec in ENTRY_TABS:
            grid = grids.get(spec.title)
            if grid is None or not last.get(spec.title):
                continue
            if any(not is_blank(c) for row in grid for c in row):
                continue
            if not force:
                raise LayoutError(
                    say(Msg.GUARD_EMPTY, self.lang, tab=spec.title, rows=last[spec.title])
                )
            out[spec.title] = [list(spec.headers)]  # forced: the tab really is empty now
        return out

    def _snapshot(self, grids: dict[str, Grid], now: datetime) -> None:
        if self.snapshots is None or self.state is None:
            return
        fingerprint = digest(grids)
        if fingerprint == self.state.get("last_digest"):
            return
        info = self.snapshots.save(grids, now, self.backend.display_name)
        self.state.put(last_digest=fingerprint, last_snapshot=info.name)

    def _loss_alerts(
        self, now: Mapping[str, int], last: dict[str, int], snapshot: str
    ) -> tuple[tuple[Cell, ...], ...]:
        ratio = self.settings.worker.mass_delete_ratio
        alerts = []
        for spec in ENTRY_TABS:
            before, after = last.get(spec.title, 0), now.get(spec.title, 0)
            if before and (before - after) / before > ratio:
                text = say(Msg.LOSS, self.lang, tab=spec.title, lost=before - after, before=before,
                           after=after, snapshot=snapshot or "—")  # fmt: skip
                alerts.append(loss_alert(text, self.lang))
        return tuple(alerts)

    def _read(self, book: Book) -> dict[str, Grid]:
        tabs = find_tabs(book.titles())
        grids = book.read(list(tabs.values()))
        return {canonical: grids[actual] for canonical, actual in tabs.items()}

    def _evaluate(self, grids: dict[str, Grid], today: date | None) -> Report:
        as_of = today or self.clock().date()
        try:
            with paused_gc():
                return evaluate(grids, self.campaign, self.directory, as_of)
        except LayoutProblem as problem:
            raise LayoutError(
                layout_message(problem, self.backend.display_name, self.lang)
            ) from problem

    def _plan(
        self,
        report: Report,
        now: datetime,
        seconds: float,
        alerts: tuple[tuple[Cell, ...], ...] = (),
    ) -> WritePlan:
        stamp = now.replace(tzinfo=None, microsecond=0)
        tables = build_tables(
            report, lang=self.lang, now=stamp, show_personal=self.show_personal, extra_alerts=alerts
        )
        t = report.totals
        note = (
            say(Msg.LOG_AS_OF, self.lang, date=report.today.strftime("%d/%m/%Y"))
            if report.today != now.date()
            else ""
        )
        pending = self.state.pending_log_rows() if self.state is not None else []
        row = (stamp, say(Msg.LOG_OK, self.lang), t.rows_read, t.errors, t.warnings, seconds, note)
        teams = tuple(team.code for team in report.teams)
        return WritePlan(
            tables, LOG, LOG_COLUMNS, (*pending, row), self.settings.worker.log_keep,
            lang=self.lang, teams=teams,
        )  # fmt: skip
