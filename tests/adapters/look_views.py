"""Read back how a summary tab looks, on either backend, in one shape the tests compare.

xlsx: the workbook through openpyxl (charts, conditional formats, widths, formats, links).
Google: the emulator's `spreadsheets.get` under a `fields` mask, as a client would see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from sync.adapters.google.look import PX_PADDING, PX_PER_CHAR

Source = tuple[str, int, int, int]  # tab, column index, first row index, end row index (half-open)


@dataclass(frozen=True)
class ChartSeen:
    kind: str  # "LINE" | "COLUMN"
    domain: Source
    series: tuple[Source, ...]
    anchor: tuple[int, int]  # (row, column), 0-based


@dataclass(frozen=True)
class TabSeen:
    rows: list[list[Any]]
    charts: list[ChartSeen]
    colours: set[tuple[int, str, str]]  # (column, text, fill RRGGBB)
    rule_count: int
    widths: list[float]  # in characters
    formats: list[str | None]  # number format of each column's first data cell
    links: list[tuple[int, str, str, int]]  # (Dòng value, tab, column letters, row)
    views: list[str]  # filter view titles (Google only)


_REF = re.compile(r"^'?(?P<tab>.+?)'?!\$(?P<col>[A-Z]+)\$(?P<r0>\d+):\$[A-Z]+\$(?P<r1>\d+)$")


def _xlsx_source(ref: str) -> Source:
    m = _REF.match(ref)
    assert m, ref
    col = column_index_from_string(m["col"]) - 1
    return m["tab"].replace("''", "'"), col, int(m["r0"]) - 1, int(m["r1"])


def xlsx_tab(book: Path, tab: str) -> TabSeen:
    wb = load_workbook(book)
    ws = wb[tab]
    charts = []
    for c in ws._charts:
        domain = _xlsx_source(
            c.series[0].cat.numRef.f if c.series[0].cat.numRef else c.series[0].cat.strRef.f
        )
        series = tuple(_xlsx_source(s.val.numRef.f) for s in c.series)
        kind = "LINE" if type(c).__name__ == "LineChart" else "COLUMN"
        charts.append(ChartSeen(kind, domain, series, (c.anchor._from.row, c.anchor._from.col)))
    colours, count = set(), 0
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            count += 1
            col = column_index_from_string(str(cf.sqref).split(":")[0].rstrip("0123456789")) - 1
            text = rule.text if rule.type == "beginsWith" else rule.formula[0].strip('"')
            colours.add((col, text, str(rule.dxf.fill.fgColor.rgb)[-6:]))
    width = ws.max_column
    widths = [ws.column_dimensions[chr(65 + i)].width for i in range(width)]
    formats = [ws.cell(2, i + 1).number_format if ws.max_row > 1 else None for i in range(width)]
    links = []
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.hyperlink is not None:
                m = re.match(r"^'(.+)'!([A-Z]+)(\d+)$", cell.hyperlink.location)
                assert m, cell.hyperlink.location
                links.append((cell.value, m[1], m[2], int(m[3])))
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return TabSeen(rows, charts, colours, count, widths, formats, links, [])


def google_get(url: str, key: str, fields: str, ranges: list[str] | None = None) -> Any:
    params: dict[str, Any] = {"fields": fields}
    if ranges:
        params |= {"ranges": ranges, "includeGridData": "true"}
    response = requests.get(f"{url}/v4/spreadsheets/{key}", params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def _hex(color: dict[str, float]) -> str:
    return "".join(f"{round(color.get(k, 0) * 255):02X}" for k in ("red", "green", "blue"))


def _grid_source(rng: dict[str, int], titles: dict[int, str]) -> Source:
    return (
        titles[rng["sheetId"]],
        rng["startColumnIndex"],
        rng.get("startRowIndex", 0),
        rng["endRowIndex"],
    )


def google_tab(url: str, key: str, tab: str) -> TabSeen:
    meta = google_get(
        url, key, "sheets(properties(sheetId,title),charts,conditionalFormats,filterViews)"
    )
    titles = {s["properties"]["sheetId"]: s["properties"]["title"] for s in meta["sheets"]}
    sheet = next(s for s in meta["sheets"] if s["properties"]["title"] == tab)
    charts = []
    for c in sheet.get("charts", []):
        basic = c["spec"]["basicChart"]
        domain = _grid_source(basic["domains"][0]["domain"]["sourceRange"]["sources"][0], titles)
        series = tuple(
            _grid_source(s["series"]["sourceRange"]["sources"][0], titles) for s in basic["series"]
        )
        anchor = c["position"]["overlayPosition"]["anchorCell"]
        charts.append(
            ChartSeen(
                basic["chartType"],
                domain,
                series,
                (anchor.get("rowIndex", 0), anchor.get("columnIndex", 0)),
            )
        )
    colours = set()
    rules = sheet.get("conditionalFormats", [])
    for r in rules:
        cond = r["booleanRule"]["condition"]
        fill = _hex(r["booleanRule"]["format"]["backgroundColor"])
        colours.add(
            (r["ranges"][0]["startColumnIndex"], cond["values"][0]["userEnteredValue"], fill)
        )
    cells = "data(columnMetadata(pixelSize),rowData(values(userEnteredValue,effectiveValue,userEnteredFormat)))"
    grid = google_get(url, key, f"sheets({cells})", [f"'{tab}'"])["sheets"][0]["data"][0]
    widths = [
        (m.get("pixelSize", 100) - PX_PADDING) / PX_PER_CHAR for m in grid.get("columnMetadata", [])
    ]
    data = [r.get("values", []) for r in grid.get("rowData", [])]
    rows = [[_value(v) for v in r] for r in data]
    width = len(rows[0]) if rows else 0
    widths = widths[:width]
    formats: list[str | None] = []
    for i in range(width):
        v = data[1][i] if len(data) > 1 and i < len(data[1]) else {}
        formats.append(v.get("userEnteredFormat", {}).get("numberFormat", {}).get("pattern"))
    links = []
    for r in data[1:]:
        for v in r:
            uri = v.get("userEnteredFormat", {}).get("textFormat", {}).get("link", {}).get("uri")
            if uri:
                m = re.match(r"^#gid=(\d+)&range=([A-Z]+)(\d+)$", uri)
                assert m, uri
                links.append((_value(v), titles[int(m[1])], m[2], int(m[3])))
    views = [v["title"] for v in sheet.get("filterViews", [])]
    return TabSeen(rows, charts, colours, len(rules), widths, formats, links, views)


def _value(v: dict[str, Any]) -> Any:
    uev = v.get("userEnteredValue", {})
    return next(iter(uev.values()), None) if uev else None
