"""Large writes on Google: split into the fewest batches under 2 MB, and how cells are typed."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.tables import Column, Formula, Kind, Table
from sync.adapters.google import plan as gp
from sync.adapters.google.backend import (
    RetryPolicy,
)
from tests.adapters.test_google_backend import KEY, LOG_COLUMNS, api_calls, backend_for, plan_with


def big_table(rows: int) -> Table:
    text = "Số điện thoại không hợp lệ: 09xx xxx xxx — hãy sửa lại theo mẫu 0912 345 678."
    return Table(
        "Lỗi dữ liệu",
        (Column("Tab"), Column("Dòng", Kind.INTEGER), Column("Cột"), Column("Nội dung")),
        tuple(("Đại sứ số", i + 2, "Số điện thoại", f"{text} #{i}") for i in range(rows)),
    )


def test_a_write_above_2mb_is_split_into_the_fewest_batches(emu: Any, tmp_path: Path) -> None:
    table = big_table(8_000)
    single = gp.write_batches(
        [table],
        gp.log_table("Nhật ký", LOG_COLUMNS, [], [], 500),
        lambda k, n: gp.log_table("Nhật ký", LOG_COLUMNS, [], [], 500),
        {},
        limit=10**9,
    )
    assert 2_000_000 < len(single[0]) < 4_000_000  # so two batches are the fewest
    backend = backend_for(emu, tmp_path)
    with backend.open() as book:
        book.read(["Tổ"])
        book.write(plan_with((table,)))
    calls = api_calls(emu)
    posts = [c for c in calls if c["method"] == "POST"]
    assert len(calls) == 4 and len(posts) == 2
    assert all(c["bytes_in"] <= gp.LIMIT_BYTES for c in posts)
    # The first batch wrote a progress row, the last the final log row.
    first_log = [
        r
        for r in posts[0]["body"]["requests"]
        if "Đang ghi (1/2)…" in json.dumps(r, ensure_ascii=False)
    ]
    assert first_log
    after = emu.values(KEY)
    assert len(after["Lỗi dữ liệu"]) == 8_001
    assert after["Lỗi dữ liệu"][-1][1] == 8_001
    assert after["Lỗi dữ liệu"][-1][3].endswith("#7999")
    assert [r[1] for r in after["Nhật ký"][1:]] == ["OK"]


def test_a_split_write_stopped_half_way_shows_in_the_log_and_is_repaired(
    emu: Any, tmp_path: Path
) -> None:
    from sync.errors import UnreachableError

    table = big_table(8_000)
    backend = backend_for(emu, tmp_path, retry=RetryPolicy(max_attempts=2))
    emu.clear_requests()
    with backend.open() as book:
        book.read(["Tổ"])
        # The second batch fails for good.
        emu.fault(r"POST .*:batchUpdate", status=0, times=1)  # first passes
        emu.fault(r"POST .*:batchUpdate", status=503, times=5)
        with pytest.raises(UnreachableError):
            book.write(plan_with((table,)))
    log = emu.values(KEY)["Nhật ký"]
    assert log[-1][1] == "Đang ghi (1/2)…"
    assert "lần đồng bộ sau" in log[-1][6]
    emu.clear_faults()
    with backend.open() as book:
        book.write(plan_with((table,)))
    after = emu.values(KEY)
    assert [r[1] for r in after["Nhật ký"][1:]] == ["Đang ghi (1/2)…", "OK"]
    assert len(after["Lỗi dữ liệu"]) == 8_001


def test_plan_never_needs_more_than_three_batches() -> None:
    log = gp.log_table("Nhật ký", LOG_COLUMNS, [], [], 500)
    table = big_table(3_000)

    def progress(k: int, n: int) -> Table:
        return gp.log_table("Nhật ký", LOG_COLUMNS, [], [("t", f"Đang ghi ({k}/{n})…")], 500)

    whole = len(gp.write_batches([table], log, progress, {}, limit=10**9)[0])
    for parts in (2, 3):
        bodies = gp.write_batches([table], log, progress, {}, limit=whole // parts + 2000)
        assert len(bodies) == parts
        assert f"Đang ghi (1/{parts})…" in bodies[0].decode()
    bodies = gp.write_batches([table], log, progress, {}, limit=whole // 10)
    assert len(bodies) == 3  # above 3 x limit, the limit gives way, not the budget
    # Every row of the table is written exactly once, in order, across the batches.
    table_id = gp.new_sheet_id("Lỗi dữ liệu", set())
    starts = [
        (r["updateCells"]["range"]["startRowIndex"], len(r["updateCells"]["rows"]))
        for body in bodies
        for r in json.loads(body)["requests"]
        if "updateCells" in r and r["updateCells"]["range"]["sheetId"] == table_id
    ]
    assert starts[0][0] == 0
    assert all(s0 + n == s1 for (s0, n), (s1, _) in itertools.pairwise(starts))
    assert sum(n for _, n in starts) == 3_001


# --- cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("=SUM(A1:A2)", Kind.TEXT, {"userEnteredValue": {"stringValue": "=SUM(A1:A2)"}}),
        ("0912", Kind.INTEGER, {"userEnteredValue": {"stringValue": "0912"}}),
        (True, Kind.ANY, {"userEnteredValue": {"boolValue": True}}),
        (3, Kind.INTEGER, {"userEnteredValue": {"numberValue": 3}}),
        (None, Kind.TEXT, {}),
        (date(2025, 10, 15), Kind.DATE, {"userEnteredValue": {"numberValue": 45945}}),
        (
            date(2025, 10, 15),
            Kind.ANY,
            {
                "userEnteredValue": {"numberValue": 45945},
                "userEnteredFormat": {"numberFormat": gp.DATE_FORMAT},
            },
        ),
        (float("nan"), Kind.NUMBER, {"userEnteredValue": {"stringValue": "nan"}}),
    ],
)
def test_cell_typing(value: object, kind: Kind, expected: dict[str, Any]) -> None:
    assert gp.cell(value, kind) == expected


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),  # quotes, backslashes, control characters, emoji
    st.builds(Formula, st.text()),
    st.dates(),
    st.datetimes(),
)


@settings(max_examples=300)
@given(values, st.sampled_from(list(Kind)))
def test_cell_json_is_the_typed_cell_encoded(value: object, kind: Kind) -> None:
    assert gp.cell_json(value, kind) == gp.dumps(gp.cell(value, kind)).decode()


def test_serial_of_datetime_keeps_time_and_ignores_tz() -> None:
    from zoneinfo import ZoneInfo

    dt = datetime(2025, 10, 15, 18, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert gp.serial(dt) == 45945.75
    assert gp.quote_title("It's") == "'It''s'"


# --- init ------------------------------------------------------------------------------------
