"""Checks across rows and tabs, through `rules.evaluate.evaluate` on small hand-built grids."""

from __future__ import annotations

import unicodedata

import pytest

from rules.messages import issue_message
from tests.builders import (
    AMBASSADORS,
    ASSIGNMENTS,
    TRAININGS,
    ambassador,
    assignment,
    codes_at,
    commune,
    grids,
    issues,
    phone,
    run,
    team,
    team_members,
    training,
)

NK, CK, LP = "Phường Ninh Kiều", "Phường Cái Khế", "Xã Long Phú"


def two_teams(ambassadors=(), trainings=(), assignments=None):  # type: ignore[no-untyped-def]
    """T01 owns Ninh Kiều, T02 owns Long Phú; Cái Khế is not assigned."""
    return grids(
        members=team_members("T01") + team_members("T02"),
        assignments=assignments
        if assignments is not None
        else [assignment("T01", "Ninh Kiều"), assignment("T02", "Long Phú")],
        ambassadors=ambassadors,
        trainings=trainings,
    )


def test_clean_grid_has_no_issue_and_counts_everything() -> None:
    report = run(
        two_teams(
            [ambassador(f"Người {i}", phone(i), "Ninh Kiều", "T01") for i in range(3)]
            + [ambassador("Người 9", phone(9), "Long Phú", "T02")],
            [training("20/10/2025", "T01", "Ninh Kiều", 25)],
        )
    )
    assert report.issues == ()
    assert commune(report, NK).count == 3
    assert commune(report, LP).count == 1
    assert team(report, "T01").count == 3
    assert team(report, "T02").count == 1
    assert report.totals.ambassadors == 4
    assert (team(report, "T01").trainings, team(report, "T01").trained) == (1, 25)


# --- duplicate phones -----------------------------------------------------------------


@pytest.mark.parametrize(
    "again",
    ["0912345678", "+84 912 345 678", "0912.345.678", "84912345678", 912345678, 912345678.0],
)
def test_duplicate_phone_first_counted_later_rows_are_errors(again: object) -> None:
    report = run(
        two_teams(
            [
                ambassador("Nguyễn Văn A", "0912 345 678", "Ninh Kiều", "T01"),
                ambassador("Nguyễn Văn B", phone(1), "Ninh Kiều", "T01"),
                ambassador("Nguyễn Văn C", again, "Long Phú", "T02"),
                ambassador("Nguyễn Văn D", again, "Ninh Kiều", "T01"),
            ]
        )
    )
    dups = issues(report, "phone_duplicate")
    assert [(i.tab, i.row, i.column) for i in dups] == [
        (AMBASSADORS, 4, "Số điện thoại"),
        (AMBASSADORS, 5, "Số điện thoại"),
    ]
    assert all(i.severity == "error" and i.params["first_row"] == 2 for i in dups)
    assert codes_at(report, AMBASSADORS, 2) == set()
    assert commune(report, NK).count == 2  # rows 2 and 3
    assert commune(report, LP).count == 0  # row 4 is a duplicate: not counted
    assert report.totals.ambassadors == 2


def test_duplicate_of_an_old_11_digit_number() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", "0168 123 4567", "Ninh Kiều", "T01"),
                ambassador("B", "038 123 4567", "Ninh Kiều", "T01"),
            ]
        )
    )
    assert codes_at(report, AMBASSADORS, 2) == {"phone_converted"}
    assert codes_at(report, AMBASSADORS, 3) == {"phone_duplicate"}
    assert commune(report, NK).count == 1


def test_a_broken_first_row_does_not_hide_a_valid_later_one() -> None:
    # "An ambassador counts once: valid rows, unique by normalised phone."
    report = run(
        two_teams(
            [
                ambassador("A", "0912345678", "Ninh Kiều", "T01", "abc"),
                ambassador("A", "0912345678", "Ninh Kiều", "T01", "20/10/2025"),
            ]
        )
    )
    assert codes_at(report, AMBASSADORS, 2) == {"date_invalid"}
    assert codes_at(report, AMBASSADORS, 3) == set()
    assert commune(report, NK).count == 1


# --- probable duplicates --------------------------------------------------------------


