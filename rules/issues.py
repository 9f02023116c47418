"""Data issues found in entry rows: where, what, how bad, and a stable code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class IssueCode(StrEnum):
    """Stable snake_case identifiers of data issues (the JSON report's `code`)."""

    REQUIRED_MISSING = "required_missing"
    PHONE_INVALID = "phone_invalid"
    PHONE_BAD_PREFIX = "phone_bad_prefix"
    PHONE_LANDLINE = "phone_landline"
    PHONE_CONVERTED = "phone_converted"
    PHONE_DUPLICATE = "phone_duplicate"
    DATE_INVALID = "date_invalid"
    DATE_MONTH_FIRST = "date_month_first"
    DATE_IN_FUTURE = "date_in_future"
    DATE_BEFORE_START = "date_before_start"
    BIRTH_YEAR_INVALID = "birth_year_invalid"
    BIRTH_YEAR_OUT_OF_RANGE = "birth_year_out_of_range"
    GENDER_INVALID = "gender_invalid"
    ROLE_INVALID = "role_invalid"
    EMAIL_INVALID = "email_invalid"
    INTEGER_INVALID = "integer_invalid"
    NUMBER_INVALID = "number_invalid"
    QUOTA_OUT_OF_RANGE = "quota_out_of_range"
    PARTICIPANTS_OUT_OF_RANGE = "participants_out_of_range"
    HOURS_OUT_OF_RANGE = "hours_out_of_range"
    COMMUNE_UNKNOWN = "commune_unknown"
    COMMUNE_AMBIGUOUS = "commune_ambiguous"
    COMMUNE_OTHER_PROVINCE = "commune_other_province"
    TEAM_UNKNOWN = "team_unknown"
    COMMUNE_ASSIGNED_TWICE = "commune_assigned_twice"
    TEAM_NOT_ASSIGNED_TO_COMMUNE = "team_not_assigned_to_commune"
    COMMUNE_UNASSIGNED = "commune_unassigned"
    PROBABLE_DUPLICATE = "probable_duplicate"
    TEAM_SIZE = "team_size"
    TEAM_LEADERS = "team_leaders"
    TEAM_DEPUTIES = "team_deputies"
    DUPLICATE_COLUMN = "duplicate_column"
    LEGACY_ENCODING = "legacy_encoding"
    HEADER_NEAR_MISS = "header_near_miss"
    DATE_NO_SUCH_DAY = "date_no_such_day"
    PHONE_SCIENTIFIC = "phone_scientific"
    COMMUNE_OLD_NAME = "commune_old_name"
    COMMUNE_OLD_SPLIT = "commune_old_split"
    FORMULA_UNCOMPUTED = "formula_uncomputed"
    HAMLET_LISTED_TWICE = "hamlet_listed_twice"
    HAMLET_UNKNOWN = "hamlet_unknown"
    HAMLET_AMBIGUOUS = "hamlet_ambiguous"


# Codes that are warnings; every other code is an error (the row is not counted).
WARNING_CODES: frozenset[IssueCode] = frozenset(
    {
        IssueCode.PHONE_CONVERTED,
        IssueCode.DATE_BEFORE_START,
        IssueCode.TEAM_NOT_ASSIGNED_TO_COMMUNE,
        IssueCode.COMMUNE_UNASSIGNED,
        IssueCode.PROBABLE_DUPLICATE,
        IssueCode.TEAM_SIZE,
        IssueCode.TEAM_LEADERS,
        IssueCode.TEAM_DEPUTIES,
        IssueCode.DUPLICATE_COLUMN,
        IssueCode.LEGACY_ENCODING,
        IssueCode.HEADER_NEAR_MISS,
        IssueCode.COMMUNE_OLD_NAME,
        IssueCode.FORMULA_UNCOMPUTED,
        IssueCode.HAMLET_UNKNOWN,
        IssueCode.HAMLET_AMBIGUOUS,
    }
)
# Message parameters holding personal data, masked unless asked otherwise.
PERSONAL_PARAMS = frozenset({"phone", "number", "original"})


@dataclass(frozen=True, slots=True)
class Issue:
    tab: str
    row: int  # the spreadsheet row number a person sees
    column: str  # canonical Vietnamese header
    value: str
    code: IssueCode
    params: Mapping[str, object] = field(default_factory=dict, compare=False)
    personal: bool = False  # `value` is a phone number
    optional: bool = False  # an invalid value in an optional column: ignored, the row still counts
    hidden: bool = False  # the row is hidden in the sheet

    @property
    def severity(self) -> Severity:
        return Severity.ERROR if self.is_error else Severity.WARNING

    @property
    def is_error(self) -> bool:
        return not self.optional and self.code not in WARNING_CODES
