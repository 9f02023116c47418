"""The worker-owned tabs drawn into a workbook of their own, ready to be spliced in.

Only the summary tabs and the log are rendered (with their look, charts and links);
what the workbook had on them before — charts a person moved, the log's older rows —
is read straight from the workbook's zip, without loading its entry tabs.
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.chart import LineChart
from openpyxl.reader.drawings import find_images
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
from openpyxl.worksheet.worksheet import Worksheet

from rules.look import NUMBER_FORMATS, ChartKind, looks
from rules.tables import Cell, Column, Formula, Kind, Table
from sync.adapters.xlsx.look import Anchor, Restyle, apply_links, apply_look
from sync.adapters.xlsx.ooxml import Package, q
from sync.ports import WritePlan

FORMATS = NUMBER_FORMATS
_BOLD = Font(bold=True)
Anchors = dict[str, dict[ChartKind, Anchor]]
_COLUMN = re.compile(r"[A-Z]+")


def render(plan: WritePlan, old_log: Sequence[tuple[object, ...]], anchors: Anchors) -> bytes:
    """The owned tabs (plan.tables, then the log) in a new workbook, as .xlsx bytes.

    Its first sheet is a placeholder that stays the selected one, so no owned tab
    arrives marked as selected next to the workbook's own selected tab.
    """
    book = Workbook()
    sheets: dict[str, Worksheet] = {}
    for table in plan.tables:
        sheets[table.title] = book.create_sheet(table.title)
        fill(sheets[table.title], table.columns, table.rows)
    kept = [*old_log, *plan.log_rows][-plan.log_keep :]
    log = Table(plan.log_title, plan.log_columns, tuple(cast(tuple[Cell, ...], r) for r in kept))
    sheets[plan.log_title] = book.create_sheet(plan.log_title)
    fill(sheets[plan.log_title], plan.log_columns, kept)
    tables = [*plan.tables, log]
    for table, look in zip(tables, looks(tables, lang=plan.lang).values(), strict=True):
        sheet = sheets[table.title]
        apply_look(sheet, table, look, sheets.__getitem__, anchors.get(table.title))
        if table.links:
            apply_links(sheet, table.link_column, table.links, plan.entry_titles)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def kept_anchors(package: Package, titles: Sequence[str]) -> Anchors:
    """Where the charts on the owned tabs are now (a person may have moved them)."""
    out: Anchors = {}
    for title in titles:
        part = package.sheet_part(title)
        if part is None:
            continue
        rels = package.rels_of(part)
        for drawing in rels.by_type("/drawing"):
            target = rels.internal().get(drawing.get("Id", ""))
            if target is None or target not in package.names:
                continue
            for chart in _charts(package, target):
                kind = ChartKind.LINE if isinstance(chart, LineChart) else ChartKind.COLUMN
                out.setdefault(title, {}).setdefault(kind, chart.anchor)
    return out


def _charts(package: Package, drawing: str) -> list[Any]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # shapes openpyxl cannot read are not ours
            charts, _ = find_images(package.zip, drawing)
    except Exception:  # a drawing openpyxl cannot read: its charts go to their default place
        return []
    return list(charts)


def old_log_rows(
    package: Package, title: str, columns: Sequence[Column]
) -> list[tuple[object, ...]]:
    """The log tab's rows below its header, read from its own part only."""
    part = package.sheet_part(title)
    if part is None or part not in package.names:
        return []
    pr = package.workbook.root.find(q("workbookPr"))
    epoch = (
        CALENDAR_MAC_1904
        if pr is not None and pr.get("date1904") in ("1", "true")
        else CALENDAR_WINDOWS_1900
    )
    kinds = [c.kind for c in columns]
    reader = _SheetReader(package)
    rows: list[tuple[object, ...]] = []
    for number, cells in reader.rows(part):
        if number == 1:
            continue
        values = [
            _typed(v, kinds[i] if i < len(kinds) else Kind.ANY, epoch) for i, v in enumerate(cells)
        ]
        if any(v is not None for v in values):
            rows.append(tuple(values))
    return rows


def _typed(value: object, kind: Kind, epoch: datetime) -> object:
    if kind in (Kind.DATETIME, Kind.DATE) and isinstance(value, int | float):
        return from_excel(value, epoch)
    return value


class _SheetReader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self._shared: list[str] | None = None

    def shared(self, index: int) -> str:
        if self._shared is None:  # only a log written before the splice used shared strings
            part = self.package.part_of("/sharedStrings")
            data = self.package.read(part) if part else None
            self._shared = [] if data is None else [_text(si) for si in ET.fromstring(data)]
        return self._shared[index] if index < len(self._shared) else ""

    def rows(self, part: str) -> Iterator[tuple[int, list[object]]]:
        number = 0
        with self.package.zip.open(part) as stream:
            for _, el in ET.iterparse(stream):
                if el.tag != q("row"):
                    continue
                number = int(el.get("r", number + 1))
                cells: list[object] = []
                for c in el.iter(q("c")):
                    ref = _COLUMN.match(c.get("r", ""))
                    at = column_index_from_string(ref[0]) - 1 if ref else len(cells)
                    cells += [None] * (at - len(cells) + 1)
                    cells[at] = self.value(c)
                yield number, cells
                el.clear()

    def value(self, c: ET.Element) -> object:
        kind, v = c.get("t", "n"), c.findtext(q("v"))
        if kind == "inlineStr":
            found = c.find(q("is"))
            return None if found is None else _text(found)
        if v is None:
            return None
        if kind == "s":
            return self.shared(int(v))
        if kind == "b":
            return v.strip() == "1"
        if kind == "d":
            return datetime.fromisoformat(v)
        if kind in ("str", "e"):
            return v
        return float(v) if any(ch in v for ch in ".eE") else int(v)


def _text(si: ET.Element) -> str:
    """A string item's text: its runs, without phonetic hints."""
    phonetic = {id(t) for rph in si.iter(q("rPh")) for t in rph.iter(q("t"))}
    return "".join(t.text or "" for t in si.iter(q("t")) if id(t) not in phonetic)


def header(sheet: Worksheet, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        set_text(cell, column.name)
        cell.font = _BOLD
        sheet.column_dimensions[get_column_letter(index)].width = max(
            10, min(40, len(column.name) + 4)
        )
    sheet.freeze_panes = "A2"


def fill(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> None:
    header(sheet, columns)
    restyle = Restyle()
    for r, row in enumerate(rows, start=2):
        for c, (column, value) in enumerate(zip(columns, row, strict=False), start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, Formula):
                cell.value = str(value)  # a worker-built formula (roll-up totals)
                continue
            if isinstance(value, str):
                set_text(cell, value)
                continue
            cell.value = value  # type: ignore[assignment]  # typed by the Table's columns
            kind = column.kind
            if kind is Kind.ANY:
                kind = (
                    Kind.DATETIME
                    if isinstance(value, datetime)
                    else Kind.DATE
                    if isinstance(value, date)
                    else (Kind.NUMBER if isinstance(value, float) else Kind.INTEGER)
                )
            if kind in FORMATS:
                restyle.set(cell, "number_format", FORMATS[kind])


def set_text(cell: XlCell | MergedCell, value: str) -> None:
    """Text stays text: openpyxl would otherwise store '=…' as a formula."""
    cell.value = value
    cell.data_type = "s"
