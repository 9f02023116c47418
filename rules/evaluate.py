"""The whole rule pipeline: entry grids in, a plain-data report out. No I/O, no clock."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from rules.campaign import Campaign
from rules.contract import (
    AMBASSADORS,
    ASSIGNMENTS,
    ENTRY_TABS,
    HAMLETS,
    MEMBERS,
    TRAININGS,
    HeaderMap,
    column_letter,
    map_headers,
)
from rules.crossrow import CheckedData, check
from rules.hamlets import (
    HamletList,
    HamletResult,
    Judge,
    count_ambassadors,
    hamlet_results,
    parse_hamlets,
    reached_per_commune,
    read_list,
)
from rules.issues import Issue
from rules.locate import IssuePlaces, locate
from rules.models import Role, Training
from rules.parse import (
    Context,
    TabRows,
    parse_ambassadors,
    parse_assignments,
    parse_members,
    parse_trainings,
)
from rules.quota import FALLING_SHORT, Status, elapsed_fraction, expected, percent, status
from rules.tables import RawCell
from rules.values.communes import CommuneDirectory
from rules.values.hamlets import Hamlet
from rules.values.text import fold, header_key

GridLike = Sequence[Sequence[RawCell]]


class LayoutProblem(Exception):
    """Missing tabs or required columns: the sheet cannot be read as the contract says."""

    def __init__(
        self,
        missing: Sequence[tuple[str, str | None]],
        near: Mapping[tuple[str, str], tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(missing)
        self.missing = tuple(missing)  # (tab, column) — column None for a missing tab
        # (tab, missing column) -> (header typed, its column letter): a header close to it
        self.near = dict(near or {})


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
    hamlets: int  # hamlets with an ambassador: listed ones reached, else distinct names typed
    trainings: int
    status: Status | None
    listed_hamlets: int | None = None  # None when the commune lists no hamlet


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
    hamlets_listed: int = 0
    hamlets_reached: int = 0  # listed hamlets with at least one ambassador
    hamlets_done: int = 0  # listed hamlets whose count reached their quota


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
    hamlets: tuple[HamletResult, ...] = ()  # one per listed hamlet
    hamlet_tab: bool = False  # the `Ấp - Khu vực` tab exists (then `Theo ấp` is written)
    # valid unique ambassadors by `Ngày công nhận` (for `Tiến độ`)
    recognised: Mapping[date, int] = field(default_factory=dict)
    places: IssuePlaces = field(default_factory=IssuePlaces)


def find_tabs(titles: Sequence[str]) -> dict[str, str]:
    """Entry tab title → the spreadsheet's own title for it (matched like headers)."""
    found: dict[str, str] = {}
    for spec in ENTRY_TABS:
        keys = spec.title_keys()
        match = next((t for t in titles if header_key(t) in keys), None)
        if match is not None:
            found[spec.title] = match
    return found


def evaluate(
    grids: Mapping[str, GridLike], campaign: Campaign, directory: CommuneDirectory, today: date
) -> Report:
    """`grids` is keyed by the contract's tab titles (see `find_tabs`)."""
    return _evaluate(grids, campaign, directory, today)


def _headers(grids: Mapping[str, GridLike]) -> dict[str, HeaderMap]:
    """Each present tab's header map; raises `LayoutProblem` for what is missing."""
    headers: dict[str, HeaderMap] = {}
    missing: list[tuple[str, str | None]] = []
    near: dict[tuple[str, str], tuple[str, str]] = {}
    for spec in ENTRY_TABS:
        tab = grids.get(spec.title)
        if tab is None:
            if not spec.optional:
                missing.append((spec.title, None))
            continue
        header = map_headers(spec, tab)
        absent = [c for c in spec.columns if c.required] if header is None else list(header.missing)
        missing.extend((spec.title, c.vi) for c in absent)
        if header is not None:
            headers[spec.title] = header
            for miss in header.near_misses:
                near[(spec.title, spec.column(miss.field).vi)] = (
                    miss.header,
                    column_letter(miss.index),
                )
    if missing:
        raise LayoutProblem(missing, near)
    return headers


def _evaluate(
    grids: Mapping[str, GridLike], campaign: Campaign, directory: CommuneDirectory, today: date
) -> Report:
    headers = _headers(grids)
    ctx = Context(campaign, directory, today)
    members = parse_members(grids[MEMBERS.title], headers[MEMBERS.title], ctx)
    assignments = parse_assignments(grids[ASSIGNMENTS.title], headers[ASSIGNMENTS.title], ctx)
    listed: TabRows | None = None
    if HAMLETS.title in headers:
        listed = parse_hamlets(grids[HAMLETS.title], headers[HAMLETS.title], ctx)
    ambassadors = parse_ambassadors(grids[AMBASSADORS.title], headers[AMBASSADORS.title], ctx)
    trainings = parse_trainings(grids[TRAININGS.title], headers[TRAININGS.title], ctx)
    data = check(members, assignments, ambassadors, trainings, campaign, directory)
    listing = read_list(listed, data.assignments, directory)
    per_hamlet, hamlet_issues = count_ambassadors(data.ambassadors, listing, directory)
    tabs = [t for t in (members, assignments, listed, ambassadors, trainings) if t is not None]
    issues = [*(i for t in tabs for i in t.issues), *data.issues, *listing.issues, *hamlet_issues]
    hidden = {(t.spec.title, row) for t in tabs for row in t.hidden_rows}
    if hidden:
        issues = [replace(i, hidden=True) if (i.tab, i.row) in hidden else i for i in issues]
    order = {spec.title: i for i, spec in enumerate(ENTRY_TABS)}
    issues.sort(key=lambda i: (order.get(i.tab, 9), i.row))
    rows = {t.spec.title: t.rows_read for t in tabs}
    found = _Hamlets(listing, per_hamlet, listed is not None)
    report = _report(data, issues, campaign, directory, today, rows, found)
    recognised = Counter(a.recognised_on for a in data.ambassadors)
    return replace(report, recognised=recognised, places=locate(grids, headers, issues))


