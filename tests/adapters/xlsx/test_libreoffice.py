"""A real peer opens what the worker wrote: LibreOffice converts it, and the values survive."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.adapters.xlsx.helpers import ENTRY, SUMMARY, make_book, sync


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    return found


def convert(path: Path, to: str, out: Path) -> Path:
    profile = out / "profile"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", to, "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    result = out / f"{path.stem}.{to.split(':')[0]}"
    assert result.exists(), f"LibreOffice wrote no {result.name}"
    return result


def values(path: Path, title: str) -> list[tuple[object, ...]]:
    rows = load_workbook(path, data_only=True)[title].iter_rows(values_only=True)
    return [r for r in rows if any(v is not None for v in r)]


def test_libreoffice_opens_the_synced_workbook_and_keeps_every_value(tmp_path: Path) -> None:
    path = make_book(tmp_path / "book")
    sync(path)
    sync(path)  # a second sync over the first
    again = convert(path, "xlsx", tmp_path / "lo")
    for title in (*ENTRY, *SUMMARY):
        assert values(again, title) == values(path, title), title
    assert load_workbook(again).sheetnames == load_workbook(path).sheetnames
    pdf = convert(path, "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    if text.returncode == 0:
        assert "Mã tổ" in text.stdout and "Chỉ tiêu" in text.stdout
