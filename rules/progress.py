"""`Tiến độ`: the campaign day by day, derived from the entry tabs (no stored history).

One row per day from `start` to `deadline`. `Mới` and `Lũy kế` count the valid unique
ambassadors by their `Ngày công nhận` (blank after today, so the curve stops where the
data stops); an ambassador recognised before `start` is counted on the first day.
`Kỳ vọng` is ceil(sum of quotas × f) with the exact fractions of `rules.quota`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from rules.campaign import Campaign
from rules.contract import PROGRESS, PROGRESS_COLUMNS
from rules.quota import elapsed_fraction, expected
from rules.tables import Table


@dataclass(frozen=True, slots=True)
class ProgressDay:
    day: date
    new: int | None  # None after today
    cumulative: int | None  # None after today
    expected: int
    target: int


def progress(
    recognised: Mapping[date, int], quota: int, campaign: Campaign, today: date
) -> tuple[ProgressDay, ...]:
    """`recognised` maps a date to the number of valid unique ambassadors recognised that day."""
    start, deadline = campaign.start, campaign.deadline
    if deadline < start:
        return ()
    days = [start + timedelta(days=i) for i in range((deadline - start).days + 1)]
    earlier = sum(n for d, n in recognised.items() if d < start)
    new = [recognised.get(d, 0) for d in days]
    new[0] += earlier
    running = list(accumulate(new))
    return tuple(
        ProgressDay(
            day,
            new[i] if day <= today else None,
            running[i] if day <= today else None,
            expected(quota, elapsed_fraction(day, start, deadline)),
            campaign.target,
        )
        for i, day in enumerate(days)
    )


def progress_json(days: tuple[ProgressDay, ...], today: date) -> list[dict[str, object]]:
    """JSON `progress`: one item per day from `start` to today or the deadline, whichever first."""
    return [
        {
            "date": d.day.isoformat(),
            "new": d.new,
            "cumulative": d.cumulative,
            "expected": d.expected,
        }
        for d in days
        if d.day <= today
    ]


def progress_table(days: tuple[ProgressDay, ...]) -> Table:
    rows = tuple((d.day, d.new, d.cumulative, d.expected, d.target) for d in days)
    return Table(PROGRESS, PROGRESS_COLUMNS, rows)
