"""Where the recorded Google exchanges are: shared/sheets-api-recordings (see its README).

`SHEETS_API_RECORDINGS` names the folder explicitly; otherwise the first
`shared/sheets-api-recordings` found walking up from the repository (a git worktree lives
deeper than the main checkout). With `CI` set, missing recordings fail the test that needs
them instead of skipping it, saying where they were expected.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ENV = "SHEETS_API_RECORDINGS"
RELATIVE = Path("shared") / "sheets-api-recordings"
REPO = Path(__file__).resolve().parents[2]


def candidates() -> list[Path]:
    explicit = os.environ.get(ENV)
    if explicit:
        return [Path(explicit)]
    return [base / RELATIVE for base in (REPO, *REPO.parents)]


def recordings_dir() -> Path | None:
    return next((p for p in candidates() if p.is_dir() and any(p.glob("*.json"))), None)


def recording_files() -> list[Path]:
    """The recordings, or skip (fail in CI) the calling test when there are none."""
    found = recordings_dir()
    if found is not None:
        return sorted(found.glob("*.json"))
    where = f"${ENV}" if os.environ.get(ENV) else f"{RELATIVE} above {REPO}"
    message = f"no recorded Google exchanges (*.json) at {where}: looked in " + ", ".join(
        str(p) for p in candidates()
    )
    if os.environ.get("CI"):
        pytest.fail(message + f" (CI is set: set {ENV} or provide the recordings)")
    pytest.skip(message)
