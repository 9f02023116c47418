"""Failures that end a command with a documented exit code."""

from __future__ import annotations


class DaisusoError(Exception):
    exit_code = 1


class ConfigError(DaisusoError):
    exit_code = 2


class LayoutError(DaisusoError):
    """A missing tab or required column, or a suspicious empty read."""

    exit_code = 3


class UnreachableError(DaisusoError):
    """The spreadsheet could not be read or written (after retries), or access was refused."""

    exit_code = 4


class LockHeldError(DaisusoError):
    exit_code = 5
