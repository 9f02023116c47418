"""One fleet cycle: every member (of this shard) synced in turn, then the roll-up rows.

A member is synced by an injected function (the composition root builds an ordinary
single-spreadsheet sync for it, with its own lock and state, and the shared pacer).
A member that fails never stops the others: its record keeps the last good figures,
and the cycle's exit code is the highest among the failures, after trying all.

Members are taken in an order that interleaves service accounts in proportion to
their share of the members, so that while one account waits for its bucket another
account's request goes out: one thread keeps every bucket busy.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path

from sync.config import Settings, load_settings
from sync.errors import DaisusoError
from sync.fleet.config import Fleet, MemberRef
from sync.fleet.rollup import RollupRows, build_rollup
from sync.fleet.shards import ALL, Shard, member_identity
from sync.fleet.state import FleetStateStore, MemberFigures, MemberRecord, new_record

LOCAL = "local"  # members that spend no Google quota (xlsx)


@dataclass(frozen=True)
class MemberJob:
    ref: MemberRef
    identity: str
    settings: Settings | None  # None when its config could not be loaded
    error: DaisusoError | None  # why it could not be loaded
    account: str
    project: str


@dataclass(frozen=True)
class MemberOutcome:
    job: MemberJob
    record: MemberRecord


SyncMember = Callable[[MemberJob], MemberFigures]  # raises on failure
Now = Callable[[], datetime]


@cache
def _project_of(key_file: str) -> str | None:
    try:
        data = json.loads(Path(key_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    project = data.get("project_id") if isinstance(data, dict) else None
    return project if isinstance(project, str) and project else None


def account_of(settings: Settings) -> tuple[str, str]:
    """(service account, project): members sharing a key file share an account; the
    project comes from the key file (`project_id`), else the account is its own project."""
    if settings.spreadsheet.backend != "google":
        return LOCAL, LOCAL
    credentials = settings.spreadsheet.credentials
    account = str(settings.resolve(credentials).resolve()) if credentials else "adc"
    project = _project_of(account) if credentials else None
    return account, project or account


def make_job(ref: MemberRef, base: Path, lang: str) -> MemberJob:
    try:
        settings = load_settings(ref.path)
    except DaisusoError as exc:
        identity = member_identity(None, ref.path, base)
        return MemberJob(ref, identity, None, exc, LOCAL, LOCAL)
    account, project = account_of(settings)
    return MemberJob(
        ref, member_identity(settings, ref.path, base), settings, None, account, project
    )


def interleave(jobs: Sequence[MemberJob]) -> list[MemberJob]:
    """Round-robin across accounts, each spread evenly over the cycle by its share."""
    groups: defaultdict[str, list[MemberJob]] = defaultdict(list)
    for job in jobs:
        groups[job.account].append(job)
    keyed = [
        ((i + 0.5) / len(group), n, job)
        for n, group in enumerate(groups.values())
        for i, job in enumerate(group)
    ]
    keyed.sort(key=lambda item: (item[0], item[1]))
    return [job for _, _, job in keyed]


class FleetRunner:
    def __init__(
        self,
        fleet: Fleet,
        *,
        sync_member: SyncMember,
        store: FleetStateStore,
        now: Now,
        shard: Shard = ALL,
    ) -> None:
        self.fleet = fleet
        self.sync_member = sync_member
        self.store = store
        self.now = now
        self.shard = shard
        self._jobs: list[MemberJob] | None = None

    def jobs(self) -> list[MemberJob]:
        """This shard's members, loaded once per runner (configs are read at the first cycle)."""
        if self._jobs is None:
            every = [
                make_job(ref, self.fleet.base_dir, self.fleet.lang) for ref in self.fleet.members
            ]
            self._jobs = [job for job in every if self.shard.holds(job.identity)]
        return self._jobs

    def sync_one(self, job: MemberJob) -> MemberOutcome:
        previous = self.store.get(job.identity) or new_record(job.ref.name)
        at = self.now().replace(tzinfo=None, microsecond=0)
        try:
            if job.error is not None:
                raise job.error
            figures = self.sync_member(job)
        except DaisusoError as exc:
            record = previous.failed(at, exc.exit_code, str(exc))
        except Exception as exc:  # an unexpected failure of one member is still isolated
            record = previous.failed(at, 1, f"{type(exc).__name__}: {exc}")
        else:
            record = previous.succeeded(at, figures)
        record = replace(record, name=job.ref.name)
        self.store.put(job.identity, record)
        return MemberOutcome(job, record)

    def sync_members(self) -> list[MemberOutcome]:
        outcomes = [self.sync_one(job) for job in interleave(self.jobs())]
        outcomes.sort(key=lambda o: o.job.ref.position)
        return outcomes

    def rollup(self, outcomes: Sequence[MemberOutcome]) -> RollupRows:
        names = [ref.name for ref in self.fleet.members]
        records = {o.job.ref.position: o.record for o in outcomes}
        return build_rollup(names, records, self.fleet.lang)

    def status(self) -> list[tuple[MemberJob, MemberRecord | None]]:
        return [(job, self.store.get(job.identity)) for job in self.jobs()]


def exit_code(outcomes: Sequence[MemberOutcome], rollup_error: DaisusoError | None = None) -> int:
    """0 when every member synced (and the roll-up was written), else the highest code."""
    codes = [o.record.exit_code for o in outcomes if not o.record.ok]
    if rollup_error is not None:
        codes.append(rollup_error.exit_code)
    return max(codes, default=0)
