"""rules.summary: the worker-owned tables and `validate --format json`, as the contract shows them."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from rules.evaluate import Report
from rules.messages import pick
from rules.quota import Status
from rules.summary import LABELS, build_tables
from rules.tables import Table
from tests.builders import (
    CAMPAIGN,
    ambassador,
    assignment,
    can_tho,
    grids,
    phone,
    run,
    team_members,
    training,
)

NOW = datetime(2025, 11, 11, 8, 30, 15, 123456)
DAY_27 = date(2025, 11, 11)  # 27 of 46 days: quota 50 → expected ceil(29.35) = 30

CONTRACT_HEADERS = {
    "Tổng hợp": ("Chỉ số", "Giá trị"),
    "Tiến độ": ("Ngày", "Mới", "Lũy kế", "Kỳ vọng", "Mục tiêu"),
    "Theo tổ": (
        "Mã tổ",
        "Tổ trưởng",
        "Tổ phó",
        "Số xã/phường",
        "Chỉ tiêu",
        "Đã có",
        "Tỷ lệ (%)",
        "Kỳ vọng đến nay",
        "Số buổi tập huấn",
        "Số người được tập huấn",
        "Trạng thái",
    ),
    "Theo xã": (
        "Xã/Phường",
        "Loại",
        "Mã tổ",
        "Chỉ tiêu",
        "Đã có",
        "Tỷ lệ (%)",
        "Số ấp/khu vực",
        "Số ấp/khu vực có đại sứ",
        "Số buổi tập huấn",
        "Trạng thái",
    ),
    "Cảnh báo": ("Mức độ", "Mã tổ", "Tổ trưởng", "Xã/Phường", "Ấp/Khu vực", "Nội dung"),
    "Lỗi dữ liệu": ("Tab", "Dòng", "Cột", "Giá trị", "Mức độ", "Nội dung", "Mã tổ", "Họ và tên"),
}

# Phones used below, in the forms they are typed; none may leak in full into shared tabs.
P_DUP = "0987654321"
P_OLD = "01687654329"  # → 0387654329
P_BAD = "0112233445"


def scenario(today: date = DAY_27) -> Report:
    """T01: Ninh Kiều (quota 50, 12 ambassadors) → behind. T02: Long Phú (quota 10, 2) and
    Cái Khế (blank quota → 20, 20) → team on pace, Long Phú behind. Plus some broken rows."""
    rows = [
        ambassador(f"NK {i}", phone(i), "Ninh Kiều", "T01", hamlet=f"Khu vực {i % 3}")
        for i in range(12)
    ]
    rows += [ambassador(f"CK {i}", phone(100 + i), "Cái Khế", "T02") for i in range(20)]
    rows += [
        ambassador("LP 1", phone(200), "Long Phú", "T02", hamlet="Ấp 1"),
        ambassador("Dup A", P_DUP, "Long Phú", "T02"),  # row 35: counted (Long Phú: 2)
        ambassador("Dup B", "+84 987 654 321", "Long Phú", "T02"),  # duplicate: error
        ambassador("Old", P_OLD, "Vị Thanh", "T02"),  # converted: warning, unassigned: warning
        ambassador("Bad", P_BAD, "Ninh Kiều", "T01"),  # error
    ]
    g = grids(
        members=team_members("T01") + team_members("T02"),
        assignments=[
            assignment("T01", "Ninh Kiều", 50),
            assignment("T02", "Long Phú", 10),
            assignment("T02", "Cái Khế"),
        ],
        ambassadors=rows,
        trainings=[
            training("20/10/2025", "T01", "Ninh Kiều", 30),
            training("21/10/2025", "T01", "Ninh Kiều", 20),
            training("22/10/2025", "T02", "Cái Khế", 15),
        ],
    )
    return run(g, today=today)


def _tab(report: Report, title: str) -> Table:
    return next(t for t in build_tables(report, lang="vi", now=NOW) if t.title == title)


@pytest.fixture(scope="module")
def report() -> Report:
    return scenario()


@pytest.fixture(scope="module")
def tables(report: Report) -> dict[str, Table]:
    return {t.title: t for t in build_tables(report, lang="vi", now=NOW)}


def test_tables_have_the_contract_headers_in_order(tables: dict[str, Table]) -> None:
    assert list(tables) == list(CONTRACT_HEADERS)
    for title, header in CONTRACT_HEADERS.items():
        assert tables[title].header == header
        assert all(len(row) == len(header) for row in tables[title].rows)


def test_english_keeps_the_contract_headers(report: Report) -> None:
    for t in build_tables(report, lang="en", now=NOW):
        assert t.header == CONTRACT_HEADERS[t.title]


def test_by_team(tables: dict[str, Table]) -> None:
    rows = {
        r[0]: dict(zip(CONTRACT_HEADERS["Theo tổ"], r, strict=True)) for r in tables["Theo tổ"].rows
    }
    assert list(rows) == ["T01", "T02"]
    t01, t02 = rows["T01"], rows["T02"]
    assert (t01["Tổ trưởng"], t01["Tổ phó"]) == ("Người T01 1", "Người T01 2")
    assert (t01["Số xã/phường"], t01["Chỉ tiêu"], t01["Đã có"], t01["Kỳ vọng đến nay"]) == (
        1,
        50,
        12,
        30,
    )
    assert t01["Tỷ lệ (%)"] == 24.0
    assert (t01["Số buổi tập huấn"], t01["Số người được tập huấn"]) == (2, 50)
    assert t01["Trạng thái"] == "Chậm tiến độ"
    # T02: 10 + 20 = 30 quota, 2 + 20 = 22 counted; expected ceil(30·27/46) = 18; 22 ≥ 14.4.
    assert (t02["Số xã/phường"], t02["Chỉ tiêu"], t02["Đã có"], t02["Kỳ vọng đến nay"]) == (
        2,
        30,
        22,
        18,
    )
    assert t02["Tỷ lệ (%)"] == 73.3
    assert t02["Trạng thái"] == "Đúng tiến độ"


def test_by_commune_has_every_commune_of_the_province(tables: dict[str, Table]) -> None:
    rows = tables["Theo xã"].rows
    assert len(rows) == 103
    assert [r[0] for r in rows] == [c.name for c in can_tho().communes]
    kinds = [r[1] for r in rows]
    assert set(kinds) == {"xã", "phường"}
    assert kinds.count("xã") == 72 and kinds.count("phường") == 31


def test_by_commune_values(tables: dict[str, Table]) -> None:
    rows = {
        r[0]: dict(zip(CONTRACT_HEADERS["Theo xã"], r, strict=True)) for r in tables["Theo xã"].rows
    }
    nk, lp, ck = rows["Phường Ninh Kiều"], rows["Xã Long Phú"], rows["Phường Cái Khế"]
    assert (nk["Loại"], nk["Mã tổ"], nk["Chỉ tiêu"], nk["Đã có"], nk["Tỷ lệ (%)"]) == (
        "phường",
        "T01",
        50,
        12,
        24.0,
    )
    assert nk["Số ấp/khu vực có đại sứ"] == 3
    assert nk["Số buổi tập huấn"] == 2
    assert nk["Trạng thái"] == "Chậm tiến độ"
    assert (lp["Loại"], lp["Chỉ tiêu"], lp["Đã có"], lp["Tỷ lệ (%)"]) == ("xã", 10, 2, 20.0)
    assert lp["Trạng thái"] == "Chậm tiến độ"  # expected ceil(10·27/46) = 6; 2 < 4.8
    assert (ck["Chỉ tiêu"], ck["Đã có"], ck["Trạng thái"]) == (20, 20, "Đạt")
    # Unassigned communes: empty Mã tổ, no quota — even one that has an ambassador.
    vt = rows["Phường Vị Thanh"]
    assert (vt["Mã tổ"], vt["Chỉ tiêu"], vt["Đã có"]) == (None, None, 1)
    for name, row in rows.items():
        if name not in {"Phường Ninh Kiều", "Xã Long Phú", "Phường Cái Khế"}:
            assert row["Mã tổ"] in (None, "") and row["Chỉ tiêu"] is None


def test_percentages_are_numbers_with_one_decimal(tables: dict[str, Table]) -> None:
    seen = 0
    for title in ("Theo tổ", "Theo xã"):
        col = CONTRACT_HEADERS[title].index("Tỷ lệ (%)")
        for row in tables[title].rows:
            value = row[col]
            if value is None:
                continue
            assert isinstance(value, float)
            assert round(value, 1) == value
            seen += 1
    assert seen == 5


def test_counts_are_numbers(tables: dict[str, Table]) -> None:
    for title, names in (
        ("Theo tổ", ("Số xã/phường", "Chỉ tiêu", "Đã có", "Kỳ vọng đến nay")),
        ("Theo xã", ("Đã có", "Số ấp/khu vực có đại sứ", "Số buổi tập huấn")),
    ):
        for name in names:
            col = CONTRACT_HEADERS[title].index(name)
            assert all(isinstance(r[col], int) for r in tables[title].rows)


def test_alerts_for_every_team_and_commune_falling_short(tables: dict[str, Table]) -> None:
    rows = tables["Cảnh báo"].rows
    teams = [r for r in rows if r[1] is not None and r[3] is None]
    assert [(r[1], r[2], r[5]) for r in teams] == [
        ("T01", "Người T01 1", "Đã có 12/50, kỳ vọng 30 đến nay")
    ]
    by_commune = {r[3]: r for r in rows if r[3] is not None}
    assert by_commune["Phường Ninh Kiều"][1:] == (
        "T01",
        "Người T01 1",
        "Phường Ninh Kiều",
        None,
        "Đã có 12/50, kỳ vọng 30 đến nay",
    )
    assert by_commune["Xã Long Phú"][1:] == (
        "T02", "Người T02 1", "Xã Long Phú", None, "Đã có 2/10, kỳ vọng 6 đến nay",
    )  # fmt: skip
    assert "Phường Cái Khế" not in by_commune  # done
    assert "Phường Vị Thanh" not in by_commune  # has an ambassador
    # Every commune still without an ambassador and without a team: named in one row.
    empty = [
        c.name
        for c in can_tho().communes
        if c.name not in {"Phường Ninh Kiều", "Xã Long Phú", "Phường Cái Khế", "Phường Vị Thanh"}
    ]
    unassigned = rows[-1]
    assert unassigned[:5] == ("Thấp", None, None, None, None)
    assert all(name in str(unassigned[5]) for name in empty)
    assert len(rows) == 1 + 2 + 1


def test_long_phu_status_detail(report: Report) -> None:
    lp = next(c for c in report.communes if c.name == "Xã Long Phú")
    assert (lp.count, lp.quota, lp.expected) == (2, 10, 6)
    assert lp.status is Status.BEHIND


def test_commune_with_zero_ambassadors_after_start_gets_a_row() -> None:
    g = grids(members=team_members("T01"), assignments=[assignment("T01", "Ninh Kiều", 0)])
    after = {r[3]: r for r in _tab(run(g, today=date(2025, 10, 16)), "Cảnh báo").rows}
    row = after["Phường Ninh Kiều"]
    assert row[1] == "T01"
    assert "Chưa có đại sứ số" in str(row[5])
    on_start = _tab(run(g, today=CAMPAIGN.start), "Cảnh báo").rows
    assert on_start == ()  # day 0: nothing is late yet


def test_failed_after_deadline_alert_names_the_deadline() -> None:
    g = grids(
        members=team_members("T01"),
        assignments=[assignment("T01", "Ninh Kiều", 5)],
        ambassadors=[ambassador("A", phone(1), "Ninh Kiều", "T01")],
    )
    report = run(g, today=date(2025, 12, 1))
    rows = _tab(report, "Cảnh báo").rows
    t01 = next(r for r in rows if r[1] == "T01" and r[3] is None)
    assert "1/5" in str(t01[5]) and "30/11/2025" in str(t01[5])
    assert t01[0] == "Cao"
    assert report.teams[0].status is Status.FAILED


def test_data_issue_rows(report: Report, tables: dict[str, Table]) -> None:
    rows = tables["Lỗi dữ liệu"].rows
    assert len(rows) == len(report.issues) > 0
    for row, issue in zip(rows, report.issues, strict=True):
        assert (row[0], row[1], row[2]) == (issue.tab, issue.row, issue.column)
        assert isinstance(row[1], int)
        assert row[4] == ("Lỗi" if issue.is_error else "Cảnh báo")
    dup = next(r for r in rows if r[1] == 36)
    assert (dup[0], dup[2], dup[4]) == ("Đại sứ số", "Số điện thoại", "Lỗi")


def _digits(cell: object) -> str:
    return re.sub(r"\D", "", str(cell))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_full_phone_number_in_shared_tabs(report: Report, lang: str) -> None:
    secrets = [
        "0987654321",
        "987654321",
        "01687654329",
        "0387654329",
        "1687654329",
        P_BAD,
        "112233445",
    ]
    for t in build_tables(report, lang=lang, now=NOW):
        for row in t.rows:
            for cell in row:
                text = str(cell)
                for secret in secrets:
                    assert secret not in text, (t.title, row)
                    assert secret not in _digits(text), (t.title, row)
    # …and they are all there when personal data is asked for (so the test can fail).
    shown = [
        str(c)
        for t in build_tables(report, lang=lang, now=NOW, show_personal=True)
        for row in t.rows
        for c in row
    ]
    assert any("0987654321" in c for c in shown)
    assert any("01687654329" in c for c in shown)


def test_dashboard(report: Report, tables: dict[str, Table]) -> None:
    rows = dict(tables["Tổng hợp"].rows)
    label = {k: pick(v, "vi") for k, v in LABELS.items()}
    assert rows[label["target"]] == 2000
    assert rows[label["quota"]] == 50 + 10 + 20
    assert rows[label["ambassadors"]] == 12 + 20 + 2 + 1 == report.totals.ambassadors
    assert rows[label["percent"]] == 1.8  # 35 / 2000
    # The contract: expected by today is the sum of the teams' (was ceil(2000 · 27/46) = 1174).
    assert rows[label["expected"]] == sum(t.expected for t in report.teams)
    assert rows[label["expected"]] == 48
    by_status = {s: rows[label["teams"].format(status=s.value)] for s in Status}
    assert by_status == {Status.DONE: 0, Status.FAILED: 0, Status.ON_PACE: 1, Status.BEHIND: 1}
    assert rows[label["empty"]] == 103 - 4
    assert (rows[label["trainings"]], rows[label["trained"]]) == (3, 65)
    assert rows[label["error_rows"]] == 2  # duplicate and bad prefix
    assert rows[label["warning_rows"]] == 1  # the converted + unassigned row
    synced = rows[label["synced"]]
    assert isinstance(synced, datetime) and synced.microsecond == 0 and synced.tzinfo is None
