"""The demo workbook's layout (tab titles, headers, cell types, stats) and its .xlsx writer.

Used by ``sync.demo.data``, which re-exports everything here; this module imports nothing
from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from rules.contract import AMBASSADORS, ASSIGNMENTS, ENTRY_TABS, HAMLETS, MEMBERS, TRAININGS

Cell = str | int | float | date | datetime | None
Grid = list[list[Cell]]

TAB_TEAMS = MEMBERS.title
TAB_ASSIGNMENTS = ASSIGNMENTS.title
TAB_HAMLETS = HAMLETS.title
TAB_AMBASSADORS = AMBASSADORS.title
TAB_TRAININGS = TRAININGS.title
HEADERS: dict[str, tuple[str, ...]] = {spec.title: spec.headers for spec in ENTRY_TABS}
EXTRA_COLUMN = "Người nhập"  # a column nobody asked for, appended to `Đại sứ số`
DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class DemoStats:
    teams: int
    members: int
    assignments: int
    ambassadors_rows: int  # data rows of `Đại sứ số`, mistakes included, blank row excluded
    training_rows: int  # data rows of `Tập huấn`, same counting
    mistakes: dict[str, int] = field(default_factory=dict, hash=False)
    hamlets: int = 0  # rows of `Ấp - Khu vực`


def write_grids(path: Path, grids: dict[str, Grid]) -> None:
    """Write grids as .xlsx: bold frozen header row, dates as DD/MM/YYYY date cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, grid in grids.items():
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"
        for j, head in enumerate(grid[0] if grid else []):
            sample = [len(str(r[j])) for r in grid[1:200] if r[j] is not None]
            width = max([len(str(head)), *sample]) + 2
            ws.column_dimensions[get_column_letter(j + 1)].width = min(width, 40)
        for n, row in enumerate(grid):
            cells: list[object] = []
            for v in row:
                if n == 0 or isinstance(v, date):
                    cell = WriteOnlyCell(ws, value=v)  # type: ignore[arg-type]  # header text or a date
                    if n == 0:
                        cell.font = bold
                    else:
                        cell.number_format = DATE_FORMAT
                    cells.append(cell)
                else:
                    cells.append(v)
            ws.append(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def in_workbook_order(
    team_grid: Grid, assign_grid: Grid, listed: Grid, amb_rows: Grid, train_rows: Grid
) -> dict[str, Grid]:
    """The tabs in workbook order (`Ấp - Khu vực` only when listed), with the entry-tab
    quirks: an extra column nobody uses, a blank row in the middle."""
    amb_grid: Grid = [[*HEADERS[TAB_AMBASSADORS], EXTRA_COLUMN], *amb_rows]
    train_grid: Grid = [list(HEADERS[TAB_TRAININGS]), *train_rows]
    for grid in (amb_grid, train_grid):
        if len(grid) > 3:
            grid.insert(len(grid) // 2, [None] * len(grid[0]))
    return {
        TAB_TEAMS: team_grid,
        TAB_ASSIGNMENTS: assign_grid,
        **({TAB_HAMLETS: listed} if listed else {}),
        TAB_AMBASSADORS: amb_grid,
        TAB_TRAININGS: train_grid,
    }
