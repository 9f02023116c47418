"""One suite, three backends: what every implementation of the `sync.ports` Book promises.

memory (sync/adapters/memory.py), xlsx (a real workbook file) and google (real gspread
over loopback to the emulator) run the same checks and must end in the same state.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from rules.contract import DASHBOARD, LOG, LOG_COLUMNS, MEMBERS
from rules.tables import Column, Kind, Table
from sync.adapters.google.backend import GoogleBackend
from sync.adapters.google.http import RetryPolicy
from sync.adapters.memory import MemoryBackend
from sync.adapters.xlsx.backend import XlsxBackend
from sync.errors import DaisusoError
from sync.ports import Backend, InitPlan, Owner, TabLayout, WritePlan
from tests.builders import MEMBERS_HEADER, write_workbook
from tests.google_helpers import write_key_file

KEY = "1BaCkEnDcOnTrAcT0123456789abcdefghijklmnopqr"
ENTRY = {MEMBERS.title: [list(MEMBERS_HEADER), ["T01", "Nguyễn Văn An", "Tổ trưởng", "", "", ""]]}
WHEN = datetime(2025, 11, 10, 8, 30)


class Boom(DaisusoError):
    pass


@dataclass
class Side:
    backend: Backend
    fail_next_write: Callable[[], None]
    tabs: Callable[[], dict[str, list[list[Any]]]]


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    out = [[c for c in row] for row in rows]
    for row in out:
        while row and row[-1] in (None, ""):
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


def memory_side(tmp_path: Path, request: pytest.FixtureRequest) -> Side:
    armed: list[bool] = []

    def hook(plan: WritePlan) -> None:
        if armed:
            armed.clear()
            raise Boom("write refused")

    backend = MemoryBackend(ENTRY, fail_write=hook)
    return Side(
        backend,
        lambda: armed.append(True),
        lambda: {t: _trim(g) for t, g in backend.sheet.tabs.items()},
    )


def xlsx_side(tmp_path: Path, request: pytest.FixtureRequest) -> Side:
    from openpyxl import load_workbook

    path = write_workbook(tmp_path / "book.xlsx", ENTRY)
    armed: list[bool] = []

    def crash(temp: Path) -> None:
        if armed:
            armed.clear()
            raise Boom("crash before replace")

    def tabs() -> dict[str, list[list[Any]]]:
        wb = load_workbook(path)
        return {ws.title: _trim([list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb}

    return Side(XlsxBackend(path, before_replace=crash), lambda: armed.append(True), tabs)


def google_side(tmp_path: Path, request: pytest.FixtureRequest) -> Side:
    emu = request.getfixturevalue("sheets_emulator")
    emu.seed(KEY, ENTRY)
    backend = GoogleBackend(
        KEY, write_key_file(tmp_path / "credentials.json"), retry=RetryPolicy(max_attempts=1),
        emulator_host=emu.host, sleep=lambda s: None, rng=random.Random(1),
    )  # fmt: skip

    def tabs() -> dict[str, list[list[Any]]]:
        return {t: _trim(rows) for t, rows in emu.values(KEY).items()}

    return Side(backend, lambda: emu.fault(r"POST .*:batchUpdate", status=400), tabs)


SIDES = {"memory": memory_side, "xlsx": xlsx_side, "google": google_side}


@pytest.fixture(params=sorted(SIDES))
def side(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Side]:
    yield SIDES[request.param](tmp_path, request)


def plan(count: int, log_rows: int = 1, keep: int = 500) -> WritePlan:
    table = Table(DASHBOARD, (Column("Chỉ số"), Column("Giá trị", Kind.ANY)), (("Đã có", count),))
    rows = tuple((WHEN, "OK", i, 0, 0, 0.5, "") for i in range(log_rows))
    return WritePlan((table,), LOG, LOG_COLUMNS, rows, keep)


def test_write_creates_summary_tabs_and_leaves_entry_tabs_alone(side: Side) -> None:
    with side.backend.open() as book:
        book.write(plan(7))
    tabs = side.tabs()
    assert tabs[MEMBERS.title] == _trim(ENTRY[MEMBERS.title])
    assert tabs[DASHBOARD] == [["Chỉ số", "Giá trị"], ["Đã có", 7]]
    assert tabs[LOG][0] == [c.name for c in LOG_COLUMNS]
    assert len(tabs[LOG]) == 2


def test_a_second_write_replaces_tables_whole_and_appends_to_the_log(side: Side) -> None:
    with side.backend.open() as book:
        book.write(plan(7))
    with side.backend.open() as book:
        book.write(plan(9))
    tabs = side.tabs()
    assert tabs[DASHBOARD] == [["Chỉ số", "Giá trị"], ["Đã có", 9]]
    assert len(tabs[LOG]) == 3


def test_the_log_keeps_only_its_newest_rows(side: Side) -> None:
    with side.backend.open() as book:
        book.write(plan(1, log_rows=4, keep=3))
    assert [row[2] for row in side.tabs()[LOG][1:]] == [1, 2, 3]


def test_a_failed_write_changes_nothing(side: Side) -> None:
    with side.backend.open() as book:
        book.write(plan(7))
    before = side.tabs()
    side.fail_next_write()
    with pytest.raises(DaisusoError), side.backend.open() as book:
        book.write(plan(9))
    assert side.tabs() == before


def test_init_adds_missing_tabs_once_and_never_touches_data(side: Side) -> None:
    layout = (
        TabLayout(MEMBERS.title, MEMBERS.headers, Owner.TEAM),
        TabLayout(DASHBOARD, ("Chỉ số", "Giá trị"), Owner.WORKER),
    )
    with side.backend.open() as book:
        first = book.init(InitPlan(layout))
    with side.backend.open() as book:
        second = book.init(InitPlan(layout))
    assert DASHBOARD in first.created_tabs and MEMBERS.title not in first.created_tabs
    assert DASHBOARD not in second.created_tabs
    tabs = side.tabs()
    assert tabs[MEMBERS.title] == _trim(ENTRY[MEMBERS.title])
    assert tabs[DASHBOARD] == [["Chỉ số", "Giá trị"]]
