"""An in-memory backend: the real port, no files and no HTTP.

Shipped with the product (like httpx's MockTransport) so that services, workers and
embedding programs can be exercised at memory speed. It keeps the port's promises: a
write is all or nothing, entry tabs are never changed by a write, and `init` only adds.
A `fail_write` hook lets a caller make the next write fail before anything changes.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from rules.tables import Cell, Table
from sync.errors import LayoutError
from sync.ports import (
    Capability,
    DoctorCheck,
    Grid,
    InitPlan,
    InitReport,
    RawCell,
    WritePlan,
)

WriteHook = Callable[[WritePlan], None]


@dataclass
class MemorySpreadsheet:
    """The stored state: tab title -> rows of cell values, in tab order."""

    tabs: dict[str, Grid] = field(default_factory=dict)
    writes: int = 0  # successful writes, for tests that count them
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # drop-down sources


class MemoryBackend:
    """Implements `sync.ports.Backend` over a `MemorySpreadsheet`."""

    def __init__(
        self,
        tabs: Mapping[str, Grid] | None = None,
        *,
        name: str = "memory",
        fail_write: WriteHook | None = None,
    ) -> None:
        self.sheet = MemorySpreadsheet({t: [list(r) for r in g] for t, g in (tabs or {}).items()})
        self.name = name
        self.fail_write = fail_write  # called before a write is applied; may raise

    @property
    def lock_key(self) -> str:
        return f"memory:{self.name}:{id(self.sheet)}"

    @property
    def display_name(self) -> str:
        return f"memory:{self.name}"

    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset({Capability.CREATE, Capability.DROPDOWNS})

    def exists(self) -> bool:
        return True

    def create(self) -> None:
        self.sheet.tabs.clear()

    def doctor_checks(self) -> Iterator[DoctorCheck]:
        return iter(())

    @contextlib.contextmanager
    def open(self, *, writing: bool = True) -> Iterator[MemoryBook]:
        yield MemoryBook(self)


class MemoryBook:
    def __init__(self, backend: MemoryBackend) -> None:
        self._backend = backend
        self._sheet = backend.sheet
        self.lists = backend.sheet.lists

    def titles(self) -> list[str]:
        return list(self._sheet.tabs)

    def read(self, titles: Sequence[str]) -> dict[str, Grid]:
        missing = [t for t in titles if t not in self._sheet.tabs]
        if missing:
            raise LayoutError(", ".join(missing))
        return {t: copy.deepcopy(self._sheet.tabs[t]) for t in titles}

    def write(self, plan: WritePlan) -> None:
        if self._backend.fail_write is not None:
            self._backend.fail_write(plan)
        tabs = dict(self._sheet.tabs)  # built aside, swapped in at the end: all or nothing
        for table in plan.tables:
            tabs[table.title] = _grid(table)
        old_log = tabs.get(plan.log_title, [])[1:]
        new_rows = [cast(list[RawCell], list(r)) for r in plan.log_rows]
        kept = [*old_log, *new_rows][-plan.log_keep :]
        tabs[plan.log_title] = [[c.name for c in plan.log_columns], *kept]
        self._sheet.tabs = tabs
        self._sheet.writes += 1

    def init(self, plan: InitPlan) -> InitReport:
        created: list[str] = []
        headers: list[str] = []
        for tab in plan.tabs:
            if tab.title not in self._sheet.tabs:
                self._sheet.tabs[tab.title] = []
                created.append(tab.title)
            grid = self._sheet.tabs[tab.title]
            if not any(c not in (None, "") for row in grid for c in row):
                grid[:] = [list(tab.headers)]
                headers.append(tab.title)
        for name, values in plan.lists.items():
            self.lists[name] = values
        return InitReport(tuple(created), tuple(headers))


def _grid(table: Table) -> Grid:
    header: list[Cell] = [c.name for c in table.columns]
    return [header, *(list(row) for row in table.rows)]
