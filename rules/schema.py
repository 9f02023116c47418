"""The four entry tabs: their headers (Vietnamese, English, common variants) and header matching."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rules.tables import RawCell
from rules.text import header_key


@dataclass(frozen=True)
class ColumnSpec:
    field: str
    vi: str
    en: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def header_keys(self) -> set[str]:
        return {header_key(name) for name in (self.vi, self.en, *self.aliases)}


@dataclass(frozen=True)
class TabSpec:
    title: str
    en: str
    columns: tuple[ColumnSpec, ...]

    def column(self, field: str) -> ColumnSpec:
        return next(c for c in self.columns if c.field == field)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.vi for c in self.columns)


TEAM = ColumnSpec("team", "Mã tổ", "Team", True, ("Tổ", "Team code", "Mã đội"))
COMMUNE = ColumnSpec(
    "commune", "Xã/Phường", "Commune", True, ("Xã", "Phường", "Xã, phường", "Ward", "Commune/Ward")
)
NAME = ColumnSpec("name", "Họ và tên", "Full name", True, ("Họ tên", "Name", "Tên"))

MEMBERS = TabSpec(
    "Tổ",
    "Teams",
    (
        TEAM,
        NAME,
        ColumnSpec("role", "Vai trò", "Role", True, ("Chức danh",)),
        ColumnSpec(
            "organisation", "Đơn vị công tác", "Organisation", False, ("Đơn vị", "Organization")
        ),
        ColumnSpec("phone", "Số điện thoại", "Phone", False, ("SĐT", "Điện thoại", "Phone number")),
        ColumnSpec("email", "Email", "Email", False, ("E-mail", "Thư điện tử")),
    ),
)
ASSIGNMENTS = TabSpec(
    "Phân công",
    "Assignments",
    (TEAM, COMMUNE, ColumnSpec("quota", "Chỉ tiêu", "Quota", False, ("Target",))),
)
AMBASSADORS = TabSpec(
    "Đại sứ số",
    "Ambassadors",
    (
        NAME,
        ColumnSpec("birth_year", "Năm sinh", "Birth year", False, ("Ngày sinh", "Year of birth")),
        ColumnSpec("gender", "Giới tính", "Gender", False, ("Sex",)),
        ColumnSpec("phone", "Số điện thoại", "Phone", True, ("SĐT", "Điện thoại", "Phone number")),
        COMMUNE,
        ColumnSpec("hamlet", "Ấp/Khu vực", "Hamlet", False, ("Ấp", "Khu vực", "Ấp, khu vực")),
        ColumnSpec(
            "occupation", "Nghề nghiệp/Chức vụ", "Occupation", False, ("Nghề nghiệp", "Chức vụ")
        ),
        TEAM,
        ColumnSpec("recognised_on", "Ngày công nhận", "Date", True, ("Ngày",)),
        ColumnSpec("note", "Ghi chú", "Note", False, ("Notes",)),
    ),
)
TRAININGS = TabSpec(
    "Tập huấn",
    "Trainings",
    (
        ColumnSpec("held_on", "Ngày", "Date", True, ("Ngày tập huấn",)),
        TEAM,
        COMMUNE,
        ColumnSpec("topic", "Nội dung", "Topic", False, ("Chủ đề",)),
        ColumnSpec("participants", "Số người tham dự", "Participants", True, ("Số người",)),
        ColumnSpec("hours", "Số giờ", "Hours", False, ("Thời lượng",)),
    ),
)
ENTRY_TABS: tuple[TabSpec, ...] = (MEMBERS, ASSIGNMENTS, AMBASSADORS, TRAININGS)


@dataclass(frozen=True)
class HeaderMap:
    header_row: int  # 0-based index into the grid
    columns: dict[str, int]  # field -> 0-based column index
    duplicates: tuple[tuple[str, int], ...]  # (field, column index) of ignored repeated headers
    missing: tuple[ColumnSpec, ...]  # required columns not found


def is_blank(cell: RawCell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def map_headers(spec: TabSpec, grid: Sequence[Sequence[RawCell]]) -> HeaderMap | None:
    """Find the header row (the first non-empty row) and map its cells to fields."""
    header_row = next((i for i, row in enumerate(grid) if any(not is_blank(c) for c in row)), None)
    if header_row is None:
        return None
    lookup = {key: column.field for column in spec.columns for key in column.header_keys()}
    columns: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    for index, cell in enumerate(grid[header_row]):
        if is_blank(cell) or isinstance(cell, bool):
            continue
        field = lookup.get(header_key(str(cell)))
        if field is None:
            continue  # extra columns are ignored
        if field in columns:
            duplicates.append((field, index))
        else:
            columns[field] = index
    missing = tuple(c for c in spec.columns if c.required and c.field not in columns)
    return HeaderMap(header_row, columns, tuple(duplicates), missing)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
