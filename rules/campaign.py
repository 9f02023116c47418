"""The campaign's rules as plain data, and the one home of their defaults.

"today" always comes from the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Campaign:
    province: str = "Cần Thơ"
    start: date = date(2025, 10, 15)
    deadline: date = date(2025, 11, 30)
    target: int = 2000
    commune_quota: int = 20
    team_size: int = 5
    pace_tolerance: float = 0.8
    timezone: str = "Asia/Ho_Chi_Minh"
    hamlet_quota: int = 1  # quota of a listed hamlet whose Chỉ tiêu is blank


DEFAULTS = Campaign()
