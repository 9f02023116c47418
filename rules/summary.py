"""The worker-owned tabs as plain tables, built from a `Report`."""

from __future__ import annotations

from datetime import datetime

from rules.contract import (
    ALERT_COLUMNS,
    ALERTS,
    BY_COMMUNE,
    BY_TEAM,
    COMMUNE_COLUMNS,
    DASHBOARD,
    DASHBOARD_COLUMNS,
    DATA_ISSUES,
    ISSUE_COLUMNS,
    TEAM_COLUMNS,
)
from rules.evaluate import CommuneResult, Report, TeamResult, falling_short
from rules.messages import issue_message, issue_value, pick
from rules.quota import FALLING_SHORT, Status, status_label
from rules.tables import Cell, Table

LABELS: dict[str, tuple[str, str]] = {
    "target": ("Mục tiêu chiến dịch (đại sứ số)", "Campaign target (ambassadors)"),
    "quota": ("Tổng chỉ tiêu các xã/phường", "Sum of commune quotas"),
    "ambassadors": ("Đại sứ số hợp lệ", "Valid ambassadors"),
    "percent": ("Tỷ lệ so với mục tiêu (%)", "% of target"),
    "expected": ("Kỳ vọng đến nay", "Expected by today"),
    "teams": ("Số tổ {status}", "Teams {status}"),
    "empty": ("Xã/phường chưa có đại sứ số", "Communes with no ambassador"),
    "trainings": ("Số buổi tập huấn", "Training sessions"),
    "trained": ("Số người được tập huấn", "People trained"),
    "error_rows": ("Số dòng có lỗi", "Rows with errors"),
    "warning_rows": ("Số dòng có cảnh báo", "Rows with warnings"),
    "today": ("Ngày đánh giá", "Evaluated as of"),
    "synced": ("Đồng bộ lần cuối", "Last sync"),
}
ALERT_TEXT: dict[str, tuple[str, str]] = {
    "behind": (
        "Đã có {count}/{quota}, kỳ vọng {expected} đến nay",
        "Has {count}/{quota}, {expected} expected by today",
    ),
    "failed": (
        "Đã có {count}/{quota}, đã quá hạn {deadline}",
        "Has {count}/{quota}, deadline {deadline} passed",
    ),
    "empty": ("Chưa có đại sứ số nào", "No ambassador yet"),
    "unassigned": (
        "Chưa có đại sứ số nào và chưa được phân công cho tổ nào",
        "No ambassador yet and not assigned to any team",
    ),
    "level.high": ("Cao", "High"),
    "level.medium": ("Trung bình", "Medium"),
}


def build_tables(
    report: Report,
    *,
    lang: str,
    now: datetime,
    show_personal: bool = False,
    extra_alerts: tuple[tuple[Cell, ...], ...] = (),
) -> tuple[Table, ...]:
    return (
        Table(DASHBOARD, DASHBOARD_COLUMNS, dashboard_rows(report, lang, now)),
        Table(BY_TEAM, TEAM_COLUMNS, tuple(_team_row(t, lang) for t in report.teams)),
        Table(BY_COMMUNE, COMMUNE_COLUMNS, tuple(_commune_row(c, lang) for c in report.communes)),
        Table(ALERTS, ALERT_COLUMNS, (*extra_alerts, *alert_rows(report, lang))),
        Table(DATA_ISSUES, ISSUE_COLUMNS, issue_rows(report, lang, show_personal)),
    )


def dashboard_rows(report: Report, lang: str, now: datetime) -> tuple[tuple[Cell, ...], ...]:
    t = report.totals
    label = {key: pick(pair, lang) for key, pair in LABELS.items()}
    rows: list[tuple[Cell, ...]] = [
        (label["target"], t.target),
        (label["quota"], t.quota),
        (label["ambassadors"], t.ambassadors),
        (label["percent"], round(t.ambassadors * 100 / t.target, 1) if t.target else None),
        (label["expected"], t.expected),
    ]
    for status in Status:
        count = sum(1 for team in report.teams if team.status is status)
        rows.append((label["teams"].format(status=status_label(status, lang)), count))
    rows += [
        (label["empty"], t.communes_without_ambassador),
        (label["trainings"], t.trainings),
        (label["trained"], t.trained),
        (label["error_rows"], t.error_rows),
        (label["warning_rows"], t.warning_rows),
        (label["today"], report.today),
        (label["synced"], now.replace(tzinfo=None, microsecond=0)),
    ]
    return tuple(rows)


