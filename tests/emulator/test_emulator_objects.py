"""Charts, conditional formats, basic filters and filter views go through real gspread into
the emulator and come back from spreadsheets.get; the whole resource fits Google's schema."""

from __future__ import annotations

import copy
from typing import Any

import gspread
import pytest
import requests

from sync.emulator import discovery
from tests.emulator.objects import (
    RED,
    SID,
    SOURCE,
    TAB,
    anchor,
    as_google_returns,
    chart_spec,
    open_book,
    rule,
    sheet_meta,
)
from tests.plugins.emulator import EmulatorHandle


@pytest.fixture
def book(sheets_emulator: EmulatorHandle, emulator_gspread: gspread.Client) -> gspread.Spreadsheet:
    return open_book(sheets_emulator, emulator_gspread)


def test_charts_are_added_updated_moved_and_deleted(book: gspread.Spreadsheet) -> None:
    reply = book.batch_update(
        {
            "requests": [
                {"addChart": {"chart": {"spec": chart_spec("Số"), "position": anchor(0, 4)}}}
            ]
        }
    )
    chart = reply["replies"][0]["addChart"]["chart"]
    chart_id = chart["chartId"]
    assert isinstance(chart_id, int) and chart_id > 0
    stored = sheet_meta(book, "charts")["charts"]
    assert [c["chartId"] for c in stored] == [chart_id]
    assert stored[0]["spec"] == as_google_returns(chart_spec("Số"))
    overlay = stored[0]["position"]["overlayPosition"]
    assert overlay["anchorCell"] == {"rowIndex": 0, "columnIndex": 4}  # sheetId 0 left out
    assert (overlay["widthPixels"], overlay["heightPixels"]) == (600, 371)

    moved = {"overlayPosition": {"anchorCell": {"sheetId": TAB, "rowIndex": 9, "columnIndex": 1}}}
    book.batch_update(
        {
            "requests": [
                {"updateChartSpec": {"chartId": chart_id, "spec": chart_spec("Tiến độ")}},
                {
                    "updateEmbeddedObjectPosition": {
                        "objectId": chart_id,
                        "newPosition": moved,
                        "fields": "overlayPosition.anchorCell",
                    }
                },
            ]
        }
    )
    stored = sheet_meta(book, "charts")["charts"]
    assert stored[0]["spec"]["title"] == "Tiến độ"
    assert stored[0]["position"]["overlayPosition"]["anchorCell"] == {
        "rowIndex": 9,
        "columnIndex": 1,
    }
    assert stored[0]["position"]["overlayPosition"]["widthPixels"] == 600  # kept

    with pytest.raises(gspread.exceptions.APIError) as dup:
        book.batch_update(
            {"requests": [{"addChart": {"chart": {**chart, "position": anchor(1, 1)}}}]}
        )
    assert dup.value.code == 400
    book.batch_update({"requests": [{"deleteEmbeddedObject": {"objectId": chart_id}}]})
    assert "charts" not in sheet_meta(book, "charts")


def test_a_chart_reading_beyond_the_grid_is_refused(book: gspread.Spreadsheet) -> None:
    spec = chart_spec("x")
    spec["basicChart"]["series"][0]["series"]["sourceRange"]["sources"][0]["endRowIndex"] = 5000
    with pytest.raises(gspread.exceptions.APIError) as err:
        book.batch_update(
            {"requests": [{"addChart": {"chart": {"spec": spec, "position": anchor(0, 4)}}}]}
        )
    assert err.value.error["message"].startswith("Invalid requests[0].addChart: ")
    assert "charts" not in sheet_meta(book, "charts")


def test_conditional_format_rules_by_index(book: gspread.Spreadsheet) -> None:
    first, second = rule("=$B2<$C2/2", RED), rule("=$B2>=$C2", {"green": 0.9})
    book.batch_update(
        {
            "requests": [
                {"addConditionalFormatRule": {"rule": first, "index": 0}},
                {"addConditionalFormatRule": {"rule": second, "index": 0}},
            ]
        }
    )
    rules = sheet_meta(book, "conditionalFormats")["conditionalFormats"]
    assert [r["booleanRule"]["condition"]["values"][0]["userEnteredValue"] for r in rules] == [
        "=$B2>=$C2",
        "=$B2<$C2/2",
    ]
    assert rules[1]["booleanRule"]["format"]["backgroundColorStyle"] == {"rgbColor": RED}
    assert rules[1]["ranges"][0] == {
        "startRowIndex": 1,
        "endRowIndex": 4,
        "startColumnIndex": 0,
        "endColumnIndex": 3,
    }

    third = rule("=$B2=0", RED)
    reply = book.batch_update(
        {
            "requests": [
                {"updateConditionalFormatRule": {"index": 1, "rule": third}},
                {"updateConditionalFormatRule": {"index": 1, "sheetId": TAB, "newIndex": 0}},
            ]
        }
    )
    replaced, moved = (r["updateConditionalFormatRule"] for r in reply["replies"])
    assert replaced["newIndex"] == 1 and "=$B2<$C2/2" in str(replaced["oldRule"])
    assert moved["oldIndex"] == 1 and "newIndex" not in moved  # index 0 is left out
    rules = sheet_meta(book, "conditionalFormats")["conditionalFormats"]
    assert [r["booleanRule"]["condition"]["values"][0]["userEnteredValue"] for r in rules] == [
        "=$B2=0",
        "=$B2>=$C2",
    ]
    deleted = book.batch_update(
        {"requests": [{"deleteConditionalFormatRule": {"sheetId": TAB, "index": 0}}]}
    )
    assert "=$B2=0" in str(deleted["replies"][0])
    assert len(sheet_meta(book, "conditionalFormats")["conditionalFormats"]) == 1


