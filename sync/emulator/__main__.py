"""Serve the emulator: `daisuso emulator --port 8765 --seed book.xlsx --id demo`.

`python -m sync.emulator` does the same with the same options.
"""

from __future__ import annotations

import argparse
import gc
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from sync.emulator.seeding import apply_seed, seed_from_xlsx
from sync.emulator.server import Emulator

SERVE_GC = (100_000, 50, 1000)  # gc thresholds of the `daisuso emulator` process


def serve(
    *,
    port: int,
    host: str = "127.0.0.1",
    seed: Path | None = None,
    spreadsheet_id: str = "demo",
    title: str | None = None,
    locale: str = "en_US",
    echo: Callable[[str], None] = print,
) -> None:
    """Serve until SIGINT/SIGTERM; prints the base URL first (tests wait for it)."""
    # Spreadsheets are held as plain JSON data (no reference cycles): collecting the whole
    # heap (gigabytes for a national fleet) finds nothing. Young collections still run.
    gc.set_threshold(*SERVE_GC)
    emulator = Emulator(port=port, host=host)
    if seed is not None:
        apply_seed(emulator.state, spreadsheet_id, seed_from_xlsx(str(seed)), title, locale)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    emulator.start()
    echo(emulator.url)
    if seed is not None:
        echo(f"spreadsheet {spreadsheet_id}: {emulator.url}/v4/spreadsheets/{spreadsheet_id}")
    sys.stdout.flush()
    try:
        stop.wait()
    finally:
        emulator.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--seed", help="an .xlsx workbook to serve (cached values)")
    parser.add_argument("--id", default="demo", help="spreadsheet id for the seeded workbook")
    parser.add_argument("--title", help="spreadsheet title (default: the id)")
    parser.add_argument("--locale", default="en_US")
    args = parser.parse_args(argv)
    seed = Path(args.seed) if args.seed else None
    serve(port=args.port, host=args.host, seed=seed, spreadsheet_id=args.id, title=args.title,
          locale=args.locale)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
