"""What a file really is, before any workbook library sees it.

A workbook that cannot be read is refused with a message naming the file, what it
looks like and what to do (exit 4), never with a library's traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Literal

from sync.adapters.xlsx.errors import BadWorkbookError, both

Format = Literal["xlsx", "xlsm", "xlsb", "ods", "xls"]
WRITABLE: tuple[Format, ...] = ("xlsx", "xlsm")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"

_RESAVE = (
    "mở tệp gốc trong Excel hoặc LibreOffice rồi lưu lại dạng Sổ làm việc Excel (.xlsx)",
    "open the original in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)",
)
_LOOKS: dict[str, tuple[str, str, str, str]] = {
    # kind: (looks like vi, looks like en, what to do vi, what to do en)
    "empty": (
        "trống (0 byte)",
        "empty (0 bytes)",
        "chép lại tệp từ bản sao lưu hoặc từ máy đã lưu nó",
        "copy it again from a backup or from the computer that saved it",
    ),
    "truncated": (
        "bị cắt cụt hoặc hỏng (tệp zip không trọn vẹn)",
        "truncated or damaged (an incomplete zip file)",
        "chờ việc đồng bộ thư mục chia sẻ xong, hoặc chép lại từ bản sao lưu",
        "wait for the shared folder to finish copying it, or copy it again from a backup",
    ),
    "encrypted": (
        "được đặt mật khẩu (tệp Office mã hóa)",
        "password-protected (an encrypted Office file)",
        "gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu: xóa trống) rồi lưu lại",
        "remove the password (File → Info → Protect Workbook → Encrypt with Password: clear it) and save",
    ),
    "ole": (
        "một tệp Office kiểu cũ (OLE) không phải bảng tính, hoặc được đặt mật khẩu",
        "an old-style Office (OLE) file that is not a workbook, or password-protected",
        *_RESAVE,
    ),
    "text": (
        "một tệp văn bản (CSV hoặc tương tự), không phải sổ làm việc",
        "a text file (CSV or similar), not a workbook",
        *_RESAVE,
    ),
    "html": (
        "một trang web (HTML) mang tên bảng tính",
        "a web page (HTML) with a spreadsheet's name",
        *_RESAVE,
    ),
    "pdf": ("một tệp PDF", "a PDF file", *_RESAVE),
    "zip": ("một tệp zip nhưng không phải sổ làm việc", "a zip file but not a workbook", *_RESAVE),
    "unknown": ("không phải một định dạng bảng tính", "not a spreadsheet format", *_RESAVE),
}


def bad_file_message(path: Path, kind: str, *, snapshot_exists: bool = False) -> str:
    vi_looks, en_looks, vi_do, en_do = _LOOKS[kind]
    vi = f"Không đọc được bảng tính {path}: tệp {vi_looks}. Cách xử lý: {vi_do}."
    en = f"Cannot read workbook {path}: the file is {en_looks}. What to do: {en_do}."
    if snapshot_exists:
        vi += " Dữ liệu các tab nhập liệu có trong bản lưu: xem `daisuso snapshots`, rồi `daisuso restore`."
        en += " The entry tabs' rows are in a snapshot: see `daisuso snapshots`, then `daisuso restore`."
    return both(vi, en)


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


def sniff(path: Path, data: bytes, *, snapshot_exists: bool = False) -> Format:
    """The workbook format of `data`, or BadWorkbookError (exit 4) saying what it is."""
    kind = _kind(data)
    if kind in ("xlsx", "xlsm", "xlsb", "ods", "xls"):
        return kind  # type: ignore[return-value]  # narrowed by the membership test
    raise BadWorkbookError(bad_file_message(path, kind, snapshot_exists=snapshot_exists))


def convert_hint(path: Path, fmt: Format) -> str:
    """What `sync` says for a workbook it can read but not write."""
    return both(
        f"`sync` chỉ ghi được tệp .xlsx/.xlsm; {path} là tệp .{fmt}. `validate` vẫn đọc được. "
        f"Để đồng bộ: mở trong Excel/LibreOffice, Lưu thành… Sổ làm việc Excel (.xlsx), rồi sửa "
        f"[spreadsheet] path; hoặc: soffice --headless --convert-to xlsx {path.name}",
        f"`sync` writes only .xlsx/.xlsm; {path} is an .{fmt} file. `validate` still reads it. "
        f"To sync: open it in Excel/LibreOffice, Save As… Excel Workbook (.xlsx), then update "
        f"[spreadsheet] path; or: soffice --headless --convert-to xlsx {path.name}",
    )
