"""Accent marks compared per syllable: missing accents are fine, wrong ones are not."""

from __future__ import annotations

import unicodedata


def _marks(syllable: str) -> frozenset[str]:
    decomposed = unicodedata.normalize("NFD", syllable.casefold())
    marks = {ch for ch in decomposed if unicodedata.category(ch) == "Mn"}
    return frozenset(marks | ({"đ"} if "đ" in decomposed else set()))


def accents_compatible(typed: str, official: str) -> bool:
    """'Tan Thạnh' may be 'Tân Thạnh'; 'Tân Thành' is not.

    Compared per syllable as sets of marks, so old and new tone placement ('Hoà'/'Hòa') agree.
    """
    for mine, theirs in zip(typed.split(), official.split(), strict=False):
        if not _marks(mine) <= _marks(theirs):  # a mark the official name lacks is a wrong one
            return False
    return True


def has_marks(text: str) -> bool:
    """True when the text carries any Vietnamese accent (or đ)."""
    return any(_marks(syllable) for syllable in text.split())
