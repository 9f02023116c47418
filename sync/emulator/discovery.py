"""Request and response checks against Google's Sheets v4 discovery document.

Google publishes the exact schema of every Sheets v4 request and response in its discovery
document; `google-api-python-client` ships it as
`googleapiclient/discovery_cache/documents/sheets.v4.json`. The emulator checks each request
body against it and answers like Google's JSON front end does: a 400 `INVALID_ARGUMENT`
whose message names the offending field by its proto path (`requests[0].add_chart.chart`)
and whose details carry a `google.rpc.BadRequest` with one field violation per problem.

The package is a test dependency only: without it `load()` answers None and the emulator
serves without validation.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import Any

from sync.emulator.fastcheck import Compiled

DOCUMENT = Path("discovery_cache") / "documents" / "sheets.v4.json"
PROTO_PREFIX = "type.googleapis.com/google.apps.sheets.v4."

# Discovery documents do not name enum types; these are the proto names Google shows for
# the enums this project sends. Any other enum is shown as its capitalised field name.
ENUM_NAMES: dict[str, str] = {
    "horizontalAlignment": "HorizontalAlign",
    "verticalAlignment": "VerticalAlign",
    "valueInputOption": "ValueInputOption",
    "insertDataOption": "InsertDataOption",
    "responseValueRenderOption": "ValueRenderOption",
    "responseDateTimeRenderOption": "DateTimeRenderOption",
    "majorDimension": "Dimension",
    "dimension": "Dimension",
    "chartType": "BasicChartType",
    "legendPosition": "BasicChartLegendPosition",
    "position": "BasicChartAxisPosition",
    "type": "ConditionType",
    "locationType": "DeveloperMetadataLocationType",
    "visibility": "DeveloperMetadataVisibility",
}

# Methods whose HTTP body is one field of the request message: Google's error paths start
# with that field's name (a recorded values.update answer says 'data.values').
BODY_FIELDS: dict[str, str] = {
    "sheets.spreadsheets.values.update": "data",
    "sheets.spreadsheets.values.append": "data",
    "sheets.spreadsheets.create": "spreadsheet",
}

_INT_RANGES: dict[str, tuple[int, int]] = {
    "int32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint64": (0, 2**64 - 1),
}
_SCALAR_NAMES: dict[tuple[str, str], str] = {
    ("integer", "int32"): "TYPE_INT32",
    ("integer", "uint32"): "TYPE_UINT32",
    ("integer", "int64"): "TYPE_INT64",
    ("integer", "uint64"): "TYPE_UINT64",
    ("number", "double"): "TYPE_DOUBLE",
    ("number", "float"): "TYPE_FLOAT",
    ("boolean", ""): "TYPE_BOOL",
}
_INT_TEXT = re.compile(r"-?\d+")
_SPECIAL_FLOATS = ("NaN", "Infinity", "-Infinity")


@dataclass(frozen=True)
class Violation:
    """One problem: `field` is the proto path Google reports, `description` its message."""

    field: str
    description: str


@functools.cache
def snake(name: str) -> str:
    """JSON name -> proto field name, as Google's error paths spell fields."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def unknown_name(path: str, name: str, reason: str = "Cannot find field.") -> Violation:
    where = f" at '{path}'" if path else ""
    return Violation(path, f'Invalid JSON payload received. Unknown name "{name}"{where}: {reason}')


def invalid_value(path: str, type_name: str, value: Any) -> Violation:
    return Violation(path, f"Invalid value at '{path}' ({type_name}), {_shown(value)}")


