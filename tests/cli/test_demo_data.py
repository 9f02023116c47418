"""Tests of the demo workbook generator (sync.demo.data)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from sync.demo.data import (
    EXTRA_COLUMN,
    HEADERS,
    TAB_AMBASSADORS,
    TAB_ASSIGNMENTS,
    TAB_HAMLETS,
    TAB_TEAMS,
    TAB_TRAININGS,
    Cell,
    DemoStats,
    Grid,
    build_demo_grids,
    build_demo_workbook,
    demo_grids_and_stats,
)
from sync.demo.names import MOBILE_PREFIXES, SCHOOL, VIETTEL, fold, province_communes

START, DEADLINE, TODAY = date(2025, 10, 15), date(2025, 11, 30), date(2025, 11, 10)
PREFIXES = tuple(p for p, _ in MOBILE_PREFIXES)
OFFICIAL = province_communes()
# fold of every accepted typed form -> official name
FORMS = {
    fold(form): o
    for o in OFFICIAL
    for form in (o, o.split(" ", 1)[1], o[0] + ". " + o.split(" ", 1)[1], o[0] + " " + o.split(" ", 1)[1])
}  # fmt: skip


def resolve(value: Cell) -> str | None:
    return FORMS.get(fold(value)) if isinstance(value, str) else None


def phone_key(value: Cell) -> str | None:
    """The contract's phone normalisation, enough for the generator's forms."""
    if isinstance(value, int):
        value = "0" + str(value)
    if not isinstance(value, str):
        return None
    digits = re.sub(r"\D", "", value)
    return "0" + digits[2:] if digits.startswith("84") else digits


def is_valid_mobile(value: Cell) -> bool:
    key = phone_key(value)
    return key is not None and len(key) == 10 and key.startswith(PREFIXES)


def data_rows(grid: Grid) -> list[list[Cell]]:
    return [row for row in grid[1:] if any(v is not None for v in row)]


@pytest.fixture(scope="module")
def default() -> tuple[dict[str, Grid], DemoStats]:
    return demo_grids_and_stats()


def test_same_seed_same_grids_other_seed_other_grids() -> None:
    a = build_demo_grids(seed=7, ambassadors=500)
    assert a == build_demo_grids(seed=7, ambassadors=500)
    b = build_demo_grids(seed=8, ambassadors=500)
    assert a != b
    assert a[TAB_AMBASSADORS] != b[TAB_AMBASSADORS]
    assert a[TAB_TEAMS] != b[TAB_TEAMS]


def test_headers_and_tab_order(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, _ = default
    assert list(grids) == [TAB_TEAMS, TAB_ASSIGNMENTS, TAB_HAMLETS, TAB_AMBASSADORS, TAB_TRAININGS]
    for tab, header in HEADERS.items():
        extra = [EXTRA_COLUMN] if tab == TAB_AMBASSADORS else []
        assert grids[tab][0] == [*header, *extra]
        assert all(len(row) == len(grids[tab][0]) for row in grids[tab])


def test_forty_teams_of_five(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, stats = default
    rows = grids[TAB_TEAMS][1:]
    assert (stats.teams, stats.members) == (40, 200)
    by_team: dict[str, list[list[Cell]]] = {}
    for row in rows:
        by_team.setdefault(str(row[0]), []).append(row)
    assert sorted(by_team) == [f"T{i:02d}" for i in range(1, 41)]
    for members in by_team.values():
        roles = Counter(m[2] for m in members)
        assert roles == {"Tổ trưởng": 1, "Tổ phó": 1, "Thành viên": 3}
        assert next(m[3] for m in members if m[2] == "Tổ trưởng") == SCHOOL
        assert next(m[3] for m in members if m[2] == "Tổ phó") == VIETTEL
    names = [str(r[1]) for r in rows]
    assert all(len(n.split()) >= 3 for n in names)
    emails = [e for e in (r[5] for r in rows) if e is not None]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z.]+", str(e)) for e in emails)
    assert sum(is_valid_mobile(r[4]) for r in rows) >= 199  # one landline allowed


def test_every_commune_assigned_once(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, stats = default
    rows = grids[TAB_ASSIGNMENTS][1:]
    assert len(OFFICIAL) == 103 == stats.assignments == len(rows)
    resolved = [resolve(r[1]) for r in rows]
    assert None not in resolved
    assert sorted(str(c) for c in resolved) == sorted(OFFICIAL)
    per_team = Counter(r[0] for r in rows)
    assert len(per_team) == 40
    assert set(per_team.values()) <= {2, 3}
    quotas = [r[2] for r in rows]
    assert sum(q is None for q in quotas) > len(quotas) / 2
    assert {q for q in quotas if q is not None} <= {15, 25, 30}
    assert all("  " not in str(r[1]) for r in rows)


def test_commune_forms_are_unambiguous(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, _ = default
    typed = [r[1] for r in grids[TAB_ASSIGNMENTS][1:]]
    typed += [r[4] for r in data_rows(grids[TAB_AMBASSADORS])]
    forms: Counter[str] = Counter()
    for value in typed:
        official = resolve(value)
        text = " ".join(unicodedata.normalize("NFC", str(value)).split())
        if official is None or text == official:
            continue
        forms["abbrev" if text[:3] in ("P. ", "X. ") else "bare"] += 1
        if text[:3] not in ("P. ", "X. "):  # a bare name must not look like "Xã ..."
            assert fold(text).split()[0] not in {"xa", "phuong", "p", "x"}, text
    assert forms["abbrev"] > 50 and forms["bare"] > 50


@pytest.mark.parametrize("n", [2_000, 20_000])
def test_row_counts_scale(n: int) -> None:
    grids, stats = demo_grids_and_stats(ambassadors=n)
    assert abs(stats.ambassadors_rows - n) <= 0.05 * n
    assert len(data_rows(grids[TAB_AMBASSADORS])) == stats.ambassadors_rows
    assert stats.training_rows == n // 10
    assert len(data_rows(grids[TAB_TRAININGS])) == stats.training_rows


def test_default_counts_and_mistake_fraction(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, stats = default
    assert abs(stats.ambassadors_rows - 1900) <= 95
    assert stats.training_rows == 150
    fraction = sum(stats.mistakes.values()) / (stats.ambassadors_rows + stats.training_rows)
    assert 0.02 <= fraction <= 0.04
    assert len(stats.mistakes) >= 8  # most kinds present
    # quirks: one blank row in the middle of each data tab
    for tab in (TAB_AMBASSADORS, TAB_TRAININGS):
        blank = [i for i, row in enumerate(grids[tab]) if all(v is None for v in row)]
        assert len(blank) == 1 and 1 < blank[0] < len(grids[tab]) - 1


def test_no_mistakes_when_rate_is_zero() -> None:
    grids, stats = demo_grids_and_stats(ambassadors=800, mistake_rate=0.0)
    assert stats.mistakes == {}
    rows = data_rows(grids[TAB_AMBASSADORS])
    assert all(resolve(r[4]) is not None for r in rows)
    assert all(is_valid_mobile(r[3]) for r in rows)
    keys = [phone_key(r[3]) for r in rows]
    assert len(set(keys)) == len(keys)


def test_duplicates_match_their_count(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, stats = default
    keys = [phone_key(r[3]) for r in data_rows(grids[TAB_AMBASSADORS])]
    repeats = sum(c - 1 for k, c in Counter(keys).items() if k is not None and len(k) == 10)
    assert repeats == stats.mistakes["duplicate_phone"]


def test_mistakes_are_what_they_claim(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, stats = default
    rows = data_rows(grids[TAB_AMBASSADORS]) + [
        [None, None, None, None, *r] for r in data_rows(grids[TAB_TRAININGS])
    ]
    old = [r[3] for r in rows if isinstance(r[3], str) and re.fullmatch(r"01\d{9}", r[3])]
    assert len(old) == stats.mistakes["phone_old_11_digits"]
    lost_zero = [r[3] for r in rows if isinstance(r[3], int)]
    assert len(lost_zero) == stats.mistakes["phone_lost_zero"]
    assert all(is_valid_mobile(p) for p in lost_zero)
    # text dates: valid dd/mm/yyyy, or mm/dd/yyyy with a day > 12 (never ambiguous)
    text_dates = [v for r in data_rows(grids[TAB_AMBASSADORS]) if isinstance(v := r[8], str)]
    text_dates += [v for r in data_rows(grids[TAB_TRAININGS]) if isinstance(v := r[0], str)]
    mm_dd = 0
    for text in text_dates:
        a, b, y = (int(x) for x in text.split("/"))
        assert y == 2025
        if b > 12:
            mm_dd += 1
            assert START <= date(y, a, b) <= TODAY
        else:
            assert START <= date(y, b, a) <= TODAY
    assert mm_dd == stats.mistakes["date_mm_dd"]
    unresolved = [r for r in data_rows(grids[TAB_AMBASSADORS]) if r[4] and resolve(r[4]) is None]
    assert len(unresolved) >= stats.mistakes["commune_other_province"]


def test_statuses_are_mixed(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, _ = default
    quota = {resolve(r[1]): int(str(r[2] or 20)) for r in grids[TAB_ASSIGNMENTS][1:]}
    team_of = {resolve(r[1]): r[0] for r in grids[TAB_ASSIGNMENTS][1:]}
    team_quota: Counter[Cell] = Counter()
    for c, q in quota.items():
        team_quota[team_of[c]] += q
    count: Counter[Cell] = Counter()
    for row in data_rows(grids[TAB_AMBASSADORS]):
        commune = resolve(row[4])
        if commune is not None:
            count[team_of[commune]] += 1
    f = (TODAY - START) / (DEADLINE - START)
    status: Counter[str] = Counter()
    for team, q in team_quota.items():
        if count[team] >= q:
            status["done"] += 1
        elif count[team] >= math.ceil(q * f) * 0.8:
            status["on pace"] += 1
        else:
            status["behind"] += 1
    assert min(status["done"], status["on pace"], status["behind"]) >= 4, status


def test_dates_within_campaign(default: tuple[dict[str, Grid], DemoStats]) -> None:
    grids, _ = default
    dates = [r[8] for r in data_rows(grids[TAB_AMBASSADORS]) if isinstance(r[8], date)]
    dates += [r[0] for r in data_rows(grids[TAB_TRAININGS]) if isinstance(r[0], date)]
    assert len(dates) > 1900
    assert all(START <= d <= TODAY for d in dates)
    years = [r[1] for r in data_rows(grids[TAB_AMBASSADORS]) if r[1] is not None]
    assert all(1960 <= int(str(y)) <= 2005 for y in years)
    trainings = data_rows(grids[TAB_TRAININGS])
    people = [r[4] for r in trainings if isinstance(r[4], int)]
    assert all(10 <= p <= 120 for p in people)
    assert all(1.5 <= h <= 4 for h in (r[5] for r in trainings) if isinstance(h, float))


def test_workbook_file(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "dai-su-so.xlsx"
    stats = build_demo_workbook(path, seed=3, ambassadors=400)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        TAB_TEAMS,
        TAB_ASSIGNMENTS,
        TAB_HAMLETS,
        TAB_AMBASSADORS,
        TAB_TRAININGS,
    ]
    for tab, header in HEADERS.items():
        ws = wb[tab]
        first = [c.value for c in ws[1]]
        assert first[: len(header)] == list(header)
        assert ws["A1"].font.bold
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["A"].width >= 6
    ws = wb[TAB_AMBASSADORS]
    assert ws.cell(1, 11).value == EXTRA_COLUMN
    assert ws.max_row == stats.ambassadors_rows + 2  # header + blank row
    date_cells = [c for c in ws["I"][1:] if c.value is not None and not isinstance(c.value, str)]
    assert date_cells and all(c.is_date and c.number_format == "DD/MM/YYYY" for c in date_cells)
    phones = [c.value for c in ws["D"][1:] if c.value is not None]
    assert sum(isinstance(p, str) for p in phones) > 0.9 * len(phones)
    assert all(
        isinstance(v, str) and v.startswith(("0", "+84")) for v in phones if isinstance(v, str)
    )
    assert build_demo_grids(seed=3, ambassadors=400)[TAB_TEAMS] == [
        [c.value for c in row] for row in wb[TAB_TEAMS].iter_rows()
    ]


def test_hundred_thousand_rows_build() -> None:
    grids, stats = demo_grids_and_stats(ambassadors=100_000)
    assert stats.ambassadors_rows == 100_000
    assert stats.training_rows == 10_000
    assert len(grids[TAB_AMBASSADORS]) == 100_002


def test_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        build_demo_grids(deadline=START)
    with pytest.raises(ValueError):
        build_demo_grids(mistake_rate=0.9)
    with pytest.raises(ValueError):
        build_demo_grids(ambassadors=-1)
