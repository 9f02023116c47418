"""A fleet cycle with injected member syncs: isolation, exit codes, order, shards."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sync.errors import LayoutError, LockHeldError, UnreachableError
from sync.fleet.config import load_fleet
from sync.fleet.runner import FleetRunner, MemberJob, exit_code, interleave
from sync.fleet.shards import Shard
from sync.fleet.state import FleetStateStore, MemberFigures
from tests.fleet.helpers import fleet_file, google_member, key_file

FIGS = MemberFigures("Cần Thơ", 2, 3, 100, 40, 30, 0, 1, 0, 0)
NOW = datetime(2025, 11, 10, 9, 0)


def make_fleet(tmp_path: Path, n: int = 6) -> Path:
    key_file(tmp_path, "sa1.json", "proj")
    key_file(tmp_path, "sa2.json", "proj")
    for i in range(n):
        google_member(tmp_path, f"m{i}", f"K{i}", "sa1.json" if i % 3 else "sa2.json")
    return fleet_file(tmp_path, [f"m{i}/daisuso.toml" for i in range(n)] + ["gone/daisuso.toml"])


def test_failures_are_isolated_and_the_exit_code_is_the_highest(tmp_path: Path) -> None:
    fleet = load_fleet(make_fleet(tmp_path))
    failures = {"K1": UnreachableError("403"), "K2": LockHeldError("held"), "K4": LayoutError("x")}
    tried: list[str] = []

    def sync_member(job: MemberJob) -> MemberFigures:
        assert job.settings is not None
        key = job.settings.spreadsheet.key
        tried.append(key)
        if key in failures:
            raise failures[key]
        if key == "K5":
            raise RuntimeError("boom")
        return FIGS

    runner = FleetRunner(
        fleet, sync_member=sync_member, store=FleetStateStore(tmp_path / "st"), now=lambda: NOW
    )
    outcomes = runner.sync_members()
    assert sorted(tried) == [f"K{i}" for i in range(6)]  # every member tried
    assert [o.record.ok for o in outcomes] == [True, False, False, True, False, False, False]
    assert [o.record.exit_code for o in outcomes] == [0, 4, 5, 0, 3, 1, 2]
    assert "RuntimeError: boom" in outcomes[5].record.message
    assert exit_code(outcomes) == 5
    assert exit_code(outcomes[:1]) == 0
    assert exit_code(outcomes[:1], UnreachableError("rollup")) == 4
    rows = runner.rollup(outcomes).table().rows
    assert rows[0][5] == 40 and rows[0][13] == "Thành công"
    assert str(rows[6][13]).startswith(
        "Lỗi (mã 2) từ 10/11/2025 09:00: Không tìm thấy tệp cấu hình"
    )


def test_accounts_and_projects_from_key_files(tmp_path: Path) -> None:
    fleet = load_fleet(make_fleet(tmp_path, 3))
    runner = FleetRunner(
        fleet, sync_member=lambda j: FIGS, store=FleetStateStore(tmp_path), now=lambda: NOW
    )
    jobs = runner.jobs()
    assert jobs[0].account.endswith("sa2.json") and jobs[1].account.endswith("sa1.json")
    assert {j.project for j in jobs[:3]} == {"proj"}
    assert jobs[0].identity == "google:K0"


def test_interleave_spreads_each_account_over_the_cycle(tmp_path: Path) -> None:
    fleet = load_fleet(make_fleet(tmp_path, 9))
    runner = FleetRunner(
        fleet, sync_member=lambda j: FIGS, store=FleetStateStore(tmp_path), now=lambda: NOW
    )
    order = [j.account.rsplit("/", 1)[-1] for j in interleave(runner.jobs())]
    assert len(order) == 10
    # sa1 has 6 members, sa2 3 (+1 local): never three sa1 in a row.
    assert "sa1.json,sa1.json,sa1.json" not in ",".join(order)


def test_shards_partition_members_and_own_only_their_rows(tmp_path: Path) -> None:
    fleet = load_fleet(make_fleet(tmp_path, 20))
    seen: list[set[int]] = []
    for index in (1, 2, 3):
        runner = FleetRunner(
            fleet, sync_member=lambda j: FIGS, store=FleetStateStore(tmp_path / "st"),
            now=lambda: NOW, shard=Shard(index, 3),
        )  # fmt: skip
        rollup = runner.rollup(runner.sync_members())
        seen.append(set(rollup.rows))
        assert rollup.size == 21 and rollup.total_sheet_row == 23
    assert set().union(*seen) == set(range(21))
    assert sum(len(s) for s in seen) == 21


def test_status_reads_the_last_results(tmp_path: Path) -> None:
    fleet = load_fleet(make_fleet(tmp_path, 2))
    store = FleetStateStore(tmp_path / "st")
    runner = FleetRunner(fleet, sync_member=lambda j: FIGS, store=store, now=lambda: NOW)
    assert all(record is None for _, record in runner.status())
    runner.sync_members()
    status = runner.status()
    assert [r.ok for _, r in status if r is not None] == [True, True, False]


def test_reload_picks_up_new_members_and_keeps_the_pacer(tmp_path: Path) -> None:
    from sync.fleet.compose import build_fleet

    path = make_fleet(tmp_path, 2)
    service = build_fleet(path, {})
    pacer = service.pacer
    assert len(service.runner.jobs()) == 3
    google_member(tmp_path, "m9", "K9")
    path.write_text(path.read_text().replace("members = [", 'members = ["m9/daisuso.toml", '))
    service.reload()
    assert [j.ref.name for j in service.runner.jobs()] == ["m9", "m0", "m1", "gone"]
    assert service.pacer is pacer
