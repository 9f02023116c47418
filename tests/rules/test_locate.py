"""rules.locate: the team and name typed on an issue's row, and where its column really is."""

from __future__ import annotations

from rules.summary import build_tables, report_json
from rules.tables import Target
from tests.builders import AMB_HEADER, ambassador, assignment, grids, run, team_members

NOW_ARGS = {"lang": "vi"}


def test_targets_follow_the_columns_wherever_they_are_and_owners_are_as_typed() -> None:
    g = grids(
        members=team_members("T01"),
        assignments=[assignment("T01", "Ninh Kiều", 5)],
        ambassadors=[
            ambassador("  Lê Văn  A ", "0912000001", "Ninh Kiều", " t01 "),
            ambassador("Lê Văn B", "0112345678", "Ninh Kiều", "T01"),  # bad prefix: row 4
            ambassador(None, "0912000003", "Ninh Kiều", None),  # name and team missing: row 5
        ],
    )
    # A blank row above the header, and the phone column moved to the front.
    order = [3, *[i for i in range(len(AMB_HEADER)) if i != 3]]
    amb = [[row[i] if i < len(row) else None for i in order] for row in g["Đại sứ số"]]
    g["Đại sứ số"] = [[], *amb]
    report = run(g)
    phone = next(i for i in report.issues if i.code == "phone_bad_prefix")
    assert phone.row == 4
    assert report.places.target(phone) == Target("Đại sứ số", 4, 0)  # column A
    assert report.places.owner(phone) == ("T01", "Lê Văn B")
    missing = [i for i in report.issues if i.row == 5]
    assert {i.column for i in missing} == {"Họ và tên", "Mã tổ"}
    name_col = order.index(0)
    assert {report.places.target(i) for i in missing} == {
        Target("Đại sứ số", 5, name_col), Target("Đại sứ số", 5, order.index(7)),
    }  # fmt: skip
    assert report.places.owner(missing[0]) == (None, None)

    from datetime import datetime

    issues = next(
        t
        for t in build_tables(report, now=datetime(2025, 11, 10), **NOW_ARGS)
        if t.title == "Lỗi dữ liệu"
    )
    assert issues.link_column == 1 and len(issues.links) == len(issues.rows)
    row = next(r for r in issues.rows if r[1] == 4)
    assert row[6:] == ("T01", "Lê Văn B")
    teams = {(i["row"], i["team"]) for i in report_json(report, lang="vi")["issues"]}  # type: ignore[union-attr]
    assert (4, "T01") in teams and (5, None) in teams
