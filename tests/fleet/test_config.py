"""The fleet file: members in order (paths and globs), sections, errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.errors import ConfigError
from sync.fleet.config import load_fleet


def member(folder: Path, name: str) -> Path:
    path = folder / name / "daisuso.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[spreadsheet]\nbackend = "xlsx"\n', encoding="utf-8")
    return path


def write(folder: Path, text: str) -> Path:
    path = folder / "fleet.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_members_keep_fleet_file_order_and_globs_are_sorted(tmp_path: Path) -> None:
    for name in ("p/b", "p/a", "p/c", "z"):
        member(tmp_path, name)
    fleet = load_fleet(
        write(tmp_path, 'members = ["z/daisuso.toml", "p/*/daisuso.toml", "p/a/daisuso.toml"]\n')
    )
    assert [m.name for m in fleet.members] == ["z", "p/a", "p/b", "p/c"]
    assert [m.position for m in fleet.members] == [0, 1, 2, 3]
    assert fleet.members[1].path == (tmp_path / "p/a/daisuso.toml").resolve()


def test_sections_and_defaults(tmp_path: Path) -> None:
    member(tmp_path, "a")
    fleet = load_fleet(
        write(
            tmp_path,
            'members = ["a/daisuso.toml"]\n[rollup]\nbackend = "google"\nkey = "K"\n'
            "[quota]\nreads_per_minute = 30\nproject_writes_per_minute = 120\n"
            '[worker]\nevery_minutes = 15\nlang = "en"\n',
        )
    )
    s = fleet.settings
    assert (s.rollup.backend, s.rollup.key) == ("google", "K")
    assert (s.quota.reads_per_minute, s.quota.writes_per_minute) == (30, 60)
    assert (s.quota.project_reads_per_minute, s.quota.project_writes_per_minute) == (300, 120)
    assert (s.worker.every_minutes, fleet.lang) == (15, "en")
    assert fleet.state_path == tmp_path.resolve() / ".daisuso-fleet"


def test_a_missing_plain_path_stays_a_member(tmp_path: Path) -> None:
    fleet = load_fleet(write(tmp_path, 'members = ["gone/daisuso.toml"]\n'))
    assert [m.name for m in fleet.members] == ["gone"]


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        (
            'members = ["x/*.toml"]\n',
            "members[0] = 'x/*.toml' không khớp tệp nào",
            "matches no file",
        ),
        ("members = []\n", "giá trị không hợp lệ members", "bad value members"),
        ("[quota]\nreads_per_minute = 60\n", "thiếu khóa members", "missing key members"),
        (
            'members = ["a"]\n[quota]\nreads_per_minute = 0\n',
            "quota.reads_per_minute = 0",
            "quota.reads_per_minute = 0",
        ),
        (
            'members = ["a"]\n[quota]\nreads = 5\n',
            "khóa không hợp lệ quota.reads",
            "unknown key quota.reads",
        ),
        (
            'members = ["a"]\n[rollup]\nbackend = "excel"\n',
            "rollup.backend = 'excel'",
            "rollup.backend = 'excel'",
        ),
        ("members = [\n", "không đúng cú pháp TOML", "not valid TOML"),
    ],
)
def test_errors_name_file_and_key_in_both_languages(
    tmp_path: Path, text: str, vi: str, en: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as vi_err:
        load_fleet(path)
    assert vi in str(vi_err.value) and str(path) in str(vi_err.value)
    assert vi_err.value.exit_code == 2
    with pytest.raises(ConfigError) as en_err:
        load_fleet(path, lang="en")
    assert en in str(en_err.value)


def test_lang_from_the_worker_section(tmp_path: Path) -> None:
    path = write(tmp_path, 'members = ["q/*.toml"]\n[worker]\nlang = "en"\n')
    with pytest.raises(ConfigError, match="matches no file"):
        load_fleet(path)


def test_missing_fleet_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Không tìm thấy tệp fleet"):
        load_fleet(tmp_path / "nope.toml")
