"""Hypothesis-generated entry grids: validation never crashes, and every issue says where it is."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from rules.campaign import Campaign
from rules.contract import ENTRY_TABS
from rules.evaluate import LayoutProblem, evaluate
from rules.messages import issue_message
from rules.values.communes import CommuneDirectory
from sync.cli.app import app
from tests.builders import small_campaign, write_config, write_workbook

DIRECTORY = CommuneDirectory.for_province("Cần Thơ")
TODAY = date(2025, 11, 10)
HOSTILE = [
    "=cmd|' /C calc'!A0", "=1+1", "+84 912 345 678", "@SUM(A1)", "-2+3", "\t=x", "\r=x",
    "Nguye\u0302\u0303n", "👩‍🌾 Đại sứ", "\x00\x07\x1b[31m", "x" * 50_000, "", "   ",
    "Phường Ninh Kiều", "P. Ninh Kiều", "0912345678", "10/25/2025", "25/10/2025", "T01", "t01 ",
    "Tổ trưởng", "leader", "Nữ", "NguyÔn V¨n A",
]  # fmt: skip
cells = st.one_of(
    st.none(),
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.integers(min_value=0, max_value=80_000),  # serials
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
)


def header_choices(spec_index: int) -> st.SearchStrategy[list[str]]:
    spec = ENTRY_TABS[spec_index]
    names = [*(c.vi for c in spec.columns), *(c.en for c in spec.columns), "Ghi chú thêm", "", "??"]
    return st.lists(st.sampled_from(names), max_size=12)  # missing, duplicated, reordered headers


@st.composite
def grids(draw: st.DrawFn) -> dict[str, list[list[object]]]:
    out: dict[str, list[list[object]]] = {}
    for i, spec in enumerate(ENTRY_TABS):
        header = draw(header_choices(i))
        body = draw(st.lists(st.lists(cells, max_size=14), max_size=12))  # ragged rows
        leading = draw(st.integers(min_value=0, max_value=2))
        out[spec.title] = [[] for _ in range(leading)] + [list(header), *body]
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids())
def test_evaluate_never_crashes_and_every_issue_is_located(
    data: dict[str, list[list[object]]],
) -> None:
    try:
        report = evaluate(data, Campaign(), DIRECTORY, TODAY)  # type: ignore[arg-type]
    except LayoutProblem as problem:
        assert problem.missing
        for tab, column in problem.missing:
            assert tab in data
            spec = next(s for s in ENTRY_TABS if s.title == tab)
            assert column in {c.vi for c in spec.columns if c.required}
        return
    titles = {s.title for s in ENTRY_TABS}
    for issue in report.issues:
        assert issue.tab in titles
        assert 1 <= issue.row <= len(data[issue.tab])
        assert issue.column
        for lang in ("vi", "en"):
            assert issue_message(issue, lang)


def test_validate_on_a_hostile_workbook_exits_0_and_keeps_text(tmp_path: Path) -> None:
    grids_ = small_campaign()
    for text in HOSTILE[:7]:
        grids_["Đại sứ số"].append([text, text, text, text, text, text, text, text, text, text])
    write_workbook(tmp_path / "book.xlsx", grids_)
    config = write_config(tmp_path)
    result = CliRunner().invoke(
        app, ["sync", "--config", str(config), "--today", "2025-11-10", "--show-personal-data"]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "book.xlsx")["Lỗi dữ liệu"]
    written = {
        c.value: c.data_type
        for row in sheet.iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, str)
    }
    for text in ("=cmd|' /C calc'!A0", "=1+1", "@SUM(A1)", "-2+3"):
        assert written.get(text) == "s", text
    for issue_row in sheet.iter_rows(min_row=2, values_only=True):
        assert issue_row[0] and issue_row[1] and issue_row[2]


@st.composite
def complete_grids(draw: st.DrawFn) -> dict[str, list[list[object]]]:
    """Every column present (in any order, Vietnamese or English names), hostile bodies."""
    out: dict[str, list[list[object]]] = {}
    for spec in ENTRY_TABS:
        columns = draw(st.permutations(list(spec.columns)))
        header = [draw(st.sampled_from([c.vi, c.en, c.vi.upper(), f" {c.vi}: "])) for c in columns]
        body = draw(
            st.lists(st.lists(cells, min_size=len(header), max_size=len(header) + 2), max_size=15)
        )
        out[spec.title] = [header, *body]
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(complete_grids())
def test_complete_headers_never_raise(data: dict[str, list[list[object]]]) -> None:
    report = evaluate(data, Campaign(), DIRECTORY, TODAY)  # type: ignore[arg-type]
    # Rows whose only content is in columns daisuso does not read are not data rows.
    assert report.totals.rows_read <= sum(len(grid) - 1 for grid in data.values())
    for issue in report.issues:
        assert 2 <= issue.row <= len(data[issue.tab])
