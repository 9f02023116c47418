"""Workbooks written as raw XML, to hold cell kinds no library writes on demand.

`raw_xlsx` takes, per sheet, the XML inside <worksheet> (sheetData and whatever follows
it) and the styles below, so a test can place any cell: a formula with or without a
cached value, an error, an ISO date, an inline string, a row hidden, a merge.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

# Style ids for `s="…"`: number formats as Excel and LibreOffice write them.
GENERAL, DATE, DATETIME, TIME, ELAPSED, DMY, TEXT, DAYS, PERCENT, QUOTED = range(10)
_FORMATS = (0, 14, 22, 20, 46, 164, 49, 165, 10, 49)  # QUOTED: text typed after an apostrophe
_CUSTOM = {164: "dd/mm/yyyy", 165: '0" ngày"'}

_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    f'<numFmts count="{len(_CUSTOM)}">'
    + "".join(f"<numFmt numFmtId={quoteattr(str(k))} formatCode={quoteattr(v)}/>" for k, v in _CUSTOM.items())
    + '</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="{len(_FORMATS)}">'
    + "".join(f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' for n in _FORMATS[:-1])
    + '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)  # fmt: skip

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_xlsx(
    path: Path,
    sheets: dict[str, str],
    *,
    strings: tuple[str, ...] = (),
    parts: dict[str, str] | None = None,
) -> Path:
    """An .xlsx whose sheets hold exactly the given XML (sheetData and what follows);
    `strings` is the shared-string table (`t="s"` cells: `<v>index</v>`), `parts` any
    other file (a sheet's rels, its comments)."""
    names = list(sheets)
    books = "".join(
        f'<sheet name={quoteattr(t)} sheetId="{i}" r:id="rId{i}"/>' for i, t in enumerate(names, 1)
    )
    pr = "<workbookPr/>"
    rels = (
        "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + f'<Relationship Id="rIdS" Type="{_REL}/styles" Target="styles.xml"/>'
    )
    if strings:
        rels += f'<Relationship Id="rIdT" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    if strings:
        overrides += '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>")  # fmt: skip
        z.writestr("_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')  # fmt: skip
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS}>{pr}<sheets>{books}</sheets></workbook>',
        )
        z.writestr("xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')  # fmt: skip
        z.writestr("xl/styles.xml", _STYLES)
        if strings:
            items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in strings)
            z.writestr("xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')  # fmt: skip
        for name, body in (parts or {}).items():
            z.writestr(name, body)
        for i, body in enumerate(sheets.values(), 1):
            z.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>{body}</worksheet>',
            )
    return path


def text(ref: str, value: str, style: int = GENERAL) -> str:
    """A text cell as programs write it when they skip the shared-string table."""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def num(ref: str, value: str, style: int = GENERAL) -> str:
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def row(r: int, *cells: str, attrs: str = "") -> str:
    return f'<row r="{r}"{attrs}>{"".join(cells)}</row>'
