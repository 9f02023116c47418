"""Charts, filter views and conditional-format updates: stored and returned, never drawn.

Charts live on the sheet of their anchor cell and keep their spec and position as given
(plus Google's default overlay size and border); chart ids and filter-view ids are unique
in the spreadsheet. Source ranges and filter ranges follow inserted and deleted rows and
columns (dims.py).
"""

from __future__ import annotations

import copy
from typing import Any

from sync.emulator import fieldmask
from sync.emulator.batch_cells import Invalid, sync_styles
from sync.emulator.dims import chart_sources
from sync.emulator.state import Sheet, Spreadsheet, State, clean_grid_range, target_from_grid_range

Reply = dict[str, Any] | None

CHART_WIDTH = 600  # Google's default overlay size for a chart
CHART_HEIGHT = 371
_WHITE = {"red": 1, "green": 1, "blue": 1}


def _object_ids(book: Spreadsheet) -> set[int]:
    return {int(c["chartId"]) for s in book.sheets for c in s.charts}


def _new_object_id(state: State, book: Spreadsheet, given: Any, what: str) -> int:
    used = _object_ids(book) | {int(f["filterViewId"]) for s in book.sheets for f in s.filter_views}
    if given is not None and int(given) != 0:
        if int(given) in used:
            raise Invalid(f"{what} with id {int(given)} already exists.")
        return int(given)
    new = state.new_int_id()
    while new in used:
        new = state.new_int_id()
    return new


def _anchor_sheet(book: Spreadsheet, position: dict[str, Any]) -> Sheet:
    if position.get("newSheet") or "sheetId" in position:
        raise Invalid("The emulator places charts on an overlay only (overlayPosition).")
    anchor = (position.get("overlayPosition") or {}).get("anchorCell") or {}
    sheet = book.sheet_by_id(anchor.get("sheetId", 0))
    if sheet is None:
        raise Invalid(f"No grid with id: {int(anchor.get('sheetId') or 0)}")
    return sheet


def _check_sources(book: Spreadsheet, chart: dict[str, Any]) -> None:
    for source in chart_sources(chart):
        target_from_grid_range(book, source)
        cleaned = clean_grid_range(source)
        source.clear()
        source.update(cleaned)


def _find_chart(book: Spreadsheet, chart_id: Any) -> tuple[Sheet, dict[str, Any]]:
    for sheet in book.sheets:
        for chart in sheet.charts:
            if int(chart["chartId"]) == int(chart_id or 0):
                return sheet, chart
    raise Invalid(f"No chart with id: {int(chart_id or 0)}")


def _position_defaults(position: dict[str, Any]) -> None:
    overlay = position.setdefault("overlayPosition", {})
    overlay.setdefault("widthPixels", CHART_WIDTH)
    overlay.setdefault("heightPixels", CHART_HEIGHT)
    anchor = overlay.get("anchorCell") or {}
    if not int(anchor.get("sheetId") or 0):
        anchor.pop("sheetId", None)


