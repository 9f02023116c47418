"""`daisuso doctor` for a workbook: readable, in a format `sync` writes, not open in Excel or
LibreOffice, writable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sync.adapters.xlsx.errors import both
from sync.adapters.xlsx.openfiles import find_open_markers
from sync.adapters.xlsx.replace import write_problems
from sync.adapters.xlsx.sniff import WRITABLE, convert_hint, sniff
from sync.errors import DaisusoError
from sync.ports import DoctorCheck


def workbook_checks(path: Path) -> Iterator[DoctorCheck]:
    if not path.exists():
        return  # `open` says so, with what to do
    try:
        found = sniff(path, path.read_bytes())
        yield DoctorCheck(both(f"Đọc được tệp {path}", f"{path} is a readable workbook"), True)
        if found not in WRITABLE:  # `validate` reads it; `sync` refuses it, and so does doctor
            label = both(f"`sync` ghi được tệp .{found}", f"`sync` can write an .{found} file")
            yield DoctorCheck(label, False, convert_hint(path, found))
    except DaisusoError as exc:
        yield DoctorCheck(both(f"Tệp {path}", f"File {path}"), False, str(exc))
    except OSError as exc:
        yield DoctorCheck(both(f"Tệp {path}", f"File {path}"), False, str(exc))
    for marker in find_open_markers(path):
        yield DoctorCheck(marker.describe(), marker.stale, "", marker.stale)
    problems = write_problems(path)
    label = both(f"Ghi được {path} và thư mục của nó", f"{path} and its folder are writable")
    yield DoctorCheck(label, not problems, "\n".join(problems))
