"""rules.values.communes: resolution against the official 2025 list, never a silent guess."""

from __future__ import annotations

import unicodedata

import pytest

from rules.issues import Issue
from rules.messages import issue_message
from rules.values.communes import CommuneDirectory, find_province


@pytest.fixture(scope="module")
def can_tho() -> CommuneDirectory:
    return CommuneDirectory.for_province("Cần Thơ")


@pytest.fixture(scope="module")
def tay_ninh() -> CommuneDirectory:
    return CommuneDirectory.for_province("Tây Ninh")


def test_can_tho_has_103_units_72_xa_31_phuong(can_tho: CommuneDirectory) -> None:
    assert len(can_tho.communes) == 103
    kinds = [c.kind for c in can_tho.communes]
    assert kinds.count("xã") == 72
    assert kinds.count("phường") == 31
    assert len({c.code for c in can_tho.communes}) == 103
    assert len({c.name for c in can_tho.communes}) == 103


def test_names_are_normalised_and_carry_their_kind(can_tho: CommuneDirectory) -> None:
    for c in can_tho.communes:
        assert c.name == " ".join(c.name.split())
        assert unicodedata.is_normalized("NFC", c.name)
        label = {"xã": "Xã", "phường": "Phường"}[c.kind]
        assert c.name == f"{label} {c.base}"


@pytest.mark.parametrize(
    "name", ["Cần Thơ", "TP. Cần Thơ", "thanh pho can tho", "Thành phố Cần Thơ"]
)
def test_find_province_variants(name: str) -> None:
    province = find_province(name)
    assert province is not None
    assert province.name == "Thành phố Cần Thơ"


def test_unknown_province_is_refused() -> None:
    assert find_province("Atlantis") is None
    with pytest.raises(ValueError):
        CommuneDirectory.for_province("Atlantis")


@pytest.mark.parametrize(
    "typed",
    [
        "Phường Ninh Kiều",
        "P. Ninh Kiều",
        "P.Ninh Kiều",
        "P Ninh Kiều",
        "p ninh kieu",
        "Ninh Kiều",
        "ninh kieu",
        "PHƯỜNG NINH KIỀU",
        "Phuong Ninh Kieu",
        "  Phường   Ninh  Kiều ",
        "Phường\u00a0Ninh Kiều",
        unicodedata.normalize("NFD", "Phường Ninh Kiều"),
        unicodedata.normalize("NFD", "p. ninh kiều"),
    ],
)
def test_ninh_kieu_variants(can_tho: CommuneDirectory, typed: str) -> None:
    found = can_tho.resolve(typed)
    assert found.error is None
    assert found.commune is not None
    assert found.commune.code == 31135
    assert found.commune.name == "Phường Ninh Kiều"
    assert found.commune.kind == "phường"


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Vị Thanh", "Phường Vị Thanh"),
        ("vi thanh", "Phường Vị Thanh"),
        ("P. Vị Thanh", "Phường Vị Thanh"),
        ("Vị Thanh 1", "Xã Vị Thanh 1"),
        ("vi thanh 1", "Xã Vị Thanh 1"),
        ("X. Vị Thanh 1", "Xã Vị Thanh 1"),
        ("Long Phú", "Xã Long Phú"),
        ("long phu", "Xã Long Phú"),
        ("Long Phú 1", "Phường Long Phú 1"),
        ("P. Long Phú 1", "Phường Long Phú 1"),
        ("Xã Phú Hữu", "Xã Phú Hữu"),  # officially spelled "Xã  Phú Hữu"
        ("Xã  Phú Hữu", "Xã Phú Hữu"),
        ("phu huu", "Xã Phú Hữu"),
        ("Phương Bình", "Xã Phương Bình"),  # starts like "Phường"
        ("phuong binh", "Xã Phương Bình"),
        ("Xã Phương Bình", "Xã Phương Bình"),
        ("Xà Phiên", "Xã Xà Phiên"),  # starts like "Xã"
        ("xa phien", "Xã Xà Phiên"),
        ("Xã Xà Phiên", "Xã Xà Phiên"),
        ("Ô Môn", "Phường Ô Môn"),
        ("o mon", "Phường Ô Môn"),
    ],
)
def test_near_collisions_resolve_exactly(
    can_tho: CommuneDirectory, typed: str, official: str
) -> None:
    found = can_tho.resolve(typed)
    assert found.error is None, found
    assert found.commune is not None
    assert found.commune.name == official


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("Xã Ninh Kiều", "Phường Ninh Kiều"),
        ("Phường Long Phú", "Xã Long Phú"),  # not "Phường Long Phú 1"
        ("Phường Vị Thanh 1", "Xã Vị Thanh 1"),
    ],
)
def test_wrong_kind_is_an_error_suggesting_the_right_one(
    can_tho: CommuneDirectory, typed: str, right: str
) -> None:
    found = can_tho.resolve(typed)
    assert found.commune is None
    assert found.error == "commune_unknown"
    assert right in found.suggestions


def test_an_old_name_of_the_wrong_kind_is_the_old_unit(can_tho: CommuneDirectory) -> None:
    """ "Xã Vị Thanh" was a commune of old Hậu Giang, merged whole into Xã Vị Thanh 1 in 2025."""
    found = can_tho.resolve("Xã Vị Thanh")
    assert found.commune is not None
    assert found.commune.name == "Xã Vị Thanh 1"
    assert found.old is not None
    assert found.old_names == "Xã Vị Thanh, Huyện Vị Thủy, Tỉnh Hậu Giang"


