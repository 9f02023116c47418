"""The worker-owned tabs drawn into a workbook of their own, ready to be spliced in.

Only the summary tabs and the log are rendered (with their look, charts and links);
the charts a person moved are found in the workbook's zip, without loading its entry
tabs (the log's older rows are read like any tab, by the caller).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.chart import LineChart
from openpyxl.reader.drawings import find_images
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rules.look import NUMBER_FORMATS, ChartKind, looks
from rules.tables import Cell, Column, Formula, Kind, Table
from sync.adapters.xlsx.look import Anchor, Restyle, apply_links, apply_look
from sync.adapters.xlsx.ooxml import Package
from sync.ports import WritePlan

FORMATS = NUMBER_FORMATS
_BOLD = Font(bold=True)
Anchors = dict[str, dict[ChartKind, Anchor]]


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
