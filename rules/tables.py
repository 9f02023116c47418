"""Summary tables as plain data: what a backend writes, independent of the backend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

Cell = str | int | float | date | datetime | None
# A value as read from a spreadsheet cell (Google serials arrive as numbers).
RawCell = str | int | float | bool | date | datetime | None
Grid = list[list[RawCell]]


class Kind(StrEnum):
    """How a column is typed when written; text is always written as text."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    PERCENT = "percent"  # a plain number with one decimal, e.g. 87.5
    DATE = "date"
    DATETIME = "datetime"
    ANY = "any"  # values keep their own type (dashboard "Giá trị")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True, slots=True)
class Target:
    """A cell of an entry tab that a summary cell links to."""

    tab: str  # the contract's title of the entry tab (the spreadsheet may spell it otherwise)
    row: int  # the spreadsheet row number a person sees
    column: int  # 0-based index of the column where it really is in that tab


@dataclass(frozen=True)
class Table:
    """A worker-owned tab, replaced whole on every sync.

    `links`, when given, has one entry per row: the cell of column `link_column` opens
    that target (or nothing, for None).
    """

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    links: tuple[Target | None, ...] = ()
    link_column: int = 0

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)
