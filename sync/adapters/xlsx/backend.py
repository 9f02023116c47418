"""The local workbook backend (openpyxl): same tabs and columns as the Google spreadsheet."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from rules.contract import LIST_TAB
from rules.tables import Column, FormulaText, HiddenRow
from sync.adapters.xlsx.doctor import workbook_checks
from sync.adapters.xlsx.errors import BadWorkbookError, both
from sync.adapters.xlsx.identity import Fingerprint, read_with_fingerprint
from sync.adapters.xlsx.lists import add_dropdowns
from sync.adapters.xlsx.ooxml import Package
from sync.adapters.xlsx.openfiles import DEFAULT_STALE_AFTER, ensure_not_open
from sync.adapters.xlsx.render import FORMATS, fill, header, kept_anchors, old_log_rows, render
from sync.adapters.xlsx.replace import atomic_replace, target_of
from sync.adapters.xlsx.sniff import WRITABLE, convert_hint, sniff
from sync.adapters.xlsx.splice import splice
from sync.errors import LayoutError, UnreachableError
from sync.ports import Capability, DoctorCheck, Grid, InitPlan, InitReport, RawCell, WritePlan

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
    ) -> None:
        self.path = path
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
        return workbook_checks(self.path)

    @contextlib.contextmanager
    def open(self) -> Iterator[XlsxBook]:
        self.remove_stale_temp_files()
        if not self.path.exists():
            raise LayoutError(
                f"Không tìm thấy bảng tính {self.path}. Chạy `daisuso init` để tạo, hoặc sửa [spreadsheet] path."
                f"\nWorkbook {self.path} not found. Run `daisuso init` to create it, or fix [spreadsheet] path."
            )
        data, seen = read_with_fingerprint(self.path)
        found = sniff(self.path, data, snapshot_exists=self.snapshot_exists)
        if found not in WRITABLE:
            raise BadWorkbookError(convert_hint(self.path, found))
        try:
            package = Package(data)  # the workbook part only: entry tabs load when read
        except (OSError, ValueError, KeyError, SyntaxError, zipfile.BadZipFile) as exc:
            raise UnreachableError(f"Không mở được bảng tính {self.path}: {exc}") from exc
        self._data, self._seen = data, seen
        yield XlsxBook(self, package, keep_vba=found == "xlsm")

    def create(self) -> None:
        """An empty workbook for `init`; its first sheet is replaced by the tabs init adds."""
        workbook = Workbook()
        self.save(workbook)

    def save(self, workbook: Workbook) -> None:
        """Replace the file in one rename, only if nobody has it open or saved it since it
        was read; the file keeps its mode, owner and group, and a symlink stays a symlink."""
        if self.path.exists():
            self.notes += ensure_not_open(self.path, stale_after=self.stale_after)
            self.notes += atomic_replace(
                self.path, workbook.save, expect=self._seen, before_replace=self._before_replace
            )
            return
        fd = os.open(target_of(self.path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            workbook.save(handle)

    def replace_with(self, data: bytes) -> None:
        """The spliced workbook over the file, under the same checks as `save`."""
        self.notes += ensure_not_open(self.path, stale_after=self.stale_after)
        self.notes += atomic_replace(
            self.path, data, expect=self._seen, before_replace=self._before_replace
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
    def __init__(self, backend: XlsxBackend, package: Package, *, keep_vba: bool = False) -> None:
        self._backend = backend
        self._package = package
        self._keep_vba = keep_vba
        self._values: Workbook | None = None

    @functools.cached_property
    def _wb(self) -> Workbook:
        """The whole workbook, loaded only by what needs it: `init` and reading entry tabs."""
        data = self._backend._data
        try:
            return load_workbook(io.BytesIO(data), keep_vba=self._keep_vba)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise UnreachableError(f"Không mở được bảng tính {self._backend.path}: {exc}") from exc

    def titles(self) -> list[str]:
        if "_wb" in self.__dict__:  # loaded (and maybe changed by init): its tabs
            return list(self._wb.sheetnames)
        return [s.get("name", "") for s in self._package.sheets()]

    def read(self, titles: Sequence[str]) -> dict[str, Grid]:
        return {title: self._grid(self._wb[title]) for title in titles}

    def _grid(self, sheet: Worksheet) -> Grid:
        grid: Grid = []
        hidden = {r for r, dim in sheet.row_dimensions.items() if dim.hidden}
        for number, row in enumerate(sheet.iter_rows(), start=1):
            values = [self._value(cell) for cell in row]
            grid.append(HiddenRow(values) if number in hidden else values)
        return grid

    def _value(self, cell: XlCell | MergedCell) -> RawCell:
        if cell.data_type == "f":
            # A formula in an entry tab: use the value the spreadsheet program last computed.
            if self._values is None:
                self._values = load_workbook(self._backend.path, data_only=True)
            cached = self._values[cell.parent.title][cell.coordinate].value
            if cached is None and isinstance(cell.value, str):
                return FormulaText(
                    cell.value
                )  # no computed value: read as its text, with a warning
            return (
                cached if isinstance(cached, str | int | float | bool | date | datetime) else None
            )
        value = cell.value
        return value if isinstance(value, str | int | float | bool | date | datetime) else None

    def write(self, plan: WritePlan) -> None:
        """Render the owned tabs on their own and splice them into the bytes that were read:
        the parts holding the entry tabs stay byte for byte what they were."""
        owned = [*(t.title for t in plan.tables), plan.log_title]
        anchors = kept_anchors(self._package, owned)
        old_log = old_log_rows(self._package, plan.log_title, plan.log_columns)
        rendered = render(plan, old_log, anchors)
        try:
            data = splice(self._backend._data, rendered, owned)
        except (ValueError, KeyError, SyntaxError, zipfile.BadZipFile) as exc:
            raise UnreachableError(
                both(
                    f"Không ghi được các tab tổng hợp vào {self._backend.path}: {exc}. Không ghi gì.",
                    f"Could not write the summary tabs into {self._backend.path}: {exc}. "
                    "Nothing was written.",
                )
            ) from exc
        self._backend.replace_with(data)

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
