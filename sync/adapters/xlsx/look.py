"""The summary tabs' look on an openpyxl worksheet, from the one declaration in `rules.look`.

Callable by any xlsx writer: it needs only the worksheet holding the table (already
filled, header in row 1), the `Table`, its `TabLook`, the worksheets charts take their
data from, and the anchors of charts a person moved (kept where they put them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from copy import copy
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart._chart import ChartBase
from openpyxl.formatting.rule import CellIsRule, Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from rules.look import ChartKind, ChartLook, TabLook, value_format
from rules.tables import Kind, Table, Target

CM_PER_PX = 2.54 / 96
WIDTH_SLACK = 1.2  # openpyxl widths count the default font's digits; Vietnamese text runs wider
Anchor = Any  # an openpyxl drawing anchor (the stubs type it as str), kept opaque
FONT = "Calibri"  # the workbook's default font: the header keeps it
LINE_HEIGHT = 15  # points per line of 11-point text
LINK_FONT = Font(name=FONT, color="0563C1", underline="single")


def apply_look(
    sheet: Worksheet,
    table: Table,
    look: TabLook,
    sources: Callable[[str], Worksheet],
    anchors: Mapping[ChartKind, Anchor] | None = None,
) -> None:
    last_row = max(2, len(table.rows) + 1)
    last_col = get_column_letter(max(1, len(table.columns)))
    _header(sheet, len(table.columns), look)
    _columns(sheet, table, look)
    _colours(sheet, look, last_row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last_col}{last_row}"
    if look.landscape:
        sheet.page_setup.orientation = "landscape"
    if look.fit_width:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    if look.repeat_header:
        sheet.print_title_rows = "1:1"
    for spec in look.charts:
        chart = _chart(spec, sources(spec.source))
        kept = (anchors or {}).get(spec.kind)
        if kept is not None:
            chart.anchor = kept  # a person moved or resized it: it stays there
            sheet.add_chart(chart)
        else:
            sheet.add_chart(chart, f"{get_column_letter(spec.anchor_col + 1)}{spec.anchor_row + 1}")


def _header(sheet: Worksheet, width: int, look: TabLook) -> None:
    fill = PatternFill("solid", start_color=look.header.fill, end_color=look.header.fill)
    font = Font(name=FONT, bold=True, color=look.header.text)
    for col in range(1, width + 1):
        cell = sheet.cell(row=1, column=col)
        cell.fill = fill
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if look.header_lines > 1:
        sheet.row_dimensions[1].height = LINE_HEIGHT * look.header_lines


class Restyle:
    """Give many cells the same style quickly.

    openpyxl hashes the style object on every assignment (most of a large tab's render
    time); a cell that starts from a style already seen with the same change gets the
    style ids the first such cell got.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[bytes, str, object], Any] = {}

    def set(self, cell: Any, name: str, value: object) -> None:
        before = getattr(cell, "_style", None)
        key = (b"" if before is None else before.tobytes(), name, _identity(value))
        done = self._seen.get(key)
        if done is None:
            setattr(cell, name, value)
            self._seen[key] = copy(cell._style)
        else:
            cell._style = copy(done)


def _identity(value: object) -> object:
    return value if isinstance(value, str) else id(value)


def _columns(sheet: Worksheet, table: Table, look: TabLook) -> None:
    restyle = Restyle()
    wrap = Alignment(wrap_text=True, vertical="top")
    lines: dict[int, int] = {}  # row -> lines its wrapped text needs
    for index, (column, spec) in enumerate(zip(table.columns, look.columns, strict=True)):
        letter = get_column_letter(index + 1)
        slack = WIDTH_SLACK if column.kind in (Kind.TEXT, Kind.ANY) else 1.0
        sheet.column_dimensions[letter].width = round(spec.width * slack + 1, 1)
        if column.kind is Kind.TEXT and not spec.wrap:
            continue
        for r, row in enumerate(table.rows, start=2):
            value = row[index] if index < len(row) else None
            if value is None:
                continue
            cell = sheet.cell(row=r, column=index + 1)
            if spec.wrap:
                restyle.set(cell, "alignment", wrap)
                need = -(-len(str(value)) // max(1, int(spec.width * WIDTH_SLACK * 1.1)))
                lines[r] = max(lines.get(r, 1), need)
            fmt = value_format(column.kind, value)
            if fmt is not None and not isinstance(value, str):
                restyle.set(cell, "number_format", fmt)
    top = Alignment(vertical="top")
    for r, n in lines.items():
        if n > 1:  # programs do not all grow a row for wrapped text on their own
            sheet.row_dimensions[r].height = LINE_HEIGHT * n
            for index, spec in enumerate(look.columns, start=1):
                if not spec.wrap:  # the row's other cells start on its first line too
                    restyle.set(sheet.cell(row=r, column=index), "alignment", top)


def _colours(sheet: Worksheet, look: TabLook, last_row: int) -> None:
    for rule in look.colours:
        letter = get_column_letter(rule.column + 1)
        fill = PatternFill("solid", start_color=rule.colour.fill, end_color=rule.colour.fill)
        text = '"' + rule.text.replace('"', '""') + '"'
        font = Font(color=rule.colour.text)
        cf: Rule
        if rule.prefix:  # Excel's "begins with": the formula is what programs evaluate
            formula = f"LEFT({letter}2,LEN({text}))={text}"
            style = DifferentialStyle(fill=fill, font=font)
            cf = Rule(type="beginsWith", operator="beginsWith", text=rule.text,
                      formula=[formula], dxf=style)  # fmt: skip
        else:
            cf = CellIsRule(operator="equal", formula=[text], fill=fill, font=font)  # type: ignore[no-untyped-call]
        sheet.conditional_formatting.add(f"{letter}2:{letter}{last_row}", cf)


def _chart(spec: ChartLook, source: Worksheet) -> ChartBase:
    chart: LineChart | BarChart
    if spec.kind is ChartKind.LINE:
        chart = LineChart()
        chart.y_axis.title = None
    else:
        chart = BarChart()
        chart.type = "col"
    chart.title = spec.title
    chart.width = round(spec.width_px * CM_PER_PX)
    chart.height = round(spec.height_px * CM_PER_PX)
    if chart.legend is not None:
        chart.legend.position = "b"
    last = max(2, spec.rows + 1)
    for col in spec.series:
        data = Reference(source, min_col=col + 1, max_col=col + 1, min_row=1, max_row=last)
        chart.add_data(data, titles_from_data=True)
    labels = Reference(
        source, min_col=spec.domain + 1, max_col=spec.domain + 1, min_row=2, max_row=last
    )
    chart.set_categories(labels)
    if spec.kind is ChartKind.LINE:
        chart.x_axis.number_format = "dd/mm"
        for series in chart.series:
            series.smooth = False
            series.marker.symbol = "none"
    # Newer Excel hides axes whose `delete` is unset; show both.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def apply_links(
    sheet: Worksheet,
    column: int,
    links: Sequence[Target | None],
    titles: Mapping[str, str],
) -> None:
    """The `Dòng` cells open their offending cell: an internal hyperlink to 'Tab'!C17."""
    restyle = Restyle()
    for r, target in enumerate(links, start=2):
        if target is None:
            continue
        tab = titles.get(target.tab, target.tab)
        cell = sheet.cell(row=r, column=column + 1)
        where = f"{quote_sheet(tab)}!{get_column_letter(target.column + 1)}{target.row}"
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=where)
        restyle.set(cell, "font", LINK_FONT)
