"""In-memory model of spreadsheets, sheets and cells, plus range resolution."""

from __future__ import annotations

import copy
import datetime as dt
import random
import string
import threading
from dataclasses import dataclass, field, fields
from typing import Any

from sync.emulator import a1
from sync.emulator.errors import ApiError, grid_limits
from sync.emulator.fieldmask import clone

DEFAULT_ROWS = 1000
DEFAULT_COLS = 26
ROW_PIXELS = 21
COL_PIXELS = 100
OWNER_EMAIL = "emulator@daisuso-emulator.iam.gserviceaccount.com"

Cell = dict[str, Any]


@dataclass
class Sheet:
    """One tab. A stored cell dict is never changed in place (writers store a new dict),
    which is what lets `snapshot` share cells instead of copying them."""

    properties: dict[str, Any]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    row_meta: dict[int, dict[str, Any]] = field(default_factory=dict)
    col_meta: dict[int, dict[str, Any]] = field(default_factory=dict)
    protected_ranges: list[dict[str, Any]] = field(default_factory=list)
    conditional_formats: list[dict[str, Any]] = field(default_factory=list)
    charts: list[dict[str, Any]] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    filter_views: list[dict[str, Any]] = field(default_factory=list)
    basic_filter: dict[str, Any] | None = None

    @property
    def sheet_id(self) -> int:
        return int(self.properties["sheetId"])

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    @property
    def grid(self) -> dict[str, Any]:
        return self.properties.setdefault("gridProperties", {})  # type: ignore[no-any-return]

    @property
    def rows(self) -> int:
        return int(self.grid.get("rowCount", 0))

    @property
    def cols(self) -> int:
        return int(self.grid.get("columnCount", 0))


@dataclass
class Spreadsheet:
    spreadsheet_id: str
    properties: dict[str, Any]
    sheets: list[Sheet] = field(default_factory=list)
    named_ranges: list[dict[str, Any]] = field(default_factory=list)
    developer_metadata: list[dict[str, Any]] = field(default_factory=list)
    private: bool = False
    created: str = ""
    modified: str = ""

    def snapshot(self) -> Spreadsheet:
        """A copy to restore if a write fails: cells are shared (copy on write), the rest
        (properties, charts, rules, metadata: small JSON data) is copied deeply."""
        sheets = [
            Sheet(cells=dict(s.cells), **{f: clone(getattr(s, f)) for f in _SHEET_PARTS})
            for s in self.sheets
        ]
        return Spreadsheet(sheets=sheets, **{f: clone(getattr(self, f)) for f in _BOOK_PARTS})

    def sheet_by_id(self, sheet_id: Any) -> Sheet | None:
        return next((s for s in self.sheets if s.sheet_id == int(sheet_id or 0)), None)

    def sheet_by_title(self, title: str) -> Sheet | None:
        low = title.lower()  # Sheets matches titles case-insensitively
        return next((s for s in self.sheets if s.title.lower() == low), None)

    def reindex(self) -> None:
        self.sheets.sort(key=lambda s: int(s.properties.get("index", 0)))
        for i, sheet in enumerate(self.sheets):
            sheet.properties["index"] = i


_SHEET_PARTS = tuple(f.name for f in fields(Sheet) if f.name != "cells")
_BOOK_PARTS = tuple(f.name for f in fields(Spreadsheet) if f.name != "sheets")


@dataclass
class Target:
    """A resolved range: a sheet and a half-open box, plus whether it was one cell."""

    sheet: Sheet
    r0: int
    c0: int
    r1: int
    c1: int
    single: bool = False

    def echo(self) -> str:
        return a1.echo(self.sheet.title, self.r0, self.c0, self.r1, self.c1)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class State:
    """All spreadsheets. Handlers take `lock` and mutate a deep copy for batch requests."""

    def __init__(self, seed: int | None = None) -> None:
        self.lock = threading.RLock()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.rng = random.Random(seed)

    def new_id(self) -> str:
        alphabet = string.ascii_letters + string.digits + "-_"
        return "1" + "".join(self.rng.choice(alphabet) for _ in range(43))

    def new_int_id(self) -> int:
        return self.rng.randrange(1, 2**31 - 1)

    def create(
        self,
        title: str,
        spreadsheet_id: str | None = None,
        locale: str = "en_US",
        time_zone: str = "Etc/GMT",
        with_default_sheet: bool = True,
    ) -> Spreadsheet:
        sid = spreadsheet_id or self.new_id()
        stamp = now_iso()
        book = Spreadsheet(
            spreadsheet_id=sid,
            properties={
                "title": title,
                "locale": locale,
                "autoRecalc": "ON_CHANGE",
                "timeZone": time_zone,
            },
            created=stamp,
            modified=stamp,
        )
        if with_default_sheet:
            book.sheets.append(new_sheet(0, "Sheet1", 0))
        self.spreadsheets[sid] = book
        return book

    def get(self, spreadsheet_id: str) -> Spreadsheet:
        book = self.spreadsheets.get(spreadsheet_id)
        if book is None:
            raise ApiError(404)
        if book.private:
            raise ApiError(403)
        return book


