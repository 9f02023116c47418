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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sync.adapters.google import plan as gp
from sync.adapters.google.look import Extras
from sync.errors import LayoutError
from sync.ports import Grid

STATE_KEY = "google_sheets"
ECHO = b',"includeSpreadsheetInResponse":true,"responseIncludeGridData":false}'


class KeyValueStore(Protocol):
    """What the memory needs of the sync's local state (`StateStore`)."""

    def get(self, key: str) -> str | None: ...

    def put(self, **values: str) -> None: ...


@dataclass(frozen=True)
class Remembered:
    meta: dict[str, Any]  # the spreadsheet's metadata as Google sent it (sheets, charts…)
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
        meta, read = data.get("meta"), data.get("read", [])
        if not isinstance(meta, dict) or not isinstance(meta.get("sheets", []), list):
            return None
        if not isinstance(read, list) or not all(isinstance(t, str) for t in read):
            return None
        return Remembered(meta, tuple(read))

    def save(self, meta: dict[str, Any], read: Iterable[str] = ()) -> None:
        payload = {"key": self.spreadsheet_key, "meta": meta, "read": list(read)}
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


def echoed_meta(answer: Any) -> dict[str, Any] | None:
    """The metadata a write's answer carries (`updatedSpreadsheet`), when it does."""
    updated = answer.get("updatedSpreadsheet") if isinstance(answer, dict) else None
    if not isinstance(updated, dict) or not isinstance(updated.get("sheets"), list):
        return None
    return updated


def echo_fields(meta_fields: str) -> str:
    """The `fields` of a batchUpdate whose echo carries what `spreadsheets.get` reads."""
    return f"spreadsheetId,replies,updatedSpreadsheet({meta_fields})"


class StaleLayout(Exception):
    """A write was refused whole because the remembered layout was stale; it is fresh now."""


class RememberedLayout:
    """The layout part of `GoogleBook`: from memory when there is one, else from Google."""

    meta_fields: str
    log_title: str
    _extras: Extras  # charts, conditional formats, filter views, developer metadata
    memory: SheetMemory | None
    remembered: bool  # the layout came from memory, not from Google, this sync
    _sheets: dict[str, gp.SheetInfo] | None
    _order: list[str]
    _prefetched: dict[str, Grid]  # tabs read while checking the memory
    _read_titles: list[str]  # what this sync read (read at once by the next one)

    def get_meta(self) -> Any:
        raise NotImplementedError

    def batch_get(self, ranges: Sequence[str]) -> list[Grid]:
        raise NotImplementedError

    def batch_update(self, body: bytes, **params: Any) -> Any:
        raise NotImplementedError

    def sheets(self) -> dict[str, gp.SheetInfo]:
        if self._sheets is None:
            remembered = self.memory.load() if self.memory is not None else None
            self.remembered = remembered is not None
            if remembered is not None:
                self._use(remembered.meta)
                self._verify(remembered.read)
            else:
                meta = self.get_meta()
                self._use(meta)
                if self.memory is not None:
                    self.memory.save(meta)
        assert self._sheets is not None
        return self._sheets

    def extras(self) -> Extras:
        """What the layout says beyond titles and sizes (charts, colour rules, tags)."""
        self.sheets()
        return self._extras

    def _use(self, meta: dict[str, Any]) -> None:
        self._extras = Extras.from_json(meta)
        raw = meta.get("sheets", [])
        infos = sorted((gp.SheetInfo.from_json(s) for s in raw), key=lambda s: s.index)
        self._sheets = {s.title: s for s in infos}
        self._order = [s.title for s in infos]

    def _verify(self, last_read: Sequence[str]) -> None:
        """Read again what the last sync read, plus A1 of every other remembered tab: one
        request that both checks the memory and serves this sync's read."""
        assert self._sheets is not None
        wanted = [t for t in dict.fromkeys([*last_read, self.log_title]) if t in self._sheets]
        probes = probe_ranges(self._order, wanted)
        try:
            grids = self.batch_get([gp.quote_title(t) for t in wanted] + probes)
        except LayoutError:
            self._stale()  # a remembered tab was renamed or deleted
            return
        self._prefetched = dict(zip(wanted, grids[: len(wanted)], strict=True))

    def _stale(self) -> bool:
        """After Google refused a step made from memory: forget it, read the layout."""
        if not self.remembered or self.memory is None:
            return False
        self.memory.forget()
        self._sheets, self.remembered, self._prefetched = None, False, {}
        self.sheets()
        return True

    def forget_layout(self) -> None:
        """For `init`, which changes the layout: no memory used, none left behind."""
        if self.memory is not None:
            self.memory.forget()
        self.memory, self._sheets, self.remembered, self._prefetched = None, None, False, {}

    def send(self, bodies: list[bytes], titles: list[str], sheets: dict[str, gp.SheetInfo]) -> None:
        """Send a write's batches; the first checks the remembered titles of the tabs it
        writes, the last asks for the layout after it (remembered for the next sync).
        Raises `StaleLayout` when the memory was wrong (nothing was changed)."""
        if self.remembered:
            ids = {t: sheets[t].sheet_id for t in titles if t in sheets}
            bodies = [prepend(bodies[0], title_checks(ids)), *bodies[1:]]
        echo = self.memory is not None
        if echo:
            bodies = [*bodies[:-1], with_echo(bodies[-1])]
        answer: Any = None
        for i, body in enumerate(bodies):
            last = echo and i == len(bodies) - 1
            params = {"fields": echo_fields(self.meta_fields)} if last else {}
            try:
                answer = self.batch_update(body, **params)
            except LayoutError:
                if i == 0 and self._stale():  # refused whole: nothing was changed
                    raise StaleLayout() from None
                raise
        if self.memory is not None:
            meta = echoed_meta(answer)
            if meta is None:
                self.memory.forget()
            else:
                self.memory.save(meta, self._read_titles)
