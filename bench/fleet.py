"""A simulated national run of `daisuso fleet` against the emulator, quotas enforced.

    python bench/fleet.py [--communes 3321] [--provinces 34] [--cycles 3]
                          [--accounts 12] [--projects 2] [--out bench/fleet-results.json]

Members: one per commune (20–200 rows in its entry tabs) and one per province
(2,000–20,000 ambassador rows), each an ordinary daisuso.toml, plus the roll-up. The
emulator runs in its own process and enforces Google's quotas (60 reads and 60 writes a
minute per service account, 300 per project) on the fleet's virtual clock, which every
request carries, so half an hour of quota time runs in minutes. Members are spread over
`--accounts` key files in `--projects` projects.

Reported: requests per member (first and later cycles), each cycle's quota time against
its floor (requests ÷ the binding quota rate), the most requests in any 60 s window per
account and per project, 429s, the fleet process's wall time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import DEADLINE, START, TODAY, TZ, Grids, log  # noqa: E402
from bench.emulated import EmulatorProc  # noqa: E402
from sync.bootstrap import Overrides  # noqa: E402
from sync.demo.data import build_demo_grids  # noqa: E402
from sync.fleet.clock import VirtualClock  # noqa: E402
from sync.fleet.compose import FleetService, Tools, build_fleet  # noqa: E402
from sync.fleet.runner import MemberJob  # noqa: E402
from sync.fleet.state import MemberFigures  # noqa: E402

NOW = datetime(2025, 11, 10, 8, 0, tzinfo=ZoneInfo(TZ))
GOOGLE = {
    "reads_per_user": 60,
    "writes_per_user": 60,
    "reads_per_project": 300,
    "writes_per_project": 300,
}
TEAM_COL = "Mã tổ"
COMMUNE_COL = "Xã/Phường"


def commune_grids(template: Grids, team: str, rows: int) -> Grids:
    """One team's rows of a province-sized demo: a commune-sized spreadsheet."""
    out: Grids = {}
    assigned = communes(template, team)
    for tab, grid in template.items():
        if TEAM_COL in grid[0]:
            col = grid[0].index(TEAM_COL)
            kept = [r for r in grid[1:] if r[col] == team]
        else:  # Ấp - Khu vực: the hamlets of the team's communes
            col = grid[0].index(COMMUNE_COL)
            kept = [r for r in grid[1:] if r[col] in assigned]
        out[tab] = [grid[0], *(kept[:rows] if tab == "Đại sứ số" else kept)]
    return out


def communes(template: Grids, team: str) -> set[object]:
    grid = template["Phân công"]
    team_col, commune_col = grid[0].index(TEAM_COL), grid[0].index(COMMUNE_COL)
    return {r[commune_col] for r in grid[1:] if r[team_col] == team}


def config_text(key: str, credentials: str) -> str:
    return (
        f'[spreadsheet]\nbackend = "google"\nkey = "{key}"\ncredentials = "../../{credentials}"\n'
        f'[campaign]\nprovince = "Cần Thơ"\nstart = {START}\ndeadline = {DEADLINE}\ntarget = 2000\n'
        "[worker]\nsnapshot_days = 0\n"
    )


@dataclass
class Plan:
    folder: Path
    keys: list[str]
    rows: list[int]


def build(
    emu: EmulatorProc, folder: Path, communes: int, provinces: int, accounts: int, projects: int
) -> Plan:
    rng = random.Random(2025)
    for a in range(accounts):
        (folder / f"sa{a}.json").write_text(
            json.dumps({"project_id": f"project-{a % projects}", "client_email": f"sa{a}@x.iam"})
        )
    template = build_demo_grids(
        ambassadors=8000, seed=7, start=START, deadline=DEADLINE, today=TODAY
    )
    keys, rows, members = [], [], []
    for i in range(provinces + communes):
        province = i < provinces
        key = f"{'province' if province else 'commune'}-{i:05d}"
        if province:
            n = 2000 + round(18000 * i / max(1, provinces - 1))
            grids = build_demo_grids(
                ambassadors=n, seed=i, start=START, deadline=DEADLINE, today=TODAY
            )
        else:
            n = rng.randint(20, 200)
            grids = commune_grids(template, f"T{i % 40 + 1:02d}", n)
        emu.seed_grids(key, grids)
        where = folder / ("p" if province else "c") / key
        where.mkdir(parents=True)
        (where / "daisuso.toml").write_text(
            config_text(key, f"sa{i % accounts}.json"), encoding="utf-8"
        )
        keys.append(key)
        rows.append(n)
        members.append(f"{'p' if province else 'c'}/{key}/daisuso.toml")
        if i % 500 == 0:
            log(f"seeded {i + 1}/{provinces + communes}")
    emu.seed_grids("rollup", {"Sheet1": [[]]})
    listed = ",\n  ".join(f'"{m}"' for m in members)
    (folder / "fleet.toml").write_text(
        f'members = [\n  {listed}\n]\n[rollup]\nbackend = "google"\nkey = "rollup"\ncredentials = "sa0.json"\n',
        encoding="utf-8",
    )
    return Plan(folder, keys, rows)


