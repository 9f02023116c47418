"""One sync at a time per spreadsheet, across processes.

`flock` is released by the kernel when its holder dies, so a lock left by a
killed process is free again at once; the file only says who holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sync.errors import LockHeldError
from sync.messages import Msg, say


def lock_path_for(key: str, folder: Path | None = None) -> Path:
    """xlsx: beside the workbook; Google: one per spreadsheet key in the temp folder."""
    if folder is None:
        folder = Path(tempfile.gettempdir())
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        return folder / f"daisuso-{digest}.lock"
    return folder / f".{Path(key).name}.daisuso.lock"


@contextlib.contextmanager
def sync_lock(path: Path, *, now: datetime, lang: str = "vi") -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockHeldError(_held_message(path, lang)) from None
        holder = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": now.isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_holder(path: Path, attempts: int = 50) -> dict[str, object]:
    """The holder writes its name just after taking the lock: give it a moment to appear."""
    for _ in range(attempts):
        try:
            text = path.read_text(encoding="utf-8")
            if text:
                holder = json.loads(text)
                return holder if isinstance(holder, dict) else {}
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    return {}


def _held_message(path: Path, lang: str) -> str:
    holder = _read_holder(path)
    host, pid, since = holder.get("host", "?"), holder.get("pid", "?"), holder.get("since", "?")
    return say(Msg.LOCK_HELD, lang, host=host, pid=pid, since=since, path=path)
