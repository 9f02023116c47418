"""`Cảnh báo` rows for listed hamlets falling short, grouped per commune and level.

A commune with forty empty hamlets gets one row naming them, not forty rows: hamlets of
one commune at the same `Mức độ` share a row; `Ấp/Khu vực` names them all and `Nội dung`
sums them up. A lone hamlet gets the usual reason ("Đã có 1/3, kỳ vọng 2 đến nay").
Hamlets of a commune no team is assigned are left to that commune's own row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rules.alerts import Alert, Level, level_of, reason
from rules.evaluate import Report
from rules.hamlets import HamletResult
from rules.messages import ALERT_MESSAGES, pick
from rules.quota import Status


def hamlet_alerts(report: Report, leaders: Mapping[str, str], lang: str) -> list[Alert]:
    tolerance, started = report.campaign.pace_tolerance, report.today > report.campaign.start
    groups: dict[tuple[int, Level], list[HamletResult]] = {}
    for h in report.hamlets:
        if h.team is None:
            continue
        level = level_of(h.status, h.count, h.expected, tolerance, started)
        if level is not None:
            groups.setdefault((h.commune, level), []).append(h)
    out: list[Alert] = []
    for (_, level), hamlets in groups.items():
        first = hamlets[0]
        team = first.team
        leader = leaders.get(team) if team is not None else None
        gap = sum(h.expected - h.count for h in hamlets)
        text = _text(report, hamlets, lang)
        names = ", ".join(h.name for h in hamlets)
        out.append(Alert(level, text, team, leader, first.commune_name, names, gap))
    return out


def _text(report: Report, hamlets: Sequence[HamletResult], lang: str) -> str:
    if len(hamlets) == 1:
        h = hamlets[0]
        return reason(report, h.status, h.count, h.quota, h.expected, lang)
    count = sum(h.count for h in hamlets)
    if count == 0:
        key = "hamlets.empty"
    elif any(h.status is Status.FAILED for h in hamlets):
        key = "hamlets.failed"
    else:
        key = "hamlets.behind"
    return pick(ALERT_MESSAGES[key], lang).format(
        n=len(hamlets),
        count=count,
        quota=sum(h.quota for h in hamlets),
        expected=sum(h.expected for h in hamlets),
        deadline=report.campaign.deadline.strftime("%d/%m/%Y"),
    )
