"""rules.headers: the header row below title rows, and header words as people type them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rules.headers import NearMiss, header_words, match_headers
from rules.tables import RawCell


@dataclass(frozen=True)
class Col:
    field: str
    vi: str
    en: str
    required: bool = False
    aliases: tuple[str, ...] = ()


TAB = (
    Col("name", "Họ và tên", "Full name", True, ("Họ tên",)),
    Col("phone", "Số điện thoại", "Phone", True, ("SĐT", "Số ĐT", "ĐT", "Điện thoại")),
    Col("commune", "Xã/Phường", "Commune", True, ("Xã", "Phường", "Thị trấn")),
    Col("hamlet", "Ấp/Khu vực", "Hamlet", False, ("Ấp", "Khóm", "Khu vực", "Thôn")),
    Col("quota", "Chỉ tiêu", "Quota"),
    Col("date", "Ngày công nhận", "Date", True),
)


def test_bracketed_hints_are_not_header_words() -> None:
    assert header_words("Ngày công nhận (dd/mm/yyyy)") == ("ngay", "cong", "nhan")
    assert header_words("SĐT [bắt buộc]") == ("sdt",)


def test_title_rows_above_the_header_are_skipped() -> None:
    grid: list[list[RawCell]] = [
        ["UBND THÀNH PHỐ CẦN THƠ", None, None],
        [None, None],
        ["DANH SÁCH ĐẠI SỨ SỐ XÃ/PHƯỜNG"],
        [],
        ["STT", "HỌ VÀ TÊN", "SĐT", "Xã/Phường/Thị trấn", "Ngày công nhận (dd/mm/yyyy)"],
        [1, "Nguyễn Văn A", "0912345678", "Ninh Kiều", "16/10/2025"],
    ]
    found = match_headers(TAB, grid)
    assert found is not None
    assert found.header_row == 4
    assert found.columns == {"name": 1, "phone": 2, "commune": 3, "date": 4}


def test_a_header_past_the_first_twenty_rows_is_not_searched() -> None:
    grid: list[list[RawCell]] = [[f"Dòng {i}"] for i in range(20)]
    grid.append(["Họ và tên", "SĐT", "Xã", "Ngày công nhận"])
    found = match_headers(TAB, grid)
    assert found is not None
    assert (found.header_row, found.columns) == (0, {})


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("SĐT", "phone"),
        ("Số ĐT", "phone"),
        ("Số điện thoại di động", "phone"),
        ("HỌ VÀ TÊN ĐẠI SỨ SỐ", "name"),
        ("Xã/Phường/Thị trấn", "commune"),
        ("Xã, phường", "commune"),
        ("Ấp/Khóm", "hamlet"),
        ("Ấp - Khu vực", "hamlet"),
        ("Thôn và khu vực", "hamlet"),
        ("Chỉ tiêu giao", "quota"),
        ("Ngày công nhận (dd/mm/yyyy)", "date"),
    ],
)
def test_headers_as_people_type_them(header: str, field: str) -> None:
    found = match_headers(TAB, [[header]])
    assert found is not None
    assert found.columns == {field: 0}
    assert found.near_misses == ()


def test_containment_that_fits_two_columns_is_not_a_match() -> None:
    found = match_headers(TAB, [["Số điện thoại và họ và tên"]])
    assert found is not None
    assert found.columns == {}


def test_an_exact_header_wins_over_a_containing_one() -> None:
    found = match_headers(TAB, [["Số điện thoại di động", "Số điện thoại"]])
    assert found is not None
    assert found.columns == {"phone": 1}


@pytest.mark.parametrize(("header", "field"), [("Chi teu", "quota"), ("Ngày cong nhậm", "date")])
def test_a_near_miss_is_reported_with_the_column_it_may_be(header: str, field: str) -> None:
    found = match_headers(TAB, [["Họ và tên", "STT", header]])
    assert found is not None
    assert found.near_misses == (NearMiss(2, header, field),)


def test_repeated_header_is_a_duplicate() -> None:
    found = match_headers(TAB, [["SĐT", "Số ĐT"]])
    assert found is not None
    assert found.columns == {"phone": 0}
    assert found.duplicates == (("phone", 1),)


def test_empty_grid() -> None:
    assert match_headers(TAB, [[None, " "], []]) is None
