"""Small helpers to build entry grids (lists of rows) for the `rules` tests.

Rows are written in the contract's Vietnamese column order; a test that wants
another order or other header names builds its grid by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from rules.campaign import Campaign
from rules.evaluate import Report, evaluate
from rules.issues import Issue
from rules.tables import RawCell
from rules.values.communes import CommuneDirectory

MEMBER_HEADER = ("Mã tổ", "Họ và tên", "Vai trò", "Đơn vị công tác", "Số điện thoại", "Email")
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
        MEMBERS: tab(MEMBER_HEADER, members, leading_blank=leading_blank),
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
