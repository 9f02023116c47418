"""Failures specific to the workbook file, with their exit codes.

A workbook in use by a person (open in Excel or LibreOffice, or saved while the worker
read it) ends the sync with exit 5, like a sync lock held by another run: nothing was
written and nothing is lost; `daisuso run` and the next scheduled sync try again.
"""

from __future__ import annotations

from sync.errors import DaisusoError, UnreachableError


class WorkbookBusyError(DaisusoError):
    """The workbook is in use by a person; the sync wrote nothing and will be retried."""

    exit_code = 5


class WorkbookChangedError(WorkbookBusyError):
    """The file changed between the worker's read and its write."""


class WorkbookOpenError(WorkbookBusyError):
    """A lock file says the workbook is open in Excel or LibreOffice."""


class WorkbookNotWritableError(UnreachableError):
    """The worker may not replace the file (read-only, hard-linked, folder not writable)."""


class BadWorkbookError(UnreachableError):
    """The file is not a workbook the worker can read (truncated, empty, encrypted, …)."""
