"""Shared setup of the benchmark (bench/run.py): fixed campaign, data and small helpers."""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rules.campaign import Campaign
from rules.contract import ENTRY_TABS as ENTRY_SPECS
from rules.contract import HAMLETS
from rules.values.communes import CommuneDirectory
from sync.demo.data import build_demo_grids

ROOT = Path(__file__).resolve().parents[1]

START, DEADLINE, TODAY = date(2025, 10, 15), date(2025, 11, 30), date(2025, 11, 10)
TZ = "Asia/Ho_Chi_Minh"
NOW = datetime(2025, 11, 10, 8, 0, tzinfo=ZoneInfo(TZ))
SEED = 2025
PROVINCE = "Cần Thơ"
ENTRY_TABS = tuple(spec.title for spec in ENTRY_SPECS)
HAMLET_TAB = HAMLETS.title
AMBASSADORS = "Đại sứ số"
READ_QUERY = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER"}

Grids = dict[str, list[list[Any]]]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --- data ------------------------------------------------------------------------------


def make_grids(rows: int) -> Grids:
    """The demo campaign at `rows` ambassadors: every commune lists its hamlets (6 to 12,
    about 9) and every ambassador row names one, as typed by people (a few not listed)."""
    return build_demo_grids(
        seed=SEED, start=START, deadline=DEADLINE, today=TODAY, ambassadors=rows,
        trainings=rows // 10, hamlet_blank_rate=0.0,
    )  # fmt: skip


def without_hamlet_list(grids: Grids) -> Grids:
    """The same campaign with no hamlet listed: the pipeline as it ran before hamlets."""
    return {title: grid for title, grid in grids.items() if title != HAMLET_TAB}


def campaign() -> Campaign:
    return Campaign(province=PROVINCE, start=START, deadline=DEADLINE)


def fresh_directory() -> CommuneDirectory:
    """A directory with an empty resolution cache, as a fresh `daisuso sync` process has."""
    shared = CommuneDirectory.for_province(PROVINCE)
    return CommuneDirectory(shared.province, shared.communes)


def seed_cell(value: Any) -> Any:
    """Demo cell -> emulator seed cell: dates become date-formatted serial cells."""
    if isinstance(value, datetime):
        return {"datetime": value.isoformat(), "pattern": "dd/mm/yyyy hh:mm"}
    if isinstance(value, date):
        return {"date": value.isoformat(), "pattern": "dd/mm/yyyy"}
    return value


def median(xs: Sequence[float]) -> float:
    return float(statistics.median(xs))


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def get(d: dict[str, Any], *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def git_state() -> dict[str, Any]:
    """The commit measured, and whether rules/ or sync/ had uncommitted changes."""

    def git(*cmd: str) -> str:
        proc = subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=False)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "dirty_rules_sync": bool(git("status", "--porcelain", "--", "rules", "sync")),
    }
