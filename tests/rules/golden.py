"""The demo campaign's outputs before hamlets were listed, kept to prove nothing changed.

`python -m tests.rules.golden` (run on the code to compare against) writes
`tests/rules/data/demo_no_hamlets.json.gz`: the demo's four entry tabs as they were
generated then, its full JSON report and every summary table, in both languages.
"""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rules.campaign import Campaign
from rules.evaluate import evaluate
from rules.summary import build_tables, report_json
from rules.values.communes import CommuneDirectory

GOLDEN = Path(__file__).parent / "data" / "demo_no_hamlets.json.gz"
TODAY = date(2025, 11, 10)
NOW = datetime(2025, 11, 10, 8, 30)


def encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict) and value.keys() == {"datetime"}:
        return datetime.fromisoformat(value["datetime"])
    if isinstance(value, dict) and value.keys() == {"date"}:
        return date.fromisoformat(value["date"])
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    return value


def outputs(grids: dict[str, Any]) -> dict[str, Any]:
    """Everything a sync or `validate --format json` shows, for both languages."""
    campaign = Campaign()
    report = evaluate(grids, campaign, CommuneDirectory.for_province(campaign.province), TODAY)
    found: dict[str, Any] = {}
    for lang in ("vi", "en"):
        found[f"json.{lang}"] = report_json(report, lang=lang)
        for table in build_tables(report, lang=lang, now=NOW):
            found[f"table.{lang}.{table.title}"] = {
                "columns": [c.name for c in table.columns],
                "rows": [list(r) for r in table.rows],
            }
    return encode(found)  # type: ignore[no-any-return]


def load() -> tuple[dict[str, Any], dict[str, Any]]:
    """(grids, outputs) as written."""
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as f:
        data = json.load(f)
    return decode(data["grids"]), data["outputs"]


def write() -> None:
    from sync.demo.data import build_demo_grids

    grids = build_demo_grids(today=TODAY)
    data = {"grids": encode(grids), "outputs": outputs(grids)}
    GOLDEN.parent.mkdir(exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
    GOLDEN.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))


if __name__ == "__main__":
    write()
