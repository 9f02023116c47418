"""The port every spreadsheet backend implements (xlsx, Google Sheets, test fakes).

A sync opens one `Book`, reads the entry tabs once as grids, and applies one
`WritePlan`. A backend must apply a plan all or nothing: if `write` raises, the
worker-owned tabs are exactly as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from rules.tables import Column, Grid, RawCell, Table

__all__ = ["Backend", "Book", "Grid", "InitPlan", "InitReport", "RawCell", "TabLayout", "WritePlan"]


@dataclass(frozen=True)
class WritePlan:
    """Everything one sync writes.

    `tables` replace the named tabs whole (created when missing). `log_rows` are
    appended to the log tab, which then keeps only its newest `log_keep` rows.
    """

    tables: tuple[Table, ...]
    log_title: str
    log_columns: tuple[Column, ...]
    log_rows: tuple[tuple[object, ...], ...]
    log_keep: int = 500


@dataclass(frozen=True)
class TabLayout:
    title: str
    headers: tuple[str, ...]
    owner: str  # "team" (entry tab), "worker" (summary tab) or "list" (drop-down source)
    # Google only: column header -> name of a list in `InitPlan.lists` feeding a drop-down.
    dropdowns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InitPlan:
    tabs: tuple[TabLayout, ...]
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    protect_warning_only: bool = False


@dataclass(frozen=True)
class InitReport:
    created_tabs: tuple[str, ...]
    headers_written: tuple[str, ...]
    notes: tuple[str, ...] = ()


class Book(Protocol):
    """One open spreadsheet, for the duration of one sync."""

    def titles(self) -> list[str]:
        """Titles of every tab, in order."""
        ...

    def read(self, titles: Sequence[str]) -> dict[str, Grid]:
        """Values of the given tabs as grids starting at A1 (row 1 = index 0)."""
        ...

    def write(self, plan: WritePlan) -> None:
        """Apply the plan atomically; never touches a tab that is not in it."""
        ...

    def init(self, plan: InitPlan) -> InitReport:
        """Create what is missing; never changes an existing value."""
        ...


class Backend(Protocol):
    """Opens the configured spreadsheet; `lock_key` names it for the sync lock."""

    @property
    def lock_key(self) -> str: ...

    @property
    def display_name(self) -> str: ...

    def open(self) -> AbstractContextManager[Book]: ...
