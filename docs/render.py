"""Pictures of the summary tabs as a coordinator sees them, from `daisuso demo`.

    python docs/render.py [--dpi 70] [--out docs/img]

Runs `daisuso demo` in a temporary folder, then for each summary tab saves a copy of
the synced workbook where only that tab is visible, converts it with LibreOffice
headless (`soffice --headless --convert-to pdf`) and turns its first page into a PNG
with `pdftoppm` (poppler-utils). Both come from Debian's packages
(`apt-get install libreoffice-calc poppler-utils`). Re-running reproduces the pictures.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
TABS = {
    "Tổng hợp": "tong-hop",
    "Tiến độ": "tien-do",
    "Theo tổ": "theo-to",
    "Theo xã": "theo-xa",
    "Theo ấp": "theo-ap",
    "Cảnh báo": "canh-bao",
    "Lỗi dữ liệu": "loi-du-lieu",
    "Nhật ký": "nhat-ky",
}
DEMO_TODAY = "2025-11-10"


def run(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(args, check=True, cwd=cwd, stdout=subprocess.DEVNULL)


def only_tab(book: Path, tab: str, out: Path) -> Path:
    """A copy of the workbook where `tab` is the only visible (so printed) tab."""
    wb = load_workbook(book)
    for sheet in wb.worksheets:
        sheet.sheet_state = "visible" if sheet.title == tab else "hidden"
        sheet.sheet_view.tabSelected = sheet.title == tab
    wb.active = wb.sheetnames.index(tab)
    wb.save(out)
    return out


def content_box(pdf: Path, dpi: int) -> tuple[int, int, int, int]:
    """(x, y, width, height) of the first page's non-white pixels, plus a margin."""
    out = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf)],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    # A binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    fields = out.split(maxsplit=4)
    width, height, pixels = int(fields[1]), int(fields[2]), fields[4]
    rows = [y for y in range(height) if min(pixels[y * width : (y + 1) * width]) < 250]
    if not rows:
        return 0, 0, width, height
    cols = [
        x for x in range(width)
        if any(pixels[y * width + x] < 250 for y in range(rows[0], rows[-1] + 1, 2))
    ]  # fmt: skip
    m = dpi // 8
    x0, y0 = max(0, cols[0] - m), max(0, rows[0] - m)
    return x0, y0, min(width, cols[-1] + m) - x0, min(height, rows[-1] + m) - y0


def to_png(pdf: Path, stem: Path, dpi: int) -> Path:
    x, y, w, h = content_box(pdf, dpi)
    crop = ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    run("pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", *crop,
        str(pdf), str(stem))  # fmt: skip
    return stem.with_suffix(".png")


def render(dpi: int, target: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        sys.exit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    target.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run(sys.executable, "-m", "sync", "demo", str(work / "demo"), "--today", DEMO_TODAY)
        book = next((work / "demo").glob("*.xlsx"))
        profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
        for tab, slug in TABS.items():
            copy = only_tab(book, tab, work / f"{slug}.xlsx")
            run(
                soffice,
                profile,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(copy),
            )
            made.append(to_png(work / f"{slug}.pdf", target / slug, dpi))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=115)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    for path in render(args.dpi, args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
