"""`daisuso demo`: a realistic Cần Thơ campaign workbook and its config, laid out around a date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rules.campaign import DEFAULTS
from sync.demo.data import DemoStats, build_demo_workbook

WORKBOOK = "dai-su-so-demo.xlsx"
CONFIG = "daisuso.toml"
# The demo campaign runs 46 days; "today" falls on its 26th, as in the Cần Thơ example.
DAYS_BEFORE = 26
LENGTH = 46

CONFIG_TEMPLATE = """\
# daisuso config (see README). Every key can be overridden by DAISUSO_<SECTION>__<KEY>.
[spreadsheet]
backend = "xlsx"                 # "xlsx" | "google"
path = "{workbook}"
key = ""                         # google: the spreadsheet key from its URL
credentials = "credentials.json" # google: service-account key file

[campaign]
province = "{d.province}"
start = {start}
deadline = {deadline}
target = {d.target}
commune_quota = {d.commune_quota}
hamlet_quota = {d.hamlet_quota}
team_size = {d.team_size}
pace_tolerance = {d.pace_tolerance}
timezone = "{d.timezone}"

[worker]
every_minutes = 10
lang = "{lang}"                      # "vi" | "en"
"""


def campaign_dates(as_of: date) -> tuple[date, date]:
    start = as_of - timedelta(days=DAYS_BEFORE)
    return start, start + timedelta(days=LENGTH)


def write_demo(
    folder: Path, *, as_of: date, seed: int, lang: str = "vi"
) -> tuple[Path, Path, DemoStats]:
    folder.mkdir(parents=True, exist_ok=True)
    start, deadline = campaign_dates(as_of)
    workbook = folder / WORKBOOK
    stats = build_demo_workbook(workbook, seed=seed, start=start, deadline=deadline, today=as_of)
    config = folder / CONFIG
    config.write_text(
        CONFIG_TEMPLATE.format(
            workbook=WORKBOOK,
            start=start.isoformat(),
            deadline=deadline.isoformat(),
            lang=lang,
            d=DEFAULTS,
        ),
        encoding="utf-8",
    )
    return workbook, config, stats
