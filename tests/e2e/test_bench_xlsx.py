"""The xlsx benchmark (`bench/run.py --xlsx`) at a tiny size, so its harness cannot rot.

The run is real: a generated workbook, `daisuso sync` and `daisuso validate` in fresh
processes beside openpyxl load+save and the pipeline alone. No timing is asserted; the
targets are checked on made-up figures instead.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.xlsx_report import evaluate_targets

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "bench" / "run.py"
STEPS = ("openpyxl", "first_sync", "validate", "sync", "pipeline")


def test_xlsx_bench_at_200_rows(tmp_path: Path) -> None:
    out, cache = tmp_path / "xlsx-results.json", tmp_path / "cache"
    proc = subprocess.run(
        [sys.executable, str(RUN), "--xlsx", "--sizes", "200", "--repeat", "1",
         "--out", str(out), "--cache", str(cache)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    assert lines[-1].startswith("summary xlsx: 200 rows: daisuso validate ")
    table = [line for line in lines if line.lstrip().startswith("200 ")]
    assert len(table) == len(STEPS), proc.stdout

    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["summary"] == lines[-1]
    assert result["meta"]["repeat"] == 1 and result["meta"]["openpyxl"]
    [size] = result["sizes"]
    assert size["rows"] == 200 and size["tab_rows"]["Đại sứ số"] == 201  # a blank row inside
    assert [p.name for p in cache.iterdir()] == [Path(size["workbook"]).name]
    for step in STEPS:
        assert size[step]["wall_s"] > 0 and size[step]["max_rss_mb"] > 0, (step, size[step])
    for step in ("openpyxl", "validate", "sync"):
        assert len(size[step]["wall_runs_s"]) == 1 and size[step]["cpu_s"] > 0
    assert size["synced_workbook_mb"] > size["workbook_mb"]  # the summary tabs were written
    assert set(size["ratios"]) == {f"{s}_over_openpyxl_time" for s in STEPS[1:]}

    # The workbook read back from disk gives the report of the in-memory grids.
    pipeline = size["pipeline"]
    for step in ("validate", "sync"):
        totals = size[step]["last_line"]
        assert f": {pipeline['valid_ambassadors']}/" in totals, totals
        assert f"({pipeline['errors']} lỗi)" in totals, totals
    assert [t["status"] for t in result["targets"]] == ["N/A"] * 4


def figures(sync_s: float, sync_mb: float, validate_s: float, small_sync_s: float) -> list[Any]:
    def size(rows: int, sync: float, validate: float) -> dict[str, Any]:
        return {
            "rows": rows,
            "openpyxl": {"wall_s": 2.0, "max_rss_mb": 80.0},
            "validate": {"wall_s": validate, "max_rss_mb": 90.0},
            "sync": {"wall_s": sync, "max_rss_mb": sync_mb},
        }

    return [size(2_000, small_sync_s, 1.0), size(100_000, sync_s, validate_s)]


def test_xlsx_targets_pass_and_miss() -> None:
    met = evaluate_targets(figures(4.9, 290.0, 2.9, 1.9))
    assert [t["status"] for t in met] == ["PASS"] * 4
    missed = evaluate_targets(figures(5.1, 310.0, 3.1, 2.1))
    assert [t["status"] for t in missed] == ["MISS"] * 4
    assert missed[3]["detail"] == "2.10 s vs 2.00 s for openpyxl load+save"
