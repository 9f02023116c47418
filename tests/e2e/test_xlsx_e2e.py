"""The whole sync on a real .xlsx file, checked cell by cell."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from tests.builders import small_campaign, write_config, write_workbook

ENTRY_TABS = ("Tổ", "Phân công", "Đại sứ số", "Tập huấn")
TODAY = "2025-11-10"


def snapshot(path: Path) -> dict[str, list[list[tuple[object, str, str]]]]:
    """Every cell's value, type and number format, per tab."""
    wb = load_workbook(path)
    return {
        ws.title: [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()]
        for ws in wb.worksheets
    }


def rows(path: Path, tab: str) -> list[tuple[object, ...]]:
    return list(load_workbook(path)[tab].iter_rows(values_only=True))


@pytest.fixture
def book(tmp_path: Path) -> Path:
    write_workbook(tmp_path / "book.xlsx", small_campaign())
    write_config(tmp_path)
    return tmp_path / "book.xlsx"


def sync(book: Path, *args: str) -> None:
    result = CliRunner().invoke(
        app, ["sync", "--config", str(book.parent / "daisuso.toml"), "--today", TODAY, *args]
    )
    assert result.exit_code == 0, result.output


def test_entry_tabs_unchanged_cell_for_cell(book: Path) -> None:
    before = snapshot(book)
    sync(book)
    after = snapshot(book)
    for tab in ENTRY_TABS:
        assert after[tab] == before[tab], tab
    assert {"Tổng hợp", "Theo tổ", "Theo xã", "Cảnh báo", "Lỗi dữ liệu", "Nhật ký"} <= set(after)


def test_summary_numbers_on_a_hand_built_workbook(book: Path) -> None:
    sync(book)
    by_team = rows(book, "Theo tổ")
    assert by_team[0] == (
        "Mã tổ", "Tổ trưởng", "Tổ phó", "Số xã/phường", "Chỉ tiêu", "Đã có", "Tỷ lệ (%)",
        "Kỳ vọng đến nay", "Số buổi tập huấn", "Số người được tập huấn", "Trạng thái",
    )  # fmt: skip
    # f = 26/46 on 10/11: T01 quota 20+4, 3+4 valid, expected ceil(24·26/46) = 14, 7 < 0.8·14.
    assert by_team[1] == (
        "T01",
        "Người T01 0",
        "Người T01 1",
        2,
        24,
        7,
        29.2,
        14,
        1,
        40,
        "Chậm tiến độ",
    )
    assert by_team[2] == (
        "T02",
        "Người T02 0",
        "Người T02 1",
        1,
        10,
        1,
        10.0,
        6,
        1,
        25,
        "Chậm tiến độ",
    )

    by_commune = {r[0]: r for r in rows(book, "Theo xã")[1:]}
    assert len(by_commune) == 103
    assert by_commune["Phường Cái Khế"] == (
        "Phường Cái Khế",
        "phường",
        "T01",
        4,
        4,
        100.0,
        None,  # Số ấp/khu vực: no hamlet listed
        1,
        0,
        "Đạt",
    )
    assert by_commune["Phường Ninh Kiều"][2:6] == ("T01", 20, 3, 15.0)
    assert by_commune["Phường Ninh Kiều"][8:] == (1, "Chậm tiến độ")
    assert by_commune["Xã Long Phú"][1:6] == ("xã", None, None, 0, None)

    dashboard = dict(rows(book, "Tổng hợp")[1:])
    assert dashboard["Mục tiêu chiến dịch (đại sứ số)"] == 100
    assert dashboard["Đại sứ số hợp lệ"] == 8
    assert dashboard["Tổng chỉ tiêu các xã/phường"] == 34
    assert dashboard["Số buổi tập huấn"] == 2
    assert dashboard["Số người được tập huấn"] == 65
    assert dashboard["Số dòng có lỗi"] == 2
    assert isinstance(dashboard["Đồng bộ lần cuối"], datetime)

    alerts = rows(book, "Cảnh báo")
    assert alerts[0] == ("Mức độ", "Mã tổ", "Tổ trưởng", "Xã/Phường", "Ấp/Khu vực", "Nội dung")
    teams = [r for r in alerts[1:] if r[3] is None and r[1] is not None]
    assert [r[0] for r in teams] == sorted((r[0] for r in teams), key=["Cao", "Trung bình"].index)
    t01 = next(r for r in teams if r[1] == "T01")
    assert (t01[0], *t01[3:]) == ("Trung bình", None, None, "Đã có 7/24, kỳ vọng 14 đến nay")
    vi_thanh = next(r for r in alerts if r[3] == "Phường Vị Thanh")
    assert (vi_thanh[0], vi_thanh[1], vi_thanh[5]) == (
        "Cao",
        "T02",
        "Đã có 1/10, kỳ vọng 6 đến nay",
    )
    unassigned = alerts[-1]  # one row names every unassigned commune
    assert unassigned[:5] == ("Thấp", None, None, None, None) and "Xã Long Phú" in unassigned[5]


