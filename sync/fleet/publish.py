"""Writing the roll-up spreadsheet: `Toàn bộ` and a row in `Nhật ký`.

- A whole fleet (no shards) writes `Toàn bộ` whole through the ordinary Backend/Book port,
  on either backend (Google: with the layout remembered, 1 read + 1 write).
- A shard on Google writes only its own members' rows, the header and the total row
  (the same in every shard) by position, with the tab's look (colours, chart), and
  appends its log row (`appendCells`, which Google applies atomically): shards never
  overwrite each other's rows. 1 metadata read + 1 write; a refusal caused by another
  shard creating the tab (or its chart) at the same moment is retried once on the
  fresh layout.
- A shard on a local workbook takes the roll-up's lock, reads `Toàn bộ`, puts its rows
  in and writes it back: the lock orders the shards.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from rules.contract import LOG, LOG_COLUMNS
from rules.tables import Cell, Table
from sync.errors import LayoutError
from sync.fleet.rollup import RollupRows
from sync.messages import Msg, say
from sync.ports import Backend, Book, WritePlan
from sync.store.lock import sync_lock

LogRow = tuple[object, ...]


def log_row(
    now: datetime, synced: int, failed: Sequence[str], seconds: float, shard: str, lang: str
) -> LogRow:
    """`Thời gian | Kết quả | Số dòng đọc | Lỗi | Cảnh báo | Thời lượng (s) | Ghi chú` of one
    cycle: members synced, members failed, and which."""
    result = say(Msg.LOG_OK, lang) if not failed else say(Msg.FLEET_LOG_ERRORS, lang)
    names = ", ".join(failed[:10]) + (" …" if len(failed) > 10 else "")
    note = say(Msg.FLEET_LOG_SHARD, lang, shard=shard) if shard != "1/1" else ""
    if failed:
        note = (note + "; " if note else "") + say(Msg.FLEET_LOG_FAILED, lang, names=names)
    stamp = now.replace(tzinfo=None, microsecond=0)
    return (stamp, result, synced, len(failed), None, round(seconds, 2), note)


def publish(
    backend: Backend,
    rollup: RollupRows,
    row: LogRow,
    *,
    keep: int,
    google: bool,
    lock: Path,
    now: datetime,
    lang: str,
) -> None:
    """Write this process's roll-up rows (see the module docstring)."""
    if rollup.complete:
        with sync_lock(lock, now=now, lang=lang), backend.open() as book:
            book.write(WritePlan((rollup.table(),), LOG, LOG_COLUMNS, (row,), keep))
        return
    if google:
        for attempt in (1, 2):
            try:
                with backend.open() as book:
                    _google_rows(book, rollup, row, lang)
                return
            except LayoutError:
                if attempt == 2:
                    raise
        return
    with sync_lock(lock, now=now, lang=lang), backend.open() as book:
        book.write(WritePlan((_merged(book, rollup),), LOG, LOG_COLUMNS, (row,), keep))


def _merged(book: Book, rollup: RollupRows) -> Table:
    """`Toàn bộ` as it is, with this shard's rows, header and total put in."""
    grid = book.read([rollup.title])[rollup.title] if rollup.title in book.titles() else []
    width = len(rollup.columns)
    rows: list[tuple[Cell, ...]] = []
    for position in range(rollup.size):
        if position in rollup.rows:
            rows.append(rollup.rows[position])
        else:
            old = grid[position + 1] if position + 1 < len(grid) else []
            rows.append(tuple(_cell(v) for v in old[:width]))
    return Table(rollup.title, rollup.columns, (*rows, rollup.total))


def _cell(value: object) -> Cell:
    return (
        value
        if isinstance(value, str | int | float | datetime) and not isinstance(value, bool)
        else None
    )


def _google_rows(book: Any, rollup: RollupRows, row: LogRow, lang: str) -> None:
    """One batchUpdate: size the tab, header, own rows, total row, formats, the look
    (the same as a whole write's: colours, chart), log row."""
    from sync.adapters.google import plan as gp
    from sync.adapters.google.look import Style

    sheets = book.sheets()
    taken = {s.sheet_id for s in sheets.values()}
    width, height = len(rollup.columns), rollup.size + 2
    info = sheets.get(rollup.title)
    requests: list[bytes] = []
    if info is None:
        sid = gp.new_sheet_id(rollup.title, taken)
        requests.append(gp.add_sheet(sid, rollup.title, height, width))
    else:
        sid = info.sheet_id
        requests.append(gp.resize_sheet(sid, height, width))
    kinds = [c.kind for c in rollup.columns]

    def encoded(cells: Sequence[object]) -> bytes:
        values = [gp.cell(v, kinds[i]) for i, v in enumerate(cells)]
        return gp.dumps({"values": values + [{}] * (width - len(values))})

    header = Table(rollup.title, rollup.columns, ())
    requests.append(gp.update_cells(sid, 0, width, gp.encode_rows(header, width, 1)[:1]))
    for start, run in _runs(sorted(rollup.rows)):
        cells = [encoded(rollup.rows[p]) for p in run]
        requests.append(gp.update_cells(sid, rollup.sheet_row(start) - 1, width, cells))
    requests.append(gp.update_cells(sid, height - 1, width, [encoded(rollup.total)]))
    for i, column in enumerate(rollup.columns):
        fmt = gp.column_format(sid, i, height, column.kind)
        if fmt is not None:
            requests.append(fmt)
    look = gp.TableWrite(sid, b"", width, [], [])
    Style(lang, book.extras(), (), set(taken))([(rollup.table(), look)])
    requests += look.formats
    requests += _log_requests(sheets, taken, row)
    book.batch_update(b'{"requests":[' + b",".join(requests) + b"]}")


def _log_requests(sheets: dict[str, Any], taken: set[int], row: LogRow) -> list[bytes]:
    from sync.adapters.google import plan as gp

    kinds = [c.kind for c in LOG_COLUMNS]
    cells = [gp.cell(v, kinds[i]) for i, v in enumerate(row)]
    info = sheets.get(LOG)
    out: list[bytes] = []
    if info is None:
        sid = gp.new_sheet_id(LOG, taken)
        out.append(gp.add_sheet(sid, LOG, 2, len(LOG_COLUMNS)))
        head = Table(LOG, LOG_COLUMNS, ())
        out.append(
            gp.update_cells(sid, 0, len(LOG_COLUMNS), gp.encode_rows(head, len(LOG_COLUMNS), 1)[:1])
        )
    else:
        sid = info.sheet_id
    append = {
        "appendCells": {"sheetId": sid, "rows": [{"values": cells}], "fields": gp.CELL_FIELDS}
    }
    out.append(gp.dumps(append))
    return out


def _runs(positions: Sequence[int]) -> list[tuple[int, list[int]]]:
    """Consecutive positions grouped: [(start, [start, start+1, …]), …]."""
    runs: list[tuple[int, list[int]]] = []
    for p in positions:
        if runs and runs[-1][1][-1] == p - 1:
            runs[-1][1].append(p)
        else:
            runs.append((p, [p]))
    return runs
