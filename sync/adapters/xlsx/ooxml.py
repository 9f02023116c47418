"""Small pieces of the Open Packaging format the workbook splice edits: parts, rels, types.

The XML parts it changes (workbook, styles, rels, content types) are parsed with the
standard library and written back with every namespace declaration they had, under the
prefixes they had: `mc:Ignorable="x14ac xr"` names prefixes, so renaming them (as
ElementTree's own writer does) would make Excel call the file corrupt.
"""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def q(local: str, ns: str = MAIN) -> str:
    """An ElementTree name: `{namespace}local`."""
    return f"{{{ns}}}{local}"


@dataclass
class Doc:
    """A parsed XML part and the namespace declarations (prefix -> uri) it had."""

    root: ET.Element
    prefixes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: bytes) -> Doc:
        prefixes: dict[str, str] = {}
        root: ET.Element | None = None
        for event, item in ET.iterparse(io.BytesIO(data), events=("start-ns", "start")):
            if event == "start-ns":
                prefix, uri = item
                prefixes.setdefault(prefix, uri)
            elif root is None:
                root = item
        if root is None:
            raise ValueError("empty XML part")
        return cls(root, prefixes)

    def dumps(self) -> bytes:
        return DECLARATION + _Writer(self.prefixes).element(self.root).encode("utf-8")


class _Writer:
    def __init__(self, prefixes: dict[str, str]) -> None:
        self.declared = dict(prefixes)
        self.by_uri: dict[str, str] = {}
        for prefix, uri in prefixes.items():
            if uri not in self.by_uri or (self.by_uri[uri] and not prefix):
                self.by_uri[uri] = prefix
        self.root = True

    def _prefix(self, uri: str, attribute: bool) -> str:
        if uri == XML_NS:
            return "xml"
        prefix = self.by_uri.get(uri)
        if prefix is None or (attribute and not prefix):
            named = [p for p, u in self.declared.items() if u == uri and p]
            prefix = named[0] if named else _fresh(self.declared)
            self.declared.setdefault(prefix, uri)
            self.by_uri.setdefault(uri, prefix)
        return prefix

    def _name(self, tag: str, attribute: bool = False) -> str:
        if not tag.startswith("{"):
            if not attribute and "" in self.declared:
                raise ValueError(f"element {tag} has no namespace in a part that has one")
            return tag
        uri, local = tag[1:].split("}", 1)
        prefix = self._prefix(uri, attribute)
        return f"{prefix}:{local}" if prefix else local

    def element(self, el: ET.Element) -> str:
        is_root, self.root = self.root, False
        name = self._name(el.tag)
        attrs = "".join(f' {self._name(k, True)}="{_attr(v)}"' for k, v in el.attrib.items())
        inner = _text(el.text or "") + "".join(
            self.element(child) + _text(child.tail or "") for child in el
        )
        if is_root:  # every declaration the part had, and any the names in it needed
            decls = "".join(
                f' xmlns:{p}="{_attr(u)}"' if p else f' xmlns="{_attr(u)}"'
                for p, u in self.declared.items()
            )
            attrs = decls + attrs
        if not inner:
            return f"<{name}{attrs}/>"
        return f"<{name}{attrs}>{inner}</{name}>"


