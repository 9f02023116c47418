"""Compiled yes/no checks for discovery schemas: the fast path of discovery.Discovery.check.

A body of a million cells is checked in seconds, not tens of seconds: each schema becomes a
closure once, and no field path is built. Only a body that fails here is walked again by
the detailed check, which names every violation the way Google does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
Scalar = Callable[[dict[str, Any], Any], bool]


def _always(value: Any) -> bool:
    return True


class Compiled:
    """One closure per schema, built on first use (schemas may refer to themselves)."""

    def __init__(self, schemas: dict[str, dict[str, Any]], scalar_ok: Scalar) -> None:
        self.schemas = schemas
        self.scalar_ok = scalar_ok
        self.messages: dict[str, Check] = {}

    def message(self, name: str) -> Check:
        found = self.messages.get(name)
        if found is not None:
            return found
        fields: dict[str, Check] = {}

        def check(value: Any) -> bool:
            if value is None:
                return True
            if type(value) is not dict:
                return False
            for key, item in value.items():
                field = fields.get(key)
                if field is None or not field(item):
                    return False
            return True

        self.messages[name] = check  # registered before its fields: recursion finds it
        for key, prop in (self.schemas[name].get("properties") or {}).items():
            fields[key] = self.field(prop)
        return check

    def field(self, prop: dict[str, Any]) -> Check:
        if prop.get("type") == "array":
            return _list_of(self.item(prop["items"]))
        if "additionalProperties" in prop:
            value_check = self.item(prop["additionalProperties"])
            return lambda v: (
                v is None or (type(v) is dict and all(value_check(x) for x in v.values()))
            )
        return self.item(prop)

    def item(self, prop: dict[str, Any]) -> Check:
        ref = prop.get("$ref")
        if ref:
            return self.message(str(ref))
        if prop.get("type") == "array":
            return _list_of(self.item(prop["items"]))
        return self.scalar(prop)

    def scalar(self, prop: dict[str, Any]) -> Check:
        kind, ok = prop.get("type"), self.scalar_ok
        if kind == "any":
            return _always
        if prop.get("enum"):
            names, count = frozenset(prop["enum"]), len(prop["enum"])
            return lambda v: (
                v is None or (v in names if type(v) is str else type(v) is int and 0 <= v < count)
            )
        if kind == "string":
            return lambda v: v is None or type(v) is str
        if kind == "boolean":
            return lambda v: v is None or type(v) is bool
        if kind == "number":
            return lambda v: v is None or type(v) in (int, float) or ok(prop, v)
        return lambda v: v is None or ok(prop, v)


def _list_of(item: Check) -> Check:
    return lambda v: v is None or (type(v) is list and all(map(item, v)))
