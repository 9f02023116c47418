"""Vietnamese syllable structure for ``rules.values.legacy``: is a word one well-formed syllable?"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from rules.values.legacy_tables import _ACUTE, _DOT, _GRAVE, _HOOK, _TILDE

_TONELESS: dict[str, str] = {}
for _base in "aăâeêioôơuưy":
    for _mark in (_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT):
        _TONELESS[unicodedata.normalize("NFC", _base + _mark)] = _base
_STRIP_TONES: Final = str.maketrans(_TONELESS)
_STOP_FINALS: Final = ("c", "ch", "p", "t")
_STOP_TONED: Final = frozenset(  # letters with sắc or nặng (NFD puts the dot below first)
    ch for ch in _TONELESS if {_ACUTE, _DOT} & set(unicodedata.normalize("NFD", ch))
)

_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_OPEN = (  # nuclei that end the syllable (their last vowel works as the final)
    "iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyu"
    "|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|uơ|ưa|ưi|ưu"
)
_OPTIONAL_FINAL = "oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_NEEDS_FINAL = "uyê|iê|yê|uô|ươ|oă|uâ|oo|ă|â"
_FINAL = "ch|ng|nh|[cmnpt]"
_RHYME = (
    f"(?:(?P<open>{_OPEN})|(?P<optional>{_OPTIONAL_FINAL})(?:{_FINAL})?"
    f"|(?P<closed>{_NEEDS_FINAL})(?:{_FINAL}))"
)
_SYLLABLE: Final = re.compile(_INITIAL + _RHYME)
_SYLLABLE_G: Final = re.compile("g" + _RHYME)  # "gìa": g + ia rather than gi + a
_DIGRAPH: Final = re.compile("^(?:ngh?|nh|ph|th|tr|kh|gi|qu|ch)|(?:ng|nh|ch)$")


def _tone_positions(nucleus: str, closed: bool) -> frozenset[int]:
    """Where the tone mark goes in a nucleus: the last of ă â ê ô ơ ư; in oa/oe/uy either vowel
    when open ("hòa", "hoà"); else the last vowel of a closed syllable, the one before the last
    of an open one ("mùa", "khoái")."""
    modified = [i for i, ch in enumerate(nucleus) if ch in "ăâêôơư"]
    if modified:
        return frozenset({modified[-1]})
    if nucleus in ("oa", "oe", "uy") and not closed:
        return frozenset({0, 1})
    if closed or len(nucleus) == 1:
        return frozenset({len(nucleus) - 1})
    return frozenset({len(nucleus) - 2})


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether ``word`` (NFC, any case) has the shape of one Vietnamese syllable: initial,
    vowel nucleus, final, and at most one tone, placed on the nucleus' main vowel (only sắc
    or nặng before -c -ch -p -t)."""
    lower = word.lower()
    bare = lower.translate(_STRIP_TONES)
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    toned = [i for i, (a, b) in enumerate(zip(lower, bare, strict=True)) if a != b]
    if not toned:
        return True
    if len(toned) > 1:
        return False
    if bare.endswith(_STOP_FINALS) and lower[toned[0]] not in _STOP_TONED:
        return False  # -c -ch -p -t take only the sắc or nặng tone
    if _tone_well_placed(match, toned[0]):
        return True
    match = _SYLLABLE_G.fullmatch(bare) if bare.startswith("gi") else None
    return match is not None and _tone_well_placed(match, toned[0])


def _tone_well_placed(match: re.Match[str], tone_at: int) -> bool:
    start, end = match.span(match.lastgroup or 0)
    return tone_at - start in _tone_positions(match.string[start:end], end < len(match.string))
