"""The .xlsx path end to end: `daisuso validate` and `daisuso sync` on a workbook file.

    python bench/run.py --xlsx [--sizes 2000,20000,100000] [--repeat 3]
                        [--out bench/xlsx-results.json] [--cache DIR]

Per size, the demo campaign of bench/common.py (N ambassador rows, N/10 training rows,
40 teams, about 3 % realistic mistakes; fixed seed and dates) written once as .xlsx with
openpyxl's write-only mode and kept in `--cache` (a temp folder by default; the file name
carries a hash of the generator's source, so a changed generator writes a new one).
A copy of it, a daisuso.toml and the state folder live in a fresh temp folder; one first
sync (recorded apart) creates the summary tabs, then `--repeat` rounds, each running in
turn, so load on a shared machine weighs on all three alike:

- openpyxl   today's approach to a workbook: `load_workbook` + `save`, nothing else;
- validate   `daisuso validate --today 2025-11-10` (reads and checks, writes nothing);
- sync       `daisuso sync --today 2025-11-10` (steady state: summary tabs already there).

Each is a fresh process (bench/child.py): wall time from spawn to exit, CPU from `wait4`,
max RSS as the process's own peak (VmHWM). Beside them, the pipeline alone on the same
grids already in memory, exactly as bench/run.py measures it. Medians; RSS is the largest.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bench.common import (
    DEADLINE,
    PROVINCE,
    ROOT,
    SEED,
    START,
    TODAY,
    git_state,
    log,
    make_grids,
    median,
    ratio,
)
from bench.measure import bench_pipeline, measure_rss
from bench.xlsx_report import BASELINE, CHILD_STEPS, evaluate_targets, render_table, summary
from sync.demo.workbook import write_grids

CHILD = Path(__file__).resolve().with_name("child.py")
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "daisuso-bench-xlsx"
WORKBOOK = "dai-su-so.xlsx"
GENERATOR_SOURCES = ("bench/common.py", "sync/demo", "rules/contract.py")

CONFIG = f"""\
[spreadsheet]
backend = "xlsx"
path = "{WORKBOOK}"

[campaign]
province = "{PROVINCE}"
start = {START.isoformat()}
deadline = {DEADLINE.isoformat()}

[worker]
lang = "vi"
"""


class ChildFailed(RuntimeError):
    pass


# --- the workbook ------------------------------------------------------------------------


def generator_key() -> str:
    """A short hash of the code that generates the workbook: the cache's invalidation."""
    digest = hashlib.sha256(str(SEED).encode())
    for name in GENERATOR_SOURCES:
        base = ROOT / name
        for path in sorted(base.rglob("*.py")) if base.is_dir() else [base]:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_workbook(rows: int, grids: dict[str, Any], cache: Path) -> Path:
    path = cache / f"campaign-{rows}-{generator_key()}.xlsx"
    if not path.exists():
        log(f"[{rows}] writing {path}")
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        write_grids(partial, grids)
        partial.replace(path)  # another run never sees a half-written workbook
    return path


# --- one timed process -------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment without DAISUSO_* overrides, so only the generated config counts."""
    return {k: v for k, v in os.environ.items() if not k.startswith("DAISUSO_")}


def timed(args: list[str], folder: Path) -> dict[str, Any]:
    """Run bench/child.py with `args` in `folder`: wall, CPU and peak RSS of that process."""
    peak, out, err = folder / "peak.txt", folder / "stdout.txt", folder / "stderr.txt"
    peak.unlink(missing_ok=True)
    with out.open("wb") as stdout, err.open("wb") as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(peak), *args],
            cwd=folder, stdout=stdout, stderr=stderr, env=child_env(),
        )  # fmt: skip
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = err.read_text(encoding="utf-8", errors="replace").strip()[-1500:]
        raise ChildFailed(f"{' '.join(args)} exited {proc.returncode}: {tail}")
    lines = out.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_mb": float(peak.read_text(encoding="utf-8")),
        "last_line": lines[-1] if lines else "",
    }


