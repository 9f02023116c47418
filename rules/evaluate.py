"""The whole rule pipeline: entry grids in, a plain-data report out. No I/O, no clock."""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date

from rules.campaign import Campaign
from rules.contract import (
    AMBASSADORS,
    ASSIGNMENTS,
    ENTRY_TABS,
    MEMBERS,
    TRAININGS,
    HeaderMap,
    map_headers,
)
from rules.crossrow import CheckedData, check
from rules.issues import Issue
from rules.locate import IssuePlaces, locate
from rules.models import Role, Training
from rules.parse import (
    Context,
    parse_ambassadors,
    parse_assignments,
    parse_members,
    parse_trainings,
)
from rules.quota import FALLING_SHORT, Status, elapsed_fraction, expected, percent, status
from rules.tables import RawCell
from rules.values.communes import CommuneDirectory
from rules.values.text import fold, header_key

GridLike = Sequence[Sequence[RawCell]]


class LayoutProblem(Exception):
    """Missing tabs or required columns: the sheet cannot be read as the contract says."""

    def __init__(self, missing: Sequence[tuple[str, str | None]]) -> None:
        super().__init__(missing)
        self.missing = tuple(missing)  # (tab, column) — column None for a missing tab


@dataclass(frozen=True)
class TeamResult:
    code: str
    leader: str
    deputy: str
    communes: int
    quota: int
    count: int
    percent: float | None
    expected: int
    trainings: int
    trained: int
    status: Status


@dataclass(frozen=True)
class CommuneResult:
    code: int
    name: str
    kind: str
    team: str | None
    quota: int | None
    count: int
    percent: float | None
    expected: int | None
    hamlets: int
    trainings: int
    status: Status | None


@dataclass(frozen=True)
class Totals:
    target: int
    quota: int
    ambassadors: int
    errors: int
    warnings: int
    error_rows: int
    warning_rows: int
    rows_read: int
    expected: int
    trainings: int
    trained: int
    communes_without_ambassador: int


@dataclass(frozen=True)
class Report:
    today: date
    campaign: Campaign
    province: str
    teams: tuple[TeamResult, ...]
    communes: tuple[CommuneResult, ...]
    issues: tuple[Issue, ...]
    totals: Totals
    rows_by_tab: Mapping[str, int]
    # valid unique ambassadors by `Ngày công nhận` (for `Tiến độ`)
    recognised: Mapping[date, int] = field(default_factory=dict)
    places: IssuePlaces = field(default_factory=IssuePlaces)


def find_tabs(titles: Sequence[str]) -> dict[str, str]:
    """Entry tab title → the spreadsheet's own title for it (matched like headers)."""
    found: dict[str, str] = {}
    for spec in ENTRY_TABS:
        keys = {header_key(spec.title), header_key(spec.en)}
        match = next((t for t in titles if header_key(t) in keys), None)
        if match is not None:
            found[spec.title] = match
    return found


@contextmanager
def paused_gc() -> Iterator[None]:
    """The pipeline builds about a million short-lived containers and no reference cycles;
    left on, the cyclic collector would rescan them again and again (3-4x slower at 100k rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def evaluate(
    grids: Mapping[str, GridLike], campaign: Campaign, directory: CommuneDirectory, today: date
) -> Report:
    """`grids` is keyed by the contract's tab titles (see `find_tabs`)."""
    with paused_gc():
        return _evaluate(grids, campaign, directory, today)


def _evaluate(
    grids: Mapping[str, GridLike], campaign: Campaign, directory: CommuneDirectory, today: date
) -> Report:
    headers: dict[str, HeaderMap] = {}
    missing: list[tuple[str, str | None]] = []
    for spec in ENTRY_TABS:
        tab = grids.get(spec.title)
        if tab is None:
            missing.append((spec.title, None))
            continue
        header = map_headers(spec, tab)
        absent = [c for c in spec.columns if c.required] if header is None else list(header.missing)
        missing.extend((spec.title, c.vi) for c in absent)
        if header is not None:
            headers[spec.title] = header
    if missing:
        raise LayoutProblem(missing)

    ctx = Context(campaign, directory, today)
    members = parse_members(grids[MEMBERS.title], headers[MEMBERS.title], ctx)
    assignments = parse_assignments(grids[ASSIGNMENTS.title], headers[ASSIGNMENTS.title], ctx)
    ambassadors = parse_ambassadors(grids[AMBASSADORS.title], headers[AMBASSADORS.title], ctx)
    trainings = parse_trainings(grids[TRAININGS.title], headers[TRAININGS.title], ctx)
    data = check(members, assignments, ambassadors, trainings, campaign, directory)
    issues = [
        *members.issues,
        *assignments.issues,
        *ambassadors.issues,
        *trainings.issues,
        *data.issues,
    ]
    order = {spec.title: i for i, spec in enumerate(ENTRY_TABS)}
    issues.sort(key=lambda i: (order.get(i.tab, 9), i.row))
    rows = {
        MEMBERS.title: members.rows_read,
        ASSIGNMENTS.title: assignments.rows_read,
        AMBASSADORS.title: ambassadors.rows_read,
        TRAININGS.title: trainings.rows_read,
    }
    report = _report(data, issues, campaign, directory, today, rows)
    recognised = Counter(a.recognised_on for a in data.ambassadors)
    return replace(report, recognised=recognised, places=locate(grids, headers, issues))


