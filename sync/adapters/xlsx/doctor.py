"""`daisuso doctor` for a workbook: readable, in a format `sync` writes, not open in Excel or
LibreOffice, writable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sync.adapters.xlsx.openfiles import find_open_markers
from sync.adapters.xlsx.replace import write_problems
from sync.adapters.xlsx.sniff import WRITABLE, convert_hint, sniff
from sync.errors import DaisusoError
from sync.messages import Msg, say
from sync.ports import DoctorCheck


def workbook_checks(path: Path, lang: str = "vi") -> Iterator[DoctorCheck]:
    if not path.exists():
        return  # `open` says so, with what to do
    try:
        found = sniff(path, path.read_bytes(), lang=lang)
        yield DoctorCheck(say(Msg.XLSX_DOCTOR_READABLE, lang, path=path), True)
        if found not in WRITABLE:  # `validate` reads it; `sync` refuses it, and so does doctor
            label = say(Msg.XLSX_DOCTOR_FORMAT, lang, fmt=found)
            yield DoctorCheck(label, False, convert_hint(path, found, lang=lang))
    except (DaisusoError, OSError) as exc:
        yield DoctorCheck(say(Msg.XLSX_DOCTOR_FILE, lang, path=path), False, str(exc))
    for marker in find_open_markers(path):
        yield DoctorCheck(marker.describe(lang), marker.stale, "", marker.stale)
    problems = write_problems(path, lang=lang)
    label = say(Msg.XLSX_DOCTOR_WRITABLE, lang, path=path)
    yield DoctorCheck(label, not problems, "\n".join(problems))
