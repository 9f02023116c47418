"""Standalone emulator: `python -m tests.emulator --port 8765 --seed book.xlsx --id demo`."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from tests.emulator.seeding import apply_seed, seed_from_xlsx
from tests.emulator.server import Emulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--seed", help="an .xlsx workbook to serve (cached values)")
    parser.add_argument("--id", default="demo", help="spreadsheet id for the seeded workbook")
    parser.add_argument("--title", help="spreadsheet title (default: the id)")
    parser.add_argument("--locale", default="en_US")
    args = parser.parse_args(argv)

    emulator = Emulator(port=args.port, host=args.host)
    if args.seed:
        apply_seed(emulator.state, args.id, seed_from_xlsx(args.seed), args.title, args.locale)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    emulator.start()
    print(emulator.url, flush=True)
    if args.seed:
        print(f"spreadsheet {args.id}: {emulator.url}/v4/spreadsheets/{args.id}", flush=True)
    try:
        stop.wait()
    finally:
        emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
