"""Replace the workbook in one rename, keeping what makes it the same shared file.

The new bytes go to a temporary file in the folder of the file itself (the target
of a symlink, so the link keeps pointing at the new content), get the old mode,
owner and group, and replace the old file only if it is still exactly what the
worker read. A hard-linked or read-only workbook is refused: replacing it would
silently split it from its other names, or override a decision to protect it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from sync.adapters.xlsx.errors import WorkbookNotWritableError
from sync.adapters.xlsx.identity import Fingerprint, ensure_unchanged
from sync.messages import Msg, say

BeforeReplace = Callable[[Path], None]


def target_of(path: Path) -> Path:
    """The real file behind `path` (itself when it is not a symlink)."""
    return Path(os.path.realpath(path))


def write_problems(path: Path, *, lang: str = "vi") -> list[str]:
    """Why the worker, as the user it runs as, could not replace `path` (empty when it can)."""
    target = target_of(path)
    problems: list[str] = []
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        if st.st_nlink > 1:
            problems.append(say(Msg.XLSX_HARD_LINK, lang, target=target, links=st.st_nlink))
        if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            target, os.W_OK
        ):
            problems.append(say(Msg.XLSX_READ_ONLY, lang, target=target, uid=os.geteuid()))
    folder = target.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        problems.append(say(Msg.XLSX_FOLDER_NOT_WRITABLE, lang, folder=folder))
    return problems


def ensure_writable(path: Path, *, lang: str = "vi") -> None:
    problems = write_problems(path, lang=lang)
    if problems:
        raise WorkbookNotWritableError("\n".join(problems))


def _keep_owner(fd: int, st: os.stat_result, target: Path, lang: str) -> list[str]:
    if (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid()):
        return []
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
        return []
    except PermissionError:
        pass
    notes: list[str] = []
    try:
        os.fchown(fd, -1, st.st_gid)
    except PermissionError:
        notes.append(say(Msg.XLSX_GROUP_LOST, lang, gid=st.st_gid, target=target))
    if st.st_uid != os.geteuid():
        mode = stat.filemode(st.st_mode)
        notes.append(
            say(Msg.XLSX_OWNER_LOST, lang, uid=st.st_uid, target=target, me=os.geteuid(), mode=mode)
        )
    return notes


def atomic_replace(
    path: Path,
    data: bytes | Callable[[BinaryIO], None],
    *,
    expect: Fingerprint | None = None,
    before_replace: BeforeReplace | None = None,
    lang: str = "vi",
) -> list[str]:
    """Write `data` over the file behind `path`; return notes on what could not be kept.

    `before_replace` runs after the temporary file is complete and before the final
    check that the file is unchanged (tests use it to save the workbook "as a person").
    """
    ensure_writable(path, lang=lang)
    target = target_of(path)
    st = os.stat(target)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)  # a large workbook streams straight into the temporary file
            handle.flush()
            os.fchmod(handle.fileno(), stat.S_IMODE(st.st_mode))
            notes = _keep_owner(handle.fileno(), st, target, lang)
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace(temp)
        if expect is not None:
            ensure_unchanged(target, expect, lang=lang)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return notes


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
