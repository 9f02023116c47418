"""A real gspread client whose requests go to the emulator instead of Google."""

from __future__ import annotations

from typing import Any

import gspread
from google.auth.credentials import AnonymousCredentials
from gspread.http_client import HTTPClient

GOOGLE_PREFIXES = ("https://sheets.googleapis.com", "https://www.googleapis.com")


def rewrite(url: str, base_url: str) -> str:
    """https://sheets.googleapis.com/v4/... -> {base_url}/v4/... (same for Drive)."""
    for prefix in GOOGLE_PREFIXES:
        if url.startswith(prefix):
            return base_url.rstrip("/") + url[len(prefix) :]
    return url


def gspread_client(base_url: str, base: type[HTTPClient] = HTTPClient) -> gspread.Client:
    """gspread.Client with anonymous credentials talking plain HTTP to `base_url`.

    `base` may be gspread.http_client.BackOffHTTPClient to get gspread's retry behaviour.

    gspread has no base-URL setting and builds URLs from module constants at call time,
    so the rewrite happens in HTTPClient.request, which every call goes through.
    Close it with `client.http_client.session.close()` when done.
    """

    class EmulatorHTTPClient(base):  # type: ignore[valid-type,misc]
        def request(self, method: str, endpoint: str, *args: Any, **kwargs: Any) -> Any:
            return super().request(method, rewrite(endpoint, base_url), *args, **kwargs)

    return gspread.Client(AnonymousCredentials(), http_client=EmulatorHTTPClient)  # type: ignore[no-untyped-call]
