"""Compressed snapshots of the entry tabs, kept locally so no team's rows are ever lost.

A sync saves one when the entry data changed since the last snapshot. `daisuso
restore` exports a snapshot as a workbook for a person to copy rows back; nothing
here ever writes to the live spreadsheet.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from rules.contract import ENTRY_TABS, map_headers
from rules.values.text import header_key
from sync.ports import Grid, RawCell

SUFFIX = ".json.gz"


@dataclass(frozen=True)
class SnapshotInfo:
    name: str
    taken: datetime
    rows: dict[str, int]  # tab -> data rows (below its header row)
    path: Path


def _encode(cell: object) -> object:
    """JSON for what JSON lacks (dates); called by the encoder for those cells only."""
    if isinstance(cell, datetime):
        return {"$datetime": cell.isoformat()}
    if isinstance(cell, date):
        return {"$date": cell.isoformat()}
    return str(cell)


def _decode(cell: object) -> RawCell:
    if isinstance(cell, dict):
        if "$datetime" in cell:
            return datetime.fromisoformat(str(cell["$datetime"]))
        if "$date" in cell:
            return date.fromisoformat(str(cell["$date"]))
        return None
    return cell if isinstance(cell, str | int | float | bool) or cell is None else str(cell)


def digest(grids: dict[str, Grid]) -> str:
    """Changes when any value or type changes (5 vs 5.0, a date vs a datetime), row by row so
    a 100,000-row tab never becomes one big string."""
    h = hashlib.sha256()
    for title, grid in sorted(grids.items()):
        h.update(repr(title).encode())
        for row in grid:
            h.update(repr(row).encode())
            h.update(b"\n")
    return h.hexdigest()


def _rows(grid: Grid, title: str = "") -> int:
    """Data rows: non-empty rows below the header row (title rows and the header not counted)."""
    spec = next((s for s in ENTRY_TABS if header_key(s.title) == header_key(title)), None)
    found = map_headers(spec, grid) if spec is not None else None
    first = found.header_row + 1 if found is not None else _first_filled(grid) + 1
    return sum(1 for row in grid[first:] if any(c is not None and c != "" for c in row))


def _first_filled(grid: Grid) -> int:
    return next((i for i, row in enumerate(grid) if any(c not in (None, "") for c in row)), -1)


def _taken_from_name(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.name[:15], "%Y%m%d-%H%M%S")
    except ValueError:
        return None  # not a name this store gave: never pruned


class SnapshotStore:
    def __init__(self, folder: Path, retention_days: int = 30) -> None:
        self.folder = folder
        self.retention = timedelta(days=retention_days)

    def save(self, grids: dict[str, Grid], now: datetime, source: str) -> SnapshotInfo:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = now.replace(tzinfo=None)
        name = f"{stamp:%Y%m%d-%H%M%S}-{digest(grids)[:8]}"
        body = {
            "taken": stamp.isoformat(),  # full precision: two syncs in one second stay ordered
            "source": source,
            "tabs": grids,
        }
        # One C-encoder pass (dates through `_encode`), then one gzip pass: seconds faster on
        # 100,000 rows than streaming the encoder into the gzip file.
        text = json.dumps(body, ensure_ascii=False, default=_encode, separators=(",", ":"))
        path = self.folder / f"{name}{SUFFIX}"
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(gzip.compress(text.encode(), compresslevel=6, mtime=0))
        del text
        os.replace(temp, path)
        self.prune(stamp)
        return SnapshotInfo(name, stamp, {t: _rows(g, t) for t, g in grids.items()}, path)

    def all(self) -> list[SnapshotInfo]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            try:
                body = self._body(path)
            except (OSError, ValueError):
                continue
            tabs = {t: [[_decode(c) for c in row] for row in g] for t, g in body["tabs"].items()}
            found.append(SnapshotInfo(path.name.removesuffix(SUFFIX), datetime.fromisoformat(body["taken"]),
                                      {t: _rows(g, t) for t, g in tabs.items()}, path))  # fmt: skip
        return sorted(found, key=lambda info: (info.taken, info.name))

    def load(self, name: str) -> dict[str, Grid]:
        path = self.folder / f"{name.removesuffix(SUFFIX)}{SUFFIX}"
        body = self._body(path)
        return {t: [[_decode(c) for c in row] for row in g] for t, g in body["tabs"].items()}

    def prune(self, now: datetime) -> list[Path]:
        """Older than the retention, by the time in each name (no snapshot is opened)."""
        paths = sorted(
            self.folder.glob(f"*{SUFFIX}"),
            key=lambda p: (_taken_from_name(p) or datetime.min, p.name),
        )
        removed = []
        for path in paths[:-1]:  # the newest one is always kept
            taken = _taken_from_name(path)
            if taken is not None and now - taken > self.retention:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    @staticmethod
    def _body(path: Path) -> dict[str, Any]:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            body = json.load(handle)
        if not isinstance(body, dict) or "tabs" not in body:
            raise ValueError(path)
        return body


def export_xlsx(grids: dict[str, Grid], dest: Path) -> None:
    workbook = Workbook()
    for placeholder in list(workbook.worksheets):
        workbook.remove(placeholder)
    for title, grid in grids.items():
        sheet = workbook.create_sheet(title)
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # restored text stays text
                elif isinstance(value, datetime | date):
                    cell.number_format = "DD/MM/YYYY"
    temp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    workbook.save(temp)
    os.replace(temp, dest)
