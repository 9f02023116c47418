"""Suite-wide setup: the emulator fixtures, and a temp folder of its own per test worker."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

pytest_plugins = ["tests.plugins.emulator"]


def pytest_configure(config: pytest.Config) -> None:
    # Google sync locks live in the temp folder, keyed by spreadsheet: parallel workers
    # (pytest -n) running tests on the same key must not see each other's locks.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        folder = Path(tempfile.gettempdir()) / f"daisuso-tests-{os.getpid()}-{worker}"
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["TMPDIR"] = str(folder)
        tempfile.tempdir = None  # re-read TMPDIR, here and in every subprocess
