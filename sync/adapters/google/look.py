"""Pure request building for the summary tabs' look on Google Sheets (no I/O).

From the one declaration in `rules.look` and what the metadata read of every sync
already returns (`Extras`), the requests that make a tab look as the contract says,
all inside the sync's one batchUpdate: header band, wrap, widths, conditional-format
rules (all replaced), a basic filter, charts (added once and tagged with developer
metadata, then only their spec updated, so a chart a person moved or renamed keeps its
place), and one filter view per team (added, renamed and removed with the team list).

Like `addSheet`, the requests that add (a chart, a tag, a filter view, each with an id
chosen here) or delete (the old rules, by index) are refused on a replay of a batch that
was applied, atomically: the HTTP layer reports that case as "may have been applied".
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rules.look import ChartLook, Colour, TabLook, looks
from rules.tables import Table
from rules.values.text import fold_text
from sync.adapters.google.plan import TableWrite, dumps, grid_range

CHART_KEY = "daisuso.chart."  # developer metadata key prefix: value = the chart's id
VIEW_BAND = 0x5D  # filter views we own have ids 0x5D000000..0x5DFFFFFF
PX_PER_CHAR = 7.5
PX_PADDING = 12
EXTRA_FIELDS = (
    "sheets(conditionalFormats(ranges(sheetId)),charts(chartId),filterViews(filterViewId,title)),"
    "developerMetadata(metadataId,metadataKey,metadataValue)"
)


@dataclass
class SheetExtras:
    rules: int = 0  # conditional-format rules now on the tab
    charts: tuple[int, ...] = ()
    views: dict[int, str] = field(default_factory=dict)  # filterViewId -> title


@dataclass
class Extras:
    """What the sync's metadata read says beyond titles and sizes."""

    sheets: dict[int, SheetExtras] = field(default_factory=dict)
    metadata: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (id, value)

    @classmethod
    def from_json(cls, meta: Mapping[str, Any]) -> Extras:
        out = cls()
        for sheet in meta.get("sheets", []):
            sid = int(sheet.get("properties", {}).get("sheetId", 0))
            out.sheets[sid] = SheetExtras(
                len(sheet.get("conditionalFormats", [])),
                tuple(int(c.get("chartId", 0)) for c in sheet.get("charts", [])),
                {int(v.get("filterViewId", 0)): str(v.get("title", "")) for v in sheet.get("filterViews", [])},
            )  # fmt: skip
        for m in meta.get("developerMetadata", []):
            key = str(m.get("metadataKey", ""))
            out.metadata[key] = (int(m.get("metadataId", 0)), str(m.get("metadataValue", "")))
        return out

    def all_charts(self) -> set[int]:
        return {c for s in self.sheets.values() for c in s.charts}


