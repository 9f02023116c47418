"""Nothing lost: snapshots, restore, the mass-deletion guard and the empty-read guard (xlsx)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from sync.store.snapshots import SnapshotStore
from tests.builders import small_campaign, write_config, write_workbook

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_workbook(tmp_path / "book.xlsx", small_campaign())
    write_config(tmp_path)
    return tmp_path


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--config", str(folder / "daisuso.toml")])
    return result.exit_code, result.stdout, result.stderr


def sync(folder: Path, *extra: str) -> tuple[int, str, str]:
    return run(folder, "sync", "--today", "2025-11-10", *extra)


def snapshot_names(folder: Path) -> list[str]:
    code, out, _ = run(folder, "snapshots")
    assert code == 0
    return [line.split()[0] for line in out.splitlines() if line[:8].isdigit()]


def test_a_snapshot_per_change_of_entry_data(folder: Path) -> None:
    assert run(folder, "snapshots")[1].strip() == "Chưa có bản lưu nào. / No snapshots yet."
    assert sync(folder)[0] == 0
    assert len(snapshot_names(folder)) == 1
    assert sync(folder)[0] == 0  # same data: no new snapshot
    assert len(snapshot_names(folder)) == 1
    grids = small_campaign()
    grids["Đại sứ số"].append(
        [
            "Người Mới",
            1991,
            "Nam",
            "0915000009",
            "Phường Cái Khế",
            None,
            None,
            "T01",
            "01/11/2025",
            None,
        ]
    )
    write_workbook(folder / "book.xlsx", grids)
    assert sync(folder)[0] == 0
    names = snapshot_names(folder)
    assert len(names) == 2
    assert "Đại sứ số: 11" in run(folder, "snapshots")[1].splitlines()[-1]  # data rows, no header


def test_restore_exports_rows_a_team_deleted(folder: Path) -> None:
    assert sync(folder)[0] == 0
    name = snapshot_names(folder)[0]
    grids = small_campaign()
    grids["Đại sứ số"] = grids["Đại sứ số"][:2]  # a team deletes almost everything
    write_workbook(folder / "book.xlsx", grids)
    live_before = (folder / "book.xlsx").read_bytes()
    code, _, err = run(folder, "restore", name, "--to", str(folder / "back.xlsx"))
    assert code == 0, err
    assert (folder / "book.xlsx").read_bytes() == live_before  # the live workbook is never written
    restored = load_workbook(folder / "back.xlsx")
    rows = list(restored["Đại sứ số"].iter_rows(values_only=True))
    assert len(rows) == 11
    assert rows[9][0] == '=HYPERLINK("http://x")'
    assert restored["Đại sứ số"]["A10"].data_type == "s"
    assert rows[1][8] == datetime(2025, 10, 20)


def test_restore_refuses_the_live_workbook_and_unknown_names(folder: Path) -> None:
    assert sync(folder)[0] == 0
    name = snapshot_names(folder)[0]
    code, _, err = run(folder, "restore", name, "--to", str(folder / "book.xlsx"))
    assert code == 2 and "--to không được là bảng tính đang dùng" in err
    code, _, err = run(folder, "restore", "nope", "--to", str(folder / "x.xlsx"))
    assert code == 2 and "Không có bản lưu 'nope'" in err
    code, _, err = run(folder, "restore", name, "--to", str(folder / "x.csv"))
    assert code == 2


def test_mass_deletion_adds_a_warning_naming_tab_rows_and_snapshot(folder: Path) -> None:
    assert sync(folder)[0] == 0
    holding = snapshot_names(folder)[0]
    grids = small_campaign()
    grids["Đại sứ số"] = grids["Đại sứ số"][:4]  # 10 rows → 3 rows
    write_workbook(folder / "book.xlsx", grids)
    code, _, err = sync(folder)
    assert code == 0, err  # the sync still runs
    alerts = list(load_workbook(folder / "book.xlsx")["Cảnh báo"].iter_rows(values_only=True))
    loss = [r for r in alerts if r[5] and "mất 7 dòng" in str(r[5])]  # `Nội dung`
    assert loss, alerts
    assert loss[0] == alerts[1]  # loss alerts come first of all
    assert loss[0][0] == "Cao"
    assert "Tab 'Đại sứ số' mất 7 dòng kể từ lần đồng bộ trước (10 → 3)" in loss[0][5]
    assert holding in loss[0][5]


def test_small_deletions_do_not_warn(folder: Path) -> None:
    assert sync(folder)[0] == 0
    grids = small_campaign()
    grids["Đại sứ số"] = grids["Đại sứ số"][:-1]  # 1 of 10 rows: under 20 %
    write_workbook(folder / "book.xlsx", grids)
    assert sync(folder)[0] == 0
    alerts = list(load_workbook(folder / "book.xlsx")["Cảnh báo"].iter_rows(values_only=True))
    assert not [r for r in alerts if "mất" in str(r[5])]


def test_empty_read_stops_the_sync_and_keeps_summaries(folder: Path) -> None:
    assert sync(folder)[0] == 0
    summaries_before = {
        t: list(load_workbook(folder / "book.xlsx")[t].iter_rows(values_only=True))
        for t in ("Theo tổ", "Theo xã")
    }
    grids = small_campaign()
    grids["Đại sứ số"] = []
    write_workbook(folder / "book.xlsx", grids)
    code, _, err = sync(folder)
    assert code == 3
    assert err.splitlines()[0].startswith(
        "Tab 'Đại sứ số' đọc ra trống hoàn toàn, trong khi lần đồng bộ trước có 10 dòng; không ghi đè các tab tổng hợp."
    )
    # the layout-problem sync wrote nothing: the workbook is the one we wrote, without summaries
    assert "Theo tổ" not in load_workbook(folder / "book.xlsx").sheetnames
    write_workbook(folder / "book.xlsx", grids)
    code, _, err = sync(folder, "--force")
    assert code == 0, err
    by_team = list(load_workbook(folder / "book.xlsx")["Theo tổ"].iter_rows(values_only=True))
    assert by_team[1][5] == 0 and by_team != summaries_before["Theo tổ"]


def test_failed_sync_is_logged_once_the_sheet_is_reachable(folder: Path) -> None:
    assert sync(folder)[0] == 0
    grids = small_campaign()
    del grids["Tập huấn"]
    good = (folder / "book.xlsx").read_bytes()
    write_workbook(folder / "book.xlsx", grids)
    assert sync(folder)[0] == 3
    (folder / "book.xlsx").write_bytes(good)
    assert sync(folder)[0] == 0
    log = list(load_workbook(folder / "book.xlsx")["Nhật ký"].iter_rows(values_only=True))
    assert [r[1] for r in log[1:]] == ["Thành công", "Thất bại", "Thành công"]
    assert "Thiếu tab 'Tập huấn'" in str(log[2][6])


def test_snapshots_older_than_retention_are_pruned(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, retention_days=30)
    start = datetime(2025, 10, 1, 8, 0)
    for day in range(0, 40, 5):
        store.save({"Tổ": [["Mã tổ"], [f"T{day:02d}"]]}, start + timedelta(days=day), "book")
    kept = [s.taken for s in store.all()]
    assert kept[0] >= start + timedelta(days=35 - 30)
    assert kept[-1] == start + timedelta(days=35)
    assert store.load(store.all()[-1].name)["Tổ"][1] == ["T35"]
