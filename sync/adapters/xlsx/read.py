"""Entry tabs read with calamine: the grids openpyxl gave, about ten times faster.

A grid is the tab from A1, one list per row, as openpyxl's `iter_rows` gave it:

- an empty cell is None; a whole number is an int (openpyxl read `<v>5</v>` as 5);
- a date is a `datetime` (at midnight for a date alone); a time of day or a duration is
  None; text, booleans and other numbers are themselves;
- a formula is its cached value; with none, its text as `FormulaText` (a warning);
- .xlsx/.xlsm: an error is its text (`#N/A`), a row a person hid is a `HiddenRow`, the
  cells a merge covers are None, and the grid is as large as the sheet's cells
  (`sheetxml` finds all of these in the sheet's XML);
- .xls, .ods, .xlsb (read by `validate` only): calamine's values alone, so no hidden rows,
  an error reads as an empty cell, and in an .xls a formula whose result is text reads
  as 0 (calamine 0.9 does not read those cached strings).

Known differences from openpyxl, none of them in what Excel, LibreOffice or Google Sheets
write for a typed value: a number written `5.0` reads as 5; a whole number past 2**53
reads rounded; a date-formatted number past the year 9999 reads as a number and a
negative one as empty (openpyxl: `#VALUE!`, a date in 1899); an empty text cell reads as
None (openpyxl: ''); a cell emptied but still holding a hyperlink reads as empty
(openpyxl: the link's target); times may round the other way at a millisecond.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from functools import partial

from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineSheet, CalamineWorkbook

from rules.tables import FormulaText, HiddenRow
from sync.adapters.xlsx.sheetxml import SheetFacts, comment_refs, scan, sheet_parts
from sync.adapters.xlsx.sniff import Format
from sync.ports import Grid, RawCell

FormulaOf = Callable[[str, int, int], object]  # (title, row, column) → openpyxl's formula cell
XML_FORMATS: tuple[Format, ...] = ("xlsx", "xlsm")
_EXACT = 2.0**53  # whole floats below this are the integers typed
_KEPT = (str, int, float, bool, date, datetime)


def cell_value(v: object) -> RawCell:
    """One calamine value as openpyxl read it."""
    kind = v.__class__
    if kind is str:
        return v or None  # type: ignore[return-value]  # a str, narrowed by its class
    if kind is float:
        f: float = v  # type: ignore[assignment]
        return int(f) if f.is_integer() and -_EXACT < f < _EXACT else f
    if kind is date:
        d: date = v  # type: ignore[assignment]
        return datetime(d.year, d.month, d.day)  # calamine: a date at midnight
    if kind is datetime or kind is bool or kind is int:
        return v  # type: ignore[return-value]  # one of RawCell's types, by its class
    return None  # a time of day, a duration


class CalamineReader:
    """Titles and grids of one workbook's bytes (any format calamine reads)."""

    def __init__(self, data: bytes, fmt: Format) -> None:
        self._book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        self._titles = list(self._book.sheet_names)  # read now: `grids` lends the book out
        self._archive = zipfile.ZipFile(io.BytesIO(data)) if fmt in XML_FORMATS else None

    def titles(self) -> list[str]:
        return list(self._titles)

    def grids(self, titles: Sequence[str], formula_of: FormulaOf) -> dict[str, Grid | None]:
        """Each tab's grid; None for a sheet laid out unusually (read it with openpyxl).

        calamine parses the sheets in a thread of its own (it lets go of the GIL) while
        this one reads their XML: on two cores a 100,000-row tab is ready ~0.5 s sooner."""
        parts = sheet_parts(self._archive) if self._archive is not None else {}
        grids: dict[str, Grid | None] = {}
        pool = ThreadPoolExecutor(max_workers=1)
        try:
            parsed = {title: pool.submit(self._book.get_sheet_by_name, title) for title in titles}
            for title in titles:
                facts = self._facts(parts.get(title))
                sheet = parsed.pop(title).result()  # dropped after its tab: its memory too
                if facts is None:
                    grids[title] = _other_format(_from_a1(sheet), sheet.merged_cell_ranges)
                elif facts.plain:
                    grids[title] = _shape(_from_a1(sheet), facts, partial(formula_of, title))
                else:
                    grids[title] = None
                del sheet
        finally:
            pool.shutdown(cancel_futures=True)
        return grids

    def _facts(self, part: str | None) -> SheetFacts | None:
        """What the sheet's XML says (None for .xls, .ods, .xlsb: calamine alone)."""
        if self._archive is None:
            return None
        if part is None or part not in self._archive.NameToInfo:
            return SheetFacts(plain=False)
        return scan(self._archive.read(part), comment_refs(self._archive, part))


