"""The emulator's answers as Google sends them (JSON indented by two spaces), quickly.

`json.dumps(indent=2)` runs the pure-Python encoder, a generator per nested value; a
`values.batchGet` of 20,000 rows is a million of them. Here every list or object whose
items are all scalars (a row of values, a cell's format) is written by the C encoder in
one call, with the line break and indentation as its item separator; the text is the
same, byte for byte (tests/emulator/test_jsonout.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from json import encoder as std
from typing import Any

INDENT = "  "
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})
_PLAIN = json.JSONEncoder(ensure_ascii=False)


def dumps(obj: Any) -> str:
    """Exactly `json.dumps(obj, ensure_ascii=False, indent=2)`."""
    out: list[str] = []
    _write(obj, 0, out)
    return "".join(out)


@cache
def _flat(depth: int) -> Callable[[Any], str]:
    """Writes a container of scalars one item a line, at `depth` + 1."""
    separator = ",\n" + INDENT * (depth + 1)
    make = getattr(std, "c_make_encoder", None)
    if make is None:  # no C accelerator: the standard encoder, same text
        return json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
    fast = make(None, None, std.encode_basestring, None, ": ", separator, False, False, True)
    return lambda value: "".join(fast(value, 0))


def _key(key: Any) -> str:
    """A key as `json.dumps` writes it: numbers, true/false/null in quotes."""
    if isinstance(key, str):
        return _PLAIN.encode(key)
    return _PLAIN.encode(_PLAIN.encode(key) if isinstance(key, bool | None | float) else str(key))


def _write(obj: Any, depth: int, out: list[str]) -> None:
    if isinstance(obj, dict):
        _write_dict(obj, depth, out)
    elif isinstance(obj, list | tuple):
        _write_list(obj, depth, out)
    else:
        out.append(_PLAIN.encode(obj))


def _write_list(items: list[Any] | tuple[Any, ...], depth: int, out: list[str]) -> None:
    if not items:
        out.append("[]")
        return
    inner = "\n" + INDENT * (depth + 1)
    if _SCALAR_TYPES.issuperset(map(type, items)):
        out.append("[" + inner + _flat(depth)(items)[1:-1] + "\n" + INDENT * depth + "]")
        return
    out.append("[")
    for i, value in enumerate(items):
        out.append(("," if i else "") + inner)
        _write(value, depth + 1, out)
    out.append("\n" + INDENT * depth + "]")


def _write_dict(obj: dict[Any, Any], depth: int, out: list[str]) -> None:
    if not obj:
        out.append("{}")
        return
    inner = "\n" + INDENT * (depth + 1)
    if _SCALAR_TYPES.issuperset(map(type, obj.values())) and _STR.issuperset(map(type, obj)):
        out.append("{" + inner + _flat(depth)(obj)[1:-1] + "\n" + INDENT * depth + "}")
        return
    out.append("{")
    for i, (key, value) in enumerate(obj.items()):
        out.append(("," if i else "") + inner + _key(key) + ": ")
        _write(value, depth + 1, out)
    out.append("\n" + INDENT * depth + "}")
