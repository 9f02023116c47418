"""`--shard I/N`: a stable subset of the members, with 1/N of the quota.

A member's shard is a hash of its identity: the spreadsheet key on Google, else the
workbook path relative to the fleet file (the same on every machine that mounts the
fleet folder), else its config path. Adding or removing other members never moves it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sync.config import Settings
from sync.errors import ConfigError
from sync.messages import Msg, say

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, identity: str) -> bool:
        return shard_of(identity, self.count) == self.index


ALL = Shard(1, 1)


def parse_shard(text: str | None, lang: str = "vi") -> Shard:
    if text is None or not text.strip():
        return ALL
    match = _SHARD.match(text)
    if match:
        index, count = int(match.group(1)), int(match.group(2))
        if 1 <= index <= count:
            return Shard(index, count)
    raise ConfigError(say(Msg.FLEET_SHARD_BAD, lang, text=text))


def shard_of(identity: str, count: int) -> int:
    """1-based shard of an identity: stable across processes, machines and Python versions."""
    digest = hashlib.sha256(identity.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def member_identity(settings: Settings | None, config_path: Path, base: Path) -> str:
    """What a member's shard is computed from (see the module docstring)."""
    if settings is None:
        return "config:" + _relative(config_path, base)
    if settings.spreadsheet.backend == "google" and settings.spreadsheet.key.strip():
        return "google:" + settings.spreadsheet.key.strip()
    return "xlsx:" + _relative(settings.workbook_path, base)