def _from_a1(sheet: CalamineSheet) -> list[list[RawCell]]:
    """The sheet's cells from A1, converted row by row (calamine's own rows are never all
    held at once: a 100,000-row tab is ~90 MB less at its peak)."""
    end = sheet.end
    if end is None:
        return []
    width = end[1] + 1
    grid: list[list[RawCell]] = []
    seen: dict[RawCell, RawCell] = {}  # one object per distinct text or date: communes, teams,
    shared = (str, datetime)  # days repeat down a tab (tens of MB at 100,000 rows)
    for row in sheet.iter_rows():  # may begin at the first used column: pad on the left
        values = [
            seen.setdefault(v, v) if v.__class__ in shared else v for v in map(cell_value, row)
        ]
        grid.append([None] * (width - len(values)) + values if len(values) < width else values)
    if len(grid) < end[0] + 1:  # and, just as well, at the first used row
        grid[:0] = [[None] * width for _ in range(end[0] + 1 - len(grid))]
    return grid


def _other_format(
    grid: list[list[RawCell]], merges: list[tuple[tuple[int, int], tuple[int, int]]] | None
) -> Grid:
    for (r1, c1), (r2, c2) in merges or ():
        _cover(grid, (r1 + 1, c1 + 1), (r2 + 1, c2 + 1))
    return grid


def _shape(
    rows: list[list[RawCell]], facts: SheetFacts, formula_at: Callable[[int, int], object]
) -> Grid:
    width = facts.cols
    grid: Grid = rows  # reshaped in place
    del grid[facts.rows :]
    for values in grid:
        if len(values) < width:
            values += [None] * (width - len(values))
    grid += [[None] * width for _ in range(facts.rows - len(grid))]
    for (r, c), text in facts.errors.items():
        if r <= facts.rows and c <= width:
            grid[r - 1][c - 1] = text
    for r, c in facts.uncomputed:
        if r <= facts.rows and c <= width:
            formula = formula_at(r, c)  # no cached value: openpyxl gave the formula's text
            grid[r - 1][c - 1] = FormulaText(formula) if isinstance(formula, str) else None
    for first, last in facts.merges:
        _cover(grid, first, last)
    for r in facts.hidden:
        if r <= facts.rows:
            grid[r - 1] = HiddenRow(grid[r - 1])
    return grid


def _cover(grid: Grid, first: tuple[int, int], last: tuple[int, int]) -> None:
    """A merge shows its first cell's value; the cells it covers are empty (openpyxl)."""
    for r in range(first[0], min(last[0], len(grid)) + 1):
        row = grid[r - 1]
        for c in range(first[1], min(last[1], len(row)) + 1):
            if (r, c) != first:
                row[c - 1] = None


def openpyxl_grid(sheet: Worksheet, values: Callable[[], Worksheet]) -> Grid:
    """The tab as openpyxl reads it (`values`: the same sheet loaded with cached values).

    The slow, exact reading, kept for sheets `sheetxml` does not read (and as the tests'
    reference for the fast one)."""
    grid: Grid = []
    hidden = {r for r, dim in sheet.row_dimensions.items() if dim.hidden}
    for number, row in enumerate(sheet.iter_rows(), start=1):
        cells = [_openpyxl_value(cell, values) for cell in row]
        grid.append(HiddenRow(cells) if number in hidden else cells)
    return grid


def _openpyxl_value(cell: XlCell | MergedCell, values: Callable[[], Worksheet]) -> RawCell:
    if cell.data_type == "f":
        # A formula in an entry tab: use the value the spreadsheet program last computed.
        cached = values()[cell.coordinate].value
        if cached is None and isinstance(cell.value, str):
            return FormulaText(cell.value)  # no computed value: read as its text, with a warning
        return cached if isinstance(cached, _KEPT) else None
    value = cell.value
    return value if isinstance(value, _KEPT) else None
