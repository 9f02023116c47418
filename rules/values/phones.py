"""Vietnamese phone numbers: every form teams type, stored as 10-digit national numbers.

Validity and carrier ranges come from the `phonenumbers` metadata; only the 2018
conversion of 11-digit mobile prefixes is written here, because no library carries it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneNumberType

from rules.issues import IssueCode

# Decree of 2018 (Bộ TT&TT): 11-digit mobile prefixes moved to 10 digits.
OLD_MOBILE_PREFIXES: dict[str, str] = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036",
    "0167": "037", "0168": "038", "0169": "039",
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-()/_]+")


@lru_cache(maxsize=1)
def _mobile_pattern() -> re.Pattern[str]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region("VN")
    assert meta is not None and meta.mobile is not None
    assert meta.mobile.national_number_pattern is not None
    return re.compile(meta.mobile.national_number_pattern)


class PhoneResult(NamedTuple):
    number: str | None  # "0912345678" when accepted
    error: IssueCode | None = None  # issue code when rejected
    warning: IssueCode | None = None  # issue code when accepted with a change worth telling
    original: str = ""  # the 11-digit number a warning refers to


def _digits(value: object) -> str | None:
    """The digits a person meant, or None when the cell cannot be a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and value >= 0 else None
    text = _SEPARATORS.sub("", str(value))
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("84"):
            return None
    elif text.startswith("0084"):
        text = text[2:]
    return text if text.isdigit() else None


def _national(digits: str) -> str:
    if digits.startswith("84") and len(digits) in (11, 12):
        rest = digits[2:]
        return rest if rest.startswith("0") else "0" + rest
    if digits.startswith("0"):
        return digits
    return "0" + digits  # a number cell that lost its leading zero


def is_plain_mobile(value: str) -> bool:
    """The common, well-formed case ("0912345678"), checked without building anything."""
    return (
        len(value) == 10
        and value[0] == "0"
        and value.isdigit()
        and _mobile_pattern().fullmatch(value, 1) is not None
    )


def normalize_phone(value: object, *, allow_landline: bool = False) -> PhoneResult:
    if isinstance(value, str) and is_plain_mobile(value):
        return PhoneResult(value)
    digits = _digits(value)
    if digits is None or not 9 <= len(digits) <= 13:
        return PhoneResult(None, error=IssueCode.PHONE_INVALID)
    national = _national(digits)
    if len(national) == 10:
        if _mobile_pattern().fullmatch(national[1:]):
            return PhoneResult(national)
        return PhoneResult(None, error=IssueCode.PHONE_BAD_PREFIX)
    if len(national) == 11 and national.startswith("01"):
        new_prefix = OLD_MOBILE_PREFIXES.get(national[:4])
        if new_prefix is None:
            return PhoneResult(None, error=IssueCode.PHONE_BAD_PREFIX)
        return PhoneResult(
            new_prefix + national[4:], warning=IssueCode.PHONE_CONVERTED, original=national
        )
    if len(national) == 11 and national.startswith("02"):
        if not _is_landline(national):
            return PhoneResult(None, error=IssueCode.PHONE_BAD_PREFIX)
        if not allow_landline:
            return PhoneResult(None, error=IssueCode.PHONE_LANDLINE)
        return PhoneResult(national)
    return PhoneResult(None, error=IssueCode.PHONE_INVALID)


@lru_cache(maxsize=4096)
def _is_landline(national: str) -> bool:
    try:
        parsed = phonenumbers.parse(national, "VN")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in (
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def mask_phone(number: str) -> str:
    """Hide all but the last 3 digits: personal data stays out of shared tabs and logs."""
    digits = [ch for ch in number if ch.isdigit()]
    if len(digits) <= 3:
        return "*" * len(number)
    keep = 3
    out: list[str] = []
    for ch in reversed(number):
        if ch.isdigit() and keep > 0:
            out.append(ch)
            keep -= 1
        elif ch.isdigit() or ch.isalnum():
            out.append("*")
        else:
            out.append(ch)
    return "".join(reversed(out))


# A phone-like run of digits anywhere in free text: 9 digits or more, with the usual separators.
_PHONE_IN_TEXT = re.compile(r"\+?\d(?:[\s.\-]?\d){8,}")


def mask_phones_in_text(text: str) -> str:
    """Mask every phone-like number in `text`, whichever column it was typed into."""
    if sum(ch.isdigit() for ch in text) < 9:
        return text
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)
