"""Hamlets through the whole rule pipeline: the list, matching, figures, tabs and JSON."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from rules.evaluate import Report
from rules.messages import issue_message
from rules.summary import build_tables, report_json
from rules.tables import Table
from tests.builders import CAMPAIGN, Row, ambassador, assignment, phone, run, tab
from tests.hamlet_campaign import (
    ALERTS,
    DASHBOARD,
    HAMLET_HEADER,
    HAMLET_TAB,
    ISSUES,
    THEO_AP,
    THEO_XA_HAMLETS,
    TODAY,
    hamlet_campaign,
)

NOW = datetime(2025, 11, 10, 8, 0)


@pytest.fixture(scope="module")
def report() -> Report:
    return run(hamlet_campaign(), today=TODAY)


@pytest.fixture(scope="module")
def tables(report: Report) -> dict[str, Table]:
    return {t.title: t for t in build_tables(report, lang="vi", now=NOW)}


def test_theo_ap(tables: dict[str, Table]) -> None:
    assert [tuple(r) for r in tables["Theo ấp"].rows] == THEO_AP


def test_theo_xa_hamlet_columns(tables: dict[str, Table]) -> None:
    header = tables["Theo xã"].header
    listed, reached = header.index("Số ấp/khu vực"), header.index("Số ấp/khu vực có đại sứ")
    found = {r[0]: (r[listed], r[reached]) for r in tables["Theo xã"].rows}
    for name, figures in THEO_XA_HAMLETS.items():
        assert found[name] == figures, name
    assert found["Phường Tân An"] == (None, 0)  # nothing listed, nothing typed


def test_dashboard_hamlet_figures(tables: dict[str, Table]) -> None:
    rows = {r[0]: r[1] for r in tables["Tổng hợp"].rows}
    for label, value in DASHBOARD.items():
        assert rows[label] == value
    labels = [r[0] for r in tables["Tổng hợp"].rows]
    empty = labels.index("Xã/phường chưa có đại sứ số")
    assert labels[empty + 1 : empty + 4] == list(DASHBOARD)


def test_alerts_group_hamlets_per_commune(tables: dict[str, Table]) -> None:
    all_rows = tables["Cảnh báo"].rows
    rows = [tuple(r) for r in all_rows if r[4]]
    assert rows == ALERTS
    # hamlets come last, after teams and communes
    assert [i for i, r in enumerate(all_rows) if r[4]] == list(
        range(len(all_rows) - len(ALERTS), len(all_rows))
    )


def test_issues(report: Report) -> None:
    found = {(i.tab, i.row, i.code) for i in report.issues}
    assert found >= ISSUES
    hamlet_codes = {"hamlet_listed_twice", "hamlet_unknown", "hamlet_ambiguous"}
    assert {(t, r, c) for t, r, c in found if c in hamlet_codes or t == HAMLET_TAB} == ISSUES


def test_issue_messages_name_the_hamlets(report: Report) -> None:
    by_code = {i.code: i for i in report.issues}
    twice = issue_message(by_code["hamlet_listed_twice"], "vi")
    assert "Ấp 3" in twice and "dòng 4" in twice and "Xã Thới Lai" in twice
    unknown = issue_message(by_code["hamlet_unknown"], "en")
    assert "Ấp Thới Thuận A" in unknown and "Ấp Thới Thuận B" in unknown
    assert "still counts" in unknown
    ambiguous = issue_message(by_code["hamlet_ambiguous"], "vi")
    assert "Khu vực 3" in ambiguous and "Khóm 3" in ambiguous
    assert by_code["hamlet_unknown"].is_error is False
    assert by_code["hamlet_ambiguous"].is_error is False
    assert by_code["hamlet_listed_twice"].is_error is True


def test_unmatched_hamlets_still_count_for_their_commune(report: Report) -> None:
    communes = {c.name: c.count for c in report.communes}
    assert communes["Xã Thới Lai"] == 6
    assert communes["Phường Ninh Kiều"] == 3
    assert report.totals.ambassadors == 12


def test_json_hamlets(report: Report) -> None:
    data = report_json(report, lang="en")
    assert data["hamlets"] == [
        {"commune": c, "hamlet": h, "team": t, "quota": q, "count": n, "status": s}
        for c, h, t, q, n, _, s in THEO_AP
    ]  # statuses stay Vietnamese


def test_rows_read_count_the_hamlet_tab(report: Report) -> None:
    assert report.rows_by_tab[HAMLET_TAB] == 11


def test_hamlet_quota_comes_from_the_config() -> None:
    report = run(hamlet_campaign(), campaign=replace(CAMPAIGN, hamlet_quota=2), today=TODAY)
    quotas = {h.name: h.quota for h in report.hamlets}
    assert quotas["Khu vực 1"] == 2 and quotas["Ấp Thới Thuận B"] == 2 and quotas["Khu vực 3"] == 3


def test_many_empty_hamlets_make_one_alert_row() -> None:
    listed: list[Row] = [["Xã Thới Lai", f"Ấp {i}", None] for i in range(1, 41)]
    g = hamlet_campaign()
    g[HAMLET_TAB] = tab(HAMLET_HEADER, listed)
    g["Đại sứ số"] = tab(g["Đại sứ số"][0], [ambassador("A", phone(1), "Xã Thới Lai", "T01")])
    tables = {t.title: t for t in build_tables(run(g, today=TODAY), lang="en", now=NOW)}
    rows = [r for r in tables["Cảnh báo"].rows if r[4]]
    assert len(rows) == 1
    level, team, _, commune, hamlets, text = rows[0]
    assert (level, team, commune) == ("High", "T01", "Xã Thới Lai")
    assert hamlets == ", ".join(f"Ấp {i}" for i in range(1, 41))
    assert text == "40 hamlets with no ambassador yet"


def test_no_theo_ap_without_the_tab_and_all_blank_without_a_list() -> None:
    g = hamlet_campaign()
    del g[HAMLET_TAB]
    report = run(g, today=TODAY)
    titles = [t.title for t in build_tables(report, lang="vi", now=NOW)]
    assert "Theo ấp" not in titles
    assert report.hamlets == () and report_json(report, lang="vi")["hamlets"] == []
    assert {i.code for i in report.issues}.isdisjoint({"hamlet_unknown", "hamlet_ambiguous"})
    thoi_lai = next(c for c in report.communes if c.name == "Xã Thới Lai")
    assert thoi_lai.listed_hamlets is None
    assert thoi_lai.hamlets == 5  # the distinct names typed, as before a list existed


@pytest.mark.parametrize(
    "title", ["Ấp - Khu vực", "Ấp-Khu vực", "AP KHU VUC", "ấp khu vực", "Hamlets"]
)
def test_the_tab_is_found_like_a_header(title: str) -> None:
    from rules.evaluate import find_tabs

    assert find_tabs(["Tổ", title])["Ấp - Khu vực"] == title


@pytest.mark.parametrize(
    "header",
    ["Ấp/Khu vực", "Ấp", "Khóm", "Khu vực", "Khu phố", "Thôn", "Tổ dân phố", "Bản", "Buôn", "Sóc",
     "Ấp/Khóm", "ẤP, KHÓM", "Thôn/Bản", "Ấp/Khu vực/Khóm", "Thôn - Tổ dân phố", "Hamlet"],
)  # fmt: skip
def test_hamlet_header_variants(header: str) -> None:
    g = hamlet_campaign()
    g[HAMLET_TAB] = tab(("Xã/Phường", header, "Chỉ tiêu"), [["Xã Thới Lai", "Ấp 3", None]])
    amb = g["Đại sứ số"]
    amb[0] = [header if h == "Ấp/Khu vực" else h for h in amb[0]]
    report = run(g, today=TODAY)
    assert [(h.name, h.count) for h in report.hamlets] == [("Ấp 3", 2)]


def test_assignment_after_listing_keeps_the_hamlet_team() -> None:
    g = hamlet_campaign()
    g["Phân công"].append(assignment("T02", "Xã Phong Điền"))
    report = run(g, today=TODAY)
    assert next(h for h in report.hamlets if h.name == "Ấp Nhơn Lộc").team == "T02"
    assert (HAMLET_TAB, 10, "commune_unassigned") not in {
        (i.tab, i.row, i.code) for i in report.issues
    }
