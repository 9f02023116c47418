"""What the worker read, so it can tell whether a person saved the file since."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sync.adapters.xlsx.errors import WorkbookChangedError
from sync.messages import Msg, say


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    inode: int
    sha256: str


def _stat_key(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ino


def read_with_fingerprint(path: Path, *, lang: str = "vi") -> tuple[bytes, Fingerprint]:
    """The file's bytes and their fingerprint; read again if the file moved under us."""
    for _ in range(5):
        before = os.stat(path)
        with open(path, "rb") as handle:
            data = handle.read()
        after = os.stat(path)
        if _stat_key(before) == _stat_key(after) and len(data) == after.st_size:
            size, mtime_ns, inode = _stat_key(after)
            return data, Fingerprint(size, mtime_ns, inode, hashlib.sha256(data).hexdigest())
    raise WorkbookChangedError(say(Msg.XLSX_CHANGED, lang, path=path))


def fingerprint(path: Path) -> Fingerprint:
    return read_with_fingerprint(path)[1]


def unchanged(path: Path, seen: Fingerprint) -> bool:
    """True when the file is still what was read: same size, mtime, inode and content."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    if _stat_key(st) != (seen.size, seen.mtime_ns, seen.inode):
        return False
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest() == seen.sha256


def ensure_unchanged(path: Path, seen: Fingerprint, *, lang: str = "vi") -> None:
    if not unchanged(path, seen):
        raise WorkbookChangedError(say(Msg.XLSX_CHANGED, lang, path=path))