def new_sheet(sheet_id: int, title: str, index: int, rows: int = 0, cols: int = 0) -> Sheet:
    return Sheet(
        properties={
            "sheetId": sheet_id,
            "title": title,
            "index": index,
            "sheetType": "GRID",
            "gridProperties": {
                "rowCount": rows or DEFAULT_ROWS,
                "columnCount": cols or DEFAULT_COLS,
            },
        }
    )


def resolve(book: Spreadsheet, text: str) -> Target:
    """Resolve an A1 range (or sheet title, or named range) against the grid."""
    parsed = a1.parse(text)
    if parsed.cells is None:
        assert parsed.sheet is not None
        sheet = book.sheet_by_title(parsed.sheet)
        if sheet is not None:
            return Target(sheet, 0, 0, sheet.rows, sheet.cols)
        named = next((n for n in book.named_ranges if n["name"] == parsed.sheet), None)
        if named is not None:
            return target_from_grid_range(book, named["range"])
        raise a1.bad_range(text)
    if parsed.sheet is None:
        visible = [s for s in book.sheets if not s.properties.get("hidden")]
        if not visible:
            raise a1.bad_range(text)
        sheet = visible[0]
    else:
        found = book.sheet_by_title(parsed.sheet)
        if found is None:
            raise a1.bad_range(text)
        sheet = found
    assert parsed.r0 is not None and parsed.c0 is not None
    r1 = parsed.r1 if parsed.r1 is not None else sheet.rows
    c1 = parsed.c1 if parsed.c1 is not None else sheet.cols
    if r1 > sheet.rows or c1 > sheet.cols or parsed.r0 >= sheet.rows or parsed.c0 >= sheet.cols:
        shown = f"'{sheet.title.replace(chr(39), chr(39) * 2)}'!{parsed.cells}"
        raise grid_limits(shown, sheet.rows, sheet.cols)
    single = ":" not in (parsed.cells or "")
    return Target(sheet, parsed.r0, parsed.c0, r1, c1, single=single)


def target_from_grid_range(book: Spreadsheet, grid_range: dict[str, Any]) -> Target:
    sheet = book.sheet_by_id(grid_range.get("sheetId", 0))
    if sheet is None:
        raise ApiError(400, f"No grid with id: {grid_range.get('sheetId', 0)}")
    r0 = int(grid_range.get("startRowIndex", 0))
    c0 = int(grid_range.get("startColumnIndex", 0))
    r1 = int(grid_range.get("endRowIndex", sheet.rows))
    c1 = int(grid_range.get("endColumnIndex", sheet.cols))
    if r0 < 0 or c0 < 0 or r1 < r0 or c1 < c0:
        raise ApiError(400, "Invalid range: start index must be less than end index")
    if r1 > sheet.rows or c1 > sheet.cols:
        raise grid_limits(
            a1.echo(sheet.title, r0, c0, r1, c1), sheet.rows, sheet.cols
        )  # pragma: no cover - message wording not recorded
    return Target(sheet, r0, c0, r1, c1)


def clean_grid_range(grid_range: dict[str, Any]) -> dict[str, Any]:
    """Google omits sheetId 0 from GridRange in responses (proto3 default)."""
    out = {k: v for k, v in grid_range.items() if v is not None}
    if int(out.get("sheetId", 0)) == 0:
        out.pop("sheetId", None)
    return out


def clean_sheet_properties(props: dict[str, Any]) -> dict[str, Any]:
    """Drop proto3 defaults (false, 0) the way Google's JSON responses do."""
    out = copy.deepcopy(props)
    for key in ("hidden", "rightToLeft"):
        if not out.get(key):
            out.pop(key, None)
    grid = out.get("gridProperties", {})
    for key in ("frozenRowCount", "frozenColumnCount", "hideGridlines", "rowGroupControlAfter"):
        if not grid.get(key):
            grid.pop(key, None)
    if "tabColor" in out and "tabColorStyle" not in out:
        out["tabColorStyle"] = {"rgbColor": out["tabColor"]}
    return out