def _status(value: Status | None, lang: str) -> str | None:
    return status_label(value, lang) if value is not None else None


def _team_row(t: TeamResult, lang: str) -> tuple[Cell, ...]:
    return (
        t.code, t.leader, t.deputy, t.communes, t.quota, t.count, t.percent, t.expected,
        t.trainings, t.trained, _status(t.status, lang),
    )  # fmt: skip


def _commune_row(c: CommuneResult, lang: str) -> tuple[Cell, ...]:
    # `Loại` is data, not a message: it stays "xã" / "phường" in every language.
    return (
        c.name,
        c.kind,
        c.team,
        c.quota,
        c.count,
        c.percent,
        c.hamlets,
        c.trainings,
        _status(c.status, lang),
    )


def alert_rows(report: Report, lang: str) -> tuple[tuple[Cell, ...], ...]:
    """Every team and commune falling short, and every commune still without an ambassador."""
    teams, communes = falling_short(report)
    deadline = report.campaign.deadline.strftime("%d/%m/%Y")
    rows: list[tuple[Cell, ...]] = []
    for t in teams:
        rows.append(
            (
                _level(t.status, lang),
                t.code,
                None,
                _reason(t.status, t.count, t.quota, t.expected, deadline, lang),
            )
        )
    for c in communes:
        if c.status in FALLING_SHORT:
            reason = _reason(c.status, c.count, c.quota or 0, c.expected or 0, deadline, lang)
            rows.append((_level(c.status, lang), c.team, c.name, reason))
        elif c.team is None:
            rows.append(
                (
                    pick(ALERT_TEXT["level.high"], lang),
                    None,
                    c.name,
                    pick(ALERT_TEXT["unassigned"], lang),
                )
            )
        else:
            rows.append(
                (
                    pick(ALERT_TEXT["level.medium"], lang),
                    c.team,
                    c.name,
                    pick(ALERT_TEXT["empty"], lang),
                )
            )
    return tuple(rows)


def loss_alert(text: str, lang: str) -> tuple[Cell, ...]:
    """A `Cảnh báo` row for an entry tab that lost many rows at once (mass-deletion guard);
    the caller words it, since it names a command to run."""
    return (pick(ALERT_TEXT["level.high"], lang), None, None, text)


def _level(status: Status | None, lang: str) -> str:
    return pick(ALERT_TEXT["level.high" if status is Status.FAILED else "level.medium"], lang)


def _reason(
    status: Status | None, count: int, quota: int, expected_now: int, deadline: str, lang: str
) -> str:
    key = "failed" if status is Status.FAILED else "behind"
    return pick(ALERT_TEXT[key], lang).format(
        count=count, quota=quota, expected=expected_now, deadline=deadline
    )


def issue_rows(report: Report, lang: str, show_personal: bool) -> tuple[tuple[Cell, ...], ...]:
    severity = {True: pick(("Lỗi", "Error"), lang), False: pick(("Cảnh báo", "Warning"), lang)}
    return tuple(
        (i.tab, i.row, i.column, issue_value(i, show_personal=show_personal), severity[i.is_error],
         issue_message(i, lang, show_personal=show_personal))
        for i in report.issues
    )  # fmt: skip


def report_json(report: Report, *, lang: str, show_personal: bool = False) -> dict[str, object]:
    """`validate --format json`, keys exactly as the contract shows; statuses stay Vietnamese."""
    t = report.totals
    return {
        "today": report.today.isoformat(),
        "totals": {"target": t.target, "quota": t.quota, "ambassadors": t.ambassadors,
                   "errors": t.errors, "warnings": t.warnings},
        "teams": [
            {"team": x.code, "quota": x.quota, "count": x.count, "expected": x.expected, "status": x.status.value}
            for x in report.teams
        ],
        "communes": [
            {"commune": c.name, "code": c.code, "team": c.team, "quota": c.quota, "count": c.count,
             "status": c.status.value if c.status else None}
            for c in report.communes
        ],
        "issues": [
            {"tab": i.tab, "row": i.row, "column": i.column, "severity": i.severity.value, "code": i.code,
             "message": issue_message(i, lang, show_personal=show_personal)}
            for i in report.issues
        ],
    }  # fmt: skip