def test_probable_duplicate_same_name_birth_year_commune_other_phone() -> None:
    name = "Nguyễn Thị Hoa"
    report = run(
        two_teams(
            [
                ambassador(name, phone(1), "Ninh Kiều", "T01", birth_year=1990),
                ambassador("Trần Văn X", phone(2), "Ninh Kiều", "T01", birth_year=1990),
                ambassador(
                    unicodedata.normalize("NFD", name.upper()),
                    phone(3),
                    "P. Ninh Kiều",
                    "T01",
                    birth_year="15/03/1990",
                ),
            ]
        )
    )
    warned = issues(report, "probable_duplicate")
    assert {i.row for i in warned} == {2, 4}
    assert all(i.severity == "warning" and i.column == "Họ và tên" for i in warned)
    assert {i.row: i.params["other_row"] for i in warned} == {2: 4, 4: 2}
    assert commune(report, NK).count == 3  # warnings still count


@pytest.mark.parametrize(
    ("year2", "commune2"),
    [(1991, "Ninh Kiều"), (1990, "Cái Khế"), (None, "Ninh Kiều")],
)
def test_no_probable_duplicate_when_year_or_commune_differs(year2: object, commune2: str) -> None:
    report = run(
        two_teams(
            [
                ambassador("Nguyễn Thị Hoa", phone(1), "Ninh Kiều", "T01", birth_year=1990),
                ambassador("Nguyễn Thị Hoa", phone(2), commune2, "T01", birth_year=year2),
            ]
        )
    )
    assert issues(report, "probable_duplicate") == []


# --- teams ------------------------------------------------------------------------------


def test_unknown_team_is_an_error_in_every_tab_and_nothing_counts() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", phone(1), "Ninh Kiều", "T09"),
                ambassador("B", phone(2), "Ninh Kiều", "t01"),  # case-insensitive: known
            ],
            [
                training("20/10/2025", "T09", "Ninh Kiều", 40),
                training("20/10/2025", " t01 ", "Ninh Kiều", 5),
            ],
            [assignment("T09", "Cái Khế"), assignment("T01", "Ninh Kiều")],
        )
    )
    unknown = issues(report, "team_unknown")
    assert [(i.tab, i.row, i.column) for i in unknown] == [
        (ASSIGNMENTS, 2, "Mã tổ"),
        (AMBASSADORS, 2, "Mã tổ"),
        (TRAININGS, 2, "Mã tổ"),
    ]
    assert all(i.severity == "error" for i in unknown)
    assert "T09" in issue_message(unknown[0])
    assert commune(report, CK).team is None  # the assignment did not count
    assert commune(report, NK).count == 1
    assert commune(report, NK).trainings == 1
    assert report.totals.trained == 5


def test_commune_assigned_twice_is_an_error_on_the_later_row() -> None:
    report = run(
        two_teams(
            assignments=[
                assignment("T01", "Ninh Kiều", 10),
                assignment("T02", "Long Phú"),
                assignment("T02", "P. Ninh Kiều", 99),
            ]
        )
    )
    twice = issues(report, "commune_assigned_twice")
    assert [(i.tab, i.row, i.column) for i in twice] == [(ASSIGNMENTS, 4, "Xã/Phường")]
    assert twice[0].severity == "error"
    message = issue_message(twice[0])
    assert NK in message and "T01" in message and "2" in message
    assert (commune(report, NK).team, commune(report, NK).quota) == ("T01", 10)
    assert team(report, "T02").communes == 1
    assert team(report, "T02").quota == 20


def test_row_recorded_by_another_team_warns_and_counts_for_the_commune() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", phone(1), "Long Phú", "T01"),
                ambassador("B", phone(2), "Long Phú", "T02"),
            ]
        )
    )
    warned = issues(report, "team_not_assigned_to_commune")
    assert [(i.tab, i.row, i.column) for i in warned] == [(AMBASSADORS, 2, "Mã tổ")]
    assert warned[0].severity == "warning"
    message = issue_message(warned[0])
    assert LP in message and "T01" in message and "T02" in message
    assert commune(report, LP).count == 2
    # Team count = sum of the counts of the team's communes.
    assert team(report, "T02").count == 2
    assert team(report, "T01").count == 0


def test_commune_not_assigned_warns_and_still_counts() -> None:
    report = run(
        two_teams(
            [ambassador("A", phone(1), "Cái Khế", "T01")],
            [training("20/10/2025", "T01", "Cái Khế")],
        )
    )
    warned = issues(report, "commune_unassigned")
    assert [(i.tab, i.row, i.column) for i in warned] == [
        (AMBASSADORS, 2, "Xã/Phường"),
        (TRAININGS, 2, "Xã/Phường"),
    ]
    assert all(i.severity == "warning" for i in warned)
    assert CK in issue_message(warned[0])
    assert commune(report, CK).count == 1
    assert commune(report, CK).team is None
    assert report.totals.ambassadors == 1
    assert team(report, "T01").count == 0  # not one of T01's communes
