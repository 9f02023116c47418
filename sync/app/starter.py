"""A starter `daisuso.toml` for `daisuso init` in a folder that has none."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rules.messages import pick
from sync.config import Settings
from sync.config_messages import describe_errors
from sync.errors import ConfigError

HEAD = (
    "# daisuso — cấu hình. Mọi khóa có thể ghi đè bằng biến môi trường DAISUSO_<MỤC>__<KHÓA>.\n"
    "# Sửa start, deadline, target cho đúng chiến dịch của bạn.\n",
    "# daisuso configuration. Any key can be overridden by DAISUSO_<SECTION>__<KEY>.\n"
    "# Set start, deadline and target to your campaign's.\n",
)


def starter_config(
    path: Path, *, province: str, workbook: str | None, key: str | None, lang: str
) -> Settings:
    """Write a starter config at `path` (which must not exist); returns what it holds."""
    spreadsheet: dict[str, Any] = {"backend": "google", "key": key} if key else {}
    if workbook and not key:
        spreadsheet["path"] = workbook
    raw = {"spreadsheet": spreadsheet, "campaign": {"province": province}, "worker": {"lang": lang}}
    try:
        settings = Settings.model_validate({**raw, "base_dir": path.resolve().parent})
    except ValidationError as exc:
        raise ConfigError(describe_errors(exc, path, lang)) from exc
    data = settings.model_dump(mode="python", include={"spreadsheet", "campaign", "worker"})
    data["worker"] = {k: data["worker"][k] for k in ("every_minutes", "lang")}
    if not key:
        data["spreadsheet"] = {k: data["spreadsheet"][k] for k in ("backend", "path")}
    path.write_text(pick(HEAD, lang) + _toml(data), encoding="utf-8")
    return settings


def _value(value: object) -> str:
    """A TOML value: strings quoted (JSON escapes are valid TOML), dates and numbers bare."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | int | float):
        return value.isoformat() if isinstance(value, date) else repr(value)
    raise TypeError(type(value).__name__)


def _toml(sections: dict[str, dict[str, object]]) -> str:
    blocks = [
        f"[{name}]\n" + "".join(f"{key} = {_value(v)}\n" for key, v in table.items())
        for name, table in sections.items()
    ]
    return "\n".join(blocks)
