"""The coordinator's view on both backends, after one and after three syncs.

A hand-built campaign (the `Đại sứ số` columns in another order than the contract's)
is synced through the CLI to a workbook and to the Sheets emulator, whose every
request is checked against Google's discovery document.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from openpyxl import load_workbook

from rules.look import shown
from rules.tables import Kind
from tests.adapters.look_views import TabSeen, google_get, google_tab, xlsx_tab
from tests.builders import small_campaign, team_rows, write_config, write_workbook
from tests.google_helpers import KEY, TODAY, google_config, invoke
from tests.plugins.emulator import EmulatorHandle

BACKENDS = ["xlsx", "google"]
# Đại sứ số with the phone first and the name last: links must find the real columns.
ORDER = [3, 1, 2, 4, 5, 6, 7, 8, 9, 0]  # contract index at each position
GREEN, RED, AMBER = "C6EFCE", "FFC7CE", "FFEB9C"


def campaign() -> dict[str, list[list[Any]]]:
    grids = small_campaign()
    amb = grids["Đại sứ số"]
    for i, row in enumerate(amb[1:], start=1):
        if i >= 5:  # Cái Khế and Vị Thanh were recognised two days later
            row[8] = date(2025, 10, 22)
    grids["Đại sứ số"] = [[row[j] for j in ORDER] for row in amb]
    return grids


class Side:
    def __init__(self, kind: str, folder: Path, emu: EmulatorHandle | None) -> None:
        self.kind, self.emu = kind, emu
        folder.mkdir(parents=True, exist_ok=True)
        self.book = write_workbook(folder / "book.xlsx", campaign())
        if emu is None:
            self.config = write_config(folder)
        else:
            emu.seed_xlsx(self.book, KEY)
            self.book.unlink()
            self.config = google_config(folder)

    def sync(self) -> None:
        code, out, err = invoke("sync", "--config", str(self.config), "--today", TODAY)
        assert code == 0, (out, err)

    def tab(self, title: str) -> TabSeen:
        if self.emu is None:
            return xlsx_tab(self.book, title)
        return google_tab(self.emu.url, KEY, title)

    def move_charts(self, row: int, col: int) -> None:
        """What a person does: drag every chart elsewhere (and retitle it, on Google)."""
        if self.emu is None:
            wb = load_workbook(self.book)
            for ws in wb.worksheets:
                for chart in ws._charts:
                    chart.anchor = f"{chr(65 + col)}{row + 1}"
            wb.save(self.book)
            return
        meta = google_get(self.emu.url, KEY, "sheets(properties(sheetId),charts(chartId,spec))")
        reqs: list[dict[str, Any]] = []
        for sheet in meta["sheets"]:
            sid = sheet["properties"]["sheetId"]
            for chart in sheet.get("charts", []):
                anchor = {"sheetId": sid, "rowIndex": row, "columnIndex": col}
                position = {"overlayPosition": {"anchorCell": anchor}}
                reqs.append({"updateEmbeddedObjectPosition": {
                    "objectId": chart["chartId"], "newPosition": position, "fields": "anchorCell"}})  # fmt: skip
                spec = {**chart["spec"], "title": "Biểu đồ của tôi"}
                reqs.append({"updateChartSpec": {"chartId": chart["chartId"], "spec": spec}})
        self._batch(reqs)

    def add_team(self, code: str) -> None:
        row = [[*r[:4], None, None] for r in team_rows(code, 30000000)]
        if self.emu is None:
            wb = load_workbook(self.book)
            for r in row:
                wb["Tổ"].append(r)
            wb.save(self.book)
            return
        url = f"{self.emu.url}/v4/spreadsheets/{KEY}/values/'Tổ'!A12:F16"
        response = requests.put(
            url, params={"valueInputOption": "RAW"}, json={"values": row}, timeout=30
        )
        response.raise_for_status()

    def _batch(self, reqs: list[dict[str, Any]]) -> None:
        assert self.emu is not None
        url = f"{self.emu.url}/v4/spreadsheets/{KEY}:batchUpdate"
        response = requests.post(url, data=json.dumps({"requests": reqs}), timeout=30)
        assert response.status_code == 200, response.text


MakeSide = Callable[[str], Side]


@pytest.fixture
def make_side(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MakeSide:
    def make(kind: str) -> Side:
        emu = None
        if kind == "google":
            emu = request.getfixturevalue("sheets_emulator")
            monkeypatch.setenv("SHEETS_EMULATOR_HOST", emu.host)
        return Side(kind, tmp_path / kind, emu)

    return make


def expected_progress() -> list[tuple[int | None, int | None, int]]:
    """(Mới, Lũy kế, Kỳ vọng) for 15/10 … 30/11 as of 10/11: quotas 20 + 4 + 10 = 34."""
    out = []
    for k in range(47):
        day = date(2025, 10, 15).toordinal() + k
        new = {5: 3, 7: 5}.get(k, 0)  # 20/10: Ninh Kiều ×3; 22/10: Cái Khế ×4 + Vị Thanh ×1
        cumulative = sum({5: 3, 7: 5}.get(j, 0) for j in range(k + 1))
        past = day <= date(2025, 11, 10).toordinal()
        out.append((new if past else None, cumulative if past else None, math.ceil(34 * k / 46)))
    return out


def check_view(side: Side) -> None:
    progress = side.tab("Tiến độ")
    got = [(r[1], r[2], r[3]) for r in progress.rows[1:]]
    assert got == expected_progress()
    assert {r[4] for r in progress.rows[1:]} == {100}
    assert progress.formats == ["dd/mm/yyyy", "#,##0", "#,##0", "#,##0", "#,##0"]

    dash, teams = side.tab("Tổng hợp"), side.tab("Theo tổ")
    (line,) = dash.charts
    assert line.kind == "LINE"
    assert line.domain[:2] == ("Tiến độ", 0)
    assert [(s[0], s[1]) for s in line.series] == [("Tiến độ", 2), ("Tiến độ", 3), ("Tiến độ", 4)]
    assert {s[3] for s in line.series} == {48}  # header + 47 days
    (bars,) = teams.charts
    assert bars.kind == "COLUMN"
    end = len(teams.rows)  # header + one row per team
    assert [(s[0], s[1], s[3]) for s in bars.series] == [("Theo tổ", 5, end), ("Theo tổ", 4, end)]
    assert bars.domain == ("Theo tổ", 0, bars.domain[2], end)

    assert (10, "Đạt", GREEN) in teams.colours and (10, "Chậm tiến độ", AMBER) in teams.colours
    assert teams.rule_count == 4
    alerts, issues = side.tab("Cảnh báo"), side.tab("Lỗi dữ liệu")
    assert {(c[1], c[2]) for c in alerts.colours} == {
        ("Cao", RED),
        ("Trung bình", AMBER),
        ("Thấp", "E7E6E6"),
    }
    assert {(c[1], c[2]) for c in issues.colours} == {("Lỗi", RED), ("Cảnh báo", AMBER)}
    for tab in (dash, progress, teams, alerts, issues):
        check_widths(tab)


def _shown(value: Any, fmt: str | None) -> str:
    """The text a person sees, under the format the backend stored (dates may be serials)."""
    if fmt in ("dd/mm/yyyy", "dd/mm/yyyy hh:mm"):
        return "x" * len(fmt.replace("yyyy", "yyyy"))
    if fmt == "#,##0" and isinstance(value, int | float):
        return shown(round(value), Kind.INTEGER)
    if fmt == "0.0" and isinstance(value, int | float):
        return f"{value:.1f}"
    return shown(value, Kind.ANY)


def check_widths(tab: TabSeen) -> None:
    """Every column is at least as wide as its longest value (long text wraps at 60)."""
    for i, width in enumerate(tab.widths):
        values = [r[i] for r in tab.rows[1:] if i < len(r) and r[i] is not None]
        longest = max((len(_shown(v, tab.formats[i])) for v in values), default=0)
        assert width >= min(longest, 60), (i, width, longest)


def check_links_and_alerts(side: Side) -> None:
    issues = side.tab("Lỗi dữ liệu")
    header = issues.rows[0]
    assert header[-2:] == ["Mã tổ", "Họ và tên"] or tuple(header[-2:]) == ("Mã tổ", "Họ và tên")
    # Row 5: duplicate phone; row 11: bad prefix. The phone is column A in this tab.
    assert sorted(issues.links) == [(5, "Đại sứ số", "A", 5), (11, "Đại sứ số", "A", 11)]
    by_row = {r[1]: r for r in issues.rows[1:]}
    assert (by_row[5][6], by_row[5][7]) == ("T01", "Lê Văn Bốn")
    alerts = side.tab("Cảnh báo").rows
    assert list(alerts[0]) == [
        "Mức độ",
        "Mã tổ",
        "Tổ trưởng",
        "Xã/Phường",
        "Ấp/Khu vực",
        "Nội dung",
    ]
    levels = [r[0] for r in alerts[1:]]
    assert levels == ["Cao", "Trung bình", "Cao", "Cao", "Thấp"], alerts
    assert [r[1] for r in alerts[1:3]] == ["T02", "T01"]  # teams first, Cao first
    assert alerts[1][2] == "Người T02 0"  # the team's leader
    # Communes: both Cao, the bigger gap first (Ninh Kiều 3 of 12 expected, Vị Thanh 1 of 6).
    assert [r[3] for r in alerts[3:5]] == ["Phường Ninh Kiều", "Phường Vị Thanh"]
    assert alerts[5][3] is None and "Xã Lai Hòa" in alerts[5][5]  # one row, every unassigned


@pytest.mark.parametrize("backend", BACKENDS)
def test_after_one_sync(make_side: MakeSide, backend: str) -> None:
    side = make_side(backend)
    side.sync()
    check_view(side)
    check_links_and_alerts(side)
    dash = side.tab("Tổng hợp")
    assert dash.charts[0].anchor == (0, 3)  # beside the data
    if backend == "google":
        assert side.tab("Cảnh báo").views == ["Tổ T01", "Tổ T02"]
        assert side.tab("Lỗi dữ liệu").views == ["Tổ T01", "Tổ T02"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_after_three_syncs_nothing_doubles_and_moved_charts_stay(
    make_side: MakeSide, backend: str
) -> None:
    side = make_side(backend)
    side.sync()
    side.move_charts(19, 7)
    side.add_team("T03")
    side.sync()
    side.sync()
    check_view(side)
    check_links_and_alerts(side)
    assert side.tab("Tổng hợp").charts[0].anchor == (19, 7)
    assert side.tab("Theo tổ").charts[0].anchor == (19, 7)
    if backend == "google":
        assert side.emu is not None
        assert side.tab("Cảnh báo").views == ["Tổ T01", "Tổ T02", "Tổ T03"]
        assert side.tab("Lỗi dữ liệu").views == ["Tổ T01", "Tổ T02", "Tổ T03"]
        tags = google_get(side.emu.url, KEY, "developerMetadata(metadataKey)")["developerMetadata"]
        assert sorted(t["metadataKey"] for t in tags) == [
            "daisuso.chart.progress",
            "daisuso.chart.teams",
        ]
        meta = google_get(side.emu.url, KEY, "sheets(charts(spec(title)))")
        titles = [c["spec"]["title"] for s in meta["sheets"] for c in s.get("charts", [])]
        assert sorted(titles) == [
            "Tiến độ: lũy kế, kỳ vọng và mục tiêu",
            "Đã có so với chỉ tiêu, theo tổ",
        ]
