"""A workbook open in Excel or LibreOffice is not written; who has it open is said."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sync.adapters.xlsx.errors import WorkbookOpenError
from sync.adapters.xlsx.openfiles import find_open_markers, parse_excel, parse_libreoffice
from tests.adapters.xlsx.helpers import make_book, sync

# LibreOffice: user name (Tools → Options → User Data), system user, host, time, profile URL.
LO_LOCK = "Nguyễn Thị Hoa,hoa,may-ke-toan,02.12.2026 09:15,file:///home/hoa/.config/libreoffice/4;"


def excel_owner_file(name: str) -> bytes:
    """Excel's `~$` file: the name's length, the name in ANSI, then its length and UTF-16 at 0x36."""
    ansi = name.encode("cp1252", errors="replace")
    data = bytearray(bytes([len(name)]) + ansi.ljust(0x35, b" "))
    data += len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    return bytes(data.ljust(165, b"\x00"))


@pytest.mark.parametrize(
    ("lock_name", "content", "who", "program"),
    [
        (".~lock.book.xlsx#", LO_LOCK.encode(), "Nguyễn Thị Hoa", "LibreOffice"),
        ("~$book.xlsx", excel_owner_file("Trần Văn Minh"), "Trần Văn Minh", "Excel"),
    ],
)
def test_a_lock_file_stops_the_write_and_names_who(
    tmp_path: Path, lock_name: str, content: bytes, who: str, program: str
) -> None:
    path = make_book(tmp_path)
    (tmp_path / lock_name).write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(WorkbookOpenError) as caught:
        sync(path)
    message = str(caught.value)
    assert caught.value.exit_code == 5
    assert who in message and program in message and lock_name in message
    assert path.read_bytes() == before


def test_libreoffice_lock_without_a_name_gives_the_system_user() -> None:
    assert parse_libreoffice(b",hoa,pc-12,02.12.2026 09:15,file:///x;") == (
        "hoa", "pc-12", "02.12.2026 09:15"
    )  # fmt: skip
    assert parse_libreoffice(b"Le\\, Van A,la,pc,01.01.2026 08:00,u;")[0] == "Le, Van A"


def test_excel_owner_file_ansi_only() -> None:
    assert parse_excel(bytes([4]) + b"minh" + b" " * 50) == "minh"


def test_a_stale_lock_file_is_said_and_the_sync_writes(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    lock = tmp_path / ".~lock.book.xlsx#"
    lock.write_text(LO_LOCK, encoding="utf-8")
    old = time.time() - 3 * 3600
    os.utime(lock, (old, old))
    markers = find_open_markers(path, stale_after=3600)
    assert [m.stale for m in markers] == [True]
    with pytest.raises(WorkbookOpenError):
        sync(path, stale_after=4 * 3600.0)  # not yet stale with a longer setting
    result = sync(path, stale_after=3600.0)
    assert result.written
    assert "sót lại sau một lần tắt máy" in markers[0].describe()  # Vietnamese by default
    assert "leftover" in markers[0].describe("en")
    assert "leftover" not in markers[0].describe("vi")


def test_a_lock_beside_the_symlink_target_counts(tmp_path: Path) -> None:
    real = make_book(tmp_path / "real")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    (real.parent / "~$book.xlsx").write_bytes(excel_owner_file("minh"))
    assert [m.kind for m in find_open_markers(link)] == ["excel"]
