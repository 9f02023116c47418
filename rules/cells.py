"""What a backend tells the rules about a cell or a row beyond its value.

Both markers are ordinary values to every parser (a `FormulaText` is a `str`, a
`HiddenRow` a `list`), so a backend that knows nothing of them loses nothing; the rules
look for them only to add a warning or a word to a message.
"""

from __future__ import annotations

from rules.tables import RawCell


class FormulaText(str):
    """A formula cell with no computed value (a file written by a program): its text, e.g. '=B2*2'."""

    __slots__ = ()


class HiddenRow(list[RawCell]):
    """A row a person has hidden: read like any other, and its messages say it is hidden."""

    __slots__ = ()


def hide(row: list[RawCell]) -> HiddenRow:
    return HiddenRow(row)