def add_chart(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    chart = copy.deepcopy(req.get("chart") or {})
    if not chart.get("spec"):
        raise Invalid("A chart spec is required.")
    position = chart.setdefault("position", {})
    sheet = _anchor_sheet(book, position)
    _check_sources(book, chart)
    _position_defaults(position)
    chart["chartId"] = _new_object_id(state, book, chart.get("chartId"), "A chart")
    chart.setdefault("border", {"color": dict(_WHITE), "colorStyle": {"rgbColor": dict(_WHITE)}})
    sheet.charts.append(chart)
    return {"chart": copy.deepcopy(chart)}


def update_chart_spec(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    _, chart = _find_chart(book, req.get("chartId"))
    spec = copy.deepcopy(req.get("spec") or {})
    if not spec:
        raise Invalid("A chart spec is required.")
    _check_sources(book, {"spec": spec})
    chart["spec"] = spec
    return None


def update_embedded_object_position(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, chart = _find_chart(book, req.get("objectId"))
    if not req.get("fields"):
        raise Invalid("At least one field must be updated.")
    position = copy.deepcopy(chart.get("position") or {})
    new = req.get("newPosition") or {}
    if "overlayPosition" in new:
        # Google: `fields` name fields of OverlayPosition; that root is implied.
        # (A mask written from the EmbeddedObjectPosition root is accepted too.)
        fields = ",".join(
            f.strip().removeprefix("overlayPosition.") for f in req["fields"].split(",")
        )
        overlay = position.setdefault("overlayPosition", {})
        fieldmask.apply_update(overlay, new["overlayPosition"], fieldmask.parse(fields))
        position = {"overlayPosition": overlay}
    else:
        fieldmask.apply_update(position, new, fieldmask.parse(req["fields"]))
    target = _anchor_sheet(book, position)
    _position_defaults(position)
    chart["position"] = position
    if target is not sheet:
        sheet.charts.remove(chart)
        target.charts.append(chart)
    return {"position": copy.deepcopy(position)}


def delete_embedded_object(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    try:
        sheet, chart = _find_chart(book, req.get("objectId"))
    except Invalid:
        raise Invalid(f"No embedded object with id: {int(req.get('objectId') or 0)}") from None
    sheet.charts.remove(chart)
    return None


def _filter_sheet(book: Spreadsheet, view: dict[str, Any]) -> Sheet:
    if "range" not in view:
        raise Invalid("A filter view needs a range.")
    sheet = target_from_grid_range(book, view["range"]).sheet
    view["range"] = clean_grid_range(view["range"])
    return sheet


def _find_view(book: Spreadsheet, view_id: Any) -> tuple[Sheet, dict[str, Any]]:
    for sheet in book.sheets:
        for view in sheet.filter_views:
            if int(view["filterViewId"]) == int(view_id or 0):
                return sheet, view
    raise Invalid(f"No filter view with id: {int(view_id or 0)}")


def add_filter_view(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    view = copy.deepcopy(req.get("filter") or {})
    sheet = _filter_sheet(book, view)
    view["filterViewId"] = _new_object_id(state, book, view.get("filterViewId"), "A filter view")
    sheet.filter_views.append(view)
    return {"filter": copy.deepcopy(view)}


def update_filter_view(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    new = req.get("filter") or {}
    sheet, view = _find_view(book, new.get("filterViewId"))
    if not req.get("fields"):
        raise Invalid("At least one field must be updated.")
    updated = copy.deepcopy(view)
    fieldmask.apply_update(updated, new, fieldmask.parse(req["fields"]))
    updated["filterViewId"] = view["filterViewId"]
    target = _filter_sheet(book, updated)
    sheet.filter_views[sheet.filter_views.index(view)] = updated
    if target is not sheet:
        sheet.filter_views.remove(updated)
        target.filter_views.append(updated)
    return None


def delete_filter_view(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    sheet, view = _find_view(book, req.get("filterId"))
    sheet.filter_views.remove(view)
    return None


def clean_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A conditional-format rule as Google returns it: colours mirrored into *Style."""
    out = copy.deepcopy(rule)
    out["ranges"] = [clean_grid_range(r) for r in out.get("ranges") or []]
    fmt = (out.get("booleanRule") or {}).get("format")
    if isinstance(fmt, dict):
        sync_styles(fmt)
    for point in (out.get("gradientRule") or {}).values():
        if isinstance(point, dict) and ("color" in point or "colorStyle" in point):
            sync_styles(point, (("color", "colorStyle"),))
    return out


def rule_sheet(book: Spreadsheet, rule: dict[str, Any]) -> Sheet:
    ranges = rule.get("ranges") or []
    if not ranges:
        raise Invalid("At least one range must be specified.")
    sheets = {target_from_grid_range(book, r).sheet.sheet_id for r in ranges}
    if len(sheets) > 1:
        raise Invalid("All ranges of a conditional format rule must be on the same sheet.")
    return target_from_grid_range(book, ranges[0]).sheet


def _index_reply(**fields: Any) -> dict[str, Any]:
    """Proto3 JSON: zero indexes are left out."""
    return {k: v for k, v in fields.items() if v not in (None, 0)}


def update_conditional_format_rule(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    index = int(req.get("index") or 0)
    if req.get("rule") is not None:
        rule = clean_rule(req["rule"])
        sheet = rule_sheet(book, rule)
        rules = sheet.conditional_formats
        if not 0 <= index < len(rules):
            raise Invalid(f"No conditional format on sheet {sheet.sheet_id} at index {index}")
        old, rules[index] = rules[index], rule
        return _index_reply(newIndex=index, newRule=copy.deepcopy(rule), oldRule=old)
    found = book.sheet_by_id(req.get("sheetId"))
    if found is None:
        raise Invalid(f"No grid with id: {int(req.get('sheetId') or 0)}")
    rules = found.conditional_formats
    new_index = int(req.get("newIndex") or 0)
    if not (0 <= index < len(rules) and 0 <= new_index < len(rules)):
        raise Invalid(f"No conditional format on sheet {found.sheet_id} at index {index}")
    moved = rules.pop(index)
    rules.insert(new_index, moved)
    return _index_reply(oldIndex=index, newIndex=new_index, newRule=copy.deepcopy(moved))


HANDLERS = {
    "addChart": add_chart,
    "updateChartSpec": update_chart_spec,
    "updateEmbeddedObjectPosition": update_embedded_object_position,
    "deleteEmbeddedObject": delete_embedded_object,
    "addFilterView": add_filter_view,
    "updateFilterView": update_filter_view,
    "deleteFilterView": delete_filter_view,
    "updateConditionalFormatRule": update_conditional_format_rule,
}
