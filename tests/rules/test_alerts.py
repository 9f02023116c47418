"""rules.alerts: `Cảnh báo` levels, order and columns."""

from __future__ import annotations

from datetime import date

import pytest

from rules.alerts import Level, alert_rows, level_of, loss_alert
from rules.evaluate import Report
from rules.quota import Status
from tests.builders import ambassador, assignment, grids, member, phone, run

TODAY = date(2025, 11, 11)  # 27 of 46 days: expected = ceil(quota × 27/46)


def _team(code: str, leader: str) -> list[list[object]]:
    rows = [member(code, leader, "Tổ trưởng"), member(code, f"Phó {code}", "Tổ phó")]
    return rows + [member(code, f"TV {code} {i}") for i in range(3)]


def campaign_report() -> Report:
    """T01: 2/50 (exp 30: below half of 24 → Cao). T02: 15/40 (exp 24: 15 ≥ 9.6 → Trung bình).
    T03: 20/20 (Đạt). Communes: Ninh Kiều 2/50 Cao gap 28, Cái Khế 15/40 TB gap 9,
    Long Phú 20/20 Đạt; every other commune of the province is unassigned and empty."""
    amb = [ambassador(f"A{i}", phone(i), "Ninh Kiều", "T01") for i in range(2)]
    amb += [ambassador(f"B{i}", phone(100 + i), "Cái Khế", "T02") for i in range(15)]
    amb += [ambassador(f"C{i}", phone(200 + i), "Long Phú", "T03") for i in range(20)]
    g = grids(
        members=_team("T01", "Lê Văn Một") + _team("T02", "Trần Thị Hai") + _team("T03", "Ba"),
        assignments=[
            assignment("T01", "Ninh Kiều", 50),
            assignment("T02", "Cái Khế", 40),
            assignment("T03", "Long Phú", 20),
        ],
        ambassadors=amb,
    )
    return run(g, today=TODAY)


@pytest.fixture(scope="module")
def report() -> Report:
    return campaign_report()


def test_levels_follow_the_contract() -> None:
    assert level_of(Status.FAILED, 19, 20, 0.8, True) is Level.HIGH
    assert level_of(Status.BEHIND, 11, 30, 0.8, True) is Level.HIGH  # 11 < 12
    assert level_of(Status.BEHIND, 12, 30, 0.8, True) is Level.MEDIUM  # 12 = half of 24
    assert level_of(Status.ON_PACE, 0, 0, 0.8, True) is Level.LOW
    assert level_of(Status.ON_PACE, 0, 0, 0.8, False) is None
    assert level_of(Status.ON_PACE, 5, 5, 0.8, True) is None
    assert level_of(Status.DONE, 0, 0, 0.8, True) is Level.LOW  # quota 0, none yet
    assert level_of(Status.DONE, 3, 3, 0.8, True) is None


def test_columns_order_and_leaders(report: Report) -> None:
    rows = alert_rows(report, "vi")
    assert all(len(r) == 6 for r in rows)
    teams = [r for r in rows if r[1] is not None and r[3] is None]
    assert teams == [
        ("Cao", "T01", "Lê Văn Một", None, None, "Đã có 2/50, kỳ vọng 30 đến nay"),
        ("Trung bình", "T02", "Trần Thị Hai", None, None, "Đã có 15/40, kỳ vọng 24 đến nay"),
    ]
    assert rows[:2] == tuple(teams)  # teams first
    communes = rows[2:4]
    assert [(r[0], r[1], r[2], r[3]) for r in communes] == [
        ("Cao", "T01", "Lê Văn Một", "Phường Ninh Kiều"),
        ("Trung bình", "T02", "Trần Thị Hai", "Phường Cái Khế"),
    ]


def test_unassigned_communes_are_one_row_after_the_communes(report: Report) -> None:
    rows = alert_rows(report, "vi")
    assert len(rows) == 5
    last = rows[-1]
    assert last[:5] == ("Thấp", None, None, None, None)
    unassigned = [c.name for c in report.communes if c.team is None]
    assert len(unassigned) == 100
    assert str(last[5]).startswith("100 xã/phường chưa được phân công")
    assert all(name in str(last[5]) for name in unassigned)


def test_loss_alerts_come_first_of_all(report: Report) -> None:
    loss = loss_alert("Tab Đại sứ số mất 90 dòng; bản lưu snap-1", "vi")
    rows = alert_rows(report, "vi", loss=[loss])
    assert rows[0] == loss
    assert loss[0] == "Cao" and len(loss) == 6 and "snap-1" in str(loss[5])


def test_within_a_level_the_biggest_gap_first() -> None:
    amb = [ambassador(f"A{i}", phone(i), "Ninh Kiều", "T01") for i in range(13)]
    amb += [ambassador(f"B{i}", phone(100 + i), "Cái Khế", "T01") for i in range(14)]
    g = grids(
        members=_team("T01", "X"),
        assignments=[assignment("T01", "Cái Khế", 40), assignment("T01", "Ninh Kiều", 50)],
        ambassadors=amb,
    )
    rows = alert_rows(run(g, today=TODAY), "vi")
    communes = [(r[0], r[3]) for r in rows if r[3] is not None]
    # Ninh Kiều 13/50 (exp 30, gap 17) before Cái Khế 14/40 (exp 24, gap 10): both medium.
    assert communes == [("Trung bình", "Phường Ninh Kiều"), ("Trung bình", "Phường Cái Khế")]


def test_english_levels(report: Report) -> None:
    levels = [r[0] for r in alert_rows(report, "en")]
    assert levels == ["High", "Medium", "High", "Medium", "Low"]


def test_extensible_with_a_further_group(report: Report) -> None:
    from rules.alerts import GROUPS, Alert

    def hamlets(_r: Report, _leaders: object, _lang: str) -> list[Alert]:
        return [Alert(Level.MEDIUM, "h1", hamlet="Ấp 1", gap=1), Alert(Level.HIGH, "h2", gap=0)]

    rows = alert_rows(report, "vi", groups=(*GROUPS, hamlets))
    assert [r[5] for r in rows[-2:]] == ["h2", "h1"]
    assert rows[-3][0] == "Thấp"  # the unassigned row still closes the communes
