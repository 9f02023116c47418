"""How each summary tab looks, declared once and read by both adapters (xlsx, Google).

Pure data: number formats per column, widths fitted to the longest value (in
characters; long text wraps), the header band, colour rules that follow the values
(conditional formats, so colours survive sorting and filtering), charts with their
source ranges and anchors, the per-team filter column and the print setup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from rules.contract import (
    ALERTS,
    BY_TEAM,
    CUMULATIVE,
    DASHBOARD,
    DATA_ISSUES,
    DAY,
    EXPECTED,
    GOAL,
    HAVE,
    LEVEL,
    PROGRESS,
    QUOTA,
    RESULT,
    ROLLUP,
    STATUS,
    TEAM,
    UNIT,
)  # fmt: skip
from rules.messages import ALERT_MESSAGES, CHART_TITLES, ROLLUP_RESULTS, TEXT, pick
from rules.quota import Status, status_label
from rules.tables import Cell, Kind, Table

Rgb = str  # "RRGGBB"
WRAP_AT = 60  # characters: a longer value wraps in a column this wide
MIN_WIDTH = 6
HEADER_EXTRA = 4  # bold text and the filter button
HEADER_WRAP_AT = 10  # a longer header wraps onto two lines


@dataclass(frozen=True, slots=True)
class Colour:
    fill: Rgb
    text: Rgb


GREEN = Colour("C6EFCE", "006100")
BLUE = Colour("DDEBF7", "1F4E79")
AMBER = Colour("FFEB9C", "9C5700")
RED = Colour("FFC7CE", "9C0006")
GREY = Colour("E7E6E6", "3A3A3A")
HEADER = Colour("1F4E79", "FFFFFF")

NUMBER_FORMATS: dict[Kind, str] = {
    Kind.INTEGER: "#,##0",
    Kind.NUMBER: "0.0",
    Kind.PERCENT: "0.0",
    Kind.DATE: "dd/mm/yyyy",
    Kind.DATETIME: "dd/mm/yyyy hh:mm",
}
STATUS_COLOURS = {
    Status.DONE: GREEN,
    Status.ON_PACE: BLUE,
    Status.BEHIND: AMBER,
    Status.FAILED: RED,
}
LEVEL_COLOURS = (
    (ALERT_MESSAGES["level.high"], RED),
    (ALERT_MESSAGES["level.medium"], AMBER),
    (ALERT_MESSAGES["level.low"], GREY),
)
SEVERITY_COLOURS = ((TEXT["severity.error"], RED), (TEXT["severity.warning"], AMBER))
# `Kết quả` of the roll-up: (words, colour, the cell only starts with the words)
RESULT_COLOURS = (
    (ROLLUP_RESULTS["ok"], GREEN, False),
    (ROLLUP_RESULTS["failed"], RED, True),  # "Lỗi (mã 4) từ 10/11/2025 08:00: …"
    (ROLLUP_RESULTS["waiting"], GREY, False),
)


class ChartKind(StrEnum):
    LINE = "LINE"
    COLUMN = "COLUMN"


@dataclass(frozen=True, slots=True)
class ColumnLook:
    format: str | None  # None: text, or per value (the dashboard's `Giá trị`)
    width: int  # characters
    wrap: bool


@dataclass(frozen=True, slots=True)
class ColourRule:
    """Cells of `column` (0-based) whose text is exactly `text` (or, with `prefix`, starts
    with it) take `colour`."""

    column: int
    text: str
    colour: Colour
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class ChartLook:
    key: str  # stable: "progress" | "teams" | "rollup"
    kind: ChartKind
    title: str
    source: str  # the tab holding the data
    domain: int  # its column of labels (0-based)
    series: tuple[int, ...]  # its columns of values
    rows: int  # data rows in the source (header excluded)
    anchor_row: int  # top-left cell on the chart's own tab (0-based)
    anchor_col: int
    width_px: int = 720
    height_px: int = 360


@dataclass(frozen=True, slots=True)
class TabLook:
    title: str
    columns: tuple[ColumnLook, ...]
    rows: int  # data rows (header excluded)
    colours: tuple[ColourRule, ...] = ()
    charts: tuple[ChartLook, ...] = ()
    team_column: int | None = None  # per-team filter views (Google) filter this column
    header_lines: int = 1  # 2 when a long header wraps
    header: Colour = HEADER
    frozen_rows: int = 1
    landscape: bool = True
    fit_width: bool = True
    repeat_header: bool = True


def value_format(kind: Kind, value: Cell) -> str | None:
    """The number format of one value: its column's, or by type in an `ANY` column."""
    if kind is not Kind.ANY:
        return NUMBER_FORMATS.get(kind)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, datetime):
        return NUMBER_FORMATS[Kind.DATETIME]
    if isinstance(value, date):
        return NUMBER_FORMATS[Kind.DATE]
    return NUMBER_FORMATS[Kind.NUMBER if isinstance(value, float) else Kind.INTEGER]


