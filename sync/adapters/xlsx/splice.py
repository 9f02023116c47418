"""Put freshly rendered worker-owned tabs into a workbook without touching its entry tabs.

The workbook's zip is rebuilt member by member: every part the owned tabs do not use is
copied byte for byte (sheets, shared strings, theme, a person's drawings...). An owned
tab that exists keeps its part, its place, its sheet id and r:id; its old drawings,
charts and other parts only it used go. New tabs are added after the last one. Styles
are merged (see styles_merge), text is inline so the shared strings stay as they were,
and the owned tabs' filter and print-title names are replaced.
"""

from __future__ import annotations

import copy
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from sync.adapters.xlsx.ooxml import REL, ContentTypes, Package, insert_in_order, q, rels_path
from sync.adapters.xlsx.styles_merge import merge_styles, restyle_sheet
from sync.adapters.xlsx.zipcopy import ZipOut

WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TYPES_PART = "[Content_Types].xml"
# CT_Workbook's sequence, for the elements the splice may have to add.
WORKBOOK_ORDER = (
    "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
    "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize",
    "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
    "fileRecoveryPr", "webPublishObjects", "extLst",
)  # fmt: skip
_SHARED_CELL = re.compile(rb'<c ([^>]*?)t="s"([^>]*)><v>(\d+)</v></c>')
_STRING_ITEM = re.compile(rb"<si>(.*?)</si>", re.S)
_NUMBERED = re.compile(r"^(.*?)(\d*)(\.[^./]+)$")
_FORMULA = re.compile(rb"<f[ >]")


def splice(original: bytes, rendered: bytes, owned: Sequence[str]) -> bytes:
    """`original` with the tabs titled `owned` taken from `rendered` (both .xlsx bytes)."""
    return _Splice(Package(original), Package(rendered), owned).run()


