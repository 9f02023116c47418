"""Benchmark output: targets (PASS/FAIL/N/A), the results table and the summary line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.common import get

TARGET_REQUESTS = 3
TARGET_NAIVE_FACTOR = 5.0
TARGET_PIPELINE_S = 1.0
TARGET_FLOOR_FACTOR = 5.0
TARGET_FRICTIONLESS_FACTOR = 5.0
TARGET_PEAK_MB = 300.0
TARGET_SCALING = 1.5
TARGET_HAMLETS_FACTOR = 1.2  # the pipeline with a hamlet list against the same rows without


# --- targets and output ----------------------------------------------------------------


def all_ok(values: list[Any], pred: Callable[[Any], bool]) -> bool | None:
    """FAIL if any measured value misses; N/A if nothing (or not everything) was measured."""
    known = [v for v in values if v is not None]
    if any(not pred(v) for v in known):
        return False
    return None if not known or len(known) < len(values) else True


def evaluate_targets(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_rows = {s["rows"]: s for s in sizes}
    out: list[dict[str, Any]] = []

    def add(name: str, ok: bool | None, detail: str) -> None:
        out.append({"target": name, "status": "N/A" if ok is None else ("PASS" if ok else "FAIL"),
                    "detail": detail})  # fmt: skip

    reqs = [(s["rows"], get(s, "sync", "requests_max")) for s in sizes]
    add(f"requests per sync <= {TARGET_REQUESTS} at every size",
        all_ok([r for _, r in reqs], lambda r: r <= TARGET_REQUESTS),
        ", ".join(f"{n}: {r if r is not None else 'n/a'} (max)" for n, r in reqs))  # fmt: skip
    facs = [(s["rows"], get(s, "ratios", "naive_over_daisuso_requests")) for s in sizes]
    add(f">= {TARGET_NAIVE_FACTOR:g}x fewer requests than naive",
        all_ok([f for _, f in facs], lambda f: f >= TARGET_NAIVE_FACTOR),
        ", ".join(f"{n}: {f:.1f}x" if f is not None else f"{n}: n/a" for n, f in facs))  # fmt: skip
    big = by_rows.get(100_000)
    if big is None:
        add(f"100k pipeline <= {TARGET_PIPELINE_S:g} s", None, "100000 rows not run")
        add(f"100k pipeline <= {TARGET_FLOOR_FACTOR:g}x floor", None, "100000 rows not run")
        add(f"peak memory <= {TARGET_PEAK_MB:g} MB at 100k", None, "100000 rows not run")
    else:
        w = big["pipeline"]["wall_s"]
        add(f"100k pipeline <= {TARGET_PIPELINE_S:g} s", w <= TARGET_PIPELINE_S, f"{w:.3f} s")
        f = get(big, "ratios", "pipeline_over_floor_time")
        add(f"100k pipeline <= {TARGET_FLOOR_FACTOR:g}x floor",
            None if f is None else f <= TARGET_FLOOR_FACTOR,
            "n/a" if f is None else f"{f:.1f}x (floor {big['floor']['wall_s']:.3f} s)")  # fmt: skip
        rss = get(big, "pipeline", "max_rss_mb")
        tm = big["pipeline"]["tracemalloc_peak_mb"]
        add(f"peak memory <= {TARGET_PEAK_MB:g} MB at 100k",
            None if rss is None else rss <= TARGET_PEAK_MB,
            f"max RSS {rss:.0f} MB (whole process: grids + pipeline), tracemalloc peak {tm:.0f} MB"
            if rss is not None else "n/a")  # fmt: skip
    ham = get(big, "ratios", "hamlets_over_no_hamlets_time") if big is not None else None
    add(f"100k pipeline with hamlets <= {TARGET_HAMLETS_FACTOR:g}x without",
        None if ham is None else ham <= TARGET_HAMLETS_FACTOR,
        "n/a" if ham is None or big is None else
        f"{ham:.2f}x wall, {big['hamlets_paired']['cpu_ratio']:.2f}x CPU (runs in turn; medians "
        f"{big['pipeline']['wall_s']:.3f} s vs {big['pipeline_no_hamlets']['wall_s']:.3f} s)")  # fmt: skip
    fr = [(s["rows"], get(s, "ratios", "frictionless_over_daisuso_time")) for s in sizes]
    add(f">= {TARGET_FRICTIONLESS_FACTOR:g}x faster than frictionless",
        all_ok([f for _, f in fr], lambda f: f >= TARGET_FRICTIONLESS_FACTOR),
        ", ".join(f"{n}: {f:.2f}x" if f is not None else f"{n}: n/a (skipped)" for n, f in fr))  # fmt: skip
    small = by_rows.get(2000)
    if big is None or small is None:
        add(f"us/row at 100k within {TARGET_SCALING:g}x of 2k", None, "needs 2000 and 100000 rows")
    else:
        a, b = big["pipeline"]["us_per_row"], small["pipeline"]["us_per_row"]
        add(f"us/row at 100k within {TARGET_SCALING:g}x of 2k", a <= TARGET_SCALING * b,
            f"{a:.1f} vs {b:.1f} us/row ({a / b:.2f}x)")  # fmt: skip
    return out


def fmt(value: Any, spec: str) -> str:
    if value is None:
        return "-"
    return format(value, spec)


COLUMNS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("rows", lambda s: str(s["rows"])),
    ("pipe s", lambda s: fmt(get(s, "pipeline", "wall_s"), ".3f")),
    ("cpu s", lambda s: fmt(get(s, "pipeline", "cpu_s"), ".3f")),
    ("us/row", lambda s: fmt(get(s, "pipeline", "us_per_row"), ".1f")),
    ("tm MB", lambda s: fmt(get(s, "pipeline", "tracemalloc_peak_mb"), ".0f")),
    ("RSS MB", lambda s: fmt(get(s, "pipeline", "max_rss_mb"), ".0f")),
    ("floor s", lambda s: fmt(get(s, "floor", "wall_s"), ".3f")),
    ("floor+gc s", lambda s: fmt(get(s, "floor", "wall_gc_on_s"), ".3f")),
    ("pipe/floor", lambda s: fmt(get(s, "ratios", "pipeline_over_floor_time"), ".1f")),
    ("sync s", lambda s: fmt(get(s, "sync", "wall_s"), ".2f")),
    ("req", lambda s: fmt(get(s, "sync", "requests"), "d")),
    ("sent KB", lambda s: fmt(_kb(get(s, "sync", "bytes_sent")), ".0f")),
    ("recv KB", lambda s: fmt(_kb(get(s, "sync", "bytes_received")), ".0f")),
    ("naive s", lambda s: fmt(get(s, "naive", "wall_s"), ".2f")),
    ("naive req", lambda s: fmt(get(s, "naive", "requests"), "d")),
    ("n.sent KB", lambda s: fmt(_kb(get(s, "naive", "bytes_sent")), ".0f")),
    ("n.recv KB", lambda s: fmt(_kb(get(s, "naive", "bytes_received")), ".0f")),
    ("dss/naive req", lambda s: fmt(get(s, "ratios", "daisuso_over_naive_requests"), ".3f")),
    ("fl s", lambda s: fmt(get(s, "frictionless", "wall_s"), ".3f")),
    ("dss/fl time", lambda s: fmt(get(s, "ratios", "daisuso_over_frictionless_time"), ".2f")),
]


def _kb(value: Any) -> float | None:
    return None if value is None else value / 1024


def render_table(sizes: list[dict[str, Any]]) -> str:
    cells = [[name for name, _ in COLUMNS]] + [[f(s) for _, f in COLUMNS] for s in sizes]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary_line(sizes: list[dict[str, Any]]) -> str:
    s = max(sizes, key=lambda x: x["rows"])
    parts = [f"{s['rows']} rows: pipeline {s['pipeline']['wall_s']:.2f} s"]
    f = get(s, "ratios", "pipeline_over_floor_time")
    if f is not None:
        parts[0] += f" ({f:.1f}x floor)"
    req, naive = get(s, "sync", "requests"), get(s, "naive", "requests")
    if req is not None:
        parts.append(f"{req} requests/sync" + (f" (naive {naive})" if naive is not None else ""))
    else:
        parts.append("sync not measured")
    fr = get(s, "ratios", "frictionless_over_daisuso_time")
    if fr is not None:
        parts.append(
            f"{fr:.1f}x faster than frictionless"
            if fr >= 1
            else f"{1 / fr:.1f}x slower than frictionless"
        )
    else:
        parts.append("frictionless skipped")
    rss = get(s, "pipeline", "max_rss_mb")
    if rss is not None:
        parts.append(f"peak {rss:.0f} MB")
    return "summary: " + ", ".join(parts)
