"""rules.values.old_communes: names from before the July 2025 merger, from the library's data."""

from __future__ import annotations

from collections import Counter

import pytest
import vietnam_provinces
from vietnam_provinces import Province, Ward

from rules.values.old_communes import OldCommunes, find_province_2025


@pytest.fixture(scope="module")
def can_tho() -> OldCommunes:
    return OldCommunes.for_province("Cần Thơ")


def test_pinned_vietnam_provinces_data() -> None:
    """Codes changed between data versions: the one pinned is the one every Python installs."""
    assert vietnam_provinces.__data_version__ == "2025-10-18"
    can_tho = Province.from_code(92)  # type: ignore[arg-type]
    assert can_tho.name == "Thành phố Cần Thơ"
    wards = list(Ward.iter_by_province(can_tho.code))
    assert len(wards) == 103
    assert Counter(w.division_type.value for w in wards) == {"xã": 72, "phường": 31}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        (23425, "Xã Tu Mơ Rông"),
        (2269, "Xã Thượng Lâm"),
        (2266, "Xã Lâm Bình"),
        (31135, "Phường Ninh Kiều"),
    ],
)
def test_ward_codes_shown_in_the_library_readme(code: int, name: str) -> None:
    assert Ward.from_code(code).name == name  # type: ignore[arg-type]


def test_old_units_of_can_tho_come_from_three_old_provinces(can_tho: OldCommunes) -> None:
    assert Counter(u.province for u in can_tho.units) == {
        "Thành phố Cần Thơ": 80,
        "Tỉnh Hậu Giang": 75,
        "Tỉnh Sóc Trăng": 108,
    }
    assert {u.kind for u in can_tho.units} == {"xã", "phường", "thị trấn"}
    current = {int(w.code) for w in Ward.iter_by_province(Province.from_code(92).code)}  # type: ignore[arg-type]
    assert all(n.code in current for u in can_tho.units for n in u.into)


@pytest.mark.parametrize(
    ("typed", "old", "new"),
    [
        ("Thị trấn Cờ Đỏ", "Thị trấn Cờ Đỏ", (31261, "Xã Cờ Đỏ")),
        ("TT Cờ Đỏ", "Thị trấn Cờ Đỏ", (31261, "Xã Cờ Đỏ")),
        ("tt. co do", "Thị trấn Cờ Đỏ", (31261, "Xã Cờ Đỏ")),
        ("Thị trấn Thạnh An", "Thị trấn Thạnh An", (31231, "Xã Thạnh An")),
        ("Phường An Hòa", "Phường An Hòa", (31120, "Phường Cái Khế")),
        ("P. An Hoà", "Phường An Hòa", (31120, "Phường Cái Khế")),
        ("Xã Trung An", "Xã Trung An", (31217, "Phường Trung Nhứt")),
        ("Thị trấn Ngã Sáu", "Thị trấn Ngã Sáu", (31366, "Xã Châu Thành")),  # old Hậu Giang
    ],
)
def test_merged_whole_into_one_unit(
    can_tho: OldCommunes, typed: str, old: str, new: tuple[int, str]
) -> None:
    found = can_tho.find(typed)
    assert found is not None
    assert found.whole
    assert [u.name for u in found.units] == [old]
    assert [(n.code, n.name) for n in found.into] == [new]


def test_split_across_units_lists_them(can_tho: OldCommunes) -> None:
    found = can_tho.find("Phường Bùi Hữu Nghĩa")
    assert found is not None
    assert not found.whole
    assert [(n.code, n.name) for n in found.into] == [
        (31120, "Phường Cái Khế"),
        (31168, "Phường Bình Thủy"),
    ]


def test_one_name_in_two_old_districts_lists_every_unit(can_tho: OldCommunes) -> None:
    found = can_tho.find("Phường 1")
    assert found is not None
    assert not found.whole
    assert {u.province for u in found.units} == {"Tỉnh Sóc Trăng"}
    assert len(found.into) == 3


@pytest.mark.parametrize("typed", ["Atlantis", "Thị trấn Cớ Đỏ", "Phường Ân Hòa"])
def test_unknown_or_wrongly_accented_names_find_nothing(can_tho: OldCommunes, typed: str) -> None:
    assert can_tho.find(typed) is None


@pytest.mark.parametrize(
    ("typed", "province"),
    [
        ("Cần Thơ", "Thành phố Cần Thơ"),
        ("TP. Cần Thơ", "Thành phố Cần Thơ"),
        ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("TPHCM", "Thành phố Hồ Chí Minh"),
        ("HCM", "Thành phố Hồ Chí Minh"),
        ("Sài Gòn", "Thành phố Hồ Chí Minh"),
        ("Huế", "Thành phố Huế"),
        ("Tây Ninh", "Tây Ninh"),
    ],
)
def test_province_aliases(typed: str, province: str) -> None:
    assert find_province_2025(typed) == find_province_2025(province)
    match = find_province_2025(typed)
    assert match is not None
    assert (match.name, match.merged_from) == (province, "")


@pytest.mark.parametrize(
    ("typed", "province", "old"),
    [
        ("Hậu Giang", "Thành phố Cần Thơ", "Tỉnh Hậu Giang"),
        ("tinh soc trang", "Thành phố Cần Thơ", "Tỉnh Sóc Trăng"),
        ("Bình Dương", "Thành phố Hồ Chí Minh", "Tỉnh Bình Dương"),
    ],
)
def test_old_provinces_name_the_2025_province(typed: str, province: str, old: str) -> None:
    match = find_province_2025(typed)
    assert match is not None
    assert (match.name, match.merged_from) == (province, old)


def test_unknown_province() -> None:
    assert find_province_2025("Atlantis") is None
    assert find_province_2025("") is None
    with pytest.raises(ValueError):
        OldCommunes.for_province("Hậu Giang")


def test_every_2025_province_has_its_old_units() -> None:
    for province in Province.iter_all():
        units = OldCommunes.for_province(province.name).units
        assert len(units) > 50, province.name