def rgb(hex_rgb: str) -> dict[str, float]:
    r, g, b = (int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return {"red": round(r, 4), "green": round(g, 4), "blue": round(b, 4)}


def pixels(chars: int) -> int:
    return math.ceil(chars * PX_PER_CHAR) + PX_PADDING


def colour_format(colour: Colour, *, bold: bool = False) -> dict[str, Any]:
    text: dict[str, Any] = {"foregroundColor": rgb(colour.text)}
    if bold:
        text["bold"] = True
    return {"backgroundColor": rgb(colour.fill), "textFormat": text}


def stable_id(text: str, taken: set[int], band: int | None = None) -> int:
    """An id derived from `text` (so a replayed batch chooses the same), unused so far."""
    crc = zlib.crc32(text.encode())
    sid = ((band << 24) | (crc & 0xFFFFFF)) if band is not None else (crc & 0x7FFFFFFF) or 1
    while sid in taken:
        sid += 1
    taken.add(sid)
    return sid


def format_requests(sid: int, look: TabLook, rows: int, extras: SheetExtras | None) -> list[bytes]:
    """Header band, wrap, widths, colour rules (replacing every old one), basic filter."""
    width = len(look.columns)
    band = colour_format(look.header, bold=True)
    out = [
        _repeat(
            grid_range(sid, 0, 1, 0, width), band, "userEnteredFormat(backgroundColor,textFormat)"
        )
    ]
    for i, col in enumerate(look.columns):
        if col.wrap and rows > 1:
            fmt = {"wrapStrategy": "WRAP", "verticalAlignment": "TOP"}
            fields = "userEnteredFormat(wrapStrategy,verticalAlignment)"
            out.append(_repeat(grid_range(sid, 1, rows, i, i + 1), fmt, fields))
        dim = {"sheetId": sid, "dimension": "COLUMNS", "startIndex": i, "endIndex": i + 1}
        props = {
            "range": dim,
            "properties": {"pixelSize": pixels(col.width)},
            "fields": "pixelSize",
        }
        out.append(dumps({"updateDimensionProperties": props}))
    for _ in range(extras.rules if extras else 0):
        out.append(dumps({"deleteConditionalFormatRule": {"sheetId": sid, "index": 0}}))
    for index, rule in enumerate(look.colours):
        kind = "TEXT_STARTS_WITH" if rule.prefix else "TEXT_EQ"
        condition = {"type": kind, "values": [{"userEnteredValue": rule.text}]}
        boolean = {"condition": condition, "format": colour_format(rule.colour)}
        ranges = [grid_range(sid, 1, rows, rule.column, rule.column + 1)]
        add = {"rule": {"ranges": ranges, "booleanRule": boolean}, "index": index}
        out.append(dumps({"addConditionalFormatRule": add}))
    out.append(dumps({"setBasicFilter": {"filter": {"range": grid_range(sid, 0, rows, 0, width)}}}))
    return out


def _repeat(rng: dict[str, int], fmt: dict[str, Any], fields: str) -> bytes:
    return dumps(
        {"repeatCell": {"range": rng, "cell": {"userEnteredFormat": fmt}, "fields": fields}}
    )


def chart_spec(chart: ChartLook, source_sid: int) -> dict[str, Any]:
    end = max(2, chart.rows + 1)

    def source(col: int) -> dict[str, Any]:
        return {"sourceRange": {"sources": [grid_range(source_sid, 0, end, col, col + 1)]}}

    basic = {
        "chartType": chart.kind.value,
        "legendPosition": "BOTTOM_LEGEND",
        "headerCount": 1,
        "axis": [{"position": "BOTTOM_AXIS"}, {"position": "LEFT_AXIS"}],
        "domains": [{"domain": source(chart.domain)}],
        "series": [{"series": source(c), "targetAxis": "LEFT_AXIS"} for c in chart.series],
    }
    return {"title": chart.title, "basicChart": basic}


def chart_requests(
    sid: int, look: TabLook, sheet_ids: Mapping[str, int], extras: Extras, taken: set[int]
) -> list[bytes]:
    """`updateChartSpec` of a chart found through its tag (never its position), else
    `addChart` beside the data and the tag pointing at it."""
    out: list[bytes] = []
    existing = extras.all_charts()
    for chart in look.charts:
        if chart.source not in sheet_ids:
            continue
        spec = chart_spec(chart, sheet_ids[chart.source])
        key = CHART_KEY + chart.key
        tag = extras.metadata.get(key)
        if tag is not None and tag[1].isdigit() and int(tag[1]) in existing:
            out.append(dumps({"updateChartSpec": {"chartId": int(tag[1]), "spec": spec}}))
            continue
        chart_id = stable_id(key, taken | existing)
        anchor = {"sheetId": sid, "rowIndex": chart.anchor_row, "columnIndex": chart.anchor_col}
        position = {"overlayPosition": {"anchorCell": anchor, "widthPixels": chart.width_px,
                                        "heightPixels": chart.height_px}}  # fmt: skip
        out.append(dumps({"addChart": {"chart": {"chartId": chart_id, "spec": spec, "position": position}}}))  # fmt: skip
        out.append(_tag(key, str(chart_id), tag))
    return out


def _tag(key: str, value: str, old: tuple[int, str] | None) -> bytes:
    if old is not None:
        lookup = {"developerMetadataLookup": {"metadataId": old[0]}}
        update = {"dataFilters": [lookup], "developerMetadata": {"metadataValue": value},
                  "fields": "metadataValue"}  # fmt: skip
        return dumps({"updateDeveloperMetadata": update})
    meta = {
        "metadataId": stable_id(key, set()),
        "metadataKey": key,
        "metadataValue": value,
        "location": {"spreadsheet": True},
        "visibility": "DOCUMENT",
    }
    return dumps({"createDeveloperMetadata": {"developerMetadata": meta}})


def view_title(code: str) -> str:
    return f"Tổ {code}"


def filter_view_requests(
    sid: int, look: TabLook, rows: int, teams: Sequence[str], extras: SheetExtras | None
) -> list[bytes]:
    """One filter view per team on the team column; ours are told apart by their id band."""
    if look.team_column is None:
        return []
    ours = {v: t for v, t in (extras.views if extras else {}).items() if v >> 24 == VIEW_BAND}
    taken: set[int] = set()
    out: list[bytes] = []
    wanted: set[int] = set()
    for code in teams:
        if not code or code[0] in "=+-@":
            continue  # a team code that a spreadsheet would read as a formula gets no view
        view_id = stable_id(f"{look.title}|{fold_text(code)}", taken, VIEW_BAND)
        wanted.add(view_id)
        criteria = {"condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": code}]}}
        view = {
            "filterViewId": view_id,
            "title": view_title(code),
            "range": grid_range(sid, 0, rows, 0, len(look.columns)),
            "filterSpecs": [{"columnIndex": look.team_column, "filterCriteria": criteria}],
        }
        if view_id in ours:
            update = {"filter": view, "fields": "title,range,filterSpecs"}
            out.append(dumps({"updateFilterView": update}))
        else:
            out.append(dumps({"addFilterView": {"filter": view}}))
    out += [dumps({"deleteFilterView": {"filterId": v}}) for v in sorted(set(ours) - wanted)]
    return out


@dataclass
class Style:
    """The look of one write: appended to each table's requests by `plan.write_batches`."""

    lang: str
    extras: Extras
    teams: Sequence[str] = ()
    taken: set[int] = field(default_factory=set)  # ids in use (sheets): charts avoid them

    def __call__(self, pairs: Sequence[tuple[Table, TableWrite]]) -> None:
        tables = [t for t, _ in pairs]
        ids = {t.title: w.sheet_id for t, w in pairs}
        taken = self.taken | set(ids.values())
        for (table, write), look in zip(pairs, looks(tables, lang=self.lang).values(), strict=True):
            rows = max(2, len(table.rows) + 1)
            sheet = self.extras.sheets.get(write.sheet_id)
            write.formats += format_requests(write.sheet_id, look, rows, sheet)
            write.formats += chart_requests(write.sheet_id, look, ids, self.extras, taken)
            write.formats += filter_view_requests(write.sheet_id, look, rows, self.teams, sheet)
