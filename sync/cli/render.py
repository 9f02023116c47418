"""Terminal output: the coordinator table (rich) and the plain-text validation report."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from rules.evaluate import Report
from rules.messages import issue_message, issue_value
from rules.quota import Status, status_label
from sync.messages import Msg, say

_STYLE = {
    Status.DONE: "green",
    Status.ON_PACE: "cyan",
    Status.BEHIND: "yellow",
    Status.FAILED: "red",
}


def coordinator_table(report: Report, console: Console, lang: str) -> None:
    title = say(
        Msg.TERM_TITLE, lang, province=report.province, date=report.today.strftime("%d/%m/%Y")
    )
    table = RichTable(title=title, header_style="bold")
    for i, name in enumerate(say(Msg.TERM_COLUMNS, lang).split("|")):
        table.add_column(name, justify="right" if 2 <= i <= 6 else "left")
    for t in report.teams:
        style = _STYLE[t.status]
        table.add_row(
            t.code, t.leader, str(t.communes), str(t.quota), str(t.count),
            "" if t.percent is None else f"{t.percent:.1f}", str(t.expected),
            f"[{style}]{status_label(t.status, lang)}[/{style}]",
        )  # fmt: skip
    console.print(table)
    console.print(totals_line(report, lang))


def totals_line(report: Report, lang: str) -> str:
    t = report.totals
    pct = f"{t.ambassadors * 100 / t.target:.1f}" if t.target else "—"
    return say(
        Msg.TERM_TOTALS,
        lang,
        amb=t.ambassadors,
        target=t.target,
        pct=pct,
        quota=t.quota,
        exp=t.expected,
        err=t.errors,
        warn=t.warnings,
        err_rows=t.error_rows,
        warn_rows=t.warning_rows,
    )


def issue_lines(report: Report, lang: str, *, show_personal: bool) -> list[str]:
    severity = {True: say(Msg.TERM_ERROR, lang), False: say(Msg.TERM_WARNING, lang)}
    return [
        f"{i.tab} · {say(Msg.TERM_ROW, lang)} {i.row} · {i.column} · {severity[i.is_error]} [{i.code}] "
        f"«{issue_value(i, show_personal=show_personal)}»: {issue_message(i, lang, show_personal=show_personal)}"
        for i in report.issues
    ]
