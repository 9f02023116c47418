"""After a sync the workbook is the same shared file: mode, owner, symlink; or a refusal."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sync.adapters.xlsx.errors import WorkbookNotWritableError
from sync.adapters.xlsx.replace import write_problems
from tests.adapters.xlsx.helpers import SUMMARY, make_book, sync


def test_mode_is_kept(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    os.chmod(path, 0o664)
    sync(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert set(SUMMARY) <= set(load_workbook(path).sheetnames)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    os.chown(path, 4321, 8765)
    inode = path.stat().st_ino
    sync(path)
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (4321, 8765)
    assert st.st_ino != inode  # really replaced, not edited in place


def test_a_symlink_stays_a_symlink_and_its_target_is_written(tmp_path: Path) -> None:
    real = make_book(tmp_path / "shared")
    link_dir = tmp_path / "desk"
    link_dir.mkdir()
    link = link_dir / "book.xlsx"
    link.symlink_to(real)
    temps: list[Path] = []
    sync(link, config_dir=real.parent, before_replace=temps.append)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert temps[0].parent == real.parent  # the temporary file sits beside the target
    assert set(SUMMARY) <= set(load_workbook(real).sheetnames)
    assert not list(link_dir.iterdir())[1:]


@pytest.mark.parametrize(("lang", "said"), [("vi", "liên kết cứng"), ("en", "hard link")])
def test_a_hard_linked_workbook_is_refused(tmp_path: Path, lang: str, said: str) -> None:
    path = make_book(tmp_path)
    os.link(path, tmp_path / "other-name.xlsx")
    before = path.read_bytes()
    with pytest.raises(WorkbookNotWritableError) as caught:
        sync(path, lang=lang)
    assert caught.value.exit_code == 4
    assert said in str(caught.value) and str(caught.value).count("\n") == 0  # one language
    assert path.read_bytes() == before and path.stat().st_nlink == 2


@pytest.mark.parametrize(("lang", "said"), [("vi", "chỉ đọc"), ("en", "read-only")])
def test_a_read_only_workbook_is_refused(tmp_path: Path, lang: str, said: str) -> None:
    path = make_book(tmp_path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    with pytest.raises(WorkbookNotWritableError) as caught:
        sync(path, lang=lang)
    assert said in str(caught.value) and caught.value.exit_code == 4
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_write_problems_name_the_folder(tmp_path: Path) -> None:
    path = make_book(tmp_path / "f")
    assert write_problems(path) == []
    os.chmod(path.parent, 0o555)
    try:
        problems = write_problems(path)
        english = write_problems(path, lang="en")
    finally:
        os.chmod(path.parent, 0o755)
    if os.geteuid() != 0:
        assert any(f"thư mục {path.parent}" in p for p in problems)
        assert any(f"folder {path.parent}" in p for p in english)
