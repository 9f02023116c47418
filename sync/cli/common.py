"""What every command shares: the --today option and its parsing."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from sync.errors import ConfigError

TodayOpt = Annotated[
    str | None,
    typer.Option("--today", help="Đánh giá theo ngày này (YYYY-MM-DD) / evaluate as of this date."),
]


def parse_today(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"--today phải có dạng YYYY-MM-DD, không phải '{value}'. / --today must be YYYY-MM-DD."
        ) from None
