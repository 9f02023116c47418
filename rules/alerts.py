"""`Cảnh báo`: who is falling short, how badly, in the order a coordinator acts on it.

Rows are `Mức độ | Mã tổ | Tổ trưởng | Xã/Phường | Ấp/Khu vực | Nội dung`. Loss alerts
(mass deletion) come first of all, then one group per level of the campaign: teams,
communes, then any further group (hamlets) a caller passes in `groups`. Within a group,
`Cao` comes first and the biggest gap (expected − count) first; the communes assigned
to no team are one row at the end of their group, naming them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction

from rules.evaluate import CommuneResult, Report
from rules.messages import ALERT_MESSAGES, pick
from rules.quota import Status
from rules.tables import Cell


class Level(IntEnum):
    """`Mức độ`, most urgent first (the value is the sort rank)."""

    HIGH = 0
    MEDIUM = 1
    LOW = 2

    def label(self, lang: str) -> str:
        return pick(ALERT_MESSAGES[f"level.{self.name.lower()}"], lang)


@dataclass(frozen=True, slots=True)
class Alert:
    level: Level
    text: str
    team: str | None = None
    leader: str | None = None
    commune: str | None = None
    hamlet: str | None = None
    gap: int = 0  # expected − count: the bigger, the earlier within a level

    def row(self, lang: str) -> tuple[Cell, ...]:
        return (
            self.level.label(lang),
            self.team,
            self.leader or None,
            self.commune,
            self.hamlet,
            self.text,
        )


# A group of alerts: (report, team code → leader name, lang) → its alerts, in any order.
AlertGroup = Callable[[Report, Mapping[str, str], str], list[Alert]]


def level_of(
    status: Status | None, count: int, expected_now: int, tolerance: float, started: bool
) -> Level | None:
    """`Cao`: deadline passed short of quota, or count below half of expected × tolerance;
    `Trung bình`: other falling short; `Thấp`: no ambassador yet but not yet behind."""
    if status is Status.FAILED:
        return Level.HIGH
    if status is Status.BEHIND:
        half = Fraction(expected_now) * Fraction(str(tolerance)) / 2
        return Level.HIGH if count < half else Level.MEDIUM
    if count == 0 and started:
        return Level.LOW
    return None


def reason(
    report: Report, status: Status | None, count: int, quota: int, exp: int, lang: str
) -> str:
    """The reason in words: "Đã có 12/50, kỳ vọng 30 đến nay" (or the deadline passed)."""
    if count == 0 and status not in (Status.FAILED, Status.BEHIND):
        return pick(ALERT_MESSAGES["empty"], lang)
    key = "failed" if status is Status.FAILED else "behind"
    deadline = report.campaign.deadline.strftime("%d/%m/%Y")
    return pick(ALERT_MESSAGES[key], lang).format(
        count=count, quota=quota, expected=exp, deadline=deadline
    )


def _started(report: Report) -> bool:
    return report.today > report.campaign.start


def team_alerts(report: Report, leaders: Mapping[str, str], lang: str) -> list[Alert]:
    tolerance, out = report.campaign.pace_tolerance, []
    for t in report.teams:
        if t.status not in (Status.FAILED, Status.BEHIND):
            continue  # a team is listed only when it is falling short
        level = level_of(t.status, t.count, t.expected, tolerance, _started(report))
        if level is not None:
            text = reason(report, t.status, t.count, t.quota, t.expected, lang)
            out.append(Alert(level, text, t.code, t.leader, gap=t.expected - t.count))
    return out


def _commune_alert(report: Report, c: CommuneResult, leader: str | None, lang: str) -> Alert | None:
    exp = c.expected or 0
    level = level_of(c.status, c.count, exp, report.campaign.pace_tolerance, _started(report))
    if level is None:
        return None
    text = reason(report, c.status, c.count, c.quota or 0, exp, lang)
    return Alert(level, text, c.team, leader, c.name, gap=exp - c.count)


def commune_alerts(report: Report, leaders: Mapping[str, str], lang: str) -> list[Alert]:
    out = []
    for c in report.communes:
        if c.team is None:
            continue
        alert = _commune_alert(report, c, leaders.get(c.team), lang)
        if alert is not None:
            out.append(alert)
    return out


def unassigned_alert(report: Report, lang: str) -> Alert | None:
    """One row naming every commune with no team and no ambassador (after the start)."""
    names = [c.name for c in report.communes if c.team is None and c.count == 0]
    if not names or not _started(report):
        return None
    text = pick(ALERT_MESSAGES["unassigned"], lang).format(count=len(names), names=", ".join(names))
    return Alert(Level.LOW, text)


def ordered(alerts: Sequence[Alert]) -> list[Alert]:
    """`Cao` first, then the biggest gap; ties keep their order (stable sort)."""
    return sorted(alerts, key=lambda a: (a.level, -a.gap))


GROUPS: tuple[AlertGroup, ...] = (team_alerts, commune_alerts)


def alert_rows(
    report: Report,
    lang: str,
    *,
    loss: Sequence[tuple[Cell, ...]] = (),
    groups: Sequence[AlertGroup] = GROUPS,
) -> tuple[tuple[Cell, ...], ...]:
    """Loss alerts, then each group in order (its alerts ordered); the unassigned-communes
    row closes the communes group."""
    leaders = {t.code: t.leader for t in report.teams}
    rows: list[tuple[Cell, ...]] = list(loss)
    for group in groups:
        rows.extend(a.row(lang) for a in ordered(group(report, leaders, lang)))
        if group is commune_alerts and (extra := unassigned_alert(report, lang)) is not None:
            rows.append(extra.row(lang))
    return tuple(rows)


def loss_alert(tab: str, before: int, after: int, snapshot: str, lang: str) -> tuple[Cell, ...]:
    """A `Cảnh báo` row for an entry tab that lost many rows at once (mass-deletion guard)."""
    text = pick(ALERT_MESSAGES["loss"], lang).format(
        tab=tab, lost=before - after, before=before, after=after, snapshot=snapshot or "—"
    )
    return Alert(Level.HIGH, text).row(lang)
