"""The worker-owned tabs as plain tables, built from a `Report`."""

from __future__ import annotations

from datetime import datetime

from rules.alerts import GROUPS, alert_rows, loss_alert
from rules.contract import (
    ALERT_COLUMNS,
    ALERTS,
    BY_COMMUNE,
    BY_HAMLET,
    BY_TEAM,
    COMMUNE_COLUMNS,
    DASHBOARD,
    DASHBOARD_COLUMNS,
    DATA_ISSUES,
    HAMLET_COLUMNS,
    ISSUE_COLUMNS,
    ROW_LINK,
    TEAM_COLUMNS,
)
from rules.evaluate import CommuneResult, Report, TeamResult
from rules.hamlet_alerts import hamlet_alerts
from rules.hamlets import HamletResult
from rules.messages import issue_message, issue_value, pick, text
from rules.progress import ProgressDay, progress, progress_json, progress_table
from rules.quota import Status, status_label
from rules.tables import Cell, Table

__all__ = ["LABELS", "alert_rows", "build_tables", "loss_alert", "report_json"]
ISSUE_LINK = next(i for i, c in enumerate(ISSUE_COLUMNS) if c.name == ROW_LINK)  # opens the cell

LABELS: dict[str, tuple[str, str]] = {
    "target": ("Mục tiêu chiến dịch (đại sứ số)", "Campaign target (ambassadors)"),
    "quota": ("Tổng chỉ tiêu các xã/phường", "Sum of commune quotas"),
    "ambassadors": ("Đại sứ số hợp lệ", "Valid ambassadors"),
    "percent": ("Tỷ lệ so với mục tiêu (%)", "% of target"),
    "expected": ("Kỳ vọng đến nay", "Expected by today"),
    "teams": ("Số tổ {status}", "Teams {status}"),
    "empty": ("Xã/phường chưa có đại sứ số", "Communes with no ambassador"),
    "hamlets_listed": ("Số ấp/khu vực trong danh sách", "Hamlets listed"),
    "hamlets_reached": ("Số ấp/khu vực có đại sứ số", "Hamlets with an ambassador"),
    "hamlets_done": ("Số ấp/khu vực đạt chỉ tiêu", "Hamlets that met their quota"),
    "trainings": ("Số buổi tập huấn", "Training sessions"),
    "trained": ("Số người được tập huấn", "People trained"),
    "error_rows": ("Số dòng có lỗi", "Rows with errors"),
    "warning_rows": ("Số dòng có cảnh báo", "Rows with warnings"),
    "today": ("Ngày đánh giá", "Evaluated as of"),
    "synced": ("Đồng bộ lần cuối", "Last sync"),
}


def build_tables(
    report: Report,
    *,
    lang: str,
    now: datetime,
    show_personal: bool = False,
    extra_alerts: tuple[tuple[Cell, ...], ...] = (),
) -> tuple[Table, ...]:
    links = tuple(report.places.target(i) for i in report.issues)
    # `Theo ấp` only when the `Ấp - Khu vực` tab exists
    by_hamlet = (Table(BY_HAMLET, HAMLET_COLUMNS, hamlet_rows(report, lang)),) * report.hamlet_tab
    groups = (*GROUPS, hamlet_alerts)
    return (
        Table(DASHBOARD, DASHBOARD_COLUMNS, dashboard_rows(report, lang, now)),
        progress_table(report_progress(report)),
        Table(BY_TEAM, TEAM_COLUMNS, tuple(_team_row(t, lang) for t in report.teams)),
        Table(BY_COMMUNE, COMMUNE_COLUMNS, tuple(_commune_row(c, lang) for c in report.communes)),
        *by_hamlet,
        Table(ALERTS, ALERT_COLUMNS, alert_rows(report, lang, loss=extra_alerts, groups=groups)),
        Table(
            DATA_ISSUES, ISSUE_COLUMNS, issue_rows(report, lang, show_personal), links, ISSUE_LINK
        ),
    )


def report_progress(report: Report) -> tuple[ProgressDay, ...]:
    return progress(report.recognised, report.totals.quota, report.campaign, report.today)


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
    ]
    if t.hamlets_listed:
        rows += [
            (label["hamlets_listed"], t.hamlets_listed),
            (label["hamlets_reached"], t.hamlets_reached),
            (label["hamlets_done"], t.hamlets_done),
        ]
    rows += [
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
        c.listed_hamlets,
        c.hamlets,
        c.trainings,
        _status(c.status, lang),
    )


def hamlet_rows(report: Report, lang: str) -> tuple[tuple[Cell, ...], ...]:
    return tuple(_hamlet_row(h, lang) for h in report.hamlets)


def _hamlet_row(h: HamletResult, lang: str) -> tuple[Cell, ...]:
    return (
        h.commune_name, h.name, h.team, h.quota, h.count, h.percent, _status(h.status, lang),
    )  # fmt: skip


def issue_rows(report: Report, lang: str, show_personal: bool) -> tuple[tuple[Cell, ...], ...]:
    severity = {True: text("severity.error", lang), False: text("severity.warning", lang)}
    owner = report.places.owner
    return tuple(
        (i.tab, i.row, i.column, issue_value(i, show_personal=show_personal), severity[i.is_error],
         issue_message(i, lang, show_personal=show_personal), *owner(i))
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
        "hamlets": [
            {"commune": h.commune_name, "hamlet": h.name, "team": h.team, "quota": h.quota,
             "count": h.count, "status": h.status.value}
            for h in report.hamlets
        ],
        "progress": progress_json(report_progress(report), report.today),
        "issues": [
            {"tab": i.tab, "row": i.row, "column": i.column, "severity": i.severity.value, "code": i.code,
             "message": issue_message(i, lang, show_personal=show_personal),
             "team": report.places.owner(i)[0]}
            for i in report.issues
        ],
    }  # fmt: skip
