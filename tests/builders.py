"""The one builders module: entry grids for the rules tests, and small hand-built
campaigns, workbooks and config files for the end-to-end tests.

Rows are written in the contract's Vietnamese column order; a test that wants another
order or other header names builds its grid by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from rules.campaign import Campaign
from rules.evaluate import Report, evaluate
from rules.issues import Issue
from rules.tables import RawCell
from rules.values.communes import CommuneDirectory

Grid = list[list[object]]

MEMBERS_HEADER = ("Mã tổ", "Họ và tên", "Vai trò", "Đơn vị công tác", "Số điện thoại", "Email")
ASSIGN_HEADER = ("Mã tổ", "Xã/Phường", "Chỉ tiêu")
AMB_HEADER = (
    "Họ và tên",
    "Năm sinh",
    "Giới tính",
    "Số điện thoại",
    "Xã/Phường",
    "Ấp/Khu vực",
    "Nghề nghiệp/Chức vụ",
    "Mã tổ",
    "Ngày công nhận",
    "Ghi chú",
)
TRAIN_HEADER = ("Ngày", "Mã tổ", "Xã/Phường", "Nội dung", "Số người tham dự", "Số giờ")

MEMBERS, ASSIGNMENTS, AMBASSADORS, TRAININGS = "Tổ", "Phân công", "Đại sứ số", "Tập huấn"

CAMPAIGN = Campaign()  # Cần Thơ, 15/10/2025 → 30/11/2025 (46 days), quota 20, size 5, 0.8
TODAY = date(2025, 11, 10)

Row = list[RawCell]


def can_tho() -> CommuneDirectory:
    return CommuneDirectory.for_province("Cần Thơ")


def phone(i: int) -> str:
    """A distinct valid mobile number (VinaPhone 0912 range) per i."""
    return f"0912{i:06d}"


def member(
    team: str,
    name: str,
    role: str = "Thành viên",
    *,
    phone: RawCell = None,
    email: RawCell = None,
    organisation: RawCell = None,
) -> Row:
    return [team, name, role, organisation, phone, email]


def team_members(
    code: str, *, size: int = 5, leaders: int = 1, deputies: int = 1, prefix: str = ""
) -> list[Row]:
    """`size` member rows of a team: `leaders` Tổ trưởng, `deputies` Tổ phó, the rest members."""
    rows: list[Row] = []
    for i in range(size):
        if i < leaders:
            role = "Tổ trưởng"
        elif i < leaders + deputies:
            role = "Tổ phó"
        else:
            role = "Thành viên"
        rows.append(member(code, f"{prefix}Người {code} {i + 1}", role))
    return rows


def assignment(team: str, commune: str, quota: RawCell = None) -> Row:
    return [team, commune, quota]


def ambassador(
    name: str,
    phone: RawCell,
    commune: RawCell,
    team: RawCell,
    day: RawCell = "20/10/2025",
    *,
    birth_year: RawCell = None,
    gender: RawCell = None,
    hamlet: RawCell = None,
    occupation: RawCell = None,
    note: RawCell = None,
) -> Row:
    return [name, birth_year, gender, phone, commune, hamlet, occupation, team, day, note]


def training(
    day: RawCell,
    team: RawCell,
    commune: RawCell,
    participants: RawCell = 10,
    *,
    topic: RawCell = None,
    hours: RawCell = None,
) -> Row:
    return [day, team, commune, topic, participants, hours]


def tab(header: Sequence[str], rows: Iterable[Row], *, leading_blank: int = 0) -> list[Row]:
    grid: list[Row] = [[] for _ in range(leading_blank)]
    grid.append(list(header))
    grid.extend(list(r) for r in rows)
    return grid


def grids(
    members: Iterable[Row] = (),
    assignments: Iterable[Row] = (),
    ambassadors: Iterable[Row] = (),
    trainings: Iterable[Row] = (),
    *,
    leading_blank: int = 0,
) -> dict[str, list[Row]]:
    return {
        MEMBERS: tab(MEMBERS_HEADER, members, leading_blank=leading_blank),
        ASSIGNMENTS: tab(ASSIGN_HEADER, assignments, leading_blank=leading_blank),
        AMBASSADORS: tab(AMB_HEADER, ambassadors, leading_blank=leading_blank),
        TRAININGS: tab(TRAIN_HEADER, trainings, leading_blank=leading_blank),
    }


def run(g: dict[str, list[Row]], *, campaign: Campaign = CAMPAIGN, today: date = TODAY) -> Report:
    return evaluate(g, campaign, can_tho(), today)


def issues(report: Report, code: str | None = None, *, tab: str | None = None) -> list[Issue]:
    return [
        i
        for i in report.issues
        if (code is None or i.code == code) and (tab is None or i.tab == tab)
    ]


def codes_at(report: Report, tab: str, row: int) -> set[str]:
    return {i.code for i in report.issues if i.tab == tab and i.row == row}


def commune(report: Report, name: str):  # type: ignore[no-untyped-def]
    return next(c for c in report.communes if c.name == name)


def team(report: Report, code: str):  # type: ignore[no-untyped-def]
    return next(t for t in report.teams if t.code == code)


# --- small campaigns, workbooks and config files for end-to-end tests ---------------


def team_rows(code: str, first_phone: int) -> Grid:
    """Five member rows of a team (one Tổ trưởng, one Tổ phó), with phones from `first_phone`."""
    return [
        member(
            code,
            f"Người {code} {i}",
            row[2],
            organisation="Trường Chính trị",
            phone=f"09{first_phone + i:08d}",
            email=f"{code.lower()}{i}@example.vn",
        )
        for i, row in enumerate(team_members(code))
    ]


def ambassador_row(
    name: str, phone: str, commune: str, team_code: str, day: date, year: int = 1990
) -> list[object]:
    """A complete ambassador row (gender, hamlet and occupation filled in)."""
    return ambassador(name, phone, commune, team_code, day, birth_year=year, gender="Nữ",
                      hamlet="Ấp 1", occupation="Trưởng ấp")  # fmt: skip


def small_campaign() -> dict[str, Grid]:
    """Two teams, three communes; known counts (as of 2025-11-10, campaign 15/10–30/11):

    T01: Ninh Kiều (quota 20 default) 3 valid + 1 duplicate phone; Cái Khế (quota 4) 4 valid → Đạt commune
    T02: Vị Thanh (quota 10) 1 valid + 1 row with a bad phone (error)
    """
    d = date(2025, 10, 20)
    ambassadors = [
        list(AMB_HEADER),
        ambassador_row("Lê Văn Một", "0912000001", "Phường Ninh Kiều", "T01", d),
        ambassador_row("Lê Văn Hai", "0912 000 002", "P. Ninh Kiều", "T01", d),
        ambassador_row("Lê Văn Ba", "+84 912 000 003", "ninh kieu", "T01", d),
        ambassador_row("Lê Văn Bốn", "0912000001", "Phường Ninh Kiều", "T01", d),  # duplicate phone
        *[
            ambassador_row(f"Trần Thị {i}", f"09130000{i:02d}", "Phường Cái Khế", "T01", d)
            for i in range(1, 5)
        ],
        ambassador_row('=HYPERLINK("http://x")', "0914000001", "Phường Vị Thanh", "T02", d),
        ambassador_row("Phạm Văn Lỗi", "0112345678", "Phường Vị Thanh", "T02", d),  # bad prefix
    ]
    return {
        "Tổ": [list(MEMBERS_HEADER), *team_rows("T01", 10000000), *team_rows("T02", 20000000)],
        "Phân công": [
            list(ASSIGN_HEADER),
            ["T01", "Phường Ninh Kiều", None],
            ["T01", "Phường Cái Khế", 4],
            ["T02", "Phường Vị Thanh", 10],
        ],
        "Đại sứ số": ambassadors,
        "Tập huấn": [
            list(TRAIN_HEADER),
            [date(2025, 10, 25), "T01", "Phường Ninh Kiều", "VNeID", 40, 2],
            ["26/10/2025", "T02", "Phường Vị Thanh", "Dịch vụ công", 25, "1,5"],
        ],
    }


def write_workbook(path: Path, grids: dict[str, Grid]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in grids.items():
        sheet = wb.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a name that looks like a formula, typed as text
    wb.save(path)
    return path


CONFIG = """\
[spreadsheet]
backend = "xlsx"
path = "{path}"

[campaign]
province = "Cần Thơ"
start = 2025-10-15
deadline = 2025-11-30
target = 100
commune_quota = 20
team_size = 5
pace_tolerance = 0.8
timezone = "Asia/Ho_Chi_Minh"

[worker]
every_minutes = 10
lang = "{lang}"
"""


def write_config(
    folder: Path, workbook: str = "book.xlsx", lang: str = "vi", extra: str = ""
) -> Path:
    path = folder / "daisuso.toml"
    path.write_text(CONFIG.format(path=workbook, lang=lang) + extra, encoding="utf-8")
    return path
