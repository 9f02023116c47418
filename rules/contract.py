"""The sheet contract, declared once: entry tabs, summary tabs, the list tab and the log tab.

Every layer reads tab titles, headers and column kinds from here; no other module spells
them. Header matching (accent-, case- and punctuation-insensitive) lives here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rules.tables import Column, Kind, RawCell
from rules.values.text import header_key


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
ROLE = ColumnSpec("role", "Vai trò", "Role", True, ("Chức danh",))
NAME = ColumnSpec("name", "Họ và tên", "Full name", True, ("Họ tên", "Name", "Tên"))

MEMBERS = TabSpec(
    "Tổ",
    "Teams",
    (
        TEAM,
        NAME,
        ROLE,
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


# ---- worker-owned tabs -------------------------------------------------------------------------

DASHBOARD = "Tổng hợp"
PROGRESS = "Tiến độ"
BY_TEAM = "Theo tổ"
BY_COMMUNE = "Theo xã"
ALERTS = "Cảnh báo"
DATA_ISSUES = "Lỗi dữ liệu"
LOG = "Nhật ký"
SUMMARY_TABS = (DASHBOARD, PROGRESS, BY_TEAM, BY_COMMUNE, ALERTS, DATA_ISSUES, LOG)

INT, PCT = Kind.INTEGER, Kind.PERCENT
DASHBOARD_COLUMNS = (Column("Chỉ số"), Column("Giá trị", Kind.ANY))
TEAM_COLUMNS = (
    Column("Mã tổ"), Column("Tổ trưởng"), Column("Tổ phó"), Column("Số xã/phường", INT),
    Column("Chỉ tiêu", INT), Column("Đã có", INT), Column("Tỷ lệ (%)", PCT), Column("Kỳ vọng đến nay", INT),
    Column("Số buổi tập huấn", INT), Column("Số người được tập huấn", INT), Column("Trạng thái"),
)  # fmt: skip
COMMUNE_COLUMNS = (
    Column("Xã/Phường"), Column("Loại"), Column("Mã tổ"), Column("Chỉ tiêu", INT), Column("Đã có", INT),
    Column("Tỷ lệ (%)", PCT), Column("Số ấp/khu vực có đại sứ", INT), Column("Số buổi tập huấn", INT),
    Column("Trạng thái"),
)  # fmt: skip
PROGRESS_COLUMNS = (
    Column("Ngày", Kind.DATE), Column("Mới", INT), Column("Lũy kế", INT), Column("Kỳ vọng", INT),
    Column("Mục tiêu", INT),
)  # fmt: skip
ALERT_COLUMNS = (
    Column("Mức độ"), Column("Mã tổ"), Column("Tổ trưởng"), Column("Xã/Phường"), Column("Ấp/Khu vực"),
    Column("Nội dung"),
)  # fmt: skip
ISSUE_COLUMNS = (
    Column("Tab"), Column("Dòng", INT), Column("Cột"), Column("Giá trị"), Column("Mức độ"), Column("Nội dung"),
    Column("Mã tổ"), Column("Họ và tên"),
)  # fmt: skip
LOG_COLUMNS = (
    Column("Thời gian", Kind.DATETIME), Column("Kết quả"), Column("Số dòng đọc", INT), Column("Lỗi", INT),
    Column("Cảnh báo", INT), Column("Thời lượng (s)", Kind.NUMBER), Column("Ghi chú"),
)  # fmt: skip
# Every worker-owned tab with its columns, in the order `init` creates them.
SUMMARY_LAYOUT: tuple[tuple[str, tuple[Column, ...]], ...] = (
    (DASHBOARD, DASHBOARD_COLUMNS),
    (PROGRESS, PROGRESS_COLUMNS),
    (BY_TEAM, TEAM_COLUMNS),
    (BY_COMMUNE, COMMUNE_COLUMNS),
    (ALERTS, ALERT_COLUMNS),
    (DATA_ISSUES, ISSUE_COLUMNS),
    (LOG, LOG_COLUMNS),
)

# ---- the list tab behind drop-downs ------------------------------------------------------------

LIST_TAB = "Danh mục"
# Entry-tab header -> the list (a column of `Danh mục`) that feeds its drop-down.
DROPDOWNS = {TEAM.vi: TEAM.vi, COMMUNE.vi: COMMUNE.vi, ROLE.vi: ROLE.vi}


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
