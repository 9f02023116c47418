"""Is the workbook open in Excel (`~$name`) or LibreOffice (`.~lock.name#`)?

Both programs leave a small lock file beside the workbook while it is open.
LibreOffice's says who: `NAME,SYSUSER,HOST,DD.MM.YYYY HH:MM,URL;` (NAME is empty
when the user filled in no name). Excel's starts with the user name's length in
one byte, then the name. A lock file older than `stale_after` seconds is taken
for a leftover from a crash: the worker says so and goes on.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sync.adapters.xlsx.errors import WorkbookOpenError
from sync.messages import Msg, say

DEFAULT_STALE_AFTER = 12 * 3600.0
_PROGRAM = {"excel": "Excel", "libreoffice": "LibreOffice"}


@dataclass(frozen=True)
class OpenMarker:
    kind: Literal["excel", "libreoffice"]
    path: Path
    who: str | None
    host: str | None
    since: str | None
    age_seconds: float
    stale: bool

    def holder(self) -> str:
        parts = [self.who or "?"]
        if self.host:
            parts.append(f"@{self.host}")
        return "".join(parts)

    def describe(self, lang: str = "vi") -> str:
        who = f" ({self.holder()}" + (f", {self.since}" if self.since else "") + ")"
        params = {
            "program": _PROGRAM[self.kind],
            "who": who if self.who else "",
            "name": self.path.name,
        }
        if self.stale:
            return say(Msg.XLSX_LOCK_STALE, lang, hours=self.age_seconds / 3600, **params)
        return say(Msg.XLSX_LOCK_LIVE, lang, **params)


def _unescape_fields(text: str) -> list[str]:
    fields, current, escaped = [], [], False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in ",;":
            fields.append("".join(current))
            current = []
            if ch == ";":
                break
        else:
            current.append(ch)
    else:
        fields.append("".join(current))
    return fields


def parse_libreoffice(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(who, host, since) from a LibreOffice lock file; the name, else the system user."""
    fields = _unescape_fields(data.decode("utf-8", errors="replace").strip())
    fields += [""] * (5 - len(fields))
    name, sysuser, host, since = (f.strip() for f in fields[:4])
    return (name or sysuser or None), (host or None), (since or None)


def parse_excel(data: bytes) -> str | None:
    """The user name in an Excel owner file (UTF-16 copy when present, else the ANSI one)."""
    if not data:
        return None
    n = data[0]
    for start in (0x38, 0x37):  # after a 2-byte length at 0x36 (some writers: 1 byte)
        wide = data[start : start + 2 * n]
        if not n or len(wide) != 2 * n:
            continue
        try:
            text = wide.decode("utf-16-le").strip("\x00 ")
        except UnicodeDecodeError:
            continue
        if text and text.isprintable():
            return text
    ansi = data[1 : 1 + n].decode("cp1252", errors="replace").strip("\x00 ")
    return ansi or None


def _candidates(path: Path) -> list[tuple[Literal["excel", "libreoffice"], Path]]:
    folders = {path.parent, Path(os.path.realpath(path)).parent}
    names = {path.name, Path(os.path.realpath(path)).name}
    found: list[tuple[Literal["excel", "libreoffice"], Path]] = []
    for folder in sorted(folders):
        for name in sorted(names):
            found.append(("libreoffice", folder / f".~lock.{name}#"))
            found.append(("excel", folder / f"~${name}"))
            if len(name) > 2:
                found.append(("excel", folder / f"~${name[2:]}"))
    return found


def find_open_markers(
    path: Path, *, now: float | None = None, stale_after: float = DEFAULT_STALE_AFTER
) -> list[OpenMarker]:
    """Every lock file beside the workbook (or beside its symlink's target)."""
    now = time.time() if now is None else now
    markers: list[OpenMarker] = []
    seen: set[Path] = set()
    for kind, candidate in _candidates(path):
        if candidate in seen:
            continue
        seen.add(candidate)
        try:
            st = candidate.stat()
            data = candidate.read_bytes()[:4096]
        except OSError:
            continue
        who: str | None
        host = since = None
        if kind == "libreoffice":
            who, host, since = parse_libreoffice(data)
        else:
            who = parse_excel(data)
        age = max(0.0, now - st.st_mtime)
        markers.append(OpenMarker(kind, candidate, who, host, since, age, age > stale_after))
    return markers


def ensure_not_open(
    path: Path,
    *,
    now: float | None = None,
    stale_after: float = DEFAULT_STALE_AFTER,
    lang: str = "vi",
) -> list[str]:
    """Raise when a live lock file is found; return notes about stale ones."""
    markers = find_open_markers(path, now=now, stale_after=stale_after)
    live = [m for m in markers if not m.stale]
    if live:
        raise WorkbookOpenError("\n".join(m.describe(lang) for m in live))
    return [m.describe(lang) for m in markers]
