"""Reading a local workbook: the entry tab with openpyxl and with calamine, and `validate`.

    python bench/read_xlsx.py [--rows 100000] [--folder /tmp/daisuso-read]

Builds the benchmark campaign (bench/common.py) at `--rows` ambassadors as an .xlsx once
(about a minute at 100,000 rows; kept in `--folder` for the next run), then prints wall
and CPU seconds of:

1. calamine   the `Đại sứ số` tab through `XlsxBackend.open(writing=False).read`;
2. openpyxl   the same tab as entry tabs were read before: `load_workbook` and its grid
              (`sync.adapters.xlsx.read.openpyxl_grid`); both grids are checked equal,
              value and type;
3. validate   `SyncService.validate` of the whole workbook, opened from the file.

CPU seconds count every thread (calamine parses a sheet in a thread of its own), so on a
busy machine they say more than wall seconds.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from bench.common import AMBASSADORS, TODAY, make_grids  # noqa: E402
from sync.adapters.xlsx.backend import XlsxBackend  # noqa: E402
from sync.adapters.xlsx.read import openpyxl_grid  # noqa: E402
from sync.bootstrap import Overrides, build_service  # noqa: E402
from sync.config import load_settings  # noqa: E402
from sync.demo.workbook import write_grids  # noqa: E402
from sync.perf import paused_gc  # noqa: E402
from tests.builders import write_config  # noqa: E402


def clock(label: str, work: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    print(
        f"{label:10} wall {time.perf_counter() - wall:6.2f} s   cpu {time.process_time() - cpu:6.2f} s"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/daisuso-read"))
    args = parser.parse_args()
    folder: Path = args.folder / str(args.rows)
    book = folder / "book.xlsx"
    if not book.exists():
        folder.mkdir(parents=True, exist_ok=True)
        clock("write", lambda: write_grids(book, make_grids(args.rows)))
        write_config(folder, workbook="book.xlsx")

    def with_openpyxl() -> Any:
        with paused_gc():
            sheet = load_workbook(io.BytesIO(book.read_bytes()))[AMBASSADORS]
            return openpyxl_grid(sheet, lambda: sheet)  # the demo tab holds no formula

    def with_calamine() -> Any:
        with XlsxBackend(book).open(writing=False) as opened:
            return opened.read([AMBASSADORS])[AMBASSADORS]

    new = clock("calamine", with_calamine)
    old = clock("openpyxl", with_openpyxl)
    same = [[(type(v), v) for v in row] for row in old] == [
        [(type(v), v) for v in row] for row in new
    ]
    print(f"{len(new):,} grid rows; the same grid, value and type: {same}")
    settings = load_settings(folder / "daisuso.toml")
    now = datetime(TODAY.year, TODAY.month, TODAY.day, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    service = build_service(settings, {}, overrides=Overrides(clock=lambda: now))
    clock("validate", lambda: service.validate(TODAY))


if __name__ == "__main__":
    main()
