"""Smoke test of the benchmark harness: `bench/run.py --rows 2000 --repeat 1`.

Checks the shape of the JSON and one functional fact, counted from the emulator's request
log: a daisuso sync makes at most 3 Sheets API requests. No timing is asserted.
frictionless is optional (the `bench` extra); without it that column is skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "bench" / "run.py"


def test_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(RUN), "--rows", "2000", "--repeat", "1", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("summary: 2000 rows: pipeline ")

    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result) >= {"meta", "sizes", "targets", "summary"}
    assert result["summary"] == last
    [size] = result["sizes"]
    assert size["rows"] == 2000
    assert set(size) >= {"pipeline", "floor", "sync", "naive", "frictionless", "ratios"}
    assert set(size["pipeline"]) >= {
        "wall_s", "cpu_s", "us_per_row", "tracemalloc_peak_mb", "max_rss_mb",
    }  # fmt: skip
    assert set(size["floor"]) >= {"wall_s", "body_bytes"}
    assert set(size["ratios"]) >= {
        "daisuso_over_naive_requests",
        "daisuso_over_frictionless_time",
        "pipeline_over_floor_time",
    }
    fr = size["frictionless"]
    assert "wall_s" in fr or "skipped" in fr, fr

    sync = size["sync"]
    assert "skipped" not in sync and "error" not in sync, sync
    # Requests per sync, counted by the emulator: every timed run and the first sync.
    assert sync["requests_each"], sync
    assert all(0 < n <= 3 for n in sync["requests_each"]), sync["calls"]
    assert 0 < sync["first_run"]["requests"] <= 3, sync["first_run"]["calls"]
    assert len(sync["calls"]) == sync["requests_each"][-1]
    assert any("values:batchGet" in c for c in sync["calls"])
    assert sync["bytes_sent"] > 0 and sync["bytes_received"] > 0

    naive = size["naive"]
    assert "error" not in naive, naive
    assert naive["requests"] > sync["requests"]
    assert {t["status"] for t in result["targets"]} <= {"PASS", "FAIL", "N/A"}


def test_fleet_bench_smoke(tmp_path: Path) -> None:
    """`bench/fleet.py` at a tiny scale: every member syncs, 3 then 2 requests each."""
    out = tmp_path / "fleet.json"
    args = ["--communes", "4", "--provinces", "1", "--cycles", "2", "--out", str(out)]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fleet.py"), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    first, later = json.loads(out.read_text(encoding="utf-8"))["cycles"]
    assert (first["members"], first["failed"], first["requests_per_member_max"]) == (5, 0, 3)
    assert (later["members"], later["failed"], later["requests_per_member_max"]) == (5, 0, 2)