def merged(runs: list[dict[str, Any]]) -> dict[str, Any]:
    walls = [r["wall_s"] for r in runs]
    return {
        "wall_s": median(walls),
        "wall_runs_s": walls,
        "cpu_s": median([r["cpu_s"] for r in runs]),
        "max_rss_mb": max(r["max_rss_mb"] for r in runs),
        "max_rss_runs_mb": [r["max_rss_mb"] for r in runs],
        "last_line": runs[-1]["last_line"],
    }


def daisuso(command: str) -> list[str]:
    return ["daisuso", command, "-c", "daisuso.toml", "--today", TODAY.isoformat()]


# --- one size ----------------------------------------------------------------------------


def run_processes(source: Path, repeat: int) -> dict[str, Any]:
    """The first sync, then `repeat` rounds of openpyxl, validate and sync, in turn."""
    with tempfile.TemporaryDirectory(prefix="daisuso-bench-xlsx-") as tmp:
        folder = Path(tmp)
        shutil.copyfile(source, folder / WORKBOOK)
        (folder / "daisuso.toml").write_text(CONFIG, encoding="utf-8")
        out: dict[str, Any] = {"first_sync": merged([timed(daisuso("sync"), folder)])}
        commands = {
            "openpyxl": ["openpyxl", WORKBOOK, "resaved.xlsx"],
            "validate": daisuso("validate"),
            "sync": daisuso("sync"),
        }
        runs: dict[str, list[dict[str, Any]]] = {step: [] for step in CHILD_STEPS}
        for _ in range(repeat):
            for step in CHILD_STEPS:
                runs[step].append(timed(commands[step], folder))
        out["synced_workbook_mb"] = (folder / WORKBOOK).stat().st_size / 2**20
    return out | {step: merged(r) for step, r in runs.items()}


def bench_size(rows: int, repeat: int, cache: Path) -> dict[str, Any]:
    log(f"[{rows}] building grids")
    grids = make_grids(rows)
    source = cached_workbook(rows, grids, cache)
    res: dict[str, Any] = {
        "rows": rows,
        "tab_rows": {t: max(len(g) - 1, 0) for t, g in grids.items()},
        "workbook": str(source),
        "workbook_mb": source.stat().st_size / 2**20,
    }
    log(f"[{rows}] first sync, then openpyxl / validate / sync in turn x{repeat}")
    res |= run_processes(source, repeat)
    log(f"[{rows}] pipeline alone x{repeat}")
    res["pipeline"] = bench_pipeline(grids, rows, repeat) | measure_rss(grids)
    base = res[BASELINE]["wall_s"]
    res["ratios"] = {
        f"{step}_over_{BASELINE}_time": ratio(res[step]["wall_s"], base)
        for step in ("validate", "sync", "first_sync", "pipeline")
    }
    return res


# --- the run -----------------------------------------------------------------------------


def package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def meta(repeat: int) -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_at_start": list(os.getloadavg()),
        "repeat": repeat,
        "git": git_state(),
        "openpyxl": package_version("openpyxl"),
        "python-calamine": package_version("python-calamine"),
        "seed": SEED,
        "start": START.isoformat(),
        "deadline": DEADLINE.isoformat(),
        "today": TODAY.isoformat(),
        "timestamp": datetime.now().isoformat(timespec="seconds"),
    }


def run_xlsx(sizes: list[int], repeat: int, out: Path, cache: Path = DEFAULT_CACHE) -> int:
    """Measure every size, write the JSON to `out`, print the table and the targets."""
    info = meta(repeat)  # the code imported at start is what gets measured
    results = [bench_size(n, repeat, cache) for n in sizes]
    targets = evaluate_targets(results)
    result = {"meta": info, "sizes": results, "targets": targets, "summary": summary(results)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(render_table(results))
    print()
    for t in targets:
        print(f"{t['status']:>4}  {t['target']}: {t['detail']}")
    print(f"results: {out}")
    print(result["summary"])
    return 0
