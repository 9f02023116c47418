"""Deterministic generator of a realistic Cần Thơ "Đại sứ số" campaign workbook.

``build_demo_grids`` returns the four entry tabs as rows of plain cells (header row
first); ``build_demo_workbook`` writes them to an .xlsx file. Everything comes from
``random.Random(seed)`` and the dates passed in: same arguments, same grids.

About ``mistake_rate`` of the ambassador and training rows carry exactly one of the
mistakes teams really make, counted per kind in ``DemoStats.mistakes``. The contract
accepts some of them (``nfd_text``, ``extra_spaces``, ``phone_lost_zero``),
``wrong_team`` is a warning, ``phone_old_11_digits`` is no current number (an error,
or a warning if the rules convert it), the others are errors. Valid but unusual forms
(``+84 912 345 678``, ``0912.345.678``, dates typed as ``dd/mm/yyyy`` text, birth
years as text) are sprinkled in too and are not counted as mistakes.

When ``ambassadors`` is 1.5x the default or more (benchmarks), every ``Chỉ tiêu`` is
written explicitly, scaled up with it, so that team statuses stay mixed.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from typing_extensions import TypedDict, Unpack

from rules.campaign import DEFAULTS
from rules.models import Role
from sync.demo import names
from sync.demo.hamlets import BLANK_RATE, CommuneHamlets, HamletGen, hamlet_grid
from sync.demo.names import ValueGen, apportion, fold, province_communes
from sync.demo.workbook import DATE_FORMAT as DATE_FORMAT
from sync.demo.workbook import EXTRA_COLUMN as EXTRA_COLUMN
from sync.demo.workbook import HEADERS as HEADERS
from sync.demo.workbook import TAB_AMBASSADORS as TAB_AMBASSADORS
from sync.demo.workbook import TAB_ASSIGNMENTS as TAB_ASSIGNMENTS
from sync.demo.workbook import TAB_HAMLETS as TAB_HAMLETS
from sync.demo.workbook import TAB_TEAMS as TAB_TEAMS
from sync.demo.workbook import TAB_TRAININGS as TAB_TRAININGS
from sync.demo.workbook import Cell as Cell
from sync.demo.workbook import DemoStats as DemoStats
from sync.demo.workbook import Grid as Grid
from sync.demo.workbook import in_workbook_order
from sync.demo.workbook import write_grids as write_grids

PROVINCE = names.CAN_THO
OTHER_PROVINCE = "Thành phố Hồ Chí Minh"
N_TEAMS = 40
TEAM_SIZE = 5
DEFAULT_QUOTA = 20
DEFAULT_AMBASSADORS = 1900
DEFAULT_TRAININGS = 150

# Mistake kinds -> relative weight, per tab.
AMBASSADOR_MISTAKES = dict(
    nfd_text=3, phone_lost_zero=2, phone_old_11_digits=2, date_mm_dd=2, commune_typo=2,
    duplicate_phone=3, commune_other_province=1, blank_required=2, extra_spaces=2, wrong_team=1,
)  # fmt: skip
TRAINING_MISTAKES = dict(
    nfd_text=1, date_mm_dd=1, commune_typo=1, blank_required=1, extra_spaces=1
)  # fmt: skip


@dataclass(frozen=True)
class _Commune:
    official: str  # single-spaced official name, e.g. "Xã Phú Hữu"
    kind: str  # "Xã" or "Phường"
    bare: str  # "Phú Hữu"
    bare_ok: bool  # the bare name alone names one unit and does not look like a prefix


@dataclass
class _Tab:
    """A data grid being spoiled, with where its columns are (-1: no such column)."""

    rows: Grid
    date: int
    team: int
    commune: int
    blanks: tuple[int, ...]  # required columns
    spaced: tuple[int, ...]  # columns that may get extra spaces
    phone: int = -1
    clean_phones: list[str] = field(default_factory=list)


def _prefixy(bare: str) -> bool:
    """ "Phương Bình", "Xà Phiên" fold to "phuong binh", "xa phien": read as prefix + name."""
    return fold(bare).split()[0] in {"xa", "phuong", "p", "x", "p.", "x."}


def _code(t: int) -> str:
    return f"T{t + 1:02d}"


class _Demo:
    def __init__(
        self, seed: int, start: date, deadline: date, today: date, hamlet_blank_rate: float
    ) -> None:
        self.g = ValueGen(seed)
        self.rng = self.g.rng
        self.today, self.lo = today, min(start, today)
        self.f = min(1.0, max(0.0, (today - start).days / (deadline - start).days))
        officials = province_communes()
        bares = [o.split(" ", 1)[1] for o in officials]
        folded = [fold(b) for b in bares]
        self.communes = [
            _Commune(o, o.split(" ", 1)[0], b, folded.count(fold(b)) == 1 and not _prefixy(b))
            for o, b in zip(officials, bares, strict=True)
        ]
        self.taken = set(folded)
        self.by_form = {
            form: c for c in self.communes for form in (c.official, self.abbrev(c), c.bare)
        }
        self.others = [
            o
            for o in province_communes(OTHER_PROVINCE)
            if fold(o.split(" ", 1)[1]) not in self.taken
        ]
        span = range((today - self.lo).days + 1)
        self.late_days = [d for d in (self.lo + timedelta(i) for i in span) if d.day > 12]
        self.team_of: dict[str, int] = {}
        self.mistakes: dict[str, int] = {}
        self.hamlets = HamletGen(seed, hamlet_blank_rate)
        self.listings: dict[str, CommuneHamlets] = {
            c.official: self.hamlets.listing(c.official, ward=c.kind == "Phường")
            for c in self.communes
        }

    @staticmethod
    def abbrev(c: _Commune) -> str:
        return f"{c.kind[0]}. {c.bare}"

    def typed_commune(self, c: _Commune) -> str:
        r = self.rng.random()
        if r < 0.84 or (r >= 0.92 and not c.bare_ok):
            return c.official
        return self.abbrev(c) if r < 0.92 else c.bare

    def assign(self) -> list[list[_Commune]]:
        """Consecutive (roughly neighbouring) communes, 2-3 per team, each once."""
        sizes = [2] * N_TEAMS
        for t in self.rng.sample(range(N_TEAMS), len(self.communes) - 2 * N_TEAMS):
            sizes[t] = 3
        bounds = [0, *itertools.accumulate(sizes)]
        teams = [self.communes[a:b] for a, b in itertools.pairwise(bounds)]
        self.team_of = {c.official: t for t, cs in enumerate(teams) for c in cs}
        return teams

    def teams_grid(self, team_communes: list[list[_Commune]]) -> tuple[Grid, list[list[str]]]:
        g, rng = self.g, self.rng
        rows: Grid = [list(HEADERS[TAB_TEAMS])]
        members: list[list[str]] = []
        landline_at = rng.randrange(N_TEAMS * TEAM_SIZE)
        for t, communes in enumerate(team_communes):
            members.append([])
            for m in range(TEAM_SIZE):
                role = (Role.LEADER, Role.DEPUTY, Role.MEMBER)[min(m, 2)].value
                commune_org = f"UBND {rng.choice(communes).official}"
                org = (names.SCHOOL, names.VIETTEL, commune_org)[m if m < 2 else rng.randrange(3)]
                name, _, family, given = g.person()
                email = g.email(name, family, given, org) if rng.random() < 0.95 else None
                phone = g.typed_phone(g.phone())
                if t * TEAM_SIZE + m == landline_at:
                    phone = f"0292 3{rng.randrange(1_000_000):06d}"  # a Cần Thơ landline
                rows.append([_code(t), name, role, org, phone, email])
                members[t].append(name)
        return rows, members

    def team_counts(self, quotas: list[int], total: int) -> list[int]:
        """~20 % of teams behind, ~35 % on pace, the rest done (absorbing the remainder)."""
        rng, f = self.rng, self.f
        order = list(range(len(quotas)))
        rng.shuffle(order)
        n_behind, n_pace = round(len(quotas) * 0.2), round(len(quotas) * 0.35)
        raw = [0.0] * len(quotas)
        for i in order[:n_behind]:
            raw[i] = quotas[i] * f * rng.uniform(0.15, 0.6)
        for i in order[n_behind : n_behind + n_pace]:
            raw[i] = quotas[i] * min(0.97, f * rng.uniform(0.9, 1.5))
        done = {i: quotas[i] * rng.uniform(1.0, 1.3) for i in order[n_behind + n_pace :]}
        rest, done_sum = total - sum(raw), sum(done.values())
        k = rest / done_sum if done_sum and rest >= done_sum else 1.0  # else: scale all down
        return apportion(total, [r + k * done.get(i, 0.0) for i, r in enumerate(raw)])

    def ambassadors(
        self, team_communes: list[list[_Commune]], counts: list[int], quota_of: dict[str, int],
        members: list[list[str]],
    ) -> Grid:  # fmt: skip
        g, rng = self.g, self.rng
        keyed: list[tuple[int, float, list[Cell]]] = []
        for t, cs in enumerate(team_communes):
            weights = [quota_of[c.official] * rng.uniform(0.4, 1.6) for c in cs]
            behind = counts[t] < sum(quota_of[c.official] for c in cs) * self.f * 0.6
            if behind and rng.random() < 0.5:
                weights[rng.randrange(len(cs))] = 0.0  # a commune nobody visited yet
            for c, n in zip(cs, apportion(counts[t], weights), strict=True):
                listing = self.listings[c.official]
                for _ in range(n):
                    name, gender, _, _ = g.person()
                    d = g.day(self.lo, self.today)
                    r = rng.random()
                    year = rng.randint(1960, 2005)
                    row: list[Cell] = [
                        name, str(year) if r < 0.02 else year, gender, g.phone(),
                        self.typed_commune(c), self.hamlets.typed(listing), g.occupation(year, gender),
                        _code(t), d.strftime("%d/%m/%Y") if r > 0.97 else d,
                        rng.choice(names.NOTES) if rng.random() < 0.08 else None,
                        rng.choice(members[t]) if rng.random() < 0.5 else None,
                    ]  # fmt: skip
                    keyed.append((d.toordinal(), rng.random(), row))
        keyed.sort(key=lambda x: (x[0], x[1]))
        return [row for _, _, row in keyed]

    def trainings(
        self, team_communes: list[list[_Commune]], counts: list[int], quotas: list[int], n: int
    ) -> Grid:
        """Busier teams run more sessions."""
        g, rng = self.g, self.rng
        keyed: list[tuple[int, float, list[Cell]]] = []
        weights = [c + 0.3 * q for c, q in zip(counts, quotas, strict=True)]
        for t, k in enumerate(apportion(n, weights)):
            for _ in range(k):
                d = g.day(self.lo, self.today)
                commune = self.typed_commune(rng.choice(team_communes[t]))
                topic, people = rng.choice(names.TRAINING_TOPICS), rng.randint(10, 120)
                hours = rng.choice((1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0))
                keyed.append(
                    (d.toordinal(), rng.random(), [d, _code(t), commune, topic, people, hours])
                )
        keyed.sort(key=lambda x: (x[0], x[1]))
        return [row for _, _, row in keyed]

    def spoil(self, tab: _Tab, kinds: dict[str, int], rate: float) -> None:
        """Give ``round(rate * rows)`` distinct rows one mistake each; count the kinds."""
        rng = self.rng
        chosen = sorted(
            rng.sample(range(len(tab.rows)), min(len(tab.rows), round(rate * len(tab.rows))))
        )
        marked = set(chosen)
        for i in chosen:
            for _ in range(20):
                kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
                if self.mistake(tab, kind, i, marked):
                    self.mistakes[kind] = self.mistakes.get(kind, 0) + 1
                    break

    def mistake(self, tab: _Tab, kind: str, i: int, marked: set[int]) -> bool:
        rng, row = self.rng, tab.rows[i]
        typed = row[tab.commune]
        commune = self.by_form.get(typed) if isinstance(typed, str) else None
        if kind == "nfd_text":
            for j, v in enumerate(row):
                if isinstance(v, str) and j != tab.phone:
                    row[j] = unicodedata.normalize("NFD", v)
        elif kind == "phone_lost_zero":
            row[tab.phone] = int(tab.clean_phones[i])
        elif kind == "phone_old_11_digits":
            row[tab.phone] = self.g.old_phone()
        elif kind == "date_mm_dd" and self.late_days:
            d = rng.choice(self.late_days)
            row[tab.date] = f"{d.month:02d}/{d.day:02d}/{d.year}"
        elif kind == "commune_typo" and commune is not None:
            row[tab.commune] = f"{commune.kind} {self.g.typo(commune.bare, self.taken)}"
        elif kind == "duplicate_phone" and i > 0:
            j = rng.randrange(i)
            if j in marked:
                return False
            row[tab.phone] = self.g.typed_phone(tab.clean_phones[j])
            if rng.random() < 0.5:  # the same person typed in twice
                row[: tab.phone] = tab.rows[j][: tab.phone]
        elif kind == "commune_other_province" and self.others:
            row[tab.commune] = rng.choice(self.others)
        elif kind == "blank_required":
            row[rng.choice(tab.blanks)] = None
        elif kind == "extra_spaces":
            col = rng.choice(tab.spaced)
            parts = str(row[col]).split(" ")
            cut = rng.randrange(1, len(parts)) if len(parts) > 1 else 1
            row[col] = " " + " ".join(parts[:cut]) + "  " + " ".join(parts[cut:]) + "  "
        elif kind == "wrong_team" and commune is not None:
            row[tab.team] = _code((self.team_of[commune.official] + rng.choice((-1, 1))) % N_TEAMS)
        else:
            return False
        return True


class DemoOptions(TypedDict, total=False):
    """Keyword arguments of the public builders; every one has a default."""

    seed: int
    start: date
    deadline: date
    today: date
    ambassadors: int
    trainings: int | None  # None: 150 for the default ambassadors, else ambassadors // 10
    mistake_rate: float
    hamlets: bool  # list every commune's hamlets in `Ấp - Khu vực` (ambassadors type them anyway)
    hamlet_blank_rate: float  # ambassadors who leave `Ấp/Khu vực` blank


def _generate(
    seed: int = 2025,
    start: date = DEFAULTS.start,
    deadline: date = DEFAULTS.deadline,
    today: date = date(2025, 11, 10),
    ambassadors: int = DEFAULT_AMBASSADORS,
    trainings: int | None = None,
    mistake_rate: float = 0.03,
    hamlets: bool = True,
    hamlet_blank_rate: float = BLANK_RATE,
) -> tuple[dict[str, Grid], DemoStats]:
    if deadline <= start:
        raise ValueError("deadline must be after start")
    if ambassadors < 0 or (trainings is not None and trainings < 0):
        raise ValueError("row counts must be >= 0")
    if not 0.0 <= mistake_rate <= 0.5:
        raise ValueError("mistake_rate must be within [0, 0.5]")
    if trainings is None:
        trainings = DEFAULT_TRAININGS if ambassadors == DEFAULT_AMBASSADORS else ambassadors // 10
    demo = _Demo(seed, start, deadline, today, hamlet_blank_rate)
    team_communes = demo.assign()
    team_grid, members = demo.teams_grid(team_communes)
    assign_grid, quota_of = _assignments(demo, team_communes, ambassadors / DEFAULT_AMBASSADORS)
    quotas = [sum(quota_of[c.official] for c in cs) for cs in team_communes]
    counts = demo.team_counts(quotas, ambassadors)

    amb_rows = demo.ambassadors(team_communes, counts, quota_of, members)
    clean = [str(row[3]) for row in amb_rows]
    for row in amb_rows:
        row[3] = demo.g.typed_phone(str(row[3]))
    amb_tab = _Tab(amb_rows, 8, 7, 4, blanks=(0, 3, 4, 7, 8), spaced=(0, 4), phone=3)
    amb_tab.clean_phones = clean
    demo.spoil(amb_tab, AMBASSADOR_MISTAKES, mistake_rate)
    train_rows = demo.trainings(team_communes, counts, quotas, trainings)
    demo.spoil(
        _Tab(train_rows, 0, 1, 2, blanks=(0, 1, 2, 4), spaced=(2, 3)),
        TRAINING_MISTAKES,
        mistake_rate,
    )

    listed: Grid = hamlet_grid(list(demo.listings.values())) if hamlets else []
    grids = in_workbook_order(team_grid, assign_grid, listed, amb_rows, train_rows)
    stats = DemoStats(
        teams=N_TEAMS,
        members=len(team_grid) - 1,
        assignments=len(assign_grid) - 1,
        ambassadors_rows=len(amb_rows),
        training_rows=len(train_rows),
        mistakes=dict(sorted(demo.mistakes.items())),
        hamlets=max(0, len(listed) - 1),
    )
    return grids, stats


def _assignments(
    demo: _Demo, team_communes: list[list[_Commune]], scale: float
) -> tuple[Grid, dict[str, int]]:
    """The `Phân công` grid, and each commune's quota as the rules will count it."""
    rng = demo.rng
    assign_grid: Grid = [list(HEADERS[TAB_ASSIGNMENTS])]
    quota_of: dict[str, int] = {}
    for t, cs in enumerate(team_communes):
        for c in cs:
            q = None if rng.random() < 0.8 else rng.choice((15, 25, 25, 30))
            quota_of[c.official] = round((q or DEFAULT_QUOTA) * max(1.0, scale))
            typed_q = quota_of[c.official] if scale >= 1.5 else q
            assign_grid.append([_code(t), demo.typed_commune(c), typed_q])
    return assign_grid, quota_of


def demo_grids_and_stats(**options: Unpack[DemoOptions]) -> tuple[dict[str, Grid], DemoStats]:
    """The grids (tab title -> rows, header row first, tabs in workbook order) and their stats."""
    return _generate(**options)


def build_demo_grids(**options: Unpack[DemoOptions]) -> dict[str, Grid]:
    """Tab title -> rows (header row first), tabs in workbook order."""
    return _generate(**options)[0]


def build_demo_workbook(path: Path, **options: Unpack[DemoOptions]) -> DemoStats:
    """Write the demo workbook to ``path`` (.xlsx) and return what is in it."""
    grids, stats = _generate(**options)
    write_grids(path, grids)
    return stats
