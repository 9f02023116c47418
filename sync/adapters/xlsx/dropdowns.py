"""`init` on a workbook: the `Danh mục` list tab and the drop-downs fed by it.

As on Google Sheets: one column of `Danh mục` per list (values only ever appended), and a
non-strict list validation below the header of each entry-tab column that has one (a
person may still type another form, e.g. `P. Ninh Kiều`; the rules read it). Nothing that
is already there is changed, so a second `init` changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from rules.contract import LIST_TAB
from rules.values.text import header_key
from sync.ports import InitPlan

LAST_ROW = 1_048_576  # the sheet's last row: the drop-down covers every row below the header
HEADER_ROWS = 20  # the header is looked for among the first rows, as the rules do


def apply_lists(wb: Workbook, plan: InitPlan) -> tuple[bool, bool]:
    """(list tab created, anything changed)."""
    if not plan.lists:
        return False, False
    created = LIST_TAB not in wb.sheetnames
    sheet = wb.create_sheet(LIST_TAB) if created else wb[LIST_TAB]
    changed = created
    ranges: dict[str, str] = {}
    for name, values in plan.lists.items():
        changed |= _list_column(sheet, name, values, ranges)
    for tab in plan.tabs:
        if tab.dropdowns and tab.title in wb.sheetnames:
            changed |= _dropdowns(wb[tab.title], tab.dropdowns, ranges)
    return created, changed


def _list_column(
    sheet: Worksheet, name: str, values: tuple[str, ...], ranges: dict[str, str]
) -> bool:
    heads = {cell.value: cell.column for cell in sheet[1] if cell.value is not None}
    column = heads.get(name)
    changed = column is None
    if column is None:
        column = max(heads.values(), default=0) + 1
        sheet.cell(row=1, column=column).value = name
    present = {sheet.cell(row=r, column=column).value: r for r in range(2, sheet.max_row + 1)}
    last = max((r for v, r in present.items() if v is not None), default=1)
    for value in values:
        if value not in present:
            last += 1
            sheet.cell(row=last, column=column).value = value
            present[value] = last
            changed = True
    letter = get_column_letter(column)
    ranges[name] = f"'{LIST_TAB}'!${letter}$2:${letter}${max(last, 2)}"
    return changed


def _header_columns(sheet: Worksheet) -> dict[str, tuple[int, int]]:
    """Header key → (row, column) of the first row holding headers."""
    for row in sheet.iter_rows(min_row=1, max_row=min(HEADER_ROWS, max(sheet.max_row, 1))):
        found = {header_key(str(c.value)): (c.row, c.column) for c in row if c.value is not None}
        if found:
            return found
    return {}


def _dropdowns(sheet: Worksheet, wanted: Mapping[str, str], ranges: Mapping[str, str]) -> bool:
    columns = _header_columns(sheet)
    changed = False
    for header, list_name in wanted.items():
        where, formula = columns.get(header_key(header)), ranges.get(list_name)
        if where is None or formula is None:
            continue
        letter = get_column_letter(where[1])
        sqref = f"{letter}{where[0] + 1}:{letter}{LAST_ROW}"
        same = [dv for dv in sheet.data_validations.dataValidation if str(dv.sqref) == sqref]
        if any(dv.type == "list" and dv.formula1 == formula for dv in same):
            continue
        for dv in same:
            sheet.data_validations.dataValidation.remove(dv)
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        rule.showErrorMessage = False  # not strict: other forms may be typed
        rule.add(sqref)
        sheet.add_data_validation(rule)
        changed = True
    return changed
