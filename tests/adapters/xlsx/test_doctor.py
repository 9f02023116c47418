"""`daisuso doctor` on a workbook: a ✗ line for each problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.xlsx.helpers import make_book
from tests.google_helpers import invoke


def test_doctor_names_who_has_the_workbook_open(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    (tmp_path / ".~lock.book.xlsx#").write_text(
        ",Nguyễn Thị Hoa,may-ke-toan,02.12.2026 09:15,file:///home/hoa;", encoding="utf-8"
    )
    code, out, err = invoke("doctor", "--config", str(tmp_path / "daisuso.toml"))
    assert code == 4, (out, err)
    assert any(line.startswith("✗") and "Nguyễn Thị Hoa" in line for line in out.splitlines())
    assert f"✓ Đọc được tệp {path}" in out
    assert "Traceback" not in out + err


def test_doctor_says_what_a_bad_file_looks_like(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    path.write_bytes(path.read_bytes()[:500])  # a copy that stopped half-way
    code, out, err = invoke("doctor", "--config", str(tmp_path / "daisuso.toml"))
    assert code == 4, (out, err)
    assert "✗" in out and str(path) in out and "Traceback" not in out + err


def test_sync_and_doctor_agree_on_a_bad_file(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    path.write_bytes(b"")
    config = str(tmp_path / "daisuso.toml")
    assert invoke("sync", "--config", config)[0] == invoke("doctor", "--config", config)[0] == 4


def test_doctor_passes_on_a_healthy_workbook(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    code, out, err = invoke("doctor", "--config", str(tmp_path / "daisuso.toml"))
    assert code == 0, (out, err)
    assert f"✓ Ghi được {path} và thư mục của nó" in out
    assert f"✓ Thư mục trạng thái {tmp_path / '.daisuso'} ghi được" in out
