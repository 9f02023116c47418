"""A client for the emulator's control endpoints: seed, read back, inject faults, read the log."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from sync.emulator.seeding import seed_from_xlsx


class EmulatorControl:
    """The emulator's HTTP control surface (`/_emulator/...`), for tests, bench and people.

    `url` is the emulator's base URL, e.g. `http://127.0.0.1:8765`.
    """

    def __init__(self, url: str, *, timeout: float = 600) -> None:
        self.url = url.rstrip("/")
        self.host = self.url.removeprefix("http://")
        self.timeout = timeout
        self._http = requests.Session()
        self._http.trust_env = False  # loopback only: never through a proxy

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self.timeout)
        response = self._http.request(method, f"{self.url}/_emulator/{path}", **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def seed(
        self,
        spreadsheet_id: str,
        tabs: dict[str, list[list[Any]]],
        title: str | None = None,
        locale: str = "en_US",
        time_zone: str | None = None,
    ) -> None:
        """Create/replace a spreadsheet; cells as in sync/emulator/seeding.py."""
        params = {"locale": locale, **({"title": title} if title else {})}
        if time_zone:
            params["timeZone"] = time_zone
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
        """The request log (the emulator logs a request before answering it)."""
        out: list[dict[str, Any]] = self._call("GET", "requests")
        return out

    def api_requests(self) -> list[dict[str, Any]]:
        """The logged Sheets and Drive API calls, without control calls."""
        return [e for e in self.requests() if "/_emulator" not in e["path"]]

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

    def drop(self, spreadsheet_id: str) -> None:
        self._call("DELETE", f"spreadsheets/{quote(spreadsheet_id, safe='')}")

    def clear_faults(self) -> None:
        self._call("DELETE", "faults")

    def close(self) -> None:
        self._http.close()
