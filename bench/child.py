"""Lean entry point of the processes the xlsx benchmark times (bench/xlsx.py).

    python bench/child.py PEAK_FILE daisuso validate -c daisuso.toml --today 2025-11-10
    python bench/child.py PEAK_FILE openpyxl SOURCE.xlsx TARGET.xlsx

`daisuso ...` runs the command line exactly as the `daisuso` entry point does; `openpyxl`
is how an .xlsx is read and written without daisuso: `load_workbook` then `save`. At exit
the process writes its own peak RSS in MB to PEAK_FILE. The parent cannot take it from
`wait4`: on Linux a child's `ru_maxrss` starts from the parent's RSS at fork time, so a
benchmark holding 100,000 rows in memory would be counted in every child. Nothing beyond
the standard library is imported before the measured work starts.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    """This process's peak RSS in MB: VmHWM on Linux (ru_maxrss there also carries the
    parent's RSS at fork time across exec), ru_maxrss elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, else KiB


def load_and_save(source: str, target: str) -> None:
    from openpyxl import load_workbook

    load_workbook(source).save(target)


def run_daisuso(args: list[str]) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from sync.cli.app import main

    sys.argv = ["daisuso", *args]
    main()


def main(argv: list[str]) -> None:
    peak_file, kind, *rest = argv
    try:
        if kind == "daisuso":
            run_daisuso(rest)
        elif kind == "openpyxl":
            load_and_save(*rest)
        else:
            raise SystemExit(f"unknown kind {kind!r}")
    finally:
        Path(peak_file).write_text(f"{peak_rss_mb():.3f}\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
