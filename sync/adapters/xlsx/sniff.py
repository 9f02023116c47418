"""What a file really is, before any workbook library sees it.

A workbook that cannot be read is refused with a message naming the file, what it
looks like and what to do (exit 4), never with a library's traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Literal

from sync.adapters.xlsx.errors import BadWorkbookError
from sync.messages import Msg, say

Format = Literal["xlsx", "xlsm", "xlsb", "ods", "xls"]
WRITABLE: tuple[Format, ...] = ("xlsx", "xlsm")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"

# kind: (what the file looks like, what to do)
_LOOKS: dict[str, tuple[Msg, Msg]] = {
    "empty": (Msg.XLSX_LOOKS_EMPTY, Msg.XLSX_DO_EMPTY),
    "truncated": (Msg.XLSX_LOOKS_TRUNCATED, Msg.XLSX_DO_TRUNCATED),
    "encrypted": (Msg.XLSX_LOOKS_ENCRYPTED, Msg.XLSX_DO_ENCRYPTED),
    "ole": (Msg.XLSX_LOOKS_OLE, Msg.XLSX_DO_RESAVE),
    "text": (Msg.XLSX_LOOKS_TEXT, Msg.XLSX_DO_RESAVE),
    "html": (Msg.XLSX_LOOKS_HTML, Msg.XLSX_DO_RESAVE),
    "pdf": (Msg.XLSX_LOOKS_PDF, Msg.XLSX_DO_RESAVE),
    "zip": (Msg.XLSX_LOOKS_ZIP, Msg.XLSX_DO_RESAVE),
    "unknown": (Msg.XLSX_LOOKS_UNKNOWN, Msg.XLSX_DO_RESAVE),
}


def bad_file_message(
    path: Path, kind: str, *, snapshot_exists: bool = False, lang: str = "vi"
) -> str:
    looks, todo = _LOOKS[kind]
    text = say(Msg.XLSX_BAD_FILE, lang, path=path, looks=say(looks, lang), todo=say(todo, lang))
    if snapshot_exists:
        text += say(Msg.XLSX_BAD_FILE_SNAPSHOT, lang)
    return text


def _zip_format(data: bytes) -> Format | str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            return "xlsm" if b"macroEnabled" in types else "xlsx"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "mimetype" in names and archive.read("mimetype").strip() == _ODS:
            return "ods"
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        return "truncated"
    return "zip"


def _kind(data: bytes) -> Format | str:
    if not data:
        return "empty"
    if data.startswith(_ZIP) or data.startswith(b"PK\x05\x06"):
        return _zip_format(data)
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            return "encrypted"
        return "xls" if any(s in data for s in _XLS_STREAMS) else "ole"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) and b"<html" in head:
        return "html"
    if b"\x00" not in data[:4096]:
        try:
            data[:4096].decode("utf-8")
            return "text"
        except UnicodeDecodeError:
            if data[:4096].decode("cp1252", errors="replace").isprintable():
                return "text"
    return "unknown"


def sniff(path: Path, data: bytes, *, snapshot_exists: bool = False, lang: str = "vi") -> Format:
    """The workbook format of `data`, or BadWorkbookError (exit 4) saying what it is."""
    kind = _kind(data)
    if kind in ("xlsx", "xlsm", "xlsb", "ods", "xls"):
        return kind  # type: ignore[return-value]  # narrowed by the membership test
    raise BadWorkbookError(bad_file_message(path, kind, snapshot_exists=snapshot_exists, lang=lang))


def convert_hint(path: Path, fmt: Format, *, lang: str = "vi") -> str:
    """What `sync` says for a workbook it can read but not write."""
    return say(Msg.XLSX_CONVERT, lang, path=path, fmt=fmt, name=path.name)
