"""Hamlet names: every matching rule of the contract, collisions, duplicates and suggestions."""

from __future__ import annotations

import unicodedata

import pytest

from rules.values.hamlets import HamletDirectory, readings, roman_number, spoken_number

XA = 1  # a commune code (any int works: the directory does not check codes)
PHUONG = 2

LISTED = [
    (XA, "Ấp 3"),
    (XA, "Ấp Thới Thuận A"),
    (XA, "Ấp Thới Thuận B"),
    (XA, "Ấp Mỹ Hòa"),
    (XA, "Ấp 12"),
    (XA, "Ấp 4B"),
    (PHUONG, "Khu vực 3"),
    (PHUONG, "Khu phố 5"),
    (PHUONG, "Tổ dân phố 7"),
    (PHUONG, "Khóm 2"),
    (PHUONG, "Khu vực Bình Thường A"),
]


@pytest.fixture
def hamlets() -> HamletDirectory:
    return HamletDirectory(LISTED)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("commune", "typed", "listed"),
    [
        # case, whitespace, Unicode form
        (XA, "Ấp 3", "Ấp 3"),
        (XA, "ẤP 3", "Ấp 3"),
        (XA, "  ấp   3 ", "Ấp 3"),
        (XA, nfd("Ấp Thới Thuận A"), "Ấp Thới Thuận A"),
        (XA, "ấp thới thuận a", "Ấp Thới Thuận A"),
        # accents missing
        (XA, "ap thoi thuan a", "Ấp Thới Thuận A"),
        (XA, "Ap My Hoa", "Ấp Mỹ Hòa"),
        (XA, "Ấp Mỹ Hoà", "Ấp Mỹ Hòa"),  # old tone placement
        # the kind word is optional
        (XA, "3", "Ấp 3"),
        (XA, "Thới Thuận B", "Ấp Thới Thuận B"),
        (PHUONG, "Bình Thường A", "Khu vực Bình Thường A"),
        (PHUONG, "2", "Khóm 2"),
        # abbreviations
        (PHUONG, "KV 3", "Khu vực 3"),
        (PHUONG, "kv3", "Khu vực 3"),
        (PHUONG, "KV.3", "Khu vực 3"),
        (PHUONG, "KP 5", "Khu phố 5"),
        (PHUONG, "kp.05", "Khu phố 5"),
        (PHUONG, "TDP 7", "Tổ dân phố 7"),
        (PHUONG, "tdp số 7", "Tổ dân phố 7"),
        # numbers however written
        (XA, "ấp 03", "Ấp 3"),
        (XA, "Ấp Ba", "Ấp 3"),
        (XA, "ap ba", "Ấp 3"),
        (XA, "Ấp III", "Ấp 3"),
        (XA, "Ấp số 3", "Ấp 3"),
        (XA, "Ấp Mười Hai", "Ấp 12"),
        (XA, "Ấp XII", "Ấp 12"),
        (XA, "ap 012", "Ấp 12"),
        (XA, "Ấp 4 B", "Ấp 4B"),
        (XA, "Ấp Bốn B", "Ấp 4B"),
        (XA, "Ấp Tư B", "Ấp 4B"),
        (XA, "4b", "Ấp 4B"),
        (PHUONG, "Khóm Hai", "Khóm 2"),
        (PHUONG, "Khu vực III", "Khu vực 3"),
        (PHUONG, "Tổ dân phố Bảy", "Tổ dân phố 7"),
    ],
)
def test_typed_names_match_the_listed_hamlet(
    hamlets: HamletDirectory, commune: int, typed: str, listed: str
) -> None:
    found = hamlets.match(commune, typed)
    assert found is not None
    assert found.error is None, found
    assert found.hamlet is not None and found.hamlet.name == listed


