"""Header matching and grid layout: names, order, extra columns, header row, blank rows."""

from __future__ import annotations

import unicodedata

import pytest

from rules.contract import AMBASSADORS, ASSIGNMENTS, ENTRY_TABS, MEMBERS, TRAININGS, map_headers
from rules.evaluate import LayoutProblem, evaluate, find_tabs
from rules.messages import issue_message
from tests.builders import (
    AMB_HEADER,
    ASSIGN_HEADER,
    CAMPAIGN,
    MEMBERS_HEADER,
    TODAY,
    TRAIN_HEADER,
    ambassador,
    assignment,
    can_tho,
    codes_at,
    grids,
    issues,
    run,
    tab,
    team_members,
)


@pytest.mark.parametrize(
    "phone_header",
    [
        "Số điện thoại",
        "SO DIEN THOAI",
        "số  điện thoại:",
        "Phone",
        "PHONE",
        "SĐT",
        unicodedata.normalize("NFD", "Số Điện Thoại"),
    ],
)
def test_phone_header_variants_map_to_the_phone_field(phone_header: str) -> None:
    grid = [["Họ và tên", phone_header, "Xã/Phường", "Mã tổ", "Ngày công nhận"]]
    header = map_headers(AMBASSADORS, grid)
    assert header is not None
    assert header.columns["phone"] == 1
    assert header.missing == ()


def test_english_headers_are_accepted() -> None:
    grid = [["Full name", "Phone", "Team", "Commune", "Date", "Birth year", "Hamlet", "Note"]]
    header = map_headers(AMBASSADORS, grid)
    assert header is not None
    assert header.missing == ()
    assert header.columns == {
        "name": 0,
        "phone": 1,
        "team": 2,
        "commune": 3,
        "recognised_on": 4,
        "birth_year": 5,
        "hamlet": 6,
        "note": 7,
    }


@pytest.mark.parametrize("spec", ENTRY_TABS, ids=lambda s: s.title)
def test_every_tab_accepts_its_vietnamese_and_english_headers(spec) -> None:  # type: ignore[no-untyped-def]
    for names in ([c.vi for c in spec.columns], [c.en for c in spec.columns]):
        header = map_headers(spec, [names])
        assert header is not None
        assert header.missing == ()
        assert set(header.columns) == {c.field for c in spec.columns}


def test_column_order_is_free_and_extra_columns_are_ignored() -> None:
    grid = [
        [
            "STT",
            "Ngày công nhận",
            "Ghi chú riêng",
            "Mã tổ",
            "Số điện thoại",
            "Xã/Phường",
            "",
            "Họ và tên",
        ]
    ]
    header = map_headers(AMBASSADORS, grid)
    assert header is not None
    assert header.missing == ()
    # "Ghi chú riêng" holds the words of "Ghi chú" and fits no other column: it is the note.
    assert header.columns == {
        "recognised_on": 1, "note": 2, "team": 3, "phone": 4, "commune": 5, "name": 7,
    }  # fmt: skip


def test_header_row_is_the_first_non_empty_row() -> None:
    grid = [[], [None, "  ", None], ["", "Mã tổ", "Xã/Phường"], ["", "T01", "Ninh Kiều"]]
    header = map_headers(ASSIGNMENTS, grid)
    assert header is not None
    assert header.header_row == 2
    assert header.columns == {"team": 1, "commune": 2}


def test_empty_grid_has_no_header() -> None:
    assert map_headers(MEMBERS, []) is None
    assert map_headers(MEMBERS, [[], [None, ""]]) is None


def test_missing_required_columns_are_reported() -> None:
    header = map_headers(AMBASSADORS, [["Họ và tên", "Xã/Phường", "Mã tổ", "Ghi chú"]])
    assert header is not None
    assert {c.vi for c in header.missing} == {"Số điện thoại", "Ngày công nhận"}


def test_missing_optional_columns_are_not_reported() -> None:
    header = map_headers(TRAININGS, [["Ngày", "Mã tổ", "Xã/Phường", "Số người tham dự"]])
    assert header is not None
    assert header.missing == ()


def test_duplicated_header_keeps_the_first_column() -> None:
    header = map_headers(ASSIGNMENTS, [["Mã tổ", "Xã/Phường", "Chỉ tiêu", "Chi tieu"]])
    assert header is not None
    assert header.columns["quota"] == 2
    assert header.duplicates == (("quota", 3),)


def test_evaluate_raises_layout_problem_naming_tab_and_column() -> None:
    g = grids()
    g["Đại sứ số"] = tab([h for h in AMB_HEADER if h != "Số điện thoại"], [])
    with pytest.raises(LayoutProblem) as caught:
        evaluate(g, CAMPAIGN, can_tho(), TODAY)
    assert caught.value.missing == (("Đại sứ số", "Số điện thoại"),)


def test_evaluate_raises_layout_problem_for_a_missing_tab() -> None:
    g = grids()
    del g["Tập huấn"]
    with pytest.raises(LayoutProblem) as caught:
        evaluate(g, CAMPAIGN, can_tho(), TODAY)
    assert ("Tập huấn", None) in caught.value.missing