class Discovery:
    """The schemas of one discovery document, and the checks built on them."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.schemas: dict[str, dict[str, Any]] = document["schemas"]
        self.fast = Compiled(self.schemas, scalar_ok)

    @property
    def revision(self) -> str:
        return str(self.document.get("revision", ""))

    def method(self, method_id: str) -> dict[str, Any] | None:
        """A method by its id, e.g. 'sheets.spreadsheets.values.update'."""
        stack = [self.document]
        while stack:
            node = stack.pop()
            for method in (node.get("methods") or {}).values():
                if method.get("id") == method_id:
                    return dict(method)
            stack.extend((node.get("resources") or {}).values())
        return None

    def request_schema(self, method_id: str) -> str | None:
        method = self.method(method_id)
        ref = ((method or {}).get("request") or {}).get("$ref")
        return str(ref) if ref else None

    def check_request(self, method_id: str, body: Any) -> list[Violation]:
        """Violations in the body of a call to `method_id` (none for a method without one)."""
        schema = self.request_schema(method_id)
        if schema is None or body is None:
            return []
        return self.check(schema, body, BODY_FIELDS.get(method_id, ""))

    def check_response(self, method_id: str, body: Any) -> list[Violation]:
        """Violations in a successful answer of `method_id` (the emulator's own output)."""
        method = self.method(method_id)
        ref = ((method or {}).get("response") or {}).get("$ref")
        return self.check(str(ref), body) if ref and body is not None else []

    def check(self, schema: str, value: Any, path: str = "") -> list[Violation]:
        """Every violation of `schema` in `value` (a parsed JSON body), in document order."""
        if self.fast.message(schema)(value):
            return []
        return self.violations(schema, value, path)

    def violations(self, schema: str, value: Any, path: str = "") -> list[Violation]:
        """The detailed walk behind `check` (slow: builds every field path)."""
        out: list[Violation] = []
        self._message(schema, value, path, out)
        return out

    def _message(self, schema: str, value: Any, path: str, out: list[Violation]) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            out.append(invalid_value(path, PROTO_PREFIX + schema, value))
            return
        props: dict[str, Any] = self.schemas[schema].get("properties") or {}
        for key, item in value.items():
            prop = props.get(key)
            if prop is None:
                out.append(unknown_name(path, key))
                continue
            self._field(prop, key, item, path, out)

    def _field(
        self, prop: dict[str, Any], key: str, value: Any, parent: str, out: list[Violation]
    ) -> None:
        if value is None:
            return
        path = _join(parent, snake(key))
        if prop.get("type") == "array":
            if not isinstance(value, list):
                out.append(invalid_value(path, self._type_name(prop["items"], key), value))
                return
            for i, item in enumerate(value):
                self._item(prop["items"], key, item, f"{path}[{i}]", out)
            return
        if isinstance(value, list) and prop.get("type") != "any":
            out.append(
                unknown_name(parent, key, "Proto field is not repeating, cannot start list.")
            )
            return
        if "additionalProperties" in prop:
            if not isinstance(value, dict):
                out.append(invalid_value(path, self._type_name(prop, key), value))
                return
            for name, item in value.items():
                self._item(prop["additionalProperties"], key, item, f"{path}[{name}]", out)
            return
        self._item(prop, key, value, path, out)

    def _item(
        self, prop: dict[str, Any], key: str, value: Any, path: str, out: list[Violation]
    ) -> None:
        """A single (non-repeated) value: a message, an enum or a scalar."""
        if value is None:
            return
        ref = prop.get("$ref")
        if ref:
            self._message(str(ref), value, path, out)
            return
        if prop.get("type") == "array":  # a list of lists (ValueRange.values)
            if not isinstance(value, list):
                out.append(invalid_value(path, self._type_name(prop, key), value))
                return
            for i, item in enumerate(value):
                self._item(prop["items"], key, item, f"{path}[{i}]", out)
            return
        if not scalar_ok(prop, value):
            out.append(invalid_value(path, self._type_name(prop, key), value))

    @staticmethod
    def _type_name(prop: dict[str, Any], key: str) -> str:
        if prop.get("$ref"):
            return PROTO_PREFIX + str(prop["$ref"])
        if prop.get("additionalProperties"):
            return Discovery._type_name(prop["additionalProperties"], key)
        if prop.get("type") == "array":  # a row of ValueRange.values
            return "type.googleapis.com/google.protobuf.ListValue"
        if prop.get("type") == "any":
            return "type.googleapis.com/google.protobuf.Value"
        if prop.get("enum"):
            return PROTO_PREFIX + ENUM_NAMES.get(key, key[:1].upper() + key[1:])
        kind = str(prop.get("type", ""))
        return _SCALAR_NAMES.get((kind, str(prop.get("format", ""))), "TYPE_STRING")


def scalar_ok(prop: dict[str, Any], value: Any) -> bool:
    """Does Google's JSON parser accept `value` for this scalar field?

    As proto3 JSON: integers as numbers or decimal strings (within the format's range),
    numbers as numbers or numeric strings (also "NaN", "Infinity"), enums by name or number,
    booleans as true/false only, strings as strings."""
    kind = prop.get("type")
    if kind == "any":
        return True
    if prop.get("enum"):
        if isinstance(value, int) and not isinstance(value, bool):
            return 0 <= value < len(prop["enum"])
        return isinstance(value, str) and value in prop["enum"]
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return _integer_ok(str(prop.get("format", "int32")), value)
    if kind == "number":
        return _number_ok(value)
    return False  # an object where the document has no schema: never sent by Google clients


def _integer_ok(fmt: str, value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        if not value.is_integer():
            return False
        value = int(value)
    elif isinstance(value, str):
        if not _INT_TEXT.fullmatch(value):
            return False
        value = int(value)
    if not isinstance(value, int):
        return False
    low, high = _INT_RANGES.get(fmt, _INT_RANGES["int64"])
    return low <= value <= high


def _number_ok(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if not isinstance(value, str):
        return False
    if value in _SPECIAL_FLOATS:
        return True
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def error_body(violations: list[Violation], code: int = 400) -> dict[str, Any]:
    """Google's error body for a payload that does not fit the schema."""
    message = "\n".join(v.description for v in violations)
    field_violations = [
        {"field": v.field, "description": v.description}
        if v.field
        else {"description": v.description}
        for v in violations
    ]
    return {
        "error": {
            "code": code,
            "message": message,
            "status": "INVALID_ARGUMENT",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": field_violations,
                }
            ],
        }
    }


def document_path(
    find_spec: Callable[[str], ModuleSpec | None] = importlib.util.find_spec,
) -> Path | None:
    """Where the installed google-api-python-client keeps sheets.v4.json (not imported)."""
    spec = find_spec("googleapiclient")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        candidate = Path(base) / DOCUMENT
        if candidate.is_file():
            return candidate
    return None


def read(path: Path | None) -> Discovery | None:
    if path is None:
        return None
    return Discovery(json.loads(path.read_text(encoding="utf-8")))


@functools.cache
def load() -> Discovery | None:
    """The installed discovery document, or None when google-api-python-client is absent."""
    return read(document_path())
