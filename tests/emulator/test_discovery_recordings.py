"""Every request body Google accepted in the recordings passes the discovery check, and the
one Google rejected for its shape gets the same answer from the check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sync.emulator import discovery
from tests.emulator.recordings import ENV, recording_files

_METHODS = [
    ("POST", r"/v4/spreadsheets/[^/]+:batchUpdate$", "sheets.spreadsheets.batchUpdate"),
    (
        "POST",
        r"/v4/spreadsheets/[^/]+/values:batchUpdate$",
        "sheets.spreadsheets.values.batchUpdate",
    ),
    ("POST", r"/v4/spreadsheets/[^/]+/values:batchClear$", "sheets.spreadsheets.values.batchClear"),
    ("POST", r"/v4/spreadsheets/[^/]+/values/[^/]+:append$", "sheets.spreadsheets.values.append"),
    ("POST", r"/v4/spreadsheets/[^/]+/values/[^/]+:clear$", "sheets.spreadsheets.values.clear"),
    ("PUT", r"/v4/spreadsheets/[^/]+/values/[^/]+$", "sheets.spreadsheets.values.update"),
    ("POST", r"/v4/spreadsheets$", "sheets.spreadsheets.create"),
]


def _method_id(method: str, uri: str) -> str | None:
    path = uri.split("?")[0]
    return next((m for verb, p, m in _METHODS if verb == method and re.search(p, path)), None)


def test_recorded_bodies_get_googles_verdict() -> None:
    doc = discovery.load()
    assert doc is not None
    checked = rejected = 0
    for path in recording_files():
        for it in json.loads(Path(path).read_text(encoding="utf-8"))["interactions"]:
            request, response = it["request"], it["response"]
            method_id = _method_id(request["method"], request["uri"])
            if method_id is None or not request["body"]:
                continue
            found = doc.check_request(method_id, json.loads(request["body"]))
            checked += 1
            if not found:
                continue
            rejected += 1
            answer = json.loads(response["body"]["string"])
            assert discovery.error_body(found) == answer, f"{path.name}: {request['body']}"
    assert checked > 100, f"too few recorded bodies checked ({checked}); see ${ENV}"
    assert rejected == 1


def test_missing_recordings_skip_locally_and_fail_in_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, str(tmp_path / "nowhere"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="nowhere"):
        recording_files()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"nowhere.*CI is set"):
        recording_files()
    (tmp_path / "nowhere").mkdir()
    (tmp_path / "nowhere" / "x.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in recording_files()] == ["x.json"]
