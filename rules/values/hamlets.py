"""Hamlets (ấp, khu vực, khóm, thôn, tổ dân phố…) listed per commune, and matching typed names.

There is no official list below the commune, so teams list their hamlets; an
ambassador's `Ấp/Khu vực` is then matched to the list of its commune. Names compare
like communes (case, whitespace, accents missing but never wrong) and also:
- the kind word is optional: `Ấp 3` = `3` when the commune has one hamlet numbered 3;
- `KV` = `Khu vực`, `KP` = `Khu phố`, `TDP` = `Tổ dân phố`; `số` before a number is optional;
- numbers match however written: `Ấp 3` = `ấp 03` = `Ấp Ba` = `Ấp III`.

Nothing is guessed: a text that fits two listed hamlets is ambiguous (both named),
one that fits none is unknown (with rapidfuzz suggestions from the commune's list).
A `HamletDirectory` is built per evaluation and caches one answer per distinct
(commune, text), so a column of 100,000 rows costs one match per distinct value.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from rules.values.marks import accents_compatible
from rules.values.text import fold, fold_text, normalize_text

# Kind words, folded token sequences → the canonical kind (accented, lower case).
KIND_WORDS: dict[tuple[str, ...], str] = {
    ("ap",): "ấp",
    ("khu", "vuc"): "khu vực",
    ("kv",): "khu vực",
    ("khu", "pho"): "khu phố",
    ("kp",): "khu phố",
    ("to", "dan", "pho"): "tổ dân phố",
    ("tdp",): "tổ dân phố",
    ("khom",): "khóm",
    ("thon",): "thôn",
    ("ban",): "bản",
    ("buon",): "buôn",
    ("soc",): "sóc",
}
_LONGEST_KIND = max(map(len, KIND_WORDS))
# Number words (accented as written in full) → value; `mươi` multiplies, `mười` is ten.
_UNITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
          "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}  # fmt: skip
_UNITS_FOLDED: dict[str, list[str]] = defaultdict(list)
for _word in _UNITS:
    _UNITS_FOLDED[fold_text(_word)].append(_word)
_NUMBER_WORDS = frozenset({*_UNITS_FOLDED, "muoi"})  # folded: every word a number is said with
_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Hamlet:
    commune: int  # official commune code
    name: str  # as listed, normalised text: "Ấp Thới Thuận A"


@dataclass(frozen=True, slots=True)
class HamletMatch:
    hamlet: Hamlet | None
    error: str | None = None  # hamlet_unknown | hamlet_ambiguous
    suggestions: tuple[str, ...] = ()  # listed names, closest first (both, when ambiguous)


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a hamlet name: its kind (None: no kind word) and its body.

    `key` compares folded, numbers as digits; `words` keeps the accented words of the
    body (numbers excluded) to check that accents typed are never wrong.
    """

    kind: str | None
    key: tuple[str, ...]
    words: tuple[str, ...]


def _marks_equal(a: str, b: str) -> bool:
    return accents_compatible(a, b) and accents_compatible(b, a)


def _number_word(token: str) -> int | None:
    for word in _UNITS_FOLDED.get(fold(token), ()):
        if accents_compatible(token, word):
            return _UNITS[word]
    return None


def _is_word(token: str, word: str) -> bool:
    return fold(token) == fold(word) and accents_compatible(token, word)


def spoken_number(tokens: Sequence[str]) -> int | None:
    """`ba` → 3, `mười hai` → 12, `hai mươi mốt` → 21; None when the words are no number."""
    tens, rest = 0, list(tokens)
    if rest and _is_word(rest[0], "mười"):
        tens, rest = 10, rest[1:]
    elif len(rest) >= 2 and _is_word(rest[1], "mươi"):
        first = _number_word(rest[0])
        if first is None or first < 2:
            return None
        tens, rest = first * 10, rest[2:]
    if not rest:
        return tens or None
    if len(rest) > 1:
        return None
    unit = _number_word(rest[0])
    return None if unit is None else tens + unit


