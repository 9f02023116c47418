"""Cross-row checks, continued: team composition, dates against the campaign, optional values, messages."""

from __future__ import annotations

from datetime import date

from rules.messages import issue_message, issue_value
from tests.builders import (
    AMBASSADORS,
    ASSIGNMENTS,
    MEMBERS,
    TODAY,
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
from tests.rules.test_crossrow import CK, LP, NK, two_teams


def test_team_composition_warnings_name_the_team() -> None:
    g = grids(
        members=team_members("T01")
        + team_members("T02", size=4)
        + team_members("T03", size=5, leaders=2)
        + team_members("T04", size=5, deputies=0)
    )
    report = run(g)
    found = {(i.code, i.params["team"]) for i in report.issues}
    assert found == {("team_size", "T02"), ("team_leaders", "T03"), ("team_deputies", "T04")}
    for i in report.issues:
        assert i.tab == MEMBERS and i.column == "Mã tổ" and i.severity == "warning"
        assert i.params["team"] in issue_message(i)
        assert i.params["team"] in issue_message(i, "en")
    t02 = issues(report, "team_size")[0]
    assert t02.row == 7  # T02's first row: header + 5 rows of T01
    assert "4" in issue_message(t02) and "5" in issue_message(t02)


def test_team_size_follows_the_campaign() -> None:
    from dataclasses import replace

    from tests.builders import CAMPAIGN

    g = grids(members=team_members("T01", size=3))
    assert issues(run(g), "team_size") != []
    assert issues(run(g, campaign=replace(CAMPAIGN, team_size=3)), "team_size") == []


# --- dates ------------------------------------------------------------------------------


def test_date_in_the_future_is_an_error_today_is_fine() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", phone(1), "Ninh Kiều", "T01", "11/11/2025"),
                ambassador("B", phone(2), "Ninh Kiều", "T01", TODAY),
            ],
            [training("11/11/2025", "T01", "Ninh Kiều", 50)],
        ),
        today=date(2025, 11, 10),
    )
    future = issues(report, "date_in_future")
    assert [(i.tab, i.row, i.column) for i in future] == [
        (AMBASSADORS, 2, "Ngày công nhận"),
        (TRAININGS, 2, "Ngày"),
    ]
    assert all(i.severity == "error" for i in future)
    assert commune(report, NK).count == 1
    assert report.totals.trainings == 0


def test_date_before_start_is_a_warning_and_counts() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", phone(1), "Ninh Kiều", "T01", "14/10/2025"),
                ambassador("B", phone(2), "Ninh Kiều", "T01", "15/10/2025"),  # start day
            ],
            [training("01/10/2025", "T01", "Ninh Kiều", 12)],
        )
    )
    before = issues(report, "date_before_start")
    assert [(i.tab, i.row) for i in before] == [(AMBASSADORS, 2), (TRAININGS, 2)]
    assert all(i.severity == "warning" for i in before)
    assert "15/10/2025" in issue_message(before[0])
    assert commune(report, NK).count == 2
    assert report.totals.trained == 12


def test_month_first_date_message_suggests_dd_mm() -> None:
    report = run(two_teams([ambassador("A", phone(1), "Ninh Kiều", "T01", "10/25/2025")]))
    issue = issues(report, "date_month_first")[0]
    assert issue.severity == "error"
    assert "25/10/2025" in issue_message(issue)


def test_month_first_message_never_suggests_nothing() -> None:
    report = run(two_teams([ambassador("A", phone(1), "Ninh Kiều", "T01", "4/31/2025")]))
    (issue,) = issues(report)
    assert issue.severity == "error"
    assert "là ?" not in issue_message(issue)
    assert "mean ?" not in issue_message(issue, "en")


def test_landline_is_accepted_in_to_only() -> None:
    g = two_teams([ambassador("A", "0292 3812 345", "Ninh Kiều", "T01")])
    g[MEMBERS][1][4] = "0292 3812 345"  # the first member's phone
    report = run(g)
    assert codes_at(report, MEMBERS, 2) == set()
    assert codes_at(report, AMBASSADORS, 2) == {"phone_landline"}
    assert commune(report, NK).count == 0


def test_team_codes_in_to_are_trimmed_and_case_insensitive() -> None:
    rows = team_members("T01")
    rows[1][0], rows[2][0] = "t01", " T01 "
    report = run(grids(members=rows, assignments=[assignment("T01", "Ninh Kiều")]))
    assert report.issues == ()
    assert [t.code for t in report.teams] == ["T01"]


# --- rows with errors are not counted anywhere -----------------------------------------------


