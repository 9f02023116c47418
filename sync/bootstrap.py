"""The one composition root: settings and the environment in, wired objects out.

Only this module knows the concrete backend classes. Tests pass `Overrides` (a clock,
a sleep, a random source, a timer or a whole backend) instead of patching anything.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sync.app.service import SyncService
from sync.config import Settings, load_settings
from sync.errors import ConfigError
from sync.messages import Msg, say
from sync.ports import Backend
from sync.store.lock import lock_path_for
from sync.store.snapshots import SnapshotStore
from sync.store.state import StateStore

if TYPE_CHECKING:
    from sync.adapters.google.http import RequestPacer

Clock = Callable[[], datetime]
Sleep = Callable[[float], None]
Timer = Callable[[], float]


@dataclass(frozen=True)
class Overrides:
    """What a test (or an embedding program) supplies instead of the real thing."""

    clock: Clock | None = None  # aware "now" in the campaign's time zone
    sleep: Sleep | None = None
    rng: random.Random | None = None
    timer: Timer | None = None
    backend: Backend | None = None
    lock_path: Path | None = None
    pacer: RequestPacer | None = None  # Google: a pacer shared with other spreadsheets (fleet)


NO_OVERRIDES = Overrides()


def campaign_clock(settings: Settings, overrides: Overrides = NO_OVERRIDES) -> Clock:
    if overrides.clock is not None:
        return overrides.clock
    zone = ZoneInfo(settings.campaign.timezone)
    return lambda: datetime.now(zone)


def build_backend(
    settings: Settings, environ: Mapping[str, str], overrides: Overrides = NO_OVERRIDES
) -> tuple[Backend, Path]:
    """The configured backend and the path of its sync lock."""
    if overrides.backend is not None:
        backend = overrides.backend
        return backend, overrides.lock_path or lock_path_for(backend.lock_key)
    if settings.spreadsheet.backend == "xlsx":
        from sync.adapters.xlsx.backend import XlsxBackend

        path = settings.workbook_path
        resolved = path.resolve()
        snapshots = settings.state_path / "snapshots" / _safe(str(resolved))
        backend = XlsxBackend(
            path,
            snapshot_exists=snapshots.is_dir() and any(snapshots.iterdir()),
            lang=settings.worker.lang,
        )
        return backend, lock_path_for(str(resolved), resolved.parent)
    return _google_backend(settings, environ, overrides)


def _google_backend(
    settings: Settings, environ: Mapping[str, str], overrides: Overrides
) -> tuple[Backend, Path]:
    from sync.adapters.google.auth import emulator_host_from_env
    from sync.adapters.google.backend import GoogleBackend
    from sync.adapters.google.http import RetryPolicy
    from sync.adapters.google.memory import SheetMemory

    lang = settings.worker.lang
    if not settings.spreadsheet.key:
        raise ConfigError(say(Msg.CONFIG_KEY_MISSING, lang))
    g = settings.google
    retry = RetryPolicy(
        g.max_attempts, g.max_wait_seconds, g.timeout_seconds, requests_per_minute=g.requests_per_minute
    )  # fmt: skip
    extra: dict[str, object] = {}
    if overrides.sleep is not None:
        extra["sleep"] = overrides.sleep
    if overrides.rng is not None:
        extra["rng"] = overrides.rng
    if overrides.pacer is not None:
        extra["pacer"] = overrides.pacer
    key = settings.spreadsheet.key.strip()
    host = emulator_host_from_env(environ)
    # The layout remembered in the sync's own state: 1 read + 1 write in steady state. It
    # is tied to the spreadsheet key and the server: another key (or the same key on an
    # emulator) never reuses it.
    identity = key if host is None else f"{key}@{host}"
    memory = SheetMemory(StateStore(settings.state_path, f"google:{key}"), identity)
    backend = GoogleBackend(
        settings.spreadsheet.key,
        google_credentials_path(settings),
        retry=retry,
        emulator_host=host,
        lang=lang,
        memory=memory if g.remember_layout else None,
        **extra,  # type: ignore[arg-type]
    )
    return backend, overrides.lock_path or lock_path_for(settings.spreadsheet.key)


def google_credentials_path(settings: Settings) -> Path | None:
    """The key file; None means Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS).

    A path the admin wrote must exist (the backend says so); the default
    `credentials.json` falls back to ADC when it is absent.
    """
    configured = "credentials" in settings.spreadsheet.model_fields_set
    if not settings.spreadsheet.credentials:
        return None
    path = settings.resolve(settings.spreadsheet.credentials)
    return path if configured or path.exists() else None


def _safe(key: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in key)[-80:]


def snapshot_folder(settings: Settings, backend: Backend) -> Path:
    return settings.state_path / "snapshots" / _safe(backend.lock_key)


def build_service(
    config: Path | Settings,
    environ: Mapping[str, str],
    *,
    show_personal: bool = False,
    overrides: Overrides = NO_OVERRIDES,
) -> SyncService:
    """A ready sync service for one spreadsheet: backend, lock, state, snapshots, clock."""
    settings = config if isinstance(config, Settings) else load_settings(config)
    backend, lock = build_backend(settings, environ, overrides)
    return SyncService(
        backend,
        settings,
        clock=campaign_clock(settings, overrides),
        timer=overrides.timer or time.monotonic,
        lock_path=lock,
        state=StateStore(settings.state_path, backend.lock_key),
        snapshots=SnapshotStore(snapshot_folder(settings, backend), settings.worker.snapshot_days),
        show_personal=show_personal,
    )
