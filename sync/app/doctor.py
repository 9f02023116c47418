"""`daisuso doctor`: check config, credentials, access, tabs and headers, in that order, and say how to fix each."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from rules.contract import ENTRY_TABS, column_letter, map_headers
from rules.evaluate import find_tabs
from sync.bootstrap import build_backend
from sync.config import load_settings
from sync.errors import ConfigError, DaisusoError, LayoutError, UnreachableError
from sync.messages import Msg, say
from sync.ports import DoctorCheck

Echo = Callable[[str], None]


def _state_check(folder: Path, lang: str) -> DoctorCheck:
    """The state folder (pending log rows, snapshots) must be writable by this user."""
    probe = folder if folder.exists() else next((p for p in folder.parents if p.exists()), folder)
    ok = os.access(probe, os.W_OK | os.X_OK)
    fix = "" if ok else say(Msg.DOCTOR_STATE_FIX, lang, path=probe)
    return DoctorCheck(say(Msg.DOCTOR_STATE, lang, path=folder), ok, fix)


def run_doctor(config: Path, environ: Mapping[str, str], echo: Echo) -> int:
    """Print one line per check; return the exit code of the first failure (0 when all pass)."""
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        echo(f"✗ {exc}")
        return exc.exit_code
    lang = settings.worker.lang
    echo(f"✓ {say(Msg.DOCTOR_CONFIG, lang, path=config)}")
    try:
        backend, _ = build_backend(settings, environ)
    except DaisusoError as exc:
        echo(f"✗ {exc}")
        return exc.exit_code
    failed = False
    for check in (*backend.doctor_checks(), _state_check(settings.state_path, lang)):
        mark = "✓" if check.ok else ("!" if check.warning else "✗")
        echo(f"{mark} {check.label}" + (f" → {check.fix}" if check.fix and not check.ok else ""))
        failed = failed or (not check.ok and not check.warning)
    if failed:
        return UnreachableError.exit_code
    try:
        with backend.open() as book:
            titles = book.titles()
            echo(f"✓ {say(Msg.DOCTOR_BOOK, lang, name=backend.display_name)}")
            found = find_tabs(titles)
            grids = book.read(list(found.values()))
    except DaisusoError as exc:
        echo(f"✗ {exc}")
        return exc.exit_code
    problems = warnings = 0
    for spec in ENTRY_TABS:
        if spec.title not in found and spec.optional:
            echo(f"• {say(Msg.DOCTOR_TAB_OPTIONAL, lang, tab=spec.title)}")
            continue
        if spec.title not in found:
            echo(f"✗ {say(Msg.DOCTOR_TAB_MISSING, lang, tab=spec.title)}")
            problems += 1
            continue
        header = map_headers(spec, grids[found[spec.title]])
        missing = (
            [c.vi for c in spec.columns if c.required]
            if header is None
            else [c.vi for c in header.missing]
        )
        if missing:
            echo(f"✗ {say(Msg.DOCTOR_COL_MISSING, lang, tab=spec.title, cols=', '.join(missing))}")
            problems += 1
        else:
            echo(f"✓ {say(Msg.DOCTOR_TAB, lang, tab=spec.title)}")
        for miss in header.near_misses if header is not None else ():
            column, letter = spec.column(miss.field).vi, column_letter(miss.index)
            echo(
                f"⚠ {say(Msg.DOCTOR_NEAR, lang, tab=spec.title, letter=letter, header=miss.header, column=column)}"
            )
            warnings += 1
    if problems:
        return LayoutError.exit_code
    echo(say(Msg.DOCTOR_OK_WARN if warnings else Msg.DOCTOR_OK, lang))
    return 0
