"""With no hamlet listed, every output is exactly what it was before hamlets were listed.

The reference is the demo campaign's outputs as the code wrote them before (see
`tests/rules/golden.py`): its full JSON report and every summary table, in both languages.
The contract adds one thing: `Theo xã`'s `Số ấp/khu vực`, blank when nothing is listed,
and the JSON's `hamlets`, empty.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.golden import load, outputs

HAMLETS_TAB = "Ấp - Khu vực"


@pytest.fixture(scope="module")
def before() -> tuple[dict[str, Any], dict[str, Any]]:
    return load()


def without_hamlet_figures(found: dict[str, Any]) -> dict[str, Any]:
    """The outputs with the contract's hamlet additions checked blank and taken out."""
    for lang in ("vi", "en"):
        assert found[f"json.{lang}"].pop("hamlets") == []
        table = found[f"table.{lang}.Theo xã"]
        column = table["columns"].index("Số ấp/khu vực")
        assert [row[column] for row in table["rows"]] == [None] * len(table["rows"])
        del table["columns"][column]
        for row in table["rows"]:
            del row[column]
        assert f"table.{lang}.Theo ấp" not in found
    return found


def test_the_demo_without_hamlet_list_is_unchanged(
    before: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    grids, expected = before
    assert HAMLETS_TAB not in grids
    found = without_hamlet_figures(outputs(grids))
    assert found.keys() == expected.keys()
    for key in expected:
        assert found[key] == expected[key], key


def test_an_empty_hamlet_list_changes_nothing_but_an_empty_theo_ap(
    before: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    grids, expected = before
    listed = {**grids, HAMLETS_TAB: [["Xã/Phường", "Ấp/Khu vực", "Chỉ tiêu"]]}
    found = outputs(listed)
    for lang in ("vi", "en"):
        theo_ap = found.pop(f"table.{lang}.Theo ấp")
        assert theo_ap["rows"] == []
        assert theo_ap["columns"] == [
            "Xã/Phường", "Ấp/Khu vực", "Mã tổ", "Chỉ tiêu", "Đã có", "Tỷ lệ (%)", "Trạng thái",
        ]  # fmt: skip
    assert without_hamlet_figures(found) == expected
