"""Vietnamese text normalisation and the accent-insensitive keys used for matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


_INVISIBLE = {0x200B: None, 0xFEFF: None, 0x2060: None}  # zero-width space, BOM, word joiner


def normalize_text(value: str) -> str:
    """NFC, trimmed, inner whitespace collapsed: NFD input (macOS) becomes the same text."""
    if value.isascii():
        return " ".join(value.split())
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if "\u200b" in value or "\ufeff" in value or "\u2060" in value:
        value = value.translate(_INVISIBLE)
    return " ".join(value.split())


def cell_text(value: object) -> str:
    """A raw cell as normalised text ("" for blank); whole floats lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalize_text(str(value))


# Combining marks (the accents NFD splits off) are dropped; đ becomes d.
_UNACCENT = {mark: None for mark in range(0x300, 0x370)} | {ord("đ"): "d"}


def fold_text(value: str) -> str:
    """Lower-case, no accents (đ → d), spaces collapsed: 'Phường  Ninh Kiều' → 'phuong ninh kieu'."""
    if value.isascii():
        return " ".join(value.casefold().split())
    return " ".join(unicodedata.normalize("NFD", value.casefold()).translate(_UNACCENT).split())


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """`fold_text`, cached: headers and commune names repeat."""
    return fold_text(value)


def header_key(value: str) -> str:
    """Case-, accent-, whitespace- and punctuation-insensitive key of a header or tab title."""
    return _NON_ALNUM.sub("", fold(value))
