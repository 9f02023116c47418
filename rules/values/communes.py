"""Communes and wards of a province, from the official 2025 list in `vietnam-provinces`.

Resolution never guesses: an exact (accent-sensitive) match wins, then an
accent-insensitive one if it is unique; anything else is an error that carries
suggestions from rapidfuzz for a person to choose from.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from vietnam_provinces import Province, Ward

from rules.issues import IssueCode
from rules.values.text import fold, normalize_text

KIND_LABELS = {"xã": "Xã", "phường": "Phường", "đặc khu": "Đặc khu"}
# Prefix typed before a name, folded: "P.", "p ", "Phường", "X.", "Xã", "ĐK", "Đặc khu".
_PREFIX = re.compile(r"^(phuong|p|xa|x|dac khu|dk)(?:\s*\.\s*|\s+)(?=\S)")
_PREFIX_KIND = {
    "phuong": "phường",
    "p": "phường",
    "xa": "xã",
    "x": "xã",
    "dac khu": "đặc khu",
    "dk": "đặc khu",
}
_CITY_PREFIX = re.compile(r"^(thanh pho|tinh|tp)\.?\s+")


@dataclass(frozen=True, slots=True)
class Commune:
    code: int
    name: str  # official name, whitespace collapsed: "Xã  Phú Hữu" → "Xã Phú Hữu"
    kind: str  # "xã", "phường" or "đặc khu"
    base: str  # the name without its kind: "Phú Hữu"


@dataclass(frozen=True, slots=True)
class Resolution:
    commune: Commune | None
    error: IssueCode | None = None  # commune_unknown | commune_ambiguous | commune_other_province
    suggestions: tuple[str, ...] = ()
    other_province: str = ""


def province_names() -> list[str]:
    return [p.name for p in Province.iter_all()]


def find_province(name: str) -> Province | None:
    """'Cần Thơ', 'TP. Cần Thơ', 'thanh pho can tho' all find 'Thành phố Cần Thơ'."""
    wanted = _CITY_PREFIX.sub("", fold(name))
    for province in Province.iter_all():
        if _CITY_PREFIX.sub("", fold(province.name)) == wanted:
            return province
    return None


def _commune(ward: Ward) -> Commune:
    name = normalize_text(ward.name)
    kind = ward.division_type.value
    label = KIND_LABELS.get(kind, "")
    base = name[len(label) :].strip() if label and name.startswith(label) else name
    return Commune(code=int(ward.code), name=name, kind=kind, base=base)


@dataclass
class CommuneDirectory:
    province: str
    communes: tuple[Commune, ...]
    _exact: dict[str, list[Commune]] = field(default_factory=dict, repr=False)
    _folded: dict[str, list[Commune]] = field(default_factory=dict, repr=False)
    _elsewhere: dict[str, str] = field(default_factory=dict, repr=False)
    _choices: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        exact: defaultdict[str, list[Commune]] = defaultdict(list)
        folded: defaultdict[str, list[Commune]] = defaultdict(list)
        for commune in self.communes:
            exact[commune.base.casefold()].append(commune)
            folded[fold(commune.base)].append(commune)
        self._exact, self._folded = dict(exact), dict(folded)
        self._choices = [fold(c.base) for c in self.communes]
        self.by_code = {c.code: c for c in self.communes}

    @classmethod
    def for_province(cls, name: str) -> CommuneDirectory:
        province = find_province(name)
        if province is None:
            raise ValueError(name)
        return _directory(province.code)

    def resolve(self, raw: str) -> Resolution:
        text = normalize_text(raw)
        kind, base = _split_kind(text)
        # The whole text is tried as a name first: "Phương Bình" and "Xà Phiên" are names, not prefixes.
        attempts = [(None, text)] if kind is None else [(None, text), (kind, base)]
        same_base: list[Commune] = []
        for wanted_kind, name in attempts:
            for index, key in ((self._exact, name.casefold()), (self._folded, fold(name))):
                candidates = index.get(key, [])
                found = [
                    c for c in candidates
                    if (wanted_kind is None or c.kind == wanted_kind) and accents_compatible(name, c.base)
                ]  # fmt: skip
                if len(found) == 1:
                    return Resolution(found[0])
                if len(found) > 1:
                    names = tuple(c.name for c in found)
                    return Resolution(None, error=IssueCode.COMMUNE_AMBIGUOUS, suggestions=names)
                same_base = same_base or candidates
        if same_base:  # right name, wrong kind ("Xã Ninh Kiều" for a phường)
            names = tuple(c.name for c in same_base)
            return Resolution(None, error=IssueCode.COMMUNE_UNKNOWN, suggestions=names)
        elsewhere = _national_index().get(fold(text)) or _national_index().get(fold(base))
        if elsewhere and self.province not in elsewhere.split(", "):
            return Resolution(None, IssueCode.COMMUNE_OTHER_PROVINCE, self.suggest(base), elsewhere)
        return Resolution(None, error=IssueCode.COMMUNE_UNKNOWN, suggestions=self.suggest(base))

    def suggest(self, base: str, limit: int = 3) -> tuple[str, ...]:
        matches = process.extract(
            fold(base), self._choices, scorer=fuzz.ratio, limit=limit, score_cutoff=75
        )
        return tuple(self.communes[index].name for _, _, index in matches)


def _marks(syllable: str) -> frozenset[str]:
    decomposed = unicodedata.normalize("NFD", syllable.casefold())
    marks = {ch for ch in decomposed if unicodedata.category(ch) == "Mn"}
    return frozenset(marks | ({"đ"} if "đ" in decomposed else set()))


def accents_compatible(typed: str, official: str) -> bool:
    """Missing accents are fine, wrong ones are not: 'Tan Thạnh' may be 'Tân Thạnh', 'Tân Thành' is not.

    Compared per syllable as sets of marks, so old and new tone placement ('Hoà'/'Hòa') agree.
    """
    for mine, theirs in zip(typed.split(), official.split(), strict=False):
        if not _marks(mine) <= _marks(theirs):  # a mark the official name lacks is a wrong one
            return False
    return True


def _split_kind(text: str) -> tuple[str | None, str]:
    folded = fold(text)
    m = _PREFIX.match(folded)
    if not m:
        return None, text
    # Folding keeps one character per letter, so the prefix length maps back to `text`.
    rest = text[len(text) - len(folded) + m.end() :] if len(folded) == len(text) else text
    return _PREFIX_KIND[m[1]], rest.strip()


@lru_cache(maxsize=64)
def _directory(province_code: int) -> CommuneDirectory:
    province = Province.from_code(province_code)  # type: ignore[arg-type]
    wards = sorted(Ward.iter_by_province(province.code), key=lambda w: int(w.code))
    return CommuneDirectory(province.name, tuple(_commune(w) for w in wards))


@lru_cache(maxsize=1)
def _national_index() -> dict[str, str]:
    """Folded commune name, with and without its kind → the province(s) holding it."""
    found: defaultdict[str, dict[str, None]] = defaultdict(dict)
    for ward in Ward.iter_all():
        commune = _commune(ward)
        province = Province.from_code(ward.province_code).name
        found[fold(commune.name)][province] = None
        found[fold(commune.base)][province] = None
    return {key: ", ".join(provinces) for key, provinces in found.items()}
