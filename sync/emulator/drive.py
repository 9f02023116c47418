"""The slice of Drive v3 gspread uses: create, get, list (open by title) and delete."""

from __future__ import annotations

import re
from typing import Any

from sync.emulator import fieldmask
from sync.emulator.errors import ApiError
from sync.emulator.state import Spreadsheet, State

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
Query = dict[str, list[str]]


class DriveError(ApiError):
    """Drive's error body differs from Sheets': it carries an `errors` list."""

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "errors": [
                    {
                        "message": self.message,
                        "domain": "global",
                        "reason": "notFound" if self.code == 404 else "badRequest",
                        "location": "fileId",
                        "locationType": "parameter",
                    }
                ],
            }
        }


def _file(book: Spreadsheet) -> dict[str, Any]:
    return {
        "kind": "drive#file",
        "id": book.spreadsheet_id,
        "name": book.properties["title"],
        "mimeType": SPREADSHEET_MIME,
        "createdTime": book.created,
        "modifiedTime": book.modified,
    }


def _fields(query: Query, default: str) -> fieldmask.Mask:
    return fieldmask.parse(query.get("fields", [default])[0] or default)


def _find(state: State, file_id: str) -> Spreadsheet:
    book = state.spreadsheets.get(file_id)
    if book is None or book.private:
        raise DriveError(404, f"File not found: {file_id}.")
    return book


def create(state: State, query: Query, body: dict[str, Any]) -> dict[str, Any]:
    if body.get("mimeType") != SPREADSHEET_MIME:
        raise DriveError(400, "Only Google Sheets files can be created in this emulator.")
    book = state.create(body.get("name") or "Untitled spreadsheet")
    out: dict[str, Any] = fieldmask.project(_file(book), _fields(query, "kind,id,name,mimeType"))
    return out


def get(state: State, file_id: str, query: Query) -> dict[str, Any]:
    book = _find(state, file_id)
    out: dict[str, Any] = fieldmask.project(_file(book), _fields(query, "kind,id,name,mimeType"))
    return out


def delete(state: State, file_id: str) -> None:
    _find(state, file_id)
    del state.spreadsheets[file_id]


def list_files(state: State, query: Query) -> dict[str, Any]:
    """Understands the `q` clauses gspread writes: name = "..", mimeType = "..", contains."""
    q = query.get("q", [""])[0]
    files = []
    for book in state.spreadsheets.values():
        if book.private:
            continue
        info = _file(book)
        if _matches(q, info):
            files.append(info)
    files.sort(key=lambda f: f["modifiedTime"], reverse=True)  # Drive's default-ish order
    result = {"kind": "drive#fileList", "incompleteSearch": False, "files": files}
    mask = _fields(query, "kind,incompleteSearch,files(kind,id,name,mimeType)")
    out: dict[str, Any] = fieldmask.project(result, mask)
    return out


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _matches(q: str, info: dict[str, Any]) -> bool:
    clause = r"""(name|mimeType)\s*(=|!=|contains)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"""
    for field, op, dq, sq in re.findall(clause, q):
        want = _unquote(dq or sq)
        have = str(info[field])
        ok = (
            have == want
            if op == "="
            else have != want
            if op == "!="
            else want.lower() in have.lower()
        )
        if not ok:
            return False
    return True
