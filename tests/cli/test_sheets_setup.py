"""Config, init, layout and snapshot counts as issue #10 asks, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from tests.cli.messy import TODAY, write_messy

runner = CliRunner()
HEAD = '[spreadsheet]\npath = "so-lieu.xlsx"\n\n[campaign]\n{line}\n\n[worker]\nlang = "{lang}"\n'


def _config(folder: Path, line: str, lang: str) -> Path:
    write_messy(folder, lang)
    config = folder / "daisuso.toml"
    config.write_text(HEAD.format(line=line, lang=lang), encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("line", "lang", "message"),
    [
        ("target = 2.000", "vi",
         "Giá trị cấu hình không hợp lệ: campaign.target = 2.0: cần một số nguyên viết liền, không có dấu chấm: "
         "TOML đọc 2.000 là số thập phân 2.0. Nếu ý là 2000, hãy viết 2000."),
        ("target = 2.000", "en",
         "Bad config value campaign.target = 2.0: a whole number written without separators is expected: "
         "TOML reads 2.000 as the decimal 2.0. If you mean 2000, write 2000."),
        ('province = "Hậu Giang"', "vi",
         "Giá trị cấu hình không hợp lệ: campaign.province = 'Hậu Giang': Tỉnh Hậu Giang đã sáp nhập vào "
         'Thành phố Cần Thơ từ 7/2025; hãy ghi province = "Thành phố Cần Thơ"'),
        ('province = "Sóc Trăng"', "en",
         "Bad config value campaign.province = 'Sóc Trăng': Tỉnh Sóc Trăng was merged into Thành phố Cần Thơ "
         'in July 2025; write province = "Thành phố Cần Thơ"'),
        ("team_size = 0", "en", "Bad config value campaign.team_size = 0: must be at least 1"),
        ("team_size = 0", "vi",
         "Giá trị cấu hình không hợp lệ: campaign.team_size = 0: phải lớn hơn hoặc bằng 1"),
    ],
)  # fmt: skip
def test_bad_config_is_refused_in_the_configured_language(
    tmp_path: Path, line: str, lang: str, message: str
) -> None:
    config = _config(tmp_path, line, lang)
    result = runner.invoke(app, ["validate", "--config", str(config), "--today", TODAY])
    assert result.exit_code == 2
    assert result.stderr.startswith(message + " (")
    assert ("Input should" not in result.stderr) and ("Value error" not in result.stderr)


@pytest.mark.parametrize(
    ("typed", "ward"),
    [
        ("TP. Cần Thơ", "Phường Ninh Kiều"),
        ("TP.HCM", "Phường Sài Gòn"),
        ("TPHCM", "Phường Sài Gòn"),
        ("HCM", "Phường Sài Gòn"),
        ("Sài Gòn", "Phường Sài Gòn"),
        ("Huế", "Phường Thuận Hóa"),
    ],
)
def test_province_aliases_are_accepted(tmp_path: Path, typed: str, ward: str) -> None:
    config = _config(tmp_path, f'province = "{typed}"', "vi")
    result = runner.invoke(
        app, ["validate", "--config", str(config), "--today", TODAY, "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert ward in {c["commune"] for c in json.loads(result.stdout)["communes"]}


def test_title_rows_and_own_headers_are_not_a_layout_problem(tmp_path: Path) -> None:
    config = write_messy(tmp_path, "vi")
    result = runner.invoke(app, ["validate", "--config", str(config), "--today", TODAY])
    assert result.exit_code == 0  # was exit 3, every required column "missing"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", [
            "Tab 'Đại sứ số' thiếu cột bắt buộc 'Số điện thoại' (tiêu đề được tìm trong 20 hàng đầu). "
            "Cột C có tiêu đề 'Sô điên thoi': có phải là cột này? Nếu đúng, hãy đổi tiêu đề thành 'Số điện thoại'.",
            "Hãy đặt tiêu đề các cột còn thiếu như trong bảng tính mẫu (tiếng Việt hoặc tiếng Anh, có hay không dấu đều được).",
        ]),
        ("en", [
            "Tab 'Đại sứ số' lacks the required column 'Số điện thoại' (headers are looked for in the first 20 rows). "
            "Column C is headed 'Sô điên thoi': is it this column? If so, rename its header to 'Số điện thoại'.",
            "Give the missing columns the contract's headers (Vietnamese or English, with or without accents).",
        ]),
    ],
)  # fmt: skip
def test_a_missing_column_names_the_header_it_may_be(
    tmp_path: Path, lang: str, expected: list[str]
) -> None:
    config = write_messy(tmp_path, lang)
    book = load_workbook(tmp_path / "so-lieu.xlsx")
    book["Đại sứ số"]["C3"] = "Sô điên thoi"
    book.save(tmp_path / "so-lieu.xlsx")
    result = runner.invoke(app, ["validate", "--config", str(config), "--today", TODAY])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == expected


def test_snapshots_count_data_rows_not_headers(tmp_path: Path) -> None:
    config = write_messy(tmp_path, "vi")
    book = load_workbook(tmp_path / "so-lieu.xlsx")
    del book["Tập huấn"]
    book.create_sheet("Tập huấn").append(["Ngày", "Mã tổ", "Xã/Phường", "Số người tham dự"])
    book.save(tmp_path / "so-lieu.xlsx")
    assert runner.invoke(app, ["sync", "--config", str(config), "--today", TODAY]).exit_code == 0
    result = runner.invoke(app, ["snapshots", "--config", str(config)])
    counts = result.stdout.strip().splitlines()[-1].split("  ")[-1]
    assert counts == "Tổ: 10, Phân công: 5, Đại sứ số: 12, Tập huấn: 0"


@pytest.mark.parametrize(
    ("args", "toml_lines"),
    [
        (["--province", "TP. Cần Thơ", "--path", "so-lieu.xlsx"],
         ['path = "so-lieu.xlsx"', 'province = "Thành phố Cần Thơ"']),
        (["--province", "Huế"], ['path = "dai-su-so.xlsx"', 'province = "Thành phố Huế"']),
    ],
)  # fmt: skip
def test_init_in_an_empty_folder_writes_a_starter_config_and_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], toml_lines: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", *args])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "daisuso.toml").read_text(encoding="utf-8")
    assert all(line in text.splitlines() for line in toml_lines)
    workbook = tmp_path / toml_lines[0].split('"')[1]
    book = load_workbook(workbook)
    assert "Danh mục" in book.sheetnames
    assert runner.invoke(app, ["validate", "--today", TODAY]).exit_code == 0


def test_init_refuses_a_merged_province_naming_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--province", "Hậu Giang", "--lang", "en"])
    assert result.exit_code == 2
    assert "Tỉnh Hậu Giang was merged into Thành phố Cần Thơ" in result.stderr
    assert not (tmp_path / "daisuso.toml").exists()


def test_xlsx_init_adds_the_same_drop_downs_as_google(tmp_path: Path) -> None:
    config = write_messy(tmp_path, "vi")
    assert runner.invoke(app, ["init", "--config", str(config)]).exit_code == 0
    book = load_workbook(tmp_path / "so-lieu.xlsx")
    lists = book["Danh mục"]
    assert [c.value for c in lists[1]] == ["Mã tổ", "Xã/Phường", "Vai trò"]
    assert [lists.cell(row=r, column=1).value for r in (2, 3)] == ["T01", "T02"]
    assert lists.max_row == 104  # 103 communes and wards of Cần Thơ
    found = {
        (tab, str(dv.sqref), dv.formula1)
        for tab in ("Tổ", "Phân công", "Đại sứ số", "Tập huấn")
        for dv in book[tab].data_validations.dataValidation
    }
    assert found == {
        ("Tổ", "B5:B1048576", "'Danh mục'!$A$2:$A$3"),
        ("Tổ", "D5:D1048576", "'Danh mục'!$C$2:$C$4"),
        ("Phân công", "A3:A1048576", "'Danh mục'!$A$2:$A$3"),
        ("Phân công", "B3:B1048576", "'Danh mục'!$B$2:$B$104"),
        ("Đại sứ số", "D4:D1048576", "'Danh mục'!$B$2:$B$104"),
        ("Đại sứ số", "F4:F1048576", "'Danh mục'!$A$2:$A$3"),
        ("Tập huấn", "B2:B1048576", "'Danh mục'!$A$2:$A$3"),
        ("Tập huấn", "C2:C1048576", "'Danh mục'!$B$2:$B$104"),
    }


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("vi", ["⚠ Tab 'Tập huấn': cột D 'Nôi dug' không được nhận ra; có phải là cột Nội dung? → đổi tiêu đề thành 'Nội dung'",
                "Đồng bộ được, nhưng hãy xem các cảnh báo ở trên."]),
        ("en", ["⚠ Tab 'Tập huấn': column D 'Nôi dug' is not recognised; is it Nội dung? → rename its header to 'Nội dung'",
                "Syncs, but see the warnings above."]),
    ],
)  # fmt: skip
def test_doctor_names_a_header_it_does_not_recognise(
    tmp_path: Path, lang: str, lines: list[str]
) -> None:
    config = write_messy(tmp_path, lang)
    result = runner.invoke(app, ["doctor", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-2:] == lines
