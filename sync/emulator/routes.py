"""URL routing table: Google's REST paths -> handler functions."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from sync.emulator import batch_update, drive, metadata, sheets_api, values
from sync.emulator.state import State

Query = dict[str, list[str]]
Handler = Callable[[State, list[str], Query, Any], Any]


class Route:
    """METHOD + path regex. `mutates` routes run all-or-nothing on spreadsheet groups[0];
    `method_id` names the discovery method whose schemas check the body and the answer."""

    def __init__(
        self,
        method: str,
        pattern: str,
        handler: Handler,
        mutates: bool = False,
        method_id: str | None = None,
    ):
        self.method = method
        self.pattern = re.compile(pattern)
        self.handler = handler
        self.mutates = mutates
        self.method_id = method_id


_SS = r"^/v4/spreadsheets/([^/:]+)"
_VALUES = _SS + r"/values/(.+)"  # the range stays percent-encoded until unquote() below

ROUTES: list[Route] = [
    Route(
        "POST",
        r"^/v4/spreadsheets$",
        lambda s, g, q, b: sheets_api.create(s, b or {}),
        method_id="sheets.spreadsheets.create",
    ),
    Route(
        "GET",
        _SS + "$",
        lambda s, g, q, b: sheets_api.get(s, g[0], q),
        method_id="sheets.spreadsheets.get",
    ),
    Route(
        "POST",
        _SS + ":batchUpdate$",
        lambda s, g, q, b: batch_update.batch_update(s, g[0], b or {}),
        mutates=True,
        method_id="sheets.spreadsheets.batchUpdate",
    ),
    Route(
        "GET",
        _SS + "/values:batchGet$",
        lambda s, g, q, b: values.batch_get(s, g[0], q),
        method_id="sheets.spreadsheets.values.batchGet",
    ),
    Route(
        "POST",
        _SS + "/values:batchUpdate$",
        lambda s, g, q, b: values.batch_update(s, g[0], b or {}),
        mutates=True,
        method_id="sheets.spreadsheets.values.batchUpdate",
    ),
    Route(
        "POST",
        _SS + "/values:batchClear$",
        lambda s, g, q, b: values.batch_clear(s, g[0], b or {}),
        mutates=True,
        method_id="sheets.spreadsheets.values.batchClear",
    ),
    Route(
        "POST",
        _VALUES + ":append$",
        lambda s, g, q, b: values.append(s, g[0], unquote(g[1]), q, b),
        mutates=True,
        method_id="sheets.spreadsheets.values.append",
    ),
    Route(
        "POST",
        _VALUES + ":clear$",
        lambda s, g, q, b: values.clear(s, g[0], unquote(g[1])),
        mutates=True,
        method_id="sheets.spreadsheets.values.clear",
    ),
    Route(
        "GET",
        _VALUES + "$",
        lambda s, g, q, b: values.get(s, g[0], unquote(g[1]), q),
        method_id="sheets.spreadsheets.values.get",
    ),
    Route(
        "PUT",
        _VALUES + "$",
        lambda s, g, q, b: values.update(s, g[0], unquote(g[1]), q, b),
        mutates=True,
        method_id="sheets.spreadsheets.values.update",
    ),
    Route(
        "GET",
        _SS + "/developerMetadata/([^/:]+)$",
        lambda s, g, q, b: metadata.get(s, g[0], g[1]),
        method_id="sheets.spreadsheets.developerMetadata.get",
    ),
    Route(
        "POST",
        _SS + "/developerMetadata:search$",
        lambda s, g, q, b: metadata.search(s, g[0], b or {}),
        method_id="sheets.spreadsheets.developerMetadata.search",
    ),
    Route("POST", r"^/drive/v3/files$", lambda s, g, q, b: drive.create(s, q, b or {})),
    Route("GET", r"^/drive/v3/files$", lambda s, g, q, b: drive.list_files(s, q)),
    Route("GET", r"^/drive/v3/files/([^/]+)$", lambda s, g, q, b: drive.get(s, g[0], q)),
    Route("DELETE", r"^/drive/v3/files/([^/]+)$", lambda s, g, q, b: drive.delete(s, g[0])),
]
