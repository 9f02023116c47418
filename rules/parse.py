"""Entry grids → clean rows (pydantic models) and issues naming tab, row and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from rules.campaign import Campaign
from rules.communes import CommuneDirectory
from rules.dates import DateResult, parse_birth_year, parse_date
from rules.issues import WARNING_CODES, Issue
from rules.models import RANGE_CODES, Ambassador, Assignment, Member, Training
from rules.phones import normalize_phone
from rules.schema import (
    AMBASSADORS,
    ASSIGNMENTS,
    MEMBERS,
    TRAININGS,
    HeaderMap,
    TabSpec,
    column_letter,
    is_blank,
)
from rules.tables import RawCell
from rules.text import cell_text
from rules.values import parse_gender, parse_int, parse_number, parse_role, team_key, valid_email

M = TypeVar("M", bound=BaseModel)


@dataclass
class TabRows(Generic[M]):
    spec: TabSpec
    rows: list[M] = field(default_factory=list)  # rows without errors
    issues: list[Issue] = field(default_factory=list)
    rows_read: int = 0  # non-blank data rows
    teams: dict[str, str] = field(default_factory=dict)  # Tổ only: team key -> code as first typed
    team_rows: dict[str, int] = field(default_factory=dict)  # Tổ only: team key -> its first row


@dataclass
class Context:
    campaign: Campaign
    directory: CommuneDirectory
    today: date
    _dates: dict[object, DateResult] = field(default_factory=dict)

    def date(self, raw: RawCell) -> DateResult:
        key = (type(raw), raw)  # 1 and 1.0 and True must not share a cache entry
        found = self._dates.get(key)
        if found is None:
            found = self._dates[key] = parse_date(raw)
        return found


class _Row:
    """One spreadsheet row being read: raw access by field, issues, and the clean values."""

    __slots__ = ("cells", "columns", "issues", "number", "ok", "spec", "values")

    def __init__(
        self, spec: TabSpec, columns: dict[str, int], cells: Sequence[RawCell], number: int
    ):
        self.spec, self.columns, self.cells, self.number = spec, columns, cells, number
        self.issues: list[Issue] = []
        self.values: dict[str, Any] = {"row": number}
        self.ok = True

    def raw(self, name: str) -> RawCell:
        index = self.columns.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def flag(self, name: str, code: str, *, personal: bool = False, **params: object) -> None:
        column = self.spec.column(name).vi
        value = cell_text(self.raw(name))
        self.issues.append(
            Issue(self.spec.title, self.number, column, value, code, params, personal)
        )
        self.ok = self.ok and code in WARNING_CODES

    def text(self, name: str) -> str | None:
        """Normalised text, or None (flagged when the column is required)."""
        value = cell_text(self.raw(name))
        if value:
            self.values[name] = value
            return value
        if self.spec.column(name).required:
            self.flag(name, "required_missing")
        self.values[name] = None
        return None


def _rows(spec: TabSpec, grid: Sequence[Sequence[RawCell]], header: HeaderMap) -> list[_Row]:
    indexes = list(header.columns.values())
    out = []
    for i in range(header.header_row + 1, len(grid)):
        cells = grid[i]
        if all(is_blank(cells[j]) for j in indexes if j < len(cells)):
            continue  # blank rows are skipped
        out.append(_Row(spec, header.columns, cells, i + 1))
    return out


def _phone(row: _Row, name: str, *, allow_landline: bool) -> None:
    raw = row.raw(name)
    if is_blank(raw):
        row.text(name)
        return
    result = normalize_phone(raw, allow_landline=allow_landline)
    row.values[name] = result.number
    if result.error:
        row.flag(name, result.error, personal=True)
    elif result.warning:
        row.flag(
            name, result.warning, personal=True, original=result.original, number=result.number
        )


def _commune(row: _Row, ctx: Context) -> None:
    text = row.text("commune")
    if text is None:
        return
    found = ctx.directory.resolve(text)
    if found.commune is not None:
        row.values["commune"] = found.commune.code
        return
    row.flag(
        "commune",
        found.error or "commune_unknown",
        province=ctx.directory.province,
        other=found.other_province,
        suggestions=found.suggestions,
    )


def _team(row: _Row) -> None:
    text = row.text("team")
    if text is not None:
        row.values["team"] = team_key(text)


def _date(row: _Row, name: str, ctx: Context) -> None:
    raw = row.raw(name)
    if is_blank(raw):
        row.text(name)
        return
    found = ctx.date(raw)
    row.values[name] = found.value
    if found.value is None:
        row.flag(name, found.error or "date_invalid", suggestion=found.suggestion)
    elif found.value > ctx.today:
        row.flag(name, "date_in_future", date=_dmy(found.value), today=_dmy(ctx.today))
    elif found.value < ctx.campaign.start:
        row.flag(name, "date_before_start", date=_dmy(found.value), start=_dmy(ctx.campaign.start))


def _int(row: _Row, name: str) -> None:
    raw = row.raw(name)
    if is_blank(raw):
        row.text(name)
        return
    row.values[name] = value = parse_int(raw)
    if value is None:
        row.flag(name, "integer_invalid")


def _dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def parse_members(
    grid: Sequence[Sequence[RawCell]], header: HeaderMap, ctx: Context
) -> TabRows[Member]:
    teams: dict[str, str] = {}
    team_rows: dict[str, int] = {}

    def read(row: _Row) -> None:
        _team(row)
        if row.values["team"] is not None:
            teams.setdefault(row.values["team"], cell_text(row.raw("team")))
            team_rows.setdefault(row.values["team"], row.number)
        row.text("name")
        role = row.text("role")
        if role is not None:
            row.values["role"] = parse_role(role)
            if row.values["role"] is None:
                row.flag("role", "role_invalid")
        row.text("organisation")
        _phone(row, "phone", allow_landline=True)
        email = row.text("email")
        if email is not None and not valid_email(email):
            row.flag("email", "email_invalid")

    result = _parse(MEMBERS, Member, grid, header, read)
    result.teams, result.team_rows = teams, team_rows
    return result


def parse_assignments(
    grid: Sequence[Sequence[RawCell]], header: HeaderMap, ctx: Context
) -> TabRows[Assignment]:
    def read(row: _Row) -> None:
        _team(row)
        _commune(row, ctx)
        _int(row, "quota")

    return _parse(ASSIGNMENTS, Assignment, grid, header, read)


def parse_ambassadors(
    grid: Sequence[Sequence[RawCell]], header: HeaderMap, ctx: Context
) -> TabRows[Ambassador]:
    min_year, max_year = ctx.today.year - 100, ctx.today.year - 15

    def read(row: _Row) -> None:
        row.text("name")
        raw_year = row.raw("birth_year")
        row.values["birth_year"] = None
        if not is_blank(raw_year):
            year = parse_birth_year(raw_year)
            if year is None:
                row.flag("birth_year", "birth_year_invalid")
            elif not min_year <= year <= max_year:
                row.flag(
                    "birth_year",
                    "birth_year_out_of_range",
                    year=year,
                    min_year=min_year,
                    max_year=max_year,
                )
            else:
                row.values["birth_year"] = year
        gender = row.text("gender")
        if gender is not None:
            row.values["gender"] = parse_gender(gender)
            if row.values["gender"] is None:
                row.flag("gender", "gender_invalid")
        _phone(row, "phone", allow_landline=False)
        _commune(row, ctx)
        row.text("hamlet")
        row.text("occupation")
        _team(row)
        _date(row, "recognised_on", ctx)
        row.values["note"] = cell_text(row.raw("note")) or None  # never validated

    return _parse(AMBASSADORS, Ambassador, grid, header, read)


def parse_trainings(
    grid: Sequence[Sequence[RawCell]], header: HeaderMap, ctx: Context
) -> TabRows[Training]:
    def read(row: _Row) -> None:
        _date(row, "held_on", ctx)
        _team(row)
        _commune(row, ctx)
        row.text("topic")
        _int(row, "participants")
        raw_hours = row.raw("hours")
        row.values["hours"] = None
        if not is_blank(raw_hours):
            row.values["hours"] = hours = parse_number(raw_hours)
            if hours is None:
                row.flag("hours", "number_invalid")

    return _parse(TRAININGS, Training, grid, header, read)


def _parse(
    spec: TabSpec,
    model: type[M],
    grid: Sequence[Sequence[RawCell]],
    header: HeaderMap,
    read: Callable[[_Row], None],
) -> TabRows[M]:
    result: TabRows[M] = TabRows(spec)
    for name, index in header.duplicates:
        column = spec.column(name).vi
        result.issues.append(
            Issue(spec.title, header.header_row + 1, column, column, "duplicate_column",
                  {"letter": column_letter(index)})
        )  # fmt: skip
    clean: list[_Row] = []
    rows = _rows(spec, grid, header)
    for row in rows:
        read(row)
        result.issues.extend(row.issues)
        if row.ok:
            clean.append(row)
    result.rows_read = len(rows)
    result.rows = _validate(model, clean, result.issues)
    return result


@lru_cache(maxsize=8)
def _adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _validate(model: type[M], rows: list[_Row], issues: list[Issue]) -> list[M]:
    """Check the clean values against the schema in one pydantic-core call."""
    adapter = _adapter(model)
    data = [row.values for row in rows]
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        bad: set[int] = set()
        for error in exc.errors():
            index, name = int(error["loc"][0]), str(error["loc"][1])
            rows[index].flag(name, RANGE_CODES.get(name, "number_invalid"))
            issues.append(rows[index].issues[-1])
            bad.add(index)
        kept = [values for i, values in enumerate(data) if i not in bad]
        return adapter.validate_python(kept)
