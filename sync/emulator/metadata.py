"""Developer metadata: create/update/delete in a batch, get and search by data filter.

Metadata sits on the spreadsheet, a sheet, or a row/column range (`location`); it is kept
in one list on the spreadsheet and shown where its location is: `Spreadsheet.
developerMetadata`, `Sheet.developerMetadata`, or the rows'/columns' `DimensionProperties`
in grid data. Data filters are matched by `developerMetadataLookup` (A1 and grid-range
filters are not modelled and answer 400).
"""

from __future__ import annotations

import copy
from typing import Any

from sync.emulator import fieldmask
from sync.emulator.batch_cells import Invalid
from sync.emulator.errors import ApiError
from sync.emulator.state import Spreadsheet, State

Reply = dict[str, Any] | None
Metadata = dict[str, Any]

_VISIBILITIES = ("DOCUMENT", "PROJECT")


def _location(book: Spreadsheet, given: dict[str, Any]) -> dict[str, Any]:
    """Validate a DeveloperMetadataLocation and fill in its locationType."""
    kinds = [k for k in ("spreadsheet", "sheetId", "dimensionRange") if given.get(k) is not None]
    if len(kinds) != 1:
        raise Invalid("Exactly one of spreadsheet, sheetId or dimensionRange must be set.")
    if kinds[0] == "spreadsheet":
        if given["spreadsheet"] is not True:
            raise Invalid("Location spreadsheet must be true.")
        return {"locationType": "SPREADSHEET", "spreadsheet": True}
    if kinds[0] == "sheetId":
        if book.sheet_by_id(given["sheetId"]) is None:
            raise Invalid(f"No grid with id: {int(given['sheetId'] or 0)}")
        return {"locationType": "SHEET", "sheetId": int(given["sheetId"])}
    rng = {k: v for k, v in given["dimensionRange"].items() if v is not None}
    sheet = book.sheet_by_id(rng.get("sheetId", 0))
    dimension = rng.get("dimension")
    if sheet is None or dimension not in ("ROWS", "COLUMNS"):
        raise Invalid("The dimension range must name an existing sheet and ROWS or COLUMNS.")
    size = sheet.rows if dimension == "ROWS" else sheet.cols
    start, end = int(rng.get("startIndex", 0)), int(rng.get("endIndex", size))
    if not 0 <= start < end <= size:
        raise Invalid("Invalid dimension range for developer metadata.")
    rng.update(startIndex=start, endIndex=end, sheetId=sheet.sheet_id)
    location_type = "ROW" if dimension == "ROWS" else "COLUMN"
    return {"locationType": location_type, "dimensionRange": _clean_range(rng)}


def _clean_range(rng: dict[str, Any]) -> dict[str, Any]:
    """As Google shows a DimensionRange: sheetId 0 left out (like GridRange)."""
    return {k: v for k, v in rng.items() if v is not None and not (k == "sheetId" and v == 0)}


def _check(book: Spreadsheet, meta: Metadata) -> Metadata:
    if not meta.get("metadataKey"):
        raise Invalid("Developer metadata must have a key.")
    if meta.get("visibility") not in _VISIBILITIES:
        raise Invalid("Developer metadata visibility must be DOCUMENT or PROJECT.")
    meta["location"] = _location(book, meta.get("location") or {})
    return meta