@pytest.mark.parametrize(
    ("commune", "typed", "suggested"),
    [
        (XA, "Ấp 5", ()),  # no such number; nothing close enough
        (XA, "Ấp Thới Thuận", ("Ấp Thới Thuận A", "Ấp Thới Thuận B")),
        (XA, "Ấp Thới Thuấn B", ("Ấp Thới Thuận B",)),  # a typo: suggested, never guessed
        (XA, "Ấp Mý Hòa", ("Ấp Mỹ Hòa",)),  # wrong accent: never matched
        (XA, "Ấp Mỹ Hoá", ("Ấp Mỹ Hòa",)),
        (XA, "Ấp 4", ("Ấp 4B",)),  # the suffix letter matters
        (XA, "Khu vực 3", ("Ấp 3",)),  # another kind: not the same hamlet
        (PHUONG, "Ấp 3", ("Khu vực 3",)),
        (PHUONG, "Khu vực 2", ("Khóm 2",)),
        (PHUONG, "Ấp Thới Thuận A", ()),  # listed in another commune only
        (XA, "Ập 3", ("Ấp 3",)),  # a wrong accent on the kind word too
    ],
)
def test_unknown_names_carry_suggestions_from_the_commune(
    hamlets: HamletDirectory, commune: int, typed: str, suggested: tuple[str, ...]
) -> None:
    found = hamlets.match(commune, typed)
    assert found is not None and found.hamlet is None
    assert found.error == "hamlet_unknown"
    assert set(suggested) <= set(found.suggestions)
    listed_here = {name for code, name in LISTED if code == commune}
    assert set(found.suggestions) <= listed_here


@pytest.mark.parametrize(
    ("listed", "typed", "both"),
    [
        (["Ấp 3", "Khu vực 3"], "3", {"Ấp 3", "Khu vực 3"}),
        (["Ấp 3", "Khu vực 3"], "Ba", {"Ấp 3", "Khu vực 3"}),
        (["Ấp 3", "Khóm 3"], "số 3", {"Ấp 3", "Khóm 3"}),
        (["Ấp Thanh An", "Ấp Thạnh An"], "ap thanh an", {"Ấp Thanh An", "Ấp Thạnh An"}),
        (["Ấp Thanh An", "Ấp Thạnh An"], "Thanh An", {"Ấp Thanh An", "Ấp Thạnh An"}),
    ],
)
def test_two_listed_hamlets_fitting_one_text_are_ambiguous(
    listed: list[str], typed: str, both: set[str]
) -> None:
    found = HamletDirectory((XA, name) for name in listed).match(XA, typed)
    assert found is not None and found.hamlet is None
    assert found.error == "hamlet_ambiguous"
    assert set(found.suggestions) == both


@pytest.mark.parametrize(
    ("listed", "typed", "expected"),
    [
        (["Ấp 3", "Khu vực 3"], "Ấp 3", "Ấp 3"),  # the kind word settles a collision
        (["Ấp 3", "Khu vực 3"], "KV III", "Khu vực 3"),
        (["Ấp Thanh An", "Ấp Thạnh An"], "Ấp Thạnh An", "Ấp Thạnh An"),  # so do accents
        (["Ấp Thới An", "Ấp Thới Ẩn"], "Thới An", "Ấp Thới An"),
    ],
)
def test_a_collision_is_settled_by_what_was_typed(
    listed: list[str], typed: str, expected: str
) -> None:
    found = HamletDirectory((XA, name) for name in listed).match(XA, typed)
    assert found is not None and found.hamlet is not None
    assert found.hamlet.name == expected


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("Ấp 3", "ấp 03"),
        ("Ấp 3", "Ấp Ba"),
        ("Ấp 3", "Ấp III"),
        ("Ấp 3", "3"),
        ("Khu vực 3", "KV 3"),
        ("Tổ dân phố 7", "TDP 7"),
        ("Ấp Thới Thuận A", "ấp  thới thuận a"),
        ("Thới Thuận A", "Ấp Thới Thuận A"),
    ],
)
def test_the_same_hamlet_listed_twice_is_found(first: str, again: str) -> None:
    directory = HamletDirectory()
    assert directory.add(XA, first)[1]
    existing, new = directory.add(XA, again)
    assert not new and existing.name == first
    assert [h.name for h in directory.hamlets(XA)] == [first]


