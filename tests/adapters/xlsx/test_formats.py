"""`validate` reads .xlsm, .ods, .xls and .xlsb; `sync` writes only .xlsx and .xlsm.

The demo workbook saved in each format by another program validates with the same
issues as the .xlsx; `sync` and `doctor` refuse the formats `sync` cannot write (exit 4,
with how to convert) and leave the file byte for byte as it was.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.adapters.xlsx.test_libreoffice import convert
from tests.google_helpers import invoke

TODAY = "2025-11-10"
DEMO = "dai-su-so-demo.xlsx"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    code, out, err = invoke("demo", str(folder), "--today", TODAY)
    assert code == 0, (out, err)
    return folder / DEMO


def xlsb(source: Path, out: Path) -> Path:
    """The workbook's values saved as .xlsb (LibreOffice cannot write that format)."""
    from pyxlsbwriter import XlsbWriter

    target = out / f"{source.stem}.xlsb"
    values = load_workbook(source, data_only=True)
    with XlsbWriter(str(target)) as writer:
        for sheet in values.worksheets:
            writer.add_sheet(sheet.title)
            writer.write_sheet([list(r) for r in sheet.iter_rows(values_only=True)])
    return target


def xlsm(source: Path, out: Path) -> Path:
    """The same workbook with the macro-enabled content type Excel gives an .xlsm."""
    target = out / f"{source.stem}.xlsm"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            dst.writestr(info, body)
    return target


def saved_as(fmt: str, demo: Path, folder: Path) -> Path:
    """A folder with the demo workbook in `fmt` and a config naming it."""
    folder.mkdir(parents=True)
    if fmt in ("ods", "xls"):
        made = convert(demo, fmt, folder / "lo")
    elif fmt == "xlsb":
        made = xlsb(demo, folder)
    elif fmt == "xlsm":
        made = xlsm(demo, folder)
    else:
        made = demo
    book = shutil.copy(made, folder / f"book.{fmt}")
    config = (demo.parent / "daisuso.toml").read_text(encoding="utf-8")
    (folder / "daisuso.toml").write_text(config.replace(DEMO, f"book.{fmt}"), encoding="utf-8")
    return Path(book)


def validate(book: Path) -> tuple[int, dict[str, object]]:
    code, out, err = invoke(
        "validate", "--config", str(book.parent / "daisuso.toml"), "--today", TODAY,
        "--format", "json",
    )  # fmt: skip
    assert "Traceback" not in out + err
    return code, json.loads(out)


@pytest.mark.parametrize("fmt", ["xlsm", "ods", "xls", "xlsb"])
def test_validate_reads_the_format_with_the_same_issues(
    demo: Path, tmp_path: Path, fmt: str
) -> None:
    code, report = validate(saved_as("xlsx", demo, tmp_path / "xlsx"))
    other_code, other = validate(saved_as(fmt, demo, tmp_path / fmt))
    assert (other_code, other) == (code, report)
    assert report["issues"] and report["totals"]["ambassadors"] > 1000  # type: ignore[index]


# What sync, init and doctor say of a format sync cannot write, in each language.
REFUSED = {
    "vi": ("là tệp .{fmt}", "✓ Đọc được tệp {book}"),
    "en": ("is an .{fmt} file", "✓ {book} is a readable workbook"),
}


@pytest.mark.parametrize("fmt", ["ods", "xls", "xlsb"])
def test_sync_init_and_doctor_refuse_a_format_sync_cannot_write(
    demo: Path, tmp_path: Path, fmt: str
) -> None:
    book = saved_as(fmt, demo, tmp_path / fmt)
    before = book.read_bytes()
    config = book.parent / "daisuso.toml"
    for lang, (refused, readable) in REFUSED.items():
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r'lang = "\w+"', f'lang = "{lang}"', text), encoding="utf-8")
        other = REFUSED["en" if lang == "vi" else "vi"][0].format(fmt=fmt)
        code, out, err = invoke("sync", "--config", str(config), "--today", TODAY)
        assert code == 4, (out, err)
        assert refused.format(fmt=fmt) in out + err and "--convert-to xlsx" in out + err
        assert other not in out + err  # the configured language only
        code, out, err = invoke("init", "--config", str(config))
        assert code == 4 and "--convert-to xlsx" in out + err, (out, err)
        code, out, err = invoke("doctor", "--config", str(config))
        assert code == 4, (out, err)
        assert any(line.startswith("✗") and f".{fmt}" in line for line in out.splitlines())
        assert readable.format(book=book) in out  # readable: `validate` reads it
    assert book.read_bytes() == before
    assert sorted(p.name for p in book.parent.glob("book.*")) == [f"book.{fmt}"]


def test_sync_writes_an_xlsm_as_it_reads_it(demo: Path, tmp_path: Path) -> None:
    book = saved_as("xlsm", demo, tmp_path / "xlsm")
    code, out, err = invoke("sync", "--config", str(book.parent / "daisuso.toml"), "--today", TODAY)
    assert code == 0, (out, err)
    assert "Nhật ký" in load_workbook(book, keep_vba=True).sheetnames
    assert validate(book)[1]["issues"] == validate(demo)[1]["issues"]