def test_issues_tab_names_row_and_column_and_masks_phones(book: Path) -> None:
    sync(book)
    issues = rows(book, "Lỗi dữ liệu")
    assert issues[0] == (
        "Tab",
        "Dòng",
        "Cột",
        "Giá trị",
        "Mức độ",
        "Nội dung",
        "Mã tổ",
        "Họ và tên",
    )
    found = {(r[0], r[1], r[2], r[4]) for r in issues[1:]}
    assert found == {
        ("Đại sứ số", 5, "Số điện thoại", "Lỗi"),
        ("Đại sứ số", 11, "Số điện thoại", "Lỗi"),
    }
    text = " ".join(str(v) for r in issues for v in r)
    assert not re.search(r"0\d{9}", text), text
    assert "*******001" in text


def test_second_sync_changes_only_the_log(book: Path) -> None:
    sync(book)
    first = snapshot(book)
    sync(book)
    second = snapshot(book)
    for tab, cells in first.items():
        if tab in ("Nhật ký", "Tổng hợp"):
            continue
        assert second[tab] == cells, tab
    dash1 = [r for r in first["Tổng hợp"] if r[0][0] != "Đồng bộ lần cuối"]
    dash2 = [r for r in second["Tổng hợp"] if r[0][0] != "Đồng bộ lần cuối"]
    assert dash1 == dash2
    log1, log2 = rows_from(first["Nhật ký"]), rows_from(second["Nhật ký"])
    assert len(log2) == len(log1) + 1 and log2[: len(log1)] == log1
    assert log2[-1][1] == "Thành công"


def rows_from(cells: list[list[tuple[object, str, str]]]) -> list[tuple[object, ...]]:
    return [tuple(c[0] for c in row) for row in cells]


def test_formula_looking_name_is_read_back_as_text(book: Path) -> None:
    grids = small_campaign()
    grids["Đại sứ số"][10][4] = "=cmd|' /C calc'!A0"  # a commune cell nobody can resolve
    write_workbook(book, grids)
    sync(book, "--show-personal-data")
    wb = load_workbook(book)
    issue_cells = [
        c
        for row in wb["Lỗi dữ liệu"].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert issue_cells, "the formula-looking value should be listed as text"
    assert all(c.data_type == "s" for c in issue_cells)
    data_only = load_workbook(book, data_only=True)
    values = [c.value for row in data_only["Lỗi dữ liệu"].iter_rows() for c in row]
    assert "=cmd|' /C calc'!A0" in values


def test_english_messages(book: Path) -> None:
    write_config(book.parent, lang="en")
    sync(book)
    issues = rows(book, "Lỗi dữ liệu")
    assert issues[1][4] == "Error"
    assert "already appears" in str(issues[1][5])
    assert rows(book, "Theo tổ")[1][-1] == "Behind"


def test_dates_are_dates(book: Path) -> None:
    sync(book)
    dashboard = dict(rows(book, "Tổng hợp")[1:])
    assert dashboard["Ngày đánh giá"] == datetime(
        2025, 11, 10
    )  # openpyxl reads dates back as datetimes
    log = rows(book, "Nhật ký")
    assert isinstance(log[1][0], datetime)


def test_log_keeps_newest_rows(book: Path) -> None:
    write_config(book.parent, extra="log_keep = 3\n")
    for _ in range(5):
        sync(book)
    assert len(rows(book, "Nhật ký")) == 1 + 3


def test_today_before_start_has_no_alert_for_empty_communes(book: Path) -> None:
    result = CliRunner().invoke(
        app, ["sync", "--config", str(book.parent / "daisuso.toml"), "--today", "2025-10-15"]
    )
    assert result.exit_code == 0, result.output
    assert not [r for r in rows(book, "Cảnh báo")[1:] if r[2] == "Xã Long Phú"]


def test_legacy_encoded_names_are_counted_and_flagged_with_their_reading(book: Path) -> None:
    grids = small_campaign()
    grids["Đại sứ số"][1][0] = "NguyÔn V¨n A"  # TCVN3 (ABC) typed into a Unicode sheet
    write_workbook(book, grids)
    sync(book)
    issues = [r for r in rows(book, "Lỗi dữ liệu")[1:] if r[1] == 2]
    assert issues == [
        ("Đại sứ số", 2, "Họ và tên", "NguyÔn V¨n A", "Cảnh báo",
         "Văn bản có vẻ gõ bằng bảng mã TCVN3, không phải Unicode. Đọc theo Unicode: “Nguyễn Văn A”.",
         "T01", "NguyÔn V¨n A"),
    ]  # fmt: skip
    assert dict(rows(book, "Tổng hợp")[1:])["Đại sứ số hợp lệ"] == 8  # a warning: still counted