def test_basic_filter_and_filter_views(book: gspread.Spreadsheet) -> None:
    rng = {**SOURCE, "endColumnIndex": 3}
    views = [{"addFilterView": {"filter": {"title": f"Tổ T0{i}", "range": rng}}} for i in (1, 2)]
    reply = book.batch_update(
        {"requests": [{"setBasicFilter": {"filter": {"range": rng}}}, *views]}
    )
    ids = [r["addFilterView"]["filter"]["filterViewId"] for r in reply["replies"][1:]]
    assert len(set(ids)) == 2
    sheet = sheet_meta(book, "basicFilter,filterViews")
    assert sheet["basicFilter"] == {"range": {k: v for k, v in rng.items() if k != "sheetId"}}
    assert [(v["filterViewId"], v["title"]) for v in sheet["filterViews"]] == [
        (ids[0], "Tổ T01"),
        (ids[1], "Tổ T02"),
    ]
    book.batch_update(
        {
            "requests": [
                {"clearBasicFilter": {"sheetId": TAB}},
                {
                    "updateFilterView": {
                        "filter": {"filterViewId": ids[0], "title": "Tổ T09"},
                        "fields": "title",
                    }
                },
                {"deleteFilterView": {"filterId": ids[1]}},
            ]
        }
    )
    sheet = sheet_meta(book, "basicFilter,filterViews")
    assert "basicFilter" not in sheet
    assert [(v["filterViewId"], v["title"]) for v in sheet["filterViews"]] == [(ids[0], "Tổ T09")]
    assert sheet["filterViews"][0]["range"]["endColumnIndex"] == 3  # not in the mask: kept


def _every_kind() -> list[dict[str, Any]]:
    spec = chart_spec("Số")
    return [
        {"addChart": {"chart": {"spec": spec, "position": anchor(0, 4)}}},
        {"addConditionalFormatRule": {"rule": rule("=$B2<1", RED), "index": 0}},
        {"setBasicFilter": {"filter": {"range": SOURCE}}},
        {"addFilterView": {"filter": {"title": "Tổ T01", "range": SOURCE}}},
        {
            "createDeveloperMetadata": {
                "developerMetadata": {
                    "metadataKey": "k",
                    "location": {
                        "dimensionRange": {
                            "sheetId": TAB,
                            "dimension": "COLUMNS",
                            "endIndex": 2,
                        }
                    },
                    "visibility": "PROJECT",
                }
            }
        },
        {"addProtectedRange": {"protectedRange": {"range": SOURCE, "warningOnly": True}}},
        {"addNamedRange": {"namedRange": {"name": "teams", "range": SOURCE}}},
        {
            "mergeCells": {
                "range": {**SOURCE, "startRowIndex": 5, "endRowIndex": 6},
                "mergeType": "MERGE_ALL",
            }
        },
        {
            "updateCells": {
                "start": {"sheetId": TAB, "rowIndex": 6},
                "rows": [{"values": [{"userEnteredValue": {"formulaValue": "=1+2"}, "note": "n"}]}],
                "fields": "userEnteredValue,note",
            }
        },
    ]


def test_every_stored_kind_validates_against_the_spreadsheet_schema(
    book: gspread.Spreadsheet, sheets_emulator: EmulatorHandle
) -> None:
    doc = discovery.load()
    assert doc is not None
    book.batch_update({"requests": _every_kind()})
    with requests.Session() as http:
        body = http.get(
            f"{sheets_emulator.url}/v4/spreadsheets/{SID}", params={"includeGridData": "true"}
        ).json()
    assert {
        "charts",
        "conditionalFormats",
        "basicFilter",
        "filterViews",
        "protectedRanges",
        "merges",
    } <= set(body["sheets"][0])
    assert doc.check("Spreadsheet", body) == []
    doctored = copy.deepcopy(body)
    doctored["sheets"][0]["charts"][0]["spec"]["basicChart"]["chartType"] = "PIE"
    assert doc.check("Spreadsheet", doctored) != []  # the check is not vacuous