def roman_number(token: str) -> int | None:
    """`III` → 3, `XII` → 12 (upper case only, up to XXXIX: hamlets are not numbered higher)."""
    if not token or not token.isupper() or not _ROMAN.match(token):
        return None
    values = [_ROMAN_VALUES[ch] for ch in token]
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    return total


def _number(tokens: Sequence[str]) -> int | None:
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    if len(tokens) == 1 and (roman := roman_number(tokens[0])) is not None:
        return roman
    if not all(fold(t) in _NUMBER_WORDS for t in tokens):
        return None  # most names: no word of them is a number word
    return spoken_number([t.casefold() for t in tokens])


def _body(tokens: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(key, accented words) of a body; numbers as digits. None for an empty body."""
    if tokens and fold(tokens[0]) == "so" and len(tokens) > 1:  # "Ấp số 3"
        tokens = tokens[1:]
    if not tokens:
        return None
    suffix = tokens[-1] if len(tokens) > 1 and len(tokens[-1]) == 1 and tokens[-1].isalpha() else ""
    whole = _number(tokens[:-1] if suffix else tokens)
    if whole is not None:  # "Ấp Ba", "KV III", "Khóm 2", "Khu vực 3 A" / "3A"
        return (str(whole), *((fold(suffix),) if suffix else ())), ()
    key = tuple(str(int(t)) if t.isdigit() else fold(t) for t in tokens)
    return key, tuple(t for t in tokens if not t.isdigit())


def tokens_of(text: str) -> list[str]:
    """Words and digit runs of a normalised name, case kept: 'KV.3A' → ['KV', '3', 'A']."""
    return _TOKEN.findall(normalize_text(text))


def readings(text: str) -> tuple[Reading, ...]:
    """Every way to read `text`: as a whole, and after a leading kind word when it has one."""
    tokens = tokens_of(text)
    found: list[Reading] = []
    whole = _body(tokens)
    if whole is not None:
        found.append(Reading(None, *whole))
    folded = [fold(t) for t in tokens]
    for size in range(_LONGEST_KIND, 0, -1):
        kind = KIND_WORDS.get(tuple(folded[:size]))
        if kind is None or not _kind_accents_ok(tokens[:size], kind):
            continue
        rest = _body(tokens[size:])
        if rest is not None:
            found.append(Reading(kind, *rest))
        break
    return tuple(found)


def _kind_accents_ok(typed: Sequence[str], kind: str) -> bool:
    words = kind.split()
    if len(words) != len(typed):  # an abbreviation: KV, KP, TDP
        return True
    return all(accents_compatible(t.casefold(), w) for t, w in zip(typed, words, strict=True))


def _kinds_fit(typed: str | None, listed: str | None) -> bool:
    return typed is None or listed is None or typed == listed


def _word_fits(typed: str, listed: str) -> bool:
    """Accents typed are a subset of the listed word's (a word with none always fits)."""
    t, w = typed.casefold(), listed.casefold()
    return t == w or t.isascii() or accents_compatible(t, w)


def _words_fit(typed: Sequence[str], listed: Sequence[str]) -> bool:
    return len(typed) == len(listed) and all(map(_word_fits, typed, listed))


@dataclass
class _CommuneIndex:
    hamlets: list[Hamlet] = field(default_factory=list)
    by_key: dict[tuple[str, ...], list[tuple[Reading, int]]] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)  # per hamlet: its main key, for suggestions

    def add(self, hamlet: Hamlet, found: tuple[Reading, ...]) -> None:
        position = len(self.hamlets)
        self.hamlets.append(hamlet)
        for reading in found:
            self.by_key.setdefault(reading.key, []).append((reading, position))
        self.choices.append(" ".join(found[-1].key) if found else fold_text(hamlet.name))

    def candidates(self, found: tuple[Reading, ...], *, exact: bool) -> list[int]:
        """Positions of listed hamlets one of `found` fits (`exact`: same accents too)."""
        hits: dict[int, None] = {}
        fits = _same_words if exact else _words_fit
        for typed in found:
            for listed, position in self.by_key.get(typed.key, ()):
                if _kinds_fit(typed.kind, listed.kind) and fits(typed.words, listed.words):
                    hits[position] = None
        return list(hits)


