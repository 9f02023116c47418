"""The local workbook backend: calamine reads the entry tabs, the summary tabs are spliced
into the workbook's zip (openpyxl draws them); same tabs and columns as the Google
spreadsheet."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineError

from rules.contract import LIST_TAB
from rules.tables import Column
from sync.adapters.xlsx.doctor import workbook_checks
from sync.adapters.xlsx.errors import BadWorkbookError
from sync.adapters.xlsx.identity import Fingerprint, read_with_fingerprint
from sync.adapters.xlsx.lists import add_dropdowns
from sync.adapters.xlsx.ooxml import Package
from sync.adapters.xlsx.openfiles import DEFAULT_STALE_AFTER, ensure_not_open
from sync.adapters.xlsx.read import CalamineReader, openpyxl_grid
from sync.adapters.xlsx.render import FORMATS, fill, header, kept_anchors, render
from sync.adapters.xlsx.replace import atomic_replace, target_of
from sync.adapters.xlsx.sniff import WRITABLE, Format, convert_hint, sniff
from sync.adapters.xlsx.splice import splice
from sync.errors import LayoutError, UnreachableError
from sync.messages import Msg, say
from sync.perf import paused_gc
from sync.ports import Capability, DoctorCheck, Grid, InitPlan, InitReport, WritePlan

__all__ = ["FORMATS", "XlsxBackend", "XlsxBook", "fill"]
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")

SaveHook = Callable[[Path], None]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class XlsxBackend:
    def __init__(
        self,
        path: Path,
        *,
        before_replace: SaveHook | None = None,
        snapshot_exists: bool = False,
        stale_after: float = DEFAULT_STALE_AFTER,
        lang: str = "vi",
    ) -> None:
        self.path = path
        self.lang = lang  # of every message and doctor line the workbook gives
        self.stale_after = stale_after  # a lock file older than this is a leftover
        self.snapshot_exists = snapshot_exists  # bad-file messages then point to `snapshots`
        self.notes: list[str] = []  # what could not be kept (owner), stale lock files
        self._seen: Fingerprint | None = None
        self._data = b""
        self._before_replace = before_replace  # tests inject a crash between save and replace

    @property
    def lock_key(self) -> str:
        return str(self.path.resolve())

    @property
    def display_name(self) -> str:
        return str(self.path)

    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset({Capability.CREATE, Capability.DROPDOWNS})

    def exists(self) -> bool:
        return self.path.exists()

    def doctor_checks(self) -> Iterator[DoctorCheck]:
        return workbook_checks(self.path, self.lang)

    @contextlib.contextmanager
    def open(self, *, writing: bool = True) -> Iterator[XlsxBook]:
        """The workbook, read; `writing=False` (validate) also opens .xls, .ods and .xlsb."""
        self.remove_stale_temp_files()
        if not self.path.exists():
            raise LayoutError(say(Msg.XLSX_NOT_FOUND, self.lang, path=self.path))
        data, seen = read_with_fingerprint(self.path, lang=self.lang)
        found = sniff(self.path, data, snapshot_exists=self.snapshot_exists, lang=self.lang)
        if writing and found not in WRITABLE:  # refused before any work is done
            raise BadWorkbookError(convert_hint(self.path, found, lang=self.lang))
        book = XlsxBook(self, data, found)
        self._data, self._seen = data, seen
        yield book

    def create(self) -> None:
        """An empty workbook for `init`; its first sheet is replaced by the tabs init adds."""
        workbook = Workbook()
        self.save(workbook)

    def save(self, workbook: Workbook) -> None:
        """Replace the file in one rename, only if nobody has it open or saved it since it
        was read; the file keeps its mode, owner and group, and a symlink stays a symlink."""
        if self.path.exists():
            self.notes += ensure_not_open(self.path, stale_after=self.stale_after, lang=self.lang)
            self.notes += atomic_replace(
                self.path,
                workbook.save,
                expect=self._seen,
                before_replace=self._before_replace,
                lang=self.lang,
            )
            return
        fd = os.open(target_of(self.path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            workbook.save(handle)

    def replace_with(self, data: bytes) -> None:
        """The spliced workbook over the file, under the same checks as `save`."""
        self.notes += ensure_not_open(self.path, stale_after=self.stale_after, lang=self.lang)
        self.notes += atomic_replace(
            self.path, data, expect=self._seen, before_replace=self._before_replace, lang=self.lang
        )

    def remove_stale_temp_files(self) -> list[Path]:
        """Temp files left by a killed sync (its pid is gone) are removed."""
        removed: list[Path] = []
        folder = self.path.resolve().parent
        if not folder.is_dir():
            return removed
        for candidate in folder.glob(f".{self.path.name}.*.tmp"):
            m = _TEMP.match(candidate.name)
            if m and m["name"] == self.path.name and not _alive(int(m["pid"])):
                candidate.unlink(missing_ok=True)
                removed.append(candidate)
        return removed


class XlsxBook:
    """One read of the file: entry tabs are read with calamine; the openpyxl workbook is
    loaded only by `init` (and for the rare cell calamine cannot tell)."""

    def __init__(self, backend: XlsxBackend, data: bytes, fmt: Format) -> None:
        self._backend = backend
        self._data = data
        self._fmt = fmt
        try:
            self._reader = CalamineReader(data, fmt)
        except (CalamineError, OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise self._unreadable(exc) from exc

    def _unreadable(self, exc: Exception) -> UnreachableError:
        backend = self._backend
        return UnreachableError(
            say(Msg.XLSX_UNREADABLE, backend.lang, path=backend.path, error=exc)
        )

    @functools.cached_property
    def _package(self) -> Package:
        """The zip's workbook part and relationships: what the splice writes into."""
        if self._fmt not in WRITABLE:
            raise BadWorkbookError(
                convert_hint(self._backend.path, self._fmt, lang=self._backend.lang)
            )
        try:
            return Package(self._data)
        except (OSError, ValueError, KeyError, SyntaxError, zipfile.BadZipFile) as exc:
            raise self._unreadable(exc) from exc

    @functools.cached_property
    def _wb(self) -> Workbook:
        """The whole workbook in openpyxl, for `init` (seconds on a big file)."""
        if self._fmt not in WRITABLE:
            raise BadWorkbookError(
                convert_hint(self._backend.path, self._fmt, lang=self._backend.lang)
            )
        return self._load(data_only=False)

    @functools.cached_property
    def _values(self) -> Workbook:
        return self._load(data_only=True)

    def _load(self, *, data_only: bool) -> Workbook:
        try:
            return load_workbook(
                io.BytesIO(self._data), data_only=data_only, keep_vba=self._fmt == "xlsm"
            )
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise self._unreadable(exc) from exc

    def titles(self) -> list[str]:
        if "_wb" in self.__dict__:  # loaded (and maybe changed by init): its tabs
            return list(self._wb.sheetnames)
        return self._reader.titles()

    def read(self, titles: Sequence[str]) -> dict[str, Grid]:
        try:
            with paused_gc():  # a 100k-row tab is a million small values, none cyclic
                found = self._reader.grids(titles, self._formula)
        except (CalamineError, OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise self._unreadable(exc) from exc
        grids: dict[str, Grid] = {}
        for title, grid in found.items():
            if grid is None:  # a sheet laid out unusually: the slow, exact reading
                grid = openpyxl_grid(self._wb[title], functools.partial(self._cached, title))
            grids[title] = grid
        return grids

    def _cached(self, title: str) -> Worksheet:
        sheet: Worksheet = self._values[title]
        return sheet

    def _formula(self, title: str, row: int, column: int) -> object:
        return self._wb[title].cell(row=row, column=column).value

    def write(self, plan: WritePlan) -> None:
        """Render the owned tabs on their own and splice them into the bytes that were read:
        the parts holding the entry tabs stay byte for byte what they were."""
        owned = [*(t.title for t in plan.tables), plan.log_title]
        anchors = kept_anchors(self._package, owned)
        rendered = render(plan, self._old_log(plan.log_title), anchors)
        try:
            data = splice(self._data, rendered, owned)
        except (ValueError, KeyError, SyntaxError, zipfile.BadZipFile) as exc:
            backend = self._backend
            raise UnreachableError(
                say(Msg.XLSX_WRITE_FAILED, backend.lang, path=backend.path, error=exc)
            ) from exc
        self._backend.replace_with(data)

    def _old_log(self, title: str) -> list[tuple[object, ...]]:
        """The log tab's rows below its header, read as the entry tabs are (its title
        compared ignoring case, as Excel does)."""
        found = next((t for t in self.titles() if t.casefold() == title.casefold()), None)
        if found is None:
            return []
        grid = self.read([found])[found]
        return [tuple(row) for row in grid[1:] if any(v is not None for v in row)]

    def init(self, plan: InitPlan) -> InitReport:
        created: list[str] = []
        headers: list[str] = []
        placeholder = (
            self._wb.sheetnames == ["Sheet"]
            and self._wb["Sheet"].max_row == 1
            and self._wb["Sheet"]["A1"].value is None
        )
        for tab in plan.tabs:
            if tab.title not in self._wb.sheetnames:
                sheet = self._wb.create_sheet(tab.title)
                created.append(tab.title)
            sheet = self._wb[tab.title]
            if all(cell.value is None for cell in sheet[1]) and sheet.max_row <= 1:
                header(sheet, [Column(h) for h in tab.headers])
                headers.append(tab.title)
        had_lists = LIST_TAB in self._wb.sheetnames
        dropdowns = add_dropdowns(self._wb, plan)
        if LIST_TAB in self._wb.sheetnames and not had_lists:
            created.append(LIST_TAB)
        if placeholder and created:
            del self._wb["Sheet"]
        if created or headers or dropdowns:
            self._backend.save(self._wb)
        return InitReport(tuple(created), tuple(headers))
