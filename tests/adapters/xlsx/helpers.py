"""A small campaign workbook and a sync over the shared-workbook backend."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sync.adapters.xlsx.backend import XlsxBackend
from sync.app.service import SyncResult, SyncService
from sync.bootstrap import Overrides, build_service
from sync.config import load_settings
from tests.builders import small_campaign, write_config, write_workbook

ENTRY = ("Tổ", "Phân công", "Đại sứ số", "Tập huấn")
SUMMARY = ("Tổng hợp", "Theo tổ", "Theo xã", "Cảnh báo", "Lỗi dữ liệu", "Nhật ký")
NOW = datetime(2025, 11, 10, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def make_book(folder: Path, name: str = "book.xlsx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = write_workbook(folder / name, small_campaign())
    write_config(folder, workbook=name)
    return path


def service(path: Path, config_dir: Path | None = None, **options: object) -> SyncService:
    settings = load_settings((config_dir or path.parent) / "daisuso.toml")
    backend = XlsxBackend(path, **options)  # type: ignore[arg-type]
    return build_service(settings, {}, overrides=Overrides(clock=lambda: NOW, backend=backend))


def sync(path: Path, config_dir: Path | None = None, **options: object) -> SyncResult:
    return service(path, config_dir, **options).sync()
