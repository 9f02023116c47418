"""The roll-up tab `Toàn bộ`: one row per member at a position fixed by the fleet file,
then a total row whose cells are `SUM` formulas.

Member figures are numbers taken from each member's own sync (never text typed in a
member spreadsheet), and the formulas are built here from column letters and row
numbers only, so no shard needs another shard's figures and no cell text can become a
formula. A member that failed keeps its last good figures; its `Kết quả` says what
failed and since when.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rules.contract import ROLLUP, ROLLUP_COLUMNS
from rules.evaluate import Report
from rules.messages import ROLLUP_RESULTS, pick
from rules.quota import FALLING_SHORT
from rules.tables import Cell, Column, Formula, Table
from sync.fleet.state import MemberFigures, MemberRecord
from sync.messages import Msg, say

SUMMED = ("teams", "communes", "target", "ambassadors", None, "expected", "teams_behind",
          "communes_empty", "hamlets", "errors")  # fmt: skip  # columns C..L; None = Tỷ lệ
FIRST_SUMMED = 2  # column C


def figures_from_report(report: Report) -> MemberFigures:
    t = report.totals
    return MemberFigures(
        province=report.province,
        teams=len(report.teams),
        communes=sum(1 for c in report.communes if c.team is not None),
        target=t.target,
        ambassadors=t.ambassadors,
        expected=t.expected,
        teams_behind=sum(1 for team in report.teams if team.status in FALLING_SHORT),
        communes_empty=t.communes_without_ambassador,
        hamlets=sum(c.hamlets for c in report.communes),
        errors=t.errors,
    )


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def total_row(size: int, lang: str) -> tuple[Cell, ...]:
    """`Tổng cộng` and a SUM per count column over the `size` member rows (rows 2..size+1)."""
    last = size + 1
    here = size + 2
    cells: list[Cell] = [say(Msg.FLEET_TOTAL, lang), None]
    for offset, name in enumerate(SUMMED):
        col = column_letter(FIRST_SUMMED + offset)
        if name is None:  # Tỷ lệ (%) = Đã có / Chỉ tiêu of the total row
            target, have = column_letter(4), column_letter(5)
            cells.append(
                Formula(f'=IF({target}{here}=0,"",ROUND({have}{here}*100/{target}{here},1))')
            )
        else:
            cells.append(Formula(f"=SUM({col}2:{col}{last})") if size else 0)
    return (*cells, None, None)


def _stamp(when: datetime | None) -> str:
    return when.strftime("%d/%m/%Y %H:%M") if when is not None else "?"


def result_text(record: MemberRecord, lang: str) -> str:
    if record.ok:
        return pick(ROLLUP_RESULTS["ok"], lang)
    first = (record.message or "").splitlines()[0][:300] if record.message else ""
    since = _stamp(record.failing_since)
    failed = pick(ROLLUP_RESULTS["failed"], lang)  # the words its colour rule looks for first
    return say(
        Msg.FLEET_MEMBER_FAILING,
        lang,
        failed=failed,
        code=record.exit_code,
        since=since,
        message=first,
    )


def member_row(name: str, record: MemberRecord | None, lang: str) -> tuple[Cell, ...]:
    if record is None:
        return (name, *([None] * 11), None, pick(ROLLUP_RESULTS["waiting"], lang))
    f = record.figures
    if f is None:
        numbers: list[Cell] = [None] * 11
    else:
        rate = round(f.ambassadors * 100 / f.target, 1) if f.target else None
        numbers = [f.province, f.teams, f.communes, f.target, f.ambassadors, rate, f.expected,
                   f.teams_behind, f.communes_empty, f.hamlets, f.errors]  # fmt: skip
    return (name, *numbers, record.good_at, result_text(record, lang))


@dataclass(frozen=True)
class RollupRows:
    """The rows of `Toàn bộ` one process owns: its members' rows, the header and total.

    `size` is the number of members of the whole fleet (every shard), so row positions
    and the total row's place are the same in every shard.
    """

    size: int
    rows: Mapping[int, tuple[Cell, ...]]  # 0-based member position -> row
    total: tuple[Cell, ...]
    title: str = ROLLUP
    columns: tuple[Column, ...] = ROLLUP_COLUMNS

    @staticmethod
    def sheet_row(position: int) -> int:
        """1-based spreadsheet row of a member position (row 1 is the header)."""
        return position + 2

    @property
    def total_sheet_row(self) -> int:
        return self.size + 2

    @property
    def complete(self) -> bool:
        return len(self.rows) == self.size

    def table(self) -> Table:
        """The whole tab (positions this process does not own are left blank)."""
        blank: tuple[Cell, ...] = ()
        body = tuple(self.rows.get(p, blank) for p in range(self.size))
        return Table(self.title, self.columns, (*body, self.total))


def build_rollup(
    names: Sequence[str],
    records: Mapping[int, MemberRecord | None],
    lang: str,
) -> RollupRows:
    """`names` are every member's name in fleet order; `records` the positions this
    process owns (a shard's members), each with its record (None: never synced)."""
    rows = {p: member_row(names[p], record, lang) for p, record in records.items()}
    return RollupRows(len(names), rows, total_row(len(names), lang))
