"""Wiring a fleet: the shared pacer, each member's ordinary sync, the roll-up backend.

Each member is synced by the same `SyncService` as `daisuso sync` (its own lock, state,
snapshots and log), with the layout remembered (1 read + 1 write in steady state) and
the fleet's pacer bound to its service account and project.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sync.bootstrap import NO_OVERRIDES, Overrides, build_backend, build_service
from sync.config import CampaignSettings, GoogleSettings, Settings, WorkerSettings
from sync.errors import DaisusoError
from sync.fleet.config import Fleet, load_fleet
from sync.fleet.pacer import Limits, QuotaPacer
from sync.fleet.publish import log_row, publish
from sync.fleet.rollup import figures_from_report
from sync.fleet.runner import FleetRunner, MemberJob, MemberOutcome, account_of, exit_code
from sync.fleet.shards import Shard, parse_shard
from sync.fleet.state import FleetStateStore, MemberFigures
from sync.ports import Backend


@dataclass(frozen=True)
class Tools:
    """What a test or the bench injects: clocks, sleep, and the services' overrides."""

    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    overrides: Overrides = NO_OVERRIDES  # clock (campaign "now"), rng, timer


@dataclass(frozen=True)
class CycleResult:
    outcomes: list[MemberOutcome]
    rollup_error: DaisusoError | None
    seconds: float

    @property
    def exit_code(self) -> int:
        return exit_code(self.outcomes, self.rollup_error)

    @property
    def failed(self) -> list[MemberOutcome]:
        return [o for o in self.outcomes if not o.record.ok]


class FleetService:
    def __init__(
        self,
        fleet: Fleet,
        environ: Mapping[str, str],
        *,
        shard: Shard,
        tools: Tools = Tools(),
    ) -> None:
        self.fleet = fleet
        self.environ = environ
        self.shard = shard
        self.tools = tools
        limits = Limits.from_quota(fleet.settings.quota, shard.count)
        self.pacer = QuotaPacer(
            limits, clock=tools.monotonic, sleep=tools.sleep, rng=tools.overrides.rng
        )
        self.store = FleetStateStore(fleet.state_path)
        self.runner = FleetRunner(
            fleet, sync_member=self.sync_member, store=self.store, now=self.now, shard=shard
        )
        self.today: date | None = None

    def reload(self) -> None:
        """Read the fleet file and the members' configs again (between `fleet run` cycles);
        the pacer and its buckets carry on."""
        self.fleet = load_fleet(self.fleet.path, self.fleet.lang)
        self.runner = FleetRunner(
            self.fleet, sync_member=self.sync_member, store=self.store, now=self.now,
            shard=self.shard,
        )  # fmt: skip

    def now(self) -> datetime:
        if self.tools.overrides.clock is not None:
            return self.tools.overrides.clock()
        return datetime.now(ZoneInfo(CampaignSettings().timezone))

    def sync_member(self, job: MemberJob) -> MemberFigures:
        assert job.settings is not None
        settings = remembering(job.settings)
        overrides = self.tools.overrides
        if settings.spreadsheet.backend == "google":
            overrides = replace(overrides, pacer=self.pacer.member(job.account, job.project))
        service = build_service(settings, self.environ, overrides=overrides)
        return figures_from_report(service.sync(self.today).report)

    def rollup_backend(self) -> tuple[Backend, Path, bool]:
        s = self.fleet.settings
        google = s.rollup.backend == "google"
        settings = Settings.model_construct(
            spreadsheet=s.rollup,
            campaign=CampaignSettings(),
            worker=WorkerSettings(
                lang=s.worker.lang, state_dir=str(self.fleet.state_path / "rollup")
            ),
            google=GoogleSettings(remember_layout=self.shard.count == 1),
            base_dir=self.fleet.base_dir,
        )
        overrides = self.tools.overrides
        if google:
            account, project = account_of(settings)
            overrides = replace(overrides, pacer=self.pacer.member(account, project))
        backend, lock = build_backend(settings, self.environ, overrides)
        return backend, lock, google

    def cycle(self, today: date | None = None) -> CycleResult:
        """Every member of this shard, then the roll-up; never stops at a failure."""
        self.today = today
        started = self.tools.monotonic()
        timer = self.tools.overrides.timer or time.monotonic
        wall = timer()
        outcomes = self.runner.sync_members()
        rollup = self.runner.rollup(outcomes)
        failed = [o.job.ref.name for o in outcomes if not o.record.ok]
        lang = self.fleet.lang
        row = log_row(
            self.now(), len(outcomes) - len(failed), failed, timer() - wall, str(self.shard), lang
        )
        error: DaisusoError | None = None
        try:
            backend, lock, google = self.rollup_backend()
            publish(
                backend, rollup, row, keep=self.fleet.settings.worker.log_keep, google=google,
                lock=lock, now=self.now(), lang=lang,
            )  # fmt: skip
        except DaisusoError as exc:
            error = exc
        return CycleResult(outcomes, error, self.tools.monotonic() - started)


def remembering(settings: Settings) -> Settings:
    """A member's settings with the layout remembered (the fleet's 1 read + 1 write)."""
    google = settings.google.model_copy(update={"remember_layout": True})
    return settings.model_copy(update={"google": google})


def build_fleet(
    path: Path,
    environ: Mapping[str, str],
    *,
    shard: str | None = None,
    lang: str | None = None,
    tools: Tools = Tools(),
) -> FleetService:
    fleet = load_fleet(path, lang)
    return FleetService(fleet, environ, shard=parse_shard(shard, fleet.lang), tools=tools)
