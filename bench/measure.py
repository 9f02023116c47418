"""Benchmark measurements without the emulator: the pipeline (time, tracemalloc, max RSS
of a fresh child process), frictionless, and the json.loads floor."""

from __future__ import annotations

import gc
import json
import pickle
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench.child import peak_rss_mb
from bench.common import (
    AMBASSADORS,
    NOW,
    PROVINCE,
    ROOT,
    TODAY,
    Grids,
    campaign,
    fresh_directory,
    median,
)
from rules.evaluate import evaluate
from rules.summary import build_tables
from rules.values.communes import CommuneDirectory
from sync.perf import paused_gc

RUN_SCRIPT = Path(__file__).resolve().with_name("run.py")  # re-invoked with --rss-child

# --- 1. pipeline -----------------------------------------------------------------------


def run_pipeline(grids: Grids, directory: CommuneDirectory) -> Any:
    with paused_gc():  # as the sync service runs it
        report = evaluate(grids, campaign(), directory, TODAY)
    tables = build_tables(report, lang="vi", now=NOW.replace(tzinfo=None))
    return report, tables


def bench_pipeline(grids: Grids, rows: int, repeat: int) -> dict[str, Any]:
    run_pipeline(grids, fresh_directory())  # warm-up (imports, caches of the code itself)
    walls: list[float] = []
    cpus: list[float] = []
    report: Any = None
    for _ in range(repeat):
        directory = fresh_directory()
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        report, _tables = run_pipeline(grids, directory)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    directory = fresh_directory()
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        run_pipeline(grids, directory)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    wall = median(walls)
    t = report.totals
    return {
        "wall_s": wall,
        "cpu_s": median(cpus),
        "wall_runs_s": walls,
        "us_per_row": wall / rows * 1e6,
        "tracemalloc_peak_mb": peak / 2**20,
        "rows_read": t.rows_read,
        "valid_ambassadors": t.ambassadors,
        "errors": t.errors,
        "warnings": t.warnings,
    }


def paired_ratio(first: Grids, second: Grids, repeat: int) -> dict[str, Any]:
    """Pipeline time of `first` over `second`, from runs taken in turn (first, second, first,
    …): load on a shared machine then weighs on both alike. Medians of the per-pair ratios."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        taken: list[tuple[float, float]] = []
        for grids in (first, second):
            directory = fresh_directory()
            gc.collect()
            w0, c0 = time.perf_counter(), time.process_time()
            run_pipeline(grids, directory)
            taken.append((time.perf_counter() - w0, time.process_time() - c0))
        walls.append(taken[0][0] / taken[1][0])
        cpus.append(taken[0][1] / taken[1][1])
    return {"wall_ratio": median(walls), "cpu_ratio": median(cpus), "wall_ratios": walls}


def rss_child(path: str) -> None:
    """Entry point of the fresh subprocess: load the grids, run the pipeline once, report
    peak RSS in MB after imports, after loading the grids, and after the pipeline."""
    imported = peak_rss_mb()
    with open(path, "rb") as fh:
        grids = pickle.load(fh)
    gc.collect()
    loaded = peak_rss_mb()
    run_pipeline(grids, fresh_directory())
    print(json.dumps({"max_rss_mb": peak_rss_mb(), "rss_grids_loaded_mb": loaded,
                      "rss_imports_mb": imported}))  # fmt: skip


def measure_rss(grids: Grids) -> dict[str, Any]:
    """Max RSS of a fresh process holding only the grids (from a pickle, as a sync process
    holds them after the read) and running the pipeline once: sizes don't contaminate each
    other, and the demo generator's own peak is not counted."""
    with tempfile.TemporaryDirectory(prefix="daisuso-bench-") as tmp:
        path = Path(tmp) / "grids.pickle"
        path.write_bytes(pickle.dumps(grids, protocol=pickle.HIGHEST_PROTOCOL))
        proc = subprocess.run(
            [sys.executable, str(RUN_SCRIPT), "--rss-child", str(path)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "?"}
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


# --- 4. frictionless ---------------------------------------------------------------------


def bench_frictionless(grids: Grids, repeat: int) -> dict[str, Any]:
    try:
        import frictionless
    except ImportError:
        return {"skipped": "frictionless not installed (pip install -e '.[bench]')"}
    from bench.frictionless_schema import (
        commune_names,
        schema_descriptor,
        validate_csv,
        write_csv,
    )

    grid = grids[AMBASSADORS]
    descriptor = schema_descriptor([str(h) for h in grid[0]], commune_names(PROVINCE), TODAY)
    with tempfile.TemporaryDirectory(prefix="daisuso-bench-") as tmp:
        folder = Path(tmp)
        write_csv(folder / "dai_su_so.csv", grid)
        checked = validate_csv(folder, "dai_su_so.csv", descriptor)  # warm-up
        walls: list[float] = []
        for _ in range(repeat):
            gc.collect()
            t0 = time.perf_counter()
            checked = validate_csv(folder, "dai_su_so.csv", descriptor)
            walls.append(time.perf_counter() - t0)
    return {
        "version": frictionless.__version__,
        "wall_s": median(walls),
        "wall_runs_s": walls,
        "rows_checked": checked[0],
        "errors": checked[1],
    }


# --- 5. the floor: json.loads of the batchGet body ------------------------------------


def bench_floor(body: bytes, repeat: int) -> dict[str, Any]:
    """`wall_s`: json.loads with the cyclic GC off (the strict floor, as the pipeline runs
    with it off); `wall_gc_on_s`: with it on, as `response.json()` runs in a sync today."""
    json.loads(body)

    def runs(gc_on: bool) -> list[float]:
        walls: list[float] = []
        for _ in range(repeat):
            gc.collect()
            if not gc_on:
                gc.disable()
            try:
                t0 = time.perf_counter()
                json.loads(body)
                walls.append(time.perf_counter() - t0)
            finally:
                gc.enable()
        return walls

    off, on = runs(False), runs(True)
    return {
        "wall_s": median(off),
        "wall_runs_s": off,
        "wall_gc_on_s": median(on),
        "wall_gc_on_runs_s": on,
        "body_bytes": len(body),
    }
