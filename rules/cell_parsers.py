"""Cell parsers: a raw cell → its clean value, or a Flag saying which issue it raises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rules.campaign import Campaign
from rules.contract import is_blank
from rules.issues import IssueCode
from rules.tables import RawCell
from rules.values.cells import parse_int, team_key
from rules.values.communes import CommuneDirectory, Resolution
from rules.values.dates import parse_date
from rules.values.legacy import detect_legacy
from rules.values.phones import is_plain_mobile, normalize_phone
from rules.values.text import cell_text


class Flag:
    """A cell that needs an issue; `value` is kept when it is only a warning."""

    __slots__ = ("code", "params", "personal", "value")

    def __init__(
        self, code: IssueCode, value: object = None, *, personal: bool = False, **params: object
    ) -> None:
        self.code, self.value, self.personal, self.params = code, value, personal, params


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


def text_cell(required: bool) -> Parser:
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


def phone_cell(required: bool, *, allow_landline: bool) -> Parser:
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


def date_cell(ctx: Context) -> Parser:
    start, today = ctx.campaign.start, ctx.today

    def parse(raw: RawCell) -> object:
        if is_blank(raw):
            return Flag(IssueCode.REQUIRED_MISSING)
        found = parse_date(raw)
        value = found.value
        if value is None:
            return Flag(found.error or IssueCode.DATE_INVALID, suggestion=found.suggestion)
        if value > today:
            return Flag(IssueCode.DATE_IN_FUTURE, date=dmy(value), today=dmy(today))
        if value < start:
            return Flag(IssueCode.DATE_BEFORE_START, value, date=dmy(value), start=dmy(start))
        return value

    return parse


def commune_cell(ctx: Context) -> Parser:
    def parse(raw: RawCell) -> object:
        text = cell_text(raw)
        if not text:
            return Flag(IssueCode.REQUIRED_MISSING)
        found = ctx.resolve_commune(text)
        if found.commune is not None and found.old is not None:  # an old name merged whole
            return Flag(IssueCode.COMMUNE_OLD_NAME, found.commune.code, old=found.old_names,
                        new=found.commune.name)  # fmt: skip
        if found.commune is not None:
            return found.commune.code
        return Flag(found.error or IssueCode.COMMUNE_UNKNOWN, province=ctx.directory.province,
                    other=found.other_province, suggestions=found.suggestions,
                    old=found.old_names)  # fmt: skip

    return parse


def team_cell(raw: RawCell) -> object:
    text = cell_text(raw)
    return team_key(text) if text else Flag(IssueCode.REQUIRED_MISSING)


def int_cell(required: bool) -> Parser:
    def parse(raw: RawCell) -> object:
        if is_blank(raw):
            return Flag(IssueCode.REQUIRED_MISSING) if required else None
        value = parse_int(raw)
        return Flag(IssueCode.INTEGER_INVALID) if value is None else value

    return parse


def dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")
