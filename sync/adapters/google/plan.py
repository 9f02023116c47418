"""Pure request building for the Google Sheets backend (no I/O).

A `WritePlan` becomes one `spreadsheets.batchUpdate` body (or, above `LIMIT_BYTES`,
the fewest bodies that fit, at most `MAX_BATCHES`). Bodies are serialised here, compact
and UTF-8, so their size is known exactly before they are sent.

Every sub-request is positional and absolute (resize to a size, write a fixed range; the
log is rewritten whole, newest `log_keep` rows, rather than appended then trimmed), so a
batch replayed after its answer was lost writes the same state again. Only `addSheet` is
refused on replay (the tab exists), atomically, which the HTTP layer reports as "may have
been applied". New tabs get a `sheetId` chosen here so the same batch can fill them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rules.contract import column_letter
from rules.tables import Kind, Table, Target
from sync.adapters.google.cells import COLUMN_FORMATS as COLUMN_FORMATS
from sync.adapters.google.cells import DATE_FORMAT as DATE_FORMAT
from sync.adapters.google.cells import DATETIME_FORMAT as DATETIME_FORMAT
from sync.adapters.google.cells import cell as cell
from sync.adapters.google.cells import cell_json as cell_json
from sync.adapters.google.cells import dumps as dumps
from sync.adapters.google.cells import header_cell as header_cell
from sync.adapters.google.cells import serial as serial
from sync.adapters.google.log import log_table as log_table
from sync.adapters.google.log import progress_row as progress_row

LIMIT_BYTES = 2_000_000  # Google's recommended maximum payload
MAX_BATCHES = 3
CELL_FIELDS = "userEnteredValue,userEnteredFormat"
GRID_FIELDS = "gridProperties.rowCount,gridProperties.columnCount,gridProperties.frozenRowCount"


def quote_title(title: str) -> str:
    """A tab title as an A1 range: `'Đại sứ số'`, `'It''s'`."""
    return "'" + title.replace("'", "''") + "'"


@dataclass
class SheetInfo:
    sheet_id: int
    title: str
    index: int = 0
    row_count: int = 1000
    column_count: int = 26
    frozen_rows: int = 0
    protected_ids: tuple[int, ...] = ()
    hidden_rows: frozenset[int] = frozenset()  # 0-based rows a person has hidden

    @classmethod
    def from_json(cls, sheet: dict[str, Any]) -> SheetInfo:
        props = sheet.get("properties", {})
        grid = props.get("gridProperties", {})
        return cls(
            sheet_id=int(props.get("sheetId", 0)),
            title=str(props.get("title", "")),
            index=int(props.get("index", 0)),
            row_count=int(grid.get("rowCount", 0)),
            column_count=int(grid.get("columnCount", 0)),
            frozen_rows=int(grid.get("frozenRowCount", 0)),
            protected_ids=tuple(
                int(p.get("protectedRangeId", 0)) for p in sheet.get("protectedRanges", [])
            ),
            hidden_rows=frozenset(
                i
                for data in sheet.get("data", [])
                if any(rows := data.get("rowMetadata", []))  # mostly `{}` for every row
                for i, meta in enumerate(rows, int(data.get("startRow", 0)))
                if meta and meta.get("hiddenByUser")
            ),
        )


def new_sheet_id(title: str, taken: set[int]) -> int:
    """A stable, unused sheetId for a tab we add (so the same batch can fill it)."""
    sid = (zlib.crc32(title.encode()) & 0x7FFFFFFF) or 1
    while sid in taken:
        sid = (sid + 1) & 0x7FFFFFFF or 1
    taken.add(sid)
    return sid


def grid_size(table: Table) -> tuple[int, int]:
    width = max([len(table.columns), 1, *(len(r) for r in table.rows)])
    # At least one unfrozen row: Google refuses to freeze every row of a sheet.
    return max(2, 1 + len(table.rows)), width


# --- sub-requests --------------------------------------------------------------------


def _grid_props(rows: int, cols: int, frozen: int) -> dict[str, int]:
    return {"rowCount": rows, "columnCount": cols, "frozenRowCount": frozen}


def add_sheet(sheet_id: int, title: str, rows: int, cols: int, frozen: int = 1) -> bytes:
    grid = _grid_props(rows, cols, frozen)
    return dumps(
        {"addSheet": {"properties": {"sheetId": sheet_id, "title": title, "gridProperties": grid}}}
    )


def sheet_props(sheet_id: int, fields: str, **grid: int) -> bytes:
    """`updateSheetProperties` of some gridProperties (`fields` names them)."""
    props = {"sheetId": sheet_id, "gridProperties": grid}
    return dumps({"updateSheetProperties": {"properties": props, "fields": fields}})


def resize_sheet(sheet_id: int, rows: int, cols: int, frozen: int = 1) -> bytes:
    return sheet_props(sheet_id, GRID_FIELDS, **_grid_props(rows, cols, frozen))


def grid_range(sheet_id: int, r0: int, r1: int, c0: int, c1: int) -> dict[str, int]:
    return dict(
        sheetId=sheet_id, startRowIndex=r0, endRowIndex=r1, startColumnIndex=c0, endColumnIndex=c1
    )


def update_cells(
    sheet_id: int, start_row: int, width: int, rows: Sequence[bytes], col: int = 0
) -> bytes:
    """`updateCells` of pre-encoded rows at [start_row, +len(rows)) x [col, col+width)."""
    rng = dumps(grid_range(sheet_id, start_row, start_row + len(rows), col, col + width))
    head = b'{"updateCells":{"range":' + rng + b',"fields":"' + CELL_FIELDS.encode()
    return head + b'","rows":[' + b",".join(rows) + b"]}}"


def update_cells_overhead(sheet_id: int, start_row: int, end_row: int, width: int) -> int:
    """Bytes of an `updateCells` request besides its rows and their separating commas."""
    rng = dumps(grid_range(sheet_id, start_row, end_row, 0, width))
    return len(b'{"updateCells":{"range":,"fields":"","rows":[]}}') + len(rng) + len(CELL_FIELDS)


def column_format(sheet_id: int, col: int, rows: int, kind: Kind) -> bytes | None:
    fmt = COLUMN_FORMATS.get(kind)
    if fmt is None or rows <= 1:
        return None
    rng = grid_range(sheet_id, 1, rows, col, col + 1)
    cell_fmt = {"userEnteredFormat": {"numberFormat": fmt}}
    fields = "userEnteredFormat.numberFormat"
    return dumps({"repeatCell": {"range": rng, "cell": cell_fmt, "fields": fields}})


def link_uri(gid: int, target: Target) -> str:
    """`#gid=<sheetId>&range=<A1>`, from numbers only: no typed text ever enters it."""
    return f"#gid={int(gid)}&range={column_letter(int(target.column))}{int(target.row)}"


def encode_rows(
    table: Table, width: int, total_rows: int, gids: Mapping[str, int] | None = None
) -> list[bytes]:
    """Header + data rows, every row padded to `width` (empty cells clear stale ones).

    With `gids` (entry-tab title -> sheetId), a row's link cell opens its target."""
    kinds = [c.kind for c in table.columns]
    header = [header_cell(c.name) for c in table.columns]
    out = [dumps({"values": header + [{}] * (width - len(header))})]
    links = table.links if gids else ()
    for r, row in enumerate(table.rows):
        cells = [cell_json(v, kinds[i] if i < len(kinds) else Kind.ANY) for i, v in enumerate(row)]
        target = links[r] if r < len(links) else None
        if target is not None and target.tab in (gids or {}) and table.link_column < len(cells):
            link = {"link": {"uri": link_uri((gids or {})[target.tab], target)}}
            value = row[table.link_column]
            linked = {
                **cell(
                    value, kinds[table.link_column] if table.link_column < len(kinds) else Kind.ANY
                ),
                "userEnteredFormat": {"textFormat": link},
            }
            cells[table.link_column] = dumps(linked).decode()
        cells += ["{}"] * (width - len(cells))
        out.append(('{"values":[' + ",".join(cells) + "]}").encode())
    while len(out) < total_rows:
        out.append(dumps({"values": [{}] * width}))
    return out


