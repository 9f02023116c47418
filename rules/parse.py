"""Entry grids → clean rows and issues naming tab, row and column.

Work is done column by column: values that repeat (communes, team codes, dates,
roles) are normalised once per distinct raw value, and the schema check runs as
one pydantic-core call per column. A tab of 100,000 rows stays well under a second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import compress, count, repeat
from operator import is_, itemgetter
from typing import Any, get_type_hints

from pydantic import TypeAdapter, ValidationError

from rules.campaign import Campaign
from rules.contract import (
    AMBASSADORS,
    ASSIGNMENTS,
    MEMBERS,
    TRAININGS,
    HeaderMap,
    TabSpec,
    column_letter,
    is_blank,
)
from rules.issues import WARNING_CODES, Issue, IssueCode
from rules.models import RANGE_CODES, Ambassador, Assignment, Member, Training
from rules.tables import RawCell
from rules.values.cells import (
    parse_gender,
    parse_int,
    parse_number,
    parse_role,
    team_key,
    valid_email,
)
from rules.values.communes import CommuneDirectory, Resolution
from rules.values.dates import parse_birth_year, parse_date
from rules.values.legacy import detect_legacy
from rules.values.phones import is_plain_mobile, normalize_phone
from rules.values.text import cell_text

Row = Any  # one of the NamedTuple schemas in rules.models
Grid = Sequence[Sequence[RawCell]]


class Flag:
    """A cell that needs an issue; `value` is kept when it is only a warning."""

    __slots__ = ("code", "params", "personal", "value")

    def __init__(
        self, code: IssueCode, value: object = None, *, personal: bool = False, **params: object
    ) -> None:
        self.code, self.value, self.personal, self.params = code, value, personal, params


@dataclass
class TabRows:
    spec: TabSpec
    rows: list[Row] = field(default_factory=list)  # rows without errors, schema-checked
    issues: list[Issue] = field(default_factory=list)
    rows_read: int = 0  # non-blank data rows
    teams: dict[str, str] = field(default_factory=dict)  # Tổ only: team key -> code as first typed
    team_rows: dict[str, int] = field(default_factory=dict)  # Tổ only: team key -> its first row


@dataclass
class Context:
    """What one evaluation shares across tabs; its caches live and die with it."""

    campaign: Campaign
    directory: CommuneDirectory
    today: date
    communes: dict[str, Resolution] = field(default_factory=dict)

    def resolve_commune(self, text: str) -> Resolution:
        """Each distinct commune text is resolved once per evaluation, whatever the tab."""
        found = self.communes.get(text)
        if found is None:
            found = self.communes[text] = self.directory.resolve(text)
        return found


Parser = Callable[[RawCell], object]


class _Columns:
    """The non-blank data rows of one tab, held column by column."""

    def __init__(self, spec: TabSpec, grid: Grid, header: HeaderMap) -> None:
        self.spec = spec
        mapped = sorted(header.columns.values())
        first = header.header_row + 1
        kept: list[Sequence[RawCell]] = []
        self.numbers: list[int] = []
        lead = mapped[0] if mapped else 0
        for offset, row in enumerate(grid[first:]):
            if not row or not any(row):
                continue
            # Usually the first mapped cell is filled; only otherwise look at the others.
            v = row[lead] if lead < len(row) else None
            if (v.__class__ is str and v and not v.isspace()) or _has_data(row, mapped):
                kept.append(row)
                self.numbers.append(first + offset + 1)
        self.raw: dict[str, list[RawCell]] = {}
        if kept and min(map(len, kept)) > max(mapped):
            transposed = list(zip(*kept, strict=False))  # rectangular: transpose in C
            for name, j in header.columns.items():
                self.raw[name] = list(transposed[j])
        else:
            for name, j in header.columns.items():
                self.raw[name] = [r[j] if j < len(r) else None for r in kept]
        self.size = len(kept)
        self.values: dict[str, list[object]] = {}
        self.bad: set[int] = set()
        self.issues: list[Issue] = []

    def column(self, name: str) -> list[RawCell]:
        return self.raw.get(name) or [None] * self.size

    def apply(self, name: str, parse: Parser, *, cache: bool = True) -> list[object]:
        """Parse a column; issues are recorded and error rows marked bad."""
        raw = self.column(name)
        kinds = set(map(type, raw))
        if cache and not (bool in kinds and len(kinds) > 1):
            # Repeated values (communes, teams, dates, years) are parsed once each; True == 1
            # would merge in a dict, so a column mixing booleans with others is parsed cell by cell.
            table = {v: parse(v) for v in set(raw)}
            out = list(map(table.__getitem__, raw))
        else:
            out = [parse(v) for v in raw]
        for i in compress(count(), map(is_, map(type, out), repeat(Flag))):
            flag = out[i]
            assert isinstance(flag, Flag)
            self.flag(i, name, flag)
            out[i] = flag.value
        self.values[name] = out
        return out

    def flag(self, i: int, name: str, flag: Flag) -> None:
        column = self.spec.column(name)
        issue = Issue(self.spec.title, self.numbers[i], column.vi, cell_text(self.column(name)[i]),
                      flag.code, flag.params, flag.personal)  # fmt: skip
        self.issues.append(issue)
        if issue.is_error:
            self.bad.add(i)

    def rows(self, schema: type) -> list[Row]:
        """Rows without errors, after one schema check per column."""
        bad = self.bad
        good = [i for i in range(self.size) if i not in bad] if bad else list(range(self.size))
        pick = _picker(good)
        hints = _hints(schema)
        checked: dict[str, list[object]] = {"row": pick(self.numbers)}
        for name in hints:
            if name == "row":
                continue
            values = self.values.get(name) or [None] * self.size
            column = pick(values)
            try:
                checked[name] = _column_adapter(schema, name).validate_python(column)
            except ValidationError as exc:
                checked[name] = column
                for error in exc.errors():
                    position = int(error["loc"][0])
                    self.flag(
                        good[position], name, Flag(RANGE_CODES.get(name, IssueCode.NUMBER_INVALID))
                    )
        keep = [k for k, i in enumerate(good) if i not in self.bad]
        columns = [checked[n] for n in hints]
        if len(keep) != len(good):  # the schema check found more errors
            columns = [[c[k] for k in keep] for c in columns]
        return list(map(schema._make, zip(*columns, strict=True)))  # type: ignore[attr-defined]


def _picker(indexes: list[int]) -> Callable[[Sequence[Any]], list[Any]]:
    """Select the same positions from many columns (itemgetter does it in C)."""
    if not indexes:
        return lambda values: []
    if len(indexes) == 1:
        return lambda values: [values[indexes[0]]]
    getter = itemgetter(*indexes)
    return lambda values: list(getter(values))


def _has_data(row: Sequence[RawCell], mapped: list[int]) -> bool:
    size = len(row)
    for j in mapped:  # noqa: SIM110 — a plain loop returns at the first filled cell, faster than any()
        if j < size and not is_blank(row[j]):
            return True
    return False


@lru_cache(maxsize=8)
def _hints(schema: type) -> dict[str, Any]:
    return get_type_hints(schema, include_extras=True)


@lru_cache(maxsize=64)
def _column_adapter(schema: type, name: str) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[_hints(schema)[name]], config={"strict": True})  # type: ignore[arg-type,misc]


# ---- cell parsers: raw cell -> clean value, or a Flag --------------------------------------


def _text(required: bool) -> Parser:
    def parse(raw: RawCell) -> object:
        value = cell_text(raw)
        if value:
            legacy = detect_legacy(value)
            if legacy is not None:  # typed in TCVN3/VNI: counted, and flagged with its reading
                return Flag(
                    IssueCode.LEGACY_ENCODING,
                    value,
                    encoding=legacy.encoding,
                    unicode=legacy.unicode or "",
                )
            return value
        return Flag(IssueCode.REQUIRED_MISSING) if required else None

    return parse


def _phone(required: bool, *, allow_landline: bool) -> Parser:
    def parse(raw: RawCell) -> object:
        if isinstance(raw, str) and is_plain_mobile(raw):
            return raw
        if is_blank(raw):
            return Flag(IssueCode.REQUIRED_MISSING) if required else None
        result = normalize_phone(raw, allow_landline=allow_landline)
        if result.error:
            return Flag(result.error, personal=True)
        if result.warning:
            return Flag(
                result.warning,
                result.number,
                personal=True,
                original=result.original,
                number=result.number,
            )
        return result.number

    return parse


def _date(ctx: Context) -> Parser:
    start, today = ctx.campaign.start, ctx.today

    def parse(raw: RawCell) -> object:
        if is_blank(raw):
            return Flag(IssueCode.REQUIRED_MISSING)
        found = parse_date(raw)
        value = found.value
        if value is None:
            return Flag(found.error or IssueCode.DATE_INVALID, suggestion=found.suggestion)
        if value > today:
            return Flag(IssueCode.DATE_IN_FUTURE, date=_dmy(value), today=_dmy(today))
        if value < start:
            return Flag(IssueCode.DATE_BEFORE_START, value, date=_dmy(value), start=_dmy(start))
        return value

    return parse


def _commune(ctx: Context) -> Parser:
    def parse(raw: RawCell) -> object:
        text = cell_text(raw)
        if not text:
            return Flag(IssueCode.REQUIRED_MISSING)
        found = ctx.resolve_commune(text)
        if found.commune is not None:
            return found.commune.code
        return Flag(found.error or IssueCode.COMMUNE_UNKNOWN, province=ctx.directory.province,
                    other=found.other_province, suggestions=found.suggestions)  # fmt: skip

    return parse


def _team(raw: RawCell) -> object:
    text = cell_text(raw)
    return team_key(text) if text else Flag(IssueCode.REQUIRED_MISSING)


def _int(required: bool) -> Parser:
    def parse(raw: RawCell) -> object:
        if is_blank(raw):
            return Flag(IssueCode.REQUIRED_MISSING) if required else None
        value = parse_int(raw)
        return Flag(IssueCode.INTEGER_INVALID) if value is None else value

    return parse


def _dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _duplicate_columns(spec: TabSpec, header: HeaderMap) -> list[Issue]:
    return [
        Issue(spec.title, header.header_row + 1, spec.column(name).vi, spec.column(name).vi,
              IssueCode.DUPLICATE_COLUMN, {"letter": column_letter(index)})
        for name, index in header.duplicates
    ]  # fmt: skip


def _finish(cols: _Columns, schema: type, header: HeaderMap) -> TabRows:
    rows = cols.rows(schema)
    issues = [*_duplicate_columns(cols.spec, header), *sorted(cols.issues, key=lambda i: i.row)]
    return TabRows(cols.spec, rows, issues, cols.size)


# ---- the four tabs -----------------------------------------------------------------------------


def parse_members(grid: Grid, header: HeaderMap, ctx: Context) -> TabRows:
    cols = _Columns(MEMBERS, grid, header)
    teams = cols.apply("team", _team)
    cols.apply("name", _text(True), cache=False)

    def role(raw: RawCell) -> object:
        text = cell_text(raw)
        if not text:
            return Flag(IssueCode.REQUIRED_MISSING)
        found = parse_role(text)
        return Flag(IssueCode.ROLE_INVALID) if found is None else found.value

    cols.apply("role", role)
    cols.apply("organisation", _text(False))
    cols.apply("phone", _phone(False, allow_landline=True), cache=False)

    def email(raw: RawCell) -> object:
        text = cell_text(raw)
        return None if not text else text if valid_email(text) else Flag(IssueCode.EMAIL_INVALID)

    cols.apply("email", email, cache=False)
    result = _finish(cols, Member, header)
    raw_teams = cols.column("team")
    for i, key in enumerate(teams):
        if isinstance(key, str):
            result.teams.setdefault(key, cell_text(raw_teams[i]))
            result.team_rows.setdefault(key, cols.numbers[i])
    return result


def parse_assignments(grid: Grid, header: HeaderMap, ctx: Context) -> TabRows:
    cols = _Columns(ASSIGNMENTS, grid, header)
    cols.apply("team", _team)
    cols.apply("commune", _commune(ctx))
    cols.apply("quota", _int(False))
    return _finish(cols, Assignment, header)


def parse_ambassadors(grid: Grid, header: HeaderMap, ctx: Context) -> TabRows:
    cols = _Columns(AMBASSADORS, grid, header)
    min_year, max_year = ctx.today.year - 100, ctx.today.year - 15

    def birth_year(raw: RawCell) -> object:
        if is_blank(raw):
            return None
        year = parse_birth_year(raw)
        if year is None:
            return Flag(IssueCode.BIRTH_YEAR_INVALID)
        if not min_year <= year <= max_year:
            return Flag(
                IssueCode.BIRTH_YEAR_OUT_OF_RANGE, year=year, min_year=min_year, max_year=max_year
            )
        return year

    def gender(raw: RawCell) -> object:
        text = cell_text(raw)
        if not text:
            return None
        found = parse_gender(text)
        return Flag(IssueCode.GENDER_INVALID) if found is None else found.value

    cols.apply("name", _text(True), cache=False)
    cols.apply("birth_year", birth_year)
    cols.apply("gender", gender)
    cols.apply("phone", _phone(True, allow_landline=False), cache=False)
    cols.apply("commune", _commune(ctx))
    cols.apply("hamlet", _text(False))
    cols.apply("occupation", _text(False))
    cols.apply("team", _team)
    cols.apply("recognised_on", _date(ctx))
    cols.values["note"] = [cell_text(v) or None for v in cols.column("note")]  # never validated
    return _finish(cols, Ambassador, header)


def parse_trainings(grid: Grid, header: HeaderMap, ctx: Context) -> TabRows:
    cols = _Columns(TRAININGS, grid, header)

    def hours(raw: RawCell) -> object:
        if is_blank(raw):
            return None
        value = parse_number(raw)
        return Flag(IssueCode.NUMBER_INVALID) if value is None else value

    cols.apply("held_on", _date(ctx))
    cols.apply("team", _team)
    cols.apply("commune", _commune(ctx))
    cols.apply("topic", _text(False))
    cols.apply("participants", _int(True))
    cols.apply("hours", hours)
    return _finish(cols, Training, header)


__all__ = ["WARNING_CODES", "Context", "TabRows", "parse_ambassadors", "parse_assignments",
           "parse_members", "parse_trainings"]  # fmt: skip
