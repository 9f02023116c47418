"""Pydantic schemas of a clean entry row, one per entry tab.

Values arrive already normalised (see `rules.parse`); the schema then enforces
types and ranges, and its errors become issues with stable codes.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Role(StrEnum):
    LEADER = "Tổ trưởng"
    DEPUTY = "Tổ phó"
    MEMBER = "Thành viên"


class Gender(StrEnum):
    MALE = "Nam"
    FEMALE = "Nữ"
    OTHER = "Khác"


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")
    row: int  # spreadsheet row number


class Member(_Row):
    team: str
    name: str
    role: Role
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None


class Assignment(_Row):
    team: str
    commune: int  # official commune code
    quota: Annotated[int, Field(ge=0)] | None = None


class Ambassador(_Row):
    name: str
    birth_year: int | None = None
    gender: Gender | None = None
    phone: str
    commune: int
    hamlet: str | None = None
    occupation: str | None = None
    team: str
    recognised_on: date
    note: str | None = None


class Training(_Row):
    held_on: date
    team: str
    commune: int
    topic: str | None = None
    participants: Annotated[int, Field(ge=1, le=10000)]
    hours: Annotated[float, Field(gt=0, le=24)] | None = None


# Which issue code a schema range error on a field becomes.
RANGE_CODES = {
    "quota": "quota_out_of_range",
    "participants": "participants_out_of_range",
    "hours": "hours_out_of_range",
}
