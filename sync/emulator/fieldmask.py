"""Google field masks: `a.b,c(d,e/f)` parsing, response projection and masked updates."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from sync.emulator.errors import ApiError

# A parsed mask: key -> sub-mask, where None means "this whole subtree".
Mask = dict[str, "Mask | None"]
_T = TypeVar("_T")


def parse(text: str) -> Mask:
    """Parse 'sheets(properties(sheetId,title),protectedRanges),properties.title'."""
    pos = 0
    text = text.replace(" ", "")

    def parse_list(depth: int) -> Mask:
        nonlocal pos
        out: Mask = {}
        while pos < len(text):
            path: list[str] = []
            name = ""
            while pos < len(text) and text[pos] not in ",()":
                ch = text[pos]
                if ch in "./":
                    path.append(name)
                    name = ""
                else:
                    name += ch
                pos += 1
            path.append(name)
            sub: Mask | None = None
            if pos < len(text) and text[pos] == "(":
                pos += 1
                sub = parse_list(depth + 1)
                if pos >= len(text) or text[pos] != ")":
                    raise ApiError(400, f"Invalid field selection {text}")
                pos += 1
            if any(p == "" for p in path):
                raise ApiError(400, f"Invalid field selection {text}")
            _insert(out, path, sub)
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if pos < len(text) and text[pos] == ")" and depth > 0:
                return out
            if pos < len(text):
                raise ApiError(400, f"Invalid field selection {text}")
        return out

    if not text:
        return {}
    return parse_list(0)


def _insert(mask: Mask, path: list[str], sub: Mask | None) -> None:
    node = mask
    for i, key in enumerate(path):
        last = i == len(path) - 1
        if key in node and node[key] is None:
            return  # already selecting the whole subtree
        if last:
            if sub is None or key not in node:
                node[key] = sub
            else:
                existing = node[key]
                assert existing is not None
                for k, v in sub.items():
                    _insert(existing, [k], v)
        else:
            child = node.setdefault(key, {})
            assert child is not None
            node = child


def mentions(mask: Mask | None, *path: str) -> bool:
    """Does the mask select anything under `path` (e.g. ('sheets', 'data'))?"""
    node: Mask | None = mask
    for key in path:
        if node is None:
            return True
        if "*" in node:
            return True
        if key not in node:
            return False
        node = node[key]
    return True


_NESTED = (dict, list)


def clone(obj: _T) -> _T:
    """A deep copy of JSON data (dicts, lists, scalars), far quicker than copy.deepcopy:
    scalars are shared (immutable), only containers are copied."""
    if isinstance(obj, dict):
        return cast(_T, {k: clone(v) if isinstance(v, _NESTED) else v for k, v in obj.items()})
    if isinstance(obj, list):
        return cast(_T, [clone(v) if isinstance(v, _NESTED) else v for v in obj])
    return obj


def project(obj: Any, mask: Mask | None) -> Any:
    """Keep only the masked fields of a response (JSON data); lists are transparent."""
    if mask is None or "*" in mask:
        return clone(obj)
    if isinstance(obj, list):
        if all(sub is None for sub in mask.values()):  # leaves only: `rowMetadata(hiddenByUser)`
            return [_leaves(item, mask) for item in obj]
        return [project(item, mask) for item in obj]
    if not isinstance(obj, dict):
        return obj  # a scalar: immutable
    out: dict[str, Any] = {}
    for key, sub in mask.items():
        if key in obj:
            out[key] = project(obj[key], sub)
    return out


def _leaves(obj: Any, mask: Mask) -> Any:
    """`project` under a mask of leaves only (each key's whole value), without recursing."""
    if isinstance(obj, dict):
        return {key: clone(obj[key]) for key in mask if key in obj}
    return project(obj, mask)


def apply_update(target: dict[str, Any], source: dict[str, Any], mask: Mask | None) -> None:
    """Copy the masked fields from source into target; masked fields absent in source are
    cleared (Google's update semantics). `target` itself changes; see `updated`."""
    new = updated(target, source, mask)
    target.clear()
    target.update(new)


def updated(target: dict[str, Any], source: dict[str, Any], mask: Mask | None) -> dict[str, Any]:
    """Google's update semantics on a copy: the masked fields of `source` replace those of
    `target` (cleared where `source` lacks them); `target` is left as it is, and the copy
    shares with it every part the mask does not reach (stored cells never change in place)."""
    if mask is None or "*" in mask:
        return clone(source)
    out = dict(target)
    for key, sub in mask.items():
        if sub is None:
            if key in source and source[key] is not None:
                out[key] = clone(source[key])
            else:
                out.pop(key, None)
            continue
        child = target.get(key)
        src = source.get(key)
        new = updated(
            child if isinstance(child, dict) else {}, src if isinstance(src, dict) else {}, sub
        )
        if new:
            out[key] = new
        else:
            out.pop(key, None)
    return out
