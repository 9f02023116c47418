"""Credentials and `doctor` on Google Sheets: key files, ADC, the emulator host, checks in order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sync.adapters.google.backend import (
    GoogleBackend,
    RetryPolicy,
    client_email,
    doctor_checks,
    emulator_host_from_env,
    load_service_account_info,
)
from sync.errors import ConfigError
from tests.adapters.test_google_backend import (
    EMAIL,
    FAKE_PEM,
    KEY,
    api_calls,
    backend_for,
    write_key_file,
)


def test_key_file_errors_are_clear_and_never_echo_the_key(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ConfigError, match="Không tìm thấy"):
        load_service_account_info(missing)
    bad = tmp_path / "bad.json"
    bad.write_text('{"private_key": "' + FAKE_PEM.replace("\n", "\\n") + '", oops', "utf-8")
    with pytest.raises(ConfigError, match="JSON") as exc:
        load_service_account_info(bad)
    assert "PRIVATE KEY" not in str(exc.value)
    user = tmp_path / "user.json"
    user.write_text(json.dumps({"type": "authorized_user", "client_id": "x"}), "utf-8")
    with pytest.raises(ConfigError, match="service_account"):
        load_service_account_info(user)
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"type": "service_account", "client_email": EMAIL}), "utf-8")
    with pytest.raises(ConfigError, match="private_key"):
        load_service_account_info(partial)
    assert client_email(partial) is None
    assert client_email(write_key_file(tmp_path)) == EMAIL
    assert client_email(None) is None


def test_missing_key_and_no_adc_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "absent.json"))
    with pytest.raises(ConfigError):
        GoogleBackend(KEY, None, retry=RetryPolicy()).client()
    with pytest.raises(ConfigError, match="absent-too"):
        GoogleBackend(KEY, tmp_path / "absent-too.json", retry=RetryPolicy()).client()


def test_real_service_account_key_builds_credentials_without_network(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    path = write_key_file(tmp_path)
    info = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**info, "private_key": pem}), "utf-8")
    backend = GoogleBackend(KEY, path, retry=RetryPolicy())
    http, email = backend.client()
    assert email == EMAIL
    assert http.auth.scopes == ["https://www.googleapis.com/auth/spreadsheets"]
    assert http.auth.token is None  # nothing fetched yet
    assert backend.lock_key == f"google:{KEY}"


def test_emulator_host_from_env() -> None:
    assert emulator_host_from_env({}) is None
    assert emulator_host_from_env({"SHEETS_EMULATOR_HOST": " "}) is None
    assert emulator_host_from_env({"SHEETS_EMULATOR_HOST": "http://127.0.0.1:8085/"}) == (
        "127.0.0.1:8085"
    )
    with pytest.raises(ConfigError):
        emulator_host_from_env({"SHEETS_EMULATOR_HOST": "127.0.0.1:80/x y"})


def test_doctor_checks_in_order(emu: Any, tmp_path: Path) -> None:
    backend = backend_for(emu, tmp_path)
    assert backend.credentials_path is not None
    backend.credentials_path.chmod(0o644)
    emu.clear_requests()
    checks = list(doctor_checks(backend))
    assert [c.ok for c in checks] == [True, True, True, False]
    assert EMAIL in checks[1][0] and EMAIL in checks[1][2]
    assert checks[3].warning and "chmod 600" in checks[3][2]
    assert len(api_calls(emu)) == 1  # one spreadsheets.get
    backend.credentials_path.chmod(0o600)
    emu.set_private(KEY)
    checks = list(doctor_checks(backend))
    assert [c.ok for c in checks] == [True, True, False, True]
    assert EMAIL in checks[2][2]
