"""HTTP for the Google Sheets backend: pacing, bounded retries, error messages.

`SheetsHTTPClient` is a gspread `HTTPClient` whose `request` (the one method every
gspread call goes through):
- rewrites Google's URLs to `http://<emulator_host>` when an emulator is configured
  (gspread 6 has no base-URL setting);
- waits for the shared `Pacer` before every attempt;
- retries 429/500/502/503/504, connection errors and read timeouts with full-jitter
  exponential backoff, bounded in attempts and in total sleep, then raises
  `UnreachableError`;
- never retries 400/401/403/404 and turns them into messages a user can act on.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from gspread.http_client import HTTPClient

from sync.errors import DaisusoError, LayoutError, UnreachableError
from sync.messages import Msg, say

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
GOOGLE_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6  # total tries per request
    max_wait_seconds: float = 120  # cap on the summed backoff sleeps per request
    timeout_seconds: float = 30  # per-request (connect, read) timeout
    base_seconds: float = 1.0
    requests_per_minute: int = 60  # never more than this many requests in any 60 s window

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")
        if self.requests_per_minute < 1:
            raise ValueError("requests_per_minute must be >= 1")
        if self.timeout_seconds <= 0 or self.max_wait_seconds < 0 or self.base_seconds < 0:
            raise ValueError("timeouts and waits must be positive")


class Pacer:
    """Sliding-window limiter: at most `limit` acquisitions in any `window` seconds.

    One instance is shared by every sync of a long-running process (thread-safe).
    """

    def __init__(
        self,
        limit: int = 60,
        *,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if limit < 1:
            raise ValueError("limit must be >= 1")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._stamps: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self, write: bool = False) -> float:
        """Wait until one more request fits in the window, record it; returns seconds slept.

        Reads and writes share one window here (`write` is for pacers that split them)."""
        slept = 0.0
        with self._lock:
            while True:
                now = self._clock()
                while self._stamps and self._stamps[0] <= now - self.window:
                    self._stamps.popleft()
                if len(self._stamps) < self.limit:
                    self._stamps.append(now)
                    return slept
                wait = self._stamps[0] + self.window - now
                if wait > 0:
                    self._sleep(wait)
                    slept += wait
                # We waited out exactly the oldest request: drop it rather than trust a float
                # comparison that can miss by one ulp (and then sleep 0 s forever).
                self._stamps.popleft()

    def throttled(self, write: bool, message: str) -> float | None:
        """A 429: None lets the client back off alone (a shared pacer returns its delay)."""
        return None

    def succeeded(self, write: bool) -> None:
        """An answered request (a shared pacer ends its backoff)."""

    def tags(self) -> dict[str, str]:
        """Headers for the emulator (who is asking, on which clock); none here."""
        return {}


class RequestPacer(Protocol):
    """What the HTTP client needs of a pacer: `Pacer`, or the fleet's shared quota pacer."""

    def acquire(self, write: bool = False) -> float: ...

    def throttled(self, write: bool, message: str) -> float | None: ...

    def succeeded(self, write: bool) -> None: ...

    def tags(self) -> dict[str, str]: ...


# --- messages -----------------------------------------------------------------------

_SECRET_PATTERNS = (
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", re.S),
    re.compile(r"ya29\.[0-9A-Za-z_\-.]+"),
    re.compile(r"(?i)bearer\s+[0-9A-Za-z_\-.~+/]+=*"),
    re.compile(r"eyJ[0-9A-Za-z_\-]+\.[0-9A-Za-z_\-]+\.[0-9A-Za-z_\-]+"),  # JWT
)


def redact(text: str) -> str:
    """Remove anything that looks like a private key or an access token."""
    for pat in _SECRET_PATTERNS:
        text = pat.sub("[…]", text)
    return text


def google_message(response: requests.Response) -> str:
    """`error.message` of a Google error body, or the HTTP reason."""
    try:
        body = response.json()
        message = body["error"]["message"]
        if isinstance(message, str) and message:
            return redact(message)[:500]
    except (ValueError, KeyError, TypeError):
        pass
    return f"HTTP {response.status_code} {response.reason or ''}".strip()


@dataclass(frozen=True)
class ErrorContext:
    key: str
    email: str | None
    lang: str = "vi"


def error_for_status(response: requests.Response, ctx: ErrorContext) -> DaisusoError:
    status = response.status_code
    lang = ctx.lang
    detail = google_message(response)
    if status == 403:
        who = ctx.email or say(Msg.GOOGLE_SERVICE_ACCOUNT, lang)
        return UnreachableError(say(Msg.GOOGLE_HTTP_FORBIDDEN, lang, who=who, detail=detail))
    if status == 404:
        return UnreachableError(say(Msg.GOOGLE_HTTP_NOT_FOUND, lang, key=ctx.key))
    if status == 401:
        return UnreachableError(say(Msg.GOOGLE_HTTP_UNAUTHORIZED, lang, detail=detail))
    if status == 400:
        return LayoutError(say(Msg.GOOGLE_HTTP_BAD_REQUEST, lang, detail=detail))
    return UnreachableError(say(Msg.GOOGLE_HTTP_OTHER, lang, status=status, detail=detail))


# --- the client ---------------------------------------------------------------------


