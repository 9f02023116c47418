"""The README documents every command, and its examples are commands the CLI accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import typer.main
from typer.core import TyperGroup

from sync.cli.app import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def command_names() -> set[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return set(group.commands)


def test_every_command_is_in_the_readme() -> None:
    names = command_names()
    assert names == {
        "demo",
        "init",
        "validate",
        "sync",
        "run",
        "doctor",
        "snapshots",
        "restore",
        "emulator",
        "fleet",
    }
    for name in names:
        assert f"| `daisuso {name}" in README, name
        assert re.search(rf"^daisuso {name}\b", README, re.M), f"no example for {name}"


def test_readme_examples_parse() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    examples = [line for line in README.splitlines() if line.startswith("daisuso ")]
    assert len(examples) >= 6
    for line in examples:
        argv = shlex.split(line.split(">")[0].rstrip(" &"), comments=True)[1:]
        command = group.commands[argv[0]]
        ctx = command.make_context(argv[0], argv[1:], resilient_parsing=False)
        assert ctx.params is not None


def test_readme_has_the_two_commands() -> None:
    assert "pip install -e . && daisuso demo" in README
    assert "pip install -e '.[test]' && python -m pytest" in README
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pip install --quiet -e '.[test]'" in ci and "python -m pytest" in ci


def test_readme_documents_every_config_key() -> None:
    from sync.config import Settings

    for section, field in Settings.model_fields.items():
        if section == "base_dir":
            continue
        model = field.annotation
        assert model is not None
        for key in model.model_fields:  # type: ignore[union-attr]
            assert f"`{section}.{key}`" in README, f"{section}.{key}"


def test_readme_documents_every_exit_code() -> None:
    for code in range(6):
        assert f"| {code} |" in README


def test_every_test_the_readme_names_exists() -> None:
    root = Path(__file__).resolve().parents[2]
    named = re.findall(r"`(tests/[\w/]+\.py)((?:::\w+)?)`", README)
    assert len(named) >= 10
    for path, test in named:
        source = (root / path).read_text(encoding="utf-8")
        if test:
            assert f"def {test[2:]}(" in source, path + test


def test_readme_links_stay_inside_the_repository() -> None:
    root = Path(__file__).resolve().parents[2]
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    local = [link for link in links if "://" not in link]
    assert local, "the README links to its docs"
    for link in local:
        target = (root / link).resolve()
        assert target.is_relative_to(root), link
        assert target.exists(), link
