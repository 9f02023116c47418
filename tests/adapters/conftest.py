"""`emu`: the emulator seeded with the Google adapter tests' entry tabs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.adapters.test_google_backend import ENTRY, KEY


@pytest.fixture
def emu(sheets_emulator: Any) -> Iterator[Any]:
    sheets_emulator.seed(KEY, ENTRY)
    sheets_emulator.clear_requests()
    yield sheets_emulator
