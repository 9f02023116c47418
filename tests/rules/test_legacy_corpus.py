"""Proper Vietnamese is never taken for a legacy encoding: a corpus of real text, every letter in both cases."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rules.values.legacy import LegacyText, detect_legacy, is_syllable
from tests.rules.test_legacy import (
    CORPUS,
    OTHER,
    UNICODE_TO_TCVN3,
    VIETNAMESE_LETTERS,
    WESTERN,
    from_tcvn3,
    to_tcvn3,
    to_vni,
)


def test_corpus_is_large_and_covers_every_letter_in_both_cases() -> None:
    assert len(set(CORPUS)) >= 200
    assert set(VIETNAMESE_LETTERS) - {"F", "J", "W", "Z", "f", "j", "w", "z"} <= set(
        "".join(CORPUS)
    )


@pytest.mark.parametrize("text", CORPUS)
def test_proper_vietnamese_is_not_flagged(text: str) -> None:
    assert detect_legacy(text) is None
    assert detect_legacy(unicodedata.normalize("NFD", text)) is None


@pytest.mark.parametrize("text", OTHER + WESTERN)
def test_other_text_is_not_flagged(text: str) -> None:
    assert detect_legacy(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hå", None),  # TCVN3 "Hồ", but also a Norwegian place: one foreign letter is not enough
        ("Vaên", None),  # VNI "Văn", alone
        ("Hå Minh", LegacyText("TCVN3", "Hồ Minh")),  # ... a Vietnamese word next to it is
        ("ñi", None),  # TCVN3 "ủi" or VNI "đi"
        ("ñi ñi", LegacyText("TCVN3", None)),  # a tie between the two tables
        ("Lª Müller", None),  # one legacy word next to a foreign one: not enough
        ("Lª V¨n Müller", LegacyText("TCVN3", None)),  # legacy, but "Müller" has no reading
        ("Hµ Néi, Café", LegacyText("TCVN3", None)),
        ("Lång", LegacyText("TCVN3", "Lồng")),  # known false positive (Swedish "long")
        ("Thaï", LegacyText("VNI", "Thạ")),  # known false positive (French "Thai")
        ("2×3", None),  # a lone symbol is not a word
    ],
)
def test_documented_edge_cases(text: str, expected: LegacyText | None) -> None:
    assert detect_legacy(text) == expected


def test_every_corpus_word_is_a_syllable_or_a_known_exception() -> None:
    # the syllable grammar is the backbone of the heuristic: keep it honest on real words
    # Central Highlands names (Ê Đê, Jrai, Ba Na...) keep their own spelling; TNHH is an acronym
    exceptions = {"Ea", "Grai", "Ksor", "Kuin", "Kđăm", "Lắk", "Niê", "Pleiku", "Đắk", "TNHH"}
    bad = {
        w
        for text in CORPUS
        for w in text.replace(",", " ").replace("!", " ").replace("?", " ").split()
        if w.isalpha()
        and not is_syllable(w)
        and w not in exceptions
        and w.title() not in exceptions
    }
    assert not bad


# --- properties --------------------------------------------------------------------------------

INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng"]
INITIALS += ["ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
OPEN = "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui uơ ưa ưi ưu"
OPEN += " iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyu"
OPTIONAL_FINAL = "a e ê i o ô ơ u ư y oa oe uê uy"
NEEDS_FINAL = "ă â iê yê uô ươ uyê oă uâ oo"
FINALS = ["c", "ch", "m", "n", "ng", "nh", "p", "t"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


@st.composite
def syllables(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["open", "optional", "needs"]))
    nucleus = draw(
        st.sampled_from(
            {"open": OPEN, "optional": OPTIONAL_FINAL, "needs": NEEDS_FINAL}[kind].split()
        )
    )
    final = ""
    if nucleus == "oo":  # only in loans: xoong, boong, soóc, rơ-moóc
        final = draw(st.sampled_from(["ng", "c"]))
    elif kind == "needs" or (kind == "optional" and draw(st.booleans())):
        final = draw(st.sampled_from(FINALS))
    if final in ("c", "ch", "p", "t"):  # stopped syllables take only sắc or nặng
        tone = draw(st.sampled_from(["\u0301", "\u0323"]))
    else:
        tone = draw(st.sampled_from(TONES if nucleus != "oo" else [""]))
    modified = [i for i, ch in enumerate(nucleus) if ch in "ăâêôơư"]
    if modified:
        at = modified[-1]
    elif nucleus in ("oa", "oe", "uy") and not final:
        at = draw(st.sampled_from([0, 1]))  # "hòa" and "hoà" are both in use
    elif final or len(nucleus) == 1:
        at = len(nucleus) - 1
    else:
        at = len(nucleus) - 2
    toned = nucleus[:at] + unicodedata.normalize("NFC", nucleus[at] + tone) + nucleus[at + 1 :]
    return draw(st.sampled_from(INITIALS)) + toned + final


def _cased(word: str, case: str) -> str:
    return {"lower": word, "title": word[:1].upper() + word[1:], "upper": word.upper()}[case]


@st.composite
def vietnamese_text(draw: st.DrawFn, cases: tuple[str, ...] = ("lower", "title", "upper")) -> str:
    words = draw(st.lists(syllables(), min_size=1, max_size=6))
    return " ".join(_cased(w, draw(st.sampled_from(cases))) for w in words)


TCVN3_SYMBOLS = set("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾×÷")


def _tcvn3_encodable(word: str) -> bool:
    return all(ch.isascii() or ch in UNICODE_TO_TCVN3 for ch in word)


@st.composite
def tcvn3_encodable_text(draw: st.DrawFn) -> str:
    words = []
    for word in draw(st.lists(syllables(), min_size=1, max_size=6)):
        title = word[:1].upper() + word[1:]
        words.append(title if draw(st.booleans()) and _tcvn3_encodable(title) else word)
    return " ".join(words)


@given(syllables())
def test_generated_syllables_are_syllables(word: str) -> None:
    assert is_syllable(word)
    assert is_syllable(word.upper())


@given(vietnamese_text())
def test_proper_vietnamese_text_is_never_flagged(text: str) -> None:
    assert detect_legacy(text) is None


def _is_also(
    result: LegacyText | None, encoding: str, encode: Callable[[str], str], raw: str
) -> bool:
    """``result`` reads ``raw`` in ``encoding`` as another text of valid syllables that
    ``encode`` turns back into exactly ``raw``: a genuine ambiguity, not a misreading."""
    if result is None or result.encoding != encoding or result.unicode is None:
        return False
    try:
        same = encode(result.unicode) == raw
    except KeyError:  # an upper-cased .VnTimeH reading has no VN3 codes
        same = False
    return same and all(is_syllable(w) for w in result.unicode.split() if len(w) > 1)


@given(tcvn3_encodable_text())
def test_tcvn3_round_trip(text: str) -> None:
    encoded = to_tcvn3(text)
    result = detect_legacy(encoded)
    if any(len(word) > 1 and set(word) & TCVN3_SYMBOLS for word in encoded.split()):
        # a TCVN3 symbol (¨ © ª « ¬ SHY ® µ ¶ · ¸ ...) inside a word is unmistakable
        assert result == LegacyText("TCVN3", text)
    elif not _is_also(result, "VNI", to_vni, encoded):
        # Latin-1 letters only ("cã" for "có"): may be too ambiguous to flag, never misread;
        # "UÕ ai" is TCVN3 "Uế ai" but also VNI "Ũ ai", and either may win
        assert result in (None, LegacyText("TCVN3", text), LegacyText("TCVN3", None))


@given(vietnamese_text(cases=("lower", "title", "upper")))
def test_vni_never_misread(text: str) -> None:
    encoded = to_vni(text)
    assume(encoded != text)
    result = detect_legacy(encoded)
    if not _is_also(result, "TCVN3", to_tcvn3, encoded):
        assert result in (None, LegacyText("VNI", text), LegacyText("TCVN3", None))


VNI_FOREIGN_MARKS = set("øûïöñåäëüæî")


def _vni_marked(word: str) -> bool:
    encoded = to_vni(word)
    return len(encoded) > 1 and bool(set(encoded) & VNI_FOREIGN_MARKS)


@given(st.lists(syllables().filter(_vni_marked), min_size=2), st.lists(syllables(), max_size=3))
def test_vni_with_two_marked_words_is_read(marked: list[str], others: list[str]) -> None:
    # two words carrying a VNI mark that Vietnamese never uses (ø û ï ö ñ ...) are enough
    words = marked + others
    encoded = " ".join(to_vni(w) for w in words)
    expected = LegacyText("VNI", " ".join(words))
    if all(is_syllable(from_tcvn3(w)) for w in encoded.split()):
        # also good TCVN3 ("bö bö": VNI "bư bư" or TCVN3 "bử bử"): may be reported as a tie
        assert detect_legacy(encoded) in (expected, LegacyText("TCVN3", None))
    else:
        assert detect_legacy(encoded) == expected


# --- volume (correctness only: timing is machine-dependent and is measured by hand) -----------


def test_hundred_thousand_normal_names_pass_the_gate() -> None:
    names = [s for s in CORPUS if s] + OTHER
    batch = [names[i % len(names)] for i in range(100_000)]
    assert all(detect_legacy(name) is None for name in batch)
