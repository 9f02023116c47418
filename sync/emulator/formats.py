"""Number/date display formats and a tiny arithmetic formula evaluator."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

ERROR_TEXT = {
    "DIVIDE_BY_ZERO": "#DIV/0!",
    "VALUE": "#VALUE!",
    "ERROR": "#ERROR!",
    "NUM": "#NUM!",
    "REF": "#REF!",
    "NAME": "#NAME?",
    "N_A": "#N/A",
}

DEFAULT_DATE_PATTERNS = {
    "DATE": "m/d/yyyy",
    "TIME": "h:mm:ss am/pm",
    "DATE_TIME": "m/d/yyyy h:mm:ss",
}

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def automatic(value: float) -> str:
    """Sheets' default display: integers plainly, others to 10 significant digits."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        mant, exp = text.split("e")
        sign = "-" if exp.startswith("-") else "+"
        return f"{mant}E{sign}{abs(int(exp)):02d}"
    return text


def _tokens(pattern: str) -> list[str]:
    tokens = re.findall(
        r'"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|AM/PM|a/p|.',
        pattern,
        flags=re.IGNORECASE,
    )
    return tokens


def format_date(when: dt.datetime, pattern: str) -> str:
    tokens = _tokens(pattern)
    lowered = [t.lower() for t in tokens]
    twelve = any(t in ("am/pm", "a/p") for t in lowered)
    out = []
    for i, (tok, low) in enumerate(zip(tokens, lowered, strict=True)):
        prev = next((t for t in reversed(lowered[:i]) if t[0] in "hdmys"), "")
        nxt = next((t for t in lowered[i + 1 :] if t[0] in "hdmys"), "")
        if low in ("m", "mm") and (prev.startswith("h") or nxt.startswith("s")):
            out.append(f"{when.minute:0{len(low)}d}")
        elif low == "yyyy":
            out.append(f"{when.year:04d}")
        elif low == "yy":
            out.append(f"{when.year % 100:02d}")
        elif low in ("m", "mm"):
            out.append(f"{when.month:0{len(low)}d}")
        elif low == "mmm":
            out.append(_MONTHS[when.month - 1][:3])
        elif low == "mmmm":
            out.append(_MONTHS[when.month - 1])
        elif low in ("d", "dd"):
            out.append(f"{when.day:0{len(low)}d}")
        elif low == "ddd":
            out.append(_DAYS[when.weekday()][:3])
        elif low == "dddd":
            out.append(_DAYS[when.weekday()])
        elif low in ("h", "hh"):
            hour = when.hour % 12 or 12 if twelve else when.hour
            out.append(f"{hour:0{len(low)}d}")
        elif low in ("s", "ss"):
            out.append(f"{when.second:0{len(low)}d}")
        elif low in ("am/pm", "a/p"):
            out.append("AM" if when.hour < 12 else "PM")
        elif tok.startswith('"'):
            out.append(tok[1:-1])
        elif tok.startswith("\\"):
            out.append(tok[1:])
        else:
            out.append(tok)
    return "".join(out)


def format_pattern_number(value: float, pattern: str) -> str:
    """Enough of the Sheets number-pattern language: '#,##0.00', '0%', '"$"#,##0.00'."""
    section = pattern.split(";")[0]
    section = re.sub(r"\[\$([^\]-]*)[^\]]*\]", r'"\1"', section)  # [$₫-42A] -> "₫"
    m = re.search(r"[#0][#0,]*(?:\.[#0]*)?|\.[#0]+", section)
    if not m:
        return automatic(value)
    core = m.group(0)
    lit = re.compile(r'"([^"]*)"|\\(.)')
    prefix = lit.sub(lambda g: g.group(1) or g.group(2) or "", section[: m.start()])
    suffix = lit.sub(lambda g: g.group(1) or g.group(2) or "", section[m.end() :])
    if "%" in prefix + suffix:
        value *= 100
    int_part, _, frac = core.partition(".")
    max_dec = len(frac)
    min_dec = frac.count("0")
    text = f"{abs(value):{',' if ',' in int_part else ''}.{max_dec}f}"
    if max_dec > min_dec and "." in text:
        keep = len(text) - (max_dec - min_dec)
        text = text[:keep] + text[keep:].rstrip("0")
        text = text.rstrip(".")
    min_int = int_part.count("0")
    if min_int == 0 and text.startswith("0"):
        text = text[1:] or "0"
    sign = "-" if value < 0 and float(text.replace(",", "") or 0) != 0 else ""
    return f"{sign}{prefix}{text}{suffix}"