# --- packing into batches ---------------------------------------------------------------

# Appends each table's look requests to its write, knowing every table's sheetId.
Decorate = Callable[[Sequence[tuple[Table, "TableWrite"]]], None]


@dataclass
class TableWrite:
    """One tab replaced whole: sized, then its rows (splittable), then column formats."""

    sheet_id: int
    setup: bytes  # addSheet or updateSheetProperties
    width: int
    rows: list[bytes]
    formats: list[bytes]


@dataclass
class Batch:
    requests: list[bytes] = field(default_factory=list)
    size: int = len(b'{"requests":[]}')

    def room(self, limit: int) -> int:
        return limit - self.size - (1 if self.requests else 0)

    def add(self, req: bytes) -> None:
        self.size += len(req) + (1 if self.requests else 0)
        self.requests.append(req)

    def body(self) -> bytes:
        return b'{"requests":[' + b",".join(self.requests) + b"]}"


def table_write(
    table: Table,
    sheets: dict[str, SheetInfo],
    taken: set[int],
    gids: Mapping[str, int] | None = None,
) -> TableWrite:
    rows, cols = grid_size(table)
    info = sheets.get(table.title)
    if info is None:
        sid = new_sheet_id(table.title, taken)
        setup = add_sheet(sid, table.title, rows, cols)
    else:
        sid = info.sheet_id
        setup = resize_sheet(sid, rows, cols)
    formats = [
        f
        for i, c in enumerate(table.columns)
        if (f := column_format(sid, i, 1 + len(table.rows), c.kind)) is not None
    ]
    return TableWrite(sid, setup, cols, encode_rows(table, cols, rows, gids), formats)


