"""Shards partition the members, stably."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.config import Settings, SpreadsheetSettings
from sync.errors import ConfigError
from sync.fleet.shards import ALL, Shard, member_identity, parse_shard, shard_of


def test_parse() -> None:
    assert parse_shard(None) == ALL
    assert parse_shard(" 2 / 5 ") == Shard(2, 5)
    assert str(Shard(3, 4)) == "3/4"
    for bad in ("0/3", "4/3", "a/b", "3", "-1/2"):
        with pytest.raises(ConfigError, match="I/N"):
            parse_shard(bad, "en")


@pytest.mark.parametrize("count", [1, 2, 3, 7, 34])
def test_shards_partition_every_member_once(count: int) -> None:
    ids = [f"google:key-{i}" for i in range(2000)]
    owners = [[s for s in range(1, count + 1) if Shard(s, count).holds(i)] for i in ids]
    assert all(len(o) == 1 for o in owners)
    sizes = [sum(1 for o in owners if o == [s]) for s in range(1, count + 1)]
    assert min(sizes) > 2000 / count * 0.7  # roughly even


def test_hash_is_stable_across_runs() -> None:
    # Pinned values: a change of hash would move members to other shards between versions.
    assert [shard_of(f"google:k{i}", 5) for i in range(8)] == [2, 4, 5, 5, 4, 5, 4, 2]
    assert shard_of("xlsx:a/book.xlsx", 3) == 1


def test_identity_from_key_or_relative_path(tmp_path: Path) -> None:
    google = Settings(
        spreadsheet=SpreadsheetSettings(backend="google", key=" K1 "), base_dir=tmp_path
    )
    assert member_identity(google, tmp_path / "a/daisuso.toml", tmp_path) == "google:K1"
    xlsx = Settings(spreadsheet=SpreadsheetSettings(path="book.xlsx"), base_dir=tmp_path / "a")
    assert member_identity(xlsx, tmp_path / "a/daisuso.toml", tmp_path) == "xlsx:a/book.xlsx"
    assert member_identity(None, tmp_path / "b/daisuso.toml", tmp_path) == "config:b/daisuso.toml"