def format_number(
    value: float,
    number_format: dict[str, str] | None,
    from_serial: Callable[[float], dt.datetime],
) -> str:
    if not number_format:
        return automatic(value)
    kind = number_format.get("type", "NUMBER")
    pattern = number_format.get("pattern") or ""
    if kind in DEFAULT_DATE_PATTERNS:
        return format_date(from_serial(value), pattern or DEFAULT_DATE_PATTERNS[kind])
    if kind == "TEXT":
        return automatic(value)
    if not pattern:
        pattern = {"PERCENT": "0.00%", "CURRENCY": '"$"#,##0.00', "SCIENTIFIC": ""}.get(
            kind, "#,##0.00"
        )
        if not pattern:
            return f"{value:.2E}"
    return format_pattern_number(value, pattern)


# --- formulas -------------------------------------------------------------------------

_TOKEN = re.compile(r'\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|("(?:[^"]|"")*")|(.))')


class _Unsupported(Exception):
    pass


class _Formula:
    """A recursive-descent reader of arithmetic on literals: & + - * / ^ % and brackets."""

    def __init__(self, formula: str) -> None:
        self.tokens: list[tuple[str, Any]] = []
        for num, string, op in _TOKEN.findall(formula[1:]):
            if num:
                self.tokens.append(("num", float(num)))
            elif string:
                self.tokens.append(("str", string[1:-1].replace('""', '"')))
            elif op.strip():
                self.tokens.append(("op", op))
        self.pos = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, Any]:
        if self.pos >= len(self.tokens):
            raise _Unsupported
        self.pos += 1
        return self.tokens[self.pos - 1]

    def whole(self) -> Any:
        result = self.concat()
        if self.pos != len(self.tokens):
            raise _Unsupported
        return result

    def concat(self) -> Any:
        left = self.additive()
        while self.peek() == ("op", "&"):
            self.take()
            left = _text(left) + _text(self.additive())
        return left

    def additive(self) -> Any:
        left = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            right = self.term()
            left = _num(left) + _num(right) if op == "+" else _num(left) - _num(right)
        return left

    def term(self) -> Any:
        left = self.power()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            right = _num(self.power())
            if op == "/" and right == 0:
                raise ZeroDivisionError
            left = _num(left) * right if op == "*" else _num(left) / right
        return left

    def power(self) -> Any:
        base = self.unary()
        if self.peek() == ("op", "^"):
            self.take()
            return _num(base) ** _num(self.power())
        return base

    def unary(self) -> Any:
        if self.peek() in (("op", "-"), ("op", "+")):
            sign = -1 if self.take()[1] == "-" else 1
            return sign * _num(self.unary())
        kind, value = self.take()
        if kind in ("num", "str"):
            return self.percent(value)
        if value == "(":
            inner = self.concat()
            if self.take() != ("op", ")"):
                raise _Unsupported
            return self.percent(inner)
        raise _Unsupported

    def percent(self, value: Any) -> Any:
        if self.peek() == ("op", "%"):
            self.take()
            return _num(value) / 100
        return value


def evaluate(formula: str) -> dict[str, Any]:
    """Evaluate '=1+2*3'-style formulas; anything else evaluates to its own text."""
    try:
        result = _Formula(formula).whole()
    except ZeroDivisionError:
        return {
            "errorValue": {
                "type": "DIVIDE_BY_ZERO",
                "message": "Function DIVIDE parameter 2 cannot be zero.",
            }
        }
    except (_Unsupported, ValueError, OverflowError):
        return {"stringValue": formula}
    if isinstance(result, str):
        return {"stringValue": result}
    return {"numberValue": float(result)}


def _num(value: Any) -> float:
    if isinstance(value, str):
        raise _Unsupported
    return float(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else automatic(float(value))
