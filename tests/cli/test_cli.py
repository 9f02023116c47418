"""Every command through typer's runner: exact messages and exit codes."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from sync.store.lock import lock_path_for, sync_lock
from tests.builders import small_campaign, write_config, write_workbook
from tests.google_helpers import invoke

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_workbook(tmp_path / "book.xlsx", small_campaign())
    write_config(tmp_path)
    return tmp_path


def test_bad_config_key_exits_2_naming_the_key(folder: Path) -> None:
    config = write_config(folder, extra="colour = 'red'\n")
    code, _, err = invoke("sync", "--config", str(config))
    assert code == 2
    assert err.strip() == (
        f"Khóa cấu hình không hợp lệ: worker.colour (trong {config} hoặc DAISUSO_WORKER__COLOUR)"
    )


def test_bad_config_value_from_environment_exits_2(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAISUSO_CAMPAIGN__PACE_TOLERANCE", "1.5")
    code, _, err = invoke("validate", "--config", str(folder / "daisuso.toml"))
    assert code == 2
    assert "campaign.pace_tolerance = '1.5'" in err
    assert "DAISUSO_CAMPAIGN__PACE_TOLERANCE" in err


def test_environment_overrides_a_key(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAISUSO_CAMPAIGN__TARGET", "4000")
    code, out, _ = invoke(
        "validate",
        "--config",
        str(folder / "daisuso.toml"),
        "--format",
        "json",
        "--today",
        "2025-11-10",
    )
    assert code == 0
    assert json.loads(out)["totals"]["target"] == 4000


def test_unknown_province_is_refused(folder: Path) -> None:
    config = folder / "daisuso.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"Cần Thơ"', '"Atlantis"'), encoding="utf-8"
    )
    code, _, err = invoke("validate", "--config", str(config))
    assert code == 2
    assert "campaign.province = 'Atlantis'" in err


def test_missing_config_file_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke("sync", "--config", str(tmp_path / "none.toml"))
    assert code == 2
    assert f"Không tìm thấy tệp cấu hình {tmp_path / 'none.toml'}" in err


def test_bad_today_exits_2(folder: Path) -> None:
    code, _, err = invoke(
        "validate", "--config", str(folder / "daisuso.toml"), "--today", "10/11/2025"
    )
    assert code == 2
    assert "--today phải có dạng YYYY-MM-DD, không phải '10/11/2025'" in err


def test_missing_tab_exits_3_naming_it(folder: Path) -> None:
    grids = small_campaign()
    del grids["Tập huấn"]
    write_workbook(folder / "book.xlsx", grids)
    code, _, err = invoke("sync", "--config", str(folder / "daisuso.toml"))
    assert code == 3
    assert err.splitlines()[0] == f"Thiếu tab 'Tập huấn' trong {folder / 'book.xlsx'}."


def test_missing_required_column_exits_3_naming_tab_and_column(folder: Path) -> None:
    grids = small_campaign()
    for row in grids["Đại sứ số"]:
        del row[3]  # Số điện thoại
    write_workbook(folder / "book.xlsx", grids)
    before = load_workbook(folder / "book.xlsx").sheetnames
    code, _, err = invoke("sync", "--config", str(folder / "daisuso.toml"))
    assert code == 3
    assert err.splitlines()[0] == (
        "Tab 'Đại sứ số' thiếu cột bắt buộc 'Số điện thoại' (tiêu đề được tìm trong 20 hàng đầu)."
    )
    assert load_workbook(folder / "book.xlsx").sheetnames == before  # nothing written


def test_missing_column_in_english(folder: Path) -> None:
    write_config(folder, lang="en")
    grids = small_campaign()
    for row in grids["Phân công"]:
        del row[1]
    write_workbook(folder / "book.xlsx", grids)
    code, _, err = invoke("validate", "--config", str(folder / "daisuso.toml"))
    assert code == 3
    assert err.splitlines()[0] == (
        "Tab 'Phân công' lacks the required column 'Xã/Phường' (headers are looked for in the first 20 rows)."
    )


def test_lock_held_exits_5_naming_the_holder(folder: Path) -> None:
    book = (folder / "book.xlsx").resolve()
    with sync_lock(lock_path_for(str(book), book.parent), now=datetime(2025, 11, 10, 8, 0)):
        code, _, err = invoke("sync", "--config", str(folder / "daisuso.toml"))
    assert code == 5
    assert err.startswith(
        f"Một lần đồng bộ khác đang giữ khóa (máy {socket.gethostname()}, pid {os.getpid()}, từ 2025-11-10T08:00:00)"
    )
    code, _, _ = invoke("sync", "--config", str(folder / "daisuso.toml"))
    assert code == 0  # released with the holder


def test_validate_json_has_the_contract_keys(folder: Path) -> None:
    code, out, _ = invoke(
        "validate",
        "--config",
        str(folder / "daisuso.toml"),
        "--format",
        "json",
        "--today",
        "2025-11-10",
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["today", "totals", "teams", "communes", "hamlets", "progress", "issues"]
    assert data["progress"][0] == {"date": "2025-10-15", "new": 0, "cumulative": 0, "expected": 0}
    assert len(data["progress"]) == 27  # 15/10 → 10/11
    assert {i["team"] for i in data["issues"]} <= {"T01", "T02", None}
    assert data["today"] == "2025-11-10"
    assert data["totals"] == {
        "target": 100,
        "quota": 34,
        "ambassadors": 8,
        "errors": 2,
        "warnings": 0,
    }
    assert data["teams"][0] == {
        "team": "T01",
        "quota": 24,
        "count": 7,
        "expected": 14,
        "status": "Chậm tiến độ",
    }
    assert len(data["communes"]) == 103
    cai_khe = next(c for c in data["communes"] if c["commune"] == "Phường Cái Khế")
    assert cai_khe == {
        "commune": "Phường Cái Khế",
        "code": 31120,
        "team": "T01",
        "quota": 4,
        "count": 4,
        "status": "Đạt",
    }
    assert data["issues"][0]["tab"] == "Đại sứ số"
    assert data["issues"][0]["row"] == 5
    assert data["issues"][0]["column"] == "Số điện thoại"
    assert data["issues"][0]["severity"] == "error"
    assert data["issues"][0]["code"] == "phone_duplicate"
    assert "0912000001" not in out and "*******001" in out


def test_validate_show_personal_data(folder: Path) -> None:
    _, out, _ = invoke("validate", "--config", str(folder / "daisuso.toml"), "--show-personal-data")
    assert "0912000001" in out


def test_validate_text_masks_phones_and_writes_nothing(folder: Path) -> None:
    before = (folder / "book.xlsx").read_bytes()
    code, out, _ = invoke(
        "validate", "--config", str(folder / "daisuso.toml"), "--today", "2025-11-10"
    )
    assert code == 0
    assert "Đại sứ số · dòng 5 · Số điện thoại · Lỗi [phone_duplicate] «*******001»" in out
    assert "0912000001" not in out
    assert (folder / "book.xlsx").read_bytes() == before


def test_dry_run_writes_nothing(folder: Path) -> None:
    before = (folder / "book.xlsx").read_bytes()
    code, out, _ = invoke(
        "sync", "--config", str(folder / "daisuso.toml"), "--dry-run", "--today", "2025-11-10"
    )
    assert code == 0
    assert "Theo xã: 103 dòng / rows" in out
    assert "Nhật ký: +1 dòng / rows" in out
    assert (folder / "book.xlsx").read_bytes() == before


def test_init_creates_missing_tabs_and_is_idempotent(tmp_path: Path) -> None:
    config = write_config(tmp_path, workbook="new.xlsx")
    code, out, _ = invoke("init", "--config", str(config))
    assert code == 0, out
    names = load_workbook(tmp_path / "new.xlsx").sheetnames
    assert names[:5] == ["Tổ", "Phân công", "Ấp - Khu vực", "Đại sứ số", "Tập huấn"]
    assert {"Tổng hợp", "Theo tổ", "Theo xã", "Cảnh báo", "Lỗi dữ liệu", "Nhật ký"} <= set(names)
    assert [c.value for c in load_workbook(tmp_path / "new.xlsx")["Tập huấn"][1]] == [
        "Ngày", "Mã tổ", "Xã/Phường", "Nội dung", "Số người tham dự", "Số giờ",
    ]  # fmt: skip
    before = (tmp_path / "new.xlsx").read_bytes()
    code, out, _ = invoke("init", "--config", str(config))
    assert code == 0
    assert "Đã tạo tab / tabs created: —" in out
    assert (tmp_path / "new.xlsx").read_bytes() == before


def test_init_never_touches_existing_data(folder: Path) -> None:
    before = {
        ws.title: [[c.value for c in r] for r in ws.iter_rows()]
        for ws in load_workbook(folder / "book.xlsx")
    }
    code, _, _ = invoke("init", "--config", str(folder / "daisuso.toml"))
    assert code == 0
    after = load_workbook(folder / "book.xlsx")
    for title, cells in before.items():
        assert [[c.value for c in r] for r in after[title].iter_rows()] == cells


def test_doctor_all_good(folder: Path) -> None:
    code, out, _ = invoke("doctor", "--config", str(folder / "daisuso.toml"))
    assert code == 0, out
    assert out.splitlines()[-1] == "Mọi thứ sẵn sàng."
    assert "✓ Tab 'Đại sứ số' có đủ cột bắt buộc" in out


def test_doctor_names_what_to_fix(folder: Path) -> None:
    grids = small_campaign()
    del grids["Tổ"]
    write_workbook(folder / "book.xlsx", grids)
    code, out, _ = invoke("doctor", "--config", str(folder / "daisuso.toml"))
    assert code == 3
    assert "✗ Thiếu tab 'Tổ' → chạy `daisuso init`" in out


def test_doctor_missing_workbook(tmp_path: Path) -> None:
    config = write_config(tmp_path, workbook="absent.xlsx")
    code, out, _ = invoke("doctor", "--config", str(config))
    assert code == 3
    assert "Chạy `daisuso init` để tạo" in out


def test_demo_writes_workbook_config_and_syncs(tmp_path: Path) -> None:
    code, out, err = invoke("demo", str(tmp_path / "d"), "--today", "2025-11-10")
    assert code == 0, err
    assert "Đại sứ số hợp lệ:" in out
    names = load_workbook(tmp_path / "d" / "dai-su-so-demo.xlsx").sheetnames
    assert "Theo tổ" in names and "Nhật ký" in names
    code, out, _ = invoke(
        "validate",
        "--config",
        str(tmp_path / "d" / "daisuso.toml"),
        "--format",
        "json",
        "--today",
        "2025-11-10",
    )
    data = json.loads(out)
    assert len(data["teams"]) == 40 and len(data["communes"]) == 103
    statuses = {t["status"] for t in data["teams"]}
    assert {"Đạt", "Đúng tiến độ", "Chậm tiến độ"} <= statuses
    assert 1800 <= data["totals"]["ambassadors"] <= 1950
    code, _, err = invoke("demo", str(tmp_path / "d"))
    assert code == 2 and "--force" in err


def test_demo_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert invoke("demo", str(tmp_path / name), "--today", "2025-11-10", "--seed", "7")[0] == 0
    out_a = invoke(
        "validate",
        "--config",
        str(tmp_path / "a" / "daisuso.toml"),
        "--format",
        "json",
        "--today",
        "2025-11-10",
    )[1]
    out_b = invoke(
        "validate",
        "--config",
        str(tmp_path / "b" / "daisuso.toml"),
        "--format",
        "json",
        "--today",
        "2025-11-10",
    )[1]
    assert out_a == out_b


def test_no_command_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "demo" in result.output and "validate" in result.output
