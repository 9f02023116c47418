"""Bring the styles of freshly rendered summary tabs into the workbook's own styles part.

Fonts, fills, borders, number formats, cell formats and conditional-format styles are
appended only when the workbook has no identical one yet, so the first sync adds what the
summary tabs need and every later sync finds it all there and leaves styles.xml as it is.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from sync.adapters.xlsx.ooxml import Doc, insert_in_order, q

# CT_Stylesheet's sequence: a new container goes where the schema wants it.
STYLESHEET_ORDER = (
    "numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
    "tableStyles", "colors", "extLst",
)  # fmt: skip
FIRST_CUSTOM_FORMAT = 164  # number formats below are built in
Key = tuple[object, ...]


@dataclass(frozen=True)
class StyleMap:
    """Rendered index -> workbook index, for cell formats (`s=`) and conditional formats."""

    xf: dict[int, int]
    dxf: dict[int, int]

    def cell(self, rendered: int) -> int:
        return self.xf.get(rendered, 0)

    def differential(self, rendered: int) -> int:
        return self.dxf[rendered]


def _key(el: ET.Element) -> Key:
    return (
        el.tag,
        tuple(sorted(el.attrib.items())),
        (el.text or "").strip(),
        tuple(_key(child) for child in el),
    )


class _Merge:
    def __init__(self, base: ET.Element, new: ET.Element) -> None:
        self.base, self.new = base, new
        self.grew = False

    def container(self, name: str) -> ET.Element:
        found = self.base.find(q(name))
        if found is None:
            found = ET.Element(q(name), count="0")
            insert_in_order(self.base, found, STYLESHEET_ORDER)
        return found

    def items(self, name: str) -> list[ET.Element]:
        found = self.new.find(q(name))
        return [] if found is None else list(found)

    def add(self, name: str, items: list[ET.Element]) -> dict[int, int]:
        """Each item's index in the workbook's `name` list, appending the ones it lacks."""
        if not items:
            return {}
        into = self.container(name)
        known: dict[Key, int] = {}
        for index, el in enumerate(into):
            known.setdefault(_key(el), index)
        out: dict[int, int] = {}
        for index, el in enumerate(items):
            key = _key(el)
            if key not in known:
                into.append(copy.deepcopy(el))
                known[key] = len(into) - 1
                self.grew = True
            out[index] = known[key]
        into.set("count", str(len(into)))
        return out

    def formats(self) -> dict[int, int]:
        items = self.items("numFmts")
        if not items:
            return {}
        into = self.container("numFmts")
        codes = {el.get("formatCode"): int(el.get("numFmtId", "0")) for el in into}
        last = max([FIRST_CUSTOM_FORMAT - 1, *codes.values()])
        out: dict[int, int] = {}
        for el in items:
            rendered, code = int(el.get("numFmtId", "0")), el.get("formatCode")
            if code not in codes:
                last += 1
                ET.SubElement(into, q("numFmt"), numFmtId=str(last), formatCode=code or "")
                codes[code] = last
                self.grew = True
            out[rendered] = codes[code]
        into.set("count", str(len(into)))
        return out


def merge_styles(original: bytes, rendered: bytes) -> tuple[bytes, StyleMap]:
    """The workbook's styles part with what the rendered tabs use, and how their ids moved."""
    base, new = Doc.parse(original), Doc.parse(rendered)
    merge = _Merge(base.root, new.root)
    formats = merge.formats()
    ids = {
        "fontId": merge.add("fonts", merge.items("fonts")),
        "fillId": merge.add("fills", merge.items("fills")),
        "borderId": merge.add("borders", merge.items("borders")),
    }
    has_style_xfs = base.root.find(q("cellStyleXfs")) is not None
    xfs: list[ET.Element] = []
    for xf in merge.items("cellXfs"):
        xf = copy.deepcopy(xf)
        for attr, moved in ids.items():
            if xf.get(attr) is not None:
                xf.set(attr, str(moved.get(int(xf.get(attr, "0")), 0)))
        fmt = int(xf.get("numFmtId", "0"))
        if fmt >= FIRST_CUSTOM_FORMAT:
            xf.set("numFmtId", str(formats[fmt]))
        if has_style_xfs:
            xf.set("xfId", "0")  # the workbook's Normal style
        else:
            xf.attrib.pop("xfId", None)
        xfs.append(xf)
    xf_map = merge.add("cellXfs", xfs)
    dxf_map = merge.add("dxfs", merge.items("dxfs"))
    return (base.dumps() if merge.grew else original), StyleMap(xf_map, dxf_map)


_CELL_STYLE = re.compile(rb'(<(?:c|row) [^>]*?\bs=")(\d+)(")')
_COLUMN_STYLE = re.compile(rb'(<col [^>]*?\bstyle=")(\d+)(")')
_DXF = re.compile(rb'(<cfRule [^>]*?\bdxfId=")(\d+)(")')


def restyle_sheet(xml: bytes, styles: StyleMap) -> bytes:
    """A rendered sheet's style references, moved to the workbook's own ids."""

    def cell(m: re.Match[bytes]) -> bytes:
        return m[1] + str(styles.cell(int(m[2]))).encode() + m[3]

    def differential(m: re.Match[bytes]) -> bytes:
        return m[1] + str(styles.differential(int(m[2]))).encode() + m[3]

    xml = _CELL_STYLE.sub(cell, xml)
    xml = _COLUMN_STYLE.sub(cell, xml)
    return _DXF.sub(differential, xml)