class _Splice:
    def __init__(self, src: Package, new: Package, owned: Sequence[str]) -> None:
        self.src, self.new, self.owned = src, new, list(owned)
        self.types = ContentTypes(src.zip.read(TYPES_PART))
        self.new_types = ContentTypes(new.zip.read(TYPES_PART))
        self.out: dict[str, bytes] = {}
        self.formulas = False

    def run(self) -> bytes:
        # Excel compares tab names ignoring case: `tổng hợp` is the tab `Tổng hợp`.
        parts = {t.casefold(): p for t, p in self.src.sheet_parts().items()}
        old = {t: parts[t.casefold()] for t in self.owned if t.casefold() in parts}
        calc = self._drop_calc_chain()
        dropped = self._unused_after(old.values()) | calc
        self.types.drop(dropped)
        self.taken = (self.src.names - dropped) | set(old.values())
        self._merge_styles()
        for title in self.owned:
            self._put_sheet(title, old.get(title))
        self._defined_names(old)
        if self.formulas:
            self._recalculate_on_load()
        wb = self.src.workbook_part
        self.out[wb] = self.src.workbook.dumps()
        self.out[rels_path(wb)] = self.src.rels.doc.dumps()
        self.out[TYPES_PART] = self.types.doc.dumps()
        return self._zip(dropped)

    # ---- what goes -----------------------------------------------------------------------

    def _drop_calc_chain(self) -> set[str]:
        """The calculation chain lists formula cells; Excel rebuilds it when it is absent."""
        gone: set[str] = set()
        for rel in self.src.rels.by_type("/calcChain"):
            gone.add(self.src.rels.internal().get(rel.get("Id", ""), ""))
            self.src.rels.remove(rel)
        return {g for g in gone if g}

    def _edges(self, part: str) -> Iterable[str]:
        if part == self.src.workbook_part:
            return self.src.rels.internal().values()
        return self.src.rels_of(part).internal().values()

    def _reach(self, start: Iterable[str], skip: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = [p for p in start if p not in skip]
        while todo:
            part = todo.pop()
            if part in seen:
                continue
            seen.add(part)
            todo += [p for p in self._edges(part) if p not in skip and p not in seen]
        return seen

    def _unused_after(self, sheets: Iterable[str]) -> set[str]:
        """The owned sheets' parts, their rels and every part only they used."""
        sheets = set(sheets)
        kept = self._reach([""], skip=sheets)
        gone = self._reach(sheets, skip=set()) - kept
        rels = {rels_path(p) for p in gone} & self.src.names
        return (gone & self.src.names) | rels

    # ---- what comes ----------------------------------------------------------------------

    def _merge_styles(self) -> None:
        part, new_part = self.src.part_of("/styles"), self.new.part_of("/styles")
        if part is None or new_part is None or part not in self.src.names:
            raise ValueError("the workbook has no styles part")
        original = self.src.zip.read(part)
        merged, self.styles = merge_styles(original, self.new.zip.read(new_part))
        if merged is not original:
            self.out[part] = merged

    def _allocate(self, like: str) -> str:
        m = _NUMBERED.match(like)
        stem, ext = (m[1], m[3]) if m else (like, "")
        n = 1
        while f"{stem}{n}{ext}" in self.taken:
            n += 1
        self.taken.add(f"{stem}{n}{ext}")
        return f"{stem}{n}{ext}"

    def _put_sheet(self, title: str, existing: str | None) -> None:
        rendered = self.new.sheet_parts()[title]
        if existing is None:
            target = self._allocate("xl/worksheets/sheet1.xml")
            self._add_tab(title, target)
        else:
            target = existing
            self._as_worksheet(existing)
        names = {rendered: target}
        for part in sorted(self._rendered_closure(rendered) - {rendered}):
            names[part] = self._allocate(part)
        for part, final in names.items():
            data = self.new.zip.read(part)
            if part == rendered:
                data = self._sheet_xml(data)
            self.out[final] = data
            self.types.set(final, self.new_types.of(part) or "application/xml")
            rels = self.new.rels_of(part)
            if rels.items():
                for rel in rels.items():
                    if rel.get("TargetMode") != "External":
                        rel.set("Target", "/" + names[rels.internal()[rel.get("Id", "")]])
                self.out[rels_path(final)] = rels.doc.dumps()

    def _rendered_closure(self, part: str) -> set[str]:
        seen, todo = set(), [part]
        while todo:
            p = todo.pop()
            if p not in seen:
                seen.add(p)
                todo += list(self.new.rels_of(p).internal().values())
        return seen

    def _add_tab(self, title: str, part: str) -> None:
        rid = self.src.rels.add(WORKSHEET, part)
        sheets = self.src.workbook.root.find(q("sheets"))
        if sheets is None:
            sheets = ET.Element(q("sheets"))
            insert_in_order(self.src.workbook.root, sheets, WORKBOOK_ORDER)
        ids = [int(s.get("sheetId", "0")) for s in sheets]
        ET.SubElement(sheets, q("sheet"), {"name": title, "sheetId": str(max([0, *ids]) + 1),
                                           q("id", REL): rid})  # fmt: skip

    def _as_worksheet(self, part: str) -> None:
        """An owned tab a person turned into another kind of sheet becomes a worksheet again."""
        for rel in self.src.rels.items():
            if self.src.rels.internal().get(rel.get("Id", "")) == part:
                rel.set("Type", WORKSHEET)

    def _sheet_xml(self, data: bytes) -> bytes:
        data = restyle_sheet(self._inline(data), self.styles)
        self.formulas = self.formulas or bool(_FORMULA.search(data))
        return data

    def _inline(self, data: bytes) -> bytes:
        """Text the rendered tab keeps in its own shared strings goes inline in the cell."""
        if b't="s"' not in data:
            return data
        part = self.new.part_of("/sharedStrings")
        shared = _STRING_ITEM.findall(self.new.read(part) or b"") if part else []
        return _SHARED_CELL.sub(
            lambda m: b'<c %st="inlineStr"%s><is>%s</is></c>' % (m[1], m[2], shared[int(m[3])]),
            data,
        )

    # ---- workbook.xml ----------------------------------------------------------------------

    def _defined_names(self, old: dict[str, str]) -> None:
        """Names scoped to an owned tab (filter, print titles) come from the rendered tab."""
        root = self.src.workbook.root
        index = {s.get("name", "").casefold(): i for i, s in enumerate(self.src.sheets())}
        names = root.find(q("definedNames"))
        if names is None:
            names = ET.Element(q("definedNames"))
            insert_in_order(root, names, WORKBOOK_ORDER)
        scoped = {str(index[t.casefold()]) for t in old}
        for name in list(names):
            if name.get("localSheetId") in scoped:
                names.remove(name)
        rendered = [s.get("name") for s in self.new.sheets()]
        found = self.new.workbook.root.find(q("definedNames"))
        for name in [] if found is None else list(found):
            local = name.get("localSheetId")
            title = rendered[int(local)] if local is not None else None
            if title in self.owned:
                moved = copy.deepcopy(name)
                moved.set("localSheetId", str(index[title.casefold()]))
                names.append(moved)
        if not len(names):
            root.remove(names)

    def _recalculate_on_load(self) -> None:
        root = self.src.workbook.root
        calc = root.find(q("calcPr"))
        if calc is None:
            calc = ET.Element(q("calcPr"))
            insert_in_order(root, calc, WORKBOOK_ORDER)
        calc.set("fullCalcOnLoad", "1")

    # ---- the zip ---------------------------------------------------------------------------

    def _zip(self, dropped: set[str]) -> bytes:
        sink = io.BytesIO()
        writer = ZipOut(sink)
        written: set[str] = set()
        for info in self.src.zip.infolist():
            name = info.filename
            if name in self.out:
                writer.write(name, self.out[name])
            elif name not in dropped:
                writer.copy(self.src.data, info)
            written.add(name)
        for name, data in self.out.items():
            if name not in written:
                writer.write(name, data)
        writer.close()
        return sink.getvalue()