def _fresh(declared: dict[str, str]) -> str:
    n = len(declared)
    while f"ns{n}" in declared:
        n += 1
    return f"ns{n}"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (
        _text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def insert_in_order(parent: ET.Element, child: ET.Element, order: Sequence[str]) -> None:
    """Put `child` where the schema's sequence `order` (local names) wants it."""
    rank = {name: i for i, name in enumerate(order)}
    mine = rank[local_name(child.tag)]
    for index, sibling in enumerate(parent):
        if rank.get(local_name(sibling.tag), len(order)) > mine:
            parent.insert(index, child)
            return
    parent.append(child)


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# ---- parts and relationships -------------------------------------------------------------------


def rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(source: str, target: str) -> str:
    """The part a relationship of `source` points at, as a zip member name."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


@dataclass
class Rels:
    """The relationships of one part (`source`), in file order."""

    source: str
    doc: Doc

    @classmethod
    def of(cls, source: str, data: bytes | None) -> Rels:
        if data is None:
            return cls(source, Doc(ET.Element(q("Relationships", PKG_REL)), {"": PKG_REL}))
        return cls(source, Doc.parse(data))

    def items(self) -> list[ET.Element]:
        return list(self.doc.root)

    def internal(self) -> dict[str, str]:
        """Id -> part, for the relationships that point inside the package."""
        return {
            r.get("Id", ""): resolve(self.source, r.get("Target", ""))
            for r in self.items()
            if r.get("TargetMode") != "External"
        }

    def by_type(self, suffix: str) -> list[ET.Element]:
        return [r for r in self.items() if r.get("Type", "").endswith(suffix)]

    def remove(self, rel: ET.Element) -> None:
        self.doc.root.remove(rel)

    def add(self, kind: str, part: str) -> str:
        taken = {r.get("Id") for r in self.items()}
        n = 1
        while f"rId{n}" in taken:
            n += 1
        ET.SubElement(
            self.doc.root, q("Relationship", PKG_REL), Id=f"rId{n}", Type=kind, Target="/" + part
        )
        return f"rId{n}"


class ContentTypes:
    def __init__(self, data: bytes) -> None:
        self.doc = Doc.parse(data)

    def overrides(self) -> dict[str, ET.Element]:
        return {
            e.get("PartName", "").lstrip("/"): e
            for e in self.doc.root
            if local_name(e.tag) == "Override"
        }

    def defaults(self) -> dict[str, str]:
        return {
            e.get("Extension", "").lower(): e.get("ContentType", "")
            for e in self.doc.root
            if local_name(e.tag) == "Default"
        }

    def of(self, part: str) -> str | None:
        found = self.overrides().get(part)
        if found is not None:
            return found.get("ContentType")
        return self.defaults().get(posixpath.splitext(part)[1].lstrip(".").lower())

    def drop(self, parts: Iterable[str]) -> None:
        found = self.overrides()
        for part in parts:
            if part in found:
                self.doc.root.remove(found[part])

    def set(self, part: str, content_type: str) -> None:
        self.drop([part])
        ET.SubElement(
            self.doc.root, q("Override", TYPES), PartName="/" + part, ContentType=content_type
        )


class Package:
    """A workbook's zip, its workbook part and the workbook's relationships."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.zip.namelist())
        office = Rels.of("", self.read("_rels/.rels")).by_type("/officeDocument")
        if not office:
            raise ValueError("the package names no workbook part")
        self.workbook_part = resolve("", office[0].get("Target", ""))
        self.workbook = Doc.parse(self.zip.read(self.workbook_part))
        self.rels = Rels.of(self.workbook_part, self.read(rels_path(self.workbook_part)))

    def read(self, name: str) -> bytes | None:
        return self.zip.read(name) if name in self.names else None

    def rels_of(self, part: str) -> Rels:
        return Rels.of(part, self.read(rels_path(part)))

    def sheets(self) -> list[ET.Element]:
        found = self.workbook.root.find(q("sheets"))
        return [] if found is None else list(found)

    def sheet_parts(self) -> dict[str, str]:
        """Tab title -> its part, in tab order."""
        targets = self.rels.internal()
        out: dict[str, str] = {}
        for sheet in self.sheets():
            part = targets.get(sheet.get(q("id", REL), ""))
            if part is not None:
                out[sheet.get("name", "")] = part
        return out

    def sheet_part(self, title: str) -> str | None:
        """The part of tab `title`, whose name Excel compares ignoring case."""
        found = {t.casefold(): p for t, p in self.sheet_parts().items()}
        return found.get(title.casefold())

    def part_of(self, suffix: str) -> str | None:
        """The workbook's one part of a relationship type (styles, sharedStrings, ...)."""
        for rel in self.rels.by_type(suffix):
            if rel.get("TargetMode") != "External":
                return resolve(self.workbook_part, rel.get("Target", ""))
        return None
