"""Output of the xlsx benchmark (bench/xlsx.py): targets (PASS/MISS/N/A), table, summary."""

from __future__ import annotations

from typing import Any

from bench.common import get
from bench.report import fmt

BASELINE = "openpyxl"  # today's approach: openpyxl load_workbook + save of the same file
CHILD_STEPS = (BASELINE, "validate", "sync")  # timed in fresh processes, in turn
STEPS = {
    BASELINE: "openpyxl load+save",
    "first_sync": "daisuso sync (first)",
    "validate": "daisuso validate",
    "sync": "daisuso sync",
    "pipeline": "pipeline alone",
}
BIG, SMALL = 100_000, 2_000
TARGET_SYNC_S = 5.0
TARGET_SYNC_MB = 300.0
TARGET_VALIDATE_S = 3.0


def _status(ok: bool | None) -> str:
    return "N/A" if ok is None else ("PASS" if ok else "MISS")


def evaluate_targets(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_rows = {s["rows"]: s for s in sizes}
    out: list[dict[str, Any]] = []

    def add(name: str, rows: int, step: str, key: str, limit: float | None, unit: str) -> None:
        """`limit` None: the bound is openpyxl load+save's figure at the same size."""
        s = by_rows.get(rows, {})
        value, base = get(s, step, key), get(s, BASELINE, key)
        bound = base if limit is None else limit
        if value is None or bound is None:
            out.append({"target": name, "status": "N/A", "detail": f"{rows} rows not run"})
            return
        detail = f"{value:.2f} {unit}"
        if limit is None:
            detail += f" vs {bound:.2f} {unit} for openpyxl load+save"
        out.append({"target": name, "status": _status(value <= bound), "detail": detail})

    add(f"sync of {BIG:,} rows <= {TARGET_SYNC_S:g} s", BIG, "sync", "wall_s", TARGET_SYNC_S, "s")
    add(f"sync of {BIG:,} rows <= {TARGET_SYNC_MB:g} MB max RSS",
        BIG, "sync", "max_rss_mb", TARGET_SYNC_MB, "MB")  # fmt: skip
    add(f"validate of {BIG:,} rows <= {TARGET_VALIDATE_S:g} s",
        BIG, "validate", "wall_s", TARGET_VALIDATE_S, "s")  # fmt: skip
    add(f"sync of {SMALL:,} rows no slower than openpyxl load+save",
        SMALL, "sync", "wall_s", None, "s")  # fmt: skip
    return out


HEADER = ("rows", "step", "median s", "cpu s", "max RSS MB", "x openpyxl time")


def table_rows(sizes: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for s in sizes:
        base = get(s, BASELINE, "wall_s")
        for step, label in STEPS.items():
            wall = get(s, step, "wall_s")
            rows.append((
                f"{s['rows']:,}", label, fmt(wall, ".2f"), fmt(get(s, step, "cpu_s"), ".2f"),
                fmt(get(s, step, "max_rss_mb"), ".0f"),
                fmt(None if wall is None or not base else wall / base, ".2f"),
            ))  # fmt: skip
    return rows


def render_table(sizes: list[dict[str, Any]]) -> str:
    cells = [HEADER, *table_rows(sizes)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    lines = [
        "  ".join(c.ljust(w) if i == 1 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        for row in cells
    ]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary(sizes: list[dict[str, Any]]) -> str:
    s = max(sizes, key=lambda x: x["rows"])
    base = s[BASELINE]["wall_s"]
    parts = [
        f"{STEPS[step]} {s[step]['wall_s']:.2f} s ({s[step]['max_rss_mb']:.0f} MB)"
        for step in ("validate", "sync")
    ]
    return (
        f"summary xlsx: {s['rows']} rows: " + ", ".join(parts)
        + f", openpyxl load+save {base:.2f} s ({s[BASELINE]['max_rss_mb']:.0f} MB)"
    )  # fmt: skip