def test_evaluate_on_an_empty_tab_reports_its_required_columns() -> None:
    g = grids()
    g["Phân công"] = []
    with pytest.raises(LayoutProblem) as caught:
        evaluate(g, CAMPAIGN, can_tho(), TODAY)
    assert set(caught.value.missing) == {("Phân công", "Mã tổ"), ("Phân công", "Xã/Phường")}


def test_find_tabs_matches_titles_like_headers() -> None:
    found = find_tabs(["TO", "phan cong", "Ambassadors", "Tap huan ", "Tổng hợp"])
    assert found == {
        "Tổ": "TO",
        "Phân công": "phan cong",
        "Đại sứ số": "Ambassadors",
        "Tập huấn": "Tap huan ",
    }


# --- through the whole pipeline -------------------------------------------------------


def test_english_headers_any_order_extra_columns_count_the_same() -> None:
    members = [["Note", "Role", "Full name", "Team"]] + [
        [None, r[2], r[1], r[0]] for r in team_members("T01")
    ]
    g = {
        "Tổ": members,
        "Phân công": [["Quota", "Commune", "Team"], [5, "Ninh Kiều", "T01"]],
        "Đại sứ số": [
            ["#", "Date", "Commune", "Phone", "Full name", "Team", "Whatever"],
            [1, "20/10/2025", "P. Ninh Kiều", "0912 345 678", "Lê Văn Tám", "t01", "x"],
            [2, "21/10/2025", "Ninh Kiều", "0912 345 679", "Lê Thị Chín", "T01", "y"],
        ],
        "Tập huấn": [
            ["Participants", "Commune", "Team", "Date"],
            [30, "Ninh Kiều", "T01", "20/10/2025"],
        ],
    }
    report = evaluate(g, CAMPAIGN, can_tho(), TODAY)
    assert [i.code for i in report.issues] == []
    nk = next(c for c in report.communes if c.name == "Phường Ninh Kiều")
    assert (nk.team, nk.quota, nk.count, nk.trainings) == ("T01", 5, 2, 1)
    assert report.teams[0].trained == 30


def test_blank_rows_are_skipped_and_row_numbers_stay_true() -> None:
    g = grids(
        members=team_members("T01"),
        assignments=[assignment("T01", "Ninh Kiều")],
        ambassadors=[
            ambassador("An", "0912 345 678", "Ninh Kiều", "T01"),
            [None] * len(AMB_HEADER),
            ["", "  ", None],
            [],
            ambassador("Bình", "abc", "Ninh Kiều", "T01"),
        ],
    )
    report = run(g)
    assert report.rows_by_tab["Đại sứ số"] == 2
    bad = issues(report, "phone_invalid")
    assert [(i.tab, i.row, i.column) for i in bad] == [("Đại sứ số", 6, "Số điện thoại")]
    assert report.totals.ambassadors == 1


@pytest.mark.parametrize("blank", [0, 1, 3])
def test_leading_blank_rows_shift_row_numbers(blank: int) -> None:
    g = grids(
        members=team_members("T01"),
        assignments=[assignment("T01", "Ninh Kiều")],
        ambassadors=[
            ambassador("An", "0912 345 678", "Ninh Kiều", "T01"),
            ambassador("Bình", "0912 345 678", "Ninh Kiều", "T01"),
        ],
        leading_blank=blank,
    )
    report = run(g)
    dup = issues(report, "phone_duplicate")
    # Header on row 1 + blank, first data row right after it.
    assert [i.row for i in dup] == [3 + blank]
    assert dup[0].params["first_row"] == 2 + blank


def test_duplicated_header_warns_and_uses_the_first_column() -> None:
    g = grids(members=team_members("T01"))
    g["Phân công"] = [
        ["Mã tổ", "Xã/Phường", "Chỉ tiêu", "Chỉ tiêu"],
        ["T01", "Ninh Kiều", 7, 99],
    ]
    report = run(g)
    warned = issues(report, "duplicate_column")
    assert len(warned) == 1
    w = warned[0]
    assert (w.tab, w.row, w.column) == ("Phân công", 1, "Chỉ tiêu")
    assert w.severity == "warning"
    assert "cột D" in issue_message(w)  # names the repeated column's letter
    assert "column D" in issue_message(w, "en")
    nk = next(c for c in report.communes if c.name == "Phường Ninh Kiều")
    assert nk.quota == 7


def test_issue_names_canonical_column_even_with_english_header() -> None:
    g = grids(members=team_members("T01"), assignments=[assignment("T01", "Ninh Kiều")])
    g["Đại sứ số"] = [
        ["Full name", "Phone", "Commune", "Team", "Date"],
        ["An", "12345", "Ninh Kiều", "T01", "20/10/2025"],
    ]
    report = run(g)
    assert codes_at(report, "Đại sứ số", 2) == {"phone_invalid"}
    assert issues(report, "phone_invalid")[0].column == "Số điện thoại"


def test_all_headers_constants_are_canonical() -> None:
    assert MEMBERS.headers == MEMBERS_HEADER
    assert ASSIGNMENTS.headers == ASSIGN_HEADER
    assert AMBASSADORS.headers == AMB_HEADER
    assert TRAININGS.headers == TRAIN_HEADER
