"""What calamine does not say about an .xlsx sheet, found in the sheet's own XML.

calamine gives each cell's cached value. openpyxl, which read the entry tabs before,
also gave: the rows a person hid, error values (`#N/A`, `#DIV/0!`), which formula cells
have no computed value, a grid as large as every `<c>` element (an empty cell with only a
border counts) and every merged, linked or commented cell, and None in the cells a merge
covers. Each is found here with one `bytes.find` pass over the sheet's XML (a few tenths
of a second for a 100,000-row tab), not by parsing it.

A sheet laid out unusually (cells without their `r="A1"` reference first, prefixed XML
tags) is reported as not `plain`: the caller reads it the slow, exact way.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

Cell = tuple[int, int]  # (row, column), both 1-based as a person counts them

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_REF = re.compile(rb"([A-Z]{1,3})(\d+)")
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
_ROW_REF = re.compile(rb'<row r="(\d+)"')
_COLUMNS = re.compile(rb'<c r="([A-Z]{1,3})\d')
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]{1,3}\d+:)?([A-Z]{1,3})\d+"')
_NOT_PLAIN = re.compile(rb'<c(?: (?!r=")|>)')  # a cell without its reference first
_RANGE = rb'ref="([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"'
_MERGE = re.compile(rb"<mergeCell " + _RANGE)
_LINK = re.compile(rb"<hyperlink\b[^>]*?\b" + _RANGE)
_COMMENT = re.compile(rb"<comment " + _RANGE)
_NOT_HIDDEN = (b"", b"0", b"f", b"false")  # what openpyxl reads as not hidden


@dataclass
class SheetFacts:
    rows: int = 0  # the grid's height and width (0 rows: an empty grid)
    cols: int = 0
    hidden: frozenset[int] = frozenset()
    errors: dict[Cell, str] = field(default_factory=dict)
    uncomputed: list[Cell] = field(default_factory=list)  # formulas with no cached value
    merges: list[tuple[Cell, Cell]] = field(default_factory=list)
    plain: bool = True


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _cell(ref: bytes) -> Cell:
    m = _REF.fullmatch(ref)
    assert m is not None  # the patterns only capture references
    return int(m[2]), column_number(m[1])


def _corners(ref: bytes) -> tuple[Cell, Cell]:
    first, _, last = ref.partition(b":")
    return _cell(first), _cell(last or first)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's title → the path of its XML part in the archive."""
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL)}
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    parts: dict[str, str] = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_DOC_REL), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def comment_refs(archive: zipfile.ZipFile, part: str) -> list[bytes]:
    """Cells with a comment (openpyxl makes a cell for each, so they count in the grid)."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_path not in archive.NameToInfo:
        return []
    refs: list[bytes] = []
    for rel in ElementTree.fromstring(archive.read(rels_path)).iter(_PKG_REL):
        if not rel.get("Type", "").endswith("/comments"):
            continue
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        if target in archive.NameToInfo:
            refs += _COMMENT.findall(archive.read(target))
    return refs


def scan(xml: bytes, comments: list[bytes]) -> SheetFacts:
    """The facts of one sheet (`comments`: the cells its comments are on)."""
    start = xml.find(b"<sheetData")
    if start < 0:
        return SheetFacts(plain=b":sheetData" not in xml)
    end = xml.rfind(b"</sheetData>")  # near the end: found at once from there
    end = start if end < start else end  # <sheetData/>: no rows
    tail = xml[end:]
    facts = SheetFacts()
    facts.merges = [_corners(ref) for ref in _MERGE.findall(tail)]
    refs = [c for ref in (*_LINK.findall(tail), *comments) for c in _corners(ref)]
    corners = [c for merge in facts.merges for c in merge] + refs
    last = xml.rfind(b"<c ", start, end)
    if last < 0 and not refs:
        return facts  # no cell at all: openpyxl gave no rows either
    if last >= 0:
        m = _CELL_REF.match(xml, last)
        if m is None:
            return SheetFacts(plain=False)
        corners.append((int(m[2]), column_number(m[1])))
    facts.rows = max(r for r, _ in corners)
    width = _width(xml, start, end, max(c for _, c in corners))
    if width is None:
        return SheetFacts(plain=False)
    facts.cols = width
    facts.hidden = _hidden_rows(xml, start, end, facts)
    facts.errors = _errors(xml, start, end)
    facts.uncomputed = _uncomputed(xml, start, end)
    return facts


def _width(xml: bytes, start: int, end: int, known: int) -> int | None:
    """The rightmost cell's column (None: a cell without its reference first).

    `known` is a column some cell has. The sheet's `<dimension>` usually names the
    rightmost column: one pass checks that no cell lies beyond it, and the first cell in
    that column (in the header row, most often) shows it is not too wide. Only a sheet
    where either fails has all its cells' columns read."""
    dimension = _DIMENSION.search(xml, 0, start)
    widest = max(known, column_number(dimension[1]) if dimension else 0)
    odd = _odd_cells(widest).search(xml, start, end)  # one pass for both checks
    if odd is not None and _NOT_PLAIN.search(xml, odd.start(), end):
        return None
    reached = widest == known or re.compile(b'<c r="' + _letters(widest) + rb"\d").search(
        xml, start, end
    )
    if odd is None and reached:
        return widest
    return max(known, *map(column_number, set(_COLUMNS.findall(xml, start, end))))


