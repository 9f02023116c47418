"""Init for the Google Sheets backend: the one batchUpdate that adds what is missing.

`InitBuilder` turns an `InitPlan` plus the current state (one `spreadsheets.get` of the
first rows of each tab, with `INIT_FIELDS`) into sub-requests: new tabs, headers of empty
tabs, missing list values, freezes, drop-downs and protections. It never overwrites a
filled cell. Pure request building (no I/O); split out of `google_backend`/`google_plan`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rules.contract import LIST_TAB, column_letter
from rules.tables import Kind
from rules.values.text import header_key
from sync.adapters.google import plan as gp
from sync.adapters.google.plan import dumps
from sync.messages import Msg, say
from sync.ports import Owner, TabLayout

LIST_TITLE = LIST_TAB
HEAD_ROWS = 10  # the header row is looked for in the first rows only
NEW_TAB_ROWS = 1000
INIT_FIELDS = (
    "sheets(properties(title),"
    "data(startRow,startColumn,rowData(values(userEnteredValue,dataValidation))))"
)
CellState = list[list[dict[str, Any]]]  # rowData values as spreadsheets.get returns them


def entered(cell_json: dict[str, Any]) -> object:
    uev = cell_json.get("userEnteredValue") or {}
    return next(
        (uev[k] for k in ("stringValue", "numberValue", "boolValue", "formulaValue") if k in uev),
        None,
    )


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def validation(state: CellState | None, row: int, col: int) -> str | None:
    """The ONE_OF_RANGE formula of a non-strict drop-down at (row, col), else None."""
    try:
        dv = (state or [])[row][col].get("dataValidation") or {}
    except IndexError:
        return None
    cond = dv.get("condition") or {}
    if cond.get("type") != "ONE_OF_RANGE" or dv.get("strict", False):
        return None
    found = (cond.get("values") or [{}])[0].get("userEnteredValue")
    return found if isinstance(found, str) else None


def set_validation(sid: int, row: int, col: int, formula: str) -> bytes:
    """Drop-down from a list range on the column below the header (rows unbounded)."""
    rng = {"sheetId": sid, "startRowIndex": row, "startColumnIndex": col, "endColumnIndex": col + 1}
    cond = {"type": "ONE_OF_RANGE", "values": [{"userEnteredValue": formula}]}
    rule = {"condition": cond, "strict": False, "showCustomUi": True}
    return dumps({"setDataValidation": {"range": rng, "rule": rule}})


# --- init batch ----------------------------------------------------------------------


class InitBuilder:
    """The sub-requests of one init batchUpdate: only what is missing, never a filled cell."""

    def __init__(
        self, sheets: dict[str, gp.SheetInfo], *, email: str | None, warning_only: bool, lang: str
    ) -> None:
        self.sheets = sheets
        self.taken = {s.sheet_id for s in sheets.values()}
        self.email = email
        self.warning_only = warning_only or not email
        self.lang = lang
        self.adds: list[bytes] = []  # addSheet, grid growth: first
        self.cells: list[bytes] = []  # headers, list values
        self.later: list[bytes] = []  # freezes, validations, protections
        self.created: list[str] = []
        self.headers_written: list[str] = []
        self.notes: list[str] = []
        self.list_ranges: dict[str, str] = {}  # list name -> "='Danh mục'!$A$2:$A$N"

    def _sheet(self, title: str, rows: int, cols: int) -> tuple[int, gp.SheetInfo | None]:
        info = self.sheets.get(title)
        if info is not None:
            return info.sheet_id, info
        sid = gp.new_sheet_id(title, self.taken)
        self.adds.append(gp.add_sheet(sid, title, rows, cols))
        self.created.append(title)
        return sid, None

    def _grow(self, info: gp.SheetInfo | None, rows: int, cols: int) -> None:
        if info is None or (rows <= info.row_count and cols <= info.column_count):
            return
        info.row_count, info.column_count = max(rows, info.row_count), max(cols, info.column_count)
        fields = "gridProperties.rowCount,gridProperties.columnCount"
        self.adds.append(
            gp.sheet_props(
                info.sheet_id, fields, rowCount=info.row_count, columnCount=info.column_count
            )
        )

    def lists(
        self, title: str, lists: Mapping[str, Sequence[str]], state: CellState | None
    ) -> None:
        """Each list is a column (header = list name); only missing values are appended."""
        grid = [[entered(c) for c in row] for row in (state or [])]
        header = grid[0] if grid else []
        longest = max([len(v) for v in lists.values()] + [1])
        sid, info = self._sheet(title, max(NEW_TAB_ROWS, longest + 1), max(len(lists), 1))
        next_col, rows_needed, cols_needed = len(header), 0, 0
        for name, values in lists.items():
            col = next((i for i, h in enumerate(header) if str(h or "").strip() == name), None)
            head: list[bytes] = []
            if col is None:
                col, next_col = next_col, next_col + 1
                head = [gp.dumps({"values": [gp.header_cell(name)]})]
            column = [row[col] if col < len(row) else None for row in grid[1:]]
            last = max((i + 1 for i, v in enumerate(column) if not blank(v)), default=0)
            have = {str(v).strip() for v in column if not blank(v)}
            missing = [v for v in dict.fromkeys(values) if v.strip() and v.strip() not in have]
            rows = [gp.dumps({"values": [gp.cell(v, Kind.TEXT)]}) for v in missing]
            if head:  # a new column: its header, then (no old values) the list from row 2
                self.cells.append(gp.update_cells(sid, 0, 1, head + rows, col=col))
            elif rows:
                self.cells.append(gp.update_cells(sid, last + 1, 1, rows, col=col))
            end = max(last + len(missing) + 1, 2)  # 1-based row of the list's last value
            letter = column_letter(col)
            self.list_ranges[name] = f"={gp.quote_title(title)}!${letter}$2:${letter}${end}"
            rows_needed, cols_needed = max(rows_needed, end), max(cols_needed, col + 1)
        self._grow(info, rows_needed, cols_needed)

    def tab(self, layout: TabLayout, state: CellState | None) -> None:
        sid, info = self._sheet(layout.title, NEW_TAB_ROWS, max(26, len(layout.headers)))
        grid = [[entered(c) for c in row] for row in (state or [])][:HEAD_ROWS]
        head_row = next((i for i, r in enumerate(grid) if any(not blank(v) for v in r)), None)
        if head_row is None:  # empty first rows: write the headers into row 1
            head_row, names = 0, list(layout.headers)
            self._grow(info, 2, len(names))
            row = gp.dumps({"values": [gp.header_cell(h) for h in names]})
            self.cells.append(gp.update_cells(sid, 0, len(names), [row]))
            self.headers_written.append(layout.title)
        else:
            names = ["" if blank(v) else str(v) for v in grid[head_row]]
            have = {header_key(n) for n in names}
            if lacking := [h for h in layout.headers if header_key(h) not in have]:
                self.notes.append(
                    say(
                        Msg.GOOGLE_INIT_COLUMNS_LACKING,
                        self.lang,
                        tab=layout.title,
                        columns=", ".join(lacking),
                    )
                )
        if info is not None and info.frozen_rows == 0 and info.row_count > head_row + 1:
            fields = "gridProperties.frozenRowCount"
            self.later.append(gp.sheet_props(sid, fields, frozenRowCount=head_row + 1))
        cols = {header_key(n): i for i, n in reversed(list(enumerate(names))) if n}
        for header, list_name in layout.dropdowns.items():
            col, formula = cols.get(header_key(header)), self.list_ranges.get(list_name)
            if col is None or formula is None:
                self.notes.append(
                    say(
                        Msg.GOOGLE_INIT_NO_DROPDOWN,
                        self.lang,
                        header=header,
                        tab=layout.title,
                        list_name=list_name,
                    )
                )
            elif validation(state, head_row + 1, col) != formula:
                self.later.append(set_validation(sid, head_row + 1, col, formula))
        if layout.owner == Owner.WORKER and not (info is not None and info.protected_ids):
            self.later.append(self._protect(sid, layout.title))

    def _protect(self, sid: int, title: str) -> bytes:
        pr: dict[str, Any] = {
            "range": {"sheetId": sid},
            "description": say(Msg.GOOGLE_INIT_PROTECTED, self.lang, tab=title),
            "warningOnly": self.warning_only,
        }
        if not self.warning_only:  # Google refuses editors on a warning-only range
            pr["editors"] = {"users": [self.email]}
        return gp.dumps({"addProtectedRange": {"protectedRange": pr}})

    def body(self) -> bytes | None:
        reqs = self.adds + self.cells + self.later
        return b'{"requests":[' + b",".join(reqs) + b"]}" if reqs else None
