"""Detect Vietnamese typed in a legacy encoding (TCVN3/ABC, VNI-Windows, VIQR) and read it back.

Text typed with a legacy font (.VnTime for TCVN3, VNI-Times for VNI) lands in a Unicode
spreadsheet as Latin-1 garbage: "NguyÔn V¨n A" (TCVN3) or "Nguyeãn Vaên A" (VNI) for
"Nguyễn Văn A".  VIQR is the ASCII convention "Nguye^~n Va(n A".

``detect_legacy`` is called on every text cell, so it is built as a cheap gate plus a slow path:

1. Gate.  ASCII text can only be VIQR: it goes on only if a vowel is followed by a VIQR mark
   (``^ ( + ' ` ? ~ .``) or a word starts with "dd".  Other text goes on only if it holds a
   *trigger*: a TCVN3 symbol (``¡¢£¤¥¦§¨©ª«¬ SHY ®µ¶·¸¹»¼½¾×÷``), a Latin-1 letter that Vietnamese
   never uses (``ÄÅÆÇËÎÏÐÑÖØÛÜÞß äåæçëîïñöøûüþ``), a Latin-1 capital that TCVN3 uses as a
   lower-case letter, inside a word next to a lower-case letter ("NguyÔn", "YÕn"), or a VNI
   base+mark pair that no Vietnamese syllable contains ("aâ", "eã", "aê", "aù", "yõ", "öù"...).
   Proper Vietnamese Unicode, ASCII, numbers, emoji and most Western text stop here.
2. Slow path.  The text is cut into words; each word is decoded with each candidate table and
   the result checked against Vietnamese syllable structure (initial consonant, one of the ~60
   vowel nuclei, optional final c/ch/m/n/ng/nh/p/t, at most one tone).  A word is *evidence* for
   an encoding when its decoding is a valid syllable that differs from the word, and the word
   itself is not already a valid Unicode syllable ("Hoà" is proper Unicode and stays neutral even
   though VNI would read it "Hồ").  Evidence is *strong* when the word holds a TCVN3 symbol or
   two legacy-specific features (VIQR: a ^ ( + mark or "dd"), *medium* with one feature (VIQR: a
   ' ` ~ tone), *weak* otherwise.  A word that uses the encoding's characters but does not decode
   to a syllable ("Müller" → "Mỹller") is a *failure*.

   An encoding is reported when there are
   - two or more evidence words, one strong, and no more failures than evidence words; or
   - one strong word ("Lª", "Phßng"), no failure, and no more foreign-looking plain ASCII words
     ("Carmen") than Vietnamese-looking ones ("Minh"); or
   - more evidence than failures, and two medium words, or one medium word backed by another
     evidence word / a Vietnamese digraph in a word (ng-, ngh-, nh-, ph-, th-, tr-, kh-, gi-,
     qu-, ch-, -ng, -nh, -ch) / more Vietnamese-looking plain ASCII words than foreign ones
     ("Vieät Nam"), with no more foreign-looking ASCII words than Vietnamese ones.
   Weak evidence alone never flags, so the gate only needs the strong and medium triggers.
   Flagged: "Phßng", "Lª", "Ngäc", "Vieät Nam", "Ho^` Chi' Minh".  Not flagged: "Loïc", "Haß",
   "coût", "Peña", "Mª José", "Peter Lång", "I'm", and (too ambiguous alone) "Hå", "Vaên",
   "ñi".  Known false positives: lone foreign words that happen to spell a Vietnamese syllable
   with a digraph, e.g. Swedish "Lång" (TCVN3 "Lồng"), French "Thaï" (VNI "Thạ").  When both
   8-bit tables qualify, the higher score wins, then the one that reads every word; a full tie
   ("ñi ñi": TCVN3 "ủi ủi" or VNI "đi đi") reports TCVN3 with an uncertain reading.

The reading is returned only when every word that uses legacy characters decodes to a valid
syllable and no word mixes in proper Unicode Vietnamese; otherwise ``unicode`` is None.
TCVN3 (VN3) has no upper-case toned vowels: all-caps text is typed with the ".VnTimeH" font,
which draws the lower-case codes as capitals, so when the text has no lower-case ASCII letter
and a word with two upper-case ASCII letters ("NGUYÔN V¡N A") the reading is upper-cased.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from rules.values.legacy_syllable import _DIGRAPH
from rules.values.legacy_syllable import is_syllable as is_syllable
from rules.values.legacy_tables import (
    _FOREIGN_LETTERS,
    _TCVN3_CAPITALS_AS_LOWER,
    _TCVN3_SYMBOLS,
    _TRIGGER,
    _VIQR_SHAPES,
    _VIQR_TONES,
    _VIQR_TRIGGER,
    _VIQR_WORD,
    _VNI_MARKS,
    _VNI_SINGLE,
    _VNI_WEAK_PAIRS,
    _WORD,
)
from rules.values.legacy_tables import TCVN3_TO_UNICODE as TCVN3_TO_UNICODE

TCVN3: Final = "TCVN3"
VNI: Final = "VNI"
VIQR: Final = "VIQR"


@dataclass(frozen=True)
class LegacyText:
    encoding: str  # "TCVN3", "VNI" or "VIQR"
    unicode: str | None  # the Unicode reading when the mapping is certain, else None


# --- per-word decoders: (decoding or None, legacy features, strong?) ----------------------------


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


@lru_cache(maxsize=65536)
def _decode_tcvn3(word: str) -> tuple[str | None, int, bool]:
    out: list[str] = []
    features = 0
    strong = False
    for i, ch in enumerate(word):
        if ch.isascii():
            out.append(ch)
            continue
        mapped = TCVN3_TO_UNICODE.get(ch)
        if mapped is None:
            return None, 0, False
        out.append(mapped)
        if ch in _TCVN3_SYMBOLS:
            strong = True
        elif ch in _FOREIGN_LETTERS or (ch in _TCVN3_CAPITALS_AS_LOWER and _inside_lower(word, i)):
            features += 1
    return "".join(out), features, strong


def _inside_lower(word: str, i: int) -> bool:
    """A capital inside a word, after or before a lower-case letter ("NguyÔn", "YÕn")."""
    before = word[i - 1] if i else ""
    after = word[i + 1 : i + 2]
    return before.islower() or (i > 0 and after.islower())


@lru_cache(maxsize=65536)
def _decode_vni(word: str) -> tuple[str | None, int, bool]:
    out: list[str] = []
    features = 0
    can_take_mark = False  # the last output letter is a bare vowel a VNI mark may follow
    for ch in word:
        mark = _VNI_MARKS.get(ch)
        if mark is not None:
            shape, tone, bases = mark
            if not can_take_mark or out[-1].lower() not in bases:
                return None, 0, False
            if ch in _FOREIGN_LETTERS or out[-1] + ch not in _VNI_WEAK_PAIRS:
                features += 1
            out[-1] = _compose(out[-1], shape, tone)
            can_take_mark = False
            continue
        single = _VNI_SINGLE.get(ch)
        if single is not None:
            out.append(single)
            features += ch in _FOREIGN_LETTERS
            can_take_mark = single in "ơƯưƠ"
        elif ch.isascii():
            out.append(ch)
            can_take_mark = ch in "aeouyAEOUY"
        else:
            return None, 0, False
    return "".join(out), features, features >= 2


# --- scoring -----------------------------------------------------------------------------------


_STRONG, _MEDIUM, _WEAK = 3, 2, 1


@dataclass
class _Tally:
    """Evidence for one encoding over the words of one text, and the reading built so far."""

    strong: int = 0
    medium: int = 0
    weak: int = 0
    fail: int = 0
    digraph: bool = False  # an evidence or plain word shows ng-, ph-, -nh...
    ascii_vietnamese: int = 0  # plain ASCII words that are Vietnamese syllables ("Nam")
    ascii_foreign: int = 0  # plain ASCII words that are not ("Martin")
    certain: bool = True
    pieces: list[str] = field(default_factory=list)

    def plain(self, word: str) -> None:
        """A word without legacy characters (or whose legacy characters read as themselves)."""
        if len(word) > 1 and word.isascii() and word.isalpha():
            if is_syllable(word):
                self.ascii_vietnamese += 1
                self.digraph = self.digraph or _DIGRAPH.search(word.lower()) is not None
            else:
                self.ascii_foreign += 1

    def evidence_word(self, decoded: str, strength: int) -> None:
        self.digraph = self.digraph or _DIGRAPH.search(decoded.lower()) is not None
        if strength == _STRONG:
            self.strong += 1
        elif strength == _MEDIUM:
            self.medium += 1
        else:
            self.weak += 1

    def word(self, word: str, decoded: str | None, strength: int) -> None:
        if decoded == word:
            self.pieces.append(word)
            self.plain(word)
            return
        word_valid = is_syllable(word)
        if decoded is not None and is_syllable(decoded):
            self.pieces.append(decoded)
            # a proper Unicode syllable either way ("Hoà") or a lone symbol ("2×3") is neutral
            if not word_valid and len(word) > 1:
                self.evidence_word(decoded, strength)
            return
        self.pieces.append(word)
        self.certain = False
        if not word_valid:
            self.fail += 1

    @property
    def evidence(self) -> int:
        return self.strong + self.medium + self.weak

    def flagged(self) -> bool:
        # plain ASCII words do not look foreign ("Lª Minh" yes, "Mª Carmen" no)
        not_foreign = self.ascii_vietnamese >= self.ascii_foreign
        if self.strong:
            if self.evidence == 1:  # a single word, e.g. "Lª", "Phßng"
                return not self.fail and not_foreign
            return self.evidence >= self.fail
        if self.evidence <= self.fail:
            return False
        if self.medium >= 2:
            return True
        return (
            self.medium == 1
            and not_foreign
            and (self.weak > 0 or self.digraph or self.ascii_vietnamese > self.ascii_foreign)
        )

    def rank(self) -> tuple[int, bool]:
        """Score, then whether every word reads cleanly."""
        score = 3 * self.strong + 2 * self.medium + self.weak - 2 * self.fail
        return score, self.certain and not self.fail

    def reading(self) -> str | None:
        if not self.certain or self.fail:
            return None
        return unicodedata.normalize("NFC", "".join(self.pieces))


def _strength(features: int, strong: bool) -> int:
    if strong or features >= 2:
        return _STRONG
    return _MEDIUM if features else _WEAK


def _tally(encoding: str, text: str, words: list[re.Match[str]]) -> _Tally:
    tally = _Tally()
    decode = _decode_tcvn3 if encoding == TCVN3 else _decode_vni
    end = 0
    for match in words:
        tally.pieces.append(text[end : match.start()])
        word = match.group()
        decoded, features, strong = decode(word)
        tally.word(word, decoded, _strength(features, strong))
        end = match.end()
    tally.pieces.append(text[end:])
    return tally


def _tcvn3_reading(text: str, tally: _Tally) -> str | None:
    reading = tally.reading()
    if reading is None:
        return None
    if not any("a" <= ch <= "z" for ch in text) and any(
        sum("A" <= ch <= "Z" for ch in word) >= 2 for word in text.split()
    ):
        return reading.upper()  # .VnTimeH: the lower-case codes are drawn as capitals
    return reading


def _detect_8bit(text: str) -> LegacyText | None:
    words = list(_WORD.finditer(text))
    tcvn3 = _tally(TCVN3, text, words)
    vni = _tally(VNI, text, words)
    candidates = [t for t in (tcvn3, vni) if t.flagged()]
    if not candidates:
        return None
    if len(candidates) == 2 and tcvn3.rank() == vni.rank():
        return LegacyText(TCVN3, None)  # e.g. "ñi ñi": TCVN3 "ủi ủi" or VNI "đi đi"
    best = max(candidates, key=_Tally.rank)
    if best is tcvn3:
        return LegacyText(TCVN3, _tcvn3_reading(text, tcvn3))
    return LegacyText(VNI, vni.reading())


# --- VIQR --------------------------------------------------------------------------------------


def _decode_viqr(chunk: str) -> tuple[str, int]:
    """Decode one chunk; the strength is 0 when no VIQR mark was used."""
    out: list[str] = []
    strength = 0
    i, n = 0, len(chunk)
    while i < n:
        ch = chunk[i]
        nxt = chunk[i + 1 : i + 2]
        if ch == "\\" and nxt and (nxt in _VIQR_SHAPES or nxt in _VIQR_TONES):
            out.append(nxt)  # an escaped mark is literal
            i += 2
        elif ch in "dD" and nxt in ("d", "D") and not (out and out[-1].isalpha()):
            out.append("Đ" if ch == "D" else "đ")
            strength = _STRONG
            i += 2
        elif ch in "aeiouyAEIOUY":
            marks = ""
            i += 1
            shape = _VIQR_SHAPES.get(chunk[i : i + 1])
            if shape is not None and ch.lower() in shape[1]:
                marks += shape[0]
                strength = _STRONG
                i += 1
            tone = _VIQR_TONES.get(chunk[i : i + 1])
            if tone is not None:
                marks += tone
                strength = max(strength, _MEDIUM if chunk[i] in "'`~" else _WEAK)
                i += 1
            out.append(_compose(ch, marks))
        else:
            out.append(ch)
            i += 1
    return "".join(out), strength


_PUNCTUATION = "!?.,()[]{}'\"`"


def _detect_viqr(text: str) -> LegacyText | None:
    tally = _Tally()
    end = 0
    for match in _VIQR_WORD.finditer(text):
        tally.pieces.append(text[end : match.start()])
        end = match.end()
        chunk = match.group()
        decoded, strength = _decode_viqr(chunk)
        if not strength:
            tally.pieces.append(chunk)
            tally.plain(chunk.strip(_PUNCTUATION))
            continue
        core = decoded.strip(_PUNCTUATION)
        if core.isalpha() and is_syllable(core):
            tally.pieces.append(decoded)
            tally.evidence_word(core, strength)
        else:
            tally.pieces.append(chunk)
            tally.certain = False
            tally.fail += 1
    tally.pieces.append(text[end:])
    if not tally.flagged():
        return None
    return LegacyText(VIQR, tally.reading())


# --- entry point -------------------------------------------------------------------------------


def detect_legacy(text: str) -> LegacyText | None:
    """The legacy encoding ``text`` was typed in, with its Unicode reading, or None."""
    if text.isascii():
        if _VIQR_TRIGGER.search(text) is None:
            return None
        return _detect_viqr(text)
    if not unicodedata.is_normalized("NFC", text):  # NFD (macOS) splits "ã" into "a" + U+0303
        text = unicodedata.normalize("NFC", text)
    if _TRIGGER.search(text) is None:
        return None
    return _detect_8bit(text)
