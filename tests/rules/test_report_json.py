"""The JSON report of `validate --format json`, and a few summary edge cases."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from rules.evaluate import Report
from rules.messages import pick
from rules.summary import LABELS, build_tables, report_json
from tests.builders import (
    CAMPAIGN,
    grids,
    member,
    run,
    team_members,
)
from tests.rules.test_summary import NOW, _tab, scenario


@pytest.fixture(scope="module")
def report() -> Report:
    return scenario()


def test_report_json_has_exactly_the_contract_keys(report: Report) -> None:
    data = report_json(report, lang="vi")
    json.dumps(data, ensure_ascii=False)  # plain JSON data
    assert set(data) == {"today", "totals", "teams", "communes", "hamlets", "issues", "progress"}
    assert data["today"] == "2025-11-11"
    assert set(data["totals"]) == {"target", "quota", "ambassadors", "errors", "warnings"}  # type: ignore[arg-type]
    assert data["totals"] == {
        "target": 2000,
        "quota": 80,
        "ambassadors": 35,
        "errors": 2,
        "warnings": 2,
    }
    for t in data["teams"]:  # type: ignore[attr-defined]
        assert set(t) == {"team", "quota", "count", "expected", "status"}
    assert data["teams"][0] == {
        "team": "T01",
        "quota": 50,
        "count": 12,
        "expected": 30,
        "status": "Chậm tiến độ",
    }  # type: ignore[index]
    assert len(data["communes"]) == 103  # type: ignore[arg-type]
    for c in data["communes"]:  # type: ignore[attr-defined]
        assert set(c) == {"commune", "code", "team", "quota", "count", "status"}
    nk = next(c for c in data["communes"] if c["code"] == 31135)  # type: ignore[attr-defined]
    assert nk == {
        "commune": "Phường Ninh Kiều",
        "code": 31135,
        "team": "T01",
        "quota": 50,
        "count": 12,
        "status": "Chậm tiến độ",
    }
    for i in data["issues"]:  # type: ignore[attr-defined]
        assert set(i) == {"tab", "row", "column", "severity", "code", "message", "team"}
        assert i["severity"] in {"error", "warning"}
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", i["code"])
    codes = {(i["row"], i["code"], i["severity"]) for i in data["issues"]}  # type: ignore[attr-defined]
    assert (36, "phone_duplicate", "error") in codes
    assert (37, "phone_converted", "warning") in codes


def test_report_json_in_english_keeps_vietnamese_statuses(report: Report) -> None:
    data = report_json(report, lang="en")
    statuses = {t["status"] for t in data["teams"]} | {c["status"] for c in data["communes"]}  # type: ignore[attr-defined]
    assert statuses - {None} == {"Chậm tiến độ", "Đúng tiến độ", "Đạt"}
    dup = next(i for i in data["issues"] if i["code"] == "phone_duplicate")  # type: ignore[attr-defined]
    assert dup["message"].startswith("Phone ")
    assert "0987654321" not in dup["message"] and "*******321" in dup["message"]
    assert (
        "0987654321"
        in report_json(report, lang="en", show_personal=True)["issues"][  # type: ignore[index]
            [i["code"] for i in data["issues"]].index("phone_duplicate")  # type: ignore[attr-defined]
        ]["message"]
    )


def test_loai_stays_xa_phuong_in_english(report: Report) -> None:
    by_commune = next(t for t in build_tables(report, lang="en", now=NOW) if t.title == "Theo xã")
    assert {r[1] for r in by_commune.rows} == {"xã", "phường"}


def test_campaign_target_zero_has_no_percentage() -> None:
    g = grids(members=team_members("T01"))
    report = run(g, campaign=replace(CAMPAIGN, target=0))
    rows = dict(build_tables(report, lang="vi", now=NOW)[0].rows)
    assert rows[pick(LABELS["percent"], "vi")] is None


def test_leader_and_deputy_columns_follow_roles() -> None:
    g = grids(
        members=[
            member("T01", "Chị Thành Viên", "member"),
            member("T01", "Anh Phó", "deputy"),
            member("T01", "Cô Trưởng", "leader"),
        ]
    )
    row = _tab(run(g), "Theo tổ").rows[0]
    assert row[:3] == ("T01", "Cô Trưởng", "Anh Phó")
