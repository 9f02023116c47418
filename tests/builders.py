"""Small hand-built campaigns for end-to-end tests: grids, workbooks and config files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

Grid = list[list[object]]

MEMBERS_HEADER = ["Mã tổ", "Họ và tên", "Vai trò", "Đơn vị công tác", "Số điện thoại", "Email"]
ASSIGN_HEADER = ["Mã tổ", "Xã/Phường", "Chỉ tiêu"]
AMB_HEADER = [
    "Họ và tên", "Năm sinh", "Giới tính", "Số điện thoại", "Xã/Phường", "Ấp/Khu vực",
    "Nghề nghiệp/Chức vụ", "Mã tổ", "Ngày công nhận", "Ghi chú",
]  # fmt: skip
TRAIN_HEADER = ["Ngày", "Mã tổ", "Xã/Phường", "Nội dung", "Số người tham dự", "Số giờ"]


def team(code: str, first_phone: int) -> Grid:
    roles = ["Tổ trưởng", "Tổ phó", "Thành viên", "Thành viên", "Thành viên"]
    return [
        [
            code,
            f"Người {code} {i}",
            role,
            "Trường Chính trị",
            f"09{first_phone + i:08d}",
            f"{code.lower()}{i}@example.vn",
        ]
        for i, role in enumerate(roles)
    ]


def ambassador(
    name: str, phone: str, commune: str, team_code: str, day: date, year: int = 1990
) -> list[object]:
    return [name, year, "Nữ", phone, commune, "Ấp 1", "Trưởng ấp", team_code, day, None]


def small_campaign() -> dict[str, Grid]:
    """Two teams, three communes; known counts (as of 2025-11-10, campaign 15/10–30/11):

    T01: Ninh Kiều (quota 20 default) 3 valid + 1 duplicate phone; Cái Khế (quota 4) 4 valid → Đạt commune
    T02: Vị Thanh (quota 10) 1 valid + 1 row with a bad phone (error)
    """
    d = date(2025, 10, 20)
    ambassadors = [
        list(AMB_HEADER),
        ambassador("Lê Văn Một", "0912000001", "Phường Ninh Kiều", "T01", d),
        ambassador("Lê Văn Hai", "0912 000 002", "P. Ninh Kiều", "T01", d),
        ambassador("Lê Văn Ba", "+84 912 000 003", "ninh kieu", "T01", d),
        ambassador("Lê Văn Bốn", "0912000001", "Phường Ninh Kiều", "T01", d),  # duplicate phone
        *[
            ambassador(f"Trần Thị {i}", f"09130000{i:02d}", "Phường Cái Khế", "T01", d)
            for i in range(1, 5)
        ],
        ambassador('=HYPERLINK("http://x")', "0914000001", "Phường Vị Thanh", "T02", d),
        ambassador("Phạm Văn Lỗi", "0112345678", "Phường Vị Thanh", "T02", d),  # bad prefix
    ]
    return {
        "Tổ": [list(MEMBERS_HEADER), *team("T01", 10000000), *team("T02", 20000000)],
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
