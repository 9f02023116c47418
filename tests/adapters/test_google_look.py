"""sync.adapters.google.look: the pure requests that give a summary tab its look on Google."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from rules.look import Titles, looks
from rules.progress import progress, progress_table
from rules.tables import Column, Kind, Table, Target
from sync.adapters.google.look import (
    CHART_KEY,
    VIEW_BAND,
    Extras,
    SheetExtras,
    chart_requests,
    filter_view_requests,
    format_requests,
    pixels,
)
from tests.builders import CAMPAIGN

TITLES = Titles("Tổng hợp", "Tiến độ", "Theo tổ", "Cảnh báo", "Lỗi dữ liệu")
DASH = Table("Tổng hợp", (Column("Chỉ số"), Column("Giá trị", Kind.ANY)), (("Mục tiêu", 2000),))
PROGRESS = progress_table(progress({date(2025, 10, 20): 3}, 40, CAMPAIGN, date(2025, 10, 25)))
TEAMS = Table(
    "Theo tổ",
    (Column("Mã tổ"), Column("Chỉ tiêu", Kind.INTEGER), Column("Đã có", Kind.INTEGER), Column("Trạng thái")),
    (("T01", 40, 4, "Chậm tiến độ"), ("T02", 60, 60, "Đạt")),
)  # fmt: skip
ALERTS = Table(
    "Cảnh báo", (Column("Mức độ"), Column("Mã tổ"), Column("Nội dung")), (("Cao", "T01", "x" * 90),)
)
LOOKS = looks((DASH, PROGRESS, TEAMS, ALERTS), TITLES, "vi")
IDS = {"Tổng hợp": 10, "Tiến độ": 11, "Theo tổ": 12, "Cảnh báo": 13}


def kinds(requests: list[bytes]) -> list[str]:
    return [next(iter(json.loads(r))) for r in requests]


def bodies(requests: list[bytes], kind: str) -> list[Any]:
    return [json.loads(r)[kind] for r in requests if next(iter(json.loads(r))) == kind]


def test_formats_widths_wrap_filter_and_colour_rules_replaced() -> None:
    reqs = format_requests(13, LOOKS["Cảnh báo"], 2, SheetExtras(rules=5))
    assert kinds(reqs).count("deleteConditionalFormatRule") == 5
    assert kinds(reqs).count("addConditionalFormatRule") == 3
    first_add = kinds(reqs).index("addConditionalFormatRule")
    assert kinds(reqs)[first_add - 1] == "deleteConditionalFormatRule"  # old ones go first
    widths = [b["properties"]["pixelSize"] for b in bodies(reqs, "updateDimensionProperties")]
    assert widths[2] == pixels(62) and widths[2] >= 62 * 7
    wrap = bodies(reqs, "repeatCell")[1]
    assert wrap["cell"]["userEnteredFormat"]["wrapStrategy"] == "WRAP"
    assert wrap["range"]["startColumnIndex"] == 2
    (basic,) = bodies(reqs, "setBasicFilter")
    assert basic["filter"]["range"] == {
        "sheetId": 13, "startRowIndex": 0, "endRowIndex": 2, "startColumnIndex": 0, "endColumnIndex": 3,
    }  # fmt: skip
    rule = bodies(reqs, "addConditionalFormatRule")[0]["rule"]
    assert rule["booleanRule"]["condition"] == {
        "type": "TEXT_EQ",
        "values": [{"userEnteredValue": "Cao"}],
    }
    assert rule["booleanRule"]["format"]["backgroundColor"] == {
        "red": 1.0,
        "green": 0.7804,
        "blue": 0.8078,
    }


def test_chart_added_once_with_a_tag_then_only_its_spec_updated() -> None:
    first = chart_requests(10, LOOKS["Tổng hợp"], IDS, Extras(), set(IDS.values()))
    assert kinds(first) == ["addChart", "createDeveloperMetadata"]
    chart = bodies(first, "addChart")[0]["chart"]
    spec = chart["spec"]["basicChart"]
    assert spec["chartType"] == "LINE"
    assert spec["domains"][0]["domain"]["sourceRange"]["sources"][0] == {
        "sheetId": 11, "startRowIndex": 0, "endRowIndex": 48, "startColumnIndex": 0, "endColumnIndex": 1,
    }  # fmt: skip
    assert [
        s["series"]["sourceRange"]["sources"][0]["startColumnIndex"] for s in spec["series"]
    ] == [2, 3, 4]
    assert chart["position"]["overlayPosition"]["anchorCell"] == {
        "sheetId": 10,
        "rowIndex": 0,
        "columnIndex": 3,
    }
    tag = bodies(first, "createDeveloperMetadata")[0]["developerMetadata"]
    assert tag["metadataKey"] == CHART_KEY + "progress" and tag["metadataValue"] == str(
        chart["chartId"]
    )

    found = Extras(
        {10: SheetExtras(charts=(chart["chartId"],))},
        {tag["metadataKey"]: (7, tag["metadataValue"])},
    )
    again = chart_requests(10, LOOKS["Tổng hợp"], IDS, found, set(IDS.values()))
    assert kinds(again) == ["updateChartSpec"]
    assert "position" not in json.loads(again[0])["updateChartSpec"]

    # The person deleted the chart: a new one, and the old tag now points at it.
    gone = Extras({10: SheetExtras()}, {tag["metadataKey"]: (7, tag["metadataValue"])})
    assert kinds(chart_requests(10, LOOKS["Tổng hợp"], IDS, gone, set())) == [
        "addChart",
        "updateDeveloperMetadata",
    ]


def test_column_chart_of_count_against_quota() -> None:
    (add, _tag) = chart_requests(12, LOOKS["Theo tổ"], IDS, Extras(), set())
    spec = json.loads(add)["addChart"]["chart"]["spec"]["basicChart"]
    assert spec["chartType"] == "COLUMN"
    assert [
        s["series"]["sourceRange"]["sources"][0]["startColumnIndex"] for s in spec["series"]
    ] == [2, 1]


def test_filter_views_follow_the_team_list() -> None:
    look = LOOKS["Cảnh báo"]
    first = filter_view_requests(13, look, 2, ["T01", "T02"], None)
    assert kinds(first) == ["addFilterView", "addFilterView"]
    views = [b["filter"] for b in bodies(first, "addFilterView")]
    assert [v["title"] for v in views] == ["Tổ T01", "Tổ T02"]
    assert all(v["filterViewId"] >> 24 == VIEW_BAND for v in views)
    assert views[0]["filterSpecs"] == [
        {
            "columnIndex": 1,
            "filterCriteria": {
                "condition": {"type": "TEXT_EQ", "values": [{"userEnteredValue": "T01"}]}
            },
        }
    ]
    ids = {v["filterViewId"]: v["title"] for v in views}
    mine = {**ids, 12345: "Tổ T02 của tôi"}  # a person's own view is left alone
    ids_t01 = next(i for i, t in ids.items() if t == "Tổ T01")
    mine[ids_t01] = "renamed by someone"
    later = filter_view_requests(13, look, 5, ["T01", "T03"], SheetExtras(views=mine))
    assert sorted(kinds(later)) == ["addFilterView", "deleteFilterView", "updateFilterView"]
    (update,) = bodies(later, "updateFilterView")
    assert update["filter"]["title"] == "Tổ T01" and update["filter"]["range"]["endRowIndex"] == 5
    (delete,) = bodies(later, "deleteFilterView")
    assert ids[delete["filterId"]] == "Tổ T02"
    assert filter_view_requests(12, LOOKS["Theo tổ"], 3, ["T01"], None) == []


def test_every_kind_of_request_the_look_sends_validates_against_the_discovery_document() -> None:
    """First sync (everything added) and a later one (charts found, one gone, a team gone,
    old rules replaced): every sub-request, in the batch the product sends, checked."""
    from rules.contract import LOG_COLUMNS
    from sync.adapters.google import plan as gp
    from sync.adapters.google.look import Style
    from sync.emulator import discovery

    doc = discovery.load()
    assert doc is not None, "google-api-python-client (a test dependency) ships the document"
    issues = Table(
        "Lỗi dữ liệu",
        (Column("Tab"), Column("Dòng", Kind.INTEGER), Column("Mức độ"), Column("Mã tổ")),
        (("Đại sứ số", 5, "Lỗi", "T01"),),
        (Target("Đại sứ số", 5, 3),),
        1,
    )
    tables = [DASH, PROGRESS, TEAMS, ALERTS, issues]
    log = gp.log_table("Nhật ký", LOG_COLUMNS, [], [], 500)
    entry = {"Đại sứ số": gp.SheetInfo(77, "Đại sứ số")}
    kinds_seen: set[str] = set()

    def check(style: Style, sheets: dict[str, gp.SheetInfo]) -> list[bytes]:
        bodies = gp.write_batches(
            tables, log, lambda k, n: log, sheets, gids={"Đại sứ số": 77}, decorate=style
        )
        for body in bodies:
            data = json.loads(body)
            assert doc.check_request("sheets.spreadsheets.batchUpdate", data) == []
            kinds_seen.update(next(iter(r)) for r in data["requests"])
        return bodies

    first = check(Style("vi", Extras(), ["T01", "T02"]), dict(entry))
    sent = json.loads(first[0])["requests"]
    ids = {
        r["addSheet"]["properties"]["title"]: r["addSheet"]["properties"]["sheetId"]
        for r in sent
        if "addSheet" in r
    }
    charts = {r["addChart"]["chart"]["chartId"] for r in sent if "addChart" in r}
    tags = [
        r["createDeveloperMetadata"]["developerMetadata"]
        for r in sent
        if "createDeveloperMetadata" in r
    ]
    views = {r["addFilterView"]["filter"]["filterViewId"]: r["addFilterView"]["filter"]["title"]
             for r in sent if "addFilterView" in r}  # fmt: skip
    sheets = dict(entry) | {t: gp.SheetInfo(i, t) for t, i in ids.items()}
    kept_chart = next(c for c in charts if str(c) == tags[0]["metadataValue"])
    extras = Extras(
        {ids["Tổng hợp"]: SheetExtras(rules=0, charts=(kept_chart,)),
         ids["Theo tổ"]: SheetExtras(rules=4),
         ids["Cảnh báo"]: SheetExtras(rules=3, views=views)},
        {t["metadataKey"]: (t["metadataId"], t["metadataValue"]) for t in tags},
    )  # fmt: skip
    check(Style("vi", extras, ["T01"]), sheets)
    assert {
        "addSheet", "updateSheetProperties", "updateCells", "repeatCell", "updateDimensionProperties",
        "addConditionalFormatRule", "deleteConditionalFormatRule", "setBasicFilter", "addChart",
        "updateChartSpec", "createDeveloperMetadata", "updateDeveloperMetadata", "addFilterView",
        "updateFilterView", "deleteFilterView",
    } <= kinds_seen  # fmt: skip


def test_a_split_write_still_carries_the_whole_look_in_order() -> None:
    """Above the batch limit the write is split (at most 3 bodies): every tab is added
    before any chart refers to it, and each table's look follows its rows."""
    from rules.contract import LOG_COLUMNS
    from sync.adapters.google import plan as gp
    from sync.adapters.google.look import Style

    rows = tuple(("Cao", f"T{i:02d}", "x" * 300) for i in range(400))
    big = Table("Cảnh báo", ALERTS.columns, rows)
    log = gp.log_table("Nhật ký", LOG_COLUMNS, [], [], 500)
    bodies = gp.write_batches(
        [DASH, PROGRESS, TEAMS, big], log, lambda k, n: log, {}, limit=60_000,
        decorate=Style("vi", Extras(), ["T01"]),
    )  # fmt: skip
    assert 1 < len(bodies) <= 3
    sent = [r for b in bodies for r in json.loads(b)["requests"]]
    kinds = [next(iter(r)) for r in sent]
    last_add = max(i for i, k in enumerate(kinds) if k == "addSheet")
    assert kinds.index("addChart") > last_add
    assert kinds.count("addChart") == 2 and kinds.count("setBasicFilter") == 5
    assert kinds.count("addFilterView") == 1
