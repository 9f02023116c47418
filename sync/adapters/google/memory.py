"""Memory of a spreadsheet's layout between syncs: 1 read + 1 write in steady state.

Every write asks Google to echo the spreadsheet's metadata after it
(`includeSpreadsheetInResponse`), which is remembered in the sync's local state: sheet
ids, titles, grid sizes, protected ranges and whatever else the metadata field mask
names (charts). The next sync then skips `spreadsheets.get`: it reads the entry tabs
and the log with one `values.batchGet` and writes with one `batchUpdate`.

A person may change the layout between syncs. The memory is checked twice, before
anything is changed:
- the tab list is only trusted once the tabs the last sync read have been read again
  (at once, in the one `batchGet`), together with cell A1 of every other remembered
  tab: a tab renamed or deleted makes Google refuse the read (400, "Unable to parse
  range"), and the sync works from the metadata instead;
- the write starts by setting the title of every remembered tab it writes, by id, to the
  title remembered for it: a tab deleted ("No grid with id") or replaced by another of
  the same title ("already exists") makes Google refuse the whole batch (400) — a
  `batchUpdate` is applied all or nothing.
Either refusal drops the memory; the sync reads the metadata and redoes the step (at
most one extra read, never a wrong write). A tab a person adds between syncs is seen
from the next sync on (the write's echo includes it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

STATE_KEY = "google_sheets"
ECHO = b',"includeSpreadsheetInResponse":true,"responseIncludeGridData":false}'


class KeyValueStore(Protocol):
    """What the memory needs of the sync's local state (`StateStore`)."""

    def get(self, key: str) -> str | None: ...

    def put(self, **values: str) -> None: ...


@dataclass(frozen=True)
class Remembered:
    sheets: list[dict[str, Any]]  # the `sheets` of the metadata, as Google sent them
    read: tuple[str, ...]  # the tabs the last sync read (read again at once next time)


class SheetMemory:
    """The remembered `sheets` metadata of one spreadsheet, in a key-value store."""

    def __init__(self, store: KeyValueStore, spreadsheet_key: str) -> None:
        self.store = store
        self.spreadsheet_key = spreadsheet_key

    def load(self) -> Remembered | None:
        raw = self.store.get(STATE_KEY)
        if not raw:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("key") != self.spreadsheet_key:
            return None
        sheets, read = data.get("sheets"), data.get("read", [])
        if not isinstance(sheets, list) or not all(isinstance(s, dict) for s in sheets):
            return None
        if not isinstance(read, list) or not all(isinstance(t, str) for t in read):
            return None
        return Remembered(sheets, tuple(read))

    def save(self, sheets: list[dict[str, Any]], read: Iterable[str] = ()) -> None:
        payload = {"key": self.spreadsheet_key, "sheets": sheets, "read": list(read)}
        self.store.put(**{STATE_KEY: json.dumps(payload, ensure_ascii=False)})

    def forget(self) -> None:
        self.store.put(**{STATE_KEY: ""})


def probe_ranges(remembered: Iterable[str], read: Iterable[str]) -> list[str]:
    """`'Title'!A1` for every remembered tab not otherwise read (a rename fails the read)."""
    skip = set(read)
    return ["'" + t.replace("'", "''") + "'!A1" for t in remembered if t not in skip]


def title_checks(ids: Mapping[str, int]) -> list[bytes]:
    """`updateSheetProperties` setting each remembered tab's title by id: a no-op when the
    memory is right, a refusal of the whole batch when it is not."""
    out = []
    for title, sheet_id in ids.items():
        props = {"sheetId": sheet_id, "title": title}
        out.append(
            json.dumps(
                {"updateSheetProperties": {"properties": props, "fields": "title"}},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
        )
    return out


def prepend(body: bytes, requests: list[bytes]) -> bytes:
    """Put sub-requests first in a serialised `{"requests":[...]}` body."""
    head = b'{"requests":['
    if not requests:
        return body
    if not body.startswith(head):
        raise ValueError("not a batchUpdate body")
    rest = body[len(head) :]
    sep = b"" if rest.startswith(b"]") else b","
    return head + b",".join(requests) + sep + rest


def with_echo(body: bytes) -> bytes:
    """Ask Google to answer the batch with the spreadsheet's metadata after it."""
    if not body.endswith(b"}"):
        raise ValueError("not a JSON object")
    return body[:-1] + ECHO


def echoed_sheets(answer: Any) -> list[dict[str, Any]] | None:
    if not isinstance(answer, dict):
        return None
    updated = answer.get("updatedSpreadsheet")
    sheets = updated.get("sheets") if isinstance(updated, dict) else None
    if not isinstance(sheets, list):
        return None
    return [s for s in sheets if isinstance(s, dict)]


def echo_fields(meta_fields: str) -> str:
    """The `fields` of a batchUpdate whose echo carries what `spreadsheets.get` reads."""
    return f"spreadsheetId,replies,updatedSpreadsheet({meta_fields})"
