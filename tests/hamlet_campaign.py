"""A hand-built campaign with a hamlet list, and every figure it must give.

Today is 10/11/2025 (26 of 46 days: a quota of 1 expects 1, of 2 expects 2, of 3 expects 2).
Communes: Thới Lai and Ninh Kiều (team T01) list hamlets; Cái Khế (T02) lists none, so
its hamlets are counted as typed, as before; Phong Điền lists one but no team has it.
"""

from __future__ import annotations

from datetime import date

from tests.builders import (
    AMB_HEADER,
    ASSIGN_HEADER,
    MEMBERS_HEADER,
    TRAIN_HEADER,
    Row,
    ambassador,
    assignment,
    phone,
    tab,
    team_members,
)

TODAY = date(2025, 11, 10)
HAMLET_TAB = "Ấp - Khu vực"
HAMLET_HEADER = ("Xã/Phường", "Ấp/Khu vực", "Chỉ tiêu")

HAMLET_ROWS: list[Row] = [
    ["Xã Thới Lai", "Ấp Thới Thuận A", None],  # row 2
    ["Xã Thới Lai", "Ấp Thới Thuận B", 2],  # row 3
    ["Xã Thới Lai", "Ấp 3", None],  # row 4
    ["xa thoi lai", "ấp 03", None],  # row 5: Ấp 3 again → error
    ["Phường Ninh Kiều", "Khu vực 1", None],  # row 6
    ["P. Ninh Kiều", "Khu vực 2", ""],  # row 7
    ["Phường Ninh Kiều", "Khu vực 3", 3],  # row 8
    ["Phường Ninh Kiều", "Khóm 3", None],  # row 9: "3" alone fits both
    ["Xã Phong Điền", "Ấp Nhơn Lộc", None],  # row 10: no team has Phong Điền → warning
    ["Xã Không Có", "Ấp 1", None],  # row 11: no such commune → error
    ["Xã Thới Lai", None, None],  # row 12: no hamlet → error
]


def _amb(i: int, commune: str, hamlet: str | None, team: str = "T01") -> Row:
    return ambassador(f"Đại sứ {i}", phone(i), commune, team, hamlet=hamlet)


AMBASSADOR_ROWS: list[Row] = [
    _amb(1, "Xã Thới Lai", "thoi thuan a"),  # row 2
    _amb(2, "Xã Thới Lai", "Ấp Thới Thuận B"),  # row 3
    _amb(3, "Xã Thới Lai", "Ấp Ba"),  # row 4
    _amb(4, "Xã Thới Lai", "Ấp III"),  # row 5
    _amb(5, "Xã Thới Lai", "Ấp Thới Thuận"),  # row 6: unknown → warning, counts for the commune
    _amb(6, "Xã Thới Lai", None),  # row 7: blank → the commune only
    _amb(7, "Phường Ninh Kiều", "KV1"),  # row 8
    _amb(8, "Phường Ninh Kiều", "3"),  # row 9: Khu vực 3 or Khóm 3 → warning
    _amb(9, "Phường Ninh Kiều", "kv 3"),  # row 10
    _amb(10, "Phường Cái Khế", "Khu vực 5", "T02"),  # rows 11-13: no list, counted as typed
    _amb(11, "Phường Cái Khế", "khu vuc 5", "T02"),
    _amb(12, "Phường Cái Khế", "KV6", "T02"),
]


def hamlet_campaign() -> dict[str, list[Row]]:
    return {
        "Tổ": tab(MEMBERS_HEADER, [*team_members("T01"), *team_members("T02")]),
        "Phân công": tab(
            ASSIGN_HEADER,
            [
                assignment("T01", "Xã Thới Lai", 5),
                assignment("T01", "Phường Ninh Kiều", 5),
                assignment("T02", "Phường Cái Khế", 3),
            ],
        ),
        HAMLET_TAB: tab(HAMLET_HEADER, HAMLET_ROWS),
        "Đại sứ số": tab(AMB_HEADER, AMBASSADOR_ROWS),
        "Tập huấn": tab(TRAIN_HEADER, []),
    }


# `Theo ấp`: Xã/Phường | Ấp/Khu vực | Mã tổ | Chỉ tiêu | Đã có | Tỷ lệ (%) | Trạng thái
THEO_AP = [
    ("Phường Ninh Kiều", "Khu vực 1", "T01", 1, 1, 100.0, "Đạt"),
    ("Phường Ninh Kiều", "Khu vực 2", "T01", 1, 0, 0.0, "Chậm tiến độ"),
    ("Phường Ninh Kiều", "Khu vực 3", "T01", 3, 1, 33.3, "Chậm tiến độ"),
    ("Phường Ninh Kiều", "Khóm 3", "T01", 1, 0, 0.0, "Chậm tiến độ"),
    ("Xã Thới Lai", "Ấp Thới Thuận A", "T01", 1, 1, 100.0, "Đạt"),
    ("Xã Thới Lai", "Ấp Thới Thuận B", "T01", 2, 1, 50.0, "Chậm tiến độ"),
    ("Xã Thới Lai", "Ấp 3", "T01", 1, 2, 200.0, "Đạt"),
    ("Xã Phong Điền", "Ấp Nhơn Lộc", None, 1, 0, 0.0, "Chậm tiến độ"),
]
# `Theo xã`: (Số ấp/khu vực, Số ấp/khu vực có đại sứ) per commune
THEO_XA_HAMLETS = {
    "Xã Thới Lai": (3, 3),
    "Phường Ninh Kiều": (4, 2),
    "Phường Cái Khế": (None, 2),
    "Xã Phong Điền": (1, 0),
}
# `Tổng hợp`: hamlets listed / reached / done
DASHBOARD = {
    "Số ấp/khu vực trong danh sách": 8,
    "Số ấp/khu vực có đại sứ số": 5,
    "Số ấp/khu vực đạt chỉ tiêu": 3,
}
# `Cảnh báo` hamlet rows: Mức độ | Mã tổ | Tổ trưởng | Xã/Phường | Ấp/Khu vực | Nội dung
ALERTS = [
    ("Cao", "T01", "Người T01 1", "Phường Ninh Kiều", "Khu vực 2, Khóm 3",
     "2 ấp/khu vực chưa có đại sứ số nào"),
    ("Trung bình", "T01", "Người T01 1", "Phường Ninh Kiều", "Khu vực 3",
     "Đã có 1/3, kỳ vọng 2 đến nay"),
    ("Trung bình", "T01", "Người T01 1", "Xã Thới Lai", "Ấp Thới Thuận B",
     "Đã có 1/2, kỳ vọng 2 đến nay"),
]  # fmt: skip
# (tab, row, code) of the issues hamlets bring
ISSUES = {
    (HAMLET_TAB, 5, "hamlet_listed_twice"),
    (HAMLET_TAB, 10, "commune_unassigned"),
    (HAMLET_TAB, 11, "commune_unknown"),
    (HAMLET_TAB, 12, "required_missing"),
    ("Đại sứ số", 6, "hamlet_unknown"),
    ("Đại sứ số", 9, "hamlet_ambiguous"),
}
