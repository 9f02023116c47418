"""The `Ấp - Khu vực` tab, and everything counted per listed hamlet.

- Reading the list: the commune resolves like everywhere; a hamlet listed twice in one
  commune (under any spelling the matching rules call the same) is an error on the later
  row; a hamlet of a commune no team is assigned is a warning.
- Matching: an ambassador's `Ấp/Khu vực` is matched to the list of its commune once per
  distinct (commune, text). An unknown or ambiguous hamlet is a warning (with
  suggestions); the ambassador still counts for the commune. A blank one counts for the
  commune only, and so does any hamlet of a commune with no hamlet listed.
- Figures: per listed hamlet its count, quota (`Chỉ tiêu` or `hamlet_quota`) and status.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from rules.cell_parsers import commune_cell, int_cell, text_cell
from rules.contract import AMBASSADORS, HAMLETS, HeaderMap
from rules.issues import Issue, IssueCode
from rules.models import Ambassador, HamletRow
from rules.parse import Context, Grid, TabRows, _Columns, _finish
from rules.quota import Status, percent
from rules.values.communes import CommuneDirectory
from rules.values.hamlets import Hamlet, HamletDirectory, HamletMatch

HAMLET_COLUMN = HAMLETS.column("hamlet").vi
COMMUNE_COLUMN = HAMLETS.column("commune").vi


def parse_hamlets(grid: Grid, header: HeaderMap, ctx: Context) -> TabRows:
    cols = _Columns(HAMLETS, grid, header)
    cols.apply("commune", commune_cell(ctx))
    cols.apply("hamlet", text_cell(True))
    cols.apply("quota", int_cell(False))
    return _finish(cols, HamletRow, header)


@dataclass
class HamletList:
    """The hamlets listed per commune, each with the row that listed it first."""

    directory: HamletDirectory = field(default_factory=HamletDirectory)
    rows: dict[Hamlet, HamletRow] = field(default_factory=dict)  # in tab order
    issues: list[Issue] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.rows)


def read_list(
    tab: TabRows | None, assigned: Container[int], communes: CommuneDirectory
) -> HamletList:
    listing = HamletList()
    if tab is None:
        return listing
    for row in tab.rows:
        name = communes.by_code[row.commune].name
        hamlet, new = listing.directory.add(row.commune, row.hamlet)
        if not new:
            first = listing.rows[hamlet]
            params = {"hamlet": hamlet.name, "commune": name, "first_row": first.row}
            listing.issues.append(Issue(HAMLETS.title, row.row, HAMLET_COLUMN, row.hamlet,
                                        IssueCode.HAMLET_LISTED_TWICE, params))  # fmt: skip
            continue
        listing.rows[hamlet] = row
        if row.commune not in assigned:
            listing.issues.append(Issue(HAMLETS.title, row.row, COMMUNE_COLUMN, name,
                                        IssueCode.COMMUNE_UNASSIGNED, {"commune": name}))  # fmt: skip
    return listing


def count_ambassadors(
    ambassadors: Sequence[Ambassador], listing: HamletList, communes: CommuneDirectory
) -> tuple[Counter[Hamlet], list[Issue]]:
    """Valid ambassadors per listed hamlet, and a warning per row whose hamlet is not listed."""
    counts: Counter[Hamlet] = Counter()
    if not listing:
        return counts, []
    directory = listing.directory
    typed: Counter[tuple[int, str | None]] = Counter(map(_COMMUNE_HAMLET, ambassadors))
    unmatched: dict[tuple[int, str | None], HamletMatch] = {}
    for (commune, text), n in typed.items():
        found = None if text is None else directory.match(commune, text)
        if found is None:
            continue  # blank, or the commune lists no hamlet: it counts for the commune only
        if found.hamlet is not None:
            counts[found.hamlet] += n
        else:
            unmatched[(commune, text)] = found
    issues: list[Issue] = []
    texts = {text for _, text in unmatched}
    column = AMBASSADORS.column("hamlet").vi
    for a in ambassadors:  # a set lookup per row; the pair only for the few that may miss
        text = a.hamlet
        if text in texts and text is not None and (miss := unmatched.get((a.commune, text))):
            params = {"commune": communes.by_code[a.commune].name, "suggestions": miss.suggestions}
            issues.append(
                Issue(
                    AMBASSADORS.title,
                    a.row,
                    column,
                    text,
                    IssueCode(miss.error or IssueCode.HAMLET_UNKNOWN),
                    params,
                )
            )
    return counts, issues


_COMMUNE_HAMLET = attrgetter("commune", "hamlet")


@dataclass(frozen=True)
class HamletResult:
    commune: int  # official code
    commune_name: str
    name: str  # as listed
    team: str | None  # the commune's team, as typed in `Tổ`
    quota: int
    count: int
    percent: float | None
    expected: int
    status: Status


Judge = Callable[[int, int], tuple[int, Status]]  # (count, quota) → (expected by today, status)


def hamlet_results(
    listing: HamletList,
    counts: Mapping[Hamlet, int],
    teams: Mapping[int, str],
    communes: CommuneDirectory,
    hamlet_quota: int,
    judge: Judge,
) -> tuple[HamletResult, ...]:
    """One result per listed hamlet: communes in the official order, hamlets as listed."""
    position = {c.code: i for i, c in enumerate(communes.communes)}
    ordered = sorted(listing.rows.items(), key=lambda item: position[item[0].commune])
    out: list[HamletResult] = []
    for hamlet, row in ordered:
        quota = row.quota if row.quota is not None else hamlet_quota
        count = counts.get(hamlet, 0)
        exp, status = judge(count, quota)
        out.append(HamletResult(
            hamlet.commune, communes.by_code[hamlet.commune].name, hamlet.name,
            teams.get(hamlet.commune), quota, count, percent(count, quota), exp, status,
        ))  # fmt: skip
    return tuple(out)


def reached_per_commune(results: Sequence[HamletResult]) -> tuple[Counter[int], Counter[int]]:
    """(listed hamlets, hamlets with an ambassador) per commune code."""
    listed: Counter[int] = Counter()
    reached: Counter[int] = Counter()
    for h in results:
        listed[h.commune] += 1
        reached[h.commune] += h.count > 0
    return listed, reached