class CountingFleet:
    """Requests per member: the shared pacer's counts before and after each member."""

    def __init__(self, service: FleetService) -> None:
        self.service = service
        self.per_member: list[int] = []
        inner = service.runner.sync_member

        def counted(job: MemberJob) -> MemberFigures:
            stats = service.pacer.stats.requests
            before = stats["read"] + stats["write"]
            try:
                return inner(job)
            finally:
                self.per_member.append(stats["read"] + stats["write"] - before)

        service.runner.sync_member = counted


def floor_seconds(reads: Counter[str], writes: Counter[str], projects: dict[str, str]) -> float:
    """The quota time the cycle cannot beat: the busiest bucket's requests at its rate."""
    per_project_r: Counter[str] = Counter()
    per_project_w: Counter[str] = Counter()
    for account, n in reads.items():
        per_project_r[projects[account]] += n
    for account, n in writes.items():
        per_project_w[projects[account]] += n
    bounds = [max(reads.values(), default=0) / 60, max(writes.values(), default=0) / 60,
              max(per_project_r.values(), default=0) / 300, max(per_project_w.values(), default=0) / 300]  # fmt: skip
    return 60 * max(bounds)


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of a process so far, from /proc (None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_cycle(
    service: FleetService, counting: CountingFleet, clock: VirtualClock, n: int, emulator: int
) -> dict[str, Any]:
    """One cycle: requests per member, quota time against its floor, wall and CPU time (the
    fleet's and the emulator's: on a shared machine the wall time also holds waits for a
    core)."""
    projects = {j.account: j.project for j in service.runner.jobs()}
    pacer = service.pacer

    def taken(kind: str) -> Counter[str]:
        return Counter({a: pacer.taken("account", a, kind) for a in projects})  # type: ignore[arg-type]

    counting.per_member = []
    before = sum(pacer.stats.requests.values())
    reads0, writes0 = taken("read"), taken("write")
    v0, t0, cpu0, emu0 = clock(), time.perf_counter(), time.process_time(), process_cpu(emulator)
    result = service.cycle(TODAY)
    floor = floor_seconds(taken("read") - reads0, taken("write") - writes0, projects)
    quota_time, per, emu1 = clock() - v0, counting.per_member, process_cpu(emulator)
    return {
        "cycle": n, "members": len(per), "exit_code": result.exit_code, "failed": len(result.failed),
        "requests": sum(pacer.stats.requests.values()) - before,
        "requests_per_member": round(sum(per) / max(1, len(per)), 3),
        "requests_per_member_max": max(per, default=0),
        "requests_per_member_histogram": dict(sorted(Counter(per).items())),
        "quota_time_s": round(quota_time, 1), "floor_s": round(floor, 1),
        "ratio_to_floor": round(quota_time / floor, 4) if floor else None,
        "wall_s": round(time.perf_counter() - t0, 1),
        "fleet_cpu_s": round(time.process_time() - cpu0, 1),
        "emulator_cpu_s": round(emu1 - emu0, 1) if emu0 is not None and emu1 is not None else None,
    }  # fmt: skip


def run(args: argparse.Namespace) -> dict[str, Any]:
    wall0 = time.perf_counter()
    emu = EmulatorProc()
    try:
        with tempfile.TemporaryDirectory(prefix="daisuso-fleet-") as tmp:
            t0 = time.perf_counter()
            plan = build(
                emu, Path(tmp), args.communes, args.provinces, args.accounts, args.projects
            )
            seeded = time.perf_counter() - t0
            emu.enforce_quota(**GOOGLE)
            clock = VirtualClock()
            tools = Tools(
                monotonic=clock, sleep=clock.sleep, overrides=Overrides(clock=lambda: NOW)
            )
            service = build_fleet(
                Path(tmp) / "fleet.toml", {"SHEETS_EMULATOR_HOST": emu.host}, tools=tools
            )
            counting = CountingFleet(service)
            cycles = []
            for c in range(args.cycles):
                cycles.append(measure_cycle(service, counting, clock, c + 1, emu.proc.pid))
                log(f"cycle {c + 1}: {cycles[-1]}")
                emu.clear_log()
            quota = emu.quota_report()
            throttled = service.pacer.stats.throttled
    finally:
        emu.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "communes": args.communes, "provinces": args.provinces, "accounts": args.accounts,
        "projects": args.projects, "rows": {"commune": [20, 200], "province": [2000, 20000]},
        "ambassador_rows_total": sum(plan.rows), "seed_s": round(seeded, 1), "cycles": cycles,
        "emulator_quota": quota, "throttled_429": throttled,
        "fleet_peak_rss_mb": round(peak_mb, 1), "wall_s": round(time.perf_counter() - wall0, 1),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/fleet.py", description=__doc__)
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--accounts", type=int, default=12)
    parser.add_argument("--projects", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    report = run(args)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
