"""Config errors said in the configured language, never in pydantic's own English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from rules.messages import pick

ENV_PREFIX = "DAISUSO_"

# pydantic error type (or our own) -> the reason, in Vietnamese and English.
REASONS: dict[str, tuple[str, str]] = {
    "whole_number_decimal": (
        "cần một số nguyên viết liền, không có dấu chấm: TOML đọc {typed} là số thập phân {value}. "
        "Nếu ý là {suggest}, hãy viết {suggest}.",
        "a whole number written without separators is expected: TOML reads {typed} as the "
        "decimal {value}. If you mean {suggest}, write {suggest}.",
    ),
    "int_type": ("cần một số nguyên", "a whole number is expected"),
    "int_parsing": ("cần một số nguyên", "a whole number is expected"),
    "int_from_float": ("cần một số nguyên", "a whole number is expected"),
    "float_type": ("cần một số", "a number is expected"),
    "float_parsing": ("cần một số", "a number is expected"),
    "greater_than_equal": ("phải lớn hơn hoặc bằng {ge}", "must be at least {ge}"),
    "greater_than": ("phải lớn hơn {gt}", "must be greater than {gt}"),
    "less_than_equal": ("phải nhỏ hơn hoặc bằng {le}", "must be at most {le}"),
    "less_than": ("phải nhỏ hơn {lt}", "must be less than {lt}"),
    "literal_error": ("phải là một trong: {expected}", "must be one of: {expected}"),
    "string_type": ("cần một chuỗi chữ trong dấu nháy", "a quoted string is expected"),
    "date_type": ("cần một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD is expected"),
    "date_parsing": ("cần một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD is expected"),
    "date_from_datetime_parsing": (
        "cần một ngày dạng YYYY-MM-DD",
        "a date as YYYY-MM-DD is expected",
    ),
    "date_from_datetime_inexact": (
        "cần một ngày dạng YYYY-MM-DD, không kèm giờ",
        "a date as YYYY-MM-DD, without a time, is expected",
    ),
    "model_type": ("cần một bảng [mục] TOML", "a TOML [section] table is expected"),
    "province_unknown": (
        "không phải tỉnh/thành phố nào trong danh sách 2025 (34 tỉnh, thành phố)",
        "not a province or centrally-run city of the 2025 list (34 of them)",
    ),
    "province_merged": (
        '{old} đã sáp nhập vào {new} từ 7/2025; hãy ghi province = "{new}"',
        '{old} was merged into {new} in July 2025; write province = "{new}"',
    ),
    "timezone_unknown": ("múi giờ không tồn tại", "unknown time zone"),
    "deadline_before_start": (
        "deadline phải sau start",
        "deadline must be after start",
    ),
}
LINES: dict[str, tuple[str, str]] = {
    "unknown_key": (
        "Khóa cấu hình không hợp lệ: {key} (trong {path} hoặc {env})",
        "Unknown config key {key} (in {path} or {env})",
    ),
    "bad_value": (
        "Giá trị cấu hình không hợp lệ: {key}{shown}: {reason} (trong {path} hoặc {env})",
        "Bad config value {key}{shown}: {reason} (in {path} or {env})",
    ),
    "other": ("giá trị không hợp lệ ({type})", "invalid value ({type})"),
}


def reason(error: ErrorDetails, lang: str) -> str:
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    pair = REASONS.get(error["type"])
    if pair is None:
        return pick(LINES["other"], lang).format(type=error["type"])
    try:
        return pick(pair, lang).format(**ctx)
    except (KeyError, IndexError):
        return pick(pair, lang)


def describe_errors(exc: ValidationError, path: Path, lang: str) -> str:
    lines = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"] if not str(part).startswith("function-")]
        key = ".".join(loc) or "(gốc)"
        env = ENV_PREFIX + "__".join(part.upper() for part in loc)
        if error["type"] == "extra_forbidden":
            lines.append(pick(LINES["unknown_key"], lang).format(key=key, path=path, env=env))
            continue
        value = error.get("input")
        shown = f" = {value!r}" if not isinstance(value, dict) else ""
        lines.append(
            pick(LINES["bad_value"], lang).format(
                key=key, shown=shown, reason=reason(error, lang), path=path, env=env
            )
        )
    return "\n".join(lines)
