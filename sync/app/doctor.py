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
from sync.ports import DoctorCheck

Echo = Callable[[str], None]

_T = {
    "config": ("Cấu hình {path} hợp lệ", "Config {path} is valid"),
    "book": ("Mở được bảng tính {name}", "Spreadsheet {name} opens"),
    "tab": ("Tab '{tab}' có đủ cột bắt buộc", "Tab '{tab}' has its required columns"),
    "tab.optional": (
        "Chưa có tab '{tab}' (không bắt buộc; `daisuso init` sẽ tạo)",
        "No tab '{tab}' (optional; `daisuso init` creates it)",
    ),
    "tab.missing": (
        "Thiếu tab '{tab}' → chạy `daisuso init`",
        "Tab '{tab}' is missing → run `daisuso init`",
    ),
    "col.missing": (
        "Tab '{tab}' thiếu cột {cols} → thêm vào hàng tiêu đề",
        "Tab '{tab}' lacks {cols} → add them to its header row",
    ),
    "near": (
        "Tab '{tab}': cột {letter} '{header}' không được nhận ra; có phải là cột {column}? → đổi tiêu đề thành '{column}'",
        "Tab '{tab}': column {letter} '{header}' is not recognised; is it {column}? → rename its header to '{column}'",
    ),
    "ok": ("Mọi thứ sẵn sàng.", "Everything is ready."),
    "state": ("Thư mục trạng thái {path} ghi được", "State folder {path} is writable"),
    "state.fix": (
        "Người dùng này không ghi được vào {path}; cấp quyền ghi hoặc đổi worker.state_dir",
        "This user cannot write to {path}; grant write access or change worker.state_dir",
    ),
    "ok.warn": (
        "Đồng bộ được, nhưng hãy xem các cảnh báo ở trên.",
        "Syncs, but see the warnings above.",
    ),
}


def _t(key: str, lang: str, **params: object) -> str:
    pair = _T[key]
    return (pair[1] if lang == "en" else pair[0]).format(**params)


def _state_check(folder: Path, lang: str) -> DoctorCheck:
    """The state folder (pending log rows, snapshots) must be writable by this user."""
    probe = folder if folder.exists() else next((p for p in folder.parents if p.exists()), folder)
    ok = os.access(probe, os.W_OK | os.X_OK)
    fix = "" if ok else _t("state.fix", lang, path=probe)
    return DoctorCheck(_t("state", lang, path=folder), ok, fix)


def run_doctor(config: Path, environ: Mapping[str, str], echo: Echo) -> int:
    """Print one line per check; return the exit code of the first failure (0 when all pass)."""
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        echo(f"✗ {exc}")
        return exc.exit_code
    lang = settings.worker.lang
    echo(f"✓ {_t('config', lang, path=config)}")
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
            echo(f"✓ {_t('book', lang, name=backend.display_name)}")
            found = find_tabs(titles)
            grids = book.read(list(found.values()))
    except DaisusoError as exc:
        echo(f"✗ {exc}")
        return exc.exit_code
    problems = warnings = 0
    for spec in ENTRY_TABS:
        if spec.title not in found and spec.optional:
            echo(f"• {_t('tab.optional', lang, tab=spec.title)}")
            continue
        if spec.title not in found:
            echo(f"✗ {_t('tab.missing', lang, tab=spec.title)}")
            problems += 1
            continue
        header = map_headers(spec, grids[found[spec.title]])
        missing = (
            [c.vi for c in spec.columns if c.required]
            if header is None
            else [c.vi for c in header.missing]
        )
        if missing:
            echo(f"✗ {_t('col.missing', lang, tab=spec.title, cols=', '.join(missing))}")
            problems += 1
        else:
            echo(f"✓ {_t('tab', lang, tab=spec.title)}")
        for miss in header.near_misses if header is not None else ():
            column, letter = spec.column(miss.field).vi, column_letter(miss.index)
            echo(
                f"⚠ {_t('near', lang, tab=spec.title, letter=letter, header=miss.header, column=column)}"
            )
            warnings += 1
    if problems:
        return LayoutError.exit_code
    echo(_t("ok.warn" if warnings else "ok", lang))
    return 0
