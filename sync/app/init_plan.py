"""What `init` creates: entry tabs, summary tabs, and the lists behind drop-downs."""

from __future__ import annotations

from rules.contract import (
    COMMUNE,
    DROPDOWNS,
    ENTRY_TABS,
    MEMBERS,
    ROLE,
    SUMMARY_LAYOUT,
    TEAM,
    map_headers,
)
from rules.evaluate import find_tabs
from rules.models import Role
from rules.values.communes import CommuneDirectory
from rules.values.text import cell_text
from sync.ports import Book, InitPlan, Owner, TabLayout


def init_plan(
    directory: CommuneDirectory, book: Book, *, protect_warning_only: bool = False
) -> InitPlan:
    titles = book.titles()
    existing = find_tabs(titles)
    tabs: list[TabLayout] = []
    for spec in ENTRY_TABS:
        title = existing.get(spec.title, spec.title)
        wanted = {h: DROPDOWNS[h] for h in spec.headers if h in DROPDOWNS}
        tabs.append(TabLayout(title, spec.headers, Owner.TEAM, wanted))
    tabs += [
        TabLayout(title, tuple(c.name for c in columns), Owner.WORKER)
        for title, columns in SUMMARY_LAYOUT
    ]
    lists = {
        TEAM.vi: _team_codes(book, existing.get(MEMBERS.title)),
        COMMUNE.vi: tuple(c.name for c in directory.communes),
        ROLE.vi: tuple(role.value for role in Role),
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
