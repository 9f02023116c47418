"""daisuso benchmark: the pipeline, a full sync through the emulator, and three baselines.

    python bench/run.py [--rows 2000,20000,100000] [--repeat 5] [--out bench/results.json]
    python bench/run.py --xlsx [--sizes 2000,20000,100000] [--repeat 3]   (bench/xlsx.py)

Per size (N ambassador rows, N/10 training rows, 40 teams, the 103 Cần Thơ communes,
about 3 % realistic mistakes; fixed seed and dates), the median of `--repeat` runs after
one warm-up of:

1. pipeline   `rules.evaluate.evaluate` + `rules.summary.build_tables` in process, no I/O:
              wall and CPU seconds, µs per ambassador row; tracemalloc peak (separate run);
              max RSS of a fresh subprocess that builds the grids and runs it once.
2. sync       `SyncService.sync` with `GoogleBackend(emulator_host=...)`, real gspread over
              loopback to the emulator (its own process): wall, requests, request and
              response body bytes from the emulator's request log (steady state: the
              summary tabs exist; the first, creating sync is recorded separately).
3. naive      bench/naive.py, the usual gspread script, against the same emulator.
4. frictionless  the `Đại sứ số` tab as CSV validated against an equivalent Table Schema
              (bench/frictionless_schema.py); skipped with a note when not installed.
5. floor      `json.loads` of the exact `values:batchGet` body the backend receives, with the
              cyclic GC off (the ratio uses this one) and on (what `response.json()` costs).

Targets are printed PASS/FAIL; a missed target never makes the exit code non-zero.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    DEADLINE,
    SEED,
    START,
    TODAY,
    get,
    git_state,
    log,
    make_grids,
    ratio,
    without_hamlet_list,
)
from bench.emulated import EmulatorProc, bench_naive, bench_sync, fetch_batch_get  # noqa: E402
from bench.measure import (  # noqa: E402
    bench_floor,
    bench_frictionless,
    bench_pipeline,
    measure_rss,
    paired_ratio,
    rss_child,
)
from bench.report import evaluate_targets, render_table, summary_line  # noqa: E402

# --- one size --------------------------------------------------------------------------


def bench_size(
    rows: int, repeat: int, naive_repeat: int, emu: EmulatorProc | None, emu_error: str | None
) -> dict[str, Any]:
    log(f"[{rows}] building grids")
    grids = make_grids(rows)
    res: dict[str, Any] = {
        "rows": rows,
        "tab_rows": {t: max(len(g) - 1, 0) for t, g in grids.items()},
    }
    log(f"[{rows}] pipeline x{repeat}")
    res["pipeline"] = bench_pipeline(grids, rows, repeat)
    log(f"[{rows}] max RSS (fresh subprocess)")
    res["pipeline"].update(measure_rss(grids))
    unlisted = without_hamlet_list(grids)
    log(f"[{rows}] pipeline without the hamlet list x{repeat}")
    res["pipeline_no_hamlets"] = bench_pipeline(unlisted, rows, repeat)
    res["pipeline_no_hamlets"].update(measure_rss(unlisted))
    log(f"[{rows}] with and without the hamlet list, in turn x{repeat}")
    res["hamlets_paired"] = paired_ratio(grids, unlisted, repeat)
    del unlisted
    if emu is None:
        skipped = {"skipped": f"emulator unavailable: {emu_error}"}
        res["floor"], res["sync"], res["naive"] = dict(skipped), dict(skipped), dict(skipped)
    else:
        key = f"bench-daisuso-{rows}"
        log(f"[{rows}] seeding the emulator")
        emu.seed_grids(key, grids)
        body = fetch_batch_get(emu, key)
        res["floor"] = bench_floor(body, repeat)
        del body
        log(f"[{rows}] daisuso sync x{repeat}")
        try:
            res["sync"] = bench_sync(emu, key, repeat)
        except Exception as exc:
            res["sync"] = {"error": f"{type(exc).__name__}: {exc}"}
        emu.drop(key)
        key = f"bench-naive-{rows}"
        emu.seed_grids(key, grids)
        log(f"[{rows}] naive gspread script x{naive_repeat}")
        try:
            res["naive"] = bench_naive(emu, key, naive_repeat)
        except Exception as exc:
            res["naive"] = {"error": f"{type(exc).__name__}: {exc}"}
        emu.drop(key)
    log(f"[{rows}] frictionless x{repeat}")
    try:
        res["frictionless"] = bench_frictionless(grids, repeat)
    except Exception as exc:
        res["frictionless"] = {"error": f"{type(exc).__name__}: {exc}"}
    pipe = res["pipeline"]["wall_s"]
    res["ratios"] = {
        "daisuso_over_naive_requests": ratio(get(res, "sync", "requests"), get(res, "naive", "requests")),
        "daisuso_over_frictionless_time": ratio(pipe, get(res, "frictionless", "wall_s")),
        "pipeline_over_floor_time": ratio(pipe, get(res, "floor", "wall_s")),
        "naive_over_daisuso_requests": ratio(get(res, "naive", "requests"), get(res, "sync", "requests")),
        "frictionless_over_daisuso_time": ratio(get(res, "frictionless", "wall_s"), pipe),
        "naive_over_daisuso_sync_time": ratio(get(res, "naive", "wall_s"), get(res, "sync", "wall_s")),
        "hamlets_over_no_hamlets_time": get(res, "hamlets_paired", "wall_ratio"),
    }  # fmt: skip
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", "--sizes", default="2000,20000,100000", help="comma-separated sizes"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement")
    parser.add_argument(
        "--out", default=None, help="default: bench/results.json, bench/xlsx-results.json"
    )
    parser.add_argument(
        "--xlsx", action="store_true",
        help="the .xlsx path instead: daisuso validate and sync on a workbook file, beside "
        "openpyxl load+save and the pipeline alone (bench/xlsx.py)",
    )  # fmt: skip
    parser.add_argument("--cache", type=Path, default=None, help="--xlsx: folder of workbooks")
    parser.add_argument(
        "--naive-repeat", type=int, default=None,
        help="timed runs of the naive script (default: --repeat); its wall time is dominated "
        "by the emulator's per-write snapshot, its request count is deterministic",
    )  # fmt: skip
    parser.add_argument(
        "--no-emulator",
        action="store_true",
        help="pipeline and frictionless only (no sync, naive, floor)",
    )
    parser.add_argument("--rss-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child is not None:
        rss_child(args.rss_child)
        return 0
    sizes_wanted = [int(x.replace("_", "")) for x in args.rows.split(",") if x.strip()]
    repeat = max(1, args.repeat)
    if args.xlsx:
        from bench.xlsx import DEFAULT_CACHE, run_xlsx

        out = Path(args.out or ROOT / "bench" / "xlsx-results.json")
        return run_xlsx(sizes_wanted, repeat, out, args.cache or DEFAULT_CACHE)
    git_info = git_state()  # the code imported at start is what gets measured

    emu: EmulatorProc | None = None
    emu_error: str | None = "--no-emulator" if args.no_emulator else None
    try:
        emu = None if args.no_emulator else EmulatorProc()
    except Exception as exc:
        emu_error = f"{type(exc).__name__}: {exc}"
        log(f"note: emulator unavailable, sync/naive/floor skipped: {emu_error}")
    try:
        from importlib.util import find_spec

        if find_spec("frictionless") is None:
            log("note: frictionless is not installed; its column is skipped "
                "(pip install -e '.[bench]')")  # fmt: skip
        naive_repeat = max(1, args.naive_repeat or repeat)
        sizes = [bench_size(n, repeat, naive_repeat, emu, emu_error) for n in sizes_wanted]
    finally:
        if emu is not None:
            emu.close()

    targets = evaluate_targets(sizes)
    result = {
        "meta": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "repeat": repeat,
            "naive_repeat": max(1, args.naive_repeat or repeat),
            "git": git_info,
            "seed": SEED,
            "start": START.isoformat(),
            "deadline": DEADLINE.isoformat(),
            "today": TODAY.isoformat(),
            "timestamp": datetime.now().isoformat(timespec="seconds"),
        },
        "sizes": sizes,
        "targets": targets,
        "summary": summary_line(sizes),
    }
    out = Path(args.out or ROOT / "bench" / "results.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")

    print(render_table(sizes))
    print()
    for s in sizes:
        for part in ("sync", "naive", "frictionless", "floor"):
            note = get(s, part, "skipped") or get(s, part, "error")
            if note:
                print(f"note: {s['rows']} rows, {part}: {note}")
    for t in targets:
        print(f"{t['status']:>4}  {t['target']}: {t['detail']}")
    print(f"results: {out}")
    print(result["summary"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
