"""The tree keeps its design: no import cycle, a pure domain, the contract spelled once,
small modules and functions. Read from the source, so a change that breaks a rule fails."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from rules import contract
from rules.models import Role
from rules.tables import Column

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("rules", "sync")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_TOP_MODULES = 12
# What a pure domain never imports: the outside world and the layer that talks to it.
NOT_IN_RULES = ("sync", "gspread", "google", "requests", "openpyxl", "python_calamine",
                "schedule", "typer", "rich", "socket", "subprocess", "http")  # fmt: skip


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _runtime_imports(path: Path) -> Iterator[str]:
    """Modules imported when `path` is imported (not inside functions or TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = ".".join(path.relative_to(REPO).with_suffix("").parts)
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                break
            if isinstance(sub, ast.Import):
                yield from (alias.name for alias in sub.names)
            elif isinstance(sub, ast.ImportFrom):
                base = sub.module or ""
                if sub.level:
                    base = ".".join(here.split(".")[: -sub.level] + ([base] if base else []))
                for alias in sub.names:  # `from pkg import module` imports the module
                    module = f"{base}.{alias.name}"
                    yield module if module in MODULES else base


def _graph() -> dict[str, set[str]]:
    return {
        name: {m for m in _runtime_imports(path) if m in MODULES and m != name}
        for name, path in MODULES.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_no_import_cycle_in_rules_or_sync() -> None:
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.split(".")[0] == "rules"))
def test_the_domain_imports_nothing_from_the_outside(name: str) -> None:
    bad = {m for m in _runtime_imports(MODULES[name]) if m.split(".")[0] in NOT_IN_RULES}
    # A function-level import would hide it from `_runtime_imports`: look at every import.
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bad |= {a.name for a in node.names if a.name.split(".")[0] in NOT_IN_RULES}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in NOT_IN_RULES:
            bad.add(node.module or "")
    assert not bad, bad


def _spelled_names() -> set[str]:
    """Every tab title and header the contract declares (Vietnamese; entry tabs also English)."""
    names = {spec.title for spec in contract.ENTRY_TABS}
    names |= {*contract.SUMMARY_TABS, contract.LIST_TAB, contract.ROLLUP}
    for spec in contract.ENTRY_TABS:
        names |= {c.vi for c in spec.columns} | {c.en for c in spec.columns}
    for value in vars(contract).values():
        if isinstance(value, tuple) and value and all(isinstance(c, Column) for c in value):
            names |= {c.name for c in value}
    return names - {role.value for role in Role}  # role values are values, declared by `Role`


def _literals(tree: ast.AST) -> Iterator[ast.Constant]:
    """String constants, except the halves of a (Vietnamese, English) catalog pair."""
    pairs: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Tuple)
            and len(node.elts) == 2
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
        ):
            pairs |= {id(e) for e in node.elts}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pairs:
            yield node


def test_tab_titles_and_headers_are_spelled_only_in_the_contract() -> None:
    names = _spelled_names()
    assert {"Tổng hợp", "Đại sứ số", "Số điện thoại", "Trạng thái", "Đơn vị"} <= names
    found = [
        f"{path.relative_to(REPO)}:{node.lineno} {node.value!r}"
        for name, path in MODULES.items()
        if name != "rules.contract"
        for node in _literals(ast.parse(path.read_text(encoding="utf-8")))
        if node.value in names
    ]
    assert not found, "\n".join(found)


def test_modules_and_functions_stay_small() -> None:
    long_modules = {
        str(p.relative_to(REPO)): n
        for p in MODULES.values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long_modules
    long_functions = [
        f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({size} lines)"
        for path in MODULES.values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (size := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]
    assert not long_functions, long_functions
    top = [p.name for p in (REPO / "sync").glob("*.py")]
    assert len(top) <= MAX_TOP_MODULES, top
