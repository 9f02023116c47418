"""Replaying recorded Google exchanges (vcrpy JSON) against the emulator and comparing.

Used by tests/test_emulator_fidelity.py; see shared/sheets-api-recordings/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

# Ids Google and the emulator pick independently; learnt from responses, mapped in requests.
ID_KEYS = {"spreadsheetId", "sheetId", "protectedRangeId", "namedRangeId", "chartId", "id"}
# What README says cannot match: volatile or account-specific.
DROPPED_KEYS = {"spreadsheetUrl", "createdTime", "modifiedTime"}
_SHEET_ID_IN_PATH = re.compile(r"/(?:v4/spreadsheets|drive/v3/files)/([^/:?]+)")


@dataclass
class Outcome:
    file: str
    index: int
    method: str
    uri: str
    identical: bool
    expected: Any = None
    actual: Any = None


@dataclass
class IdMap:
    ids: dict[tuple[str, str], Any] = field(default_factory=dict)

    @staticmethod
    def kind(key: str) -> str:
        return "spreadsheet" if key in ("id", "spreadsheetId") else key

    def learn(self, recorded: Any, actual: Any) -> None:
        """Walk both responses in parallel; where ids differ, remember recorded -> actual."""
        if isinstance(recorded, dict) and isinstance(actual, dict):
            for key, value in recorded.items():
                if key not in actual:
                    continue
                other = actual[key]
                scalar = isinstance(value, str | int) and isinstance(other, str | int)
                if key in ID_KEYS and scalar:
                    self.ids.setdefault((self.kind(key), str(value)), other)
                else:
                    self.learn(value, other)
        elif isinstance(recorded, list) and isinstance(actual, list):
            for a, b in zip(recorded, actual, strict=False):
                self.learn(a, b)

    def translate(self, obj: Any) -> Any:
        """Recorded JSON with Google's ids replaced by the emulator's."""
        if isinstance(obj, dict):
            out = {}
            for key, value in obj.items():
                mapped = self.ids.get((self.kind(key), str(value))) if key in ID_KEYS else None
                if mapped is not None and isinstance(value, str | int):
                    out[key] = str(mapped) if isinstance(value, str) else int(mapped)
                else:
                    out[key] = self.translate(value)
            return out
        if isinstance(obj, list):
            return [self.translate(v) for v in obj]
        if isinstance(obj, str):
            return self.translate_text(obj)
        return obj

    def translate_text(self, text: str) -> str:
        for (kind, old), new in self.ids.items():
            if kind == "spreadsheet" and old != str(new) and len(old) > 10 and old in text:
                text = text.replace(old, str(new))
        return text


def normalise(obj: Any) -> Any:
    """Drop what cannot match; e-mails in `editors` become a placeholder."""
    if isinstance(obj, dict):
        out = {k: normalise(v) for k, v in obj.items() if k not in DROPPED_KEYS}
        editors = out.get("editors")
        if isinstance(editors, dict) and "users" in editors:
            editors["users"] = ["<user>" for _ in editors["users"]]
        return out
    if isinstance(obj, list):
        return [normalise(v) for v in obj]
    return obj


def sessions(interactions: list[dict[str, Any]]) -> list[list[tuple[int, dict[str, Any]]]]:
    """Split at each Drive 'create file' POST: each session runs on fresh state."""
    out: list[list[tuple[int, dict[str, Any]]]] = []
    for index, it in enumerate(interactions):
        req = it["request"]
        path = urlsplit(req["uri"]).path
        if (req["method"] == "POST" and path == "/drive/v3/files") or not out:
            out.append([])
        out[-1].append((index, it))
    return out


def _json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def replay_file(path: Path, base_url: str, http: requests.Session) -> list[Outcome]:
    data = json.loads(path.read_text(encoding="utf-8"))
    outcomes: list[Outcome] = []
    for session in sessions(data["interactions"]):
        http.post(f"{base_url}/_emulator/reset").raise_for_status()
        ids = IdMap()
        for index, it in session:
            outcomes.append(_replay_one(path.name, index, it, base_url, http, ids))
    return outcomes


def _replay_one(
    name: str, index: int, it: dict[str, Any], base_url: str, http: requests.Session, ids: IdMap
) -> Outcome:
    req, res = it["request"], it["response"]
    split = urlsplit(req["uri"])
    target = ids.translate_text(split.path + (f"?{split.query}" if split.query else ""))
    recorded_status = int(res["status"]["code"])
    m = _SHEET_ID_IN_PATH.search(split.path)
    if m and recorded_status == 403 and ("spreadsheet", m.group(1)) not in ids.ids:
        # Someone else's spreadsheet: it exists but we may not read it.
        sid = m.group(1)
        http.put(f"{base_url}/_emulator/spreadsheets/{sid}", json={}).raise_for_status()
        http.post(f"{base_url}/_emulator/spreadsheets/{sid}/access", json={"private": True})
    body = _json(req.get("body"))
    payload = None if body is None else json.dumps(ids.translate(body)).encode()
    headers = {"Content-Type": "application/json"} if payload is not None else {}
    response = http.request(req["method"], base_url + target, data=payload, headers=headers)
    expected_body = _json((res.get("body") or {}).get("string"))
    actual_body = _json(response.text)
    if req["method"] == "POST":
        # Ids are born in POST answers (Drive create, addSheet, addProtectedRange, ...); other
        # answers are compared with the ids learnt so far, so a wrong id there is a mismatch.
        ids.learn(expected_body, actual_body)
    expected = {
        "status": recorded_status,
        "type": _content_type(res.get("headers", {})),
        "body": normalise(ids.translate(expected_body)),
    }
    actual = {
        "status": response.status_code,
        "type": response.headers.get("Content-Type"),
        "body": normalise(actual_body),
    }
    return Outcome(name, index, req["method"], req["uri"], expected == actual, expected, actual)


def _content_type(headers: dict[str, Any]) -> str | None:
    for key, value in headers.items():
        if key.lower() == "content-type":
            return str(value[0] if isinstance(value, list) else value)
    return None
