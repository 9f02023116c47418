"""The discovery-document validator: what Google's JSON front end accepts and rejects."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.emulator import discovery
from sync.emulator.discovery import Discovery, Violation


@pytest.fixture(scope="module")
def doc() -> Discovery:
    loaded = discovery.load()
    assert loaded is not None, "google-api-python-client (a test dependency) is not installed"
    return loaded


def _batch(*requests: dict[str, Any]) -> dict[str, Any]:
    return {"requests": list(requests)}


GRID = {"sheetId": 7, "startRowIndex": 0, "endRowIndex": 10, "startColumnIndex": 0}
CHART = {
    "spec": {
        "title": "Tiến độ",
        "basicChart": {
            "chartType": "LINE",
            "legendPosition": "BOTTOM_LEGEND",
            "axis": [{"position": "BOTTOM_AXIS", "title": "Ngày"}],
            "domains": [{"domain": {"sourceRange": {"sources": [GRID]}}}],
            "series": [{"series": {"sourceRange": {"sources": [GRID]}}, "targetAxis": "LEFT_AXIS"}],
            "headerCount": 1,
        },
    },
    "position": {
        "overlayPosition": {
            "anchorCell": {"sheetId": 7, "rowIndex": 0, "columnIndex": 5},
            "widthPixels": 600,
            "heightPixels": "371",
        }
    },
}


def test_the_installed_document_is_the_one_the_issue_names_or_newer(doc: Discovery) -> None:
    assert doc.revision >= "20261019"
    assert doc.request_schema("sheets.spreadsheets.batchUpdate") == "BatchUpdateSpreadsheetRequest"
    assert doc.request_schema("sheets.spreadsheets.values.update") == "ValueRange"
    assert doc.request_schema("sheets.spreadsheets.get") is None


def test_a_good_body_has_no_violations(doc: Discovery) -> None:
    body = _batch(
        {"addChart": {"chart": CHART}},
        {
            "addConditionalFormatRule": {
                "index": 0,
                "rule": {
                    "ranges": [GRID],
                    "booleanRule": {
                        "condition": {
                            "type": "NUMBER_LESS",
                            "values": [{"userEnteredValue": "0.5"}],
                        },
                        "format": {"backgroundColor": {"red": 1, "green": 0.8, "blue": 0.8}},
                    },
                },
            }
        },
        {"setBasicFilter": {"filter": {"range": GRID}}},
        {
            "updateCells": {
                "range": GRID,
                "fields": "userEnteredValue,textFormatRuns",
                "rows": [
                    {
                        "values": [
                            {
                                "userEnteredValue": {"stringValue": "Dòng 4"},
                                "textFormatRuns": [
                                    {"startIndex": 0, "format": {"link": {"uri": "#gid=7"}}}
                                ],
                                "userEnteredFormat": {"horizontalAlignment": "LEFT"},
                            }
                        ]
                    }
                ],
            }
        },
    )
    assert doc.check("BatchUpdateSpreadsheetRequest", body) == []


def test_an_unknown_field_is_named_at_its_proto_path(doc: Discovery) -> None:
    body = _batch({"addChart": {"chart": CHART, "foo": 1}})
    message = "Invalid JSON payload received. Unknown name \"foo\" at 'requests[0].add_chart': Cannot find field."
    assert doc.check("BatchUpdateSpreadsheetRequest", body) == [
        Violation("requests[0].add_chart", message)
    ]


def test_an_unknown_request_kind_and_an_unknown_top_level_name(doc: Discovery) -> None:
    found = doc.check("BatchUpdateSpreadsheetRequest", {"bar": True, **_batch({"addChrt": {}})})
    assert [v.description for v in found] == [
        'Invalid JSON payload received. Unknown name "bar": Cannot find field.',
        "Invalid JSON payload received. Unknown name \"addChrt\" at 'requests[0]': Cannot find field.",
    ]


@pytest.mark.parametrize(
    ("value", "shown", "type_name"),
    [
        ("abc", '"abc"', "TYPE_INT32"),
        (2.5, "2.5", "TYPE_INT32"),
        (True, "true", "TYPE_INT32"),
        (2**31, str(2**31), "TYPE_INT32"),
        ({"n": 1}, '{"n": 1}', "TYPE_INT32"),
    ],
)
def test_a_wrongly_typed_integer_is_an_invalid_value(
    doc: Discovery, value: Any, shown: str, type_name: str
) -> None:
    body = _batch({"addSheet": {"properties": {"gridProperties": {"rowCount": value}}}})
    path = "requests[0].add_sheet.properties.grid_properties.row_count"
    assert doc.check("BatchUpdateSpreadsheetRequest", body) == [
        Violation(path, f"Invalid value at '{path}' ({type_name}), {shown}")
    ]


@pytest.mark.parametrize("value", [12, "12", "-3", 12.0, None])
def test_integers_as_numbers_or_decimal_strings_are_accepted(doc: Discovery, value: Any) -> None:
    body = _batch({"addSheet": {"properties": {"gridProperties": {"rowCount": value}}}})
    assert doc.check("BatchUpdateSpreadsheetRequest", body) == []


def test_wrong_string_boolean_number_and_message_types(doc: Discovery) -> None:
    props = {"title": 5, "hidden": "true", "tabColor": {"red": "x"}, "gridProperties": "big"}
    found = doc.check("BatchUpdateSpreadsheetRequest", _batch({"addSheet": {"properties": props}}))
    base = "requests[0].add_sheet.properties"
    assert [v.description for v in found] == [
        f"Invalid value at '{base}.title' (TYPE_STRING), 5",
        f"Invalid value at '{base}.hidden' (TYPE_BOOL), \"true\"",
        f"Invalid value at '{base}.tab_color.red' (TYPE_FLOAT), \"x\"",
        f"Invalid value at '{base}.grid_properties' "
        '(type.googleapis.com/google.apps.sheets.v4.GridProperties), "big"',
    ]


def test_a_bad_enum_names_the_enum_type(doc: Discovery) -> None:
    cell: dict[str, dict[str, Any]] = {"userEnteredFormat": {"horizontalAlignment": "MIDDLE"}}
    body = _batch({"repeatCell": {"range": GRID, "cell": cell, "fields": "userEnteredFormat"}})
    path = "requests[0].repeat_cell.cell.user_entered_format.horizontal_alignment"
    assert doc.check("BatchUpdateSpreadsheetRequest", body) == [
        Violation(
            path,
            f"Invalid value at '{path}' "
            '(type.googleapis.com/google.apps.sheets.v4.HorizontalAlign), "MIDDLE"',
        )
    ]
    cell["userEnteredFormat"]["horizontalAlignment"] = 2  # enums by number are accepted
    assert doc.check("BatchUpdateSpreadsheetRequest", body) == []


def test_a_list_for_a_single_field_and_a_single_value_for_a_list(doc: Discovery) -> None:
    body = _batch({"setBasicFilter": {"filter": [GRID]}}, {"addChart": {"chart": CHART}})
    body["requests"][1]["addChart"]["chart"] = {"spec": {"basicChart": {"series": {}}}}
    found = doc.check("BatchUpdateSpreadsheetRequest", body)
    assert [v.description for v in found] == [
        "Invalid JSON payload received. Unknown name \"filter\" at 'requests[0].set_basic_filter': "
        "Proto field is not repeating, cannot start list.",
        "Invalid value at 'requests[1].add_chart.chart.spec.basic_chart.series' "
        "(type.googleapis.com/google.apps.sheets.v4.BasicChartSeries), {}",
    ]


def test_value_ranges_take_any_cell_value_but_rows_must_be_lists(doc: Discovery) -> None:
    good = {"range": "A1", "majorDimension": "ROWS", "values": [[1, "a", True, None, 2.5]]}
    assert doc.check("ValueRange", good) == []
    found = doc.check("ValueRange", {"values": ["a"], "majorDimension": "ROW"})
    assert [v.field for v in found] == ["values[0]", "major_dimension"]


def test_the_error_body_has_googles_shape() -> None:
    first = discovery.unknown_name("requests[0].add_chart", "foo")
    second = discovery.invalid_value("requests[1].add_sheet.properties.title", "TYPE_STRING", 5)
    body = discovery.error_body([first, second])
    assert body == {
        "error": {
            "code": 400,
            "message": f"{first.description}\n{second.description}",
            "status": "INVALID_ARGUMENT",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [
                        {"field": first.field, "description": first.description},
                        {"field": second.field, "description": second.description},
                    ],
                }
            ],
        }
    }


def test_a_values_body_is_reported_under_data_as_google_does(doc: Discovery) -> None:
    """Recorded (WorksheetTest.test_add_validation): Google's path for a values.update body."""
    found = doc.check_request("sheets.spreadsheets.values.update", {"values": "X"})
    message = (
        "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), \"X\""
    )
    assert found == [Violation("data.values", message)]
    assert doc.check_request("sheets.spreadsheets.values.get", None) == []


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
    ),
    max_leaves=4,
)


def _leaves(node: Any, trail: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [trail] + [p for k, v in node.items() for p in _leaves(v, (*trail, k))]
    if isinstance(node, list):
        return [trail] + [p for i, v in enumerate(node) for p in _leaves(v, (*trail, i))]
    return [trail]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_fast_check_agrees_with_the_detailed_walk(doc: Discovery, data: st.DataObject) -> None:
    """Any one change to a good body: the compiled yes/no check and the walk that names
    violations give the same verdict."""
    body = copy.deepcopy(
        _batch({"addChart": {"chart": CHART}}, {"setBasicFilter": {"filter": {"range": GRID}}})
    )
    trail = data.draw(st.sampled_from(_leaves(body)[1:]))
    parent = body
    for key in trail[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        parent[data.draw(st.sampled_from(["foo", "title", "sheetId", "chartType"]))] = data.draw(
            JSON_VALUES
        )
    else:
        parent[trail[-1]] = data.draw(JSON_VALUES)
    fast = doc.fast.message("BatchUpdateSpreadsheetRequest")(body)
    assert fast == (doc.violations("BatchUpdateSpreadsheetRequest", body) == [])
