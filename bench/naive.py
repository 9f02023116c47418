"""The baseline: the sync script a typical gspread user writes for the same spreadsheet.

It is deliberately ordinary, not a straw man: one `open_by_key`, `get_all_records()` per
entry tab (with `numericise_ignore=["all"]` so phone numbers keep their leading zero), a
plain pydantic model per tab validated row by row, per-team / per-commune counts with
dicts, then for each summary tab `worksheet()` (or `add_worksheet`), `clear()` and
`update()`, and an `append_row` to the log. No commune resolution, no cross-row checks
beyond a duplicate-phone set: it does less work than daisuso, and more HTTP requests.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any, Literal

import gspread
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

SUMMARY_TABS = ("Tổng hợp", "Theo tổ", "Theo xã", "Cảnh báo", "Lỗi dữ liệu")
LOG_TAB = "Nhật ký"


def _blank_to_none(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: (None if v == "" else v) for k, v in data.items()}
    return data


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return value


def _phone(value: Any) -> Any:
    if value is None:
        return value
    digits = re.sub(r"\D", "", str(value))
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    elif len(digits) == 9:
        digits = "0" + digits
    return digits


class Member(BaseModel):
    team: str = Field(alias="Mã tổ", min_length=1)
    name: str = Field(alias="Họ và tên", min_length=1)
    role: Literal["Tổ trưởng", "Tổ phó", "Thành viên"] = Field(alias="Vai trò")
    org: str | None = Field(default=None, alias="Đơn vị công tác")
    phone: str | None = Field(default=None, alias="Số điện thoại", pattern=r"^0\d{9}$")
    email: str | None = Field(default=None, alias="Email", pattern=r"^[^@\s]+@[^@\s]+\.\w+$")

    _blanks = model_validator(mode="before")(_blank_to_none)
    _phone = field_validator("phone", mode="before")(_phone)


class Assignment(BaseModel):
    team: str = Field(alias="Mã tổ", min_length=1)
    commune: str = Field(alias="Xã/Phường", min_length=1)
    quota: int | None = Field(default=None, alias="Chỉ tiêu", ge=0)

    _blanks = model_validator(mode="before")(_blank_to_none)


class Ambassador(BaseModel):
    name: str = Field(alias="Họ và tên", min_length=1)
    birth_year: int | None = Field(default=None, alias="Năm sinh", ge=1925, le=2010)
    gender: Literal["Nam", "Nữ", "Khác"] | None = Field(default=None, alias="Giới tính")
    phone: str = Field(alias="Số điện thoại", pattern=r"^0\d{9}$")
    commune: str = Field(alias="Xã/Phường", min_length=1)
    hamlet: str | None = Field(default=None, alias="Ấp/Khu vực")
    occupation: str | None = Field(default=None, alias="Nghề nghiệp/Chức vụ")
    team: str = Field(alias="Mã tổ", min_length=1)
    recognised: date = Field(alias="Ngày công nhận")
    note: str | None = Field(default=None, alias="Ghi chú")

    _blanks = model_validator(mode="before")(_blank_to_none)
    _phone = field_validator("phone", mode="before")(_phone)
    _date = field_validator("recognised", mode="before")(_parse_date)


class Training(BaseModel):
    day: date = Field(alias="Ngày")
    team: str = Field(alias="Mã tổ", min_length=1)
    commune: str = Field(alias="Xã/Phường", min_length=1)
    topic: str | None = Field(default=None, alias="Nội dung")
    participants: int = Field(alias="Số người tham dự", ge=1, le=10000)
    hours: float | None = Field(default=None, alias="Số giờ", gt=0, le=24)

    _blanks = model_validator(mode="before")(_blank_to_none)
    _date = field_validator("day", mode="before")(_parse_date)


MODELS: dict[str, type[BaseModel]] = {
    "Tổ": Member,
    "Phân công": Assignment,
    "Đại sứ số": Ambassador,
    "Tập huấn": Training,
}


def _validate(tab: str, records: list[dict[str, Any]], errors: list[list[Any]]) -> list[Any]:
    model = MODELS[tab]
    good: list[Any] = []
    for i, record in enumerate(records, start=2):
        try:
            good.append(model(**record))
        except ValidationError as exc:
            for err in exc.errors():
                errors.append([tab, i, str(err["loc"][0]) if err["loc"] else "", err["msg"]])
    return good


def _worksheet(sh: gspread.Spreadsheet, title: str, rows: int, cols: int) -> gspread.Worksheet:
    try:
        return sh.worksheet(title)
    except gspread.WorksheetNotFound:
        return sh.add_worksheet(title, rows=max(rows, 100), cols=max(cols, 26))


def run_naive(
    gc: gspread.Client, key: str, *, start: date, deadline: date, today: date, quota: int = 20
) -> dict[str, int]:
    """One naive sync; returns a few counts (so the work cannot be optimised away)."""
    sh = gc.open_by_key(key)
    errors: list[list[Any]] = []
    data: dict[str, list[Any]] = {}
    for tab in MODELS:
        records = sh.worksheet(tab).get_all_records(numericise_ignore=["all"])
        data[tab] = _validate(tab, records, errors)

    leaders: dict[str, str] = {}
    deputies: dict[str, str] = {}
    for m in data["Tổ"]:
        if m.role == "Tổ trưởng":
            leaders[m.team] = m.name
        elif m.role == "Tổ phó":
            deputies[m.team] = m.name
    team_quota: Counter[str] = Counter()
    commune_team: dict[str, str] = {}
    commune_quota: dict[str, int] = {}
    for a in data["Phân công"]:
        q = a.quota if a.quota is not None else quota
        team_quota[a.team] += q
        commune_team[a.commune] = a.team
        commune_quota[a.commune] = q
    seen: set[str] = set()
    team_count: Counter[str] = Counter()
    commune_count: Counter[str] = Counter()
    hamlets: defaultdict[str, set[str]] = defaultdict(set)
    for amb in data["Đại sứ số"]:
        if amb.phone in seen:
            continue
        seen.add(amb.phone)
        team_count[amb.team] += 1
        commune_count[amb.commune] += 1
        if amb.hamlet:
            hamlets[amb.commune].add(amb.hamlet)
    sessions: Counter[str] = Counter()
    trained: Counter[str] = Counter()
    for t in data["Tập huấn"]:
        sessions[t.team] += 1
        trained[t.team] += t.participants

    frac = min(1.0, max(0.0, (today - start).days / (deadline - start).days))
    team_rows: list[list[Any]] = [
        [
            "Mã tổ",
            "Tổ trưởng",
            "Tổ phó",
            "Chỉ tiêu",
            "Đã có",
            "Kỳ vọng",
            "Buổi",
            "Người",
            "Trạng thái",
        ]
    ]
    alerts: list[list[Any]] = [["Mức độ", "Mã tổ", "Xã/Phường", "Nội dung"]]
    for team in sorted(set(team_quota) | set(leaders)):
        q, c = team_quota[team], team_count[team]
        exp = math.ceil(q * frac)
        state = "Đạt" if c >= q else ("Đúng tiến độ" if c >= exp * 0.8 else "Chậm tiến độ")
        team_rows.append(
            [team, leaders.get(team, ""), deputies.get(team, ""), q, c, exp,
             sessions[team], trained[team], state]
        )  # fmt: skip
        if state == "Chậm tiến độ":
            alerts.append(["Cao", team, "", f"Đã có {c}/{q}, kỳ vọng {exp} đến nay"])
    commune_rows: list[list[Any]] = [["Xã/Phường", "Mã tổ", "Chỉ tiêu", "Đã có", "Số ấp"]]
    for commune in sorted(set(commune_team) | set(commune_count)):
        commune_rows.append(
            [commune, commune_team.get(commune, ""), commune_quota.get(commune, ""),
             commune_count[commune], len(hamlets[commune])]
        )  # fmt: skip
    valid = sum(team_count.values())
    dashboard = [
        ["Chỉ số", "Giá trị"],
        ["Đại sứ số hợp lệ", valid],
        ["Tổng chỉ tiêu", sum(team_quota.values())],
        ["Số dòng có lỗi", len({(e[0], e[1]) for e in errors})],
        ["Đồng bộ lần cuối", datetime.now().strftime("%d/%m/%Y %H:%M")],
    ]
    issues = [["Tab", "Dòng", "Cột", "Nội dung"], *errors]
    tables = dict(
        zip(SUMMARY_TABS, (dashboard, team_rows, commune_rows, alerts, issues), strict=True)
    )
    for title, rows in tables.items():
        ws = _worksheet(sh, title, len(rows) + 10, len(rows[0]))
        ws.clear()
        ws.update(rows, "A1")
    log = _worksheet(sh, LOG_TAB, 100, 7)
    rows_read = sum(len(v) for v in data.values()) + len({(e[0], e[1]) for e in errors})
    log.append_row([datetime.now().strftime("%d/%m/%Y %H:%M:%S"), "OK", rows_read, len(errors)])
    return {"valid": valid, "errors": len(errors)}
