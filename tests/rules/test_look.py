"""rules.look: one declaration of how the summary tabs look, read by both adapters."""

from __future__ import annotations

from datetime import date, datetime

from rules.look import (
    AMBER,
    BLUE,
    GREEN,
    GREY,
    RED,
    WRAP_AT,
    ChartKind,
    Titles,
    looks,
    shown,
    value_format,
)
from rules.progress import progress, progress_table
from rules.tables import Column, Kind, Table
from tests.builders import CAMPAIGN

TITLES = Titles("Tổng hợp", "Tiến độ", "Theo tổ", "Cảnh báo", "Lỗi dữ liệu")
LONG = "Một nội dung rất dài " * 6  # 126 characters
DASH = Table(
    "Tổng hợp",
    (Column("Chỉ số"), Column("Giá trị", Kind.ANY)),
    (
        ("Mục tiêu chiến dịch (đại sứ số)", 12000),
        ("Tỷ lệ", 45.25),
        ("Đồng bộ lần cuối", datetime(2025, 11, 10, 8, 5)),
    ),
)
TEAMS = Table(
    "Theo tổ",
    (Column("Mã tổ"), Column("Chỉ tiêu", Kind.INTEGER), Column("Đã có", Kind.INTEGER),
     Column("Tỷ lệ (%)", Kind.PERCENT), Column("Trạng thái")),
    (("T01", 1200, 45, 3.8, "Chậm tiến độ"), ("T02", 60, 60, 100.0, "Đạt")),
)  # fmt: skip
ALERTS = Table(
    "Cảnh báo", (Column("Mức độ"), Column("Mã tổ"), Column("Nội dung")), (("Cao", "T01", LONG),)
)
ISSUES = Table(
    "Lỗi dữ liệu",
    (Column("Tab"), Column("Dòng", Kind.INTEGER), Column("Mức độ"), Column("Mã tổ")),
    (),
)
PROGRESS = progress_table(progress({date(2025, 10, 20): 3}, 40, CAMPAIGN, date(2025, 10, 25)))
ALL = (DASH, PROGRESS, TEAMS, ALERTS, ISSUES)


def test_formats() -> None:
    assert value_format(Kind.INTEGER, 3) == "#,##0"
    assert value_format(Kind.PERCENT, 3.5) == "0.0"
    assert value_format(Kind.DATE, date(2025, 1, 1)) == "dd/mm/yyyy"
    assert value_format(Kind.DATETIME, datetime(2025, 1, 1)) == "dd/mm/yyyy hh:mm"
    assert value_format(Kind.ANY, 12000) == "#,##0"
    assert value_format(Kind.ANY, datetime(2025, 1, 1)) == "dd/mm/yyyy hh:mm"
    assert value_format(Kind.ANY, "x") is None
    assert shown(12000, Kind.INTEGER) == "12,000"
    assert shown(datetime(2025, 11, 10, 8, 5), Kind.ANY) == "10/11/2025 08:05"
    look = looks(ALL, TITLES, "vi")
    assert [c.format for c in look["Theo tổ"].columns] == [None, "#,##0", "#,##0", "0.0", None]
    assert [c.format for c in look["Tiến độ"].columns] == ["dd/mm/yyyy", *["#,##0"] * 4]


def test_widths_fit_the_longest_value_and_long_text_wraps() -> None:
    look = looks(ALL, TITLES, "vi")
    dash = look["Tổng hợp"].columns
    assert dash[0].width >= len("Mục tiêu chiến dịch (đại sứ số)")
    assert dash[1].width >= len("10/11/2025 08:05")
    teams = look["Theo tổ"].columns
    assert teams[4].width >= len("Chậm tiến độ") and teams[1].width >= len("Chỉ tiêu")
    alert = look["Cảnh báo"].columns[2]
    assert alert.wrap and alert.width <= WRAP_AT + 2
    assert not any(c.wrap for c in teams)


def test_colour_rules_per_tab() -> None:
    look = looks(ALL, TITLES, "vi")
    assert {(r.column, r.text, r.colour) for r in look["Theo tổ"].colours} == {
        (4, "Đạt", GREEN), (4, "Đúng tiến độ", BLUE), (4, "Chậm tiến độ", AMBER), (4, "Không đạt", RED),
    }  # fmt: skip
    assert {(r.text, r.colour) for r in look["Cảnh báo"].colours} == {
        ("Cao", RED), ("Trung bình", AMBER), ("Thấp", GREY),
    }  # fmt: skip
    assert {(r.column, r.text, r.colour) for r in look["Lỗi dữ liệu"].colours} == {
        (2, "Lỗi", RED), (2, "Cảnh báo", AMBER),
    }  # fmt: skip
    en = looks(ALL, TITLES, "en")
    assert {r.text for r in en["Cảnh báo"].colours} == {"High", "Medium", "Low"}
    assert {r.text for r in en["Theo tổ"].colours} == {"Done", "On pace", "Behind", "Not met"}


def test_charts_beside_the_data() -> None:
    look = looks(ALL, TITLES, "vi")
    (line,) = look["Tổng hợp"].charts
    assert line.kind is ChartKind.LINE and line.source == "Tiến độ"
    assert (line.domain, line.series, line.rows) == (0, (2, 3, 4), 47)
    assert (line.anchor_row, line.anchor_col) == (0, 3)
    (bars,) = look["Theo tổ"].charts
    assert bars.kind is ChartKind.COLUMN and bars.source == "Theo tổ"
    assert (bars.domain, bars.series, bars.rows) == (0, (2, 1), 2)
    assert bars.anchor_col == 6
    assert not look["Cảnh báo"].charts


def test_team_filter_column_and_print_setup() -> None:
    look = looks(ALL, TITLES, "vi")
    assert look["Cảnh báo"].team_column == 1
    assert look["Lỗi dữ liệu"].team_column == 3
    assert look["Theo tổ"].team_column is None
    assert all(
        t.landscape and t.fit_width and t.repeat_header and t.frozen_rows == 1
        for t in look.values()
    )


def test_the_rollup_is_coloured_by_its_result_and_charted_per_member() -> None:
    rollup = Table(
        "Toàn bộ",
        (Column("Đơn vị"), Column("Chỉ tiêu", Kind.INTEGER), Column("Đã có", Kind.INTEGER),
         Column("Kết quả")),
        (("m0", 20, 8, "Thành công"), ("m1", 20, 3, "Lỗi (mã 4) từ 10/11/2025 08:00: …"),
         ("Tổng cộng", 40, 11, None)),
    )  # fmt: skip
    look = looks((rollup,), TITLES, "vi")["Toàn bộ"]
    assert {(r.column, r.text, r.colour, r.prefix) for r in look.colours} == {
        (3, "Thành công", GREEN, False), (3, "Lỗi", RED, True), (3, "Chưa đồng bộ", GREY, False),
    }  # fmt: skip
    (bars,) = look.charts
    assert (bars.key, bars.kind, bars.source) == ("rollup", ChartKind.COLUMN, "Toàn bộ")
    assert (bars.domain, bars.series, bars.rows) == (0, (2, 1), 2)  # the total row left out
    en = looks((rollup,), TITLES, "en")["Toàn bộ"]
    assert {r.text for r in en.colours} == {"OK", "Failed", "Not synced yet"}
