"""Names from before the July 2025 merger, read from the conversion data of `vietnamadminunits`.

Only the package's JSON data is read (its code pulls in geocoding and is never imported):
`converter_2025.json` says which old commune/ward/town went whole into which 2025 unit
and which were split; `parser_legacy.json` and `parser_from_2025.json` give the official
names behind its keys. A 2025 unit is named by its code in the pinned `vietnam-provinces`
data, matched by name within the province, so codes never depend on the converter's.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from vietnam_provinces import Province, Ward

from rules.values.marks import accents_compatible
from rules.values.text import fold, normalize_text

_PACKAGE = "vietnamadminunits"
# Kind typed before an old name, folded: "Thị trấn", "TT.", "Xã", "X.", "Phường", "P.".
_KIND = re.compile(r"^(thi tran|tt|xa|x|phuong|p)(?:\s*\.\s*|\s+)(?=\S)")
_KIND_OF = {"thi tran": "thị trấn", "tt": "thị trấn", "xa": "xã", "x": "xã", "phuong": "phường"}
_KIND_OF["p"] = "phường"
_OFFICIAL_KINDS = {"Thị trấn": "thị trấn", "Xã": "xã", "Phường": "phường"}
_PROVINCE_PREFIX = re.compile(r"^(thanhpho|tinh|tp)(?=[a-z0-9])")
# Names people use for a province that no data set carries as a keyword.
_NICKNAMES = {"saigon": "hochiminh"}

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class NewUnit:
    code: int  # the code in the pinned vietnam-provinces data
    name: str  # "Xã Cờ Đỏ"


@dataclass(frozen=True, slots=True)
class OldUnit:
    name: str  # official old name: "Thị trấn Cờ Đỏ"
    kind: str  # "xã", "phường" or "thị trấn"
    base: str  # the name without its kind: "Cờ Đỏ"
    district: str  # "Huyện Cờ Đỏ"
    province: str  # the old province: "Tỉnh Hậu Giang"
    into: tuple[NewUnit, ...]  # one unit: merged whole; several: split


@dataclass(frozen=True, slots=True)
class OldMatch:
    """Every old unit a typed name may mean, and the 2025 units they went into."""

    units: tuple[OldUnit, ...]
    into: tuple[NewUnit, ...]  # sorted by code

    @property
    def whole(self) -> bool:
        """True when the name leads to exactly one 2025 unit."""
        return len(self.into) == 1


@dataclass(frozen=True, slots=True)
class ProvinceMatch:
    name: str  # the 2025 province as vietnam-provinces names it: "Thành phố Cần Thơ"
    merged_from: str = ""  # the old province typed, when it was merged away: "Tỉnh Hậu Giang"


@cache
def _data(name: str) -> Json:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {_PACKAGE} package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / name
    return cast(Json, json.loads(path.read_text(encoding="utf-8")))


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", fold(text))


def _province_key(text: str) -> str:
    key = _PROVINCE_PREFIX.sub("", _squash(text))
    return _NICKNAMES.get(key, key)


def _split_kind(text: str) -> tuple[str | None, str]:
    folded = fold(text)
    m = _KIND.match(folded)
    if not m:
        return None, text
    rest = text[len(text) - len(folded) + m.end() :] if len(folded) == len(text) else text
    return _KIND_OF[m[1]], rest.strip()


def _unit_name(units: Json, key: str, accented: Json) -> str | None:
    """The official name behind a converter key (accented keys tell apart 'Thạnh'/'Thành')."""
    found = units.get(key) or accented.get(key)
    return normalize_text(found["ward"]) if found else None


@cache
def _vp_provinces() -> dict[str, str]:
    """Province key → name in vietnam-provinces."""
    return {_province_key(p.name): p.name for p in Province.iter_all()}


@cache
def _new_province_keys() -> dict[str, str]:
    """Converter key of each 2025 province ("thanhphocantho") → its vietnam-provinces name."""
    provinces = _data("parser_from_2025.json")["DICT_PROVINCE"]
    names = _vp_provinces()
    return {key: names[_province_key(value["province"])] for key, value in provinces.items()}


@cache
def find_province_2025(typed: str) -> ProvinceMatch | None:
    """`TP. Cần Thơ`, `TPHCM`, `Sài Gòn`, `Huế` → the 2025 province; `Hậu Giang` → Cần Thơ, merged."""
    wanted = _province_key(typed)
    if not wanted:
        return None
    new = _data("parser_from_2025.json")["DICT_PROVINCE"]
    names = _new_province_keys()
    for key, value in new.items():
        if wanted in {_province_key(k) for k in value["provinceKeywords"]}:
            return ProvinceMatch(names[key])
    old = _data("parser_legacy.json")["DICT_PROVINCE"]
    merged = _data("converter_2025.json")["DICT_PROVINCE"]
    for key, value in old.items():
        if wanted in {_province_key(k) for k in value["provinceKeywords"]}:
            into = next(new_key for new_key, olds in merged.items() if key in olds)
            return ProvinceMatch(names[into], merged_from=normalize_text(value["province"]))
    return None


class OldCommunes:
    """The old communes, wards and towns of the provinces now inside one 2025 province."""

    def __init__(self, units: tuple[OldUnit, ...]) -> None:
        self.units = units
        index: defaultdict[tuple[str | None, str], list[OldUnit]] = defaultdict(list)
        for unit in units:
            index[(unit.kind, fold(unit.base))].append(unit)
            index[(None, fold(unit.base))].append(unit)
        self._index = dict(index)

    @classmethod
    def for_province(cls, province: str) -> OldCommunes:
        """`province` as vietnam-provinces names it, or any form `find_province_2025` reads."""
        match = find_province_2025(province)
        if match is None or match.merged_from:
            raise ValueError(province)
        return _old_communes(match.name)

    def find(self, typed: str) -> OldMatch | None:
        """The old units a typed name means (kind optional, accents missing but never wrong)."""
        kind, base = _split_kind(normalize_text(typed))
        for wanted_kind, name in ((kind, base), (None, normalize_text(typed))):
            candidates = self._index.get((wanted_kind, fold(name)), [])
            found = tuple(u for u in candidates if accents_compatible(name, u.base))
            if found:
                into = {n.code: n for unit in found for n in unit.into}
                return OldMatch(found, tuple(into[code] for code in sorted(into)))
        return None


@cache
def _old_communes(province: str) -> OldCommunes:
    new_key = next(k for k, name in _new_province_keys().items() if name == province)
    new_names = _new_names(new_key, province)
    converter = _data("converter_2025.json")
    targets: dict[str, list[str]] = defaultdict(list)
    for new_ward, olds in converter["DICT_PROVINCE_WARD_NO_DIVIDED"][new_key].items():
        for old in olds:
            targets[old].append(new_ward)
    for old, parts in converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {}).items():
        targets[old].extend(part["newWardKey"] for part in parts)
    units = []
    for old_key, new_wards in targets.items():
        unit = _old_unit(old_key, tuple(new_names[w] for w in new_wards if w in new_names))
        if unit is not None:
            units.append(unit)
    return OldCommunes(tuple(sorted(units, key=lambda u: (u.province, u.district, u.name))))


def _new_names(new_key: str, province: str) -> dict[str, NewUnit]:
    """Converter key of each 2025 unit of the province → the unit in vietnam-provinces."""
    parser = _data("parser_from_2025.json")
    plain = parser["DICT_PROVINCE_WARD_NO_ACCENTED"].get(new_key, {})
    accented = parser["DICT_PROVINCE_WARD_ACCENTED"].get(new_key, {})
    wards = [w for p in Province.iter_all() if p.name == province for w in _wards(int(p.code))]
    exact = {normalize_text(w.name).casefold(): w for w in wards}
    found: dict[str, NewUnit] = {}
    for key in (*plain, *accented):
        name = _unit_name(plain, key, accented)
        ward = exact.get(name.casefold()) if name else None
        if ward is not None:
            found[key] = NewUnit(int(ward.code), normalize_text(ward.name))
    return found


def _wards(province_code: int) -> list[Ward]:
    return list(Ward.iter_by_province(Province.from_code(province_code).code))  # type: ignore[arg-type]


def _old_unit(old_key: str, into: tuple[NewUnit, ...]) -> OldUnit | None:
    province_key, district_key, ward_key = old_key.split("_", 2)
    if not ward_key or not into:
        return None  # island districts have no commune level
    legacy = _data("parser_legacy.json")
    district = legacy["DICT_PROVINCE_DISTRICT"][province_key][district_key]
    plain = legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].get(province_key, {})
    accented = legacy["DICT_PROVINCE_DISTRICT_WARD_ACCENTED"].get(province_key, {})
    name = _unit_name(plain.get(district_key, {}), ward_key, accented.get(district_key, {}))
    if name is None:
        return None
    label = next((lab for lab in _OFFICIAL_KINDS if fold(name).startswith(fold(lab) + " ")), "")
    name = f"{label}{name[len(label) :]}" if label else name  # "Thị Trấn" → "Thị trấn"
    unique = tuple({n.code: n for n in into}.values())
    return OldUnit(
        name=name,
        kind=_OFFICIAL_KINDS.get(label, ""),
        base=name[len(label) :].strip() if label else name,
        district=normalize_text(district["district"]),
        province=normalize_text(legacy["DICT_PROVINCE"][province_key]["province"]),
        into=tuple(sorted(unique, key=lambda n: n.code)),
    )
