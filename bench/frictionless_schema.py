"""The `Đại sứ số` tab as a frictionless Table Schema, and a CSV writer for its grid.

As close to the contract as Table Schema allows: required fields, a phone pattern that
accepts the typed forms the contract accepts (`0912 345 678`, `0912.345.678`,
`+84 912 345 678`, `84912345678`, `912345678`), a commune enum of the province's official
names plus their short forms (`P. Ninh Kiều`, `Ninh Kiều`), the gender enum, a team-code
pattern and a dd/mm/yyyy date not after today. What it cannot express (NFC folding,
duplicate phones, team/commune cross-checks, quotas) is simply not checked.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

PHONE_PATTERN = r"(?:\+84|84|0)?[ .]?[1-9]\d(?:[ .]?\d){7}"
TEAM_PATTERN = r"\s*[Tt]\d{2}\s*"
YEAR_PATTERN = r"\d{4}|\d{1,2}/\d{1,2}/\d{4}"
KIND_SHORT = {"xã": "X.", "phường": "P.", "đặc khu": "ĐK."}


def commune_names(province: str = "Cần Thơ") -> list[str]:
    """Official names, `P. <base>` / `X. <base>` and the bare base name, deduplicated."""
    from rules.values.communes import CommuneDirectory

    names: dict[str, None] = {}
    for c in CommuneDirectory.for_province(province).communes:
        names[c.name] = None
        names[f"{KIND_SHORT.get(c.kind, '')} {c.base}".strip()] = None
        names[c.base] = None
    return list(names)


def schema_descriptor(headers: Sequence[str], communes: list[str], today: date) -> dict[str, Any]:
    spec: dict[str, dict[str, Any]] = {
        "Họ và tên": {"type": "string", "constraints": {"required": True}},
        "Năm sinh": {"type": "string", "constraints": {"pattern": YEAR_PATTERN}},
        "Giới tính": {"type": "string", "constraints": {"enum": ["Nam", "Nữ", "Khác"]}},
        "Số điện thoại": {
            "type": "string",
            "constraints": {"required": True, "pattern": PHONE_PATTERN},
        },
        "Xã/Phường": {"type": "string", "constraints": {"required": True, "enum": communes}},
        "Mã tổ": {"type": "string", "constraints": {"required": True, "pattern": TEAM_PATTERN}},
        "Ngày công nhận": {
            "type": "date",
            "format": "%d/%m/%Y",
            "constraints": {"required": True, "maximum": today.strftime("%d/%m/%Y")},
        },
    }
    fields = [{"name": h, **spec.get(h, {"type": "string"})} for h in headers]
    return {"fields": fields, "missingValues": [""]}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def write_csv(path: Path, grid: Sequence[Sequence[Any]]) -> None:
    """The grid as it would be exported from the sheet: dates as dd/mm/yyyy text."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for row in grid:
            writer.writerow([_csv_cell(v) for v in row])


def validate_csv(folder: Path, name: str, descriptor: dict[str, Any]) -> tuple[int, int]:
    """Validate `folder/name` against the schema; (rows checked, errors found)."""
    from frictionless import Resource, Schema

    resource = Resource(path=name, basepath=str(folder), schema=Schema.from_descriptor(descriptor))
    report = resource.validate(limit_errors=10**9)
    task = report.tasks[0]
    return int(task.stats.get("rows") or 0), len(task.errors)
