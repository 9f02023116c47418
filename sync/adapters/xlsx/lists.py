"""Drop-down lists on the workbook's entry tabs, fed by the list tab, as on Google Sheets.

Each list is a column of `Danh mục` (header = list name); values already there are kept
and missing ones appended. Each entry-tab column named in a `TabLayout.dropdowns` gets a
list validation from below its header row to the bottom of the sheet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from rules.contract import ENTRY_TABS, LIST_TAB, column_letter, map_headers
from rules.headers import SCAN_ROWS
from rules.values.text import header_key
from sync.ports import InitPlan, Owner

MAX_ROW = 1_048_576  # the last row of an .xlsx sheet


def write_lists(
    workbook: Workbook, lists: Mapping[str, Sequence[str]]
) -> tuple[dict[str, str], bool]:
    """Fill the list tab; returns list name -> the formula of its range, and whether it changed."""
    changed = LIST_TAB not in workbook.sheetnames
    if LIST_TAB not in workbook.sheetnames:
        workbook.create_sheet(LIST_TAB)
    sheet: Worksheet = workbook[LIST_TAB]
    header = [str(c.value or "").strip() for c in sheet[1]]
    while header and not header[-1]:
        header.pop()
    ranges: dict[str, str] = {}
    for name, values in lists.items():
        if name in header:
            col = header.index(name) + 1
        else:
            header.append(name)
            col = len(header)
            sheet.cell(row=1, column=col, value=name)
            changed = True
        column = [sheet.cell(row=r, column=col).value for r in range(2, sheet.max_row + 1)]
        last = max((i + 2 for i, v in enumerate(column) if v not in (None, "")), default=1)
        have = {str(v).strip() for v in column if v not in (None, "")}
        for value in dict.fromkeys(values):
            if value.strip() and value.strip() not in have:
                last, changed = last + 1, True
                sheet.cell(row=last, column=col).value = value
                sheet.cell(row=last, column=col).data_type = "s"
        letter = column_letter(col - 1)
        ranges[name] = f"'{LIST_TAB}'!${letter}$2:${letter}${max(last, 2)}"
    return ranges, changed


def _columns(sheet: Worksheet, title: str) -> tuple[int, dict[str, int]]:
    """1-based header row and header -> 0-based column, found as `validate` finds them."""
    grid = [list(row) for row in sheet.iter_rows(max_row=SCAN_ROWS, values_only=True)]
    spec = next((s for s in ENTRY_TABS if header_key(s.title) == header_key(title)), None)
    found = map_headers(spec, grid) if spec is not None else None  # type: ignore[arg-type]
    if spec is None or found is None:
        return 1, {}
    return found.header_row + 1, {spec.column(f).vi: i for f, i in found.columns.items()}


def add_dropdowns(workbook: Workbook, plan: InitPlan) -> list[str]:
    """List validations on entry tabs; returns what changed ('tab: header', or the list tab)."""
    if not any(tab.dropdowns for tab in plan.tabs):
        return []
    ranges, lists_changed = write_lists(workbook, plan.lists)
    done: list[str] = [LIST_TAB] if lists_changed else []
    for tab in plan.tabs:
        if tab.owner is not Owner.TEAM or tab.title not in workbook.sheetnames:
            continue
        row, columns = _columns(workbook[tab.title], tab.title)
        sheet = workbook[tab.title]
        for header, list_name in tab.dropdowns.items():
            col, formula = columns.get(header), ranges.get(list_name)
            if col is None or formula is None:
                continue
            letter = column_letter(col)
            area = f"{letter}{row + 1}:{letter}{MAX_ROW}"
            current = sheet.data_validations.dataValidation
            if any(str(dv.sqref) == area and dv.formula1 == formula for dv in current):
                continue  # already there, with the same list
            kept = [dv for dv in current if str(dv.sqref) != area]
            sheet.data_validations.dataValidation = kept  # a list that grew replaces the old one
            validation = DataValidation(type="list", formula1=formula, allow_blank=True)
            validation.add(area)
            sheet.add_data_validation(validation)
            done.append(f"{tab.title}: {header}")
    return done
