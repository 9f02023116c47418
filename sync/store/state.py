"""Local state beside the config: log rows waiting for a reachable sheet, last row counts."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any


class StateStore:
    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        safe = "".join(ch if ch.isalnum() else "_" for ch in key)[-80:]
        self._file = folder / f"state-{safe}.json"

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self._file.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(temp, self._file)

    def pending_log_rows(self) -> list[tuple[object, ...]]:
        rows = self._load().get("pending_log", [])
        out: list[tuple[object, ...]] = []
        for row in rows:
            if isinstance(row, list) and row:
                out.append((datetime.fromisoformat(str(row[0])), *row[1:]))
        return out

    def add_pending_log_row(self, row: tuple[object, ...]) -> None:
        data = self._load()
        first = row[0]
        stamp = first.isoformat() if isinstance(first, datetime) else str(first)
        data.setdefault("pending_log", []).append([stamp, *row[1:]])
        data["pending_log"] = data["pending_log"][-50:]  # a long outage is summarised, not replayed
        self._save(data)

    def clear_pending_log(self) -> None:
        data = self._load()
        if data.pop("pending_log", None) is not None:
            self._save(data)

    def last_counts(self) -> dict[str, int]:
        counts = self._load().get("last_counts", {})
        return {str(k): int(v) for k, v in counts.items()} if isinstance(counts, dict) else {}

    def set_last_counts(self, counts: dict[str, int]) -> None:
        data = self._load()
        if data.get("last_counts") == counts:
            return  # the same as last time: no write
        data["last_counts"] = counts
        self._save(data)

    def get(self, key: str) -> str | None:
        value = self._load().get(key)
        return value if isinstance(value, str) else None

    def put(self, **values: str) -> None:
        data = self._load()
        if all(data.get(k) == v for k, v in values.items()):
            return  # the same as stored (a layout unchanged since the last sync): no write
        data.update(values)
        self._save(data)
