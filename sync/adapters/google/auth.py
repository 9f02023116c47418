"""Credentials for the Google Sheets backend: service-account key files, ADC, the emulator.

Nothing here reads the process environment except `emulator_host_from_env`, which the
composition root calls explicitly. Messages never contain the private key or a token.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.errors import ConfigError, DaisusoError
from sync.messages import Msg, say
from sync.ports import DoctorCheck

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
EMULATOR_ENV = "SHEETS_EMULATOR_HOST"

_HOST_RE = re.compile(r"^[A-Za-z0-9.\-\[\]:]+$")


def emulator_host_from_env(environ: Mapping[str, str]) -> str | None:
    """`SHEETS_EMULATOR_HOST` ("127.0.0.1:8085"), or None when unset or blank."""
    raw = environ.get(EMULATOR_ENV, "").strip()
    if not raw:
        return None
    for prefix in ("http://", "https://"):
        if raw.startswith(prefix):
            raw = raw[len(prefix) :]
    raw = raw.rstrip("/")
    if not _HOST_RE.match(raw):
        raise ConfigError(f"{EMULATOR_ENV}={raw!r} is not a host[:port]")
    return raw


def load_service_account_info(path: Path, *, lang: str = "vi") -> dict[str, str]:
    """Parse a service-account key file; ConfigError with a clear message otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(say(Msg.GOOGLE_KEY_NOT_FOUND, lang, path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            say(Msg.GOOGLE_KEY_UNREADABLE, lang, path=path, error=type(exc).__name__)
        ) from None
    try:
        data: Any = json.loads(text)
    except ValueError:
        # No excerpt of the file in the message: it may hold a private key.
        raise ConfigError(say(Msg.GOOGLE_KEY_NOT_JSON, lang, path=path)) from None
    if not isinstance(data, dict) or data.get("type") != "service_account":
        raise ConfigError(say(Msg.GOOGLE_KEY_NOT_SERVICE_ACCOUNT, lang, path=path))
    missing = [k for k in ("client_email", "private_key") if not data.get(k)]
    if missing:
        raise ConfigError(say(Msg.GOOGLE_KEY_LACKS, lang, path=path, fields=", ".join(missing)))
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def client_email(path: Path | None) -> str | None:
    """The e-mail the spreadsheet must be shared with, or None when unknown."""
    if path is None:
        return None
    try:
        return load_service_account_info(path)["client_email"]
    except ConfigError:
        return None


def key_file_is_private(path: Path) -> bool:
    """False when group or others may read or write the key file (mode & 0o077)."""
    return not (path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


@dataclass(frozen=True)
class ResolvedCredentials:
    credentials: Any  # google.auth.credentials.Credentials
    email: str | None
    anonymous: bool


def resolve_credentials(
    credentials_path: Path | None, *, emulator_host: str | None, lang: str = "vi"
) -> ResolvedCredentials:
    """Build credentials; nothing is fetched from the network here.

    - emulator: anonymous credentials (no token); the key file, when it parses, only
      names the e-mail for messages and protected-range editors.
    - a path: that service-account key (a missing file is a ConfigError: the composition
      root passes None when no path was configured).
    - None: Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud, GCE).
    """
    if emulator_host is not None:
        from google.auth import credentials as ga_credentials

        anonymous: Any = ga_credentials.AnonymousCredentials
        return ResolvedCredentials(anonymous(), client_email(credentials_path), True)
    if credentials_path is not None:
        from google.oauth2 import service_account

        info = load_service_account_info(credentials_path, lang=lang)
        sa_credentials: Any = service_account.Credentials
        try:
            creds = sa_credentials.from_service_account_info(info, scopes=list(SCOPES))
        except (ValueError, KeyError) as exc:
            raise ConfigError(
                say(Msg.GOOGLE_KEY_UNUSABLE, lang, path=credentials_path, error=type(exc).__name__)
            ) from None
        return ResolvedCredentials(creds, info["client_email"], False)

    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        creds, _project = google.auth.default(scopes=list(SCOPES))
    except DefaultCredentialsError:
        raise ConfigError(say(Msg.GOOGLE_KEY_MISSING, lang)) from None
    email = getattr(creds, "service_account_email", None)
    return ResolvedCredentials(
        creds, email if isinstance(email, str) and "@" in email else None, False
    )


# --- doctor ------------------------------------------------------------------------------


def credential_checks(
    path: Path | None,
    *,
    emulator_host: str | None,
    probe: Callable[[], object],
    lang: str = "vi",
) -> Iterator[DoctorCheck]:
    """Key file, e-mail, access (`probe` does one spreadsheets.get), key file mode."""
    key_check, email = _key_check(path, emulator_host, lang)
    yield key_check
    yield _email_check(email, emulator_host, lang)
    label = say(Msg.GOOGLE_CHECK_ACCESS, lang)
    try:
        probe()
        yield DoctorCheck(label, True)
    except DaisusoError as exc:
        yield DoctorCheck(label, False, str(exc))
    if path is not None and path.exists():
        yield _mode_check(path, lang)


def _key_check(
    path: Path | None, emulator_host: str | None, lang: str
) -> tuple[DoctorCheck, str | None]:
    if path is None:
        label = say(Msg.GOOGLE_CHECK_ADC, lang)
        if emulator_host is not None:
            return DoctorCheck(label, True, f"emulator {emulator_host}"), None
        try:
            email = resolve_credentials(None, emulator_host=None, lang=lang).email
            return DoctorCheck(label, True), email
        except ConfigError as exc:
            return DoctorCheck(label, False, str(exc)), None
    label = say(Msg.GOOGLE_CHECK_KEY_FILE, lang, path=path)
    try:
        return DoctorCheck(label, True), load_service_account_info(path, lang=lang)["client_email"]
    except ConfigError as exc:
        return DoctorCheck(label, False, str(exc)), None


def _email_check(email: str | None, emulator_host: str | None, lang: str) -> DoctorCheck:
    if email:
        return DoctorCheck(
            say(Msg.GOOGLE_CHECK_EMAIL, lang, email=email),
            True,
            say(Msg.GOOGLE_CHECK_EMAIL_SHARE, lang, email=email),
        )
    return DoctorCheck(
        say(Msg.GOOGLE_CHECK_EMAIL_UNKNOWN, lang),
        emulator_host is not None,
        say(Msg.GOOGLE_CHECK_EMAIL_UNKNOWN_FIX, lang),
    )


def _mode_check(path: Path, lang: str) -> DoctorCheck:
    label = say(Msg.GOOGLE_CHECK_KEY_MODE, lang, path=path)
    private = key_file_is_private(path)
    fix = "" if private else say(Msg.GOOGLE_CHECK_KEY_MODE_FIX, lang, path=path)
    return DoctorCheck(label, private, fix, not private)
