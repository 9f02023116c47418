"""Pydantic schemas of a clean entry row, one per entry tab.

They are NamedTuples, which pydantic validates natively: a tab of 100,000 rows is
checked column by column in pydantic-core (see `rules.parse`) and its rows are
built in C, instead of one model object validated per row.
Values arrive already normalised; the schema enforces types and ranges, and its
errors become issues with stable codes.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple

from pydantic import Field

from rules.issues import IssueCode


class Role(StrEnum):
    LEADER = "Tổ trưởng"
    DEPUTY = "Tổ phó"
    MEMBER = "Thành viên"


class Gender(StrEnum):
    MALE = "Nam"
    FEMALE = "Nữ"
    OTHER = "Khác"


RoleName = Literal["Tổ trưởng", "Tổ phó", "Thành viên"]
GenderName = Literal["Nam", "Nữ", "Khác"]


class Member(NamedTuple):
    row: int  # spreadsheet row number
    team: str  # team key: trimmed, case-folded
    name: str
    role: RoleName
    organisation: str | None
    phone: str | None
    email: str | None


class Assignment(NamedTuple):
    row: int
    team: str
    commune: int  # official commune code
    quota: Annotated[int, Field(ge=0)] | None


class HamletRow(NamedTuple):
    row: int
    commune: int
    hamlet: str  # the hamlet's name as listed
    quota: Annotated[int, Field(ge=0)] | None


class Ambassador(NamedTuple):
    row: int
    name: str
    birth_year: int | None
    gender: GenderName | None
    phone: str
    commune: int
    hamlet: str | None
    occupation: str | None
    team: str
    recognised_on: date
    note: str | None


class Training(NamedTuple):
    row: int
    held_on: date
    team: str
    commune: int
    topic: str | None
    participants: Annotated[int, Field(ge=1, le=10000)]
    hours: Annotated[float, Field(gt=0, le=24)] | None


# Which issue code a schema range error on a field becomes.
RANGE_CODES = {
    "quota": IssueCode.QUOTA_OUT_OF_RANGE,
    "participants": IssueCode.PARTICIPANTS_OUT_OF_RANGE,
    "hours": IssueCode.HOURS_OUT_OF_RANGE,
}
