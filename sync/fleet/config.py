"""The fleet file: members (paths and globs relative to it), `[rollup]`, `[quota]`, `[worker]`.

Errors name the file and the key, in Vietnamese by default, English with `lang = "en"`
(from `[worker]` or the caller).
"""

from __future__ import annotations

import glob
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sync.config import SpreadsheetSettings
from sync.errors import ConfigError
from sync.messages import Msg, say


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


PerMinute = Annotated[int, Field(ge=1, le=100_000)]


class QuotaSettings(_Section):
    """Google's per-minute quotas to stay under (per service account, per project)."""

    reads_per_minute: PerMinute = 60
    writes_per_minute: PerMinute = 60
    project_reads_per_minute: PerMinute = 300
    project_writes_per_minute: PerMinute = 300


class FleetWorkerSettings(_Section):
    every_minutes: Annotated[int, Field(ge=1)] = 10
    lang: Literal["vi", "en"] = "vi"
    state_dir: str = ".daisuso-fleet"  # relative to the fleet file
    log_keep: Annotated[int, Field(ge=1)] = 500


class FleetSettings(_Section):
    members: Annotated[list[str], Field(min_length=1)]
    rollup: SpreadsheetSettings = SpreadsheetSettings()
    quota: QuotaSettings = QuotaSettings()
    worker: FleetWorkerSettings = FleetWorkerSettings()

    @field_validator("members")
    @classmethod
    def _not_blank(cls, value: list[str]) -> list[str]:
        if any(not item.strip() for item in value):
            raise ValueError("empty member path")
        return value


@dataclass(frozen=True)
class MemberRef:
    """One member config, at a position fixed by the fleet file order."""

    position: int  # 0-based row position in the roll-up
    path: Path  # absolute path of its daisuso.toml
    name: str  # path relative to the fleet folder, without a trailing /daisuso.toml


@dataclass(frozen=True)
class Fleet:
    path: Path
    settings: FleetSettings
    members: tuple[MemberRef, ...]

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def lang(self) -> str:
        return self.settings.worker.lang

    def resolve(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    @property
    def state_path(self) -> Path:
        return self.resolve(self.settings.worker.state_dir)


def load_fleet(path: Path, lang: str | None = None) -> Fleet:
    """Read and check the fleet file and expand its members; a ConfigError names file and key."""
    if not path.is_file():
        raise ConfigError(say(Msg.FLEET_FILE_MISSING, lang or "vi", path=path))
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(say(Msg.FLEET_FILE_NOT_TOML, lang or "vi", path=path, error=exc)) from exc
    if lang is None:
        worker = data.get("worker")
        lang = "en" if isinstance(worker, dict) and worker.get("lang") == "en" else "vi"
    try:
        settings = FleetSettings(**data)
    except ValidationError as exc:
        raise ConfigError(describe(exc, path, lang)) from exc
    base = path.resolve().parent
    return Fleet(path.resolve(), settings, expand_members(settings.members, base, path, lang))


def describe(exc: ValidationError, path: Path, lang: str) -> str:
    lines = []
    for error in exc.errors():
        key = ".".join(str(p) for p in error["loc"]) or "(root)"
        if error["type"] == "extra_forbidden":
            lines.append(say(Msg.FLEET_KEY_UNKNOWN, lang, path=path, key=key))
            continue
        value = error.get("input")
        shown = f" = {value!r}" if not isinstance(value, dict | list) else ""
        reason = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "missing":
            lines.append(say(Msg.FLEET_KEY_MISSING, lang, path=path, key=key))
            continue
        lines.append(say(Msg.FLEET_VALUE_BAD, lang, path=path, key=key, shown=shown, reason=reason))
    return "\n".join(lines)


def _member_name(config: Path, base: Path) -> str:
    try:
        rel = config.relative_to(base)
    except ValueError:
        rel = config
    if rel.name == "daisuso.toml" and rel.parent.parts:
        rel = rel.parent
    return rel.as_posix()


def expand_members(
    patterns: list[str], base: Path, fleet_path: Path, lang: str
) -> tuple[MemberRef, ...]:
    """Paths and globs in fleet-file order; a glob's matches sorted; each config once.

    A plain path that does not exist stays a member (its sync fails and its roll-up row
    says why); a glob that matches nothing is a fleet-file error.
    """
    seen: set[Path] = set()
    out: list[MemberRef] = []
    for i, pattern in enumerate(patterns):
        target = Path(pattern).expanduser()
        absolute = target if target.is_absolute() else base / target
        if glob.has_magic(pattern):
            found = sorted(Path(p) for p in glob.glob(str(absolute), recursive=True))
            if not found:
                raise ConfigError(
                    say(Msg.FLEET_MEMBER_NO_MATCH, lang, path=fleet_path, index=i, pattern=pattern)
                )
        else:
            found = [absolute]
        for config in found:
            resolved = config.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            out.append(MemberRef(len(out), resolved, _member_name(resolved, base)))
    return tuple(out)
