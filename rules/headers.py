"""Header row and header words as people type them.

The header row is found among the first rows (title rows above it are skipped); a header
cell is a column of the tab when, bracketed hints removed, it is one of the column's
names, several names of one column joined (`Ấp/Khóm`), or holds one column's name words
in order among other words (`Số điện thoại di động`) and fits no other column. A cell that
is none of these but close to an unmapped column is reported as a near miss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz

from rules.tables import RawCell
from rules.values.text import fold

SCAN_ROWS = 20
NEAR_MISS_SCORE = 80
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_WORDS = re.compile(r"[0-9a-z]+")
# Between names joined into one header: "Ấp/Khóm", "Xã, phường", "Ấp - Khu vực", "Ấp và khóm".
_JOINERS = re.compile(r"\s*(?:[/,;&+|]|\s-\s|\bva\b|\bhoac\b)\s*")


class ColumnLike(Protocol):
    @property
    def field(self) -> str: ...
    @property
    def vi(self) -> str: ...
    @property
    def en(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class NearMiss:
    index: int  # 0-based column index
    header: str  # as typed
    field: str  # the column it may be


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    header_row: int  # 0-based index into the grid
    columns: dict[str, int]  # field -> 0-based column index
    duplicates: tuple[tuple[str, int], ...]  # (field, column index) of ignored repeated headers
    near_misses: tuple[NearMiss, ...]


@lru_cache(maxsize=2048)  # the same header texts come back in every spreadsheet of a fleet
def header_words(text: str) -> tuple[str, ...]:
    """Folded words without bracketed hints: 'Ngày công nhận (dd/mm/yyyy)' → ('ngay','cong','nhan')."""
    return tuple(_WORDS.findall(fold(_BRACKETS.sub(" ", text))))


def _contains_in_order(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """True when `name` is a run of consecutive words inside `words`."""
    size = len(name)
    return any(words[i : i + size] == name for i in range(len(words) - size + 1))


@dataclass(frozen=True)
class _Names:
    """Every column's names as word tuples, built once per tab."""

    exact: dict[tuple[str, ...], str]  # name words -> field
    by_field: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, columns: Sequence[ColumnLike]) -> _Names:
        try:
            return _names_of(tuple(columns))
        except TypeError:  # columns that cannot be hashed: built each time
            return cls.build(columns)

    @classmethod
    def build(cls, columns: Sequence[ColumnLike]) -> _Names:
        exact: dict[tuple[str, ...], str] = {}
        by_field: dict[str, tuple[tuple[str, ...], ...]] = {}
        for column in columns:
            names = tuple(header_words(n) for n in (column.vi, column.en, *column.aliases))
            by_field[column.field] = tuple(n for n in names if n)
            for name in by_field[column.field]:
                exact.setdefault(name, column.field)
        return cls(exact, by_field)

    def exact_field(self, text: str) -> str | None:
        words = header_words(text)
        if field := self.exact.get(words):
            return field
        parts = [header_words(p) for p in _JOINERS.split(fold(_BRACKETS.sub(" ", text)))]
        fields = {self.exact.get(p) for p in parts if p}
        if len(parts) > 1 and len(fields) == 1 and None not in fields:
            return fields.pop()
        return None

    def contained_field(self, text: str) -> str | None:
        words = header_words(text)
        fields = {
            field
            for field, names in self.by_field.items()
            for name in names
            if _worth_containing(name) and _contains_in_order(words, name)
        }
        return fields.pop() if len(fields) == 1 else None

    def closest(self, text: str, fields: set[str]) -> str | None:
        typed = " ".join(header_words(text))
        best, best_score = None, float(NEAR_MISS_SCORE)
        for field in fields:
            for name in self.by_field[field]:
                score = fuzz.ratio(typed, " ".join(name))
                if score >= best_score:
                    best, best_score = field, score
        return best


@lru_cache(maxsize=32)  # one per entry tab: the contract's columns are immutable
def _names_of(columns: tuple[ColumnLike, ...]) -> _Names:
    return _Names.build(columns)


def _worth_containing(name: tuple[str, ...]) -> bool:
    """Single short words ('tổ', 'ấp', 'xã') are too common inside other headers."""
    return len(name) > 1 or len(name[0]) >= 5


def _blank(cell: RawCell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: RawCell) -> str | None:
    if cell is None or isinstance(cell, bool) or not isinstance(cell, str) or not cell.strip():
        return None
    return cell


def _map_row(names: _Names, row: Sequence[RawCell]) -> tuple[dict[str, int], list[tuple[str, int]]]:
    columns: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    later: list[tuple[int, str]] = []
    for index, cell in enumerate(row):
        text = _text(cell)
        if text is None:
            continue
        field = names.exact_field(text)
        if field is None:
            later.append((index, text))
        elif field in columns:
            duplicates.append((field, index))
        else:
            columns[field] = index
    for index, text in later:  # containment only where no exact header claimed the column
        field = names.contained_field(text)
        if field is not None and field not in columns:
            columns[field] = index
    return columns, duplicates


def _score(columns: dict[str, int], required: set[str]) -> tuple[int, int]:
    return len(required & columns.keys()), len(columns)


def match_headers(
    columns: Sequence[ColumnLike], grid: Sequence[Sequence[RawCell]]
) -> HeaderMatch | None:
    """The best header row among the first 20 rows (the first of equals); None for an empty tab."""
    first = next((i for i, row in enumerate(grid) if any(not _blank(c) for c in row)), None)
    if first is None:
        return None
    names = _Names.of(columns)
    required = {c.field for c in columns if c.required}
    best_row, best = first, _map_row(names, grid[first])
    complete = len(columns)
    for i in range(first + 1, min(len(grid), SCAN_ROWS)):
        if len(best[0]) == complete:
            break  # every column found: no later row can match better
        found = _map_row(names, grid[i])
        if _score(found[0], required) > _score(best[0], required):
            best_row, best = i, found
    mapped, duplicates = best
    unmapped = {c.field for c in columns} - mapped.keys()
    misses = []
    claimed = set(mapped.values()) | {index for _, index in duplicates}
    for index, cell in enumerate(grid[best_row]):
        text = _text(cell)
        if text is None or index in claimed or not unmapped:
            continue
        field = names.closest(text, unmapped)
        if field is not None:
            misses.append(NearMiss(index, text, field))
    return HeaderMatch(best_row, mapped, tuple(duplicates), tuple(misses))
