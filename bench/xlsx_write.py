"""The write step of an .xlsx sync on a large workbook: splice versus a whole-book save.

    python -m bench.xlsx_write --rows 100000 --folder /tmp/xlsx-bench

Builds the demo campaign at `rows` ambassadors (openpyxl write-only), computes the
summary tabs once (a dry run), then times, each in a fresh process so peak memory is
its own: the splice write (`XlsxBook.write`), and what a whole-book writer costs —
openpyxl loading every tab and saving the file again.
"""

from __future__ import annotations

import argparse
import io
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from bench.common import NOW, make_grids
from bench.measure import peak_rss_mb
from sync.adapters.xlsx.backend import XlsxBackend
from sync.bootstrap import Overrides, build_service
from sync.config import load_settings
from sync.demo.workbook import write_grids
from tests.builders import write_config


def build(rows: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_grids(folder / "book.xlsx", make_grids(rows))  # write-only mode, dates as dates
    write_config(folder, workbook="book.xlsx")
    return folder / "book.xlsx"


def plan(folder: Path) -> None:
    settings = load_settings(folder / "daisuso.toml")
    backend = XlsxBackend(folder / "book.xlsx")
    service = build_service(settings, {}, overrides=Overrides(clock=lambda: NOW, backend=backend))
    result = service.sync(dry_run=True)
    (folder / "plan.pickle").write_bytes(pickle.dumps(result.plan))


def child(mode: str, folder: Path) -> dict[str, float]:
    path = folder / "book.xlsx"
    write_plan = pickle.loads((folder / "plan.pickle").read_bytes())
    started = time.perf_counter()
    if mode == "splice":
        with XlsxBackend(path).open() as book:
            book.write(write_plan)
    else:  # what saving the whole workbook costs: load every tab, save every tab
        book = load_workbook(io.BytesIO(path.read_bytes()))
        book.save(folder / "whole.xlsx")
    return {"seconds": round(time.perf_counter() - started, 2), "peak_mb": round(peak_rss_mb())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--child", choices=("splice", "whole"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.folder)))
        return
    path = build(args.rows, args.folder)
    plan(args.folder)
    out: dict[str, Any] = {"rows": args.rows, "file_mb": round(path.stat().st_size / 2**20, 1)}
    for key, mode in (("splice", "splice"), ("splice_again", "splice"), ("whole", "whole")):
        run = subprocess.run(
            [sys.executable, "-m", "bench.xlsx_write", "--folder", str(args.folder),
             "--child", mode],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        out[key] = json.loads(run.stdout)  # the second splice runs over the first one's output
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
