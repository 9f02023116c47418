"""Data issues found in entry rows: where, what, how bad, and a stable code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Codes that are warnings; every other code is an error (the row is not counted).
WARNING_CODES = frozenset(
    {
        "phone_converted",
        "date_before_start",
        "team_not_assigned_to_commune",
        "commune_unassigned",
        "probable_duplicate",
        "team_size",
        "team_leaders",
        "team_deputies",
        "duplicate_column",
        "legacy_encoding",
        "hamlet_unknown",
        "hamlet_ambiguous",
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
    code: str
    params: Mapping[str, object] = field(default_factory=dict, compare=False)
    personal: bool = False  # `value` is a phone number

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.code in WARNING_CODES else Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.code not in WARNING_CODES
