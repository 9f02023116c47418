"""`daisuso fleet` against the emulator: isolation, exit codes, roll-up, 1 + 1 steady state,
shards that never write each other's rows, and quotas enforced on a shared virtual clock."""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests

from sync.bootstrap import Overrides
from sync.fleet.clock import VirtualClock
from sync.fleet.compose import FleetService, Tools, build_fleet
from sync.store.lock import lock_path_for, sync_lock
from tests.builders import small_campaign, write_config
from tests.google_helpers import calls, seedable
from tests.plugins.emulator import EmulatorHandle

NOW = datetime(2025, 11, 10, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TODAY = NOW.date()


@pytest.fixture
def emu(sheets_emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch) -> EmulatorHandle:
    monkeypatch.setenv("SHEETS_EMULATOR_HOST", sheets_emulator.host)
    return sheets_emulator


def member(folder: Path, name: str, key: str, credentials: str = "sa1.json") -> str:
    where = folder / name
    where.mkdir(parents=True, exist_ok=True)
    path = write_config(where)
    text = path.read_text(encoding="utf-8").replace(
        'backend = "xlsx"',
        f'backend = "google"\nkey = "{key}"\ncredentials = "../{credentials}"',
        1,
    )
    path.write_text(text, encoding="utf-8")
    return f"{name}/daisuso.toml"


def make_fleet(
    emu: EmulatorHandle, folder: Path, n: int, quota: str = "", rollup_key: str | None = None
) -> tuple[Path, list[str], str]:
    tag = uuid.uuid4().hex[:10]
    for sa in ("sa1.json", "sa2.json"):
        (folder / sa).write_text(f'{{"project_id": "p", "client_email": "{sa}@p.iam"}}')
    keys = [f"{tag}-m{i}" for i in range(n)]
    for key in keys:
        emu.seed(key, seedable(small_campaign()))
    rollup = rollup_key or f"{tag}-rollup"
    emu.seed(rollup, {"Sheet1": [[]]})
    members = [
        member(folder, f"m{i}", key, "sa1.json" if i % 2 else "sa2.json")
        for i, key in enumerate(keys)
    ]
    listed = ", ".join(f'"{m}"' for m in members)
    path = folder / "fleet.toml"
    path.write_text(
        f'members = [{listed}]\n[rollup]\nbackend = "google"\nkey = "{rollup}"\n'
        f'credentials = "sa1.json"\n{quota}',
        encoding="utf-8",
    )
    return path, keys, rollup


def service(
    path: Path, emu: EmulatorHandle, shard: str | None = None, clock: VirtualClock | None = None
) -> FleetService:
    clock = clock or VirtualClock()
    tools = Tools(monotonic=clock, sleep=clock.sleep, overrides=Overrides(clock=lambda: NOW))
    return build_fleet(path, {"SHEETS_EMULATOR_HOST": emu.host}, shard=shard, tools=tools)


def rollup_rows(emu: EmulatorHandle, key: str) -> list[list[Any]]:
    return emu.values(key)["Toàn bộ"]


def by_key(log: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in log:
        key = entry["path"].split("/")[3].split(":")[0]
        out.setdefault(key, []).extend(calls([entry]))
    return out


def test_isolation_one_403_one_404_one_lock_held_one_layout_broken(
    emu: EmulatorHandle, tmp_path: Path
) -> None:
    path, keys, rollup = make_fleet(emu, tmp_path, 6)
    emu.set_private(keys[1])  # 403
    emu.emulator.state.spreadsheets.pop(keys[2])  # 404
    broken = seedable(small_campaign())
    del broken["Tập huấn"], broken["Phân công"]
    emu.seed(keys[4], broken)  # layout broken
    fleet = service(path, emu)
    with sync_lock(lock_path_for(keys[3]), now=NOW):  # another process holds member 3
        result = fleet.cycle(TODAY)
    assert [o.record.exit_code for o in result.outcomes] == [0, 4, 4, 5, 3, 0]
    assert result.exit_code == 5 and result.rollup_error is None
    for ok in (keys[0], keys[5]):
        assert "Theo tổ" in emu.values(ok)
    rows = rollup_rows(emu, rollup)
    assert rows[0][0] == "Đơn vị" and rows[0][13] == "Kết quả"
    assert [r[0] for r in rows[1:7]] == [f"m{i}" for i in range(6)]
    assert rows[1][13] == "Thành công" and rows[1][5] == 8  # valid ambassadors of small_campaign
    assert rows[2][13].startswith("Lỗi (mã 4) từ 10/11/2025 08:00: Không có quyền truy cập")
    assert rows[3][13].startswith("Lỗi (mã 4)") and "không tìm thấy" in rows[3][13].lower()
    assert rows[4][13].startswith("Lỗi (mã 5)")
    assert rows[5][13].startswith("Lỗi (mã 3)")
    assert rows[7][0] == "Tổng cộng" and len(rows) == 8
    log = emu.values(rollup)["Nhật ký"]
    assert log[-1][1] == "Có lỗi" and log[-1][2] == 2 and log[-1][3] == 4

    # Fixed: the member recovers; a member that fails again keeps its last good figures.
    emu.set_private(keys[1], False)
    emu.set_private(keys[0])
    result = fleet.cycle(TODAY)
    rows = rollup_rows(emu, rollup)
    assert rows[2][13] == "Thành công"
    assert rows[1][5] == 8 and rows[1][13].startswith("Lỗi (mã 4)")  # last good figures kept
    assert result.exit_code == 5 - 1  # the lock is free now; 404 and 403 remain (4), layout 3


def test_steady_state_is_two_requests_per_member(emu: EmulatorHandle, tmp_path: Path) -> None:
    path, keys, rollup = make_fleet(emu, tmp_path, 4)
    fleet = service(path, emu)
    emu.clear_requests()
    assert fleet.cycle(TODAY).exit_code == 0
    first = by_key(emu.requests())
    assert all(first[k] == ["get", "batchGet", "batchUpdate"] for k in keys)
    for _ in range(2):
        emu.clear_requests()
        assert fleet.cycle(TODAY).exit_code == 0
        later = by_key(emu.requests())
        assert all(later[k] == ["batchGet", "batchUpdate"] for k in keys), later
        assert later[rollup] == ["batchGet", "batchUpdate"]


def test_quotas_enforced_on_the_shared_virtual_clock_are_never_exceeded(
    emu: EmulatorHandle, tmp_path: Path
) -> None:
    quota = "[quota]\nreads_per_minute = 6\nwrites_per_minute = 6\nproject_reads_per_minute = 8\nproject_writes_per_minute = 8\n"
    path, _keys, _ = make_fleet(emu, tmp_path, 8, quota)
    limits = {
        "reads_per_user": 6,
        "writes_per_user": 6,
        "reads_per_project": 8,
        "writes_per_project": 8,
    }
    requests.post(f"{emu.url}/_emulator/quota", json=limits, timeout=10).raise_for_status()
    clock = VirtualClock()
    fleet = service(path, emu, clock=clock)
    for _ in range(2):
        assert fleet.cycle(TODAY).exit_code == 0
    report = requests.get(f"{emu.url}/_emulator/quota", timeout=10).json()
    assert report["refused"] == 0
    assert report["max_in_60s"]["reads_per_user"] <= 6
    assert report["max_in_60s"]["reads_per_project"] == 8  # the project bucket binds
    # The floor: the reads, evenly spaced at the project's 8 a minute; no slower than 1.1x.
    reads = sum(1 for e in emu.requests() if e["method"] == "GET")
    floor = (reads - 1) * 60 / 8
    assert floor * 0.999 <= clock() <= floor * 1.1 + 60


def test_a_429_from_google_slows_the_whole_account(emu: EmulatorHandle, tmp_path: Path) -> None:
    quota = "[quota]\nreads_per_minute = 6000\nwrites_per_minute = 6000\nproject_reads_per_minute = 12000\nproject_writes_per_minute = 12000\n"
    path, keys, _ = make_fleet(emu, tmp_path, 6, quota)
    requests.post(
        f"{emu.url}/_emulator/quota",
        json={
            "reads_per_user": 10**6,
            "writes_per_user": 10**6,
            "reads_per_project": 10**6,
            "writes_per_project": 10**6,
        },
        timeout=10,
    ).raise_for_status()
    emu.fault(f"GET /v4/spreadsheets/{keys[2]}/values", status=429, times=1)  # sa2's 2nd member
    fleet = service(path, emu)
    assert fleet.cycle(TODAY).exit_code == 0
    assert fleet.pacer.stats.throttled == 1
    meter = emu.emulator.quota
    assert meter is not None

    def biggest_gap(user: str) -> float:
        stamps = sorted(at for at, _, who, _ in meter.log if who == user)
        return max(b - a for a, b in itertools.pairwise(stamps))

    users = {who for _, _, who, _ in meter.log}
    sa2 = fleet.pacer.member(
        next(j.account for j in fleet.runner.jobs() if j.account.endswith("sa2.json")), "p"
    )
    slowed = sa2.tags()["X-Emulator-User"]
    assert slowed in users and len(users) == 2
    # The retry went out only after the account's shared backoff (the pacer's, not a local
    # sleep of the HTTP client): requests are 0.01 s apart otherwise.
    assert biggest_gap(slowed) >= 0.5


def test_shards_write_only_their_own_rows(emu: EmulatorHandle, tmp_path: Path) -> None:
    path, _keys, rollup = make_fleet(emu, tmp_path, 8)
    one = service(path, emu, shard="1/2")
    two = service(path, emu, shard="2/2")
    mine = {o.job.ref.position for o in one.cycle(TODAY).outcomes}
    theirs = {o.job.ref.position for o in two.cycle(TODAY).outcomes}
    assert mine | theirs == set(range(8)) and not mine & theirs
    rows = rollup_rows(emu, rollup)
    assert all(rows[1 + p][13] == "Thành công" for p in range(8))
    assert rows[9][0] == "Tổng cộng" and isinstance(rows[9][5], str | int)
    # A person marks a row of shard 1; shard 2 runs again and leaves it alone.
    p = min(mine)
    cell = f"'Toàn bộ'!N{p + 2}"
    requests.put(
        f"{emu.url}/v4/spreadsheets/{rollup}/values/{cell}",
        params={"valueInputOption": "RAW"}, json={"values": [["đánh dấu"]]}, timeout=10,
    ).raise_for_status()  # fmt: skip
    two.cycle(TODAY)
    assert rollup_rows(emu, rollup)[1 + p][13] == "đánh dấu"
    log = emu.values(rollup)["Nhật ký"]
    assert [r[6] for r in log[1:]] == ["Phân đoạn 1/2", "Phân đoạn 2/2", "Phân đoạn 2/2"]
    assert Counter(r[1] for r in log[1:]) == {"Thành công": 3}
