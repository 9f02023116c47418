"""The CLI on `backend = "google"`, against the Sheets emulator: exact messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rules.contract import ENTRY_TABS as ENTRY_SPECS
from rules.contract import SUMMARY_LAYOUT
from sync.adapters.google.backend import GoogleBackend
from sync.bootstrap import build_backend
from sync.config import load_settings
from tests.builders import small_campaign, write_config, write_workbook
from tests.google_helpers import (
    EMAIL,
    ENTRY_TABS,
    KEY,
    LOG_TAB,
    SUMMARY_TABS,
    TODAY,
    calls,
    google_config,
    invoke,
    seedable,
    write_key_file,
)
from tests.plugins.emulator import EmulatorHandle

LIST_TAB = "Danh mục"
NO_ACCESS = (
    "Không có quyền truy cập bảng tính. Hãy chia sẻ bảng tính (quyền Người chỉnh sửa) cho {who}. "
    "(Google: The caller does not have permission)"
)


@pytest.fixture
def emu(sheets_emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch) -> EmulatorHandle:
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", sheets_emulator.host)
    return sheets_emulator


@pytest.fixture
def seeded(emu: EmulatorHandle, tmp_path: Path) -> Path:
    """The small campaign in the emulator; returns the config path."""
    write_workbook(tmp_path / "seed.xlsx", small_campaign())
    emu.seed_xlsx(tmp_path / "seed.xlsx", KEY)
    (tmp_path / "seed.xlsx").unlink()
    emu.clear_requests()
    return google_config(tmp_path)


def sync(config: Path, *args: str) -> tuple[int, str, str]:
    return invoke("sync", "--config", str(config), "--today", TODAY, *args)


# --- init ---------------------------------------------------------------------------------


def test_init_creates_every_tab_then_sends_nothing(emu: EmulatorHandle, tmp_path: Path) -> None:
    emu.seed(KEY, {})  # a new, empty spreadsheet (one default sheet)
    config = google_config(tmp_path)
    emu.clear_requests()
    code, out, err = invoke("init", "--config", str(config))
    assert code == 0, (out, err)
    created = [*(spec.title for spec in ENTRY_SPECS), *(title for title, _ in SUMMARY_LAYOUT)]
    assert out.splitlines()[0] == "Đã tạo tab / tabs created: " + ", ".join([LIST_TAB, *created])
    tabs = emu.values(KEY)
    assert set(created) | {LIST_TAB} <= set(tabs)
    for spec in ENTRY_SPECS:
        assert tabs[spec.title][0] == list(spec.headers), spec.title
    assert tabs["Theo tổ"][0][0] == "Mã tổ"
    assert tabs["Ấp - Khu vực"][0] == ["Xã/Phường", "Ấp/Khu vực", "Chỉ tiêu"]
    assert tabs["Theo ấp"][0][:2] == ["Xã/Phường", "Ấp/Khu vực"]
    lists = tabs[LIST_TAB]
    assert lists[0] == ["Mã tổ", "Xã/Phường", "Vai trò"]
    assert len(lists) == 1 + 103  # every commune/ward of Cần Thơ
    assert [row[2] for row in lists[1:4]] == ["Tổ trưởng", "Tổ phó", "Thành viên"]
    assert calls(emu.requests()).count("batchUpdate") == 1

    emu.clear_requests()
    code, out, err = invoke("init", "--config", str(config))
    assert code == 0, (out, err)
    assert out.splitlines()[0] == "Đã tạo tab / tabs created: —"
    log = calls(emu.requests())
    assert "batchUpdate" not in log, log
    assert emu.values(KEY) == tabs

    # The tabs init made are a layout a sync accepts.
    code, out, err = sync(config)
    assert code == 0, (out, err)


def test_init_never_touches_existing_entry_data(emu: EmulatorHandle, seeded: Path) -> None:
    before = emu.values(KEY)
    code, out, err = invoke("init", "--config", str(seeded))
    assert code == 0, (out, err)
    after = emu.values(KEY)
    for tab in ENTRY_TABS:
        assert after[tab] == before[tab], tab
    assert {LIST_TAB, *SUMMARY_TABS, LOG_TAB} <= set(after)
    team_list = [row[0] for row in after[LIST_TAB][1:] if row and row[0]]
    assert team_list[:2] == ["T01", "T02"]  # Mã tổ drop-down offers the codes already typed


# --- validate -------------------------------------------------------------------------------


def test_validate_json_is_the_same_as_on_xlsx(
    emu: EmulatorHandle, seeded: Path, tmp_path: Path
) -> None:
    json_args = ("--today", TODAY, "--format", "json")
    code, out, err = invoke("validate", "--config", str(seeded), *json_args)
    assert code == 0, err
    report = json.loads(out)
    assert report["today"] == TODAY
    assert report["totals"] == {
        "target": 100,
        "quota": 34,
        "ambassadors": 8,
        "errors": 2,
        "warnings": 0,
    }
    assert "batchUpdate" not in calls(emu.requests())  # validate writes nothing

    xlsx = tmp_path / "x"
    xlsx.mkdir()
    write_workbook(xlsx / "book.xlsx", small_campaign())
    write_config(xlsx)
    code, out_x, err = invoke("validate", "--config", str(xlsx / "daisuso.toml"), *json_args)
    assert code == 0, err
    assert json.loads(out_x) == report


# --- doctor ---------------------------------------------------------------------------------


def test_doctor_passes_and_names_every_check(emu: EmulatorHandle, seeded: Path) -> None:
    key = write_key_file(seeded.parent / "credentials.json")
    code, out, err = invoke("doctor", "--config", str(seeded))
    assert code == 0, (out, err)
    assert out.splitlines() == [
        f"✓ Cấu hình {seeded} hợp lệ",
        f"✓ Tệp khóa {key}",
        f"✓ E-mail cần được chia sẻ bảng tính: {EMAIL}",
        "✓ Truy cập bảng tính",
        f"✓ Quyền của tệp khóa {key}",
        f"✓ Thư mục trạng thái {seeded.parent / '.daisuso'} ghi được",
        f"✓ Mở được bảng tính Google Sheets {KEY} @ {emu.host}",
        "✓ Tab 'Tổ' có đủ cột bắt buộc",
        "✓ Tab 'Phân công' có đủ cột bắt buộc",
        "• Chưa có tab 'Ấp - Khu vực' (không bắt buộc; `daisuso init` sẽ tạo)",
        "✓ Tab 'Đại sứ số' có đủ cột bắt buộc",
        "✓ Tab 'Tập huấn' có đủ cột bắt buộc",
        "Mọi thứ sẵn sàng.",
    ]
    assert "batchUpdate" not in calls(emu.requests())


def test_doctor_passes_without_a_key_file_on_the_emulator(
    emu: EmulatorHandle, seeded: Path
) -> None:
    code, out, err = invoke("doctor", "--config", str(seeded))
    assert code == 0, (out, err)
    assert "✗" not in out


def test_absent_default_key_file_means_application_default_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    settings = load_settings(google_config(tmp_path))
    backend, _ = build_backend(settings, {})
    assert isinstance(backend, GoogleBackend)
    assert backend.credentials_path is None


# --- access and layout failures ---------------------------------------------------------------


def test_private_spreadsheet_exits_4_asking_to_share_it(emu: EmulatorHandle, seeded: Path) -> None:
    emu.set_private(KEY)
    before = emu.values(KEY)
    code, out, err = sync(seeded)
    assert code == 4
    # Anonymous emulator credentials: no client_email to name.
    assert err.strip() == NO_ACCESS.format(who="tài khoản dịch vụ")
    assert emu.values(KEY) == before
    assert "batchUpdate" not in calls(emu.requests())

    # The failed sync is logged by the next one that can write, before its own row.
    emu.set_private(KEY, False)
    code, out, err = sync(seeded)
    assert code == 0, (out, err)
    log = emu.values(KEY)[LOG_TAB]
    assert [row[1] for row in log[1:]] == ["Thất bại", "Thành công"]
    assert log[1][6] == NO_ACCESS.format(who="tài khoản dịch vụ")


def test_private_spreadsheet_names_the_key_files_email(emu: EmulatorHandle, seeded: Path) -> None:
    write_key_file(seeded.parent / "credentials.json")
    emu.set_private(KEY)
    code, _, err = sync(seeded)
    assert code == 4
    assert err.strip() == NO_ACCESS.format(who=EMAIL)


def test_unknown_key_exits_4_saying_to_check_the_key(emu: EmulatorHandle, seeded: Path) -> None:
    config = google_config(seeded.parent, key="1NoSuchSpreadsheet")
    code, _, err = sync(config)
    assert code == 4
    assert err.strip() == (
        "Không tìm thấy bảng tính có khóa '1NoSuchSpreadsheet'. Hãy kiểm tra lại khóa trong URL."
    )
    code, _, err = invoke("validate", "--config", str(config))
    assert code == 4


def test_unknown_key_in_english(emu: EmulatorHandle, seeded: Path) -> None:
    config = google_config(seeded.parent, key="1NoSuchSpreadsheet")
    config.write_text(
        config.read_text(encoding="utf-8").replace('lang = "vi"', 'lang = "en"'), encoding="utf-8"
    )
    code, _, err = sync(config)
    assert code == 4
    assert err.strip() == "Spreadsheet '1NoSuchSpreadsheet' not found: check the key from its URL."


def test_missing_entry_tab_exits_3_naming_it(emu: EmulatorHandle, tmp_path: Path) -> None:
    grids = small_campaign()
    del grids["Tập huấn"]
    emu.seed(KEY, seedable(grids))
    config = google_config(tmp_path)
    emu.clear_requests()
    code, _, err = sync(config)
    assert code == 3
    assert err.splitlines() == [
        f"Thiếu tab 'Tập huấn' trong Google Sheets {KEY} @ {emu.host}.",
        "Chạy `daisuso init` để tạo các tab và tiêu đề còn thiếu.",
    ]
    assert "batchUpdate" not in calls(emu.requests())
    assert set(emu.values(KEY)) == {"Tổ", "Phân công", "Đại sứ số"}


def test_missing_required_column_on_google_exits_3(emu: EmulatorHandle, tmp_path: Path) -> None:
    grids = small_campaign()
    for row in grids["Đại sứ số"]:
        del row[3]  # Số điện thoại
    write_workbook(tmp_path / "seed.xlsx", grids)
    emu.seed_xlsx(tmp_path / "seed.xlsx", KEY)
    code, _, err = sync(google_config(tmp_path))
    assert code == 3
    assert err.splitlines()[0] == (
        "Tab 'Đại sứ số' thiếu cột bắt buộc 'Số điện thoại' (tiêu đề được tìm trong 20 hàng đầu)."
    )


def test_dry_run_sends_no_batch_update(emu: EmulatorHandle, seeded: Path) -> None:
    before = emu.values(KEY)
    code, out, err = sync(seeded, "--dry-run")
    assert code == 0, (out, err)
    assert calls(emu.requests()) == ["get", "batchGet"]
    assert emu.values(KEY) == before
    lines = out.splitlines()
    assert "Theo xã: 103 dòng / rows" in lines
    assert f"{LOG_TAB}: +1 dòng / rows" in lines
    assert lines[-1].startswith("Đại sứ số hợp lệ: 8/100")


def test_configured_key_file_that_does_not_exist_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No emulator: real credentials are needed. Any request would fail fast, not reach Google.
    monkeypatch.delenv("SHEETS_EMULATOR_HOST", raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("DAISUSO_GOOGLE__MAX_ATTEMPTS", "1")
    config = google_config(tmp_path)
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            f'key = "{KEY}"', f'key = "{KEY}"\ncredentials = "keys/daisuso-sa.json"'
        ),
        encoding="utf-8",
    )
    code, out, err = sync(config)
    assert code == 2, (out, err)
    path = tmp_path / "keys" / "daisuso-sa.json"
    assert err.strip() == f"Không tìm thấy tệp khóa tài khoản dịch vụ '{path}'."


def test_a_refused_write_leaves_every_tab_as_it_was(
    emu: EmulatorHandle, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = sync(seeded)
    assert code == 0, (out, err)
    before = emu.values(KEY)
    monkeypatch.setenv("DAISUSO_GOOGLE__MAX_ATTEMPTS", "1")
    emu.fault(r"^POST .*:batchUpdate$", status=503)
    emu.clear_requests()
    code, _, err = sync(seeded)
    assert code == 4
    assert err.startswith("Không kết nối được Google Sheets sau 1 lần thử"), err
    assert calls(emu.requests()) == ["batchGet", "batchUpdate"]  # the layout remembered
    assert emu.values(KEY) == before
    emu.clear_faults()
    emu.clear_requests()
    assert sync(seeded)[0] == 0
    assert calls(emu.requests()) == ["get", "batchGet", "batchUpdate"]  # forgotten on failure