def _report(
    data: CheckedData,
    issues: list[Issue],
    campaign: Campaign,
    directory: CommuneDirectory,
    today: date,
    rows_by_tab: dict[str, int],
) -> Report:
    fraction = elapsed_fraction(today, campaign.start, campaign.deadline)

    def judge(count: int, quota: int) -> tuple[int, Status]:
        exp = expected(quota, fraction)
        return exp, status(count, quota, exp, today, campaign.deadline, campaign.pace_tolerance)

    count = Counter(a.commune for a in data.ambassadors)
    hamlets: defaultdict[int, set[str]] = defaultdict(set)
    for a in data.ambassadors:
        if a.hamlet:
            hamlets[a.commune].add(fold(a.hamlet))
    sessions = Counter(t.commune for t in data.trainings)

    communes: list[CommuneResult] = []
    team_communes: defaultdict[str, list[CommuneResult]] = defaultdict(list)
    for c in directory.communes:
        assignment = data.assignments.get(c.code)
        team = quota = commune_status = exp = None
        if assignment is not None:
            team = data.teams[assignment.team]
            quota = assignment.quota if assignment.quota is not None else campaign.commune_quota
            exp, commune_status = judge(count[c.code], quota)
        result = CommuneResult(
            c.code, c.name, c.kind, team, quota, count[c.code],
            percent(count[c.code], quota) if quota is not None else None, exp,
            len(hamlets[c.code]), sessions[c.code], commune_status,
        )  # fmt: skip
        communes.append(result)
        if assignment is not None:
            team_communes[assignment.team].append(result)

    trainings_by_team: defaultdict[str, list[Training]] = defaultdict(list)
    for t in data.trainings:
        trainings_by_team[t.team].append(t)
    teams: list[TeamResult] = []
    for key, code in data.teams.items():
        mine = team_communes[key]
        quota = sum(c.quota or 0 for c in mine)
        got = sum(c.count for c in mine)
        exp, team_status = judge(got, quota)
        held = trainings_by_team[key]
        teams.append(
            TeamResult(
                code, _role(data, key, Role.LEADER), _role(data, key, Role.DEPUTY), len(mine), quota, got,
                percent(got, quota), exp, len(held), sum(t.participants for t in held), team_status,
            )
        )  # fmt: skip

    errors = [i for i in issues if i.is_error]
    warnings = [i for i in issues if not i.is_error]
    totals = Totals(
        target=campaign.target,
        quota=sum(c.quota or 0 for c in communes),
        ambassadors=len(data.ambassadors),
        errors=len(errors),
        warnings=len(warnings),
        error_rows=len({(i.tab, i.row) for i in errors}),
        warning_rows=len({(i.tab, i.row) for i in warnings}),
        rows_read=sum(rows_by_tab.values()),
        expected=expected(campaign.target, fraction),
        trainings=len(data.trainings),
        trained=sum(t.participants for t in data.trainings),
        communes_without_ambassador=sum(1 for c in communes if c.count == 0),
    )
    return Report(
        today,
        campaign,
        directory.province,
        tuple(teams),
        tuple(communes),
        tuple(issues),
        totals,
        rows_by_tab,
    )


def _role(data: CheckedData, team: str, role: Role) -> str:
    return next((m.name for m in data.members if m.team == team and m.role == role), "")


def falling_short(report: Report) -> tuple[list[TeamResult], list[CommuneResult]]:
    teams = [t for t in report.teams if t.status in FALLING_SHORT]
    communes = [
        c for c in report.communes
        if c.status in FALLING_SHORT or (c.count == 0 and report.today > report.campaign.start)
    ]  # fmt: skip
    return teams, communes