def shown(value: Cell, kind: Kind) -> str:
    """The text a person sees for a value under its number format."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    fmt = value_format(kind, value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and fmt == "0.0":
        return f"{value:.1f}"
    if isinstance(value, int | float) and fmt == "#,##0":
        return f"{round(value):,}"
    return str(value)


def _longest(table: Table, index: int) -> int:
    kind = table.columns[index].kind
    if kind is Kind.TEXT:
        texts = (r[index] for r in table.rows if len(r) > index)
        return max((len(v) for v in texts if isinstance(v, str)), default=0)
    return max((len(shown(r[index], kind)) for r in table.rows if len(r) > index), default=0)


def header_width(name: str) -> int:
    """A long header wraps onto two lines rather than widening a column of short numbers."""
    if len(name) <= HEADER_WRAP_AT:
        return len(name) + HEADER_EXTRA
    longest_word = max(len(w) for w in name.split())
    return max(longest_word, math.ceil(len(name) / 2) + 2) + HEADER_EXTRA


def header_lines(table: Table) -> int:
    return 2 if any(len(c.name) > HEADER_WRAP_AT for c in table.columns) else 1


def column_looks(table: Table) -> tuple[ColumnLook, ...]:
    out = []
    for i, column in enumerate(table.columns):
        longest = max(_longest(table, i) + 2, header_width(column.name), MIN_WIDTH)
        fmt = None if column.kind is Kind.ANY else NUMBER_FORMATS.get(column.kind)
        out.append(ColumnLook(fmt, min(longest, WRAP_AT + 2), longest > WRAP_AT + 2))
    return tuple(out)


def _index(table: Table, name: str) -> int | None:
    return next((i for i, c in enumerate(table.columns) if c.name == name), None)


def colour_rules(table: Table, lang: str, titles: Titles) -> tuple[ColourRule, ...]:
    rules: list[ColourRule] = []
    status = _index(table, STATUS)
    if status is not None:
        rules += [ColourRule(status, status_label(s, lang), c) for s, c in STATUS_COLOURS.items()]
    level = _index(table, LEVEL)
    if level is not None and table.title in (titles.alerts, titles.issues):
        pairs = LEVEL_COLOURS if table.title == titles.alerts else SEVERITY_COLOURS
        rules += [ColourRule(level, pick(words, lang), c) for words, c in pairs]
    result = _index(table, RESULT)
    if result is not None and table.title == titles.rollup:
        rules += [ColourRule(result, pick(w, lang), c, p) for w, c, p in RESULT_COLOURS]
    return tuple(rules)


def chart(key: str, kind: ChartKind, source: Table, domain: str, series: Sequence[str],
          anchor: tuple[int, int], lang: str) -> ChartLook | None:  # fmt: skip
    where = _index(source, domain)
    columns = [_index(source, s) for s in series]
    if where is None or any(c is None for c in columns):
        return None
    return ChartLook(
        key, kind, pick(CHART_TITLES[key], lang), source.title, where,
        tuple(c for c in columns if c is not None), len(source.rows), *anchor,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Titles:
    """The summary tabs' titles the look refers to (they live in the contract)."""

    dashboard: str
    progress: str
    by_team: str
    alerts: str
    issues: str
    rollup: str = ROLLUP


def tab_look(table: Table, tables: Mapping[str, Table], titles: Titles, lang: str) -> TabLook:
    charts: list[ChartLook | None] = []
    if table.title == titles.dashboard and titles.progress in tables:
        series = (CUMULATIVE, EXPECTED, GOAL)
        anchor = (0, len(table.columns) + 1)
        charts.append(chart("progress", ChartKind.LINE, tables[titles.progress], DAY, series, anchor, lang))  # fmt: skip
    if table.title == titles.by_team:
        anchor = (0, len(table.columns) + 1)
        charts.append(chart("teams", ChartKind.COLUMN, table, TEAM.vi, (HAVE, QUOTA.vi), anchor, lang))  # fmt: skip
    if table.title == titles.rollup:
        charts.append(_rollup_chart(table, lang))
    team = _index(table, TEAM.vi) if table.title in (titles.alerts, titles.issues) else None
    return TabLook(
        table.title,
        column_looks(table),
        len(table.rows),
        colour_rules(table, lang, titles),
        tuple(c for c in charts if c is not None),
        team,
        header_lines(table),
    )


def _rollup_chart(table: Table, lang: str) -> ChartLook | None:
    """`Đã có` against `Chỉ tiêu` per member; the last row (the total) is left out."""
    anchor = (0, len(table.columns) + 1)
    bars = chart("rollup", ChartKind.COLUMN, table, UNIT, (HAVE, QUOTA.vi), anchor, lang)
    return replace(bars, rows=max(0, bars.rows - 1)) if bars is not None else None


CONTRACT_TITLES = Titles(DASHBOARD, PROGRESS, BY_TEAM, ALERTS, DATA_ISSUES)


def looks(
    tables: Sequence[Table], titles: Titles = CONTRACT_TITLES, lang: str = "vi"
) -> dict[str, TabLook]:
    by_title = {t.title: t for t in tables}
    return {t.title: tab_look(t, by_title, titles, lang) for t in tables}


def chart_width_columns(look: TabLook) -> int:
    """Characters of the columns left of a chart anchored beside the data (for docs/tests)."""
    return sum(c.width for c in look.columns)
