"""Google Sheets backend: the `Backend`/`Book` port over gspread's HTTP client.

Request budget per sync: `titles()` one `spreadsheets.get` (cached per Book; none when
the layout is remembered from the last sync, see `memory.py`), `read()` one
`values.batchGet`, `write()` one `spreadsheets.batchUpdate` (more only for a plan above
2 MB, at most 3). Nothing is sent at import or construction time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rules.contract import LOG
from rules.tables import HiddenRow, Table
from sync.adapters.google import plan as gp
from sync.adapters.google.auth import (
    client_email,
    credential_checks,
    emulator_host_from_env,
    load_service_account_info,
    resolve_credentials,
)
from sync.adapters.google.http import (
    ErrorContext,
    Pacer,
    RequestPacer,
    RetryPolicy,
    SheetsHTTPClient,
)
from sync.adapters.google.init import HEAD_ROWS, INIT_FIELDS, LIST_TITLE, InitBuilder
from sync.adapters.google.look import Extras, Style
from sync.adapters.google.memory import RememberedLayout, SheetMemory, StaleLayout
from sync.errors import ConfigError, LayoutError, UnreachableError
from sync.messages import Msg, say
from sync.perf import paused_gc
from sync.ports import (
    Capability,
    DoctorCheck,
    Grid,
    InitPlan,
    InitReport,
    Owner,
    RawCell,
    WritePlan,
)

__all__ = [
    "DoctorCheck",
    "GoogleBackend",
    "GoogleBook",
    "Pacer",
    "RetryPolicy",
    "client_email",
    "doctor_checks",
    "emulator_host_from_env",
    "load_service_account_info",
]

SHEETS_URL = "https://sheets.googleapis.com/v4/spreadsheets/"
DEFAULT_LOG_TITLE = LOG
# The one metadata read of a sync: tabs and sizes, protections, hidden rows, and what the
# look keeps in step (conditional formats, charts, filter views, the developer metadata
# tagging charts).
META_FIELDS = (
    "spreadsheetId,properties(title),"
    "sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount,frozenRowCount)),"
    "protectedRanges(protectedRangeId,range,warningOnly),data(rowMetadata(hiddenByUser)),"
    "conditionalFormats(ranges(sheetId)),charts(chartId),filterViews(filterViewId,title)),"
    "developerMetadata(metadataId,metadataKey,metadataValue)"
)
READ_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER"}


class GoogleBackend:
    """Opens one spreadsheet by key. Implements `sync.ports.Backend`."""

    def __init__(
        self,
        key: str,
        credentials_path: Path | None,
        *,
        retry: RetryPolicy,
        emulator_host: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        lang: str = "vi",
        pacer: RequestPacer | None = None,
        log_title: str = DEFAULT_LOG_TITLE,
        memory: SheetMemory | None = None,
    ) -> None:
        self.key = key.strip()
        self.memory = memory  # the layout remembered between syncs (None: read it every time)
        self.credentials_path = credentials_path
        self.retry = retry
        self.emulator_host = emulator_host
        self.lang = lang
        self.log_title = log_title
        self._sleep = sleep
        self._rng = rng if rng is not None else random.Random()
        self.pacer: RequestPacer = pacer or Pacer(
            retry.requests_per_minute, clock=clock, sleep=sleep
        )

    @property
    def lock_key(self) -> str:
        return f"google:{self.key}"

    @property
    def display_name(self) -> str:
        where = f" @ {self.emulator_host}" if self.emulator_host else ""
        return f"Google Sheets {self.key}{where}"

    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset({Capability.DROPDOWNS, Capability.PROTECT})

    def exists(self) -> bool:
        return True  # only Google can tell; `open` says so when it cannot be reached

    def create(self) -> None:
        raise ConfigError(say(Msg.GOOGLE_NO_CREATE, self.lang))

    def doctor_checks(self) -> Iterator[DoctorCheck]:
        return doctor_checks(self)

    def client(self) -> tuple[SheetsHTTPClient, str | None]:
        """A fresh HTTP client (credentials resolved here: ConfigError when unusable)."""
        creds = resolve_credentials(
            self.credentials_path, emulator_host=self.emulator_host, lang=self.lang
        )
        http = SheetsHTTPClient(
            creds.credentials,
            ctx=ErrorContext(self.key, creds.email, self.lang),
            retry=self.retry,
            pacer=self.pacer,
            emulator_host=self.emulator_host,
            sleep=self._sleep,
            rng=self._rng,
        )
        return http, creds.email

    @contextmanager
    def open(self, *, writing: bool = True) -> Iterator[GoogleBook]:
        http, email = self.client()
        book = GoogleBook(
            http, self.key, email=email, lang=self.lang, log_title=self.log_title,
            memory=self.memory,
        )  # fmt: skip
        try:
            yield book
        except BaseException:
            # A failed sync may have failed on a layout it remembered (a tab added since):
            # only a sync that succeeded leaves a memory; the next one reads the layout.
            if self.memory is not None:
                self.memory.forget()
            raise
        finally:
            http.session.close()


class GoogleBook(RememberedLayout):
    """One open spreadsheet for one sync. Implements `sync.ports.Book`."""

    meta_fields = META_FIELDS

    def __init__(
        self,
        http: SheetsHTTPClient,
        key: str,
        *,
        email: str | None,
        lang: str = "vi",
        log_title: str = DEFAULT_LOG_TITLE,
        memory: SheetMemory | None = None,
    ) -> None:
        self.http = http
        self.key = key
        self.email = email
        self.lang = lang
        self.log_title = log_title
        self.memory = memory
        self.remembered = False  # `_sheets` came from memory, not from Google this sync
        self._prefetched: dict[str, Grid] = {}  # tabs read while checking the memory
        self._read_titles: list[str] = []
        self._sheets: dict[str, gp.SheetInfo] | None = None
        self._extras = Extras()
        self._order: list[str] = []
        self._log_rows: dict[str, Grid] = {}  # log tab title -> its grid, from a read

    # --- low level ---------------------------------------------------------------------

    def call(self, method: str, suffix: str = "", **kw: Any) -> Any:
        """One API call (paced, retried); its JSON answer."""
        url = SHEETS_URL + quote(self.key, safe="") + suffix
        response = self.http.request(method, url, **kw)
        try:
            with paused_gc():  # a 100k-row answer is ~1M small containers, none cyclic
                return response.json()
        except ValueError:
            raise UnreachableError(
                say(Msg.GOOGLE_UNREADABLE_ANSWER, self.lang, status=response.status_code)
            ) from None

    def get_meta(self, fields: str = META_FIELDS, **params: Any) -> Any:
        return self.call("get", params={"fields": fields, **params})

    def batch_get(self, ranges: Sequence[str]) -> list[Grid]:
        params = {**READ_PARAMS, "ranges": list(ranges)}
        body = self.call("get", "/values:batchGet", params=params)
        return [_grid(vr.get("values", [])) for vr in body.get("valueRanges", [])]

    def batch_update(self, body: bytes, **params: Any) -> Any:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        return self.call("post", ":batchUpdate", data=body, headers=headers, params=params or None)

    # --- Book --------------------------------------------------------------------------

    def titles(self) -> list[str]:
        self.sheets()
        return list(self._order)

    def read(self, titles: Sequence[str]) -> dict[str, Grid]:
        sheets = self.sheets()
        missing = [t for t in titles if t not in sheets]
        if missing:
            raise LayoutError(
                say(Msg.GOOGLE_TABS_MISSING, self.lang, tabs=", ".join(f"'{t}'" for t in missing))
            )
        wanted = list(dict.fromkeys(titles))
        extra = (
            [self.log_title] if self.log_title in sheets and self.log_title not in wanted else []
        )
        self._read_titles = wanted + extra
        ready = self._prefetched
        if all(t in ready for t in wanted + extra):
            grids = [ready[t] for t in wanted + extra]
        else:
            grids = self.batch_get([gp.quote_title(t) for t in wanted + extra])
        self._prefetched = {}
        if len(grids) != len(wanted) + len(extra):
            raise LayoutError(say(Msg.GOOGLE_RANGES_MISMATCH, self.lang))
        out = dict(zip(wanted, grids[: len(wanted)], strict=True))
        for title, grid in out.items():  # rows a person hid: read, and said to be hidden
            for r in sheets[title].hidden_rows:
                if r < len(grid):
                    grid[r] = HiddenRow(grid[r])
        if extra:
            self._log_rows[self.log_title] = grids[-1]
        elif self.log_title in out:
            self._log_rows[self.log_title] = out[self.log_title]
        return out

    def write(self, plan: WritePlan) -> None:
        sheets = self.sheets()
        log_title = plan.log_title
        old: Grid = []
        if log_title in sheets:
            if log_title in self._prefetched:  # read while checking the memory
                self._log_rows.setdefault(log_title, self._prefetched[log_title])
            if log_title not in self._log_rows:
                self._log_rows[log_title] = self.batch_get([gp.quote_title(log_title)])[0]
            old = _data_rows(self._log_rows[log_title])
        new_rows = [tuple(r) for r in plan.log_rows]
        final = gp.log_table(log_title, plan.log_columns, old, new_rows, plan.log_keep)
        template = new_rows[-1] if new_rows else ()

        def progress(k: int, n: int) -> Table:
            row = gp.progress_row(plan.log_columns, template, k, n, self.lang)
            return gp.log_table(log_title, plan.log_columns, old, [row], plan.log_keep)

        tables = [t for t in plan.tables if t.title != log_title]
        style = Style(plan.lang, self._extras, plan.teams, {s.sheet_id for s in sheets.values()})
        gids = {c: sheets[a].sheet_id for c, a in plan.entry_titles.items() if a in sheets}
        bodies = gp.write_batches(tables, final, progress, sheets, gids=gids, decorate=style)
        try:
            self.send(bodies, [t.title for t in tables] + [log_title], sheets)
        except StaleLayout:
            self.write(plan)
        finally:
            # Grid sizes and sheet ids changed (or may have): fetch again if reused.
            self._sheets = None
            self._log_rows.clear()

    def init(self, plan: InitPlan) -> InitReport:
        """One state read, then one batchUpdate with only what is missing (none if nothing)."""
        self.forget_layout()  # init changes the layout: it reads it, the next sync too
        sheets = self.sheets()
        list_layout = next((t for t in plan.tabs if t.owner == Owner.LIST), None)
        list_title = list_layout.title if list_layout else LIST_TITLE
        tabs = [t for t in plan.tabs if t.owner != Owner.LIST and t.title != list_title]
        use_lists = bool(plan.lists)
        # Only rows the grid has: a summary tab a sync shrank to 3 rows refuses a read of 1:11.
        ranges = [
            f"{gp.quote_title(t.title)}!1:{min(HEAD_ROWS + 1, sheets[t.title].row_count)}"
            for t in tabs
            if t.title in sheets
        ]
        if use_lists and list_title in sheets:
            ranges.append(gp.quote_title(list_title))
        state: dict[str, list[list[dict[str, Any]]]] = {}
        if ranges:
            meta = self.get_meta(INIT_FIELDS, ranges=ranges)
            for sheet in meta.get("sheets", []):
                title = sheet.get("properties", {}).get("title", "")
                data = (sheet.get("data") or [{}])[0]
                state[title] = [r.get("values", []) for r in data.get("rowData", [])]
        builder = InitBuilder(
            sheets, email=self.email, warning_only=plan.protect_warning_only, lang=self.lang
        )
        if use_lists:
            builder.lists(list_title, plan.lists, state.get(list_title))
        for tab in tabs:
            builder.tab(tab, state.get(tab.title))
        body = builder.body()
        if body is not None:
            try:
                self.batch_update(body)
            finally:
                self._sheets = None
        return InitReport(
            tuple(builder.created), tuple(builder.headers_written), tuple(builder.notes)
        )


def _grid(values: list[list[Any]]) -> Grid:
    """Google trims trailing cells and rows; pad rows to one width so grid[r][c] works."""
    width = max((len(r) for r in values), default=0)
    out: Grid = []
    for row in values:
        cells: list[RawCell] = [v if v != "" else None for v in row]
        out.append(cells + [None] * (width - len(cells)))
    return out


def _data_rows(grid: Grid) -> Grid:
    rows = grid[1:]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def doctor_checks(backend: GoogleBackend) -> Iterator[DoctorCheck]:
    """(label, ok, how to fix), in order: the key file parses, the e-mail to share the
    spreadsheet with, access to the spreadsheet (one spreadsheets.get), the key file's
    mode (a failure of that last one is a warning: `check.warning`)."""

    def probe() -> None:
        with backend.open() as book:
            book.get_meta("spreadsheetId")  # asked of Google whatever the memory holds

    yield from credential_checks(
        backend.credentials_path,
        emulator_host=backend.emulator_host,
        probe=probe,
        lang=backend.lang,
    )
