"""The log tab on Google: rewritten whole with its newest rows; a progress row while a
split write is under way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from rules.tables import Column, Table
from sync.messages import Msg, say


def log_table(
    title: str,
    columns: Sequence[Column],
    old_rows: Iterable[Sequence[object]],
    new_rows: Sequence[Sequence[object]],
    keep: int,
) -> Table:
    """The log tab as it must be: header + the newest `keep` of old + new rows."""
    rows = [tuple(r) for r in old_rows] + [tuple(r) for r in new_rows]
    kept = rows[-keep:] if keep > 0 else []
    return Table(title=title, columns=tuple(columns), rows=cast(Any, tuple(kept)))


def _find_column(columns: Sequence[Column], names: Sequence[str], default: int) -> int:
    for i, c in enumerate(columns):
        if c.name.strip().casefold() in names:
            return i
    return min(default, max(0, len(columns) - 1))


def progress_row(
    columns: Sequence[Column], template: Sequence[object], k: int, n: int, lang: str
) -> tuple[object, ...]:
    """Log row shown while a split write is under way: "Đang ghi (1/3)…"."""
    row = list(template) + [None] * max(0, len(columns) - len(template))
    result = _find_column(columns, ("kết quả", "result"), 1)
    note = _find_column(columns, ("ghi chú", "note", "notes"), len(columns) - 1)
    row[result] = say(Msg.GOOGLE_LOG_WRITING, lang, k=k, n=n)
    if note != result and len(row) > note:
        row[note] = say(Msg.GOOGLE_LOG_WRITING_NOTE, lang)
    return tuple(row)
