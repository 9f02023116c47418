"""The operational catalog: every sentence the worker and the CLI print, keyed by `Msg`.

Vietnamese by default, English with lang = "en". Domain sentences (issues, summary
labels) live in `rules.messages`; this catalog is for what happens around them.
"""

from __future__ import annotations

from enum import StrEnum

from rules.evaluate import LayoutProblem
from rules.messages import Lang, pick


class Msg(StrEnum):
    LOG_OK = "log.ok"
    LOG_FAILED = "log.failed"
    LOG_AS_OF = "log.as_of"
    LAYOUT_TAB = "layout.tab"
    LAYOUT_COLUMN = "layout.column"
    LAYOUT_FIX = "layout.fix"
    GUARD_EMPTY = "guard.empty"
    CONFIG_KEY_MISSING = "config.key_missing"
    LOSS = "guard.loss"


CATALOG: dict[Msg, tuple[str, str]] = {
    Msg.LOG_OK: ("Thành công", "OK"),
    Msg.LOG_FAILED: ("Thất bại", "Failed"),
    Msg.LOG_AS_OF: ("Đánh giá theo ngày {date}", "Evaluated as of {date}"),
    Msg.LAYOUT_TAB: ("Thiếu tab '{tab}' trong {book}.", "Tab '{tab}' is missing from {book}."),
    Msg.LAYOUT_COLUMN: (
        "Tab '{tab}' thiếu cột bắt buộc '{column}' (hàng tiêu đề là hàng đầu tiên có dữ liệu).",
        "Tab '{tab}' lacks the required column '{column}' (the header row is the first non-empty row).",
    ),
    Msg.GUARD_EMPTY: (
        "Tab '{tab}' đọc ra trống hoàn toàn, trong khi lần đồng bộ trước có {rows} dòng; không ghi đè các tab tổng hợp. "
        "Hãy kiểm tra bảng tính (có thể bị xóa nhầm: xem `daisuso snapshots`). Nếu đúng là tab đã được làm trống, chạy lại với --force.",
        "Tab '{tab}' reads completely empty, but the last sync read {rows} rows; the summary tabs are left as they were. "
        "Check the spreadsheet (rows deleted by mistake? see `daisuso snapshots`). If the tab really was emptied, run again with --force.",
    ),
    Msg.LAYOUT_FIX: (
        "Chạy `daisuso init` để tạo các tab và tiêu đề còn thiếu.",
        "Run `daisuso init` to add missing tabs and headers.",
    ),
    Msg.CONFIG_KEY_MISSING: (
        "Thiếu spreadsheet.key cho backend google (DAISUSO_SPREADSHEET__KEY).",
        "spreadsheet.key is required for the google backend (DAISUSO_SPREADSHEET__KEY).",
    ),
    Msg.LOSS: (
        "Tab '{tab}' mất {lost} dòng kể từ lần đồng bộ trước ({before} → {after}). Các dòng này còn trong bản lưu {snapshot}: daisuso restore {snapshot} --to khoi-phuc.xlsx",
        "Tab '{tab}' lost {lost} rows since the last sync ({before} → {after}). They are kept in snapshot {snapshot}: daisuso restore {snapshot} --to restored.xlsx",
    ),
}


def in_lang(lang: str, vi: str, en: str) -> str:
    """The sentence for `lang`: English with "en", Vietnamese otherwise."""
    return en if lang == Lang.EN else vi


def say(key: Msg, lang: str, **params: object) -> str:
    return pick(CATALOG[key], lang).format(**params)


def layout_message(problem: LayoutProblem, book: str, lang: str) -> str:
    lines = [
        say(Msg.LAYOUT_TAB, lang, tab=tab, book=book)
        if column is None
        else say(Msg.LAYOUT_COLUMN, lang, tab=tab, column=column)
        for tab, column in problem.missing
    ]
    lines.append(say(Msg.LAYOUT_FIX, lang))
    return "\n".join(lines)