@pytest.mark.parametrize(
    ("first", "other"),
    [
        ("Ấp 3", "Khu vực 3"),
        ("Ấp 3", "Ấp 3A"),
        ("Ấp Thanh An", "Ấp Thạnh An"),
        ("Ấp Thới Thuận A", "Ấp Thới Thuận B"),
    ],
)
def test_distinct_hamlets_are_not_duplicates(first: str, other: str) -> None:
    directory = HamletDirectory([(XA, first)])
    hamlet, new = directory.add(XA, other)
    assert new and hamlet.name == other
    assert len(directory) == 2


def test_the_same_name_in_two_communes_is_two_hamlets() -> None:
    directory = HamletDirectory([(XA, "Ấp 3"), (PHUONG, "Ấp 3")])
    assert len(directory) == 2
    first, second = directory.match(XA, "3"), directory.match(PHUONG, "3")
    assert first is not None and first.hamlet is not None and first.hamlet.commune == XA
    assert second is not None and second.hamlet is not None and second.hamlet.commune == PHUONG


def test_a_commune_with_no_listed_hamlet_matches_nothing(hamlets: HamletDirectory) -> None:
    assert not hamlets.has_hamlets(99)
    assert hamlets.match(99, "Ấp 3") is None


def test_answers_are_cached_per_commune_and_text_in_one_directory(hamlets: HamletDirectory) -> None:
    first = hamlets.match(XA, "Ấp Ba")
    assert hamlets.match(XA, "Ấp Ba") is first
    assert hamlets.match(PHUONG, "Ấp Ba") is not first  # another commune: its own answer
    fresh = HamletDirectory([(XA, "Ấp 7")])  # another evaluation's directory shares nothing
    answer = fresh.match(XA, "Ấp Ba")
    assert answer is not None and answer.error == "hamlet_unknown"


def test_listing_after_a_match_forgets_the_cached_answers() -> None:
    directory = HamletDirectory([(XA, "Ấp 3")])
    assert directory.match(XA, "3") is not None
    directory.add(XA, "Khu vực 3")
    again = directory.match(XA, "3")
    assert again is not None and again.error == "hamlet_ambiguous"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("một", 1), ("hai", 2), ("ba", 3), ("bốn", 4), ("tư", 4), ("năm", 5), ("sáu", 6),
        ("bảy", 7), ("tám", 8), ("chín", 9), ("mười", 10), ("mười một", 11), ("mười lăm", 15),
        ("hai mươi", 20), ("hai mươi mốt", 21), ("ba mươi tư", 34), ("muoi hai", 12),
        ("bon", 4), ("ba mươi", 30),
    ],
)  # fmt: skip
def test_spoken_numbers(words: str, value: int) -> None:
    assert spoken_number(words.split()) == value


@pytest.mark.parametrize("words", ["bà", "bán", "thới", "một mươi", "ba hai", ""])
def test_words_that_are_no_number(words: str) -> None:
    assert spoken_number(words.split()) is None


@pytest.mark.parametrize(
    ("token", "value"),
    [("I", 1), ("II", 2), ("IV", 4), ("V", 5), ("IX", 9), ("XII", 12), ("XIV", 14), ("XXXIX", 39)],
)
def test_roman_numbers(token: str, value: int) -> None:
    assert roman_number(token) == value


@pytest.mark.parametrize("token", ["iii", "IIII", "VV", "IC", "A", "Vi", ""])
def test_not_roman_numbers(token: str) -> None:
    assert roman_number(token) is None


def test_a_name_that_only_starts_like_a_number_stays_a_name() -> None:
    directory = HamletDirectory([(XA, "Ấp Ba Láng"), (XA, "Ấp 3")])
    found = directory.match(XA, "ba lang")
    assert found is not None and found.hamlet is not None and found.hamlet.name == "Ấp Ba Láng"
    assert {r.key for r in readings("Ấp Ba Láng")} == {("ap", "ba", "lang"), ("ba", "lang")}