def test_rows_with_errors_are_not_counted_anywhere() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", phone(1), "Ninh Kiều", "T01"),  # counted
                ambassador(None, phone(2), "Ninh Kiều", "T01"),  # name missing
                ambassador("C", "0112345678", "Ninh Kiều", "T01"),  # bad prefix
                ambassador("D", phone(4), "Phường Ninh Kiu", "T01"),  # typo
                ambassador("E", phone(5), "Ninh Kiều", "T01", "31/02/2025"),
                ambassador("F", phone(6), "Ninh Kiều", "T01", birth_year=1800),
                ambassador("G", phone(7), "Ninh Kiều", "T01", gender="?"),
                ambassador("H", phone(8), "Ninh Kiều", None),
                ambassador("I", phone(9), "Phường Sài Gòn", "T01"),
            ],
            [
                training("20/10/2025", "T01", "Ninh Kiều", 0),
                training("20/10/2025", "T01", "Ninh Kiều", 15, hours=30),
                training("20/10/2025", "T01", "Ninh Kiều", "nhiều"),
                training("20/10/2025", "T01", "Ninh Kiều", 7),  # counted
            ],
            [
                assignment("T01", "Ninh Kiều"),
                assignment("T02", "Long Phú", "nhiều"),
                assignment("T02", "Cái Khế", -3),
            ],
        )
    )
    expected = {
        (AMBASSADORS, 3): "required_missing",
        (AMBASSADORS, 4): "phone_bad_prefix",
        (AMBASSADORS, 5): "commune_unknown",
        (AMBASSADORS, 6): "date_no_such_day",
        (AMBASSADORS, 9): "required_missing",
        (AMBASSADORS, 10): "commune_other_province",
        (TRAININGS, 2): "participants_out_of_range",
        (TRAININGS, 4): "integer_invalid",
    }
    # The contract: an invalid value in an optional column is a warning; the row still counts.
    optional = {
        (ASSIGNMENTS, 3): "integer_invalid",
        (ASSIGNMENTS, 4): "quota_out_of_range",
        (AMBASSADORS, 7): "birth_year_out_of_range",
        (AMBASSADORS, 8): "gender_invalid",
        (TRAININGS, 3): "hours_out_of_range",
    }
    got = {(i.tab, i.row): i.code for i in report.issues}
    assert got == expected | optional
    assert all(i.severity == "error" for i in report.issues if (i.tab, i.row) in expected)
    assert all(i.severity == "warning" for i in report.issues if (i.tab, i.row) in optional)
    assert report.totals.ambassadors == 3  # A, and F and G whose optional values are ignored
    assert commune(report, NK).count == 3
    assert commune(report, LP).team == "T02" and commune(report, CK).team == "T02"
    assert commune(report, LP).quota == commune(report, CK).quota == 20  # commune_quota
    assert team(report, "T02").communes == 2
    assert (report.totals.trainings, report.totals.trained) == (2, 22)
    assert report.totals.error_rows == len(expected)


# --- where, and how it is said -----------------------------------------------------------------


def test_every_issue_names_tab_row_and_canonical_column() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", "12", "Ninh Kiều", "T01"),
                ambassador("B", phone(2), "Ninh Kiu", "T01"),
            ],
            [training("abc", "T01", "Ninh Kiều")],
        )
    )
    where = {(i.tab, i.row, i.column, i.code) for i in report.issues}
    assert where == {
        (AMBASSADORS, 2, "Số điện thoại", "phone_invalid"),
        (AMBASSADORS, 3, "Xã/Phường", "commune_unknown"),
        (TRAININGS, 2, "Ngày", "date_invalid"),
    }
    typo = issues(report, "commune_unknown")[0]
    assert typo.value == "Ninh Kiu"
    assert NK in issue_message(typo)


def test_messages_in_english() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", "abc", "Ninh Kiều", "T01"),
                ambassador("B", phone(2), "Cái Khế", "T01"),
            ]
        )
    )
    invalid = issues(report, "phone_invalid")[0]
    assert issue_message(invalid, "en").startswith("Invalid phone number")
    assert issue_message(invalid).startswith("Số điện thoại không hợp lệ")
    unassigned = issues(report, "commune_unassigned")[0]
    assert issue_message(unassigned, "en") == f"{CK} is not assigned to any team."


def test_phones_are_masked_in_messages_unless_show_personal() -> None:
    report = run(
        two_teams(
            [
                ambassador("A", "0987 654 321", "Ninh Kiều", "T01"),
                ambassador("B", "+84 987 654 321", "Ninh Kiều", "T01"),
                ambassador("C", "0168 765 4321", "Ninh Kiều", "T01"),
            ]
        )
    )
    dup = issues(report, "phone_duplicate")[0]
    conv = issues(report, "phone_converted")[0]
    for issue in (dup, conv):
        for lang in ("vi", "en"):
            hidden = issue_message(issue, lang)
            assert "0987654321" not in hidden and "987654321" not in hidden
            assert "01687654321" not in hidden and "0387654321" not in hidden
        assert "654321" not in issue_value(issue).replace(" ", "")
    assert "*******321" in issue_message(dup)
    assert "0987654321" in issue_message(dup, show_personal=True)
    shown = issue_message(conv, "en", show_personal=True)
    assert "01687654321" in shown and "0387654321" in shown
    assert issue_value(dup, show_personal=True) == "0987654321"
