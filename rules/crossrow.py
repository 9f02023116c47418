"""Checks that need more than one row: teams, assignments, duplicates, team composition."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rules.campaign import Campaign
from rules.contract import AMBASSADORS, ASSIGNMENTS, COMMUNE, MEMBERS, NAME, TEAM, TRAININGS
from rules.issues import Issue, IssueCode
from rules.models import Ambassador, Assignment, Member, Role, Training
from rules.parse import TabRows
from rules.values.communes import CommuneDirectory


@dataclass
class CheckedData:
    """Rows that count, after every check, and what the checks found."""

    teams: dict[str, str]  # team key -> display code, in Tổ order
    members: list[Member]
    assignments: dict[int, Assignment]  # commune code -> its (first valid) assignment
    ambassadors: list[Ambassador]  # valid and unique by phone
    trainings: list[Training]
    issues: list[Issue] = field(default_factory=list)


def check(
    members: TabRows,
    assignments: TabRows,
    ambassadors: TabRows,
    trainings: TabRows,
    campaign: Campaign,
    directory: CommuneDirectory,
) -> CheckedData:
    teams = members.teams
    issues: list[Issue] = []
    assigned = _assignments(assignments, teams, directory, issues)
    counted = _counted_ambassadors(ambassadors, teams, assigned, directory, issues)
    held: list[Training] = []
    for t in trainings.rows:
        if t.team not in teams:
            issues.append(_unknown_team(TRAININGS.title, t.row, t.team, teams))
            continue
        held.append(t)
        if t.commune not in assigned:
            issues.append(_unassigned(TRAININGS.title, t.row, t.commune, directory))
    issues.extend(_composition(members, campaign.team_size))
    return CheckedData(teams, members.rows, assigned, counted, held, issues)


def _unknown_team(spec_title: str, row: int, team: str, teams: dict[str, str]) -> Issue:
    shown = _display(team, teams)
    return Issue(spec_title, row, TEAM.vi, shown, IssueCode.TEAM_UNKNOWN, {"team": shown})


def _assignments(
    assignments: TabRows, teams: dict[str, str], directory: CommuneDirectory, issues: list[Issue]
) -> dict[int, Assignment]:
    """Commune code -> its first valid assignment; a second one for a commune is an error."""
    assigned: dict[int, Assignment] = {}
    for a in assignments.rows:
        if a.team not in teams:
            issues.append(_unknown_team(ASSIGNMENTS.title, a.row, a.team, teams))
        elif a.commune in assigned:
            first = assigned[a.commune]
            name = directory.by_code[a.commune].name
            params = {"commune": name, "team": teams[first.team], "first_row": first.row}
            issues.append(Issue(ASSIGNMENTS.title, a.row, COMMUNE.vi, name,
                                IssueCode.COMMUNE_ASSIGNED_TWICE, params))  # fmt: skip
        else:
            assigned[a.commune] = a
    return assigned


def _counted_ambassadors(
    ambassadors: TabRows,
    teams: dict[str, str],
    assigned: dict[int, Assignment],
    directory: CommuneDirectory,
    issues: list[Issue],
) -> list[Ambassador]:
    """Valid rows only, unique by phone: a broken first row does not hide a good later one."""
    team_of = {commune: a.team for commune, a in assigned.items()}
    counted: list[Ambassador] = []
    first_phone: dict[str, int] = {}
    for amb in ambassadors.rows:
        if amb.team not in teams:
            issues.append(_unknown_team(AMBASSADORS.title, amb.row, amb.team, teams))
            continue
        if amb.phone in first_phone:
            params = {
                "phone": amb.phone,
                "first_tab": AMBASSADORS.title,
                "first_row": first_phone[amb.phone],
            }
            issues.append(Issue(AMBASSADORS.title, amb.row, AMBASSADORS.column("phone").vi, amb.phone, IssueCode.PHONE_DUPLICATE,
                                params, personal=True))  # fmt: skip
            continue
        first_phone[amb.phone] = amb.row
        counted.append(amb)
        if team_of.get(amb.commune) != amb.team:  # the usual row needs no more than this lookup
            issues.extend(
                _assignment_warnings(
                    AMBASSADORS.title, amb.row, amb.commune, amb.team, assigned, teams, directory
                )
            )
    issues.extend(_probable_duplicates(counted))
    return counted


def _display(team: str, teams: dict[str, str]) -> str:
    return teams.get(team, team.upper())


def _unassigned(tab: str, row: int, commune: int, directory: CommuneDirectory) -> Issue:
    name = directory.by_code[commune].name
    return Issue(tab, row, COMMUNE.vi, name, IssueCode.COMMUNE_UNASSIGNED, {"commune": name})


def _assignment_warnings(
    tab: str,
    row: int,
    commune: int,
    team: str,
    assigned: dict[int, Assignment],
    teams: dict[str, str],
    directory: CommuneDirectory,
) -> list[Issue]:
    assignment = assigned.get(commune)
    if assignment is None:
        return [_unassigned(tab, row, commune, directory)]
    if assignment.team != team:
        params = {
            "commune": directory.by_code[commune].name,
            "assigned": teams[assignment.team],
            "team": teams[team],
        }
        return [
            Issue(tab, row, TEAM.vi, teams[team], IssueCode.TEAM_NOT_ASSIGNED_TO_COMMUNE, params)
        ]
    return []


def _probable_duplicates(ambassadors: list[Ambassador]) -> list[Issue]:
    groups: defaultdict[tuple[str, int, int], list[Ambassador]] = defaultdict(list)
    for amb in ambassadors:
        if amb.birth_year is not None:
            groups[(amb.name.casefold(), amb.birth_year, amb.commune)].append(amb)
    issues: list[Issue] = []
    for group in groups.values():
        if len(group) < 2 or len({a.phone for a in group}) < 2:
            continue
        for amb in group:
            other = next(o for o in group if o.phone != amb.phone)
            issues.append(Issue(AMBASSADORS.title, amb.row, NAME.vi, amb.name, IssueCode.PROBABLE_DUPLICATE,
                                {"other_row": other.row}))  # fmt: skip
    return sorted(issues, key=lambda i: i.row)


def _composition(members: TabRows, team_size: int) -> list[Issue]:
    first_row = dict(members.team_rows)
    size: Counter[str] = Counter()
    roles: defaultdict[str, Counter[Role]] = defaultdict(Counter)
    for m in members.rows:
        size[m.team] += 1
        roles[m.team][m.role] += 1
    issues: list[Issue] = []
    for key, code in members.teams.items():
        row = first_row[key]
        found = [
            (IssueCode.TEAM_SIZE, size[key], size[key] != team_size),
            (IssueCode.TEAM_LEADERS, roles[key][Role.LEADER], roles[key][Role.LEADER] != 1),
            (IssueCode.TEAM_DEPUTIES, roles[key][Role.DEPUTY], roles[key][Role.DEPUTY] != 1),
        ]
        for issue_code, count, wrong in found:
            if wrong:
                params = {"team": code, "count": count, "size": team_size}
                issues.append(Issue(MEMBERS.title, row, TEAM.vi, code, issue_code, params))
    return issues
