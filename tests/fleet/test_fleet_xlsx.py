"""`daisuso fleet` on local workbooks: members and roll-up as .xlsx, through the CLI."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from sync.cli.app import app
from tests.builders import small_campaign, write_config, write_workbook


def make(folder: Path, n: int) -> Path:
    for i in range(n):
        where = folder / "members" / f"m{i}"
        where.mkdir(parents=True)
        write_workbook(where / "book.xlsx", small_campaign())
        write_config(where)
    write_workbook(folder / "rollup.xlsx", {"Sheet": [["x"]]})
    path = folder / "fleet.toml"
    path.write_text(
        'members = ["members/*/daisuso.toml", "members/gone/daisuso.toml"]\n'
        '[rollup]\nbackend = "xlsx"\npath = "rollup.xlsx"\n',
        encoding="utf-8",
    )
    return path


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rollup(folder: Path) -> list[tuple[object, ...]]:
    sheet = load_workbook(folder / "rollup.xlsx")["Toàn bộ"]
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def test_fleet_sync_and_status_on_workbooks(tmp_path: Path) -> None:
    path = make(tmp_path, 3)
    code, out, err = cli("fleet", "sync", "--fleet", str(path), "--today", "2025-11-10")
    assert code == 2, (out, err)  # the missing member's config: exit 2, after trying all
    assert "3/4" in out and "members/gone" in err
    rows = rollup(tmp_path)
    assert [r[0] for r in rows] == [
        "Đơn vị",
        "members/m0",
        "members/m1",
        "members/m2",
        "members/gone",
        "Tổng cộng",
    ]
    assert rows[1][13] == "Thành công" and rows[1][5] == 8
    assert str(rows[4][13]).startswith("Lỗi (mã 2)")
    assert rows[5][5] == "=SUM(F2:F5)"  # the spreadsheet computes the total
    code, out, _ = cli("fleet", "status", "--fleet", str(path))
    assert code == 2 and out.count("Thành công") == 3


def test_shards_on_a_workbook_keep_each_others_rows(tmp_path: Path) -> None:
    path = make(tmp_path, 6)
    codes = [
        cli("fleet", "sync", "--fleet", str(path), "--shard", f"{i}/2", "--today", "2025-11-10")[0]
        for i in (1, 2)
    ]
    assert sorted(codes) in ([0, 2], [2, 2])
    rows = rollup(tmp_path)
    assert len(rows) == 1 + 7 + 1
    results = [str(r[13]) for r in rows[1:8]]
    assert results.count("Thành công") == 6 and results[6].startswith("Lỗi (mã 2)")
    log = [
        tuple(r)
        for r in load_workbook(tmp_path / "rollup.xlsx")["Nhật ký"].iter_rows(values_only=True)
    ]
    assert [r[6].split(";")[0] for r in log[1:]] == ["Phân đoạn 1/2", "Phân đoạn 2/2"]