def create(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    meta = _check(book, copy.deepcopy(req.get("developerMetadata") or {}))
    used = {int(m["metadataId"]) for m in book.developer_metadata}
    given = int(meta.get("metadataId") or 0)
    if given in used:
        raise Invalid(f"Developer metadata with id {given} already exists.")
    meta["metadataId"] = given or state.new_int_id()
    while meta["metadataId"] in used:
        meta["metadataId"] = state.new_int_id()
    book.developer_metadata.append(meta)
    return {"developerMetadata": copy.deepcopy(meta)}


def _location_matches(meta: Metadata, wanted: dict[str, Any], strategy: str) -> bool:
    loc = meta["location"]
    if wanted.get("spreadsheet"):
        return strategy == "INTERSECTING_LOCATION" or loc.get("spreadsheet") is True
    if wanted.get("sheetId") is not None:
        on = loc.get("sheetId", (loc.get("dimensionRange") or {}).get("sheetId", 0))
        if strategy != "INTERSECTING_LOCATION" and "sheetId" not in loc:
            return False
        return "spreadsheet" not in loc and int(on) == int(wanted["sheetId"])
    rng, have = wanted.get("dimensionRange") or {}, loc.get("dimensionRange")
    if have is None or int(have.get("sheetId", 0)) != int(rng.get("sheetId", 0)):
        return False
    if have.get("dimension") != rng.get("dimension"):
        return False
    lo, hi = int(rng.get("startIndex", 0)), int(rng.get("endIndex", 10**9))
    have_lo, have_hi = int(have.get("startIndex", 0)), int(have["endIndex"])
    if strategy == "INTERSECTING_LOCATION":
        return have_lo < hi and lo < have_hi
    return (have_lo, have_hi) == (lo, hi)


def matches(meta: Metadata, data_filter: dict[str, Any]) -> bool:
    """Does one DataFilter (a developerMetadataLookup) select this metadata?"""
    lookup = data_filter.get("developerMetadataLookup")
    if lookup is None:
        raise Invalid("The emulator matches developer metadata by developerMetadataLookup only.")
    if lookup.get("metadataId") is not None and int(lookup["metadataId"]) != meta["metadataId"]:
        return False
    for key in ("metadataKey", "metadataValue", "visibility"):
        if lookup.get(key) is not None and lookup[key] != meta.get(key):
            return False
    location_type = lookup.get("locationType")
    unspecified = (None, "DEVELOPER_METADATA_LOCATION_TYPE_UNSPECIFIED")
    if location_type not in unspecified and meta["location"]["locationType"] != location_type:
        return False
    wanted = lookup.get("metadataLocation")
    if wanted:
        strategy = lookup.get("locationMatchingStrategy") or "EXACT_LOCATION"
        return _location_matches(meta, wanted, strategy)
    return True


def _selected(book: Spreadsheet, filters: list[dict[str, Any]]) -> list[Metadata]:
    return [m for m in book.developer_metadata if any(matches(m, f) for f in filters)]


def update(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    filters = req.get("dataFilters") or []
    if not filters:
        raise Invalid("At least one data filter must be specified.")
    if not req.get("fields"):
        raise Invalid("At least one field must be updated.")
    mask = fieldmask.parse(req["fields"])
    new = req.get("developerMetadata") or {}
    updated: list[Metadata] = []
    for meta in _selected(book, filters):
        candidate = copy.deepcopy(meta)
        fieldmask.apply_update(candidate, new, mask)
        candidate["metadataId"] = meta["metadataId"]
        _check(book, candidate)
        book.developer_metadata[book.developer_metadata.index(meta)] = candidate
        updated.append(copy.deepcopy(candidate))
    return {"developerMetadata": updated}


def delete(state: State, book: Spreadsheet, req: dict[str, Any]) -> Reply:
    gone = _selected(book, [req.get("dataFilter") or {}])
    book.developer_metadata = [m for m in book.developer_metadata if m not in gone]
    return {"deletedDeveloperMetadata": copy.deepcopy(gone)}


def drop_sheet(book: Spreadsheet, sheet_id: int) -> None:
    """Deleting a sheet deletes the metadata on it and on its rows and columns."""

    def on_sheet(meta: Metadata) -> bool:
        loc = meta["location"]
        return int(loc.get("sheetId", (loc.get("dimensionRange") or {}).get("sheetId", -1))) == (
            sheet_id
        )

    book.developer_metadata = [m for m in book.developer_metadata if not on_sheet(m)]


def at_spreadsheet(book: Spreadsheet) -> list[Metadata]:
    return [copy.deepcopy(m) for m in book.developer_metadata if m["location"].get("spreadsheet")]


def at_sheet(book: Spreadsheet, sheet_id: int) -> list[Metadata]:
    return [
        copy.deepcopy(m)
        for m in book.developer_metadata
        if m["location"].get("locationType") == "SHEET" and m["location"]["sheetId"] == sheet_id
    ]


def on_dimension(book: Spreadsheet, sheet_id: int, dimension: str) -> bool:
    """Whether any developer metadata is located on rows (columns) of that sheet."""
    ranges = (m["location"].get("dimensionRange") for m in book.developer_metadata)
    return any(
        r is not None and int(r.get("sheetId", 0)) == sheet_id and r["dimension"] == dimension
        for r in ranges
    )


def at_dimension(book: Spreadsheet, sheet_id: int, dimension: str, index: int) -> list[Metadata]:
    out: list[Metadata] = []
    for meta in book.developer_metadata:
        rng = meta["location"].get("dimensionRange")
        if rng is None or int(rng.get("sheetId", 0)) != sheet_id:
            continue
        if (
            rng["dimension"] == dimension
            and int(rng.get("startIndex", 0)) <= index < rng["endIndex"]
        ):
            out.append(copy.deepcopy(meta))
    return out


def get(state: State, sid: str, metadata_id: str) -> Metadata:
    """spreadsheets.developerMetadata.get"""
    book = state.get(sid)
    found = next((m for m in book.developer_metadata if str(m["metadataId"]) == metadata_id), None)
    if found is None:
        raise ApiError(404)
    return copy.deepcopy(found)


def search(state: State, sid: str, body: dict[str, Any]) -> dict[str, Any]:
    """spreadsheets.developerMetadata.search"""
    book = state.get(sid)
    filters = body.get("dataFilters") or []
    matched: list[dict[str, Any]] = []
    for meta in book.developer_metadata:
        try:
            hits = [f for f in filters if matches(meta, f)]
        except Invalid as exc:
            raise ApiError(400, str(exc)) from None
        if hits:
            matched.append({"developerMetadata": copy.deepcopy(meta), "dataFilters": hits})
    return {"matchedDeveloperMetadata": matched} if matched else {}


HANDLERS = {
    "createDeveloperMetadata": create,
    "updateDeveloperMetadata": update,
    "deleteDeveloperMetadata": delete,
}
