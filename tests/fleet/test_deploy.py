"""The deploy examples' command lines: each shard's argv, as the shell or systemd expands it."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from sync.fleet.shards import Shard, parse_shard

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def k8s_argv(path: Path, index0: int) -> list[str]:
    """The container command of a manifest, run by `sh -c` with JOB_COMPLETION_INDEX set."""
    line = next(s for s in path.read_text().splitlines() if s.strip().startswith("command:"))
    command = json.loads(line.split("command:", 1)[1])
    assert command[:2] == ["/bin/sh", "-c"]
    script = re.sub(r"\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)", str(index0 + 1), command[2])
    assert "$" not in script, script
    argv = shlex.split(script)
    assert argv[0] == "exec"
    return argv[1:]


def k8s_completions(path: Path) -> int:
    found = re.search(r"^\s*completions:\s*(\d+)\s*$", path.read_text(), re.M)
    assert found
    return int(found.group(1))


def systemd_argv(path: Path, instance: str) -> list[str]:
    text = path.read_text()
    env = dict(re.findall(r"^Environment=(\w+)=(\S+)$", text, re.M))
    line = next(s for s in text.splitlines() if s.startswith("ExecStart="))
    expanded = line.removeprefix("ExecStart=").replace("%i", instance)
    expanded = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], expanded)
    return shlex.split(expanded)


def shard_option(argv: list[str]) -> Shard:
    return parse_shard(argv[argv.index("--shard") + 1])


@pytest.mark.parametrize(
    ("name", "verb"),
    [("kubernetes/fleet-cronjob.yaml", "sync"), ("kubernetes/fleet-indexed-job.yaml", "run")],
)
def test_kubernetes_indexed_shards_cover_one_to_n(name: str, verb: str) -> None:
    path = DEPLOY / name
    n = k8s_completions(path)
    shards = []
    for index0 in range(n):
        argv = k8s_argv(path, index0)
        assert argv[:3] == ["daisuso", "fleet", verb]
        assert argv[argv.index("--fleet") + 1].endswith("fleet.toml")
        shards.append(shard_option(argv))
    assert shards == [Shard(i, n) for i in range(1, n + 1)]
    assert f"parallelism: {n}" in path.read_text()


def test_systemd_template_instances_are_shards() -> None:
    path = DEPLOY / "systemd" / "daisuso-fleet@.service"
    argv = systemd_argv(path, "2")
    assert argv[0].endswith("/daisuso") and argv[1:3] == ["fleet", "run"]
    assert shard_option(argv) == Shard(2, 2)
    assert shard_option(systemd_argv(path, "1")) == Shard(1, 2)


def cli_accepts(argv: list[str]) -> int:
    """Exit code of the real `daisuso` command line given this argv plus `--help`: click
    parses every option first (an unknown one is a usage error, exit 2), then shows help."""
    from typer.testing import CliRunner

    from sync.cli.app import app

    return CliRunner().invoke(app, [*argv[1:], "--help"]).exit_code


@pytest.mark.parametrize(
    "argv",
    [
        k8s_argv(DEPLOY / "kubernetes/fleet-cronjob.yaml", 2),
        k8s_argv(DEPLOY / "kubernetes/fleet-indexed-job.yaml", 0),
        systemd_argv(DEPLOY / "systemd/daisuso-fleet@.service", "1"),
    ],
)
def test_deploy_command_lines_parse_with_the_cli(argv: list[str]) -> None:
    assert cli_accepts(argv) == 0
    assert parse_shard(argv[argv.index("--shard") + 1]) == shard_option(argv)


def test_a_wrong_option_would_fail() -> None:
    assert cli_accepts(["daisuso", "fleet", "sync", "--fleet", "f.toml", "--shards", "1/2"]) == 2
    assert cli_accepts(["daisuso", "fleet", "rerun", "--fleet", "f.toml"]) == 2