def _same_words(typed: Sequence[str], listed: Sequence[str]) -> bool:
    return len(typed) == len(listed) and all(
        t.casefold() == w.casefold() or _marks_equal(t.casefold(), w.casefold())
        for t, w in zip(typed, listed, strict=True)
    )


class HamletDirectory:
    """The hamlets listed per commune; matches typed names, one answer per distinct text."""

    def __init__(self, listed: Iterable[tuple[int, str]] = ()) -> None:
        self._communes: dict[int, _CommuneIndex] = {}
        self._cache: dict[tuple[int, str], HamletMatch] = {}
        self._readings: dict[str, tuple[Reading, ...]] = {}  # the same text in many communes
        for commune, name in listed:
            self.add(commune, name)

    def add(self, commune: int, name: str) -> tuple[Hamlet, bool]:
        """List a hamlet: (the hamlet, True), or (the one already listed under that name, False)."""
        hamlet = Hamlet(commune, normalize_text(name))
        found = readings(hamlet.name)
        index = self._communes.setdefault(commune, _CommuneIndex())
        same = index.candidates(found, exact=True)
        if same:
            return index.hamlets[same[0]], False
        index.add(hamlet, found)
        self._cache.clear()
        return hamlet, True

    def has_hamlets(self, commune: int) -> bool:
        return commune in self._communes

    def hamlets(self, commune: int | None = None) -> list[Hamlet]:
        if commune is not None:
            index = self._communes.get(commune)
            return list(index.hamlets) if index else []
        return [h for index in self._communes.values() for h in index.hamlets]

    def __len__(self) -> int:
        return sum(len(index.hamlets) for index in self._communes.values())

    def match(self, commune: int, text: str) -> HamletMatch | None:
        """The listed hamlet `text` names in `commune`; None when the commune lists none."""
        index = self._communes.get(commune)
        if index is None:
            return None
        cached = self._cache.get((commune, text))
        if cached is None:
            cached = self._match(index, text)
            self._cache[(commune, text)] = cached
        return cached

    def _match(self, index: _CommuneIndex, text: str) -> HamletMatch:
        found = self._readings.get(text)
        if found is None:
            found = self._readings[text] = readings(text)
        hits = index.candidates(found, exact=False)
        if len(hits) > 1:  # accents typed may settle it: "Thạnh An" is not "Thanh An"
            exact = index.candidates(found, exact=True)
            if len(exact) == 1 and _has_marks(found):
                hits = exact
        if len(hits) == 1:
            return HamletMatch(index.hamlets[hits[0]])
        if hits:
            names = tuple(index.hamlets[p].name for p in hits)
            return HamletMatch(None, "hamlet_ambiguous", names)
        return HamletMatch(None, "hamlet_unknown", _suggest(index, found, text))


def _has_marks(found: tuple[Reading, ...]) -> bool:
    return any(fold_text(w) != w.casefold() for r in found for w in r.words)


def _suggest(
    index: _CommuneIndex, found: tuple[Reading, ...], text: str, limit: int = 3
) -> tuple[str, ...]:
    """Same body under another kind first ("Ấp 3" typed where only "Khu vực 3" is listed),
    then the closest listed names by rapidfuzz."""
    names: dict[str, None] = {}
    for reading in found:
        for _, position in index.by_key.get(reading.key, ()):
            names[index.hamlets[position].name] = None
        number = reading.key[0] if reading.key[0].isdigit() else ""
        for position, choice in enumerate(index.choices):  # "Ấp 4" where "Ấp 4B" is listed
            if number and choice.split(" ", 1)[0] == number:
                names[index.hamlets[position].name] = None
    query = " ".join(found[-1].key) if found else fold_text(text)
    for _, _, position in process.extract(
        query, index.choices, scorer=fuzz.ratio, limit=limit, score_cutoff=60
    ):
        names[index.hamlets[position].name] = None
    return tuple(names)[:limit]