def pack(
    head: Sequence[bytes], writes: Sequence[TableWrite], tail: Sequence[bytes], limit: int
) -> list[Batch]:
    """Greedy in order: `head`, every setup, rows split across batches as needed, `tail`.

    Every batch but the last is filled to `limit`, so no packing in this order uses fewer.
    """
    batches = [Batch()]

    def put(req: bytes) -> None:
        if batches[-1].requests and len(req) > batches[-1].room(limit):
            batches.append(Batch())
        batches[-1].add(req)

    for req in head:
        put(req)
    for w in writes:
        put(w.setup)
    for w in writes:
        start = 0
        while start < len(w.rows):
            room = batches[-1].room(limit)
            # Upper bound of the fixed part: the widest end row index.
            size = update_cells_overhead(w.sheet_id, start, len(w.rows), w.width)
            end = start
            while end < len(w.rows):
                extra = len(w.rows[end]) + (1 if end > start else 0)
                if size + extra > room and end > start:
                    break
                size += extra
                end += 1
            if size > room and batches[-1].requests:
                batches.append(Batch())
                continue
            batches[-1].add(update_cells(w.sheet_id, start, w.width, w.rows[start:end]))
            start = end
        for f in w.formats:
            put(f)
    for req in tail:
        put(req)
    return batches


def write_batches(
    tables: Sequence[Table],
    log_final: Table,
    log_progress: Callable[[int, int], Table],
    sheets: dict[str, SheetInfo],
    *,
    limit: int = LIMIT_BYTES,
    max_batches: int = MAX_BATCHES,
    gids: Mapping[str, int] | None = None,
    decorate: Decorate | None = None,
) -> list[bytes]:
    """Bodies to send, in order. One when it fits; else the fewest under `limit`.

    When split, the first batch writes a progress row into the log and the last one
    rewrites the log with its final rows, so a write stopped half-way is visible in the
    log, and the next sync (which rewrites every table whole) repairs it. Above
    `max_batches` x `limit` the limit is raised rather than the request count.
    `gids` (entry-tab title -> sheetId) makes link cells open their targets; `decorate`
    appends each table's look requests to its `formats`, given every table's sheetId.
    """
    taken = {s.sheet_id for s in sheets.values()}
    writes = [table_write(t, sheets, taken, gids) for t in tables]
    log_ids = set(taken)
    log_write = table_write(log_final, sheets, log_ids)
    if decorate is not None:
        decorate([*zip(tables, writes, strict=True), (log_final, log_write)])
    single = pack([], [*writes, log_write], [], limit)
    if len(single) == 1:
        return [single[0].body()]
    # Split: the log's setup and progress row first, its final content last.
    n = 9  # placeholder; same encoded length as any single digit
    batches: list[Batch] = []
    while True:
        progress = table_write(log_progress(1, n), sheets, set(taken))
        head = [
            progress.setup,
            update_cells(progress.sheet_id, 0, progress.width, progress.rows),
            *progress.formats,
        ]
        final = table_write(log_final, sheets, set(taken))
        if decorate is not None:
            final.formats = log_write.formats
        final_sid = progress.sheet_id
        tail = [
            resize_sheet(final_sid, *grid_size(log_final)),
            update_cells(final_sid, 0, final.width, final.rows),
            *final.formats,
        ]
        batches = pack(head, writes, tail, limit)
        if len(batches) <= max_batches:
            break
        limit = int(limit * 1.25)
    if n != len(batches):
        real = table_write(log_progress(1, len(batches)), sheets, set(taken))
        batches[0].requests[1] = update_cells(real.sheet_id, 0, real.width, real.rows)
    return [b.body() for b in batches]
