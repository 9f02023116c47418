"""The summary tabs are spliced into the workbook's zip: entry-tab parts stay byte for byte."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.defined_name import DefinedName

from rules.contract import SUMMARY_LAYOUT
from sync.adapters.xlsx.ooxml import Package, rels_path
from sync.adapters.xlsx.splice import splice
from sync.errors import UnreachableError
from tests.adapters.look_views import xlsx_tab
from tests.adapters.xlsx.helpers import ENTRY, SUMMARY, make_book, sync
from tests.adapters.xlsx.test_libreoffice import convert, values
from tests.builders import write_config

WORKBOOK_PARTS = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
}  # fmt: skip
OWNED = {title for title, _ in SUMMARY_LAYOUT}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def owned_parts(path: Path) -> set[str]:
    """The parts of the worker-owned tabs: sheets, their rels and what those point at."""
    package = Package(path.read_bytes())
    todo = [part for title, part in package.sheet_parts().items() if title in OWNED]
    seen: set[str] = set()
    while todo:
        part = todo.pop()
        if part not in seen:
            seen |= {part, rels_path(part)}
            todo += list(package.rels_of(part).internal().values())
    return seen


def not_owned(path: Path) -> dict[str, bytes]:
    skip = owned_parts(path) | WORKBOOK_PARTS
    return {name: data for name, data in members(path).items() if name not in skip}


def with_a_persons_work(path: Path) -> None:
    """What a person adds: a chart on an entry tab, a tab of their own, named ranges."""
    wb = load_workbook(path)
    team = wb["Tổ"]
    chart = BarChart()
    chart.add_data(Reference(team, min_col=1, max_col=1, min_row=1, max_row=5))
    team.add_chart(chart, "J2")
    own = wb.create_sheet("Ghi chú riêng")
    own.append(["Việc cần làm", "Hạn"])
    own.append(["Gọi tổ T02", "12/11"])
    wb.defined_names["DanhSachTo"] = DefinedName("DanhSachTo", attr_text="'Tổ'!$A$1:$B$5")
    team.defined_names["TruongTo"] = DefinedName("TruongTo", attr_text="'Tổ'!$B$2")
    wb.save(path)


def with_a_calc_chain(path: Path) -> None:
    """Excel's calcChain.xml, its relationship and content type, as Excel writes them."""
    data = members(path)
    chain = b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="1"/></calcChain>'
    data["xl/calcChain.xml"] = chain
    data["xl/_rels/workbook.xml.rels"] = data["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    )
    data["[Content_Types].xml"] = data["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in data.items():
            z.writestr(name, content)


def test_entry_tabs_and_every_part_not_owned_stay_byte_for_byte(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    with_a_persons_work(path)
    before = members(path)
    sync(path)
    after = members(path)
    for name, data in before.items():
        if name not in WORKBOOK_PARTS:
            assert after[name] == data, name  # nothing owned existed: every part is kept
    kept = not_owned(path)
    sync(path)
    assert not_owned(path) == kept
    wb = load_workbook(path)
    assert len(wb["Tổ"]._charts) == 1  # the person's chart on an entry tab
    assert wb["Ghi chú riêng"]["A2"].value == "Gọi tổ T02"
    assert wb.sheetnames[: len(ENTRY)] == list(ENTRY)
    assert wb.sheetnames[-1] == "Nhật ký" and "Ghi chú riêng" in wb.sheetnames
    assert wb.defined_names["DanhSachTo"].attr_text == "'Tổ'!$A$1:$B$5"
    assert wb["Tổ"].defined_names["TruongTo"].attr_text == "'Tổ'!$B$2"


def test_the_summary_tabs_keep_their_look(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    for _ in range(3):
        sync(path)
    dash, teams = xlsx_tab(path, "Tổng hợp"), xlsx_tab(path, "Theo tổ")
    assert [c.kind for c in dash.charts] == ["LINE"]
    assert [c.kind for c in teams.charts] == ["COLUMN"]
    assert teams.colours  # conditional formats on the status column
    wb = load_workbook(path)
    issues = wb["Lỗi dữ liệu"]
    assert issues.freeze_panes == "A2"
    assert issues.auto_filter.ref and issues.auto_filter.ref.startswith("A1:")
    assert issues.print_title_rows == "$1:$1"
    links = [c.hyperlink.location for row in issues.iter_rows() for c in row if c.hyperlink]
    assert links and all("!" in (link or "") for link in links)
    log = wb["Nhật ký"]
    assert log.max_row == 4  # header and one row per sync
    assert log["A2"].is_date and log["A2"].number_format == log["A4"].number_format
    assert not any(wb[t].sheet_view.tabSelected for t in SUMMARY)  # no tab grouped with another


def test_thirty_syncs_stop_changing_the_workbook_and_a_moved_chart_stays(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    write_config(tmp_path, extra="log_keep = 2\n")  # the log's filter range stops growing too
    sync(path)
    wb = load_workbook(path)  # a person drags the chart and saves
    wb["Tổng hợp"]._charts[0].anchor = "H20"
    wb.save(path)
    sync(path)
    first = members(path)
    for _ in range(28):
        sync(path)
    last = members(path)
    assert list(last) == list(first)
    for name in ("xl/styles.xml", "xl/workbook.xml", "[Content_Types].xml"):
        assert last[name] == first[name], name
    assert xlsx_tab(path, "Tổng hợp").charts[0].anchor == (19, 7)
    assert len(xlsx_tab(path, "Tổng hợp").charts) == 1
    assert len(xlsx_tab(path, "Theo tổ").charts) == 1
    assert load_workbook(path)["Nhật ký"].max_row == 3


def test_calc_chain_is_dropped_and_formulas_recalculate_on_load(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    with_a_calc_chain(path)
    sync(path)
    after = members(path)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in after["[Content_Types].xml"]
    load_workbook(path)


def test_a_workbook_saved_by_libreoffice_is_spliced_and_opens_in_libreoffice(
    tmp_path: Path,
) -> None:
    made = make_book(tmp_path / "made")
    with_a_persons_work(made)
    path = convert(made, "xlsx", tmp_path / "lo")
    (tmp_path / "made" / "daisuso.toml").replace(tmp_path / "lo" / "daisuso.toml")
    entry = {n: d for n, d in members(path).items() if n not in WORKBOOK_PARTS}
    sync(path)
    sync(path)
    kept = members(path)
    for name, data in entry.items():
        assert kept[name] == data, name
    styles = kept["xl/styles.xml"]
    assert re.search(rb"mc:Ignorable|xmlns", styles)
    again = convert(path, "xlsx", tmp_path / "again")
    for title in (*ENTRY, *SUMMARY, "Ghi chú riêng"):
        assert values(again, title) == values(path, title), title
    assert len(xlsx_tab(path, "Tổng hợp").charts) == 1


@pytest.mark.parametrize(
    ("lang", "said"), [("vi", "Không ghi gì."), ("en", "Nothing was written.")]
)
def test_a_failure_while_splicing_leaves_the_file_untouched(
    tmp_path: Path, lang: str, said: str
) -> None:
    path = make_book(tmp_path)
    sync(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_BZIP2) as z:  # Excel reads no bzip2: not copied
        z.writestr("customXml/item1.xml", "<x/>")
    before = path.read_bytes()
    with pytest.raises(UnreachableError) as caught:
        sync(path, lang=lang)
    assert said in str(caught.value) and "\n" not in str(caught.value)  # one language
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".book.xlsx.*.tmp"))


def test_splice_refuses_a_rendered_book_without_the_tabs(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    data = path.read_bytes()
    with pytest.raises(KeyError):
        splice(data, data, ["Tổng hợp"])
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


EXCEL_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr" '
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
    '<workbookPr defaultThemeVersion="166925"/><mc:AlternateContent '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15">'
    '<x15ac:absPath url="C:\\Tổ\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>'
    '</mc:Choice></mc:AlternateContent><xr:revisionPtr revIDLastSave="0" documentId="8_{X}"/>'
    '<sheets><sheet name="Tổ &amp; &quot;nhóm&quot;" sheetId="1" r:id="rId1"/></sheets></workbook>'
)


def test_excel_namespace_prefixes_survive_a_rewrite() -> None:
    """`mc:Ignorable` names prefixes: they must still be declared, under the same names."""
    from sync.adapters.xlsx.ooxml import Doc

    doc = Doc.parse(EXCEL_WORKBOOK.encode())
    again = doc.dumps()
    root_tag = again.split(b">", 2)[1]
    for prefix in (b"mc", b"x15", b"xr", b"r", b"x15ac"):
        assert b"xmlns:" + prefix + b"=" in root_tag, prefix
    assert b'mc:Ignorable="x15 xr"' in again and b"<x15ac:absPath" in again
    assert Doc.parse(again).dumps() == again
    assert Doc.parse(again).root.find(
        "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheets/"
        "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"
    ).get("name") == 'Tổ & "nhóm"'  # fmt: skip


def test_a_summary_tab_renamed_in_another_case_is_still_the_one_written(tmp_path: Path) -> None:
    path = make_book(tmp_path)
    sync(path)
    wb = load_workbook(path)
    wb["Tổng hợp"].title = "x"
    wb["x"].title = "TỔNG HỢP"  # Excel would refuse a second tab of that name
    wb.save(path)
    sync(path)
    wb = load_workbook(path)
    folded = [t.casefold() for t in wb.sheetnames]
    assert len(folded) == len(set(folded)) and "TỔNG HỢP" in wb.sheetnames
    assert wb["TỔNG HỢP"]["A1"].value == "Chỉ số" and len(wb["TỔNG HỢP"]._charts) == 1


def test_copied_members_keep_their_compressed_bytes_and_read_back_whole() -> None:
    from sync.adapters.xlsx.zipcopy import ZipOut

    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("a.xml", b"<a/>" * 1000, zipfile.ZIP_DEFLATED)
        z.writestr("b/ấp.bin", bytes(range(256)), zipfile.ZIP_STORED)
    data = source.getvalue()
    sink = io.BytesIO()
    writer = ZipOut(sink)
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        writer.copy(data, info)
    writer.write("c.xml", "<c>mới</c>".encode())
    writer.close()
    out = zipfile.ZipFile(io.BytesIO(sink.getvalue()))
    assert out.testzip() is None
    assert out.namelist() == ["a.xml", "b/ấp.bin", "c.xml"]
    assert out.read("a.xml") == b"<a/>" * 1000 and out.read("c.xml") == "<c>mới</c>".encode()
    original = {i.filename: i.compress_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert {i.filename: i.compress_size for i in out.infolist()[:2]} == original


def test_the_demo_workbook_saved_by_libreoffice_syncs_by_splicing(tmp_path: Path) -> None:
    from tests.google_helpers import invoke

    code, _, err = invoke("demo", str(tmp_path / "d"), "--today", "2025-11-10")
    assert code == 0, err
    demo = tmp_path / "d" / "dai-su-so-demo.xlsx"
    convert(demo, "xlsx", tmp_path / "lo").replace(demo)  # as LibreOffice saves it
    entry = {n: d for n, d in members(demo).items() if n not in owned_parts(demo) | WORKBOOK_PARTS}
    for _ in range(2):
        code, _, err = invoke("sync", "--config", str(tmp_path / "d" / "daisuso.toml"),
                              "--today", "2025-11-10")  # fmt: skip
        assert code == 0, err
    assert not_owned(demo) == entry
    assert [c.kind for c in xlsx_tab(demo, "Tổng hợp").charts] == ["LINE"]
    assert [c.kind for c in xlsx_tab(demo, "Theo tổ").charts] == ["COLUMN"]
    log = load_workbook(demo)["Nhật ký"]  # the demo's sync, kept through LibreOffice, and two
    times = [row[0] for row in log.iter_rows(min_row=2, values_only=True)]
    assert len(times) == 3 and all(isinstance(t, datetime) for t in times)
    again = convert(demo, "xlsx", tmp_path / "again")
    for title in ("Tổng hợp", "Theo tổ", "Theo ấp", "Nhật ký"):
        assert values(again, title) == values(demo, title), title


def test_a_written_formula_is_recalculated_when_the_file_opens(tmp_path: Path) -> None:
    from rules.contract import LOG, LOG_COLUMNS
    from rules.tables import Column, Formula, Kind, Table
    from sync.adapters.xlsx.backend import XlsxBackend
    from sync.ports import WritePlan

    path = make_book(tmp_path)
    data = members(path)  # a workbook whose program keeps no calcPr
    data["xl/workbook.xml"] = re.sub(rb"<calcPr[^>]*/>", b"", data["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in data.items():
            z.writestr(name, content)
    columns = (Column("Tổ"), Column("Số đại sứ", Kind.INTEGER))
    rows = (("T01", 3), ("T02", 4), ("Tổng", Formula("=SUM(B2:B3)")))
    with XlsxBackend(path).open() as book:
        book.write(WritePlan((Table("Toàn bộ", columns, rows),), LOG, LOG_COLUMNS, ()))
    workbook = members(path)["xl/workbook.xml"]
    assert re.search(rb'</definedNames><calcPr fullCalcOnLoad="1"/></workbook>', workbook)
    assert load_workbook(path)["Toàn bộ"]["B4"].value == "=SUM(B2:B3)"
