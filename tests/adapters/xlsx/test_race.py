"""A person's save between the worker's read and its write is never lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sync.adapters.xlsx.errors import WorkbookChangedError
from sync.adapters.xlsx.identity import fingerprint, read_with_fingerprint, unchanged
from tests.adapters.xlsx.helpers import SUMMARY, make_book, sync


def person_saves(path: Path, value: str) -> None:
    """What Excel does: write a new file beside it, then rename over the workbook."""
    wb = load_workbook(path)
    wb["Tổ"].append(["T99", value])
    temp = path.with_name("~tmp-person.xlsx")
    wb.save(temp)
    os.replace(temp, path)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "không ghi gì, giữ nguyên bản vừa lưu"), ("en", "nothing was written")],
)
def test_a_save_injected_before_the_replace_is_kept_and_nothing_is_written(
    tmp_path: Path, lang: str, said: str
) -> None:
    path = make_book(tmp_path)
    saved: list[bytes] = []

    def hook(temp: Path) -> None:
        person_saves(path, "added by a person")
        saved.append(path.read_bytes())

    with pytest.raises(WorkbookChangedError) as caught:
        sync(path, before_replace=hook, lang=lang)
    assert caught.value.exit_code == 5
    assert said in str(caught.value) and "\n" not in str(caught.value)  # one language
    assert path.read_bytes() == saved[0]
    wb = load_workbook(path)
    assert not set(SUMMARY) & set(wb.sheetnames)
    assert wb["Tổ"].cell(wb["Tổ"].max_row, 2).value == "added by a person"
    assert not list(tmp_path.glob(".book.xlsx.*.tmp"))


def test_an_in_place_save_with_the_same_size_and_mtime_is_seen_by_the_hash(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    data, seen = read_with_fingerprint(path)
    st = path.stat()
    changed = bytearray(data)
    changed[-30] ^= 0xFF
    path.write_bytes(bytes(changed))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == seen.size and path.stat().st_ino == seen.inode
    assert not unchanged(path, seen)
    assert unchanged(path, fingerprint(path))


CHILD = """
import sys, time
from pathlib import Path
from tests.adapters.xlsx.helpers import sync
from sync.adapters.xlsx.errors import WorkbookBusyError
path, ready, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
def hold(temp):
    ready.write_text("ready")
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
try:
    sync(path, before_replace=hold)
except WorkbookBusyError as exc:
    print(exc)
    sys.exit(exc.exit_code)
"""


def test_a_real_second_process_saving_during_the_sync_wins(tmp_path: Path) -> None:
    path = make_book(tmp_path / "share")
    ready, go = tmp_path / "ready", tmp_path / "go"
    root = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(ready), str(go)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    assert ready.exists(), child.communicate()
    person_saves(path, "saved in another process")
    mine = path.read_bytes()
    go.write_text("go")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 5, (out, err)
    assert "không ghi gì, giữ nguyên bản vừa lưu" in out  # Vietnamese by default
    assert path.read_bytes() == mine


def test_without_a_save_the_sync_writes(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    result = sync(path)
    assert result.written
    assert set(SUMMARY) <= set(load_workbook(path).sheetnames)