def _letters(col: int) -> bytes:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters.encode()


def _odd_cells(col: int) -> re.Pattern[bytes]:
    """A cell without its reference first, or one right of column `col` (neither expected:
    one search checks both; what it finds is then looked at closely)."""
    letters = _letters(col).decode()
    options = [f"[A-Z]{{{len(letters) + 1},3}}"] if len(letters) < 3 else []
    for i, ch in enumerate(letters):
        if ch != "Z":
            options.append(f"{letters[:i]}[{chr(ord(ch) + 1)}-Z][A-Z]{{{len(letters) - i - 1}}}")
    beyond = "|".join(options or ["(?!)"]).encode()
    return re.compile(rb'<c(?: (?!r=")|>| r="(?:' + beyond + rb")\d)")


def _hidden_rows(xml: bytes, start: int, end: int, facts: SheetFacts) -> frozenset[int]:
    rows: set[int] = set()
    at = xml.find(b'hidden="', start, end)
    while at >= 0:
        value = xml[at + 8 : xml.find(b'"', at + 8)]
        tag = xml.rfind(b"<", start, at)
        m = _ROW_REF.match(xml, tag)
        if m is None:
            facts.plain = False  # a row without its number first
        elif value not in _NOT_HIDDEN:
            rows.add(int(m[1]))
        at = xml.find(b'hidden="', at + 8, end)
    return frozenset(rows)


def _errors(xml: bytes, start: int, end: int) -> dict[Cell, str]:
    """Error values (`t="e"` cells): calamine reads them as empty, openpyxl as their text."""
    found: dict[Cell, str] = {}
    at = xml.find(b't="e"', start, end)
    while at >= 0:
        tag = xml.rfind(b"<c ", start, at)
        m = _CELL_REF.match(xml, tag)
        close = xml.find(b">", at)
        inside = xml.find(b">", tag, at) < 0  # the `<c` found is the tag holding t="e"
        if m is not None and inside and xml[close - 1] != ord("/"):
            stop = xml.find(b"</c>", close)
            v = xml.find(b"<v>", close, stop)
            if v >= 0:
                text = xml[v + 3 : xml.find(b"</v>", v)].decode()
                if text:
                    found[int(m[2]), column_number(m[1])] = unescape(text)
        at = xml.find(b't="e"', at + 5, end)
    return found


def _has_value(xml: bytes, at: int, stop: int) -> bool:
    """Whether the cell has a non-empty `<v>` (not `<v/>`, `<v />` or `<v></v>`)."""
    v = xml.find(b"<v", at, stop)
    if v < 0:
        return False
    close = xml.find(b">", v, stop)
    return close >= 0 and xml[close - 1] != ord("/") and not xml.startswith(b"</v>", close + 1)


def _uncomputed(xml: bytes, start: int, end: int) -> list[Cell]:
    """Formula cells with no (or an empty) cached value: openpyxl read those as the formula."""
    found: list[Cell] = []
    at = xml.find(b"<f", start, end)
    while at >= 0:
        if xml[at + 2 : at + 3] in (b">", b" ", b"/"):
            stop = xml.find(b"</c>", at)
            if not _has_value(xml, at, stop):
                m = _CELL_REF.match(xml, xml.rfind(b"<c ", start, at))
                if m is not None:
                    found.append((int(m[2]), column_number(m[1])))
        at = xml.find(b"<f", at + 2, end)
    return found
