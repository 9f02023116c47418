"""Small value parsers shared by the entry tabs (numbers, roles, gender, e-mail, team codes)."""

from __future__ import annotations

import re

from rules.models import Gender, Role
from rules.values.text import fold, normalize_text

_THOUSANDS = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")

ROLES = {
    "to truong": Role.LEADER, "truong to": Role.LEADER, "tt": Role.LEADER, "truong": Role.LEADER,
    "leader": Role.LEADER, "team leader": Role.LEADER,
    "to pho": Role.DEPUTY, "pho to": Role.DEPUTY, "tp": Role.DEPUTY, "pho": Role.DEPUTY,
    "deputy": Role.DEPUTY, "deputy leader": Role.DEPUTY,
    "thanh vien": Role.MEMBER, "tv": Role.MEMBER, "member": Role.MEMBER,
}  # fmt: skip
GENDERS = {
    "nam": Gender.MALE, "male": Gender.MALE, "m": Gender.MALE, "nu": Gender.FEMALE,
    "female": Gender.FEMALE, "f": Gender.FEMALE, "khac": Gender.OTHER, "other": Gender.OTHER,
}  # fmt: skip


def parse_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = normalize_text(str(value))
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if _THOUSANDS.fullmatch(text):  # "1.000" is one thousand in Vietnamese
        return int(re.sub(r"\D", "", text))
    return None


def parse_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = normalize_text(str(value)).replace(",", ".")  # "2,5" giờ is 2.5 hours
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def parse_role(text: str) -> Role | None:
    """'Tổ trưởng', 'Trưởng tổ', 'TT', 'T.T', 'leader'; 'Tổ phó', 'Phó tổ', 'TP'; 'Thành viên', 'TV'."""
    key = fold(text)
    return ROLES.get(key) or ROLES.get(re.sub(r"[^a-z ]", "", key).strip())


def parse_gender(text: str) -> Gender | None:
    return GENDERS.get(fold(text))


def valid_email(text: str) -> bool:
    return _EMAIL.fullmatch(text) is not None


def team_key(text: str) -> str:
    """Team codes are compared trimmed and case-insensitively: ' t01' is 'T01'."""
    return text.strip().casefold()
