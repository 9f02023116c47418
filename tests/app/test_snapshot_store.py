"""The snapshot store on its own: what a snapshot keeps, when a digest changes, pruning."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from rules.tables import FormulaText, HiddenRow
from sync.ports import Grid
from sync.store.snapshots import SnapshotStore, digest

NOW = datetime(2025, 11, 10, 8, 30)


def _grids() -> dict[str, Grid]:
    return {
        "Đại sứ số": [
            ["Họ và tên", "Ngày công nhận", "Năm sinh"],
            ["Lê Văn Một", date(2025, 10, 20), 1990],
            HiddenRow(["Trần Thị Hai", datetime(2025, 10, 21, 9, 15), 1991.5]),
            [FormulaText("=A1"), None, True],
        ]
    }


def test_a_snapshot_keeps_every_value_with_its_type(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    info = store.save(_grids(), NOW, "book.xlsx")
    loaded = store.load(info.name)
    assert loaded == {t: [list(r) for r in g] for t, g in _grids().items()}
    row = loaded["Đại sứ số"][2]
    assert type(row[1]) is datetime and type(row[2]) is float
    assert type(loaded["Đại sứ số"][1][1]) is date
    assert info.rows == {"Đại sứ số": 3}


def test_the_digest_changes_with_any_value_or_type_and_only_then() -> None:
    base = digest(_grids())
    assert digest(_grids()) == base
    for tab_row, col, value in (
        (1, 2, 1990.0),
        (1, 1, datetime(2025, 10, 20)),
        (3, 2, 1),
        (1, 0, "Lê Văn Mộ"),
    ):
        changed = _grids()
        changed["Đại sứ số"][tab_row][col] = value
        assert digest(changed) != base, (tab_row, col, value)
    renamed = {"Tổ": _grids()["Đại sứ số"]}
    assert digest(renamed) != base


def test_pruning_reads_times_from_names_and_keeps_the_newest(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path, retention_days=30)
    old = store.save(_grids(), NOW - timedelta(days=40), "book.xlsx")
    grids = _grids()
    grids["Đại sứ số"].append(["Người mới", None, 2000])
    newest = store.save(grids, NOW - timedelta(days=5), "book.xlsx")  # prunes `old`
    (tmp_path / "notes.json.gz").write_bytes(b"not a snapshot")  # not ours: never removed
    assert not old.path.exists()
    assert store.prune(NOW + timedelta(days=60)) == []  # the newest is kept, however old
    assert newest.path.exists() and (tmp_path / "notes.json.gz").exists()