class SheetsHTTPClient(HTTPClient):
    """gspread HTTPClient with emulator rewriting, pacing and bounded retries."""

    def __init__(
        self,
        auth: Any,
        *,
        ctx: ErrorContext,
        retry: RetryPolicy,
        pacer: RequestPacer,
        emulator_host: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        session: requests.Session | None = None,
    ) -> None:
        super().__init__(auth, session)
        self.ctx = ctx
        self.retry = retry
        self.pacer = pacer
        self.emulator_host = emulator_host
        self._sleep = sleep
        self._rng = rng if rng is not None else random.Random()
        self.timeout = (retry.timeout_seconds, retry.timeout_seconds)
        if emulator_host is not None:
            # Loopback: never through a proxy configured in the environment, and no
            # token refresh on 401 (anonymous credentials cannot refresh).
            self.session.trust_env = False
            if hasattr(self.session, "_refresh_status_codes"):
                self.session._refresh_status_codes = ()

    def rewrite(self, url: str) -> str:
        if self.emulator_host is None:
            return url
        for host in GOOGLE_HOSTS:
            if url.startswith(host):
                return f"http://{self.emulator_host}" + url[len(host) :]
        return url

    def request(
        self,
        method: str,
        endpoint: str,
        params: Any = None,
        data: bytes | None = None,
        json: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: MutableMapping[str, str] | None = None,
    ) -> requests.Response:
        """One API call: paced, retried with full-jitter backoff, errors in the user's words."""
        url, policy = self.rewrite(endpoint), self.retry
        call = dict(method=method, url=url, json=json, params=params, data=data, files=files,
                    headers=headers, timeout=self.timeout)  # fmt: skip
        waited, attempt = 0.0, 0
        ambiguous = False  # an earlier attempt may have reached Google and been applied
        reason = ""
        write = method.lower() != "get"
        for attempt in range(1, policy.max_attempts + 1):
            self.pacer.acquire(write)
            if self.emulator_host is not None and (tags := self.pacer.tags()):
                call["headers"] = {**(headers or {}), **tags}
            response, reason, lost = self._attempt(call)
            ambiguous = ambiguous or lost
            if response is not None:
                if response.ok:
                    self.pacer.succeeded(write)
                    return response
                self._refuse(response, method, ambiguous)
                reason = f"HTTP {response.status_code} ({google_message(response)})"
                ambiguous = ambiguous or response.status_code != 429  # 429: refused before work
                shared = (
                    self.pacer.throttled(write, reason) if response.status_code == 429 else None
                )
                if shared is not None:  # every request of the account waits it out
                    waited += shared
                    if attempt < policy.max_attempts and waited <= policy.max_wait_seconds:
                        continue
                    break
            remaining = policy.max_wait_seconds - waited
            if attempt == policy.max_attempts or remaining <= 0:
                break
            delay = self._rng.uniform(0.0, min(remaining, policy.base_seconds * 2 ** (attempt - 1)))
            self._sleep(delay)
            waited += delay
        raise self._gave_up(attempt, waited, reason, ambiguous and method.lower() == "post")

    def _attempt(self, call: dict[str, Any]) -> tuple[requests.Response | None, str, bool]:
        """(response or None, why it failed, whether the request may have been applied)."""
        from google.auth.exceptions import RefreshError, TransportError

        lang = self.ctx.lang
        try:
            return self.session.request(**call), "", False
        except RefreshError as exc:
            if not getattr(exc, "retryable", False):
                raise UnreachableError(
                    say(Msg.GOOGLE_TOKEN_FAILED, lang, error=redact(str(exc))[:300])
                ) from None
            return None, say(Msg.GOOGLE_RETRY_AUTH, lang), False
        except requests.exceptions.ConnectTimeout:
            return None, say(Msg.GOOGLE_RETRY_CONNECT_TIMEOUT, lang), False
        except requests.exceptions.ReadTimeout:
            return None, say(Msg.GOOGLE_RETRY_READ_TIMEOUT, lang), True
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError):
            return None, say(Msg.GOOGLE_RETRY_CONNECTION, lang), True
        except TransportError:
            return None, say(Msg.GOOGLE_RETRY_AUTH_NETWORK, lang), False

    def _refuse(self, response: requests.Response, method: str, ambiguous: bool) -> None:
        """Raise for an answer that retrying cannot change (400, 401, 403, 404 ...)."""
        if response.status_code in RETRY_STATUSES:
            return
        error = error_for_status(response, self.ctx)
        if ambiguous and response.status_code in (400, 409) and method.lower() == "post":
            # The lost attempt may have been applied; the replay being refused
            # (e.g. "sheet already exists") says nothing about the layout.
            raise UnreachableError(say(Msg.GOOGLE_WRITE_LOST, self.ctx.lang, error=error))
        raise error

    def _gave_up(
        self, attempts: int, waited: float, reason: str, maybe_applied: bool
    ) -> UnreachableError:
        lang = self.ctx.lang
        tail = (
            say(Msg.GOOGLE_WRITE_MAYBE_APPLIED, lang)
            if maybe_applied  # a write may have landed before its answer was lost
            else ""
        )
        return UnreachableError(
            say(Msg.GOOGLE_UNREACHABLE, lang, attempts=attempts, waited=waited, reason=reason)
            + tail
        )
