"""Entry tabs read with calamine give exactly the grids openpyxl gave (value and type)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Border, Font, Side

from sync.adapters.xlsx.backend import XlsxBackend
from sync.adapters.xlsx.read import openpyxl_grid
from sync.ports import Grid
from tests.adapters.xlsx.rawbook import (
    DATE,
    DATETIME,
    DAYS,
    DMY,
    ELAPSED,
    PERCENT,
    QUOTED,
    TIME,
    num,
    raw_xlsx,
    row,
    text,
)
from tests.adapters.xlsx.test_libreoffice import convert
from tests.google_helpers import invoke


def openpyxl_grids(path: Path) -> dict[str, Grid]:
    """The reading before calamine: openpyxl, formulas and cached values."""
    book, cached = load_workbook(path), load_workbook(path, data_only=True)
    return {t: openpyxl_grid(book[t], lambda t=t: cached[t]) for t in book.sheetnames}


def calamine_grids(path: Path) -> dict[str, Grid]:
    with XlsxBackend(path).open(writing=False) as book:
        return book.read(book.titles())


def typed(grid: Grid) -> list[tuple[str, list[tuple[str, object]]]]:
    """A grid with every row's and value's type: 5 is not 5.0, a date not a datetime."""
    return [(type(r).__name__, [(type(v).__name__, v) for v in r]) for r in grid]


def assert_same_as_openpyxl(path: Path) -> dict[str, Grid]:
    old, new = openpyxl_grids(path), calamine_grids(path)
    assert list(new) == list(old)
    for title in old:
        assert typed(new[title]) == typed(old[title]), title
    return new


STRINGS = ("Mã tổ", "=abc", "", "Nguyễn Thị Hoa", "0912345678")


def every_kind() -> str:
    """One sheet holding every kind of cell the programs people use write."""
    t = lambda ref, i: f'<c r="{ref}" t="s"><v>{i}</v></c>'  # noqa: E731 — a shared string
    cells = [
        row(1, t("A1", 0), text("B1", "Tên"), t("C1", 3), text("D1", "Ghi chú & <x>")),
        row(2, num("A2", "5"), num("B2", "2.5"), num("C2", "84912345678"), num("D2", "0"),
            num("E2", "-3"), num("F2", "1E-7"), num("G2", "0.5", PERCENT), num("H2", "3", DAYS)),
        row(3, num("A3", "45945", DATE), num("B3", "45945", DMY),
            num("C3", "45945.354166666664", DATETIME), num("D3", "1.5", TIME),
            num("E3", "59", DATE), num("F3", "61", DATE),
            '<c r="G3" t="d"><v>2025-10-15T08:30:00</v></c>', num("H3", "45945.5", DMY)),
        row(4, num("A4", "0.3541666666", TIME), num("B4", "1.25", ELAPSED), num("C4", "0", DATE)),
        row(5, '<c r="A5" t="b"><v>1</v></c>', '<c r="B5" t="b"><v>0</v></c>',
            '<c r="C5" t="b"><f>TRUE()</f><v>1</v></c>'),
        row(6, '<c r="A6" t="e"><v>#N/A</v></c>', '<c r="B6" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            '<c r="C6" t="e"><v>#REF!</v></c>', '<c r="D6" t="e"><f>"a"+1</f><v>#VALUE!</v></c>'),
        row(7, '<c r="A7"><f>1+1</f></c>', '<c r="B7"><f>A2*2</f><v/></c>',
            '<c r="C7"><f>A2*3</f><v /></c>', '<c r="D7" t="str"><f>""</f><v></v></c>',
            '<c r="E7"><f>1+1</f><v>2</v></c>', '<c r="F7" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
            '<c r="G7"><f t="array" ref="G7">SUM(A2:B2)</f></c>'),
        row(8, '<c r="A8"><f t="shared" ref="A8:A10" si="0">B2&amp;"x"</f></c>', t("B8", 1),
            '<c r="C8" t="str"><v>=abc</v></c>', text("D8", "  khoảng trắng  "),
            text("E8", "0912345678", QUOTED), t("F8", 4)),
        row(9, '<c r="A9"><f t="shared" si="0"/></c>', text("B9", "ẩn"), attrs=' hidden="1"'),
        row(10, '<c r="A10" t="str"><f t="shared" si="0"/><v>7x</v></c>', text("B10", "x")),
        row(12, text("A12", "sau dòng trống"), attrs=' hidden="true"'),
        row(13, text("A13", "hiện"), attrs=' hidden="0" customHeight="1" ht="30"'),
        row(14, text("A14", "gộp"), text("B14", "dưới ô gộp"), num("C14", "9")),
        row(15, num("B15", "10")),
        row(18, '<c r="M18" s="5"/>'),  # an empty cell with a format, far right
        row(21, attrs=' hidden="1"'),  # hidden, no cells: past the grid
    ]  # fmt: skip
    return (
        '<dimension ref="A1:M18"/><sheetData>' + "".join(cells) + "</sheetData>"
        '<mergeCells count="1"><mergeCell ref="A14:C15"/></mergeCells>'
        '<hyperlinks><hyperlink ref="B15" location="\'Tổ &amp; nhóm\'!A1" display="x"/></hyperlinks>'
    )


COMMENTS = {
    "xl/worksheets/_rels/sheet1.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/>'
        "</Relationships>"
    ),
    "xl/comments1.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<authors><author>Hoa</author></authors><commentList>"
        '<comment ref="B20" authorId="0"><text><t>hỏi lại</t></text></comment></commentList></comments>'
    ),
}  # fmt: skip


def test_every_kind_of_cell_reads_as_openpyxl_read_it(tmp_path: Path) -> None:
    sheets = {"Kinds": every_kind(), "Tổ & nhóm": "<sheetData/>", "Đại sứ số": "<sheetData/>"}
    path = raw_xlsx(tmp_path / "kinds.xlsx", sheets, strings=STRINGS, parts=COMMENTS)
    grids = assert_same_as_openpyxl(path)
    kinds = grids["Kinds"]
    assert (len(kinds), len(kinds[0])) == (20, 13)  # the formatted cell and the comment count
    assert kinds[1][:3] == [5, 2.5, 84912345678] and type(kinds[1][0]) is int
    assert kinds[2][0] == datetime(2025, 10, 15) and type(kinds[2][0]) is datetime
    assert kinds[3][:3] == [None, None, None]  # a time of day, a duration
    assert kinds[5][:4] == ["#N/A", "#DIV/0!", "#REF!", "#VALUE!"]
    assert kinds[6][:4] == ["=1+1", "=A2*2", "=A2*3", '=""']  # FormulaText: a warning later
    assert kinds[7][0] == '=B2&"x"' and kinds[8][0] == '=B3&"x"' and kinds[9][0] == "7x"
    assert kinds[7][1:3] == ["=abc", "=abc"]  # text that looks like a formula stays text
    assert kinds[13][:3] == ["gộp", None, None] and kinds[14][1] is None  # under the merge
    hidden = [type(r).__name__ == "HiddenRow" for r in kinds[8:13]]
    assert hidden == [True, False, False, True, False]  # rows 9 and 12 (hidden="true")
    assert grids["Tổ & nhóm"] == grids["Đại sứ số"] == []


def test_a_workbook_openpyxl_wrote_and_libreoffice_recomputed(tmp_path: Path) -> None:
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "Đại sứ số"
    rows = [
        ["Họ tên", "SĐT", "Ngày", "Lúc", "Giờ", "Có", "Số"],
        ["An", 84912345678, date(2025, 10, 15), datetime(2025, 10, 15, 8, 30), time(8, 30), True, 2.5],
        ["Bình", 912345678, datetime(2025, 10, 16), datetime(1900, 1, 1), timedelta(hours=30), False, 0],
        [],
        ["=abc", "=1/0", "=NA()", "=A2&B2", "=SUM(G2:G3)", "=#REF!", "=G2*2"],
    ]  # fmt: skip
    for values in rows:
        sheet.append(values)
    sheet["A5"].data_type = "s"  # typed text, not a formula
    sheet.row_dimensions[3].hidden = True
    sheet.merge_cells("A7:C8")
    sheet["A7"] = "gộp"
    sheet["J12"].border = Border(bottom=Side(style="thin"))
    sheet["L3"].comment = Comment("hỏi lại", "Hoa")
    sheet["C3"].font = Font(bold=True)
    path = tmp_path / "written.xlsx"
    wb.save(path)
    written = assert_same_as_openpyxl(path)["Đại sứ số"]
    assert written[4][1:3] == ["=1/0", "=NA()"]  # openpyxl wrote no computed values
    again = assert_same_as_openpyxl(convert(path, "xlsx", tmp_path / "lo"))["Đại sứ số"]
    assert again[4][1:5] == ["#DIV/0!", "#N/A", "An84912345678", 2.5]


@pytest.mark.parametrize(
    "dimension",
    ["", '<dimension ref="A1"/>', '<dimension ref="A1:Z1000"/>', '<dimension ref="A1:E3"/>'],
)
def test_the_grid_is_as_large_as_its_cells_whatever_the_dimension_says(
    tmp_path: Path, dimension: str
) -> None:
    cells = row(1, text("A1", "a"), text("C1", "c")) + row(3, num("B3", "1"), '<c r="E3" s="1"/>')
    path = raw_xlsx(tmp_path / "dims.xlsx", {"S": f"{dimension}<sheetData>{cells}</sheetData>"})
    grid = assert_same_as_openpyxl(path)["S"]
    assert (len(grid), len(grid[0])) == (3, 5)


def test_the_demo_workbook_reads_as_before(tmp_path: Path) -> None:
    code, out, err = invoke("demo", str(tmp_path / "demo"), "--today", "2025-11-10")
    assert code == 0, (out, err)
    grids = assert_same_as_openpyxl(tmp_path / "demo" / "dai-su-so-demo.xlsx")
    assert len(grids["Đại sứ số"]) > 1000


def test_reading_does_not_load_the_workbook_in_openpyxl(tmp_path: Path) -> None:
    path = raw_xlsx(
        tmp_path / "plain.xlsx", {"Tổ": "<sheetData>" + row(1, text("A1", "x")) + "</sheetData>"}
    )
    with XlsxBackend(path).open() as book:
        assert book.read(["Tổ"]) == {"Tổ": [["x"]]}
        assert "_wb" not in vars(book)  # the openpyxl workbook: loaded by init and write only


def test_a_sheet_laid_out_unusually_is_read_the_slow_exact_way(tmp_path: Path) -> None:
    body = (  # cells without their reference: allowed, positions follow the order
        '<sheetData><row r="1"><c t="inlineStr"><is><t>a</t></is></c><c><v>5</v></c></row>'
        '<row r="3" hidden="1"><c t="e"><v>#N/A</v></c><c><f>1+1</f></c></row></sheetData>'
    )
    path = raw_xlsx(tmp_path / "odd.xlsx", {"S": body})
    grid = assert_same_as_openpyxl(path)["S"]
    assert grid == [["a", 5], [None, None], ["#N/A", "=1+1"]]


def test_known_differences_are_none_a_person_types(tmp_path: Path) -> None:
    """Only numbers no program writes for a typed value read otherwise (see read.py)."""
    cells = row(1, num("A1", "5.0"), num("B1", "2958466", DATE), num("C1", "-1", DATE),
                '<c r="D1" t="s"><v>2</v></c>')  # fmt: skip
    link = '<hyperlinks><hyperlink ref="E1" location="S!A1"/></hyperlinks>'  # on an emptied cell
    body = f"<sheetData>{cells}</sheetData>{link}"
    path = raw_xlsx(tmp_path / "odd.xlsx", {"S": body}, strings=STRINGS)
    # openpyxl: 5.0, '#VALUE!', a date in 1899, '' and the link's target 'S!A1'
    assert calamine_grids(path)["S"] == [[5, 2958466, None, None, None]]
