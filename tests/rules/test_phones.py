"""rules.values.phones: every form teams type is stored as a 10-digit national number."""

from __future__ import annotations

import pytest

from rules.values.phones import OLD_MOBILE_PREFIXES, mask_phone, normalize_phone


@pytest.mark.parametrize(
    "typed",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "(+84) 912345678",
        "0084 912 345 678",
        " 0912 345 678 ",
        912345678,  # a number cell that lost its leading zero
        912345678.0,  # the same cell read as a float
    ],
)
def test_accepted_forms_store_the_national_number(typed: object) -> None:
    result = normalize_phone(typed)
    assert result.number == "0912345678"
    assert result.error is None
    assert result.warning is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01681234567", "0381234567"),
        ("01201234567", "0701234567"),
        ("01231234567", "0831234567"),
        ("01861234567", "0561234567"),
        ("01991234567", "0591234567"),
        ("0168 123 4567", "0381234567"),
        ("+84 168 123 4567", "0381234567"),
        (1681234567, "0381234567"),  # int cell that lost its zero
        (1681234567.0, "0381234567"),
    ],
)
def test_pre_2018_numbers_convert_with_a_warning(typed: object, expected: str) -> None:
    result = normalize_phone(typed)
    assert result.number == expected
    assert result.error is None
    assert result.warning == "phone_converted"
    assert result.original.startswith("01") and len(result.original) == 11
    assert result.original[4:] == expected[3:]  # the subscriber digits are kept


@pytest.mark.parametrize(("old", "new"), sorted(OLD_MOBILE_PREFIXES.items()))
def test_every_old_prefix_converts_to_a_valid_current_number(old: str, new: str) -> None:
    result = normalize_phone(old + "2345678")
    assert result.number == new + "2345678"
    assert result.warning == "phone_converted"
    # The converted number is itself a valid current mobile number.
    again = normalize_phone(result.number)
    assert again.number == result.number and again.warning is None


def test_bad_prefix() -> None:
    result = normalize_phone("0112345678")
    assert result.number is None
    assert result.error == "phone_bad_prefix"


def test_eleven_digits_with_unknown_old_prefix_is_bad_prefix() -> None:
    # 0170… was never a mobile prefix: not silently "converted".
    result = normalize_phone("01701234567")
    assert result.number is None
    assert result.error == "phone_bad_prefix"


@pytest.mark.parametrize("typed", ["091234567", "09123456789", "0912345", "091234567890123"])
def test_bad_length_is_rejected(typed: str) -> None:
    result = normalize_phone(typed)
    assert result.number is None
    assert result.error in {"phone_invalid", "phone_bad_prefix"}


@pytest.mark.parametrize(
    "typed",
    ["0912abc678", "không có", "abc", "+1 912 345 678", "", True, None, -912345678, 9.5e8 + 0.5],
)
def test_letters_and_nonsense_are_invalid(typed: object) -> None:
    result = normalize_phone(typed)
    assert result.number is None
    assert result.error == "phone_invalid"


@pytest.mark.parametrize("typed", ["0292 3812 345", "02923812345", "0292.3812.345"])
def test_landline_only_when_allowed(typed: str) -> None:
    refused = normalize_phone(typed)
    assert refused.number is None
    assert refused.error == "phone_landline"
    accepted = normalize_phone(typed, allow_landline=True)
    assert accepted.number == "02923812345"
    assert accepted.error is None


def test_allow_landline_does_not_change_mobiles() -> None:
    assert normalize_phone("0912 345 678", allow_landline=True).number == "0912345678"


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("0912345678", "*******678"),
        ("01681234567", "********567"),
        ("0912 345 678", "**** *** 678"),
    ],
)
def test_mask_phone_keeps_only_last_three_digits(number: str, masked: str) -> None:
    assert mask_phone(number) == masked
    digits = [ch for ch in mask_phone(number) if ch.isdigit()]
    assert len(digits) == 3
