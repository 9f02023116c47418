"""The port every spreadsheet backend implements (xlsx, Google Sheets, test fakes).

A sync opens one `Book`, reads the entry tabs once as grids, and applies one
`WritePlan`. A backend must apply a plan all or nothing: if `write` raises, the
worker-owned tabs are exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, Protocol

from rules.tables import Column, Grid, RawCell, Table

__all__ = [
    "Backend",
    "Book",
    "Capability",
    "DoctorCheck",
    "Grid",
    "InitPlan",
    "InitReport",
    "Owner",
    "RawCell",
    "TabLayout",
    "WritePlan",
]


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
    lang: str = "vi"  # of the words the look colours (statuses, levels, severities)
    # The contract's entry-tab title -> the spreadsheet's own title (links point there).
    entry_titles: Mapping[str, str] = field(default_factory=dict)
    teams: tuple[str, ...] = ()  # team codes: one filter view each where supported


class Capability(StrEnum):
    """What a backend can do beyond reading and writing tabs; callers ask, never check types."""

    CREATE = "create"  # `create()` makes a new, empty spreadsheet where none exists
    DROPDOWNS = "dropdowns"  # data validation lists on entry-tab columns
    PROTECT = "protect"  # protected ranges on worker-owned tabs


class Owner(StrEnum):
    TEAM = "team"  # an entry tab: teams type into it, the worker never changes it
    WORKER = "worker"  # a summary tab, rewritten whole by every sync
    LIST = "list"  # the list tab behind drop-downs


@dataclass(frozen=True)
class TabLayout:
    title: str
    headers: tuple[str, ...]
    owner: Owner
    # Column header -> name of a list in `InitPlan.lists` feeding a drop-down
    # (applied by backends with `Capability.DROPDOWNS`).
    dropdowns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InitPlan:
    tabs: tuple[TabLayout, ...]
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    protect_warning_only: bool = False  # with `Capability.PROTECT`: warn instead of enforce


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


class DoctorCheck(NamedTuple):
    """One line of `daisuso doctor`; `warning` marks a failure that does not stop a sync."""

    label: str
    ok: bool
    fix: str = ""
    warning: bool = False


class Backend(Protocol):
    """Opens the configured spreadsheet; `lock_key` names it for the sync lock."""

    @property
    def lock_key(self) -> str: ...

    @property
    def display_name(self) -> str: ...

    @property
    def capabilities(self) -> frozenset[Capability]: ...

    def exists(self) -> bool:
        """Whether the spreadsheet is there to open (Google: assumed; `open` says otherwise)."""
        ...

    def create(self) -> None:
        """A new, empty spreadsheet (only with `Capability.CREATE`)."""
        ...

    def doctor_checks(self) -> Iterator[DoctorCheck]:
        """Backend-specific checks `doctor` runs before opening the spreadsheet."""
        ...

    def open(self, *, writing: bool = True) -> AbstractContextManager[Book]:
        """The spreadsheet, read. `writing=False` (validate) may open what cannot be
        written (a local .xls/.ods/.xlsb); opened for writing, that is refused at once."""
        ...
