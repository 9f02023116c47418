"""Where each data issue sits: the team and name typed on its row, and its column's letter.

`Lỗi dữ liệu` shows the `Mã tổ` and `Họ và tên` typed on the offending row (so a team
filters its own rows) and links `Dòng` to the offending cell, wherever that column
really is in its tab (headers may be in any order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rules.contract import ENTRY_TABS, HeaderMap
from rules.issues import Issue
from rules.tables import RawCell, Target
from rules.values.text import cell_text


@dataclass(frozen=True)
class IssuePlaces:
    # (tab, row) -> (team, name) typed on that row; either may be None
    owners: Mapping[tuple[str, int], tuple[str | None, str | None]] = field(default_factory=dict)
    # tab -> canonical Vietnamese header -> 0-based column index in that tab
    columns: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def owner(self, issue: Issue) -> tuple[str | None, str | None]:
        return self.owners.get((issue.tab, issue.row), (None, None))

    def target(self, issue: Issue) -> Target | None:
        columns = self.columns.get(issue.tab)
        if columns is None or issue.row < 1:
            return None
        return Target(issue.tab, issue.row, columns.get(issue.column, 0))


def _typed(row: Sequence[RawCell], index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    return cell_text(row[index]) or None


def locate(
    grids: Mapping[str, Sequence[Sequence[RawCell]]],
    headers: Mapping[str, HeaderMap],
    issues: Sequence[Issue],
) -> IssuePlaces:
    columns: dict[str, dict[str, int]] = {}
    for spec in ENTRY_TABS:
        header = headers.get(spec.title)
        if header is not None:
            columns[spec.title] = {spec.column(f).vi: i for f, i in header.columns.items()}
    owners: dict[tuple[str, int], tuple[str | None, str | None]] = {}
    for issue in issues:
        key = (issue.tab, issue.row)
        grid, mapped = grids.get(issue.tab), headers.get(issue.tab)
        if key in owners or grid is None or mapped is None or not 0 < issue.row <= len(grid):
            continue
        row = grid[issue.row - 1]
        owners[key] = (
            _typed(row, mapped.columns.get("team")),
            _typed(row, mapped.columns.get("name")),
        )
    return IssuePlaces(owners, columns)
