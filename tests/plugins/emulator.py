"""pytest fixtures: `sheets_emulator` (a fresh emulator per test) and `emulator_gspread`."""

from __future__ import annotations

from collections.abc import Iterator

import gspread
import pytest

from sync.emulator.client import gspread_client
from sync.emulator.control import EmulatorControl
from sync.emulator.server import Emulator


class EmulatorHandle(EmulatorControl):
    """What the fixture yields: the in-process emulator plus its control client."""

    def __init__(self, emulator: Emulator) -> None:
        super().__init__(emulator.url)
        self.emulator = emulator


@pytest.fixture
def sheets_emulator() -> Iterator[EmulatorHandle]:
    """A fresh emulator on a free loopback port, stopped after the test."""
    with Emulator(seed=1234) as emulator:
        handle = EmulatorHandle(emulator)
        try:
            yield handle
        finally:
            handle.close()


@pytest.fixture
def emulator_gspread(sheets_emulator: EmulatorHandle) -> Iterator[gspread.Client]:
    """A gspread client wired to `sheets_emulator`."""
    client = gspread_client(sheets_emulator.url)
    try:
        yield client
    finally:
        client.http_client.session.close()
