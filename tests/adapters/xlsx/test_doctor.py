"""`daisuso doctor` on a workbook: a ✗ line for each problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.xlsx.helpers import make_book
from tests.builders import write_config
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


# The workbook's own doctor lines and errors, in the configured language only.
SPOKEN = {
    "vi": ("✓ Đọc được tệp {path}", "Bảng tính đang được mở trong LibreOffice", "Cách xử lý"),
    "en": ("✓ {path} is a readable workbook", "The workbook is open in LibreOffice", "What to do"),
}


@pytest.mark.parametrize("lang", sorted(SPOKEN))
def test_doctor_and_sync_speak_the_configured_language(tmp_path: Path, lang: str) -> None:
    path = make_book(tmp_path)
    config = str(write_config(tmp_path, lang=lang))
    (tmp_path / ".~lock.book.xlsx#").write_text(",hoa,pc,02.12.2026 09:15,u;", encoding="utf-8")
    other = SPOKEN["en" if lang == "vi" else "vi"]
    readable, open_in, what_to_do = SPOKEN[lang]
    code, out, err = invoke("doctor", "--config", config)
    assert code == 4, (out, err)
    assert readable.format(path=path) in out and open_in in out
    assert other[0].format(path=path) not in out and other[1] not in out
    path.write_bytes(b"")
    code, out, err = invoke("sync", "--config", config)
    assert code == 4 and what_to_do in out + err and other[2] not in out + err
    missing = str(write_config(tmp_path, workbook="absent.xlsx", lang=lang))
    code, out, err = invoke("sync", "--config", missing)
    said = {"vi": "Không tìm thấy bảng tính", "en": "Workbook"}[lang]
    assert code == 3 and f"{said} {tmp_path / 'absent.xlsx'}" in out + err, (out, err)
