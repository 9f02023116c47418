"""The sheet contract, declared once: entry tabs, summary tabs, the list tab and the log tab.

Every layer reads tab titles, headers and column kinds from here; no other module spells
them. Header matching (accent-, case- and punctuation-insensitive) lives here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations

from rules.headers import NearMiss, match_headers
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
    optional: bool = False  # an absent optional tab is no layout problem
    aliases: tuple[str, ...] = ()  # other titles it is known by (matched like headers)

    def title_keys(self) -> set[str]:
        return {header_key(name) for name in (self.title, self.en, *self.aliases)}

    def column(self, field: str) -> ColumnSpec:
        return next(c for c in self.columns if c.field == field)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.vi for c in self.columns)


TEAM = ColumnSpec("team", "Mã tổ", "Team", True, ("Tổ", "Team code", "Mã đội"))
# Short forms people use; several joined (`Xã/Phường/Thị trấn`, `Ấp/Khóm`) are that column too.
PHONE_FORMS = ("SĐT", "Số ĐT", "ĐT", "Điện thoại", "Phone number")
COMMUNE_FORMS = ("Xã", "Phường", "Thị trấn", "Đơn vị hành chính", "Ward", "Commune/Ward")
HAMLET_FORMS = (
    "Ấp", "Khóm", "Khu vực", "Khu phố", "Thôn", "Tổ dân phố", "Bản", "Buôn", "Sóc", "Xóm",
    "KV", "KP", "TDP",
)  # fmt: skip
COMMUNE = ColumnSpec("commune", "Xã/Phường", "Commune", True, COMMUNE_FORMS)
ROLE = ColumnSpec("role", "Vai trò", "Role", True, ("Chức danh",))
NAME = ColumnSpec("name", "Họ và tên", "Full name", True, ("Họ tên", "Name", "Tên"))
QUOTA = ColumnSpec("quota", "Chỉ tiêu", "Quota", False, ("Target",))
# What a hamlet is called where: `Ấp` and `Khóm` in the Mekong delta, `Thôn`, `Bản`, `Buôn`,
# `Sóc`… A hamlet column is headed by one of them or by a combination (`Ấp/Khóm`, `Thôn, bản`).
HAMLET_WORDS = ("Ấp", "Khóm", "Khu vực", "Khu phố", "Thôn", "Tổ dân phố", "Bản", "Buôn", "Sóc")
_HAMLET_HEADERS = tuple(
    "/".join(words) for size in (1, 2, 3) for words in permutations(HAMLET_WORDS, size)
)
HAMLET = ColumnSpec(
    "hamlet",
    "Ấp/Khu vực",
    "Hamlet",
    False,
    (*_HAMLET_HEADERS, *HAMLET_FORMS[9:], "Ấp, khu vực", "Tên ấp", "Village"),
)

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
        ColumnSpec("phone", "Số điện thoại", "Phone", False, PHONE_FORMS),
        ColumnSpec("email", "Email", "Email", False, ("E-mail", "Thư điện tử")),
    ),
)
ASSIGNMENTS = TabSpec(
    "Phân công",
    "Assignments",
    (TEAM, COMMUNE, QUOTA),
)
HAMLETS = TabSpec(
    "Ấp - Khu vực",
    "Hamlets",
    (COMMUNE, ColumnSpec(HAMLET.field, HAMLET.vi, HAMLET.en, True, HAMLET.aliases), QUOTA),
    optional=True,
    aliases=("Ấp, khu vực", "Danh sách ấp", "Danh sách ấp, khu vực"),
)
AMBASSADORS = TabSpec(
    "Đại sứ số",
    "Ambassadors",
    (
        NAME,
        ColumnSpec("birth_year", "Năm sinh", "Birth year", False, ("Ngày sinh", "Year of birth")),
        ColumnSpec("gender", "Giới tính", "Gender", False, ("Sex",)),
        ColumnSpec("phone", "Số điện thoại", "Phone", True, PHONE_FORMS),
        COMMUNE,
        HAMLET,
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
ENTRY_TABS: tuple[TabSpec, ...] = (MEMBERS, ASSIGNMENTS, HAMLETS, AMBASSADORS, TRAININGS)


# ---- worker-owned tabs -------------------------------------------------------------------------

DASHBOARD = "Tổng hợp"
PROGRESS = "Tiến độ"
BY_TEAM = "Theo tổ"
BY_COMMUNE = "Theo xã"
BY_HAMLET = "Theo ấp"
ALERTS = "Cảnh báo"
DATA_ISSUES = "Lỗi dữ liệu"
LOG = "Nhật ký"
ROLLUP = "Toàn bộ"  # the roll-up spreadsheet of `daisuso fleet`: one row per member
SUMMARY_TABS = (DASHBOARD, PROGRESS, BY_TEAM, BY_COMMUNE, BY_HAMLET, ALERTS, DATA_ISSUES, LOG)

# Column names other modules refer to (the look colours and charts them, links point from them).
STATUS, LEVEL, RESULT = "Trạng thái", "Mức độ", "Kết quả"
DAY, CUMULATIVE, EXPECTED, GOAL = "Ngày", "Lũy kế", "Kỳ vọng", "Mục tiêu"
HAVE, ROW_LINK, UNIT = "Đã có", "Dòng", "Đơn vị"
INT, PCT = Kind.INTEGER, Kind.PERCENT
DASHBOARD_COLUMNS = (Column("Chỉ số"), Column("Giá trị", Kind.ANY))
TEAM_COLUMNS = (
    Column(TEAM.vi), Column("Tổ trưởng"), Column("Tổ phó"), Column("Số xã/phường", INT),
    Column(QUOTA.vi, INT), Column(HAVE, INT), Column("Tỷ lệ (%)", PCT), Column("Kỳ vọng đến nay", INT),
    Column("Số buổi tập huấn", INT), Column("Số người được tập huấn", INT), Column(STATUS),
)  # fmt: skip
COMMUNE_COLUMNS = (
    Column(COMMUNE.vi), Column("Loại"), Column(TEAM.vi), Column(QUOTA.vi, INT), Column(HAVE, INT),
    Column("Tỷ lệ (%)", PCT), Column("Số ấp/khu vực", INT), Column("Số ấp/khu vực có đại sứ", INT),
    Column("Số buổi tập huấn", INT), Column(STATUS),
)  # fmt: skip
HAMLET_COLUMNS = (
    Column(COMMUNE.vi), Column(HAMLET.vi), Column(TEAM.vi), Column(QUOTA.vi, INT), Column(HAVE, INT),
    Column("Tỷ lệ (%)", PCT), Column(STATUS),
)  # fmt: skip
PROGRESS_COLUMNS = (
    Column(DAY, Kind.DATE), Column("Mới", INT), Column(CUMULATIVE, INT), Column(EXPECTED, INT),
    Column(GOAL, INT),
)  # fmt: skip
ALERT_COLUMNS = (
    Column(LEVEL), Column(TEAM.vi), Column("Tổ trưởng"), Column(COMMUNE.vi), Column(HAMLET.vi),
    Column("Nội dung"),
)  # fmt: skip
ISSUE_COLUMNS = (
    Column("Tab"), Column(ROW_LINK, INT), Column("Cột"), Column("Giá trị"), Column(LEVEL), Column("Nội dung"),
    Column(TEAM.vi), Column(NAME.vi),
)  # fmt: skip
LOG_COLUMNS = (
    Column("Thời gian", Kind.DATETIME), Column(RESULT), Column("Số dòng đọc", INT), Column("Lỗi", INT),
    Column("Cảnh báo", INT), Column("Thời lượng (s)", Kind.NUMBER), Column("Ghi chú"),
)  # fmt: skip
# The roll-up of `daisuso fleet`: one row per member, then a total row.
ROLLUP_COLUMNS = (
    Column(UNIT), Column("Tỉnh/Thành phố"), Column("Số tổ", INT), Column("Số xã/phường", INT),
    Column(QUOTA.vi, INT), Column(HAVE, INT), Column("Tỷ lệ (%)", PCT),
    Column("Kỳ vọng đến nay", INT), Column("Số tổ chậm", INT),
    Column("Xã/phường chưa có đại sứ", INT), Column("Ấp/khu vực có đại sứ", INT),
    Column("Lỗi", INT), Column("Đồng bộ lần cuối", Kind.DATETIME), Column(RESULT),
)  # fmt: skip
# Every worker-owned tab with its columns, in the order `init` creates them.
SUMMARY_LAYOUT: tuple[tuple[str, tuple[Column, ...]], ...] = (
    (DASHBOARD, DASHBOARD_COLUMNS),
    (PROGRESS, PROGRESS_COLUMNS),
    (BY_TEAM, TEAM_COLUMNS),
    (BY_COMMUNE, COMMUNE_COLUMNS),
    (BY_HAMLET, HAMLET_COLUMNS),
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
    near_misses: tuple[NearMiss, ...] = ()  # unrecognised headers close to an unmapped column


def is_blank(cell: RawCell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def map_headers(spec: TabSpec, grid: Sequence[Sequence[RawCell]]) -> HeaderMap | None:
    """Find the header row among the first rows (title rows above it skipped) and map its cells."""
    found = match_headers(spec.columns, grid)
    if found is None:
        return None
    missing = tuple(c for c in spec.columns if c.required and c.field not in found.columns)
    return HeaderMap(found.header_row, found.columns, found.duplicates, missing, found.near_misses)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
