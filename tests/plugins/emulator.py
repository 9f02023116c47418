"""pytest fixtures: `sheets_emulator` (a fresh emulator per test) and `emulator_gspread`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import gspread
import pytest
import requests

from sync.emulator.client import gspread_client
from sync.emulator.seeding import seed_from_xlsx
from sync.emulator.server import Emulator


class EmulatorHandle:
    """What the fixture yields: addresses plus helpers that use the HTTP control surface."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.host = emulator.host
        self.url = emulator.url
        self._http = requests.Session()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, f"{self.url}/_emulator/{path}", **kwargs)
        response.raise_for_status()
        return response.json()

    def seed(
        self,
        spreadsheet_id: str,
        tabs: dict[str, list[list[Any]]],
        title: str | None = None,
        locale: str = "en_US",
    ) -> None:
        """Create/replace a spreadsheet; cells as in sync/emulator/seeding.py."""
        params = {"locale": locale, **({"title": title} if title else {})}
        self._call(
            "PUT", f"spreadsheets/{quote(spreadsheet_id, safe='')}", json=tabs, params=params
        )

    def seed_xlsx(self, path: str | Path, spreadsheet_id: str, title: str | None = None) -> None:
        self.seed(spreadsheet_id, seed_from_xlsx(path), title=title)

    def values(self, spreadsheet_id: str) -> dict[str, list[list[Any]]]:
        """Every tab as UNFORMATTED values (date serials), trimmed like values.get."""
        out: dict[str, list[list[Any]]] = self._call(
            "GET", f"spreadsheets/{quote(spreadsheet_id, safe='')}"
        )
        return out

    def set_private(self, spreadsheet_id: str, private: bool = True) -> None:
        self._call(
            "POST",
            f"spreadsheets/{quote(spreadsheet_id, safe='')}/access",
            json={"private": private},
        )

    def requests(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = self._call("GET", "requests")
        return out

    def clear_requests(self) -> None:
        self._call("DELETE", "requests")

    def fault(
        self,
        match: str,
        status: int = 503,
        times: int = 1,
        delay_s: float = 0,
        drop: bool = False,
        message: str | None = None,
    ) -> None:
        """The next `times` requests whose 'METHOD /decoded/path' matches `match` (re.search)
        get `status` (0 = serve normally after the delay) or, with drop, no response."""
        spec = {"match": match, "status": status, "times": times, "delay_s": delay_s, "drop": drop}
        if message:
            spec["message"] = message
        self._call("POST", "faults", json=spec)

    def clear_faults(self) -> None:
        self._call("DELETE", "faults")

    def close(self) -> None:
        self._http.close()


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
