"""A file that is not a readable workbook is refused (exit 4) with a message, never a crash."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sync.adapters.xlsx.backend import XlsxBackend
from sync.adapters.xlsx.errors import BadWorkbookError
from sync.adapters.xlsx.sniff import sniff
from tests.adapters.xlsx.helpers import make_book
from tests.adapters.xlsx.test_libreoffice import soffice

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def truncated(path: Path) -> bytes:
    return path.read_bytes()[: path.stat().st_size // 2]


def encrypted(path: Path) -> bytes:
    return OLE + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 1024


CASES = [  # kind, the file's bytes, what it looks like in Vietnamese and in English
    ("empty", lambda p: b"", "trống (0 byte)", "empty"),
    ("truncated", truncated, "bị cắt cụt", "truncated"),
    ("text", lambda p: "Mã tổ,Tên\nT01,An\n".encode(), "tệp văn bản", "text file"),
    ("encrypted", encrypted, "được đặt mật khẩu", "password-protected"),
    ("ole", lambda p: OLE + b"\x00" * 2048, "Office kiểu cũ", "old-style Office"),
    ("pdf", lambda p: b"%PDF-1.7\n" + b"\x00\x01" * 100, "tệp PDF", "PDF"),
    (
        "png",
        lambda p: b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 100,
        "không phải một định dạng bảng tính",
        "not a spreadsheet format",
    ),
    ("zip", lambda p: _zip_of_text(), "tệp zip nhưng không phải", "zip file but not a workbook"),
]
WHAT_TO_DO = {"vi": "Cách xử lý", "en": "What to do"}
SNAPSHOTS = {"vi": "có trong bản lưu", "en": "are in a snapshot"}


def _zip_of_text() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(("kind", "make", "looks_vi", "looks_en"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("snapshot", [False, True])
@pytest.mark.parametrize("writing", [True, False], ids=["sync", "validate"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_bad_file_names_itself_and_says_what_to_do(
    tmp_path: Path,
    kind: str,
    make: object,
    looks_vi: str,
    looks_en: str,
    snapshot: bool,
    writing: bool,
    lang: str,
) -> None:
    path = make_book(tmp_path)
    path.write_bytes(make(path))  # type: ignore[operator]
    with (
        pytest.raises(BadWorkbookError) as caught,
        XlsxBackend(path, snapshot_exists=snapshot, lang=lang).open(writing=writing),
    ):
        pass
    message = str(caught.value)
    other = "en" if lang == "vi" else "vi"
    looks = looks_vi if lang == "vi" else looks_en
    assert caught.value.exit_code == 4
    assert str(path) in message and looks in message and WHAT_TO_DO[lang] in message
    assert WHAT_TO_DO[other] not in message  # one language, the configured one
    assert ("daisuso snapshots" in message) is snapshot
    assert (SNAPSHOTS[lang] in message) is snapshot


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_other_formats_are_refused_with_how_to_convert(tmp_path: Path, fmt: str) -> None:
    path = make_book(tmp_path)
    subprocess.run(
        [soffice(), "--headless", "--convert-to", fmt, "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    other = tmp_path / f"book.{fmt}"
    with pytest.raises(BadWorkbookError) as caught, XlsxBackend(other).open():
        pass
    assert caught.value.exit_code == 4
    assert "--convert-to xlsx" in str(caught.value)


def test_sniff_tells_xlsm_from_xlsx(tmp_path: Path) -> None:
    import zipfile

    path = make_book(tmp_path)
    assert sniff(path, path.read_bytes()) == "xlsx"
    macro = tmp_path / "book.xlsm"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(macro, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            out.writestr(info, body)
    assert sniff(macro, macro.read_bytes()) == "xlsm"
