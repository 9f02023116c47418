"""One change at a time to the messy sheet: each header, role and date form reads cleanly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from tests.cli.messy import TODAY, write_messy

runner = CliRunner()


def _validate(folder: Path, tab: str, cell: str, value: object) -> dict[str, Any]:
    config = write_messy(folder, "vi")
    book = load_workbook(folder / "so-lieu.xlsx")
    book[tab][cell] = value
    book.save(folder / "so-lieu.xlsx")
    result = runner.invoke(
        app, ["validate", "--config", str(config), "--today", TODAY, "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _validate(tmp_path_factory.mktemp("base"), "Tổ", "A1", "UBND THÀNH PHỐ CẦN THƠ")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _baseline(tmp_path_factory)


@pytest.mark.parametrize(
    ("tab", "cell", "header"),
    [
        ("Tổ", "F4", "Số ĐT"),
        ("Tổ", "F4", "ĐT"),
        ("Tổ", "F4", "Điện thoại"),
        ("Tổ", "C4", "Họ và tên"),
        ("Đại sứ số", "C3", "SĐT"),
        ("Đại sứ số", "C3", "Số điện thoại"),
        ("Đại sứ số", "D3", "Xã, phường"),
        ("Đại sứ số", "D3", "Đơn vị hành chính"),
        ("Đại sứ số", "E3", "Khóm"),
        ("Đại sứ số", "E3", "Ấp - Khu vực"),
        ("Đại sứ số", "E3", "Thôn/Tổ dân phố"),
        ("Đại sứ số", "G3", "Ngày công nhận"),
        ("Đại sứ số", "A3", "Họ tên"),
        ("Phân công", "C2", "Chỉ tiêu"),
        ("Phân công", "C2", "Chỉ tiêu được giao"),
    ],
)
def test_headers_as_people_type_them(
    tmp_path: Path, baseline: dict[str, Any], tab: str, cell: str, header: str
) -> None:
    data = _validate(tmp_path, tab, cell, header)
    assert data["issues"] == baseline["issues"]
    assert data["communes"] == baseline["communes"]


@pytest.mark.parametrize(
    ("leader", "deputy", "member"),
    [
        ("TT", "TP", "TV"),
        ("Trưởng tổ", "Phó tổ", "Thành viên"),
        ("Tổ trưởng", "Tổ phó", "TV"),
        ("leader", "deputy", "member"),
        ("T.T", "T.P", "T.V"),
    ],
)
def test_roles_as_people_type_them(tmp_path: Path, leader: str, deputy: str, member: str) -> None:
    config = write_messy(tmp_path, "vi")
    book = load_workbook(tmp_path / "so-lieu.xlsx")
    for row, role in ((5, leader), (6, deputy), (7, member)):
        book["Tổ"][f"D{row}"] = role
    book.save(tmp_path / "so-lieu.xlsx")
    result = runner.invoke(
        app, ["validate", "--config", str(config), "--today", TODAY, "--format", "json"]
    )
    codes = {i["code"] for i in json.loads(result.stdout)["issues"] if i["tab"] == "Tổ"}
    assert codes == {"email_invalid"}  # no role_invalid, no team_leaders, no team_deputies


@pytest.mark.parametrize(
    "typed",
    [
        "16/10/25",
        "ngày 16/10/2025",
        "16 tháng 10 năm 2025",
        "16-10-2025",
        "16.10.2025",
        "16/10/2025",
    ],
)
def test_dates_as_offices_write_them(tmp_path: Path, baseline: dict[str, Any], typed: str) -> None:
    """Row 9's impossible 30/02/2025 retyped: the row then counts, whatever the form."""
    data = _validate(tmp_path, "Đại sứ số", "G9", typed)
    assert [i for i in data["issues"] if i["row"] == 9 and i["tab"] == "Đại sứ số"] == []
    assert data["totals"]["ambassadors"] == baseline["totals"]["ambassadors"] + 1


@pytest.mark.parametrize(
    ("typed", "code"),
    [("30/02/2025", "date_no_such_day"), ("31/04/2025", "date_no_such_day"),
     ("10/25/2025", "date_month_first"), ("hôm qua", "date_invalid")],
)  # fmt: skip
def test_dates_that_are_not_counted(tmp_path: Path, typed: str, code: str) -> None:
    data = _validate(tmp_path, "Đại sứ số", "G9", typed)
    found = [i for i in data["issues"] if i["row"] == 9 and i["tab"] == "Đại sứ số"]
    assert [(i["code"], i["severity"]) for i in found] == [(code, "error")]


def test_dashboard_expected_is_the_sum_of_the_teams(tmp_path: Path) -> None:
    config = write_messy(tmp_path, "vi")
    assert runner.invoke(app, ["sync", "--config", str(config), "--today", TODAY]).exit_code == 0
    book = load_workbook(tmp_path / "so-lieu.xlsx")
    dashboard = dict(book["Tổng hợp"].iter_rows(min_row=2, max_col=2, values_only=True))
    teams = list(book["Theo tổ"].iter_rows(min_row=2, values_only=True))
    assert dashboard["Kỳ vọng đến nay"] == sum(int(str(t[7])) for t in teams) == 19
