"""A1 notation: parsing ranges, echoing them the way Google does, quoting titles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.emulator.errors import ApiError

_CELL = re.compile(r"^([A-Za-z]*)(\d*)$")
_A1_CELL = re.compile(r"^[A-Za-z]{1,3}\d+$")
_R1C1 = re.compile(r"^[Rr]\d*[Cc]\d*$")


def col_to_letters(col: int) -> str:
    """0-based column index -> letters (0 -> A, 26 -> AA)."""
    out = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def letters_to_col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def quote_title(title: str) -> str:
    """Quote a sheet title the way Google echoes it: only when it needs quoting."""
    simple = re.fullmatch(r"\w+", title) is not None and not title[0].isdigit()
    looks_like_ref = bool(_A1_CELL.match(title) or _R1C1.match(title))
    if simple and not looks_like_ref:
        return title
    return "'" + title.replace("'", "''") + "'"


def cell_a1(row: int, col: int) -> str:
    return f"{col_to_letters(col)}{row + 1}"


def range_a1(r0: int, c0: int, r1: int, c1: int) -> str:
    """Half-open [r0, r1) x [c0, c1) -> 'A1' or 'A1:B2'."""
    start = cell_a1(r0, c0)
    if r1 - r0 <= 1 and c1 - c0 <= 1:
        return start
    return f"{start}:{cell_a1(r1 - 1, c1 - 1)}"


def echo(title: str, r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{quote_title(title)}!{range_a1(r0, c0, r1, c1)}"


@dataclass
class ParsedRange:
    """A range before it is resolved against a sheet's grid.

    None bounds are open ('A:A' has no row bounds); the resolver fills them from the grid.
    """

    sheet: str | None  # title as written (unquoted); None when the range names no sheet
    cells: str | None  # the A1 part, None for "whole sheet"
    r0: int | None = None
    c0: int | None = None
    r1: int | None = None  # exclusive
    c1: int | None = None


def split_sheet(text: str) -> tuple[str | None, str | None]:
    """Split "'a ''b'''!A1" into ("a 'b'", "A1"); a bare name gives (name, None)."""
    if text.startswith("'"):
        i, buf = 1, []
        while i < len(text):
            ch = text[i]
            if ch == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    buf.append("'")
                    i += 2
                    continue
                rest = text[i + 1 :]
                if rest == "":
                    return "".join(buf), None
                if rest.startswith("!"):
                    return "".join(buf), rest[1:]
                raise ValueError(text)
            buf.append(ch)
            i += 1
        raise ValueError(text)
    if "!" in text:
        sheet, _, cells = text.rpartition("!")
        return sheet, cells
    return None, text


def parse_cells(cells: str) -> tuple[int | None, int | None, int | None, int | None]:
    """'B2:D' -> (r0, c0, r1, c1) half-open with None for open bounds."""
    parts = cells.split(":")
    if len(parts) > 2 or not cells:
        raise ValueError(cells)
    m0 = _CELL.match(parts[0])
    if not m0 or not (m0.group(1) or m0.group(2)):
        raise ValueError(cells)
    col0, row0 = m0.group(1), m0.group(2)
    if len(parts) == 1:
        if not (col0 and row0):
            raise ValueError(cells)
        r, c = int(row0) - 1, letters_to_col(col0)
        if r < 0:
            raise ValueError(cells)
        return r, c, r + 1, c + 1
    m1 = _CELL.match(parts[1])
    if not m1 or not (m1.group(1) or m1.group(2)):
        raise ValueError(cells)
    col1, row1 = m1.group(1), m1.group(2)
    if (row0 and int(row0) < 1) or (row1 and int(row1) < 1):
        raise ValueError(cells)
    r0 = int(row0) - 1 if row0 else 0
    c0 = letters_to_col(col0) if col0 else 0
    r1 = int(row1) if row1 else None
    c1 = letters_to_col(col1) + 1 if col1 else None
    # 'A:A' and '1:1' style: an open side means "to the edge of the grid".
    if r1 is not None and r1 <= r0:
        r0, r1 = r1 - 1, r0 + 1
    if c1 is not None and c1 <= c0:
        c0, c1 = c1 - 1, c0 + 1
    return r0, c0, r1, c1


def parse(text: str) -> ParsedRange:
    """Parse a user range; raises ApiError(400 'Unable to parse range') on bad syntax."""
    try:
        sheet, cells = split_sheet(text.strip())
    except ValueError:
        raise bad_range(text) from None
    if cells is None:
        return ParsedRange(sheet=sheet, cells=None)
    try:
        r0, c0, r1, c1 = parse_cells(cells)
    except ValueError:
        if sheet is None:
            # No '!' and not A1: it may be a sheet title or a named range.
            return ParsedRange(sheet=cells, cells=None)
        raise bad_range(text) from None
    return ParsedRange(sheet=sheet, cells=cells, r0=r0, c0=c0, r1=r1, c1=c1)


def bad_range(text: str) -> ApiError:
    return ApiError(400, f"Unable to parse range: {text}")
