"""Member configs and fleet files on disk for fleet tests."""

from __future__ import annotations

from pathlib import Path


def google_member(folder: Path, name: str, key: str, credentials: str = "sa1.json") -> Path:
    path = folder / name / "daisuso.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[spreadsheet]\nbackend = "google"\nkey = "{key}"\ncredentials = "../{credentials}"\n',
        encoding="utf-8",
    )
    return path


def key_file(folder: Path, name: str, project: str) -> Path:
    path = folder / name
    path.write_text(f'{{"project_id": "{project}", "client_email": "{name}@x"}}', encoding="utf-8")
    return path


def fleet_file(folder: Path, members: list[str], extra: str = "") -> Path:
    path = folder / "fleet.toml"
    listed = ", ".join(f'"{m}"' for m in members)
    path.write_text(f"members = [{listed}]\n{extra}", encoding="utf-8")
    return path
