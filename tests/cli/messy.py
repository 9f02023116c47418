"""A workbook typed the way offices really type it: title rows, their own headers, old names."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

TODAY = "2025-11-10"
HIDDEN_ROW = 14  # in `Đại sứ số`


def _rows(sheet: Worksheet, rows: list[list[object]]) -> None:
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "f"  # a formula a program wrote, with no computed value


def _members(sheet: Worksheet) -> None:
    _rows(sheet, [
        ["UBND THÀNH PHỐ CẦN THƠ"],
        ["DANH SÁCH TỔ ĐẠI SỨ SỐ"],
        [],
        ["STT", "Mã tổ", "Họ tên", "Vai trò", "Đơn vị", "SĐT", "Email"],
        [1, "T01", "Lê Văn Trưởng", "TT", "Trường Chính trị", "0912100001", "t1@example.vn"],
        [2, "T01", "Lê Thị Phó", "TP", "Viễn thông", "0912100002", "sai@"],
        [3, "T01", "Lê Văn Ba", "TV", "", "", ""],
        [4, "T01", "Lê Văn Bốn", "TV", "", "", ""],
        [5, "T01", "Lê Văn Năm", "TV", "", "", ""],
        [6, "T02", "Trần Văn Trưởng", "Trưởng tổ", "Trường Chính trị", "0912200001", ""],
        [7, "T02", "Trần Thị Phó", "Phó tổ", "Viễn thông", "0912200002", ""],
        [8, "T02", "Trần Văn Ba", "Thành viên", "", "", ""],
        [9, "T02", "Trần Văn Bốn", "Thành viên", "", "", ""],
        [10, "T02", "Trần Văn Năm", "Thành viên", "", "", ""],
    ])  # fmt: skip
    sheet.merge_cells("A1:G1")
    sheet.merge_cells("A2:G2")


def _assignments(sheet: Worksheet) -> None:
    _rows(sheet, [
        ["UBND THÀNH PHỐ CẦN THƠ"],
        ["Mã tổ", "Xã/Phường/Thị trấn", "Chỉ tiêu giao"],
        ["T01", "Phường Ninh Kiều", 5],
        ["T01", "Thị trấn Cờ Đỏ", 3],
        ["T02", "Phường Cái Khế", 4],
        ["T02", "Phường Bùi Hữu Nghĩa", 2],
        ["T02", "Xã Trường Long", "nhiều"],
    ])  # fmt: skip


def _ambassadors(sheet: Worksheet) -> None:
    header = [
        "HỌ VÀ TÊN ĐẠI SỨ SỐ", "Năm sinh", "Số điện thoại di động", "Xã/Phường/Thị trấn",
        "Ấp/Khóm", "Mã tổ", "Ngày công nhận (dd/mm/yyyy)", "Ghi chú",
    ]  # fmt: skip
    _rows(sheet, [
        ["DANH SÁCH ĐẠI SỨ SỐ CẤP XÃ"],
        ["(Kèm theo Quyết định số 12/QĐ-UBND)"],
        header,
        ["Nguyễn Văn An", 1990, "0912000001", "Phường Ninh Kiều", "Khu vực 1", "T01", "16/10/25"],
        ["Nguyễn Văn Bình", 1991, "0912000002", "P. Ninh Kiều", "Khu vực 2", "T01", "ngày 16/10/2025"],
        ["Nguyễn Văn Chi", 1992, "0912000003", "Ninh Kiều", "Khu vực 3", "T01", "16 tháng 10 năm 2025"],
        ["Nguyễn Văn Dũng", 1993, "0912000004", "Phường Ninh Kiều", "Khu vực 1", "T01", "16-10-2025"],
        ["Nguyễn Văn Em", 1994, "0912000005", "Phường Ninh Kiều", "Khu vực 2", "T01", "16.10.2025"],
        ["Trần Thị Phương", 1995, "0912000006", "Phường Ninh Kiều", "", "T01", "30/02/2025"],
        ["Trần Thị Giang", 1996, "9.12345680E8", "Phường Ninh Kiều", "", "T01", "20/10/2025"],
        ["Trần Thị Hà", 1997, "0912000008", "Thị trấn Cờ Đỏ", "Ấp Thới Hòa", "T01", "20/10/2025"],
        ["Trần Thị Hoa", 1998, "0912000009", "Phường Bùi Hữu Nghĩa", "", "T02", "20/10/2025"],
        ["=B2&\" \"&C2", 1999, "0912000010", "Phường Cái Khế", "Khu vực 5", "T02", "20/10/2025"],
        ["Lý Văn Ẩn", 1980, "0112345678", "Phường Cái Khế", "", "T02", "20/10/2025"],
        ["Lý Văn Kha", "năm 80", "0912000012", "Phường Cái Khế", "Khu vực 6", "T02", "21/10/2025"],
    ])  # fmt: skip
    sheet.row_dimensions[HIDDEN_ROW].hidden = True


def _trainings(sheet: Worksheet) -> None:
    _rows(sheet, [
        ["Ngày", "Mã tổ", "Xã/Phường", "Nôi dug", "Số người tham dự", "Số giờ"],
        ["20/10/2025", "T01", "Phường Ninh Kiều", "Kỹ năng số", 30, 30],
    ])  # fmt: skip


def write_messy(folder: Path, lang: str = "vi", province: str = "Cần Thơ") -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, fill in (("Tổ", _members), ("Phân công", _assignments),
                        ("Đại sứ số", _ambassadors), ("Tập huấn", _trainings)):  # fmt: skip
        fill(wb.create_sheet(title))
    wb.save(folder / "so-lieu.xlsx")
    config = folder / "daisuso.toml"
    config.write_text(
        f'[spreadsheet]\npath = "so-lieu.xlsx"\n\n[campaign]\nprovince = "{province}"\n'
        f"start = 2025-10-15\ndeadline = 2025-11-30\ntarget = 100\n\n"
        f'[worker]\nlang = "{lang}"\n',
        encoding="utf-8",
    )
    return config
