"""The fleet's own memory: per member, the last good figures, the last result and since
when it has been failing. One small JSON file per member, so shards on different
machines sharing the folder never write the same file, and a 3,000-member fleet
rewrites a few hundred bytes per member sync, not the whole fleet.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class MemberFigures:
    province: str
    teams: int
    communes: int
    target: int
    ambassadors: int
    expected: int
    teams_behind: int
    communes_empty: int
    hamlets: int
    errors: int


@dataclass(frozen=True)
class MemberRecord:
    name: str
    ok: bool
    exit_code: int = 0
    message: str = ""
    last_attempt: datetime | None = None
    good_at: datetime | None = None  # when `figures` were read
    failing_since: datetime | None = None  # first failure of the current run of failures
    figures: MemberFigures | None = None

    def succeeded(self, at: datetime, figures: MemberFigures) -> MemberRecord:
        return MemberRecord(self.name, True, 0, "", at, at, None, figures)

    def failed(self, at: datetime, exit_code: int, message: str) -> MemberRecord:
        since = self.failing_since if not self.ok and self.failing_since else at
        return replace(
            self, ok=False, exit_code=exit_code, message=message[:1000], last_attempt=at,
            failing_since=since,
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("last_attempt", "good_at", "failing_since"):
            value = data[key]
            data[key] = value.isoformat() if isinstance(value, datetime) else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MemberRecord:
        def when(key: str) -> datetime | None:
            value = data.get(key)
            return datetime.fromisoformat(value) if isinstance(value, str) else None

        raw = data.get("figures")
        figures = MemberFigures(**raw) if isinstance(raw, dict) else None
        return cls(
            name=str(data.get("name", "")), ok=bool(data.get("ok")),
            exit_code=int(data.get("exit_code", 0)), message=str(data.get("message", "")),
            last_attempt=when("last_attempt"), good_at=when("good_at"),
            failing_since=when("failing_since"), figures=figures,
        )  # fmt: skip


def new_record(name: str) -> MemberRecord:
    return MemberRecord(name=name, ok=False)


class FleetStateStore:
    """`<state_dir>/members/<sha>.json`, keyed by the member's identity."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "members"

    def _file(self, identity: str) -> Path:
        digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:24]
        return self.folder / f"{digest}.json"

    def get(self, identity: str) -> MemberRecord | None:
        try:
            data = json.loads(self._file(identity).read_text(encoding="utf-8"))
            return MemberRecord.from_json(data) if isinstance(data, dict) else None
        except (OSError, ValueError, TypeError):
            return None

    def put(self, identity: str, record: MemberRecord) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._file(identity)
        temp = target.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(record.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(temp, target)