@dataclass(frozen=True)
class _Hamlets:
    listing: HamletList
    counts: Mapping[Hamlet, int]
    tab: bool


def _report(
    data: CheckedData,
    issues: list[Issue],
    campaign: Campaign,
    directory: CommuneDirectory,
    today: date,
    rows_by_tab: dict[str, int],
    found: _Hamlets,
) -> Report:
    fraction = elapsed_fraction(today, campaign.start, campaign.deadline)

    def judge(count: int, quota: int) -> tuple[int, Status]:
        exp = expected(quota, fraction)
        return exp, status(count, quota, exp, today, campaign.deadline, campaign.pace_tolerance)

    count = Counter(a.commune for a in data.ambassadors)
    sessions = Counter(t.commune for t in data.trainings)
    results = _hamlet_results(data, found, directory, campaign, judge)
    listed, hamlets = _hamlets_per_commune(data, results)

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
            hamlets[c.code], sessions[c.code], commune_status, listed.get(c.code),
        )  # fmt: skip
        communes.append(result)
        if assignment is not None:
            team_communes[assignment.team].append(result)

    teams = _teams(data, team_communes, judge)
    totals = _totals(data, issues, communes, teams, results, campaign, rows_by_tab)
    return Report(
        today,
        campaign,
        directory.province,
        tuple(teams),
        tuple(communes),
        tuple(issues),
        totals,
        rows_by_tab,
        results,
        found.tab,
    )


def _teams(
    data: CheckedData, team_communes: Mapping[str, list[CommuneResult]], judge: Judge
) -> list[TeamResult]:
    trainings_by_team: defaultdict[str, list[Training]] = defaultdict(list)
    for t in data.trainings:
        trainings_by_team[t.team].append(t)
    teams: list[TeamResult] = []
    for key, code in data.teams.items():
        mine = team_communes.get(key, [])
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
    return teams


def _totals(
    data: CheckedData,
    issues: list[Issue],
    communes: list[CommuneResult],
    teams: list[TeamResult],
    hamlets: tuple[HamletResult, ...],
    campaign: Campaign,
    rows_by_tab: Mapping[str, int],
) -> Totals:
    errors = [i for i in issues if i.is_error]
    warnings = [i for i in issues if not i.is_error]
    return Totals(
        target=campaign.target,
        quota=sum(c.quota or 0 for c in communes),
        ambassadors=len(data.ambassadors),
        errors=len(errors),
        warnings=len(warnings),
        error_rows=len({(i.tab, i.row) for i in errors}),
        warning_rows=len({(i.tab, i.row) for i in warnings}),
        rows_read=sum(rows_by_tab.values()),
        expected=sum(t.expected for t in teams),  # the sum of the teams', as `Theo tổ` shows
        trainings=len(data.trainings),
        trained=sum(t.participants for t in data.trainings),
        communes_without_ambassador=sum(1 for c in communes if c.count == 0),
        hamlets_listed=len(hamlets),
        hamlets_reached=sum(1 for h in hamlets if h.count > 0),
        hamlets_done=sum(1 for h in hamlets if h.status is Status.DONE),
    )


def _hamlet_results(
    data: CheckedData,
    found: _Hamlets,
    directory: CommuneDirectory,
    campaign: Campaign,
    judge: Judge,
) -> tuple[HamletResult, ...]:
    teams = {code: data.teams[a.team] for code, a in data.assignments.items()}
    return hamlet_results(
        found.listing, found.counts, teams, directory, campaign.hamlet_quota, judge
    )


def _hamlets_per_commune(
    data: CheckedData, results: tuple[HamletResult, ...]
) -> tuple[dict[int, int], Counter[int]]:
    """(listed hamlets, hamlets with an ambassador) per commune: listed hamlets reached where
    the commune lists some, else the distinct hamlet names typed for it."""
    listed, reached = reached_per_commune(results)
    typed: defaultdict[int, set[str]] = defaultdict(set)
    for a in data.ambassadors:
        if a.hamlet and a.commune not in listed:
            typed[a.commune].add(fold(a.hamlet))
    for commune, names in typed.items():
        reached[commune] = len(names)
    return dict(listed), reached


def _role(data: CheckedData, team: str, role: Role) -> str:
    return next((m.name for m in data.members if m.team == team and m.role == role), "")


def falling_short(report: Report) -> tuple[list[TeamResult], list[CommuneResult]]:
    teams = [t for t in report.teams if t.status in FALLING_SHORT]
    communes = [
        c for c in report.communes
        if c.status in FALLING_SHORT or (c.count == 0 and report.today > report.campaign.start)
    ]  # fmt: skip
    return teams, communes
