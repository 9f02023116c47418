"""What `init` creates: entry tabs, summary tabs, and the lists behind drop-downs."""

from __future__ import annotations

from rules.communes import CommuneDirectory
from rules.evaluate import find_tabs
from rules.models import Role
from rules.schema import ENTRY_TABS, MEMBERS, map_headers
from rules.summary import (
    ALERT_COLUMNS,
    ALERTS,
    BY_COMMUNE,
    BY_TEAM,
    COMMUNE_COLUMNS,
    DASHBOARD,
    DASHBOARD_COLUMNS,
    DATA_ISSUES,
    ISSUE_COLUMNS,
    LOG,
    LOG_COLUMNS,
    TEAM_COLUMNS,
)
from rules.tables import Column
from rules.text import cell_text
from sync.backend import Book, InitPlan, TabLayout

LIST_TAB = "Danh mục"
SUMMARY_LAYOUT: tuple[tuple[str, tuple[Column, ...]], ...] = (
    (DASHBOARD, DASHBOARD_COLUMNS),
    (BY_TEAM, TEAM_COLUMNS),
    (BY_COMMUNE, COMMUNE_COLUMNS),
    (ALERTS, ALERT_COLUMNS),
    (DATA_ISSUES, ISSUE_COLUMNS),
    (LOG, LOG_COLUMNS),
)
DROPDOWNS = {"Mã tổ": "Mã tổ", "Xã/Phường": "Xã/Phường", "Vai trò": "Vai trò"}


def init_plan(
    directory: CommuneDirectory, book: Book, *, protect_warning_only: bool = False
) -> InitPlan:
    titles = book.titles()
    existing = find_tabs(titles)
    tabs: list[TabLayout] = []
    for spec in ENTRY_TABS:
        title = existing.get(spec.title, spec.title)
        wanted = {h: DROPDOWNS[h] for h in spec.headers if h in DROPDOWNS}
        tabs.append(TabLayout(title, spec.headers, "team", wanted))
    tabs += [
        TabLayout(title, tuple(c.name for c in columns), "worker")
        for title, columns in SUMMARY_LAYOUT
    ]
    lists = {
        "Mã tổ": _team_codes(book, existing.get(MEMBERS.title)),
        "Xã/Phường": tuple(c.name for c in directory.communes),
        "Vai trò": tuple(role.value for role in Role),
    }
    return InitPlan(tuple(tabs), lists, protect_warning_only)


def _team_codes(book: Book, title: str | None) -> tuple[str, ...]:
    """Team codes already typed in `Tổ`, so the drop-down offers them."""
    if title is None:
        return ()
    grid = book.read([title])[title]
    header = map_headers(MEMBERS, grid)
    if header is None or "team" not in header.columns:
        return ()
    index = header.columns["team"]
    codes: dict[str, None] = {}
    for row in grid[header.header_row + 1 :]:
        code = cell_text(row[index]) if index < len(row) else ""
        if code:
            codes.setdefault(code.upper(), None)
    return tuple(codes)
