"""The `Toàn bộ` table: contract columns, fixed positions, SUM total row, failed members."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rules.tables import Kind
from sync.fleet.rollup import (
    ROLLUP_COLUMNS,
    Formula,
    build_rollup,
    column_letter,
    result_text,
)
from sync.fleet.state import FleetStateStore, MemberFigures, new_record

CONTRACT = (
    "Đơn vị | Tỉnh/Thành phố | Số tổ | Số xã/phường | Chỉ tiêu | Đã có | Tỷ lệ (%) | "
    "Kỳ vọng đến nay | Số tổ chậm | Xã/phường chưa có đại sứ | Ấp/khu vực có đại sứ | Lỗi | "
    "Đồng bộ lần cuối | Kết quả"
)
T0 = datetime(2025, 11, 10, 8, 0)
T1 = datetime(2025, 11, 10, 8, 10)
FIGS = MemberFigures("Cần Thơ", 4, 12, 200, 150, 120, 1, 2, 5, 3)


def test_columns_are_the_contract() -> None:
    assert " | ".join(c.name for c in ROLLUP_COLUMNS) == CONTRACT
    assert ROLLUP_COLUMNS[12].kind is Kind.DATETIME and ROLLUP_COLUMNS[6].kind is Kind.PERCENT


def test_rows_at_fixed_positions_and_a_sum_total_row() -> None:
    ok = new_record("b").succeeded(T0, FIGS)
    rollup = build_rollup(["a", "b", "c"], {1: ok}, "vi")
    table = rollup.table()
    assert len(table.rows) == 4
    assert table.rows[0] == () and table.rows[2] == ()  # other shards' rows untouched
    row = table.rows[1]
    assert row[:12] == ("b", "Cần Thơ", 4, 12, 200, 150, 75.0, 120, 1, 2, 5, 3)
    assert row[12:] == (T0, "Thành công")
    total = table.rows[3]
    assert total[0] == "Tổng cộng"
    assert total[2] == "=SUM(C2:C4)" and isinstance(total[2], Formula)
    assert total[11] == "=SUM(L2:L4)"
    assert total[6] == '=IF(E5=0,"",ROUND(F5*100/E5,1))'
    assert (rollup.sheet_row(1), rollup.total_sheet_row) == (3, 5)
    assert not rollup.complete


def test_member_text_is_never_a_formula() -> None:
    record = new_record("=HYPERLINK(1)").failed(T0, 4, "=cmd|' /C calc'!A0")
    row = build_rollup(["=HYPERLINK(1)"], {0: record}, "vi").rows[0]
    assert not any(isinstance(cell, Formula) for cell in row)


def test_a_failed_member_keeps_its_last_good_figures_and_says_since_when() -> None:
    good = new_record("b").succeeded(T0, FIGS)
    failed = good.failed(T1, 4, "Không có quyền truy cập bảng tính.\nchi tiết")
    again = failed.failed(datetime(2025, 11, 10, 8, 20), 4, "Không có quyền truy cập bảng tính.")
    assert again.failing_since == T1 and again.figures == FIGS and again.good_at == T0
    row = build_rollup(["b"], {0: again}, "vi").rows[0]
    assert row[5] == 150 and row[12] == T0
    assert row[13] == "Lỗi (mã 4) từ 10/11/2025 08:10: Không có quyền truy cập bảng tính."
    assert result_text(again, "en").startswith("Failed (code 4) since 10/11/2025 08:10")
    recovered = again.succeeded(T1, FIGS)
    assert recovered.ok and recovered.failing_since is None


def test_never_synced_and_never_good() -> None:
    rollup = build_rollup(["a", "b"], {0: None, 1: new_record("b").failed(T0, 2, "bad")}, "en")
    assert rollup.rows[0][13] == "Not synced yet" and rollup.rows[0][2] is None
    assert rollup.rows[1][2] is None and rollup.rows[1][12] is None
    assert rollup.rows[1][13] == "Failed (code 2) since 10/11/2025 08:00: bad"
    assert rollup.total[0] == "Total"


def test_empty_fleet_total_is_zero() -> None:
    assert build_rollup([], {}, "vi").total[2] == 0


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 2, 25, 26, 27, 701, 702)] == [
        "A", "C", "Z", "AA", "AB", "ZZ", "AAA"
    ]  # fmt: skip


def test_state_store_round_trip(tmp_path: Path) -> None:
    store = FleetStateStore(tmp_path)
    assert store.get("google:K") is None
    record = new_record("b").succeeded(T0, FIGS).failed(T1, 5, "lock")
    store.put("google:K", record)
    assert store.get("google:K") == record
    assert store.get("google:other") is None
    (tmp_path / "members" / next(p.name for p in (tmp_path / "members").iterdir())).write_text("{")
    assert store.get("google:K") is None  # a damaged file reads as never synced