@pytest.mark.parametrize("typed", ["Phường Ninh Kiu", "Ninh Kiu", "Phường Ninh Kiềuu"])
def test_typo_is_never_resolved_silently(can_tho: CommuneDirectory, typed: str) -> None:
    found = can_tho.resolve(typed)
    assert found.commune is None
    assert found.error == "commune_unknown"
    assert "Phường Ninh Kiều" in found.suggestions
    issue = Issue(
        "Đại sứ số",
        5,
        "Xã/Phường",
        typed,
        found.error,
        {"province": can_tho.province, "suggestions": found.suggestions},
    )
    message = issue_message(issue)
    assert "Phường Ninh Kiều" in message and typed in message
    assert "Phường Ninh Kiều" in issue_message(issue, "en")


def test_nonsense_has_an_error_and_no_far_fetched_suggestion(can_tho: CommuneDirectory) -> None:
    found = can_tho.resolve("Hà Nội 123 xyz")
    assert found.commune is None
    assert found.error == "commune_unknown"
    assert found.suggestions == ()


def test_commune_of_another_province(can_tho: CommuneDirectory) -> None:
    found = can_tho.resolve("Phường Sài Gòn")
    assert found.commune is None
    assert found.error == "commune_other_province"
    assert found.other_province == "Thành phố Hồ Chí Minh"
    issue = Issue(
        "Đại sứ số",
        3,
        "Xã/Phường",
        "Phường Sài Gòn",
        found.error,
        {
            "province": can_tho.province,
            "other": found.other_province,
            "suggestions": found.suggestions,
        },
    )
    assert "Thành phố Hồ Chí Minh" in issue_message(issue)


@pytest.mark.parametrize("typed", ["P. Sài Gòn", "Sài Gòn", "sai gon"])
def test_commune_of_another_province_typed_short(can_tho: CommuneDirectory, typed: str) -> None:
    found = can_tho.resolve(typed)
    assert found.commune is None
    assert found.error == "commune_other_province"
    assert found.other_province == "Thành phố Hồ Chí Minh"


@pytest.mark.parametrize("typed", ["Tan Thanh", "tan thanh", "TAN THANH", "Xa Tan Thanh"])
def test_accentless_name_matching_two_communes_is_ambiguous(
    tay_ninh: CommuneDirectory, typed: str
) -> None:
    found = tay_ninh.resolve(typed)
    assert found.commune is None
    assert found.error == "commune_ambiguous"
    assert {"Xã Tân Thành", "Xã Tân Thạnh"} <= set(found.suggestions)
    issue = Issue(
        "Đại sứ số",
        2,
        "Xã/Phường",
        typed,
        found.error,
        {"province": tay_ninh.province, "suggestions": found.suggestions},
    )
    message = issue_message(issue)
    assert "Xã Tân Thành" in message and "Xã Tân Thạnh" in message


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Tân Thành", "Xã Tân Thành"),
        ("Tân Thạnh", "Xã Tân Thạnh"),
        ("Xã Tân Thành", "Xã Tân Thành"),
    ],
)
def test_accented_name_resolves_exactly_despite_accentless_twin(
    tay_ninh: CommuneDirectory, typed: str, official: str
) -> None:
    found = tay_ninh.resolve(typed)
    assert found.error is None
    assert found.commune is not None and found.commune.name == official


def test_resolution_is_stable_across_calls(can_tho: CommuneDirectory) -> None:
    first = can_tho.resolve("p ninh kieu")
    assert can_tho.resolve("p ninh kieu") == first
    assert can_tho.resolve("Vị Thanh 1") != can_tho.resolve("Vị Thanh")


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("Long Phù", "Xã Long Phú"),  # grave for acute
        ("Cài Khế", "Phường Cái Khế"),
        ("Nính Kiều", "Phường Ninh Kiều"),
        # "Tân Thành" is no longer here: it is an old commune of Hậu Giang (now Phường Đại Thành).
    ],
)
def test_wrong_accents_are_never_matched(can_tho: CommuneDirectory, typed: str, right: str) -> None:
    found = can_tho.resolve(typed)
    assert found.commune is None
    assert found.error == "commune_unknown"
    assert right in found.suggestions


@pytest.mark.parametrize(
    ("typed", "official"),
    [("Gia Hoà", "Xã Gia Hòa"), ("Xã Gia Hoà", "Xã Gia Hòa"), ("Khánh Hoà", "Phường Khánh Hòa")],
)
def test_old_and_new_tone_placement_agree(
    can_tho: CommuneDirectory, typed: str, official: str
) -> None:
    found = can_tho.resolve(typed)
    assert found.commune is not None and found.commune.name == official


@pytest.mark.parametrize(
    ("typed", "official"),
    [("Tan Thành", "Xã Tân Thành"), ("Tân Thanh", None)],
)
def test_one_accented_syllable_is_enough_to_choose(
    tay_ninh: CommuneDirectory, typed: str, official: str | None
) -> None:
    found = tay_ninh.resolve(typed)
    if official is None:
        assert found.error == "commune_ambiguous"
    else:
        assert found.commune is not None and found.commune.name == official


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Trần Đe", "Xã Trần Đề"),
        ("Xã Hồ Đac Kien", "Xã Hồ Đắc Kiện"),
        ("Mỹ Phươc", "Xã Mỹ Phước"),
        ("Phường Cái Khê", "Phường Cái Khế"),
    ],
)
def test_partially_accented_syllable_is_missing_accents_not_wrong_ones(
    can_tho: CommuneDirectory, typed: str, official: str
) -> None:
    from rules.values.text import fold

    bare = can_tho.resolve(fold(typed))  # the same text with no accents at all resolves
    assert bare.commune is not None and bare.commune.name == official
    found = can_tho.resolve(typed)
    assert found.commune is not None and found.commune.name == official
