"""Character tables and patterns for ``rules.values.legacy``: pure data, no I/O.

The TCVN3 (VN3), VNI-Windows and VIQR mappings, and the character classes and compiled trigger
and word patterns of the cheap gate described in ``rules.values.legacy``.
"""

from __future__ import annotations

import re
from typing import Final

# --- tables ------------------------------------------------------------------------------------

# TCVN 5712:1993 VN3 ("ABC", .VnTime fonts): the 0xA1-0xFE code points read as Latin-1.
# Capitals with a tone do not exist in VN3 (the .VnTimeH font draws the lower-case codes as
# capitals); VN1 puts them in 0x01-0x17 and 0x80-0xFF slots that VN3 leaves out.
TCVN3_TO_UNICODE: Final[dict[str, str]] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư",
    "\u00a7": "Đ", "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ",
    "\u00ad": "ư", "\u00ae": "đ", "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á",
    "\u00b9": "ạ", "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ", "\u00cc": "è",
    "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ", "\u00d2": "ề", "\u00d3": "ể",
    "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ", "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ",
    "\u00dd": "í", "\u00de": "ị", "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó",
    "\u00e4": "ọ", "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ", "\u00ef": "ù",
    "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ", "\u00f5": "ừ", "\u00f6": "ử",
    "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự", "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ",
    "\u00fd": "ý", "\u00fe": "ỵ",
}  # fmt: skip

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# VNI-Windows: a base vowel followed by a mark character (both cases of each mark).
_VNI_TONE_MARKS: Final = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX_MARKS: Final = {
    "â": "",
    "á": _ACUTE,
    "à": _GRAVE,
    "å": _HOOK,
    "ã": _TILDE,
    "ä": _DOT,
}
_VNI_BREVE_MARKS: Final = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# VNI-Windows one-character letters (the "i" family, ỵ, ơ, ư, đ); ì and í read as themselves.
_VNI_SINGLE: Final = {
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ô": "ơ", "ö": "ư", "ñ": "đ",
    "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ", "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ",
}  # fmt: skip

# (shape mark, tone) that a VNI mark character applies, and the bases it may follow.
_VNI_MARKS: dict[str, tuple[str, str, str]] = {}
for _marks, _shape, _bases in (
    (_VNI_TONE_MARKS, "", "aeouyơư"),
    (_VNI_CIRCUMFLEX_MARKS, _CIRCUMFLEX, "aeo"),
    (_VNI_BREVE_MARKS, _BREVE, "a"),
):
    for _char, _tone in _marks.items():
        _VNI_MARKS[_char] = _VNI_MARKS[_char.upper()] = (_shape, _tone, _bases)

# VIQR (RFC 1456): marks typed after the vowel, shape first then tone; "dd" for đ.
_VIQR_SHAPES: Final = {"^": (_CIRCUMFLEX, "aeo"), "(": (_BREVE, "a"), "+": (_HORN, "ou")}
_VIQR_TONES: Final = {"'": _ACUTE, "`": _GRAVE, "?": _HOOK, "~": _TILDE, ".": _DOT}

# --- character classes (see the module docstring) ---------------------------------------------

_TCVN3_SYMBOLS: Final = frozenset(ch for ch in TCVN3_TO_UNICODE if not ch.isalpha()) | {"ª", "µ"}
_FOREIGN_LETTERS: Final = frozenset("ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïñöøûüþ")  # Latin-1, never Vietnamese
_TCVN3_CAPITALS_AS_LOWER: Final = frozenset("ÈÉÊÌÒÓÔÕÝ")
_VNI_WEAK_PAIRS: Final = frozenset(a + b for a in "oO" for b in "áàãÁÀÃ")  # old-style "hoà"


def _char_class(chars: frozenset[str] | str) -> str:
    return "[" + "".join(sorted(re.escape(ch) for ch in chars)) + "]"


_PAIR_TRIGGERS: Final = (
    ("[a-z\u00df-\u00ff]", "ÈÉÊÌÒÓÔÕÝ"),  # TCVN3 lower-case letter after a lower-case one
    ("[aeoAEO]", "âÂ"),  # VNI circumflex
    ("[aeAE]", "áàãÁÀÃ"),  # VNI circumflex + tone (not after o: old-style "hoà", "hoá")
    ("[aA]", "êéèúÊÉÈÚ"),  # VNI breve (+ tone)
    ("[aeouyAEOUYôöÔÖ]", "ùõÙÕ"),  # VNI tone after a vowel
)
_ALONE_TRIGGERS: Final = _TCVN3_SYMBOLS | _FOREIGN_LETTERS
# One leading character class lets the regex engine skip ahead in C; look-behinds then check
# the pairs.  (An alternation of look-behinds first would be tried at every position.)
_TRIGGER: Final = re.compile(
    _char_class(_ALONE_TRIGGERS | frozenset("".join(second for _, second in _PAIR_TRIGGERS)))
    + f"(?:(?<={_char_class(_ALONE_TRIGGERS)})"
    + "".join(f"|(?<={first}{_char_class(second)})" for first, second in _PAIR_TRIGGERS)
    # ... or inside a word before a lower-case one ("YÕn" for "Yến")
    + f"|(?<=[A-Za-z\u00c0-\u00ff]{_char_class(_TCVN3_CAPITALS_AS_LOWER)})(?=[a-z\u00df-\u00ff])"
    + ")"
)
# a vowel followed by a VIQR mark, or "dd" starting a word (same leading-class trick)
_VIQR_TRIGGER: Final = re.compile(
    r"[\^(+'`?~.Dd](?:(?<=[AEIOUYaeiouy][\^(+'`?~.])|(?<=[Dd])(?<![A-Za-z][Dd])(?=[Dd]))"
)
_WORD: Final = re.compile("(?:[^\\W\\d_]|" + _char_class(_TCVN3_SYMBOLS) + ")+")
_VIQR_WORD: Final = re.compile(r"[^\s,;:/\-\"]+")
