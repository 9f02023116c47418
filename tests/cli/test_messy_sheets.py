"""Real sheets as people type them, through the public surface: the JSON report and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from tests.cli.messy import HIDDEN_ROW, TODAY, write_messy

runner = CliRunner()
AMB, TEAMS, ASSIGN, TRAIN = "Đại sứ số", "Tổ", "Phân công", "Tập huấn"
OLD_CO_DO = "Thị trấn Cờ Đỏ, Huyện Cờ Đỏ, Thành phố Cần Thơ"
OLD_BHN = "Phường Bùi Hữu Nghĩa, Quận Bình Thủy, Thành phố Cần Thơ"
OPT = {
    "vi": " Cột này không bắt buộc: giá trị bị bỏ qua, dòng vẫn được tính.",
    "en": " This column is optional: the value is ignored and the row still counts.",
}
# (tab, row, code, severity, Vietnamese message, English message)
EXPECTED = [
    (TEAMS, 6, "email_invalid", "warning",
     "Địa chỉ email không hợp lệ." + OPT["vi"], "Invalid e-mail address." + OPT["en"]),
    (ASSIGN, 4, "commune_old_name", "warning",
     f"'Thị trấn Cờ Đỏ' là tên cũ trước 7/2025 ({OLD_CO_DO}); nay thuộc Xã Cờ Đỏ và được tính cho Xã Cờ Đỏ. Hãy sửa thành tên mới.",
     f"'Thị trấn Cờ Đỏ' is a name from before July 2025 ({OLD_CO_DO}); it is now part of Xã Cờ Đỏ and is counted there. Please write the new name."),
    (ASSIGN, 6, "commune_old_split", "error",
     f"'Phường Bùi Hữu Nghĩa' là tên cũ trước 7/2025 ({OLD_BHN}), nay đã chia cho nhiều xã/phường: Phường Cái Khế, Phường Bình Thủy. Hãy ghi tên xã/phường mới.",
     f"'Phường Bùi Hữu Nghĩa' is a name from before July 2025 ({OLD_BHN}), now split between several communes/wards: Phường Cái Khế, Phường Bình Thủy. Please write the new commune/ward name."),
    (ASSIGN, 7, "integer_invalid", "warning",
     "Cần một số nguyên." + OPT["vi"], "A whole number is expected." + OPT["en"]),
    (AMB, 9, "date_no_such_day", "error",
     "Ngày '30/02/2025' không có trên lịch: tháng đó không có ngày này. Hãy kiểm tra lại ngày.",
     "The date '30/02/2025' does not exist: that month has no such day. Please check the day."),
    (AMB, 10, "phone_scientific", "error",
     "Excel đã đổi số điện thoại thành dạng khoa học ('*.*****680E8') nên đã mất chữ số. Hãy định dạng cột Số điện thoại là Văn bản (Text) rồi nhập lại số.",
     "Excel turned the phone number into scientific notation ('*.*****680E8'), so digits are lost. Format the phone column as Text and retype the number."),
    (AMB, 11, "commune_old_name", "warning",
     f"'Thị trấn Cờ Đỏ' là tên cũ trước 7/2025 ({OLD_CO_DO}); nay thuộc Xã Cờ Đỏ và được tính cho Xã Cờ Đỏ. Hãy sửa thành tên mới.",
     f"'Thị trấn Cờ Đỏ' is a name from before July 2025 ({OLD_CO_DO}); it is now part of Xã Cờ Đỏ and is counted there. Please write the new name."),
    (AMB, 12, "commune_old_split", "error",
     f"'Phường Bùi Hữu Nghĩa' là tên cũ trước 7/2025 ({OLD_BHN}), nay đã chia cho nhiều xã/phường: Phường Cái Khế, Phường Bình Thủy. Hãy ghi tên xã/phường mới.",
     f"'Phường Bùi Hữu Nghĩa' is a name from before July 2025 ({OLD_BHN}), now split between several communes/wards: Phường Cái Khế, Phường Bình Thủy. Please write the new commune/ward name."),
    (AMB, 13, "formula_uncomputed", "warning",
     "Ô A13 chứa công thức chưa có giá trị tính sẵn; đã đọc nội dung '=B2&\" \"&C2' như văn bản. Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại để công thức được tính.",
     "Cell A13 holds a formula with no computed value; its text '=B2&\" \"&C2' was read as typed. Open the file in Excel or LibreOffice and save it so the formula is computed."),
    (AMB, HIDDEN_ROW, "phone_bad_prefix", "error",
     "Đầu số không phải đầu số di động hiện hành của Việt Nam. (Dòng này đang bị ẩn.)",
     "Not a current Vietnamese mobile prefix. (This row is hidden.)"),
    (AMB, 15, "birth_year_invalid", "warning",
     "Không đọc được năm sinh." + OPT["vi"], "Unreadable birth year." + OPT["en"]),
    (TRAIN, 1, "header_near_miss", "warning",
     "Cột D có tiêu đề 'Nôi dug' không được nhận ra; có phải là cột Nội dung? Nếu đúng, hãy đổi tiêu đề thành 'Nội dung'.",
     "Column D, headed 'Nôi dug', is not recognised; is it the Nội dung column? If so, rename its header to 'Nội dung'."),
    (TRAIN, 2, "hours_out_of_range", "warning",
     "Số giờ phải lớn hơn 0 và không quá 24." + OPT["vi"],
     "Hours must be above 0 and at most 24." + OPT["en"]),
]  # fmt: skip


def _json(folder: Path, lang: str, province: str = "Cần Thơ") -> dict[str, Any]:
    config = write_messy(folder, lang, province)
    result = runner.invoke(
        app, ["validate", "--config", str(config), "--today", TODAY, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module", params=["vi", "en"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    lang = request.param
    return lang, _json(tmp_path_factory.mktemp(f"messy-{lang}"), lang)


def test_every_issue_is_the_one_expected(report: Any) -> None:
    """Title rows, own headers and dates as offices write them raise nothing else."""
    _, data = report
    got = {(i["tab"], i["row"], i["code"]) for i in data["issues"]}
    assert got == {(tab, row, code) for tab, row, code, *_ in EXPECTED}


@pytest.mark.parametrize(("tab", "row", "code", "severity", "vi", "en"), EXPECTED)
def test_exact_message_in_both_languages(
    report: Any, tab: str, row: int, code: str, severity: str, vi: str, en: str
) -> None:
    lang, data = report
    found = [i for i in data["issues"] if (i["tab"], i["row"], i["code"]) == (tab, row, code)]
    assert len(found) == 1
    assert found[0]["severity"] == severity
    assert found[0]["message"] == (en if lang == "en" else vi)


def test_counts_of_a_messy_sheet(report: Any) -> None:
    _, data = report
    teams = {t["team"]: t for t in data["teams"]}
    communes = {c["commune"]: c for c in data["communes"] if c["team"]}
    # "Chỉ tiêu giao" is the quota column; "nhiều" falls back to commune_quota (20).
    assert {name: c["quota"] for name, c in communes.items()} == {
        "Phường Ninh Kiều": 5, "Xã Cờ Đỏ": 3, "Phường Cái Khế": 4, "Xã Trường Long": 20,
    }  # fmt: skip
    # Ninh Kiều: five date forms accepted; Cờ Đỏ: the old name counted; Cái Khế: the formula
    # row (read as text) and the row whose birth year is unreadable.
    assert {name: c["count"] for name, c in communes.items()} == {
        "Phường Ninh Kiều": 5, "Xã Cờ Đỏ": 1, "Phường Cái Khế": 2, "Xã Trường Long": 0,
    }  # fmt: skip
    assert data["totals"]["ambassadors"] == 8
    assert data["totals"]["errors"] == 5 and data["totals"]["warnings"] == 8
    assert sum(t["expected"] for t in teams.values()) == 5 + 14


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "'xa thanh an' khớp với nhiều xã/phường: Xã Thanh An, Xã Thạnh An. Hãy ghi tên đầy đủ có dấu."),
        ("en", "'xa thanh an' matches several communes/wards: Xã Thanh An, Xã Thạnh An. Please write the full name with accents."),
    ],
)  # fmt: skip
def test_a_name_with_no_accents_that_fits_two_is_never_guessed(
    tmp_path: Path, lang: str, message: str
) -> None:
    config = write_messy(tmp_path, lang, "TP.HCM")
    book = load_workbook(tmp_path / "so-lieu.xlsx")
    book["Phân công"].append(["T01", "xa thanh an", 5])
    book.save(tmp_path / "so-lieu.xlsx")
    result = runner.invoke(
        app, ["validate", "--config", str(config), "--today", TODAY, "--format", "json"]
    )
    data = json.loads(result.stdout)
    found = [i for i in data["issues"] if i["tab"] == ASSIGN and i["row"] == 8]
    assert [(i["code"], i["severity"], i["message"]) for i in found] == [
        ("commune_ambiguous", "error", message)
    ]


def test_sync_keeps_the_deputy_and_counts_hamlets_typed_under_their_own_header(
    tmp_path: Path,
) -> None:
    config = write_messy(tmp_path, "vi")
    result = runner.invoke(app, ["sync", "--config", str(config), "--today", TODAY])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "so-lieu.xlsx")
    teams = {r[0]: r for r in book["Theo tổ"].iter_rows(min_row=2, values_only=True)}
    assert teams["T01"][1:3] == ("Lê Văn Trưởng", "Lê Thị Phó")  # TT, and TP with a bad email
    assert teams["T02"][1:3] == ("Trần Văn Trưởng", "Trần Thị Phó")  # Trưởng tổ, Phó tổ
    rows = list(book["Theo xã"].iter_rows(values_only=True))
    reached = rows[0].index("Số ấp/khu vực có đại sứ")
    communes = {r[0]: r for r in rows[1:]}
    assert communes["Phường Ninh Kiều"][reached] == 3  # hamlets typed under "Ấp/Khóm"
    assert communes["Xã Cờ Đỏ"][reached] == 1


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("vi", "· 5 dòng có lỗi (5 lỗi) · 8 dòng có cảnh báo (8 cảnh báo)"),
        ("en", "· 5 rows with errors (5 errors) · 8 rows with warnings (8 warnings)"),
    ],
)
def test_cli_labels_rows_and_issues(tmp_path: Path, lang: str, line: str) -> None:
    config = write_messy(tmp_path, lang)
    result = runner.invoke(app, ["validate", "--config", str(config), "--today", TODAY])
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith(line)
